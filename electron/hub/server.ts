/**
 * The hub's HTTP server (node:http, no framework): the protocol of electron/common/contract/hub.ts, the
 * waiting-room board, and the built renderer for TVs.
 *
 * Every API request passes the same gates, in this order, and nothing is stored unless all pass:
 *   API version in the path (404, 426) → route known (404) → method (405) → the client's app version
 *   (426) → token (401; not for /board) → collection (404) → body size (413) → JSON (400) → envelope
 *   (400) → documents against their schema (422).
 * Every response, errors and event streams included, carries `x-okienko-time`.
 *
 * This file composes the parts in http/: the router (router.ts) and its handlers (handlers/), the
 * gates (gates.ts, body.ts), CORS (cors.ts), and the live streams of workstations and TVs.
 */
import type { DirectoryConfig } from './directory';
import { AttemptLimiter } from '../node/accounts/throttle';
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import path from 'node:path';
import { HUB_TIME_HEADER } from '../common/contract/hub';
import { DEFAULT_KEEP_DAYS } from '../common/eservices/session';
import { listen } from '../node/listen';
import { serveStatic } from '../node/static-files';
import type { Logger } from '../station/log';
import { BOARD_COLLECTIONS } from './board';
import type { ChangeFeed } from './change-feed';
import { MIN_CLIENT_VERSION } from './client-version';
import { dispatchApi } from './http/api';
import { BoardStreams } from './http/board-streams';
import type { HubServices, RequestContext } from './http/context';
import { answerPreflight, setCorsHeaders } from './http/cors';
import { answerFailure } from './http/failures';
import { health, runtime } from './http/handlers/status';
import { safePath } from './http/messages';
import { publicLimits } from './http/rate-limit';
import { SyncStreams } from './http/sync-streams';
import type { DatabaseKind } from './sql';
import type { HubStore } from './store';
import { TURN_NEAR_OFF, type TurnNearSettings } from './turn-near';

export interface HubServerOptions {
  readonly store: HubStore;
  readonly feed: ChangeFeed;
  readonly databaseKind: DatabaseKind;
  readonly port: number;
  readonly bind: string;
  readonly rendererDir: string;
  readonly log: Logger;
  readonly minClientVersion?: string;
  readonly heartbeatMs?: number;
  readonly maxBoardStreams?: number;
  readonly boardDebounceMs?: number;
  readonly now?: () => number;
  /** The certificate and key to serve HTTPS with (PEM); plain HTTP without, on the loopback only. */
  readonly tls?: { readonly cert: string; readonly key: string } | undefined;
  /** The office's directory (LDAP): people it knows sign in with its password. */
  readonly directory?: DirectoryConfig | undefined;
  /** The office's retention of a visitor's data in an assisted session (default DEFAULT_KEEP_DAYS). */
  readonly assistedKeepDays?: number | undefined;
  readonly publicUrl?: string | undefined;
  /** Public writes per minute per address (default PUBLIC_WRITES_PER_MINUTE; 0: no limit). */
  readonly publicWritesPerMinute?: number | undefined;
  /** The channels a kiosk may offer "your turn is near" on (turn-near.ts); none by default. */
  readonly turnNear?: TurnNearSettings | undefined;
}

export interface RunningHubServer {
  readonly url: string;
  readonly port: number;
  /** Ends every workstation's live stream: they reconnect and learn a new sync epoch at once. */
  dropSyncStreams(): void;
  close(): Promise<void>;
}

/** How long requests in flight (a push in its transaction) may take to finish when the server closes. */
const CLOSE_GRACE_MS = 5_000;

export async function startHubServer(options: HubServerOptions): Promise<RunningHubServer> {
  const hub = hubServices(options);
  const unsubscribe = hub.feed.subscribe((event) => {
    hub.syncStreams.broadcast(event);
    if (BOARD_COLLECTIONS.includes(event.collection)) hub.boardStreams.changed();
  });
  const rendererDir = path.resolve(options.rendererDir);
  const handler = (request: http.IncomingMessage, response: http.ServerResponse) =>
    serve(hub, rendererDir, request, response);
  const server = options.tls
    ? https.createServer({ cert: options.tls.cert, key: options.tls.key, minVersion: 'TLSv1.2' }, handler)
    : http.createServer(handler);
  // A call and a change on the live stream are small writes that must leave at once: no Nagle
  // delay on the TCP socket under TLS either (plain http servers already set it).
  if (options.tls) server.on('connection', (socket: Socket) => socket.setNoDelay(true));
  server.requestTimeout = 60_000;
  const { url, port } = await listen(server, options.port, options.bind, Boolean(options.tls));
  return {
    url,
    port,
    dropSyncStreams: () => hub.syncStreams.dropAll(),
    async close() {
      unsubscribe();
      hub.syncStreams.close();
      hub.boardStreams.close();
      await closeServer(server);
    },
  };
}

function hubServices(options: HubServerOptions): HubServices {
  const { store, log } = options;
  const now = options.now ?? Date.now;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  return {
    store,
    feed: options.feed,
    log,
    now,
    databaseKind: options.databaseKind,
    minClientVersion: options.minClientVersion ?? MIN_CLIENT_VERSION,
    syncStreams: new SyncStreams(heartbeatMs, store.db, now),
    signInAttempts: new AttemptLimiter(),
    directory: options.directory ?? null,
    assistedKeepDays: options.assistedKeepDays ?? DEFAULT_KEEP_DAYS,
    publicUrl: options.publicUrl ?? null,
    publicLimits: publicLimits(options.publicWritesPerMinute),
    turnNear: options.turnNear ?? TURN_NEAR_OFF,
    boardStreams: new BoardStreams({
      db: store.db,
      now,
      log,
      heartbeatMs,
      debounceMs: options.boardDebounceMs ?? 100,
      ...(options.maxBoardStreams ? { maxStreams: options.maxBoardStreams } : {}),
    }),
  };
}

/** One request, answered whatever it throws, and logged with its status and time taken. */
function serve(
  hub: HubServices,
  rendererDir: string,
  request: http.IncomingMessage,
  response: http.ServerResponse,
): void {
  const started = performance.now();
  route(hub, rendererDir, request, response)
    .catch((error: unknown) => answerFailure(request, response, error, hub.log))
    .finally(() => {
      hub.log.debug('request', {
        method: request.method,
        path: safePath(request),
        status: response.statusCode,
        ms: Math.round(performance.now() - started),
      });
    });
}

async function route(
  hub: HubServices,
  rendererDir: string,
  request: http.IncomingMessage,
  response: http.ServerResponse,
): Promise<void> {
  response.setHeader(HUB_TIME_HEADER, String(hub.now()));
  const url = new URL(request.url ?? '/', 'http://hub');
  const context: RequestContext = { hub, request, response, url };
  const pathname = url.pathname;
  const isApi = pathname === '/api' || pathname.startsWith('/api/');
  if (isApi || pathname === '/health' || pathname === '/runtime.json') {
    setCorsHeaders(request, response);
    if (request.method === 'OPTIONS') {
      answerPreflight(request, response);
      return;
    }
  }
  const reads = request.method === 'GET' || request.method === 'HEAD';
  if (pathname === '/health' && reads) return health(context);
  if (pathname === '/runtime.json' && reads) return runtime(context);
  if (isApi) return dispatchApi(context);
  return serveStatic(rendererDir, request, response);
}

async function closeServer(server: http.Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  // Requests in flight (a push in its transaction) may finish; give them a few seconds.
  const force = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
  await closed;
  clearTimeout(force);
}
