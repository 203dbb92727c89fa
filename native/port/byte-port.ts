/**
 * A bidirectional byte stream to a device. Protocol code is written against this interface only,
 * so it never knows whether its bytes travel over a serial line, a raw `/dev/usb/lp*` file or a
 * TCP 9100 socket. Runs anywhere: no Node types in the signature.
 */
export interface BytePort {
  /** For logs and status screens, e.g. `serial:/dev/ttyUSB0@38400`. Never personal data. */
  readonly description: string;
  readonly isOpen: boolean;
  open(): Promise<void>;
  /** Resolves once the bytes were handed to the operating system (drained). */
  write(data: Uint8Array): Promise<void>;
  /** Subscribe to received bytes; returns the unsubscribe function. */
  onData(listener: (chunk: Uint8Array) => void): () => void;
  /** Called once when the port closes, with the error if it closed because of one (unplug). */
  onClose(listener: (error?: Error) => void): () => void;
  close(): Promise<void>;
}
