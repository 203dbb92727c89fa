/**
 * What a simulated device kind needs from `npm run sim` (native/sim.ts): a context to report
 * events to, and a socat pseudo-terminal pair with the device end opened. Each kind lives beside
 * its protocol (`native/<kind>/*.sim-kind.ts`) and is listed in sim.ts.
 */
import { startPtyPair, type PtyPair } from './port/pty-pair';
import { SerialBytePort } from './port/serial-byte-port';

export type SimEvent = { readonly event: string } & Record<string, unknown>;

export interface SimContext {
  readonly dir: string;
  readonly outputFile: string | undefined;
  /** `human` is what a person at the terminal reads; --json prints the event itself. */
  emit(event: SimEvent, human: string): void;
}

/** One simulated device on its own pseudo-terminal pair. */
export interface RunningDevice {
  readonly kind: string;
  readonly appPath: string;
  readonly pid: number | undefined;
  /**
   * Handles a device command (`word`, with the rest of the line as `args`); false when the word
   * means nothing to this device.
   */
  command(word: string, args: readonly string[]): Promise<boolean>;
  status(): string;
  stop(): Promise<void>;
}

/** How to start a kind of device. */
export interface DeviceKind {
  readonly kind: string;
  readonly commands: readonly string[];
  /** One line per command for `help`. */
  readonly help?: string;
  start(context: SimContext, options: { readonly mode?: string | undefined; readonly baud?: number | undefined; readonly printerTcpPort?: number | undefined }): Promise<RunningDevice>;
}

/** Starts the socat pair and opens the device end; a fresh pair on every (re)plug. */
export async function plug(context: SimContext, kind: string): Promise<{ pair: PtyPair; port: SerialBytePort }> {
  const pair = await startPtyPair({ dir: context.dir, appName: kind, deviceName: `.${kind}-device` });
  // The baud rate means nothing on a pseudo-terminal; the app may open its end at any speed.
  const port = new SerialBytePort({ path: pair.devicePath, baudRate: 38400 });
  try {
    await port.open();
  } catch (error) {
    await pair.kill();
    throw error;
  }
  return { pair, port };
}

