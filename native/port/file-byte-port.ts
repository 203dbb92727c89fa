import { constants, type Stats } from 'node:fs';
import { open as openFile, stat, type FileHandle } from 'node:fs/promises';
import type { BytePort } from './byte-port';
import { PortListeners } from './listeners';

export interface FileBytePortOptions {
  /** A character device: `/dev/usb/lp0` (USB printer class), a pseudo-terminal, a FIFO. */
  readonly path: string;
  /**
   * `write-only` for devices that cannot be read at all. By default the port reads too, and gives
   * up reading (but keeps writing) when the device says it cannot be read (EINVAL from usblp for a
   * printer without a return channel).
   */
  readonly access?: 'read-write' | 'write-only';
  /** A write that moves no byte for this long is refused (the device's buffer stays full). */
  readonly writeTimeoutMs?: number;
  /** The longest pause between two reads while the device is silent. */
  readonly maxPollMs?: number;
}

/** Errors after which the device is gone: unplugged (ENODEV, EIO), or never really there (ENXIO). */
const UNPLUGGED = new Set(['ENODEV', 'EIO', 'ENXIO', 'EBADF', 'EPIPE']);
/** Nothing to read or no room to write right now: try again shortly. */
const NOT_NOW = new Set(['EAGAIN', 'EWOULDBLOCK', 'EINTR', 'EBUSY']);
/** The device does not read at all. */
const NO_READS = new Set(['EINVAL', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

const errorCode = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface Session {
  readonly handle: FileHandle;
  open: boolean;
}

/**
 * A BytePort over a raw device file, for USB printers that show up as `/dev/usb/lp*` (the printer
 * class, which `serialport` cannot open). The file is opened non-blocking: a blocking read on a
 * silent device would hold one of libuv's four threads forever and could not be cancelled on close.
 * Reads are polled instead — at once while data flows, backing off to `maxPollMs` while the device
 * is silent — which is cheap next to the 0.8 s a status answer may take.
 *
 * End of file (0 bytes) means "nothing now", not "gone": a printer with nothing to say and a FIFO
 * without a writer both read as EOF. An unplug shows as ENODEV or EIO on the next read or write and
 * closes the port with that error; the file object is dead afterwards, as with serial ports, and
 * `open()` starts a new session on the same path.
 */
export class FileBytePort extends PortListeners implements BytePort {
  readonly description: string;
  readonly #options: FileBytePortOptions;
  #session: Session | undefined;
  /** Writes go out one after another; a partial write must not interleave with the next. */
  #writes: Promise<unknown> = Promise.resolve();
  #readable = false;

  constructor(options: FileBytePortOptions) {
    super();
    this.#options = options;
    this.description = `file:${options.path}`;
  }

  get isOpen(): boolean {
    return this.#session?.open ?? false;
  }

  /** Whether answers can come back (false for a write-only device or one that refused reads). */
  get readable(): boolean {
    return this.isOpen && this.#readable;
  }

  async open(): Promise<void> {
    if (this.#session?.open) throw new Error(`${this.description} is already open`);
    const writeOnly = this.#options.access === 'write-only';
    // O_NOCTTY: opening a pseudo-terminal must not make it this process's controlling terminal.
    const flags = (writeOnly ? constants.O_WRONLY : constants.O_RDWR) | constants.O_NONBLOCK | constants.O_NOCTTY;
    const { path } = this.#options;
    // Looked at (through its links) before it is opened, so a regular file is never opened for
    // writing; and the handle once more after, in case the path changed in between.
    refuseUnlessDevice(await stat(path), path);
    const handle = await openFile(path, flags);
    try {
      refuseUnlessDevice(await handle.stat(), path);
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw error;
    }
    const session: Session = { handle, open: true };
    this.#session = session;
    this.#writes = Promise.resolve();
    this.#readable = !writeOnly;
    if (!writeOnly) void this.#readLoop(session);
  }

  write(data: Uint8Array): Promise<void> {
    const session = this.#session;
    if (!session?.open) return Promise.reject(new Error(`${this.description} is not open`));
    const copy = data.slice();
    const run = this.#writes.then(() => this.#writeAll(session, copy));
    this.#writes = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    const session = this.#session;
    if (!session?.open) return;
    await this.#end(session, undefined);
  }

  async #writeAll(session: Session, data: Uint8Array): Promise<void> {
    const timeoutMs = this.#options.writeTimeoutMs ?? 10_000;
    let offset = 0;
    let lastProgress = Date.now();
    let pause = 1;
    while (offset < data.length) {
      if (!session.open) throw new Error(`${this.description} closed while writing`);
      try {
        const { bytesWritten } = await session.handle.write(data, offset, data.length - offset, null);
        if (bytesWritten > 0) {
          offset += bytesWritten;
          lastProgress = Date.now();
          pause = 1;
          continue;
        }
      } catch (error) {
        const code = errorCode(error);
        if (code === undefined || !NOT_NOW.has(code)) {
          if (code !== undefined && UNPLUGGED.has(code)) void this.#end(session, asError(error));
          throw asError(error);
        }
      }
      // The device's buffer is full (a printer out of paper holds its input): wait for room.
      if (Date.now() - lastProgress > timeoutMs) {
        throw new Error(
          `${this.description} took no data for ${timeoutMs} ms (${offset} of ${data.length} bytes written)`,
        );
      }
      await sleep(pause);
      pause = Math.min(pause * 2, 50);
    }
  }

  async #readLoop(session: Session): Promise<void> {
    const buffer = new Uint8Array(4096);
    const maxPollMs = this.#options.maxPollMs ?? 20;
    let pause = 1;
    while (session.open) {
      try {
        const { bytesRead } = await session.handle.read(buffer, 0, buffer.length, null);
        if (!session.open) return;
        if (bytesRead > 0) {
          const chunk = buffer.slice(0, bytesRead);
          this.dataListeners.emit(chunk);
          pause = 1;
          continue;
        }
      } catch (error) {
        if (!session.open) return;
        const code = errorCode(error);
        if (code !== undefined && NO_READS.has(code)) {
          // A printer without a return channel: printing works, status answers never come.
          this.#readable = false;
          return;
        }
        if (code === undefined || !NOT_NOW.has(code)) {
          await this.#end(session, asError(error));
          return;
        }
      }
      await sleep(pause);
      pause = Math.min(pause * 2, maxPollMs);
    }
  }

  /** Ends a session once: closes the file and tells the listeners (with the error of an unplug). */
  async #end(session: Session, error: Error | undefined): Promise<void> {
    if (!session.open) return;
    session.open = false;
    if (this.#session === session) this.#session = undefined;
    await session.handle.close().catch(() => undefined);
    this.closeListeners.emit(error);
  }
}

/**
 * A printer port is a device (a character device such as /dev/usb/lp0 or a pseudo-terminal) or a
 * FIFO, never a regular file or a folder: a mistyped path must not have the printer's start-up bytes
 * written over the start of someone's document. Checked before the path is opened (nothing is
 * opened then) and on the open handle (closed unread and unwritten).
 */
export function refuseUnlessDevice(stats: Stats, path: string): void {
  if (stats.isCharacterDevice() || stats.isFIFO()) return;
  const what = stats.isDirectory() ? 'a folder' : stats.isFile() ? 'a regular file' : 'not a character device';
  throw Object.assign(new Error(`${path} is not a device (${what}); nothing was written to it`), {
    code: 'ENOTDEVICE',
  });
}
