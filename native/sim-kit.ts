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
  start(
    context: SimContext,
    options: {
      readonly mode?: string | undefined;
      readonly baud?: number | undefined;
      readonly printerTcpPort?: number | undefined;
    },
  ): Promise<RunningDevice>;
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

/** A simulated device on a cable that can be pulled: its socat pair and the simulator on the device end. */
export interface Cable<S> {
  /** The link the app opens; it stays the same across replugs. */
  readonly appPath: string;
  /** The simulator while plugged in. */
  readonly simulator: S | undefined;
  readonly pid: number | undefined;
  /**
   * `unplug` (the `unplugged` event comes from the exit watcher, as for an unplug from outside) and
   * `replug` (a fresh pair at the same link; nothing when plugged in), the commands every
   * pluggable device knows; false for any other word.
   */
  command(word: string): Promise<boolean>;
  /** Unplugs for good, without an `unplugged` event. */
  stop(): Promise<void>;
}

/** What a device does beside its line when the cable is pulled or plugged back in. */
export interface CableHooks {
  /** An unplug by command or stop, before the line goes (a printer also leaves the network). */
  readonly beforeUnplug?: () => Promise<void>;
  /** A replug, before the new line is built (the device starts afresh). */
  readonly beforeReplug?: () => void;
  /** A replug, once plugged in; what it returns goes into the `replugged` event. */
  readonly afterReplug?: () => Promise<Record<string, unknown>>;
}

/**
 * Plugs a device in at `<sim dir>/<link>` with `attach` building its simulator on the device end,
 * and reports `unplugged` whenever its socat ends (a command or a `kill` from outside) and
 * `replugged` when plugged in again.
 */
export async function cable<S extends { detach(): void }>(
  context: SimContext,
  kind: string,
  link: string,
  attach: (port: SerialBytePort) => S,
  hooks: CableHooks = {},
): Promise<Cable<S>> {
  let plugged: { pair: PtyPair; port: SerialBytePort; simulator: S } | undefined;
  let stopping = false;

  const connect = async (): Promise<PtyPair> => {
    const { pair, port } = await plug(context, link);
    const current = { pair, port, simulator: attach(port) };
    plugged = current;
    void pair.exited.then(() => {
      current.simulator.detach();
      if (plugged === current) plugged = undefined;
      if (!stopping) context.emit({ event: 'unplugged', device: kind }, `${kind}: unplugged (socat ended)`);
    });
    return pair;
  };

  const disconnect = async (): Promise<void> => {
    await hooks.beforeUnplug?.();
    const current = plugged;
    if (!current) return;
    current.simulator.detach();
    await current.port.close().catch(() => undefined);
    await current.pair.kill();
  };

  const { appPath } = await connect();
  const replug = async (): Promise<void> => {
    if (plugged) return;
    hooks.beforeReplug?.();
    const pair = await connect();
    const details = (await hooks.afterReplug?.()) ?? {};
    context.emit(
      { event: 'replugged', device: kind, path: appPath, pid: pair.pid, ...details },
      `${kind}: plugged in again at ${appPath}`,
    );
  };
  return {
    appPath,
    get simulator() {
      return plugged?.simulator;
    },
    get pid() {
      return plugged?.pair.pid;
    },
    async command(word) {
      if (word === 'unplug') await disconnect();
      else if (word === 'replug') await replug();
      else return false;
      return true;
    },
    async stop() {
      stopping = true;
      await disconnect();
    },
  };
}
