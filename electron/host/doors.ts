/**
 * The browser host's doors, before any frame is read: which `Host` names it answers to (so a page
 * on another site cannot reach it by pointing its own domain at 127.0.0.1 — DNS rebinding), and
 * which pages may open its WebSocket (its own origin only; a browser always sends `Origin`, and a
 * connection without one is not a page of ours).
 */
import type http from 'node:http';
import os from 'node:os';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

export interface HostNames {
  /** Names (and addresses) this host is reached by besides the loopback ones. */
  readonly extra: readonly string[];
  /** When the host listens beyond the loopback: this machine's own addresses are names too. */
  readonly ownAddresses: boolean;
}

/** The names a request's `Host` may carry, each with and without the port. */
export function allowedHosts(port: number, names: HostNames): Set<string> {
  const own = names.ownAddresses
    ? Object.values(os.networkInterfaces())
        .flat()
        .flatMap((address) => (address ? [address.family === 'IPv6' ? `[${address.address}]` : address.address] : []))
    : [];
  const hosts = [...LOOPBACK_NAMES, ...names.extra.map((name) => name.toLowerCase()), ...own];
  return new Set(hosts.flatMap((host) => [host, `${host}:${port}`]));
}

export function isAllowedHost(request: http.IncomingMessage, allowed: ReadonlySet<string>): boolean {
  const host = request.headers.host?.toLowerCase();
  return host !== undefined && allowed.has(host);
}

/** The WebSocket's upgrade comes from a page of this very host: its `Origin` names the `Host` it asked. */
export function isOwnOrigin(request: http.IncomingMessage): boolean {
  const origin = request.headers.origin;
  if (!origin) return false;
  try {
    return new URL(origin).host.toLowerCase() === request.headers.host?.toLowerCase();
  } catch {
    return false;
  }
}

/** A connection from this machine: a window of the workstation itself. Anything else is a screen elsewhere. */
export function isLoopback(request: http.IncomingMessage): boolean {
  const address = request.socket.remoteAddress ?? '';
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}
