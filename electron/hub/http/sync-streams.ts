/**
 * The workstations' live streams (`/sync/stream`). Every committed change goes to each stream
 * whose workstation may read its collection (the pull rule of hub-access.ts: a kiosk or a board
 * never hears of an assisted session, an appointment or an alert); a stream whose token or session
 * is revoked (or whose person is disabled) while it is open is closed at the next heartbeat.
 */
import type http from 'node:http';
import { checkPull, type HubCaller } from '../../common/access/hub-access';
import { HUB_STREAM_EVENTS, SYNC_COLLECTIONS, type StreamEvent, type SyncCollection } from '../../common/contract/hub';
import type { SqlQueryable } from '../sql';
import { SseHub, sseEvent, type SseClient } from '../sse';
import { authenticateBearer } from '../sessions';

export class SyncStreams {
  private readonly tokens = new WeakMap<SseClient, string>();
  /** The collections each stream's workstation may read, fixed when it opens. */
  private readonly readable = new WeakMap<SseClient, ReadonlySet<SyncCollection>>();
  private readonly streams: SseHub;

  constructor(
    heartbeatMs: number,
    private readonly db: SqlQueryable,
    private readonly now: () => number,
  ) {
    this.streams = new SseHub(heartbeatMs, (client) => this.checkToken(client));
  }

  /** Takes over the request as a stream opened with `token` by `caller`. */
  open(
    request: http.IncomingMessage,
    response: http.ServerResponse,
    token: string,
    caller: HubCaller,
    headers: Readonly<Record<string, string>>,
  ): SseClient {
    const client = this.streams.open(request, response, headers);
    this.tokens.set(client, token);
    this.readable.set(client, new Set(SYNC_COLLECTIONS.filter((collection) => checkPull(collection, caller) === null)));
    return client;
  }

  /** Serialised once for every client that may read it, and not at all when nobody listens. */
  broadcast(event: StreamEvent): void {
    if (this.streams.size === 0) return;
    const frame = sseEvent(HUB_STREAM_EVENTS.change, event);
    this.streams.broadcast(frame, (client) => this.readable.get(client)?.has(event.collection) ?? false);
  }

  /** Ends every stream: the workstations reconnect (and learn a new sync epoch at once). */
  dropAll(): void {
    this.streams.dropAll();
  }

  close(): void {
    this.streams.closeAll();
  }

  private checkToken(client: SseClient): void {
    const token = this.tokens.get(client);
    if (!token) return;
    authenticateBearer(this.db, token, this.now()).then(
      (caller) => {
        if (!caller) client.close();
      },
      () => undefined,
    );
  }
}
