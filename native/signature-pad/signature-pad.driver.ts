/**
 * The Topaz signature pad driver: pen reports from any BytePort turned into a `Signature`. It
 * owns what the pad does not do: giving samples a time (the pad sends none), cutting strokes at
 * pen down and lift, noticing a line that went silent in the middle of a stroke, and ending a
 * capture at once when the port closes. Needs no Node module, only timers.
 *
 * Serial settings for most Topaz pads: 19200 baud, 8 data bits, odd parity; the port is opened by
 * the station, this driver only reads it.
 */
import type { BytePort } from '../port/byte-port';
import { notifyEach } from '../port/listeners';
import { realTimers, type Timers } from '../../electron/common/timers';
import {
  CaptureFailure,
  type CancelSignal,
  type CaptureProblem,
  type LiveSample,
  type PadCapture,
  type SignaturePad,
} from './signature-pad';
import { buildSignature, type SignatureSample } from './signature.codec';
import { TOPAZ_MAX_COORDINATE, TopazDecoder, type TopazPacket } from './topaz.codec';

export interface TopazSignaturePadOptions {
  /**
   * The capture area in pad units. The wire carries 12 bits, so 4096 × 4096 by default; a model
   * whose sensor covers less (most do, and few are square) should be given its real extent so the
   * image keeps its proportions. Coordinates beyond it are clamped.
   */
  readonly width?: number;
  readonly height?: number;
  /** Nominal pen reports per second; Topaz serial pads send about 120. */
  readonly rate?: number;
  /**
   * Silence while the pen is down after which the stroke is closed and the capture marked
   * `interrupted`. At 120 reports a second, a second of nothing is not a slow hand.
   */
  readonly stallTimeoutMs?: number;
  /**
   * How late a report may reach us (USB-serial adapters hold bytes up to 16 ms, the OS a little
   * more). Bounds how far the time of a sample may trail its arrival.
   */
  readonly maxLatencyMs?: number;
  /** Clock for sample times; the timers' own clock by default. */
  readonly now?: () => number;
  /** The stall and idle timers; tests pass a manual clock. */
  readonly timers?: Timers;
}

interface IdleWait {
  readonly ms: number;
  timer: unknown;
  readonly resolve: (capture: PadCapture) => void;
  readonly reject: (failure: unknown) => void;
}

interface Capture {
  readonly strokes: SignatureSample[][];
  /** The stroke the pen is drawing now; undefined while the pen is up. */
  open: SignatureSample[] | undefined;
  /** Clock time of the first pen-down sample; `t` counts from it. */
  origin: number | undefined;
  interrupted: boolean;
  failure: CaptureFailure | undefined;
  idle: IdleWait | undefined;
}

const clamp = (value: number, max: number): number => Math.min(Math.max(value, 0), max);

export class TopazSignaturePad implements SignaturePad {
  readonly area: { readonly width: number; readonly height: number; readonly rate: number };
  readonly #port: BytePort;
  readonly #stallTimeoutMs: number;
  readonly #maxLatencyMs: number;
  readonly #periodMs: number;
  readonly #now: () => number;
  readonly #timers: Timers;
  readonly #decoder = new TopazDecoder();
  readonly #sampleListeners = new Set<(sample: LiveSample) => void>();
  readonly #problemListeners = new Set<(problem: CaptureProblem) => void>();
  readonly #closeListeners = new Set<(error?: Error) => void>();
  readonly #unsubscribe: (() => void)[];
  #capture: Capture | undefined;
  /** Estimated clock time of the last report; undefined until one arrives in a capture. */
  #lastReportAt: number | undefined;
  #stallTimer: unknown;
  #closed = false;

  constructor(port: BytePort, options: TopazSignaturePadOptions = {}) {
    this.#port = port;
    const width = options.width ?? TOPAZ_MAX_COORDINATE + 1;
    const height = options.height ?? TOPAZ_MAX_COORDINATE + 1;
    const rate = options.rate ?? 120;
    if (!(width > 0 && height > 0 && rate > 0))
      throw new RangeError('A signature pad needs a positive width, height and rate');
    this.area = { width, height, rate };
    this.#periodMs = 1000 / rate;
    this.#stallTimeoutMs = options.stallTimeoutMs ?? 1000;
    this.#maxLatencyMs = options.maxLatencyMs ?? 40;
    this.#timers = options.timers ?? realTimers;
    this.#now = options.now ?? (() => this.#timers.now());
    this.#unsubscribe = [
      port.onData((chunk) => this.#receive(chunk)),
      port.onClose((error) => this.#portClosed(error)),
    ];
  }

  get capturing(): boolean {
    return this.#capture !== undefined && this.#capture.failure === undefined;
  }

  async startCapture(): Promise<void> {
    if (this.#closed) throw new CaptureFailure('disconnected', 'The signature pad driver was closed');
    if (!this.#port.isOpen) throw new CaptureFailure('disconnected', `${this.#port.description} is not open`);
    // A capture that failed and was never collected does not block the next one.
    if (this.capturing) throw new CaptureFailure('busy', 'A signature is already being captured');
    this.#endCapture();
    this.#capture = {
      strokes: [],
      open: undefined,
      origin: undefined,
      interrupted: false,
      failure: undefined,
      idle: undefined,
    };
    this.#lastReportAt = undefined;
  }

  async finishCapture(): Promise<PadCapture> {
    const capture = this.#capture;
    if (!capture) throw new CaptureFailure('cancelled', 'No signature is being captured');
    this.#endCapture();
    // A capture() waiting for the pen to rest gets the same outcome.
    const outcome = this.#outcome(capture);
    if (outcome instanceof CaptureFailure) {
      capture.idle?.reject(outcome);
      throw outcome;
    }
    capture.idle?.resolve(outcome);
    return outcome;
  }

  cancel(): void {
    const capture = this.#capture;
    if (!capture) return;
    this.#endCapture();
    capture.idle?.reject(new CaptureFailure('cancelled', 'The signature was cancelled'));
  }

  async capture(
    options: { readonly signal?: CancelSignal | undefined; readonly idleMs?: number | undefined } = {},
  ): Promise<PadCapture> {
    const { signal } = options;
    if (signal?.aborted) throw new CaptureFailure('cancelled', 'The signature was cancelled');
    await this.startCapture();
    const capture = this.#capture;
    if (!capture) throw new CaptureFailure('cancelled', 'The signature was cancelled');
    const onAbort = (): void => {
      if (this.#capture === capture) this.cancel();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await new Promise<PadCapture>((resolve, reject) => {
        capture.idle = { ms: options.idleMs ?? 3000, timer: undefined, resolve, reject };
      });
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  onSample(listener: (sample: LiveSample) => void): () => void {
    this.#sampleListeners.add(listener);
    return () => this.#sampleListeners.delete(listener);
  }

  onProblem(listener: (problem: CaptureProblem) => void): () => void {
    this.#problemListeners.add(listener);
    return () => this.#problemListeners.delete(listener);
  }

  onClose(listener: (error?: Error) => void): () => void {
    this.#closeListeners.add(listener);
    return () => this.#closeListeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#fail(new CaptureFailure('disconnected', 'The signature pad driver was closed'), false);
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
    this.#sampleListeners.clear();
    this.#problemListeners.clear();
    this.#closeListeners.clear();
    await this.#port.close();
  }

  // -------------------------------------------------------------------------------------------

  #receive(chunk: Uint8Array): void {
    // Decoded even when nobody captures, so the decoder stays in step with the pad.
    const packets = this.#decoder.push(chunk);
    const capture = this.#capture;
    if (!capture || capture.failure || packets.length === 0) return;
    const arrivedAt = this.#now();
    packets.forEach((packet, index) => {
      // The capture may have been ended by a listener in the middle of a chunk.
      if (this.#capture !== capture) return;
      this.#take(capture, packet, this.#timeOfReport(arrivedAt - (packets.length - 1 - index) * this.#periodMs));
    });
  }

  /**
   * The pad sends no time, and serial reads come in bursts, so arrival time alone would bunch
   * samples together. `latest` is when a report left the pad at the latest: its chunk's arrival,
   * one nominal period earlier for each report after it in the chunk. A report is taken to follow
   * the one before by one period, but never later than `latest` nor more than `maxLatencyMs`
   * before it: even spacing, following the real clock when the pad runs slower than nominal or
   * pauses (after a pause a report is placed `maxLatencyMs` early, a bias that is the same for
   * every pause and keeps the spacing smooth).
   */
  #timeOfReport(latest: number): number {
    const last = this.#lastReportAt;
    const at =
      last === undefined
        ? latest
        : Math.max(last, Math.min(last + this.#periodMs, latest), latest - this.#maxLatencyMs);
    this.#lastReportAt = at;
    return at;
  }

  #take(capture: Capture, packet: TopazPacket, at: number): void {
    if (packet.down) {
      if (capture.idle?.timer !== undefined) {
        this.#timers.clearTimeout(capture.idle.timer);
        capture.idle.timer = undefined;
      }
      capture.origin ??= at;
      if (!capture.open) {
        capture.open = [];
        capture.strokes.push(capture.open);
      }
      this.#append(capture, capture.open, {
        t: this.#sampleTime(capture, at),
        x: clamp(packet.x, this.area.width),
        y: clamp(packet.y, this.area.height),
        pressure: 1,
        down: true,
      });
      this.#armStallTimer(capture);
      return;
    }

    // Pen up. Hover reports between strokes are not kept: they draw nothing and are dynamics.
    const stroke = capture.open;
    if (!stroke) return;
    this.#disarmStallTimer();
    capture.open = undefined;
    const last = stroke[stroke.length - 1];
    // Out of range the position means nothing; the lift is where the pen was last seen.
    const x = packet.near || !last ? clamp(packet.x, this.area.width) : last.x;
    const y = packet.near || !last ? clamp(packet.y, this.area.height) : last.y;
    this.#append(capture, stroke, { t: this.#sampleTime(capture, at), x, y, pressure: 0, down: false });
    this.#armIdleTimer(capture);
  }

  #outcome(capture: Capture): PadCapture | CaptureFailure {
    if (capture.failure) return capture.failure;
    // A pen still on the pad: the visitor (or the clerk) decided the signature is complete.
    capture.open = undefined;
    if (capture.strokes.length === 0) return new CaptureFailure('empty', 'Nothing was drawn on the signature pad');
    return { signature: buildSignature(this.area, capture.strokes), interrupted: capture.interrupted };
  }

  #sampleTime(capture: Capture, at: number): number {
    return Math.max(0, Math.round(at - (capture.origin ?? at)));
  }

  #append(capture: Capture, stroke: SignatureSample[], sample: SignatureSample): void {
    stroke.push(sample);
    // The stroke being drawn or lifted is always the last one.
    const live: LiveSample = { stroke: capture.strokes.length - 1, sample };
    notifyEach(this.#sampleListeners, live);
  }

  #armStallTimer(capture: Capture): void {
    this.#disarmStallTimer();
    this.#stallTimer = this.#timers.setTimeout(() => {
      this.#stallTimer = undefined;
      if (this.#capture !== capture || !capture.open) return;
      // The stroke ends where the data ended; no lift was seen, so none is recorded.
      capture.open = undefined;
      capture.interrupted = true;
      this.#emitProblem('interrupted');
      this.#armIdleTimer(capture);
    }, this.#stallTimeoutMs);
  }

  #disarmStallTimer(): void {
    if (this.#stallTimer !== undefined) this.#timers.clearTimeout(this.#stallTimer);
    this.#stallTimer = undefined;
  }

  #armIdleTimer(capture: Capture): void {
    const idle = capture.idle;
    if (!idle || capture.strokes.length === 0) return;
    if (idle.timer !== undefined) this.#timers.clearTimeout(idle.timer);
    idle.timer = this.#timers.setTimeout(() => {
      idle.timer = undefined;
      // finishCapture settles the waiting capture() itself.
      if (this.#capture === capture) this.finishCapture().catch(() => undefined);
    }, idle.ms);
  }

  /** Stops the timers of the current capture and forgets it. */
  #endCapture(): void {
    const capture = this.#capture;
    this.#capture = undefined;
    this.#disarmStallTimer();
    if (capture?.idle?.timer !== undefined) this.#timers.clearTimeout(capture.idle.timer);
  }

  #portClosed(error?: Error): void {
    this.#decoder.reset();
    this.#fail(
      new CaptureFailure('disconnected', `${this.#port.description} closed${error ? `: ${error.message}` : ''}`),
      true,
    );
    notifyEach(this.#closeListeners, error);
  }

  /**
   * The capture cannot go on. It stays in place, failed, so that finishCapture reports why; a
   * capture() waiting for it ends now.
   */
  #fail(failure: CaptureFailure, report: boolean): void {
    const capture = this.#capture;
    if (!capture || capture.failure) return;
    capture.failure = failure;
    capture.open = undefined;
    this.#disarmStallTimer();
    if (capture.idle?.timer !== undefined) this.#timers.clearTimeout(capture.idle.timer);
    if (capture.idle) {
      this.#capture = undefined;
      capture.idle.reject(failure);
    }
    if (report) this.#emitProblem('disconnected');
  }

  #emitProblem(problem: CaptureProblem): void {
    notifyEach(this.#problemListeners, problem);
  }
}
