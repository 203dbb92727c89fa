/**
 * The ID card reader as the station sees it: a stream of swipes, each either a document whose
 * check digits all verify or a typed reason why not. One implementation reads MRZ swipe readers
 * over a BytePort (`id-reader.driver.ts`); the simulator (`id-reader.sim.ts`) plays the reader.
 * Types only: runs anywhere.
 */
import type { Framing, MrzReadResult } from './mrz.codec';

export interface IdRead {
  readonly result: MrzReadResult;
  /** The framing the swipe came in (detected unless the driver was told). */
  readonly framing: Framing;
  /** Clock time (the driver's `now`) of the swipe's first and last byte. */
  readonly startedAt: number;
  readonly receivedAt: number;
  readonly bytes: number;
  /** The port closed (unplug) before the swipe ended. */
  readonly interrupted: boolean;
}

export interface IdReader {
  /** Called once per swipe; returns the unsubscribe function. */
  onRead(listener: (read: IdRead) => void): () => void;
  /** Stops reading and closes the port, which the reader owns. A swipe in progress is dropped. */
  close(): Promise<void>;
}
