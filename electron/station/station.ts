/**
 * The station's composition root: it reads the settings, builds every service with its
 * dependencies, and exposes one `dispatch` for whichever transport carries the contract (Electron
 * IPC via the utility process, or the browser host's WebSocket). Services never reach for globals:
 * the clock, the device factories and the log come in here, so tests can swap them.
 */
import { createDispatch, type Dispatch, type Handlers } from '../common/contract/dispatch';
import type { EventName, EventPayload } from '../common/contract/contract';
import type { DeviceState, Signature } from '../common/contract/devices';
import { ContractFailure } from '../common/contract/result';
import type {
  HubSettings,
  IdReaderSettings,
  PrinterSettings,
  Settings,
  SettingsProblem,
  SignaturePadSettings,
} from '../common/contract/settings';
import type { TicketLayoutInput, TicketPrinter } from '../../native/printer/ticket-printer';
import { describeError, type Logger } from './log';
import { PrinterService } from './printer-service';
import { loadSettings, saveSettings } from './settings-store';
import { DeviceManager, type DeviceDrivers } from './device-manager';
import { APP_VERSION } from './version';
import { fileUnknownJobsStore } from './unknown-jobs-store';

export type StationEventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface StationDevices extends DeviceDrivers {
  readonly openPrinter: (settings: PrinterSettings) => Promise<TicketPrinter>;
  readonly layoutTicket: (input: TicketLayoutInput, settings: PrinterSettings) => Uint8Array;
  readonly layoutSelfTest: (settings: PrinterSettings) => Uint8Array;
  /** The strokes as an SVG image (for the screen and documents). */
  readonly renderSignature: (signature: Signature) => string;
  /** SHA-256 (hex) over the strokes and the acknowledged text: what binds them together. */
  readonly signatureDigest: (signature: Signature, document: string) => Promise<string>;
}

export interface SettingsOverrides {
  readonly host?: Partial<Settings['host']>;
  readonly printer?: PrinterSettings;
  readonly idReader?: IdReaderSettings;
  readonly signaturePad?: SignaturePadSettings;
  readonly hub?: HubSettings;
  readonly role?: Settings['role'];
  readonly counter?: number;
}

export interface StationOptions {
  readonly dataDir: string;
  readonly host: 'electron' | 'browser';
  /** Settings from the command line; they win over the file and are not written back. */
  readonly overrides?: SettingsOverrides;
  readonly log: Logger;
  readonly devices: StationDevices;
  readonly now?: () => number;
  readonly printerHeartbeatMs?: number;
}

export interface Station {
  readonly dispatch: Dispatch;
  readonly settings: Settings;
  readonly problems: readonly SettingsProblem[];
  subscribe(listener: StationEventListener): () => void;
  close(): Promise<void>;
}

export async function createStation(options: StationOptions): Promise<Station> {
  const now = options.now ?? Date.now;
  const loaded = await loadSettings(options.dataDir);
  const overrides = options.overrides ?? {};
  let settings: Settings = {
    ...loaded.settings,
    ...(overrides.role ? { role: overrides.role } : {}),
    ...(overrides.counter ? { counter: overrides.counter } : {}),
    host: { ...loaded.settings.host, ...overrides.host },
    printer: overrides.printer ?? loaded.settings.printer,
    idReader: overrides.idReader ?? loaded.settings.idReader,
    signaturePad: overrides.signaturePad ?? loaded.settings.signaturePad,
    hub: overrides.hub ?? loaded.settings.hub,
  };
  for (const problem of loaded.problems) {
    options.log.warn('settings problem', { field: problem.field, problem: problem.message });
  }

  const listeners = new Set<StationEventListener>();
  const emit: StationEventListener = (event, payload) => {
    for (const listener of listeners) listener(event, payload);
  };

  const jobsStore = fileUnknownJobsStore(options.dataDir, options.log);
  const makePrinter = (printerSettings: PrinterSettings | null) =>
    new PrinterService({
      settings: printerSettings,
      open: options.devices.openPrinter,
      layout: options.devices.layoutTicket,
      layoutSelfTest: options.devices.layoutSelfTest,
      log: options.log,
      now,
      onState: (state) => {
        emit('printer.status', state);
        emit('devices.status', deviceStates());
      },
      onUnknownJobs: (jobs) => emit('printer.unknownJobs', jobs),
      heartbeatMs: options.printerHeartbeatMs ?? 5000,
      jobsStore,
    });
  let printer = makePrinter(settings.printer);

  const devices = new DeviceManager({
    drivers: options.devices,
    log: options.log,
    now,
    onRead: (read) => emit('idReader.read', read),
    onStatus: () => emit('devices.status', deviceStates()),
  });
  await devices.configure({ idReader: settings.idReader, signaturePad: settings.signaturePad });

  function deviceStates(): DeviceState[] {
    const state = printer.state();
    const printerState: DeviceState = settings.printer
      ? {
          role: 'printer',
          connection: printer.connection(),
          condition: state.status,
          ...(state.device ? { device: state.device } : {}),
          checkedAt: state.checkedAt,
        }
      : { role: 'printer', connection: 'not-configured', checkedAt: state.checkedAt };
    return [printerState, ...devices.states()];
  }

  async function deviceList() {
    const { ports, problem } = await options.devices.listPorts();
    return {
      ports,
      ...(problem ? { portsProblem: problem } : {}),
      devices: deviceStates(),
      settings: { printer: settings.printer, idReader: settings.idReader, signaturePad: settings.signaturePad },
    };
  }

  async function bind(signature: Signature, document: string, source: 'pad' | 'screen', interrupted: boolean) {
    if (signature.strokes.length === 0) throw new ContractFailure('SIGNATURE_EMPTY', 'Nothing was signed');
    return {
      svg: options.devices.renderSignature(signature),
      digest: await options.devices.signatureDigest(signature, document),
      strokes: signature.strokes.length,
      interrupted,
      source,
      capturedAt: new Date(now()).toISOString(),
    };
  }

  /** An admin's change of one device: saved to the settings file and in force at once. */
  async function configure(change: Parameters<Handlers['devices.configure']>[0]) {
    // Written to the file as the admin chose (the file's other fields as they were, so options
    // given on the command line are not saved into it), and in force at once.
    const fileSettings = (await loadSettings(options.dataDir)).settings;
    await saveSettings(options.dataDir, { ...fileSettings, [change.role]: change.settings });
    if (change.role === 'printer') {
      await printer.close();
      settings = { ...settings, printer: change.settings };
      printer = makePrinter(settings.printer);
    } else {
      settings = { ...settings, [change.role]: change.settings };
      // Only the device changed is reopened; the other one goes on (a signature may be under way).
      await devices.configure({ [change.role]: change.settings });
    }
    options.log.info('device configured', { role: change.role, configured: change.settings !== null });
    emit('devices.status', deviceStates());
    return deviceList();
  }
  let configuring: Promise<unknown> = Promise.resolve();

  const handlers: Handlers = {
    'station.info': async () => ({ version: APP_VERSION, host: options.host, stationId: settings.stationId }),
    'settings.get': async () => ({ settings, problems: [...loaded.problems] }),
    'printer.status': async () => printer.refresh(),
    'printer.printTicket': async (printout) => printer.printTicket(printout),
    'printer.unknownJobs': async () => printer.unknownJobs(),
    'printer.resolveJob': async ({ jobId, outcome }) => {
      const result = await printer.resolveJob(jobId, outcome);
      emit('printer.unknownJobs', printer.unknownJobs());
      return result;
    },
    'devices.list': deviceList,
    // One change at a time: two saves in quick succession (a double click, Save then Remove) would
    // otherwise both close the same old device and leave one of the new ones open, unowned, and
    // both read the settings file before either wrote it.
    'devices.configure': (change) => {
      const run = configuring.then(() => configure(change));
      configuring = run.catch(() => undefined);
      return run;
    },
    'devices.test': async ({ role }) => {
      if (role === 'printer') {
        const job = await printer.printSelfTest();
        return { role, bytes: job.bytes };
      }
      if (role === 'idReader') {
        const read = await devices.nextRead(30_000);
        return {
          role,
          read: read.ok
            ? { ok: true, documentKind: read.identity.documentKind }
            : { ok: false, reason: read.reason, ...(read.part ? { part: read.part } : {}) },
        };
      }
      const captured = await devices.capture(60_000);
      const bound = await bind(captured.signature, 'Okienko — test podpisu', 'pad', captured.interrupted);
      return { role, strokes: bound.strokes, interrupted: bound.interrupted, svg: bound.svg };
    },
    'signature.capture': async ({ document }) => {
      const captured = await devices.capture(120_000);
      return bind(captured.signature, document, 'pad', captured.interrupted);
    },
    'signature.cancel': async () => ({ cancelled: devices.cancelCapture() }),
    'signature.fromScreen': async ({ document, signature }) => bind(signature, document, 'screen', false),
  };

  const dispatch = createDispatch(handlers, (channel, error) => {
    options.log.error('handler failed', { channel, error: describeError(error) });
  });

  return {
    dispatch,
    settings,
    problems: loaded.problems,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      listeners.clear();
      await Promise.all([printer.close(), devices.close()]);
    },
  };
}
