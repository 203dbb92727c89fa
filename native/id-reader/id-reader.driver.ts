/**
 * The MRZ swipe reader driver over any BytePort. A reader sends one burst per swipe and nothing in
 * between, so a swipe is the bytes up to a pause longer than the inter-byte timeout (typically
 * 100–150 ms) — or up to the framing's end marker, whichever comes first, so a framed swipe is
 * reported as soon as it is complete. Needs no Node module, only timers.
 */
import type { BytePort } from '../port/byte-port';
import { notifyEach } from '../port/listeners';
import type { IdRead, IdReader } from './id-reader';
import { ETX, FS, GS, SOH, STX, findFrameEnd, type FramingHint } from './mrz-frame.codec';
import { decodeSwipe, type MrzReadResult } from './mrz.codec';

export interface MrzSwipeReaderOptions {
  /** What the reader sends; `auto` recognises every supported framing. */
  readonly framing?: FramingHint;
  /** A pause longer than this ends a swipe. */
  readonly interByteTimeoutMs?: number;
  /**
   * Bursts shorter than this that end by timeout are line noise (a reader waking up, a cable
   * touched), not swipes, and are dropped. The shortest zone (TD2) is 72 characters.
   */
  readonly minSwipeBytes?: number;
  /**
   * A burst that goes on past this without a pause is decoded and reported as it stands, so an
   * endless stream (wrong baud rate, a babbling device) cannot grow the buffer without bound.
   */
  readonly maxSwipeBytes?: number;
  /** Accept ICAO's specimen state `UTO` (tests, demonstrations). */
  readonly acceptSpecimens?: boolean;
  readonly now?: () => number;
}

export const DEFAULT_INTER_BYTE_TIMEOUT_MS = 120;

export class MrzSwipeReader implements IdReader {
  readonly #port: BytePort;
  readonly #framing: FramingHint;
  readonly #timeoutMs: number;
  readonly #minBytes: number;
  readonly #maxBytes: number;
  readonly #acceptSpecimens: boolean;
  readonly #now: () => number;
  readonly #listeners = new Set<(read: IdRead) => void>();
  readonly #unsubscribe: (() => void)[];
  #buffer = new Uint8Array(0);
  #startedAt = 0;
  #lastByteAt = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;

  constructor(port: BytePort, options: MrzSwipeReaderOptions = {}) {
    this.#port = port;
    this.#framing = options.framing ?? 'auto';
    this.#timeoutMs = options.interByteTimeoutMs ?? DEFAULT_INTER_BYTE_TIMEOUT_MS;
    this.#minBytes = options.minSwipeBytes ?? 16;
    this.#maxBytes = options.maxSwipeBytes ?? 1024;
    this.#acceptSpecimens = options.acceptSpecimens ?? false;
    this.#now = options.now ?? Date.now;
    this.#unsubscribe = [port.onData((chunk) => this.#receive(chunk)), port.onClose(() => this.#portClosed())];
  }

  onRead(listener: (read: IdRead) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#clearTimer();
    this.#buffer = new Uint8Array(0);
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
    this.#listeners.clear();
    await this.#port.close();
  }

  #receive(chunk: Uint8Array): void {
    if (this.#closed || chunk.length === 0) return;
    const now = this.#now();
    if (this.#buffer.length === 0) this.#startedAt = now;
    this.#lastByteAt = now;
    const joined = new Uint8Array(this.#buffer.length + chunk.length);
    joined.set(this.#buffer);
    joined.set(chunk, this.#buffer.length);
    this.#buffer = joined;

    // Every frame that has ended goes out now; what follows it starts the next swipe.
    for (
      let end = findFrameEnd(this.#buffer, this.#framing);
      end !== undefined;
      end = findFrameEnd(this.#buffer, this.#framing)
    ) {
      const frame = this.#buffer.slice(0, end);
      this.#buffer = this.#buffer.slice(end);
      this.#emit(frame, false);
      if (this.#buffer.length > 0) this.#startedAt = now;
    }
    if (this.#buffer.length > this.#maxBytes) {
      const frame = this.#buffer;
      this.#buffer = new Uint8Array(0);
      this.#emit(frame, false);
    }

    this.#clearTimer();
    if (this.#buffer.length > 0) this.#timer = setTimeout(() => this.#silence(), this.#timeoutMs);
  }

  /** The line fell silent: whatever is buffered is one swipe, unless it is too short to be one. */
  #silence(): void {
    this.#timer = undefined;
    const frame = this.#buffer;
    this.#buffer = new Uint8Array(0);
    if (frame.length >= this.#minBytes) this.#emit(frame, false);
  }

  /**
   * The port closed (unplug). A swipe in progress is reported — a swipe that had begun but
   * delivered nothing readable as `torn` at line 1. The driver stays subscribed: if the owner
   * reopens the same port, reading goes on.
   */
  #portClosed(): void {
    this.#clearTimer();
    const frame = this.#buffer;
    this.#buffer = new Uint8Array(0);
    // A start marker without its end marker: a swipe had begun, however few bytes it delivered.
    const began =
      frame.some((byte) => byte === STX || byte === SOH || byte === FS) && !frame.includes(ETX) && !frame.includes(GS);
    if (frame.length >= this.#minBytes || began) this.#emit(frame, true, began);
  }

  #emit(frame: Uint8Array, interrupted: boolean, began = false): void {
    const { framing, ...decoded } = decodeSwipe(frame, {
      framing: this.#framing,
      acceptSpecimens: this.#acceptSpecimens,
    });
    let result: MrzReadResult = decoded;
    if (began && !result.ok && result.reason === 'garbage' && result.part === 'swipe') {
      result = {
        ok: false,
        reason: 'torn',
        part: 'line-1',
        format: undefined,
        completeLines: 0,
        expectedLines: undefined,
      };
    }
    const read: IdRead = {
      result,
      framing,
      startedAt: this.#startedAt,
      receivedAt: this.#lastByteAt,
      bytes: frame.length,
      interrupted,
    };
    notifyEach(this.#listeners, read);
  }

  #clearTimer(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
