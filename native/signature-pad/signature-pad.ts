/**
 * The signature pad as the station sees it. The Topaz implementation reads its pen reports over a
 * BytePort (`signature-pad.driver.ts`); the simulator (`signature-pad.sim.ts`) plays the pad.
 * Runs anywhere: types only.
 *
 * A pad capture is an acknowledgement (of receipt, of consent, of a summary read aloud), not a
 * signature on an application under the KPA (see native/signature-pad/README.md).
 */
import type { Signature, SignatureSample } from './signature.codec';

/**
 * Why a capture failed. `empty`: finished with no stroke; `busy`: a capture is already running;
 * `cancelled`: cancel() or the caller's abort signal; `disconnected`: the port closed or is not
 * open (unplug).
 */
export type CaptureFailureReason = 'empty' | 'busy' | 'cancelled' | 'disconnected';

export class CaptureFailure extends Error {
  constructor(
    readonly reason: CaptureFailureReason,
    message: string,
  ) {
    super(message);
    this.name = 'CaptureFailure';
  }
}

/** What a finished capture gives the station. */
/** The part of an `AbortSignal` a capture listens to (this file runs anywhere, with no DOM or Node typings). */
export interface CancelSignal {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { readonly once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

export interface PadCapture {
  readonly signature: Signature;
  /**
   * The pen or the line went silent while the pen was down (a pulled cable, a pad that hung):
   * the stroke was closed where the data stopped. Show the image and ask the visitor whether to
   * sign again.
   */
  readonly interrupted: boolean;
}

/** A sample as it arrives, for drawing the signature live while it is being made. */
export interface LiveSample {
  /** Index of the stroke in the signature being captured. */
  readonly stroke: number;
  readonly sample: SignatureSample;
}

export type CaptureProblem = 'interrupted' | 'disconnected';

export interface SignaturePad {
  /** The pad's capture area and nominal rate, as every signature from it will carry them. */
  readonly area: { readonly width: number; readonly height: number; readonly rate: number };
  readonly capturing: boolean;
  /**
   * Starts a fresh capture: from now on pen strokes are kept. Rejects with `busy` while another
   * capture runs and with `disconnected` when the port is not open.
   */
  startCapture(): Promise<void>;
  /**
   * Ends the capture and returns it. A stroke still open (pen down) ends where it is. Rejects with
   * `empty` when nothing was drawn, `disconnected` when the port closed during the capture,
   * `cancelled` when there is no capture.
   */
  finishCapture(): Promise<PadCapture>;
  /** Drops the capture in progress, if any; nothing is kept. */
  cancel(): void;
  /**
   * startCapture, then finishCapture once the visitor has drawn something and kept the pen off the
   * pad for `idleMs` (3 s by default). `signal` cancels it (rejects with `cancelled`).
   */
  capture(options?: {
    readonly signal?: CancelSignal | undefined;
    readonly idleMs?: number | undefined;
  }): Promise<PadCapture>;
  onSample(listener: (sample: LiveSample) => void): () => void;
  /** `interrupted` as soon as the silence is noticed, `disconnected` when the port closes mid-capture. */
  onProblem(listener: (problem: CaptureProblem) => void): () => void;
  /** Called once when the port closes (unplug). The driver does not reopen it: the station rebuilds both. */
  onClose(listener: (error?: Error) => void): () => void;
  /** Ends any capture with `disconnected` and closes the port, which the driver owns. */
  close(): Promise<void>;
}
