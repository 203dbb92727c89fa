/**
 * The workstation's HTTP client for the office hub (protocol: electron/common/contract/hub.ts). It runs
 * wherever RxDB runs — in a window, or in a Node worker in tests — using only `fetch`. It learns
 * the hub's clock from every response, so the workstation can correct its own.
 */
import {
  CallNextResponseSchema,
  CheckpointSchema,
  CLIENT_VERSION_HEADER,
  HUB_API_PREFIX,
  HUB_SYNC_EPOCH_HEADER,
  HUB_TIME_HEADER,
  LeaseResponseSchema,
  MeResponseSchema,
  PullResponseSchema,
  PushResponseSchema,
  StreamEventSchema,
  type CallNextRequest,
  type CallNextResponse,
  type Checkpoint,
  type LeaseRequest,
  type LeaseResponse,
  type MeResponse,
  type PullResponse,
  type StreamEvent,
  type SyncCollection,
  type WireDocument,
} from '../../../electron/common/contract/hub';
import type { ClockCorrection } from './hub-clock';
import { realTimers, type Timers } from '../../../electron/common/timers';

export type HubFailureKind = 'offline' | 'unauthorized' | 'upgrade-required' | 'rejected' | 'server';

/** Why a hub call failed, in a form the status bar can explain. */
export class HubError extends Error {
  constructor(
    readonly kind: HubFailureKind,
    readonly status: number,
    message: string,
    /** The hub's error code (`counter-busy`, `unknown-token`…), when it sent one. */
    readonly code?: string,
    /** The request may have reached the hub and taken effect (no answer in time). */
    readonly ambiguous = false,
  ) {
    super(message);
    this.name = 'HubError';
  }
}

export interface HubClientOptions {
  readonly url: string;
  /**
   * What the requests carry: a session the station opened for this workstation's windows (`oks_…`),
   * asked for each request, since it changes when someone signs in or out; null while there is none
   * (the station cannot reach the hub either), which counts as offline.
   */
  readonly token: string | (() => string | null);
  /** The hub refused the session (ended, revoked, or the person was disabled): ask the station for another. */
  readonly onUnauthorized?: () => void;
  readonly appVersion: string;
  readonly clock?: ClockCorrection;
  /** Per request; a hub that does not answer in time counts as offline. */
  readonly timeoutMs?: number;
  /**
   * The live stream counts as dead when nothing (not even the hub's heartbeat, every 15 s) came
   * for this long: a half-open connection would otherwise look online for ever.
   */
  readonly streamIdleMs?: number;
  readonly fetch?: typeof fetch;
  /** The request timeouts and the stream's silence watch run on these (tests pass a manual clock). */
  readonly timers?: Timers;
}

/** What the hub answered a push (PushResponse, with `stored` always there). */
export interface PushAnswer {
  /** The hub's state of each document refused because the workstation assumed another. */
  readonly conflicts: WireDocument[];
  /** Accepted documents as stored, with the hub's stamp (tickets being called or served). */
  readonly stored: WireDocument[];
}

export class HubClient {
  private readonly base: string;
  private readonly fetcher: typeof fetch;
  private readonly timers: Timers;

  constructor(private readonly options: HubClientOptions) {
    this.base = options.url.replace(/\/+$/, '');
    this.fetcher = options.fetch ?? ((input, init) => fetch(input, init));
    this.timers = options.timers ?? realTimers;
  }

  me(): Promise<MeResponse> {
    return this.request('GET', '/me', undefined, (json) => MeResponseSchema.parse(json));
  }

  pull(collection: SyncCollection, checkpoint: Checkpoint | null, limit: number): Promise<PullResponse> {
    const query = new URLSearchParams({ limit: String(limit) });
    if (checkpoint) {
      query.set('stamp', String(checkpoint.stamp));
      query.set('id', checkpoint.id);
    }
    return this.request('GET', `/sync/${collection}/pull?${query}`, undefined, (json) =>
      PullResponseSchema.parse(json),
    );
  }

  /**
   * The hub's answer: the real conflicts (its state where ours was not the one we assumed), and apart
   * from them, for stamped collections, the stored versions of calls it accepted.
   */
  push(
    collection: SyncCollection,
    rows: readonly { newDocumentState: WireDocument; assumedMasterState?: WireDocument }[],
  ): Promise<PushAnswer> {
    return this.request('POST', `/sync/${collection}/push`, { rows }, (json) => {
      const response = PushResponseSchema.parse(json);
      return { conflicts: response.conflicts, stored: response.stored ?? [] };
    });
  }

  /** A clerk is waiting: a short timeout, after which the caller asks again with the same request id. */
  callNext(request: CallNextRequest): Promise<CallNextResponse> {
    return this.request('POST', '/queue/call-next', request, (json) => CallNextResponseSchema.parse(json), 4000);
  }

  lease(request: LeaseRequest): Promise<LeaseResponse> {
    return this.request('POST', '/numbers/lease', request, (json) => LeaseResponseSchema.parse(json));
  }

  /**
   * The hub's change feed. Resolves once connected, with the hub's sync epoch (null from a hub that
   * does not send one); `onEvent` gets every change, `onClose` is called once when the stream ends
   * for any reason (the caller reconnects).
   */
  async stream(handlers: {
    onEvent: (event: StreamEvent) => void;
    onClose: (error?: unknown) => void;
    signal: AbortSignal;
  }): Promise<{ syncEpoch: string | null }> {
    const sentAt = this.localNow();
    let response: Response;
    try {
      response = await this.fetcher(`${this.base}${HUB_API_PREFIX}/sync/stream`, {
        headers: this.headers({ accept: 'text/event-stream' }),
        signal: handlers.signal,
      });
    } catch (error) {
      throw new HubError('offline', 0, `Hub not reachable: ${describe(error)}`);
    }
    this.learnTime(response, sentAt);
    if (response.status === 401) this.options.onUnauthorized?.();
    if (!response.ok || !response.body) throw await this.failure(response);
    const reader = response.body.getReader();
    const idleMs = this.options.streamIdleMs ?? 45_000;
    let silent = false;
    let idle: unknown = null;
    const watch = () => {
      if (idle) this.timers.clearTimeout(idle);
      idle = this.timers.setTimeout(() => {
        silent = true;
        void reader.cancel().catch(() => undefined);
      }, idleMs);
    };
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        watch();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          watch();
          buffer += decoder.decode(value, { stream: true });
          let boundary = buffer.indexOf('\n\n');
          while (boundary >= 0) {
            const frame = buffer.slice(0, boundary);
            buffer = buffer.slice(boundary + 2);
            const event = parseSseFrame(frame);
            if (event?.event === 'change') {
              const parsed = StreamEventSchema.safeParse(safeJson(event.data));
              if (parsed.success) handlers.onEvent(parsed.data);
            }
            boundary = buffer.indexOf('\n\n');
          }
        }
        handlers.onClose(
          silent ? new HubError('offline', 0, `The hub's stream went silent for ${idleMs} ms`) : undefined,
        );
      } catch (error) {
        handlers.onClose(error);
      } finally {
        if (idle) this.timers.clearTimeout(idle);
      }
    })();
    return { syncEpoch: response.headers.get(HUB_SYNC_EPOCH_HEADER) };
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const { token } = this.options;
    const bearer = typeof token === 'function' ? token() : token;
    if (bearer === null) throw new HubError('offline', 0, 'No session for the hub yet');
    return {
      authorization: `Bearer ${bearer}`,
      [CLIENT_VERSION_HEADER]: this.options.appVersion,
      ...extra,
    };
  }

  private async request<T>(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    parse: (json: unknown) => T,
    timeoutMs?: number,
  ): Promise<T> {
    const controller = new AbortController();
    const timer = this.timers.setTimeout(() => controller.abort(), timeoutMs ?? this.options.timeoutMs ?? 10_000);
    const sentAt = this.localNow();
    let response: Response;
    try {
      const headers = this.headers(body === undefined ? {} : { 'content-type': 'application/json' });
      response = await this.fetcher(`${this.base}${HUB_API_PREFIX}${path}`, {
        method,
        headers,
        body: body === undefined ? null : JSON.stringify(body),
        signal: controller.signal,
      });
    } catch (error) {
      // Our own timeout fired: the hub got the request but did not answer in time, or never got it.
      throw new HubError('offline', 0, `Hub not reachable: ${describe(error)}`, undefined, controller.signal.aborted);
    } finally {
      this.timers.clearTimeout(timer);
    }
    this.learnTime(response, sentAt);
    if (response.status === 401) this.options.onUnauthorized?.();
    if (!response.ok) throw await this.failure(response);
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      throw new HubError('server', response.status, 'The hub sent a reply that is not JSON');
    }
    try {
      return parse(json);
    } catch {
      throw new HubError('server', response.status, 'The hub sent a reply of another protocol version');
    }
  }

  private learnTime(response: Response, sentAt: number): void {
    const hubTime = Number(response.headers.get(HUB_TIME_HEADER));
    if (Number.isFinite(hubTime) && hubTime > 0) this.options.clock?.observe(sentAt, hubTime, this.localNow());
  }

  private localNow(): number {
    return this.options.clock ? this.options.clock.local() : Date.now();
  }

  private async failure(response: Response): Promise<HubError> {
    let message = `Hub answered ${response.status}`;
    let code: string | undefined;
    try {
      const body = (await response.json()) as { message?: unknown; error?: unknown };
      if (typeof body.message === 'string') message = body.message;
      if (typeof body.error === 'string') code = body.error;
    } catch {
      // not JSON: keep the status line
    }
    const kind: HubFailureKind =
      response.status === 401 || response.status === 403
        ? 'unauthorized'
        : response.status === 426
          ? 'upgrade-required'
          : response.status >= 500
            ? 'server'
            : 'rejected';
    return new HubError(kind, response.status, message, code);
  }
}

export function parseSseFrame(frame: string): { event: string; data: string } | null {
  let event = 'message';
  const data: string[] = [];
  for (const line of frame.split('\n')) {
    if (line.startsWith(':') || line === '') continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  return data.length || event !== 'message' ? { event, data: data.join('\n') } : null;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export { CheckpointSchema };
