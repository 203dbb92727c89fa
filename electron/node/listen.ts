/**
 * Starting a server on a port and address, and the URL a person should open to reach it. Shared by
 * the browser host and the office hub.
 */
import type { AddressInfo, Server } from 'node:net';

export interface Listening {
  /** `http://<host>:<port>/`; a wildcard address is shown as localhost, an IPv6 one in brackets. */
  readonly url: string;
  /** The port taken: the one asked for, or the free one the system picked for port 0. */
  readonly port: number;
}

/**
 * Starts `server` listening with `start(onListening)` and waits until it does. A failure to listen
 * (EADDRINUSE, EACCES) rejects; the listener that catches it is removed once listening, so a later
 * error of the running server is not swallowed.
 */
export function listening(server: Server, start: (onListening: () => void) => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    start(() => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Listens on `port` at `bind` (see `listening`), and says where (`https://` for a TLS server). */
export async function listen(server: Server, port: number, bind: string, secure = false): Promise<Listening> {
  await listening(server, (onListening) => server.listen(port, bind, onListening));
  const address = server.address() as AddressInfo;
  return { url: serverUrl(bind, address.port, secure), port: address.port };
}

export function serverUrl(bind: string, port: number, secure = false): string {
  const shownHost = bind === '0.0.0.0' || bind === '::' ? 'localhost' : bind;
  return `${secure ? 'https' : 'http'}://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}/`;
}

/** An address only this machine reaches: where plain HTTP is still allowed (development). */
export function isLoopbackAddress(bind: string): boolean {
  return bind === '127.0.0.1' || bind === '::1' || bind === 'localhost';
}
