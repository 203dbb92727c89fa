/**
 * Joins a workstation's database to the office hub: the HTTP client, the clock corrected by the
 * hub's, live replication of every collection its kind may read, and ticket numbers leased from
 * the hub. Used by the screens (app/workstation.ts) and by the tests' simulated workstations alike.
 */
import { slotFromToken } from '../../../electron/common/contract/hub';
import type { OkienkoDatabase } from '../database';
import { HubNumbers, type HubNumbersOptions } from '../numbering';
import type { RemoteCalls } from '../queue';
import type { PickReason } from '../../../electron/common/domain/ordering';
import type { Ticket } from '../../../electron/common/domain/ticket';
import { HubClient, HubError } from './hub-client';
import { HubClock, type OffsetStore } from './hub-clock';
import { startSync, type SyncHandle } from './replication';

export interface HubSettings {
  readonly url: string;
  /** The bearer: a session (or, from the tests' tools, a token), or a function asked at each request. */
  readonly token: string | (() => string | null);
  /** The workstation's slot; read from the token when it is a string. */
  readonly slot?: number;
  /** The hub refused the bearer: fetch another. */
  readonly onUnauthorized?: () => void;
}

export interface HubLink {
  readonly client: HubClient;
  readonly clock: HubClock;
  readonly sync: SyncHandle;
  readonly numbers: HubNumbers;
  readonly remote: RemoteCalls;
}

export class HubSettingsError extends Error {}

export function connectHub(
  db: OkienkoDatabase,
  settings: HubSettings,
  options: {
    appVersion: string;
    localClock?: () => number;
    offsetStore?: OffsetStore;
    fetch?: typeof fetch;
    numbers?: HubNumbersOptions;
    retryMs?: number;
  },
): HubLink {
  const slot = settings.slot ?? (typeof settings.token === 'string' ? slotFromToken(settings.token) : null);
  if (slot === null) throw new HubSettingsError('The hub token is not an Okienko workstation token (okh_<slot>_…)');
  const clock = new HubClock(options.localClock, options.offsetStore);
  const client = new HubClient({
    url: settings.url,
    token: settings.token,
    ...(settings.onUnauthorized ? { onUnauthorized: settings.onUnauthorized } : {}),
    appVersion: options.appVersion,
    clock,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const sync = startSync({
    db,
    client,
    hubId: hubIdOf(settings.url),
    ...(options.retryMs ? { retryMs: options.retryMs } : {}),
  });
  const numbers = new HubNumbers(db, client, slot, options.numbers);
  // The hub picks with its copy of the counter: let the counter's own latest word (services, a
  // break) reach it first — briefly; a slow hub is still asked.
  const remote = hubCalls(
    client,
    () => sync.status.connection === 'online',
    (counter) => sync.whenSent('counters', String(counter), COUNTER_SENT_WAIT_MS),
  );
  return { client, clock, sync, numbers, remote };
}

/** A short, stable name for a hub, so checkpoints of two hubs never mix in one database. */
export function hubIdOf(url: string): string {
  let hash = 5381;
  for (const char of url.replace(/\/+$/, '').toLowerCase()) hash = ((hash * 33) ^ char.charCodeAt(0)) >>> 0;
  return hash.toString(36);
}

/** How long "call next" waits for the counter's own latest change to reach the hub first. */
export const COUNTER_SENT_WAIT_MS = 1500;

/**
 * "Call next" asked of the hub. An answer lost on the way is asked for again with the same request
 * id (the hub answers with the visitor it already called, never a second one); a call still
 * unanswered when the clerk gave up is asked for first at the next press, so a visitor the hub
 * called then is not left standing while a second one is called on top.
 */
export function hubCalls(
  client: Pick<HubClient, 'callNext'>,
  online: () => boolean,
  /** Resolves when the counter's latest local change has reached the hub (or it waited long enough). */
  counterSent: (counter: number) => Promise<unknown> = async () => undefined,
): RemoteCalls {
  /** Per counter: a call the hub may have made although its answer never came. */
  const unanswered = new Map<number, string>();
  const newRequestId = (station: string, counter: number) =>
    `${station}-${counter}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  return {
    async callNext(request) {
      // Offline (as far as the stream knows): do not make the clerk wait for a timeout.
      if (!online()) throw new HubError('offline', 0, 'Hub offline');
      await counterSent(request.counter);
      const earlier = unanswered.get(request.counter);
      let requestId = earlier ?? newRequestId(request.station, request.counter);
      for (let attempt = 1; ; attempt++) {
        try {
          const response = await client.callNext({ ...request, requestId });
          unanswered.delete(request.counter);
          const ticket = response.ticket as unknown as Ticket | null;
          if (requestId === earlier && !(ticket && ticket.state === 'called' && ticket.counter === request.counter)) {
            // That earlier call found nobody, or its visitor has moved on since: a new call.
            requestId = newRequestId(request.station, request.counter);
            attempt = 0;
            continue;
          }
          return { ticket, reason: response.reason as PickReason | null };
        } catch (error) {
          if (error instanceof HubError && error.ambiguous) unanswered.set(request.counter, requestId);
          if (!(error instanceof HubError) || !error.ambiguous || attempt >= 3 || !online()) throw error;
        }
      }
    },
  };
}
