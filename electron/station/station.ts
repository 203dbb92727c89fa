/**
 * The station's composition root: it reads the settings, builds every service with its
 * dependencies, and opens one connection per window for whichever transport carries the contract
 * (Electron IPC via the utility process, or the browser host's WebSocket); every call on it is
 * checked against the window's kind and the person signed in (electron/common/access). Services never reach for globals:
 * the clock, the device factories and the log come in here, so tests can swap them.
 */
import { spoolForPrinting } from './documents/spool';
import { AssistRelay } from './eservices/relay';
import { officeDefinitions, SHIPPED_DEFINITIONS } from './eservices/folders';
import { readFileSync } from 'node:fs';
import {
  CHANNEL_ACCESS,
  checkChannel,
  mayDo,
  mayHear,
  SCREEN_ACTIONS,
  type AccessRule,
  type Caller,
} from '../common/access/station-access';
import type { WindowKind } from '../common/access/subjects';
import { createDispatch, type Handlers } from '../common/contract/dispatch';
import { slotFromToken } from '../common/contract/hub';
import type { SessionInfo } from '../common/contract/session';
import type { ChannelName, EventName, EventPayload } from '../common/contract/contract';
import type { DeviceRole, DeviceState, DeviceTestResult, Signature } from '../common/contract/devices';
import { ContractFailure, type Result } from '../common/contract/result';
import { screenSettings } from '../common/contract/settings';
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
import { renderDocument } from './documents/render';
import { loadSettings, saveSettings } from './settings-store';
import { DeviceManager, type DeviceDrivers } from './device-manager';
import { checkDevicePath } from './device-paths';
import { ScreenPairing } from './pairing';
import { APP_VERSION } from './version';
import { fileUnknownJobsStore, type UnknownJobsStore } from './unknown-jobs-store';
import { CredentialCache } from './accounts/credential-cache';
import { newEnrolment } from '../node/accounts/second-factor';
import { HubCredentials, LocalCredentials } from './accounts/credentials';
import { HubLink } from './accounts/hub-link';
import { LocalAccounts } from './accounts/local-accounts';
import { addDemoAccounts } from './accounts/demo-accounts';
import { WorkstationSession } from './accounts/workstation-session';
import { HubAccountsAdmin, LocalAccountsAdmin, type AccountsAdmin } from './accounts/accounts-admin';

/** How the services tell the station of an event; the station adds who may hear it. */
type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

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
  /** `--demo` (accounts/demo-accounts.ts): the windows seed the demo office; alone, the demo accounts. */
  readonly demo?: boolean;
}

/**
 * A station event, and who may hear it now: a transport delivers it only to the windows for which
 * `mayReach(window, paired, counter)` holds (electron/common/access/station-access.ts); `counter`
 * is the one a paired customer screen was paired for.
 */
export type StationEventListener = <E extends EventName>(
  event: E,
  payload: EventPayload<E>,
  mayReach: (window: WindowKind, paired: boolean, counter?: number) => boolean,
) => void;

export interface Station {
  /**
   * A call from a window of the given kind (the Electron shell knows each window's, the browser host
   * is told it with every frame): checked against that kind and the person signed in, then run.
   * A paired screen (`paired`) is held to the `counter` it was paired for, none if absent.
   */
  dispatch(
    window: WindowKind,
    channel: unknown,
    payload: unknown,
    paired?: boolean,
    counter?: number,
  ): Promise<Result<unknown>>;
  /** Every event, with who may hear it now; a transport delivers it to those only. */
  subscribe(listener: StationEventListener): () => void;
  readonly settings: Settings;
  readonly problems: readonly SettingsProblem[];
  readonly session: WorkstationSession;
  /** Screens on other machines paired with this workstation (the browser host reads their credentials). */
  readonly pairing: ScreenPairing;
  close(): Promise<void>;
}

/** How often the station asks the hub about the people of its offline cache (and signs offline people in). */
const SESSION_REFRESH_MS = 60_000;

export async function createStation(options: StationOptions): Promise<Station> {
  const now = options.now ?? Date.now;
  const loaded = await loadSettings(options.dataDir);
  const settings = withOverrides(loaded.settings, options.overrides ?? {});
  for (const problem of loaded.problems) {
    options.log.warn('settings problem', { field: problem.field, problem: problem.message });
  }

  const listeners = new Set<StationEventListener>();
  let session: WorkstationSession | null = null;
  const emit: Emit = (event, payload) => {
    const mayReach = (window: WindowKind, paired: boolean, counter?: number) =>
      mayHear(
        event,
        heldTo(
          counter,
          session?.caller(window, paired) ?? { window, paired, user: null, checkedAt: null, secondFactorAt: null },
        ),
        payload,
      );
    for (const listener of listeners) listener(event, payload, mayReach);
  };
  const services = new StationServices(options, now, settings, emit);
  await services.devices.configure({ idReader: settings.idReader, signaturePad: settings.signaturePad });
  const hub = hubParts(options, settings);
  session = workstationSession(options, settings, hub, now, (info) => {
    // Signed out or locked: the visitor's screen shows nothing personal, and gets nothing to show.
    if (!info.user) services.assist.clearAll();
    services.assist.setHidden(!info.user || info.locked);
    emit('session.changed', info);
  });
  const person = session;
  const accounts: AccountsAdmin = hub
    ? new HubAccountsAdmin(hub.link, () => person.personalHubSession())
    : new LocalAccountsAdmin(new LocalAccounts(options.dataDir), now);
  const refresh = setInterval(() => void person.refresh().catch(() => undefined), SESSION_REFRESH_MS);
  refresh.unref();

  const pairing = new ScreenPairing(options.dataDir, now);
  if (options.demo && !hub) await addDemoAccounts(new LocalAccounts(options.dataDir));
  const handlers = stationHandlers(
    services,
    person,
    accounts,
    pairing,
    now,
    options.host,
    loaded.problems,
    options.demo ?? false,
  );
  const onUnexpected = (channel: string, error: unknown) => {
    options.log.error('handler failed', { channel, error: describeError(error) });
  };
  // One dispatch per call: the door reads the call's payload (the counter it names, for a paired screen).
  const dispatch: Station['dispatch'] = (window, channel, payload, paired = false, counter) => {
    const authorize = (name: ChannelName) => {
      const denial = checkChannel(name, heldTo(counter, person.caller(window, paired)), now(), payload);
      if (!denial && CHANNEL_ACCESS[name].recent) person.consumeConfirmation();
      return denial;
    };
    return createDispatch(handlers, onUnexpected, authorize, { window, paired })(channel, payload);
  };

  return {
    dispatch,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    settings,
    problems: loaded.problems,
    session: person,
    pairing,
    async close() {
      clearInterval(refresh);
      listeners.clear();
      await services.close();
    },
  };
}

/** The caller, held to the counter its paired screen was paired for (station-access.ts checkCounter). */
function heldTo(counter: number | undefined, caller: Caller): Caller {
  return counter === undefined ? caller : { ...caller, counter };
}

/** The station's own link to the hub (with the workstation's token) and its offline sign-in cache; null alone. */
function hubParts(options: StationOptions, settings: Settings) {
  const { hub } = settings;
  if (!hub) return null;
  return {
    link: new HubLink({
      url: hub.url,
      token: hub.token,
      appVersion: APP_VERSION,
      ...(hub.ca ? { ca: readCa(hub.ca, options.log) } : {}),
    }),
    cache: new CredentialCache(options.dataDir, settings.signIn.offlineDays),
    slot: slotFromToken(hub.token) ?? 1,
  };
}

/** The office CA named in the settings; unreadable, the hub is checked against the system's store, and the log says why. */
function readCa(file: string, log: Logger): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    log.warn('cannot read the office CA named in hub.ca; using the system certificate store', {
      file,
      error: describeError(error),
    });
    return undefined;
  }
}

/** The person at this workstation, checked at the hub (and its offline cache) or by its own accounts. */
function workstationSession(
  options: StationOptions,
  settings: Settings,
  hub: ReturnType<typeof hubParts>,
  now: () => number,
  onChange: (info: SessionInfo) => void,
): WorkstationSession {
  const common = {
    now,
    log: options.log,
    idleLockMs: settings.signIn.idleLockMinutes * 60_000,
    reauthAfterMs: settings.signIn.reauthMinutes * 60_000,
    onChange,
  };
  if (!hub)
    return new WorkstationSession({ ...common, credentials: new LocalCredentials(new LocalAccounts(options.dataDir)) });
  return new WorkstationSession({ ...common, credentials: new HubCredentials(hub.link, hub.cache), hub });
}

/** The settings in force: the file's, with those given on the command line on top. */
function withOverrides(file: Settings, overrides: SettingsOverrides): Settings {
  return {
    ...file,
    ...(overrides.role ? { role: overrides.role } : {}),
    ...(overrides.counter ? { counter: overrides.counter } : {}),
    host: { ...file.host, ...overrides.host },
    printer: overrides.printer ?? file.printer,
    idReader: overrides.idReader ?? file.idReader,
    signaturePad: overrides.signaturePad ?? file.signaturePad,
    hub: overrides.hub ?? file.hub,
  };
}

type DeviceChange = Parameters<Handlers['devices.configure']>[0];

/**
 * The station's running services and the settings in force. An admin's device change replaces
 * the printer service, or reopens the one device changed, and is in force at once.
 */
class StationServices {
  settings: Settings;
  printer: PrinterService;
  readonly devices: DeviceManager;
  readonly assist: AssistRelay;
  readonly dataDir: string;
  readonly #options: StationOptions;
  readonly #now: () => number;
  readonly #emit: Emit;
  readonly #jobsStore: UnknownJobsStore;
  #configuring: Promise<unknown> = Promise.resolve();

  constructor(options: StationOptions, now: () => number, settings: Settings, emit: Emit) {
    this.#options = options;
    this.#now = now;
    this.#emit = emit;
    this.settings = settings;
    this.#jobsStore = fileUnknownJobsStore(options.dataDir, options.log);
    this.dataDir = options.dataDir;
    this.printer = this.#makePrinter(settings.printer);
    this.assist = new AssistRelay([SHIPPED_DEFINITIONS, officeDefinitions(options.dataDir)], emit, options.log);
    this.devices = new DeviceManager({
      drivers: options.devices,
      log: options.log,
      now,
      onRead: (read) => emit('idReader.read', read),
      onStatus: () => emit('devices.status', this.deviceStates()),
    });
  }

  deviceStates(): DeviceState[] {
    const state = this.printer.state();
    const printerState: DeviceState = this.settings.printer
      ? {
          role: 'printer',
          connection: this.printer.connection(),
          condition: state.status,
          ...(state.device ? { device: state.device } : {}),
          checkedAt: state.checkedAt,
        }
      : { role: 'printer', connection: 'not-configured', checkedAt: state.checkedAt };
    return [printerState, ...this.devices.states()];
  }

  async deviceList() {
    const { ports, problem } = await this.#options.devices.listPorts();
    const { printer, idReader, signaturePad } = this.settings;
    return {
      ports,
      ...(problem ? { portsProblem: problem } : {}),
      devices: this.deviceStates(),
      settings: { printer, idReader, signaturePad },
    };
  }

  /** Signed strokes bound to the text they acknowledge. */
  async bind(signature: Signature, document: string, source: 'pad' | 'screen', interrupted: boolean) {
    if (signature.strokes.length === 0) throw new ContractFailure('SIGNATURE_EMPTY', 'Nothing was signed');
    return {
      svg: this.#options.devices.renderSignature(signature),
      digest: await this.#options.devices.signatureDigest(signature, document),
      strokes: signature.strokes.length,
      interrupted,
      source,
      capturedAt: new Date(this.#now()).toISOString(),
    };
  }

  /**
   * One change at a time: two saves in quick succession (a double click, Save then Remove) would
   * otherwise both close the same old device and leave one of the new ones open, unowned, and
   * both read the settings file before either wrote it.
   */
  configure(change: DeviceChange) {
    const run = this.#configuring.then(() => this.#configure(change));
    this.#configuring = run.catch(() => undefined);
    return run;
  }

  /** Tells the screens which print jobs are still waiting for a person's decision. */
  emitUnknownJobs(): void {
    this.#emit('printer.unknownJobs', this.printer.unknownJobs());
  }

  async close(): Promise<void> {
    await Promise.all([this.printer.close(), this.devices.close()]);
  }

  /** An admin's change of one device: saved to the settings file and in force at once. */
  async #configure(change: DeviceChange) {
    const { dataDir, log } = this.#options;
    if (change.settings) {
      const transport = 'transport' in change.settings ? change.settings.transport : undefined;
      await checkDevicePath(change.role, transport, change.settings.path);
    }
    // Written to the file as the admin chose (the file's other fields as they were, so options
    // given on the command line are not saved into it), and in force at once.
    const fileSettings = (await loadSettings(dataDir)).settings;
    await saveSettings(dataDir, { ...fileSettings, [change.role]: change.settings });
    if (change.role === 'printer') {
      await this.printer.close();
      this.settings = { ...this.settings, printer: change.settings };
      this.printer = this.#makePrinter(this.settings.printer);
    } else {
      this.settings = { ...this.settings, [change.role]: change.settings };
      // Only the device changed is reopened; the other one goes on (a signature may be under way).
      await this.devices.configure({ [change.role]: change.settings });
    }
    log.info('device configured', { role: change.role, configured: change.settings !== null });
    this.#emit('devices.status', this.deviceStates());
    return this.deviceList();
  }

  #makePrinter(settings: PrinterSettings | null): PrinterService {
    const { devices, log, printerHeartbeatMs } = this.#options;
    return new PrinterService({
      settings,
      open: devices.openPrinter,
      layout: devices.layoutTicket,
      layoutSelfTest: devices.layoutSelfTest,
      log,
      now: this.#now,
      onState: (state) => {
        this.#emit('printer.status', state);
        this.#emit('devices.status', this.deviceStates());
      },
      onUnknownJobs: (jobs) => this.#emit('printer.unknownJobs', jobs),
      heartbeatMs: printerHeartbeatMs ?? 5000,
      jobsStore: this.#jobsStore,
    });
  }
}

/** The contract's handlers over the running services. */
function stationHandlers(
  services: StationServices,
  session: WorkstationSession,
  accounts: AccountsAdmin,
  pairing: ScreenPairing,
  now: () => number,
  host: StationOptions['host'],
  problems: readonly SettingsProblem[],
  demo: boolean,
): Handlers {
  return {
    'station.info': async () => ({
      version: APP_VERSION,
      host,
      stationId: services.settings.stationId,
      demo,
    }),
    'settings.get': async () => ({ settings: screenSettings(services.settings), problems: [...problems] }),
    'printer.status': async () => services.printer.refresh(),
    'printer.printTicket': async (printout) => services.printer.printTicket(printout),
    'printer.printSlip': async (printout) => services.printer.printTicket(printout),
    'printer.unknownJobs': async () => services.printer.unknownJobs(),
    'printer.resolveJob': async ({ jobId, outcome }) => {
      const result = await services.printer.resolveJob(jobId, outcome);
      services.emitUnknownJobs();
      return result;
    },
    'devices.list': () => services.deviceList(),
    'devices.configure': (change) => services.configure(change),
    'devices.test': ({ role }) => testDevice(services, role),
    'signature.capture': async ({ document }) => {
      const captured = await services.devices.capture(120_000);
      return services.bind(captured.signature, document, 'pad', captured.interrupted);
    },
    'signature.cancel': async () => ({ cancelled: services.devices.cancelCapture() }),
    'signature.fromScreen': async ({ document, signature }) => services.bind(signature, document, 'screen', false),
    'documents.render': (document) => renderDocument(document),
    'documents.print': ({ pdf }) => spoolForPrinting(services.dataDir, host, pdf),
    // A paired screen learns whether the workstation is locked, never who is signed in at it.
    'session.current': async (_request, { paired }) => (paired ? anonymous(session.info()) : session.info()),
    'session.signIn': (request) => session.signIn(request),
    'session.signOut': () => session.signOut(),
    'session.lock': async () => session.lock(),
    'session.unlock': ({ password }) => session.unlock(password),
    'session.newSecondFactor': async ({ login }) => newEnrolment(login),
    'session.confirm': ({ password, code }) => session.confirm(password, code),
    'hub.connection': (_request, { paired }) => session.hubConnection(paired),
    'accounts.list': () => accounts.list(),
    'pairing.start': async (target) => pairing.start(target),
    'pairing.list': () => pairing.list(),
    'pairing.revoke': ({ id }) => pairing.revoke(id),
    'accounts.change': (change) => accounts.change(change),
    'eservices.list': () => services.assist.list(),
    'assist.show': async (show) => services.assist.show(show),
    'assist.current': async ({ counter }) => services.assist.current(counter),
    'assist.input': async (input) => services.assist.input(input),
    'session.mayDo': async ({ action }, { window, paired }) => {
      const denial = mayDo(action, session.caller(window, paired), now());
      if (denial) throw new ContractFailure(denial.code, denial.message);
      if ((SCREEN_ACTIONS[action] as AccessRule).recent) session.consumeConfirmation();
      return { allowed: true as const };
    },
  };
}

/** What a screen on another machine may know of the workstation's session: whether it is locked. */
export function anonymous(info: SessionInfo): SessionInfo {
  return { ...info, user: null, checkedAt: null, secondFactorAt: null };
}

/** A device test from the admin's screen: a self-test page, the next swipe, or a test signature. */
async function testDevice(services: StationServices, role: DeviceRole): Promise<DeviceTestResult> {
  if (role === 'printer') {
    const job = await services.printer.printSelfTest();
    return { role, bytes: job.bytes };
  }
  if (role === 'idReader') {
    const read = await services.devices.nextRead(30_000);
    return {
      role,
      read: read.ok
        ? { ok: true, documentKind: read.identity.documentKind }
        : { ok: false, reason: read.reason, ...(read.part ? { part: read.part } : {}) },
    };
  }
  const captured = await services.devices.capture(60_000);
  const bound = await services.bind(captured.signature, 'Okienko — test podpisu', 'pad', captured.interrupted);
  return { role, strokes: bound.strokes, interrupted: bound.interrupted, svg: bound.svg };
}
