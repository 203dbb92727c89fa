/**
 * The browser host's server: the built renderer over HTTP and the contract over a WebSocket, on
 * one port. A waiting-room TV, a thin client, a developer without a display and the e2e tests all
 * reach the workstation this way.
 */
import http from 'node:http';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { fail } from '../common/contract/result';
import { contentSecurityPolicy } from '../shell/content-security-policy';
import { listen } from '../node/listen';
import { CONTENT_SECURITY_POLICY, serveStatic } from '../node/static-files';
import {
  CallFrameSchema,
  WS_MAX_FRAME_BYTES,
  WS_PATH,
  type ReplyFrame,
  type ServerFrame,
} from '../common/contract/wire';
import type { Logger } from '../station/log';
import type { Station } from '../station/station';
import { APP_VERSION } from '../station/version';

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
}

export interface RunningHost {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const { station, log } = options;
  const root = path.resolve(options.staticDir);
  const pageHeaders = { 'Content-Security-Policy': contentSecurityPolicy({ connect: options.connect ?? [] }) };

  const server = http.createServer((request, response) => {
    void serveHostRequest(root, request, response, pageHeaders).catch((error: unknown) => {
      log.error('http failed', { url: request.url?.slice(0, 100), error: String(error) });
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });

  const sockets = new WebSocketServer({
    server,
    path: WS_PATH,
    maxPayload: WS_MAX_FRAME_BYTES,
    // Another web page in the visitor's browser must not drive our printer through localhost.
    verifyClient: ({ req }: { req: http.IncomingMessage }) => isSameOrigin(req),
  });

  // ws re-emits the HTTP server's errors on itself, and an unheard 'error' throws: a port in use
  // would crash the process before listen() could report it in words.
  sockets.on('error', (error) => log.warn('websocket server error', { error: error.message }));

  const send = (socket: WebSocket, frame: ServerFrame) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
  };

  const unsubscribe = station.subscribe((event, payload) => {
    for (const socket of sockets.clients) send(socket, { t: 'event', event, payload });
  });

  sockets.on('connection', (socket) => {
    socket.on('message', (data, isBinary) => {
      void (async () => {
        const reply = await handleFrame(station, isBinary ? null : data.toString());
        send(socket, reply);
      })();
    });
    socket.on('error', (error) => log.warn('websocket error', { error: error.message }));
  });

  const { url, port } = await listen(server, options.port, options.bind);

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

export async function handleFrame(station: Station, text: string | null): Promise<ReplyFrame> {
  if (text === null)
    return { t: 'reply', id: null, result: fail('BAD_REQUEST', 'Binary frames are not part of the contract') };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { t: 'reply', id: null, result: fail('BAD_REQUEST', 'Frame is not valid JSON') };
  }
  const frame = CallFrameSchema.safeParse(json);
  if (!frame.success) {
    const id = typeof (json as { id?: unknown })?.id === 'number' ? (json as { id: number }).id : null;
    return { t: 'reply', id, result: fail('BAD_REQUEST', 'Frame is not a call') };
  }
  return { t: 'reply', id: frame.data.id, result: await station.dispatch(frame.data.channel, frame.data.payload) };
}

function isSameOrigin(request: http.IncomingMessage): boolean {
  const origin = request.headers.origin;
  // Non-browser clients (tests, tools on this machine) send no Origin; browsers always do.
  if (!origin) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
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
