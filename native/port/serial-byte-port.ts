import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { refuseUnlessDevice } from './file-byte-port';
import { SerialPort } from 'serialport';
import type { BytePort } from './byte-port';
import { PortListeners } from './listeners';

export interface SerialBytePortOptions {
  /** `/dev/ttyUSB0`, `COM3`, or a socat pseudo-terminal link. */
  readonly path: string;
  readonly baudRate: number;
  /** Hardware flow control. The VKP80 needs it; an Epson on DTR/DSR does not. */
  readonly rtscts?: boolean;
  /** Most Topaz signature pads use odd parity (8O1); everything else here is 8N1. */
  readonly parity?: 'none' | 'odd' | 'even';
  /** How often to check that the device is still there (POSIX device paths only). */
  readonly presenceCheckMs?: number;
}

export const DEFAULT_PRESENCE_CHECK_MS = 1000;

/**
 * A BytePort over `serialport`. One `SerialPort` object per open session: after an unplug the
 * underlying object is dead for good, so `open()` after a close builds a fresh one rather than
 * reviving the old.
 *
 * An unplug is noticed at the next write (it fails with EIO) — but an ID reader or a signature pad is
 * never written to, and on Linux a USB serial device that is gone reads 0 bytes for ever, which
 * `serialport` retries at once without an event. So while open, the port also checks every second
 * that its device node still exists (udev removes `/dev/ttyUSB0` and its `/dev/serial/by-id/…`
 * link on unplug), and closes as unplugged when it does not.
 */
export class SerialBytePort extends PortListeners implements BytePort {
  readonly description: string;
  readonly #options: SerialBytePortOptions;
  #port: SerialPort | undefined;

  constructor(options: SerialBytePortOptions) {
    super();
    this.#options = options;
    this.description = `serial:${options.path}@${options.baudRate}`;
  }

  get isOpen(): boolean {
    return this.#port?.isOpen ?? false;
  }

  async open(): Promise<void> {
    if (this.#port) throw new Error(`${this.description} is already open`);
    // A regular file or a folder is never opened as a port (a path from the command line or a
    // hand-edited settings file is not checked by devices.configure); Windows' COM ports are no files.
    if (!/^(\\\\\.\\)?COM\d+$/i.test(this.#options.path)) {
      const found = await stat(this.#options.path).catch(() => null);
      if (found) refuseUnlessDevice(found, this.#options.path);
    }
    const port = new SerialPort({
      path: this.#options.path,
      baudRate: this.#options.baudRate,
      rtscts: this.#options.rtscts ?? false,
      parity: this.#options.parity ?? 'none',
      autoOpen: false,
    });
    this.#port = port;

    let lastError: Error | undefined;
    let closed = false;
    // An unplugged port emits `error` and then `close` twice; an `error` without a listener would
    // crash the process, and the second `close` must not tell the driver twice.
    port.on('error', (error: Error) => {
      lastError = error;
    });
    port.on('data', (chunk: Buffer) => {
      // Hand out a plain view so no Buffer-only behaviour leaks into protocol code.
      const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      this.dataListeners.emit(bytes);
    });
    let presence: ReturnType<typeof setInterval> | undefined;
    const finish = (error?: Error | null) => {
      if (closed) return;
      closed = true;
      if (presence) clearInterval(presence);
      if (this.#port === port) this.#port = undefined;
      const cause = error ?? lastError;
      this.closeListeners.emit(cause ?? undefined);
    };
    port.on('close', finish);

    try {
      await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
    } catch (error) {
      this.#port = undefined;
      throw error;
    }
    const path = this.#options.path;
    if (path.startsWith('/')) {
      presence = setInterval(() => {
        if (existsSync(path)) return;
        lastError = new Error(`${path} is gone (unplugged)`);
        // Closing a port whose device is gone may fail; it is closed for us either way.
        port.close(() => finish(lastError));
      }, this.#options.presenceCheckMs ?? DEFAULT_PRESENCE_CHECK_MS);
      presence.unref();
    }
  }

  async write(data: Uint8Array): Promise<void> {
    const port = this.#port;
    if (!port?.isOpen) throw new Error(`${this.description} is not open`);
    await new Promise<void>((resolve, reject) => {
      port.write(data, (error) => {
        if (error) {
          reject(error);
          return;
        }
        port.drain((drainError) => (drainError ? reject(drainError) : resolve()));
      });
    });
  }

  async close(): Promise<void> {
    const port = this.#port;
    if (!port?.isOpen) return;
    await new Promise<void>((resolve, reject) => port.close((error) => (error ? reject(error) : resolve())));
  }
}
