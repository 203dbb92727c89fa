/**
 * Serving the built renderer over HTTP, with the security headers of every page Okienko serves.
 * Shared by the browser host (electron/host/server.ts) and the office hub (electron/hub/server.ts), so a
 * board on a TV gets the same CSP whichever of the two serves it.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type http from 'node:http';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../shell/content-security-policy';

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

export { CONTENT_SECURITY_POLICY };

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=()',
};

/**
 * Answers a GET/HEAD for a file under `root` (an absolute path): index.html for a folder and for
 * an unknown path without an extension (a bookmarked route), 403 outside `root`, 503 when the
 * renderer has not been built. Extra headers (the hub's clock) go on every answer.
 */
export async function serveStatic(
  root: string,
  request: http.IncomingMessage,
  response: http.ServerResponse,
  extraHeaders: Readonly<Record<string, string>> = {},
): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { Allow: 'GET, HEAD', ...extraHeaders });
    response.end();
    return;
  }
  const url = new URL(request.url ?? '/', 'http://host');
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    response.writeHead(400, extraHeaders);
    response.end();
    return;
  }
  let file = path.resolve(root, '.' + pathname);
  if (!file.startsWith(root + path.sep) && file !== root) {
    response.writeHead(403, extraHeaders);
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
    response.writeHead(indexMissing ? 503 : 404, {
      'Content-Type': 'text/plain; charset=utf-8',
      ...SECURITY_HEADERS,
      ...extraHeaders,
    });
    response.end(
      indexMissing ? 'The workstation screens are not built yet: run `npm run build:renderer`.\n' : 'Not found\n',
    );
    return;
  }
  const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
  const immutable = file.includes(`${path.sep}assets${path.sep}`);
  response.writeHead(200, {
    'Content-Type': type,
    'Content-Length': info.size,
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    ...SECURITY_HEADERS,
    ...extraHeaders,
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  createReadStream(file).pipe(response);
}
