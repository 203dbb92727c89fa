/**
 * The live stream: one server-sent-events stream from the hub for all collections. Its events go
 * to the collections' replications; after every (re)connect each collection gets `RESYNC`, so a
 * change made while the stream was down is pulled. A stream that ends or cannot open is opened
 * again after the common retry schedule (electron/common/backoff.ts); the hub's heartbeats keep a
 * quiet stream alive, and a stream that misses them counts as ended (hub-client.ts).
 */
import type { StreamEvent } from '../../../electron/common/contract/hub';
import { retryDelay } from '../../../electron/common/backoff';
import type { HubClient } from './hub-client';
import type { Generations } from './generations';
import type { SyncStatusBoard, SyncSwitches } from './status';
import type { Timers } from '../../../electron/common/timers';

export interface LiveStreamContext {
  readonly client: Pick<HubClient, 'stream'>;
  /** Resolves once this window replicates (it leads). */
  readonly ready: Promise<void>;
  readonly generations: Pick<Generations, 'meet' | 'resync' | 'deliver'>;
  readonly status: SyncStatusBoard;
  readonly switches: SyncSwitches;
  readonly timers: Timers;
}

export class LiveStream {
  #abort: AbortController | null = null;
  #reconnectTimer: unknown = null;
  /** Failed attempts since the stream was last open: the index into the retry schedule. */
  #attempt = 0;

  constructor(private readonly context: LiveStreamContext) {}

  /** Opens the stream (closing one still open); on failure, tries again later. */
  async connect(): Promise<void> {
    const { client, generations, status, switches } = this.context;
    await this.context.ready;
    if (switches.stopped || switches.offline) return;
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    // Events must reach RxDB after the RESYNC below: one handled before it would move the
    // checkpoint past what changed while the stream was down, and the pull would skip that.
    const events = heldBack((event) => generations.deliver(event));
    try {
      const opened = await client.stream({
        signal: abort.signal,
        onEvent: (event) => {
          status.heard();
          events.push(event);
        },
        onClose: () => {
          if (abort.signal.aborted) return;
          status.set({ connection: 'offline' });
          this.#scheduleReconnect();
        },
      });
      this.#attempt = 0;
      if ((await generations.meet(opened.syncEpoch)) && (abort.signal.aborted || switches.stopped)) return;
      status.set({ connection: 'online', lastSyncAt: this.context.timers.now() });
      // Whatever changed while we were away: every collection pulls from its checkpoint.
      generations.resync();
      events.release();
    } catch (error) {
      if (abort.signal.aborted) return;
      // The stream may be open (a failure after it connected): end it, or it would live on.
      abort.abort();
      if (!status.refused(error)) status.set({ connection: 'offline' });
      this.#scheduleReconnect();
    }
  }

  /** Taken off the network: the stream ends and nothing reconnects. */
  disconnect(): void {
    this.stop();
    this.#reconnectTimer = null;
    this.context.status.set({ connection: 'offline' });
  }

  /** Back on the network: connects at once, and a failure retries from the start of the schedule. */
  reconnectNow(): void {
    this.#attempt = 0;
    void this.connect();
  }

  stop(): void {
    this.#abort?.abort();
    if (this.#reconnectTimer) this.context.timers.clearTimeout(this.#reconnectTimer);
  }

  #scheduleReconnect(): void {
    const { switches, timers } = this.context;
    if (switches.stopped || switches.offline || this.#reconnectTimer) return;
    const delay = retryDelay(this.#attempt++);
    this.#reconnectTimer = timers.setTimeout(() => {
      this.#reconnectTimer = null;
      void this.connect();
    }, delay);
  }
}

/** Passes events on only once released; until then it keeps them, in order. */
function heldBack(deliver: (event: StreamEvent) => void): { push(event: StreamEvent): void; release(): void } {
  let early: StreamEvent[] | null = [];
  return {
    push(event) {
      if (early) early.push(event);
      else deliver(event);
    },
    release() {
      const arrived = early ?? [];
      early = null;
      for (const event of arrived) deliver(event);
    },
  };
}
