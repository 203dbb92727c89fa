/**
 * The renderer is served from `app://okienko/`, not `file://`: a file:// page may read any file the
 * user can, and every file:// page shares one origin. A privileged standard scheme gives the app a
 * real origin of its own (IndexedDB, fetch and ES modules behave as on https), and this handler
 * answers only from `out/renderer`, with the same CSP the browser host sends.
 *
 * The resolver and the handler are plain functions over `Request`-like input, so the tests run
 * them without Electron; main.ts only hands the handler to `protocol.handle`.
 */
import type { Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { CustomScheme } from 'electron';
import { CONTENT_SECURITY_POLICY, contentSecurityPolicy } from './content-security-policy';
import { APP_HOST, APP_SCHEME } from './identity';

/** Registered before `ready` (Electron requires it), once. */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: {
    // standard: parsed like http(s) — a real origin, relative URLs, IndexedDB and localStorage.
    standard: true,
    // secure: a secure context, as https would be (crypto.subtle, no mixed-content downgrade).
    secure: true,
    supportFetchAPI: true,
    // Vite emits `<script type="module" crossorigin>`; module scripts go through CORS checks.
    corsEnabled: true,
    // Audio for the board's chime is streamed like any media file.
    stream: true,
    codeCache: true,
  },
};

export const APP_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=(), bluetooth=()',
};

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeOf(file: string): string {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type AppPath =
  | { readonly ok: true; readonly file: string; readonly spaFallback: boolean }
  | { readonly ok: false; readonly status: 400 | 403 | 404 };

/**
 * Where an app:// URL points inside `root`, before looking at the disk. Refuses another host, a
 * path that escapes the root (`..`, encoded `%2e%2e%2f`, backslashes on Windows), and NUL bytes.
 * A path without an extension may fall back to index.html (the renderer routes by hash, but a
 * bookmarked path should still land in the app) — `spaFallback` says so.
 */
export function resolveAppPath(root: string, requestUrl: string): AppPath {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, status: 400 };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { ok: false, status: 404 };
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return { ok: false, status: 400 };
  }
  if (pathname.includes('\0')) return { ok: false, status: 400 };
  const base = path.resolve(root);
  // Normalise both separators first: on Windows `..\` is a way out, on POSIX it is just a strange
  // file name — either way nothing in out/renderer is named like that.
  const relative = pathname.replace(/\\/g, '/').replace(/^\/+/, '');
  const file = path.resolve(base, relative === '' ? 'index.html' : relative);
  if (file !== base && !file.startsWith(base + path.sep)) return { ok: false, status: 403 };
  return { ok: true, file, spaFallback: path.extname(relative) === '' };
}

export interface AppProtocolFiles {
  stat(file: string): Promise<Pick<Stats, 'isFile' | 'isDirectory'> | null>;
  read(file: string): Promise<Uint8Array<ArrayBuffer>>;
}

const diskFiles: AppProtocolFiles = {
  stat: (file) => stat(file).catch(() => null),
  read: (file) => readFile(file),
};

/** Extra origins pages may connect to (the office hub), read for every response. */
export type ConnectSources = () => readonly string[];

function errorResponse(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { ...APP_RESPONSE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

/** The `protocol.handle(APP_SCHEME, …)` handler for the renderer folder `root`. */
export function createAppProtocolHandler(
  root: string,
  files: AppProtocolFiles = diskFiles,
  connect: ConnectSources = () => [],
): (request: Pick<Request, 'url' | 'method'>) => Promise<Response> {
  const base = path.resolve(root);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return errorResponse(405, 'Method not allowed\n');
    const resolved = resolveAppPath(base, request.url);
    if (!resolved.ok) return errorResponse(resolved.status, resolved.status === 404 ? 'Not found\n' : 'Refused\n');
    let file = resolved.file;
    let info = await files.stat(file);
    if (info?.isDirectory()) {
      file = path.join(file, 'index.html');
      info = await files.stat(file);
    }
    if (!info?.isFile() && resolved.spaFallback) {
      file = path.join(base, 'index.html');
      info = await files.stat(file);
    }
    if (!info?.isFile()) {
      const built = await files.stat(path.join(base, 'index.html'));
      return built
        ? errorResponse(404, 'Not found\n')
        : errorResponse(503, 'The workstation screens are not built: run `npm run build:renderer`.\n');
    }
    const body = request.method === 'HEAD' ? null : await files.read(file);
    return new Response(body, {
      status: 200,
      headers: {
        ...APP_RESPONSE_HEADERS,
        'Content-Security-Policy': contentSecurityPolicy({ connect: connect() }),
        'Content-Type': contentTypeOf(file),
        'Cache-Control': 'no-cache',
      },
    });
  };
}
