/**
 * The station's composition root: it reads the settings, builds every service with its
 * dependencies, and exposes one `dispatch` for whichever transport carries the contract (Electron
 * IPC via the utility process, or the browser host's WebSocket). Services never reach for globals:
 * the clock, the device factories and the log come in here, so tests can swap them.
 */
import { createDispatch, type Dispatch, type Handlers } from '../contract/dispatch';
import type { EventName, EventPayload } from '../contract/contract';
import type { HubSettings, IdReaderSettings, PrinterSettings, Settings, SettingsProblem, SignaturePadSettings } from '../contract/settings';
import type { TicketLayoutInput, TicketPrinter } from '../../native/printer/ticket-printer';
import { describeError, type Logger } from './log';
import { PrinterService } from './printer-service';
import { loadSettings } from './settings-store';
import { APP_VERSION } from './version';

export type StationEventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface StationDevices {
  readonly openPrinter: (settings: PrinterSettings) => Promise<TicketPrinter>;
  readonly layoutTicket: (input: TicketLayoutInput, settings: PrinterSettings) => Uint8Array;
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
  const settings: Settings = {
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

  const printer = new PrinterService({
    settings: settings.printer,
    open: options.devices.openPrinter,
    layout: options.devices.layoutTicket,
    log: options.log,
    now,
    onState: (state) => emit('printer.status', state),
    heartbeatMs: options.printerHeartbeatMs ?? 5000,
  });

  const handlers: Handlers = {
    'station.info': async () => ({ version: APP_VERSION, host: options.host, stationId: settings.stationId }),
    'settings.get': async () => ({ settings, problems: [...loaded.problems] }),
    'printer.status': async () => printer.refresh(),
    'printer.printTicket': async (printout) => printer.printTicket(printout),
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
      await printer.close();
    },
  };
}
