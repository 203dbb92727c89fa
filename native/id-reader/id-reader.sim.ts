/**
 * An MRZ swipe reader on the device side of a BytePort, for tests and `npm run sim`. A real reader
 * sends nothing until a document passes, then the whole zone in its vendor's framing, at the
 * line's speed, in the few chunks its USB-serial bridge forwards. So does this one: each chunk is
 * written when the previous one would have crossed a line of `baudRate` (10 bit times a byte).
 */
import type { BytePort } from '../port/byte-port';
import type { Framing } from './mrz-frame.codec';
import { specimenSwipe, type SpecimenName } from './specimens';

export interface IdReaderSimulatorOptions {
  /** The serial line the reader is set to; usually 9600 8N1. */
  readonly baudRate?: number;
  /** Bytes per write: a USB-serial bridge forwards a swipe in a few packets. */
  readonly chunkBytes?: number;
}

export interface SimulatedSwipe {
  readonly document: SpecimenName;
  readonly framing: Framing;
  readonly bytes: number;
  /** False when the port went away before every byte was written. */
  readonly complete: boolean;
}

export class IdReaderSimulator {
  readonly #port: BytePort;
  readonly #baudRate: number;
  readonly #chunkBytes: number;
  /** Swipes go out one after another, as a reader can read only one document at a time. */
  #queue: Promise<unknown> = Promise.resolve();
  #detached = false;
  #wake: (() => void) | undefined;

  constructor(port: BytePort, options: IdReaderSimulatorOptions = {}) {
    this.#port = port;
    this.#baudRate = options.baudRate ?? 9600;
    this.#chunkBytes = options.chunkBytes ?? 32;
  }

  /** Sends one swipe of `document`; resolves once its last byte is on the line. */
  swipe(document: SpecimenName, framing: Framing = 'desko'): Promise<SimulatedSwipe> {
    const run = this.#queue.then(() => this.#send(document, framing));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Stops sending (a swipe in progress ends where it is); the port belongs to the caller. */
  detach(): void {
    this.#detached = true;
    this.#wake?.();
  }

  async #send(document: SpecimenName, framing: Framing): Promise<SimulatedSwipe> {
    const bytes = specimenSwipe(document, framing);
    let sent = 0;
    while (sent < bytes.length) {
      if (this.#detached || !this.#port.isOpen) return { document, framing, bytes: sent, complete: false };
      const chunk = bytes.subarray(sent, sent + this.#chunkBytes);
      try {
        await this.#port.write(chunk);
      } catch {
        return { document, framing, bytes: sent, complete: false };
      }
      sent += chunk.length;
      await this.#pause((chunk.length * 10 * 1000) / this.#baudRate);
    }
    return { document, framing, bytes: sent, complete: true };
  }

  #pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = done;
    });
  }
}
