/**
 * The one contract between the renderer and the station. Every call the renderer can make is a
 * channel here, with the schema of its request and its reply; every push from the station is an
 * event here. Both transports (Electron IPC through the preload, WebSocket in the browser host) are
 * generated from these two tables, and nothing else may add a channel.
 *
 * Adding a call: add the channel below, implement it in the `handlers` of `electron/station/station.ts`
 * (the type checker refuses a station that misses one), and call it from the renderer as
 * `api.<group>.<name>(request)`.
 */
import { z } from 'zod';
import { AccountChangeReplySchema, AccountChangeSchema, AccountListSchema } from './accounts';
import { AssistInputSchema, AssistShowSchema, EServiceListSchema } from './assist';
import { PrintableDocumentSchema, PrintRequestSchema, PrintSpoolSchema, RenderedDocumentSchema } from './documents';
import { PairedScreenListSchema, PairingCodeSchema, PairingStartSchema } from './pairing';
import { PrinterStateSchema, PrintJobSchema, TicketPrintoutSchema } from './printer';
import { ScreenSettingsSchema, SettingsProblemSchema } from './settings';
import {
  CapturedSignatureSchema,
  ConfigureDeviceSchema,
  DeviceListSchema,
  DeviceRoleSchema,
  DeviceStateSchema,
  DeviceTestResultSchema,
  IdReadSchema,
  SignatureCaptureRequestSchema,
  SignatureFromScreenRequestSchema,
  ResolvePrintJobSchema,
  UnknownPrintJobSchema,
} from './devices';
import {
  ConfirmRequestSchema,
  HubConnectionSchema,
  MayDoRequestSchema,
  NewSecondFactorSchema,
  PasswordRequestSchema,
  SessionInfoSchema,
  SignInReplySchema,
  SignInRequestSchema,
} from './session';

const Empty = z.object({}).strict();

export const StationInfoSchema = z.object({
  version: z.string(),
  host: z.enum(['electron', 'browser']),
  stationId: z.string(),
  /** Started with `--demo`: a fresh database takes the demo office, its appointments and accounts. */
  demo: z.boolean().optional(),
});
export type StationInfo = z.infer<typeof StationInfoSchema>;

export const SettingsReplySchema = z.object({
  /** Without secrets: a window never sees the hub's token. */
  settings: ScreenSettingsSchema,
  /** Problems found in the settings file at start-up; the station runs on defaults for those fields. */
  problems: z.array(SettingsProblemSchema),
});

function channel<Req extends z.ZodType, Rep extends z.ZodType>(request: Req, reply: Rep) {
  return { request, reply };
}

export const channels = {
  'station.info': channel(Empty, StationInfoSchema),
  'settings.get': channel(Empty, SettingsReplySchema),
  'printer.status': channel(Empty, PrinterStateSchema),
  'printer.printTicket': channel(TicketPrintoutSchema, PrintJobSchema),
  /** A slip in the ticket's layout from a counter: the code that resumes a saved assisted session. */
  'printer.printSlip': channel(TicketPrintoutSchema, PrintJobSchema),
  /** Jobs sent whose completion the printer never confirmed: a person decides about a reprint. */
  'printer.unknownJobs': channel(Empty, z.array(UnknownPrintJobSchema)),
  /** Settles an unknown job; `reprint` prints a duplicate (same number, marked) and returns its job. */
  'printer.resolveJob': channel(
    ResolvePrintJobSchema,
    z.object({ resolved: z.boolean(), reprint: PrintJobSchema.optional() }),
  ),
  'devices.list': channel(Empty, DeviceListSchema),
  /** Saves a device role's settings (schema-checked, written to settings.json) and applies them. */
  'devices.configure': channel(ConfigureDeviceSchema, DeviceListSchema),
  /** Printer: prints the self-test page. ID reader: waits for one swipe. Pad: captures a signature. */
  'devices.test': channel(z.object({ role: DeviceRoleSchema }).strict(), DeviceTestResultSchema),
  /** Waits for the visitor to sign on the pad; bound to `document` by a digest. */
  'signature.capture': channel(SignatureCaptureRequestSchema, CapturedSignatureSchema),
  'signature.cancel': channel(Empty, z.object({ cancelled: z.boolean() })),
  /** A signature drawn on screen: the station renders and binds it like a pad's. */
  'signature.fromScreen': channel(SignatureFromScreenRequestSchema, CapturedSignatureSchema),
  /** A visitor's document (summary, application, slip) as a large-print A4 PDF, with its content hash. */
  'documents.render': channel(PrintableDocumentSchema, RenderedDocumentSchema),
  /** Electron: spools a rendered PDF; the shell opens the system's print dialog on it (shell/print.ts). */
  'documents.print': channel(PrintRequestSchema, PrintSpoolSchema),
  /** Who is signed in at this workstation, and whether the screen is locked. */
  'session.current': channel(Empty, SessionInfoSchema),
  'session.signIn': channel(SignInRequestSchema, SignInReplySchema),
  /** A new authenticator secret for a supervisor or admin to enrol at this sign-in (shown as a QR code). */
  'session.newSecondFactor': channel(z.object({ login: z.string().min(1).max(64) }).strict(), NewSecondFactorSchema),
  'session.signOut': channel(Empty, SessionInfoSchema),
  /** Covers the screens at once (the clerk steps away, or the idle timer ran out). */
  'session.lock': channel(Empty, SessionInfoSchema),
  /** The same person's password uncovers them. */
  'session.unlock': channel(PasswordRequestSchema, SessionInfoSchema),
  /** The password again before a sensitive action. */
  'session.confirm': channel(ConfirmRequestSchema, SessionInfoSchema),
  /** The hub this window syncs with, and the session its requests carry (never the workstation's token). */
  'hub.connection': channel(Empty, HubConnectionSchema),
  /** May this screen, with the person here now, do a screen action? The answer, or why not (REAUTH_REQUIRED asks for the password). */
  'session.mayDo': channel(MayDoRequestSchema, z.object({ allowed: z.literal(true) })),
  /** The office's accounts, for the admin screen (at the hub, or this workstation's own). */
  'accounts.list': channel(Empty, AccountListSchema),
  /** Adds, disables, enables, resets or changes the roles of an account; a new one-time password is in the reply. */
  'accounts.change': channel(AccountChangeSchema, AccountChangeReplySchema),
  /** A six-digit code a screen on another machine enters once to be paired as a board, or as one counter's customer screen. */
  'pairing.start': channel(PairingStartSchema, PairingCodeSchema),
  'pairing.list': channel(Empty, PairedScreenListSchema),
  /** The screen's credential stops working at once. */
  'pairing.revoke': channel(z.object({ id: z.string().max(32) }).strict(), PairedScreenListSchema),
  /** The e-services this workstation offers (read from their folders at every call), and the files refused. */
  'eservices.list': channel(Empty, EServiceListSchema),
  /** The clerk's counter shows the visitor's screen this view (null: nothing, between visits). */
  'assist.show': channel(AssistShowSchema, z.object({ shown: z.boolean() })),
  /** What the visitor's screen of a counter should show now (when it opens or reconnects). */
  'assist.current': channel(z.object({ counter: z.number().int().min(1).max(999) }).strict(), AssistShowSchema),
  /** The visitor answered, went on or changed language on their screen. */
  'assist.input': channel(AssistInputSchema, z.object({ relayed: z.boolean() })),
} as const;

export const events = {
  /** Sent whenever the printer's state changes (connected, paper, cover, errors). */
  'printer.status': PrinterStateSchema,
  /** Every device role's state, whenever one changes. */
  'devices.status': z.array(DeviceStateSchema),
  /** The printer's unknown jobs, whenever one is added or settled. */
  'printer.unknownJobs': z.array(UnknownPrintJobSchema),
  /** A document was swiped through the ID-card reader. */
  'idReader.read': IdReadSchema,
  /** Someone signed in or out, or the screens were locked or unlocked. */
  'session.changed': SessionInfoSchema,
  /** The counter's clerk changed what the visitor's screen shows. */
  'assist.view': AssistShowSchema,
  /** The visitor did something on their screen. */
  'assist.input': AssistInputSchema,
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type EventName = keyof typeof events;
export type RequestOf<C extends ChannelName> = z.input<Channels[C]['request']>;
export type ReplyOf<C extends ChannelName> = z.output<Channels[C]['reply']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const CHANNEL_NAMES = Object.keys(channels) as ChannelName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isChannelName(value: unknown): value is ChannelName {
  return typeof value === 'string' && Object.hasOwn(channels, value);
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && Object.hasOwn(events, value);
}

/** Prefix of every Electron IPC channel; the preload and main refuse anything else. */
export const IPC_PREFIX = 'okienko:';
export const IPC_EVENT_CHANNEL = 'okienko:event';
