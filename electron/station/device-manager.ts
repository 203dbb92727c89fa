/**
 * The workstation's devices beyond the printer: the ID-card reader and the signature pad, plus
 * the list of serial ports and each role's live state for the device screen. Every device is
 * found by USB vendor/product/serial number when configured so (a changed port name still finds
 * it), opened, and reopened with back-off after an unplug; its driver comes from `StationDevices`,
 * so tests and the browser host wire the same code to simulators.
 */
import type { DeviceRole, DeviceState, IdRead, SerialPortInfo, Signature } from '../common/contract/devices';
import type { IdentityProblem, VisitorIdentity } from '../common/domain/identity';
import { retryDelay } from '../common/backoff';
import { ContractFailure } from '../common/contract/result';
import type { DeviceMatch, IdReaderSettings, SignaturePadSettings } from '../common/contract/settings';
import { normaliseUsbId, resolvePortPath } from '../../native/port/serial-ports';
import { describeError, type Logger } from './log';

/** What a reader driver reports: an ICAO document as read from its MRZ, or why not. */
export type RawIdRead =
  | { readonly ok: true; readonly identity: VisitorIdentity; readonly problems: readonly IdentityProblem[] }
  | {
      readonly ok: false;
      readonly reason: 'torn' | 'check-digit' | 'unsupported' | 'garbage';
      readonly part?: string | undefined;
    };

export interface IdReaderDevice {
  onRead(listener: (read: RawIdRead) => void): () => void;
  /** Called once when the device is gone (unplugged, port closed). */
  onClose(listener: () => void): () => void;
  close(): Promise<void>;
}

export interface SignaturePadDevice {
  /** Resolves with the strokes once the visitor lifted the pen for good (or rejects). */
  capture(options: { readonly signal: AbortSignal }): Promise<{ signature: Signature; interrupted: boolean }>;
  onClose(listener: () => void): () => void;
  close(): Promise<void>;
}

export interface DeviceDrivers {
  listPorts(): Promise<{ ports: SerialPortInfo[]; problem?: string }>;
  openIdReader(settings: IdReaderSettings, path: string): Promise<IdReaderDevice>;
  openSignaturePad(settings: SignaturePadSettings, path: string): Promise<SignaturePadDevice>;
}

/**
 * The port to open for a device: the one its USB ids single out, else its configured path (a
 * pseudo-terminal, or a port the system cannot list); `how` says which, for the device screen.
 */
export function resolvePath(
  settings: { path: string; match?: DeviceMatch | undefined },
  ports: readonly SerialPortInfo[],
): { path: string; how: string } {
  const resolved = resolvePortPath(settings, ports);
  const match = settings.match;
  if (resolved.by === 'identity' && match) {
    return {
      path: resolved.path,
      how: `${resolved.path} (${normaliseUsbId(match.vendorId)}:${normaliseUsbId(match.productId)}${match.serialNumber ? ` #${match.serialNumber}` : ''})`,
    };
  }
  return { path: resolved.path, how: resolved.note ? `${resolved.path} — ${resolved.note}` : resolved.path };
}

/**
 * One configured device role: open it, watch it, reopen it after an unplug with back-off
 * 0.5 → 1 → 2 → 5 s. `D` is the driver the role's factory returns.
 */
class DeviceSlot<D extends { onClose(listener: () => void): () => void; close(): Promise<void> }> {
  private driver: D | null = null;
  private state: DeviceState['connection'] = 'connecting';
  private description = '';
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  private unsubscribe: (() => void) | void = undefined;

  constructor(
    readonly role: DeviceRole,
    private readonly open: () => Promise<{ driver: D; description: string }>,
    private readonly onChange: () => void,
    /** Subscribes to the new driver; what it returns is called when that driver is lost. */
    private readonly onOpened: (driver: D) => (() => void) | void,
    private readonly log: Logger,
  ) {
    void this.connect();
  }

  get current(): D | null {
    return this.driver;
  }

  status(now: number): DeviceState {
    return {
      role: this.role,
      connection: this.state,
      ...(this.description ? { device: this.description } : {}),
      checkedAt: new Date(now).toISOString(),
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    const driver = this.driver;
    this.forget();
    await driver?.close().catch(() => undefined);
  }

  /** Drops the current driver and whatever was listening to it: a lost device says nothing more. */
  private forget(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.driver = null;
  }

  private set(state: DeviceState['connection']): void {
    if (state === this.state) return;
    this.state = state;
    this.onChange();
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    try {
      const { driver, description } = await this.open();
      if (this.closed) {
        await driver.close().catch(() => undefined);
        return;
      }
      this.driver = driver;
      this.description = description;
      this.attempt = 0;
      driver.onClose(() => {
        if (this.driver !== driver) return;
        this.forget();
        void driver.close().catch(() => undefined);
        this.log.warn('device lost', { role: this.role });
        this.set('reconnecting');
        this.schedule();
      });
      this.unsubscribe = this.onOpened(driver);
      this.set('connected');
    } catch (error) {
      this.log.warn('device cannot be opened', { role: this.role, error: describeError(error) });
      this.set(this.attempt === 0 ? 'disconnected' : 'reconnecting');
      this.schedule();
    }
  }

  private schedule(): void {
    if (this.closed || this.timer) return;
    const delay = retryDelay(this.attempt++);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.connect();
    }, delay);
    this.timer.unref?.();
  }
}

export interface DeviceManagerOptions {
  readonly drivers: DeviceDrivers;
  readonly log: Logger;
  readonly now: () => number;
  readonly onRead: (read: IdRead) => void;
  readonly onStatus: () => void;
}

export class DeviceManager {
  private idReader: DeviceSlot<IdReaderDevice> | null = null;
  private signaturePad: DeviceSlot<SignaturePadDevice> | null = null;
  private capturing: AbortController | null = null;
  private readonly readWaiters = new Set<(read: IdRead) => void>();

  constructor(private readonly options: DeviceManagerOptions) {}

  /**
   * (Re)opens the devices given: a role present in `settings` is closed and opened anew with its
   * settings (null: none); a role left out keeps running untouched.
   */
  async configure(settings: {
    idReader?: IdReaderSettings | null;
    signaturePad?: SignaturePadSettings | null;
  }): Promise<void> {
    const { drivers } = this.options;
    if ('idReader' in settings) {
      await this.idReader?.close();
      const reader = settings.idReader;
      this.idReader = reader
        ? this.slot(
            'idReader',
            reader,
            (path) => drivers.openIdReader(reader, path),
            (driver) => driver.onRead((raw) => this.deliver(raw)),
          )
        : null;
    }
    if ('signaturePad' in settings) {
      await this.signaturePad?.close();
      const pad = settings.signaturePad;
      this.signaturePad = pad
        ? this.slot(
            'signaturePad',
            pad,
            (path) => drivers.openSignaturePad(pad, path),
            () => undefined,
          )
        : null;
    }
    this.options.onStatus();
  }

  /** A role's slot: finds its port (by USB ids when configured so) and opens it through `open`. */
  private slot<D extends { onClose(listener: () => void): () => void; close(): Promise<void> }>(
    role: DeviceRole,
    settings: { path: string; match?: DeviceMatch | undefined },
    open: (path: string) => Promise<D>,
    onOpened: (driver: D) => (() => void) | void,
  ): DeviceSlot<D> {
    return new DeviceSlot<D>(
      role,
      async () => {
        const { ports } = await this.options.drivers.listPorts();
        const target = resolvePath(settings, ports);
        return { driver: await open(target.path), description: target.how };
      },
      this.options.onStatus,
      onOpened,
      this.options.log,
    );
  }

  states(): DeviceState[] {
    const now = this.options.now();
    const off = (role: DeviceRole): DeviceState => ({
      role,
      connection: 'not-configured',
      checkedAt: new Date(now).toISOString(),
    });
    return [this.idReader?.status(now) ?? off('idReader'), this.signaturePad?.status(now) ?? off('signaturePad')];
  }

  /** Resolves with the next swipe (device test), or rejects after `timeoutMs`. */
  nextRead(timeoutMs: number): Promise<IdRead> {
    this.requireConnected(this.idReader, 'idReader');
    return new Promise<IdRead>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.readWaiters.delete(waiter);
        reject(new ContractFailure('TIMEOUT', 'Nothing was swiped'));
      }, timeoutMs);
      const waiter = (read: IdRead) => {
        clearTimeout(timer);
        this.readWaiters.delete(waiter);
        resolve(read);
      };
      this.readWaiters.add(waiter);
    });
  }

  /** The visitor signs on the pad; one capture at a time. */
  async capture(timeoutMs: number): Promise<{ signature: Signature; interrupted: boolean }> {
    const pad = this.requireConnected(this.signaturePad, 'signaturePad');
    if (this.capturing) throw new ContractFailure('DEVICE_BUSY', 'A signature is already being captured');
    const controller = new AbortController();
    this.capturing = controller;
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      return await pad.capture({ signal: controller.signal });
    } catch (error) {
      if (controller.signal.aborted)
        throw new ContractFailure('SIGNATURE_CANCELLED', 'The signature was cancelled or not given in time');
      if (error instanceof ContractFailure) throw error;
      throw new ContractFailure('DEVICE_DISCONNECTED', `The signature pad stopped: ${describeError(error)}`);
    } finally {
      clearTimeout(timer);
      if (this.capturing === controller) this.capturing = null;
    }
  }

  cancelCapture(): boolean {
    const capturing = this.capturing;
    capturing?.abort();
    return capturing !== null;
  }

  async close(): Promise<void> {
    this.capturing?.abort();
    await Promise.all([this.idReader?.close(), this.signaturePad?.close()]);
  }

  private deliver(raw: RawIdRead): void {
    const readAt = new Date(this.options.now()).toISOString();
    const read: IdRead = raw.ok
      ? { ok: true, identity: raw.identity, problems: [...raw.problems], readAt }
      : { ok: false, reason: raw.reason, ...(raw.part ? { part: raw.part } : {}), readAt };
    this.options.log.info('document swiped', { ok: read.ok, ...(read.ok ? {} : { reason: read.reason }) });
    for (const waiter of [...this.readWaiters]) waiter(read);
    this.options.onRead(read);
  }

  private requireConnected<D>(
    slot: DeviceSlot<D & { onClose(listener: () => void): () => void; close(): Promise<void> }> | null,
    role: DeviceRole,
  ): D {
    if (!slot) throw new ContractFailure('DEVICE_NOT_CONFIGURED', `No ${role} is configured on this workstation`);
    const driver = slot.current;
    if (!driver) throw new ContractFailure('DEVICE_DISCONNECTED', `The ${role} is not connected`);
    return driver;
  }
}
