/**
 * The browser host's server: the built renderer over HTTP and the contract over a WebSocket, on
 * one port. A waiting-room TV, a thin client, a developer without a display and the e2e tests all
 * reach the workstation this way.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { fail } from '../contract/result';
import { CONTENT_SECURITY_POLICY } from '../shell/content-security-policy';
import { CallFrameSchema, WS_MAX_FRAME_BYTES, WS_PATH, type ReplyFrame, type ServerFrame } from '../contract/wire';
import type { Logger } from '../station/log';
import type { Station } from '../station/station';
import { APP_VERSION } from '../station/version';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
};

/** The same policy the Electron shell sets for app:// (one constant in electron/shell, shared by both hosts). */
export { CONTENT_SECURITY_POLICY };

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=()',
};

export interface HostOptions {
  readonly station: Station;
  readonly port: number;
  readonly bind: string;
  readonly staticDir: string;
  readonly log: Logger;
}

export interface RunningHost {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const { station, log } = options;
  const root = path.resolve(options.staticDir);

  const server = http.createServer((request, response) => {
    void serveStatic(root, request, response).catch((error: unknown) => {
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

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.bind, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = options.bind === '0.0.0.0' || options.bind === '::' ? 'localhost' : options.bind;
  const url = `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${address.port}/`;

  return {
    url,
    port: address.port,
    async close() {
      unsubscribe();
      for (const socket of sockets.clients) socket.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export async function handleFrame(station: Station, text: string | null): Promise<ReplyFrame> {
  if (text === null) return { t: 'reply', id: null, result: fail('BAD_REQUEST', 'Binary frames are not part of the contract') };
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

async function serveStatic(root: string, request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { Allow: 'GET, HEAD' });
    response.end();
    return;
  }
  const url = new URL(request.url ?? '/', 'http://host');
  if (url.pathname === '/health') {
    response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    response.end(JSON.stringify({ ok: true, version: APP_VERSION }));
    return;
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    response.writeHead(400);
    response.end();
    return;
  }
  let file = path.resolve(root, '.' + pathname);
  if (!file.startsWith(root + path.sep) && file !== root) {
    response.writeHead(403);
    response.end();
    return;
  }
  let info = await stat(file).catch(() => null);
  if (info?.isDirectory()) {
    file = path.join(file, 'index.html');
    info = await stat(file).catch(() => null);
  }
  if (!info && !path.extname(pathname)) {
    // The renderer routes by hash, but a bookmarked path should still land in the app.
    file = path.join(root, 'index.html');
    info = await stat(file).catch(() => null);
  }
  if (!info) {
    const indexMissing = !(await stat(path.join(root, 'index.html')).catch(() => null));
    response.writeHead(indexMissing ? 503 : 404, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
    response.end(indexMissing ? 'The workstation screens are not built yet: run `npm run build:renderer`.\n' : 'Not found\n');
    return;
  }
  const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
  const immutable = file.includes(`${path.sep}assets${path.sep}`);
  response.writeHead(200, {
    'Content-Type': type,
    'Content-Length': info.size,
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    ...SECURITY_HEADERS,
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  createReadStream(file).pipe(response);
}
