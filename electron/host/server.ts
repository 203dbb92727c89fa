/**
 * The browser host's server: the built renderer over HTTP and the contract over a WebSocket, on
 * one port. A waiting-room TV, a thin client, a developer without a display and the e2e tests all
 * reach the workstation this way. Its doors (doors.ts): allow-listed host names only, the WebSocket
 * from its own pages only, and a page on another machine is a paired screen (a board, or the
 * customer screen of the one counter it was paired for), never a person.
 */
import http from 'node:http';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { fail } from '../common/contract/result';
import { contentSecurityPolicy } from '../shell/content-security-policy';
import { listen } from '../node/listen';
import { CONTENT_SECURITY_POLICY, serveStatic } from '../node/static-files';
import type { WindowKind } from '../common/access/subjects';
import {
  ClientFrameSchema,
  WS_MAX_FRAME_BYTES,
  WS_PATH,
  type ReplyFrame,
  type ServerFrame,
} from '../common/contract/wire';
import type { SessionInfo } from '../common/contract/session';
import type { Logger } from '../station/log';
import { anonymous, type Station } from '../station/station';
import { APP_VERSION } from '../station/version';
import { allowedHosts, isAllowedHost, isLoopback, isOwnOrigin } from './doors';
import { credentialOf, handlePair } from './pairing-door';
import { PAIR_PATH } from '../common/contract/pairing';

/** The same policy the Electron shell sets for app:// (one constant in electron/shell, shared by both hosts). */
export { CONTENT_SECURITY_POLICY };

export interface HostOptions {
  readonly station: Station;
  readonly port: number;
  readonly bind: string;
  readonly staticDir: string;
  readonly log: Logger;
  /** Origins the pages may connect to besides this host: the office hub. */
  readonly connect?: readonly string[];
  /** Names this host is reached by besides the loopback ones (settings `host.names`). */
  readonly names?: readonly string[];
}

export interface RunningHost {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * What the host knows of one WebSocket: the screen its page shows now, and — for a screen on
 * another machine — the credential it was paired with, whose kind it is held to, and the counter a
 * customer screen was paired for, whose visitor's data is the only one it gets (none if absent).
 */
interface Peer {
  window: WindowKind;
  readonly paired: boolean;
  readonly credential?: string;
  readonly counter?: number;
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const { station, log } = options;
  const root = path.resolve(options.staticDir);
  const pageHeaders = { 'Content-Security-Policy': contentSecurityPolicy({ connect: options.connect ?? [] }) };
  let allowed = new Set<string>();

  const server = http.createServer((request, response) => {
    if (!isAllowedHost(request, allowed)) {
      response.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' }).end(MISDIRECTED);
      return;
    }
    const serving =
      new URL(request.url ?? '/', 'http://host').pathname === PAIR_PATH
        ? handlePair(request, response, station.pairing, Date.now())
        : serveHostRequest(root, request, response, pageHeaders);
    void serving.catch((error: unknown) => {
      log.error('http failed', { url: request.url?.slice(0, 100), error: String(error) });
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });

  const peers = new WeakMap<WebSocket, Peer>();
  const sockets = new WebSocketServer({
    server,
    path: WS_PATH,
    maxPayload: WS_MAX_FRAME_BYTES,
    verifyClient: ({ req }: { req: http.IncomingMessage }, done: (ok: boolean, code?: number) => void) => {
      void (async () => {
        const refusal = upgradeRefusal(req, allowed) ?? (await pairingRefusal(req, station));
        if (refusal) log.warn('refused a websocket', { reason: refusal, origin: req.headers.origin?.slice(0, 100) });
        done(refusal === null, refusal === 'not paired' ? 401 : 403);
      })();
    },
  });

  // ws re-emits the HTTP server's errors on itself, and an unheard 'error' throws: a port in use
  // would crash the process before listen() could report it in words.
  sockets.on('error', (error) => log.warn('websocket server error', { error: error.message }));

  const send = (socket: WebSocket, frame: ServerFrame) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
  };

  const unsubscribe = station.subscribe((event, payload, mayReach) => {
    for (const socket of sockets.clients) {
      const peer = peers.get(socket);
      if (!peer || !mayReach(peer.window, peer.paired, peer.counter)) continue;
      const told = peer.paired && event === 'session.changed' ? anonymous(payload as SessionInfo) : payload;
      send(socket, { t: 'event', event, payload: told });
    }
  });

  sockets.on('connection', (socket, request) => {
    // Who the peer is may take a read of the paired screens; frames that come meanwhile wait for it
    // rather than go unheard (then run side by side, as ever: a cancel must not wait for a capture).
    const known = peerOf(request, station).then((peer) => {
      peers.set(socket, peer);
      return peer;
    });
    socket.on('message', (data, isBinary) => {
      void (async () => {
        const peer = await known;
        // A screen whose pairing was revoked is let go at its next word.
        if (peer.credential && !(await station.pairing.identify(peer.credential)))
          return socket.close(4401, 'unpaired');
        const reply = await handleFrame(station, peer, isBinary ? null : data.toString());
        if (reply) send(socket, reply);
      })();
    });
    socket.on('error', (error) => log.warn('websocket error', { error: error.message }));
  });

  const { url, port } = await listen(server, options.port, options.bind);
  allowed = allowedHosts(port, { extra: options.names ?? [], ownAddresses: !isLoopbackBind(options.bind) });

  return {
    url,
    port,
    async close() {
      unsubscribe();
      for (const socket of sockets.clients) socket.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const MISDIRECTED =
  'This Okienko workstation does not answer to this address. Open it by the name or address your IT gave you.\n';

/** Why a WebSocket upgrade is refused, or null: a foreign host name, then a page not of this host. */
function upgradeRefusal(request: http.IncomingMessage, allowed: ReadonlySet<string>): string | null {
  if (!isAllowedHost(request, allowed)) return 'host name not allowed';
  if (!isOwnOrigin(request)) return request.headers.origin ? 'foreign origin' : 'no origin';
  return null;
}

/** A page from another machine must bring the credential of a paired screen. */
async function pairingRefusal(request: http.IncomingMessage, station: Station): Promise<string | null> {
  if (isLoopback(request)) return null;
  const credential = credentialOf(request);
  return credential && (await station.pairing.identify(credential)) ? null : 'not paired';
}

/** A window of this machine, or a paired screen held to its kind (and a customer screen to its counter). */
async function peerOf(request: http.IncomingMessage, station: Station): Promise<Peer> {
  if (isLoopback(request)) return { window: 'home', paired: false };
  const credential = credentialOf(request)!;
  const screen = await station.pairing.identify(credential);
  const counter = screen?.counter;
  return { window: screen?.kind ?? 'board', paired: true, credential, ...(counter === undefined ? {} : { counter }) };
}

function isLoopbackBind(bind: string): boolean {
  return bind === '127.0.0.1' || bind === '::1' || bind === 'localhost';
}

/**
 * One frame from a page: a call (answered with a reply frame) or the page telling which screen it
 * shows (no answer). The window a frame names is the page's current screen.
 */
export async function handleFrame(station: Station, peer: Peer, text: string | null): Promise<ReplyFrame | null> {
  if (text === null)
    return { t: 'reply', id: null, result: fail('BAD_REQUEST', 'Binary frames are not part of the contract') };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { t: 'reply', id: null, result: fail('BAD_REQUEST', 'Frame is not valid JSON') };
  }
  const frame = ClientFrameSchema.safeParse(json);
  if (!frame.success) {
    const id = typeof (json as { id?: unknown })?.id === 'number' ? (json as { id: number }).id : null;
    return { t: 'reply', id, result: fail('BAD_REQUEST', 'Frame is not a call') };
  }
  // A paired screen is what it was paired as, whatever its page says.
  if (!peer.paired) peer.window = frame.data.window;
  if (frame.data.t === 'window') return null;
  const { id, channel, payload } = frame.data;
  return { t: 'reply', id, result: await station.dispatch(peer.window, channel, payload, peer.paired, peer.counter) };
}

async function serveHostRequest(
  root: string,
  request: http.IncomingMessage,
  response: http.ServerResponse,
  headers: Readonly<Record<string, string>>,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://host');
  if (url.pathname === '/health' && (request.method === 'GET' || request.method === 'HEAD')) {
    response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    response.end(JSON.stringify({ ok: true, version: APP_VERSION }));
    return;
  }
  await serveStatic(root, request, response, headers);
}
