/**
 * The hub's HTTP server (node:http, no framework): the protocol of electron/common/contract/hub.ts, the
 * waiting-room board, and the built renderer for TVs.
 *
 * Every request passes the same gates, in this order, and nothing is stored unless all pass:
 *   route known (404) → method (405) → API version in the path and the client's app version (426)
 *   → token (401; not for /board) → body size (413) → JSON (400) → envelope (400) → collection (404)
 *   → documents against their schema (422).
 * Every response, errors and event streams included, carries `x-okienko-time`.
 */
import http from 'node:http';
import path from 'node:path';
import type { z } from 'zod';
import {
  CLIENT_VERSION_HEADER,
  HUB_API_PREFIX,
  HUB_API_VERSION,
  HUB_STREAM_EVENTS,
  HUB_SYNC_EPOCH_HEADER,
  HUB_TIME_HEADER,
  isSyncCollection,
  LeaseRequestSchema,
  MAX_BODY_BYTES,
  MAX_PULL_LIMIT,
  PushRequestSchema,
  STAMPED_COLLECTIONS,
  CallNextRequestSchema,
  type CallNextResponse,
  type Checkpoint,
  type Health,
  type HubError,
  type MeResponse,
  type PushResponse,
  type StreamReady,
  type SyncCollection,
} from '../common/contract/hub';
import { listen } from '../node/listen';
import { serveStatic, SECURITY_HEADERS } from '../node/static-files';
import { describeError, type Logger } from '../station/log';
import { APP_VERSION } from '../station/version';
import { boardSnapshot, BOARD_COLLECTIONS } from './board';
import type { ChangeFeed } from './change-feed';
import { clientVersionProblem, MIN_CLIENT_VERSION } from './client-version';
import { badRequest, HubFailure } from './errors';
import type { DatabaseKind } from './sql';
import { SseHub, sseEvent, type SseClient } from './sse';
import type { HubStore } from './store';
import { authenticate, type Station } from './tokens';

export const DEFAULT_PULL_LIMIT = 100;

/** Tickets whose confirmation a workstation waits for: the board and the counter show these. */
const CONFIRMED_STATES = new Set(['called', 'serving']);

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
  readonly boardDebounceMs?: number;
  readonly now?: () => number;
}

export interface RunningHubServer {
  readonly url: string;
  readonly port: number;
  /** Ends every workstation's live stream: they reconnect and learn a new sync epoch at once. */
  dropSyncStreams(): void;
  close(): Promise<void>;
}

interface Route {
  readonly method: 'GET' | 'POST';
  /** Board routes: no token, and the version header is checked only when sent (a TV's EventSource cannot send it). */
  readonly public?: boolean;
  readonly handle: (context: RequestContext) => Promise<void>;
}

interface RequestContext {
  readonly request: http.IncomingMessage;
  readonly response: http.ServerResponse;
  readonly url: URL;
  readonly station: Station | null;
  readonly collection: SyncCollection | null;
  readonly token: string | null;
}

export async function startHubServer(options: HubServerOptions): Promise<RunningHubServer> {
  const { store, feed, log } = options;
  const now = options.now ?? Date.now;
  const rendererDir = path.resolve(options.rendererDir);
  const minimum = options.minClientVersion ?? MIN_CLIENT_VERSION;
  const heartbeatMs = options.heartbeatMs ?? 15_000;

  // --- live streams -------------------------------------------------------------------------
  const streamTokens = new WeakMap<SseClient, string>();
  const syncStreams = new SseHub(heartbeatMs, (client) => {
    // A token revoked while its stream is open loses the stream at the next heartbeat.
    const token = streamTokens.get(client);
    if (!token) return;
    authenticate(store.db, token).then(
      (station) => {
        if (!station) client.close();
      },
      () => undefined,
    );
  });
  const boardStreams = new SseHub(heartbeatMs);
  let lastBoard = '';
  let boardTimer: NodeJS.Timeout | null = null;
  const refreshBoard = () => {
    boardTimer = null;
    if (boardStreams.size === 0) return;
    boardSnapshot(store.db, now()).then(
      (snapshot) => {
        const json = JSON.stringify(snapshot);
        if (json === lastBoard) return;
        lastBoard = json;
        boardStreams.broadcast(sseEvent(HUB_STREAM_EVENTS.snapshot, json));
      },
      (error: unknown) => log.warn('board snapshot failed', { error: describeError(error) }),
    );
  };
  const scheduleBoard = () => {
    boardTimer ??= setTimeout(refreshBoard, options.boardDebounceMs ?? 100);
  };
  // The office day turns at midnight with no document changing; look once a minute.
  const boardClock = setInterval(refreshBoard, 60_000);
  boardClock.unref();

  const unsubscribe = feed.subscribe((event) => {
    // Serialised once for every client, and not at all when nobody listens.
    if (syncStreams.size > 0) syncStreams.broadcast(sseEvent(HUB_STREAM_EVENTS.change, event));
    if (BOARD_COLLECTIONS.includes(event.collection)) scheduleBoard();
  });

  // --- routes -------------------------------------------------------------------------------
  const json = (response: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const text = JSON.stringify(body);
    response.writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(text)),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      ...headers,
    });
    response.end(text);
  };

  const routes = (pathname: string): { route: Route; collection: string | null } | null => {
    const sync = /^\/sync\/([^/]+)\/(pull|push)$/.exec(pathname);
    if (sync) {
      const collection = decodeSegment(sync[1]!);
      return sync[2] === 'pull'
        ? { route: { method: 'GET', handle: pull }, collection }
        : { route: { method: 'POST', handle: push }, collection };
    }
    const fixed: Record<string, Route> = {
      '/me': { method: 'GET', handle: me },
      '/sync/stream': { method: 'GET', handle: syncStream },
      '/numbers/lease': { method: 'POST', handle: lease },
      '/queue/call-next': { method: 'POST', handle: callNext },
      '/board': { method: 'GET', public: true, handle: board },
      '/board/stream': { method: 'GET', public: true, handle: boardStream },
    };
    const route = fixed[pathname];
    return route ? { route, collection: null } : null;
  };

  async function me({ response, station }: RequestContext) {
    const body: MeResponse = { station: station!.name, slot: station!.slot };
    json(response, 200, body);
  }

  async function pull({ response, url, collection }: RequestContext) {
    const { checkpoint, limit } = parsePullQuery(url.searchParams);
    json(response, 200, await store.pull(collection!, checkpoint, limit));
  }

  async function push({ request, response, collection }: RequestContext) {
    const body = parse(
      PushRequestSchema,
      await readJson(request),
      'a push is {rows: [{newDocumentState, assumedMasterState?}]}',
    );
    log.debug('push', { collection: collection!, rows: body.rows.length });
    const outcome = await store.push(collection!, body.rows);
    feed.committed(outcome.written);
    // A stamped document is stored with a field the workstation did not send (the stamp). The
    // stored versions of calls in progress go back with the answer, so the counter and the board
    // learn at once that the hub confirmed them — the live stream cannot tell them, because their
    // copy is still "pending" when the stream event arrives. Other documents need no stamp there.
    const stored = STAMPED_COLLECTIONS.includes(collection!)
      ? [...new Map(outcome.written.map((entry) => [entry.document.id, entry.document])).values()].filter((document) =>
          CONFIRMED_STATES.has(String(document.state)),
        )
      : [];
    const reply: PushResponse = stored.length
      ? { conflicts: outcome.conflicts, stored }
      : { conflicts: outcome.conflicts };
    json(response, 200, reply);
  }

  async function lease({ request, response, station }: RequestContext) {
    const body = parse(
      LeaseRequestSchema,
      await readJson(request),
      'a lease request is {day: "YYYY-MM-DD", service, size: 1..500}',
    );
    json(response, 200, await store.leaseNumbers(body.day, body.service, body.size, station!.tokenId));
  }

  async function callNext({ request, response }: RequestContext) {
    const body = parse(CallNextRequestSchema, await readJson(request), 'a call is {counter: 1..999, station, clerk?}');
    const outcome = await store.callNext(body, Date.now());
    feed.committed(outcome.written);
    const reply: CallNextResponse = { ticket: outcome.ticket, reason: outcome.reason };
    json(response, 200, reply);
  }

  async function syncStream({ request, response, token }: RequestContext) {
    const client = syncStreams.open(request, response, { [HUB_SYNC_EPOCH_HEADER]: await store.syncEpoch() });
    streamTokens.set(client, token!);
    const ready: StreamReady = { stamp: feed.publishedStamp };
    client.send(sseEvent(HUB_STREAM_EVENTS.ready, ready));
  }

  async function board({ response }: RequestContext) {
    json(response, 200, await boardSnapshot(store.db, now()));
  }

  async function boardStream({ request, response }: RequestContext) {
    const snapshot = await boardSnapshot(store.db, now());
    const client = boardStreams.open(request, response, {});
    client.send(sseEvent(HUB_STREAM_EVENTS.snapshot, snapshot));
  }

  async function api(request: http.IncomingMessage, response: http.ServerResponse, url: URL): Promise<void> {
    const versionMatch = /^\/api\/v(\d+)(?=\/|$)/.exec(url.pathname);
    if (!versionMatch) throw new HubFailure(404, 'not-found', `No such address: ${url.pathname.slice(0, 100)}`);
    if (Number(versionMatch[1]) !== HUB_API_VERSION) {
      throw new HubFailure(
        426,
        'api-version',
        `This hub speaks ${HUB_API_PREFIX}, not /api/v${versionMatch[1]}; install an Okienko version that matches the hub (${minimum} or newer)`,
      );
    }
    const found = routes(url.pathname.slice(HUB_API_PREFIX.length));
    if (!found) throw new HubFailure(404, 'not-found', `No such address: ${url.pathname.slice(0, 100)}`);
    const { route } = found;
    if (request.method !== route.method) {
      throw new HubFailure(
        405,
        'method-not-allowed',
        `${url.pathname.slice(0, 100)} takes ${route.method}, not ${String(request.method).slice(0, 10)}`,
      );
    }
    const version = headerValue(request, CLIENT_VERSION_HEADER);
    if (!route.public || version !== undefined) {
      const problem = clientVersionProblem(version, minimum);
      if (problem) throw new HubFailure(426, 'client-too-old', problem);
    }
    let station: Station | null = null;
    let token: string | null = null;
    if (!route.public) {
      token = bearerToken(request);
      station = await authenticate(store.db, token);
      if (!station)
        throw new HubFailure(
          401,
          'unknown-token',
          'This token is unknown or was revoked; ask the administrator to enrol this workstation again',
        );
    }
    let collection: SyncCollection | null = null;
    if (found.collection !== null) {
      if (!isSyncCollection(found.collection)) {
        throw new HubFailure(
          404,
          'unknown-collection',
          `"${found.collection.slice(0, 64)}" is not a collection this hub replicates`,
        );
      }
      collection = found.collection;
    }
    await route.handle({ request, response, url, station, collection, token });
  }

  async function health(response: http.ServerResponse) {
    try {
      const lag = await feed.lag();
      const body: Health = {
        ok: true,
        version: APP_VERSION,
        api: HUB_API_VERSION,
        database: options.databaseKind,
        stamp: lag.newest,
        lag: { stamps: lag.stamps, ms: lag.ms },
      };
      json(response, 200, body);
    } catch (error) {
      log.warn('health check: database unreachable', { error: describeError(error) });
      const body: Health = {
        ok: false,
        version: APP_VERSION,
        api: HUB_API_VERSION,
        database: options.databaseKind,
        stamp: feed.publishedStamp,
        lag: { stamps: 0, ms: 0 },
      };
      json(response, 503, body);
    }
  }

  // --- the server ---------------------------------------------------------------------------
  const handle = async (request: http.IncomingMessage, response: http.ServerResponse) => {
    response.setHeader(HUB_TIME_HEADER, String(Date.now()));
    const url = new URL(request.url ?? '/', 'http://hub');
    const pathname = url.pathname;
    const isApi = pathname === '/api' || pathname.startsWith('/api/');
    if (isApi || pathname === '/health' || pathname === '/runtime.json') {
      setCorsHeaders(request, response);
      if (request.method === 'OPTIONS') {
        answerPreflight(request, response);
        return;
      }
    }
    if (pathname === '/health' && (request.method === 'GET' || request.method === 'HEAD')) return health(response);
    if (pathname === '/runtime.json' && (request.method === 'GET' || request.method === 'HEAD')) {
      json(response, 200, { mode: 'hub' }, { ...SECURITY_HEADERS });
      return;
    }
    if (isApi) return api(request, response, url);
    return serveStatic(rendererDir, request, response);
  };

  const server = http.createServer((request, response) => {
    const started = performance.now();
    handle(request, response)
      .catch((error: unknown) => {
        const failure = toFailure(error);
        if (failure.status >= 500)
          log.error('request failed', { method: request.method, path: safePath(request), error: describeError(error) });
        if (response.headersSent) {
          response.destroy();
          return;
        }
        const body: HubError = { error: failure.code, message: failure.message };
        const headers: Record<string, string> = {};
        if (failure.status === 401) headers['WWW-Authenticate'] = 'Bearer realm="okienko-hub"';
        json(response, failure.status, body, headers);
        if (failure.status === 413) discardRest(request);
      })
      .finally(() => {
        log.debug('request', {
          method: request.method,
          path: safePath(request),
          status: response.statusCode,
          ms: Math.round(performance.now() - started),
        });
      });
  });
  server.requestTimeout = 60_000;

  const { url, port } = await listen(server, options.port, options.bind);

  return {
    url,
    port,
    dropSyncStreams: () => syncStreams.dropAll(),
    async close() {
      unsubscribe();
      clearInterval(boardClock);
      if (boardTimer) clearTimeout(boardTimer);
      syncStreams.closeAll();
      boardStreams.closeAll();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // Requests in flight (a push in its transaction) may finish; give them a few seconds.
      const force = setTimeout(() => server.closeAllConnections(), 5_000);
      await closed;
      clearTimeout(force);
    },
  };
}

// --- request helpers (pure or nearly) ----------------------------------------------------------

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function headerValue(request: http.IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function bearerToken(request: http.IncomingMessage): string {
  const header = headerValue(request, 'authorization');
  if (!header)
    throw new HubFailure(
      401,
      'no-token',
      'This request carries no token (Authorization: Bearer …); enrol the workstation with `npm run hub -- token create`',
    );
  const match = /^Bearer\s+(\S{1,200})\s*$/i.exec(header);
  if (!match) throw new HubFailure(401, 'no-token', 'The Authorization header must be "Bearer <token>"');
  return match[1]!;
}

const PULL_PARAMETERS = new Set(['stamp', 'id', 'limit']);

/** `?stamp&id&limit`: both checkpoint fields or neither; anything else (RxDB's `lwt`) is refused. */
export function parsePullQuery(params: URLSearchParams): { checkpoint: Checkpoint | null; limit: number } {
  for (const key of new Set(params.keys())) {
    if (!PULL_PARAMETERS.has(key)) {
      throw badRequest(
        `Unknown pull parameter "${key.slice(0, 32)}": a checkpoint is ?stamp=<n>&id=<id> from this hub (not RxDB's {id, lwt})`,
      );
    }
    if (params.getAll(key).length > 1) throw badRequest(`Pull parameter "${key}" is given twice`);
  }
  const stamp = params.get('stamp');
  const id = params.get('id');
  let checkpoint: Checkpoint | null = null;
  if (stamp !== null || id !== null) {
    if (stamp === null || id === null) throw badRequest('A checkpoint needs both stamp and id');
    if (!/^\d{1,15}$/.test(stamp)) throw badRequest('Checkpoint stamp must be a whole number');
    if (id.length > 128) throw badRequest('Checkpoint id is longer than 128 characters');
    checkpoint = { stamp: Number(stamp), id };
  }
  const limitText = params.get('limit');
  let limit = DEFAULT_PULL_LIMIT;
  if (limitText !== null) {
    if (!/^\d{1,9}$/.test(limitText) || Number(limitText) < 1) throw badRequest('limit must be a whole number from 1');
    limit = Math.min(Number(limitText), MAX_PULL_LIMIT);
  }
  return { checkpoint, limit };
}

/** Reads at most MAX_BODY_BYTES and parses it; 413 as soon as the body is known to be larger. */
function readJson(request: http.IncomingMessage): Promise<unknown> {
  const declared = Number(headerValue(request, 'content-length'));
  const tooLarge = () =>
    new HubFailure(413, 'too-large', `The body is larger than ${MAX_BODY_BYTES} bytes; send fewer rows at a time`);
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        cleanup();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') {
        reject(badRequest('The request has no body; send JSON'));
        return;
      }
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(new HubFailure(400, 'bad-json', 'The body is not valid JSON'));
      }
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
  });
}

/**
 * After a 413 nothing more is kept, but closing the socket while the client is still sending makes
 * its TCP stack drop our answer (a reset). So the rest is read and thrown away for a moment (no
 * `Connection: close`, which would make Node close at once), then the connection is closed.
 */
function discardRest(request: http.IncomingMessage): void {
  request.on('data', () => undefined);
  request.resume();
  const timer = setTimeout(() => request.socket.destroy(), 2_000);
  timer.unref();
  request.once('end', () => clearTimeout(timer));
}

function parse<T>(schema: z.ZodType<T>, value: unknown, shape: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'the body';
  throw badRequest(`${where}: ${issue?.message ?? 'invalid'} (${shape})`);
}

function toFailure(error: unknown): HubFailure {
  if (error instanceof HubFailure) return error;
  const code = (error as { code?: unknown })?.code;
  // Connection refused/reset, or PostgreSQL's class 08 (connection) and 57P (shutdown) errors.
  if (
    typeof code === 'string' &&
    (/^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE)$/.test(code) || /^(08|57P)/.test(code))
  ) {
    return new HubFailure(
      503,
      'database-unavailable',
      'The hub cannot reach its database right now; try again shortly',
    );
  }
  if (error instanceof Error && /Connection terminated|timeout exceeded when trying to connect/i.test(error.message)) {
    return new HubFailure(
      503,
      'database-unavailable',
      'The hub cannot reach its database right now; try again shortly',
    );
  }
  return new HubFailure(500, 'internal', 'The hub failed to answer; the reason is in its log');
}

function safePath(request: http.IncomingMessage): string {
  return (request.url ?? '').split('?')[0]!.slice(0, 100);
}

const ALLOWED_HEADERS = ['authorization', 'content-type', CLIENT_VERSION_HEADER];

/**
 * Workstation screens come from app://okienko or http://localhost:<port>, not from the hub, so the
 * API answers any origin: every call needs a token except the public, read-only board.
 */
function setCorsHeaders(request: http.IncomingMessage, response: http.ServerResponse): void {
  const origin = headerValue(request, 'origin');
  if (!origin) return;
  response.setHeader('Access-Control-Allow-Origin', origin);
  response.setHeader('Vary', 'Origin');
  response.setHeader('Access-Control-Expose-Headers', `${HUB_TIME_HEADER}, ${HUB_SYNC_EPOCH_HEADER}`);
}

function answerPreflight(request: http.IncomingMessage, response: http.ServerResponse): void {
  const headers: Record<string, string> = {
    'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
    'Access-Control-Allow-Headers': ALLOWED_HEADERS.join(', '),
    'Access-Control-Max-Age': '600',
  };
  // Chromium asks before a page from elsewhere may reach a private address (the office LAN).
  if (headerValue(request, 'access-control-request-private-network') === 'true')
    headers['Access-Control-Allow-Private-Network'] = 'true';
  response.writeHead(204, headers);
  response.end();
}
