import { connect, type Socket } from 'node:net';
import type { BytePort } from './byte-port';
import { PortListeners } from './listeners';

/** The raw printing port of network receipt printers (JetDirect / "RAW"). */
export const RAW_PRINTING_PORT = 9100;

export interface TcpBytePortOptions {
  readonly host: string;
  readonly port?: number;
  /** How long to wait for the connection; a printer that is off does not refuse, it just stays silent. */
  readonly connectTimeoutMs?: number;
  /** TCP keepalive idle time. The heartbeat finds a dead printer sooner; this frees the socket. */
  readonly keepAliveMs?: number;
}

/**
 * `tcp://host:port` (the documented spelling), or the same without `tcp://` (what `--printer`
 * passes on, and settings files written before); `host` may be `[v6]`, and the port is 9100 when
 * left out. Throws a RangeError naming the problem, for a settings screen to show.
 */
export function parseTcpAddress(address: string): { host: string; port: number } {
  const text = address.trim().replace(/^tcp:\/\//i, '');
  const match = /^\[([^\]]+)\](?::(\d+))?$/.exec(text) ?? /^([^:/]+)(?::(\d+))?$/.exec(text);
  if (!match?.[1]) throw new RangeError(`"${address}" is not tcp://host:port`);
  const port = match[2] === undefined ? RAW_PRINTING_PORT : Number(match[2]);
  if (!Number.isInteger(port) || port < 1 || port > 65_535)
    throw new RangeError(`"${address}" has no valid port (1..65535)`);
  return { host: match[1], port };
}

/**
 * A BytePort over TCP, for network printers on port 9100, and (with `fromSocket`) for the device
 * side of a simulator that accepted a connection. One socket per session: `open()` after a close
 * connects anew. The printer closing its side counts as an unplug.
 */
interface Session {
  readonly socket: Socket;
  /** Set by close(): the end that follows is ours, not the printer's. */
  closing: boolean;
}

export class TcpBytePort extends PortListeners implements BytePort {
  readonly description: string;
  readonly #options: TcpBytePortOptions | undefined;
  #session: Session | undefined;

  constructor(options: TcpBytePortOptions, description?: string) {
    super();
    this.#options = options;
    this.description = description ?? `tcp:${options.host}:${options.port ?? RAW_PRINTING_PORT}`;
  }

  /** Wraps a socket that is already connected (a server's accepted connection); it cannot be reopened. */
  static fromSocket(
    socket: Socket,
    description = `tcp:${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`,
  ): TcpBytePort {
    const port = new TcpBytePort(
      { host: socket.remoteAddress ?? 'unknown', port: socket.remotePort ?? 0 },
      description,
    );
    port.#adopt(socket);
    return port;
  }

  get isOpen(): boolean {
    const socket = this.#session?.socket;
    return socket !== undefined && !socket.destroyed && socket.readyState === 'open';
  }

  async open(): Promise<void> {
    if (this.#session) throw new Error(`${this.description} is already open`);
    const options = this.#options;
    if (!options) throw new Error(`${this.description} cannot be reopened`);
    const timeoutMs = options.connectTimeoutMs ?? 5000;
    const socket = connect({ host: options.host, port: options.port ?? RAW_PRINTING_PORT });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => fail(new Error(`${this.description}: no connection within ${timeoutMs} ms`)),
        timeoutMs,
      );
      const fail = (error: Error): void => {
        clearTimeout(timer);
        socket.off('connect', succeed);
        socket.destroy();
        reject(error);
      };
      const succeed = (): void => {
        clearTimeout(timer);
        socket.off('error', fail);
        resolve();
      };
      socket.once('connect', succeed);
      socket.once('error', fail);
    });
    socket.setKeepAlive(true, options.keepAliveMs ?? 5000);
    this.#adopt(socket);
  }

  write(data: Uint8Array): Promise<void> {
    const socket = this.#session?.socket;
    if (!socket || !this.isOpen) return Promise.reject(new Error(`${this.description} is not open`));
    // The callback runs once the bytes are handed to the kernel: the same promise as a drain.
    return new Promise<void>((resolve, reject) => socket.write(data, (error) => (error ? reject(error) : resolve())));
  }

  async close(): Promise<void> {
    const session = this.#session;
    if (!session || session.socket.destroyed) return;
    session.closing = true;
    const { socket } = session;
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    // A polite FIN first, so what was written still reaches the printer; then no more waiting.
    socket.end();
    const timer = setTimeout(() => socket.destroy(), 1000);
    await closed;
    clearTimeout(timer);
  }

  #adopt(socket: Socket): void {
    const session: Session = { socket, closing: false };
    this.#session = session;
    // Status requests are three bytes: send them now, not after Nagle's delay.
    socket.setNoDelay(true);
    let lastError: Error | undefined;
    socket.on('error', (error: Error) => {
      lastError = error;
    });
    socket.on('data', (chunk: Buffer) => {
      const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      this.dataListeners.emit(bytes);
    });
    socket.on('end', () => {
      if (!session.closing) lastError ??= new Error(`${this.description}: the other end closed the connection`);
    });
    socket.once('close', () => {
      if (this.#session === session) this.#session = undefined;
      this.closeListeners.emit(lastError);
    });
  }
}
