/**
 * The workstations' live streams (`/sync/stream`). Every committed change goes to each of them;
 * a stream whose token or session is revoked (or whose person is disabled) while it is open is
 * closed at the next heartbeat.
 */
import type http from 'node:http';
import { HUB_STREAM_EVENTS, type StreamEvent } from '../../common/contract/hub';
import type { SqlQueryable } from '../sql';
import { SseHub, sseEvent, type SseClient } from '../sse';
import { authenticateBearer } from '../sessions';

export class SyncStreams {
  private readonly tokens = new WeakMap<SseClient, string>();
  private readonly streams: SseHub;

  constructor(
    heartbeatMs: number,
    private readonly db: SqlQueryable,
    private readonly now: () => number,
  ) {
    this.streams = new SseHub(heartbeatMs, (client) => this.checkToken(client));
  }

  /** Takes over the request as a stream opened with `token`. */
  open(
    request: http.IncomingMessage,
    response: http.ServerResponse,
    token: string,
    headers: Readonly<Record<string, string>>,
  ): SseClient {
    const client = this.streams.open(request, response, headers);
    this.tokens.set(client, token);
    return client;
  }

  /** Serialised once for every client, and not at all when nobody listens. */
  broadcast(event: StreamEvent): void {
    if (this.streams.size > 0) this.streams.broadcast(sseEvent(HUB_STREAM_EVENTS.change, event));
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
