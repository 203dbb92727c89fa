import { z } from 'zod';

/** ESC/POS printer models whose code-page tables we know (names from receipt-printer-encoder). */
export const PRINTER_MODELS = [
  'epson-tm-t20iii',
  'epson-tm-t88vi',
  'xprinter-xp-n160ii',
  'pos-8360',
  'generic',
  'generic-zjiang',
  'generic-xprinter',
  'generic-rongta',
] as const;

/**
 * Which USB device this is, whatever port name the system gives it today: vendor and product id
 * (4 hex digits, as `SerialPort.list()` reports them on Linux) and, when there are several of the
 * same model, the serial number. A configured `path` is used when no port matches (and always for
 * pseudo-terminals, which never appear in the port list).
 */
export const DeviceMatchSchema = z.object({
  vendorId: z.string().regex(/^[0-9a-fA-F]{4}$/, 'a vendor id is 4 hex digits, e.g. 04b8'),
  productId: z.string().regex(/^[0-9a-fA-F]{4}$/, 'a product id is 4 hex digits, e.g. 0e15'),
  serialNumber: z.string().max(64).optional(),
});
export type DeviceMatch = z.infer<typeof DeviceMatchSchema>;

export const SerialLineSchema = z.object({
  path: z.string().min(1),
  baudRate: z.number().int().positive().default(38400),
  rtscts: z.boolean().default(false),
  match: DeviceMatchSchema.optional(),
});

/**
 * `serial`: a (USB-)serial port at `path`; `file`: a raw printer device such as /dev/usb/lp0;
 * `tcp`: a network printer, `path` = `tcp://host:port` (or `host:port`, as settings written before have it).
 */
export const PRINTER_TRANSPORTS = ['serial', 'file', 'tcp'] as const;

export const PrinterSettingsSchema = SerialLineSchema.extend({
  transport: z.enum(PRINTER_TRANSPORTS).default('serial'),
  model: z.enum(PRINTER_MODELS).default('epson-tm-t20iii'),
  /** Characters per line in font A on 80 mm paper. */
  columns: z.number().int().min(24).max(64).default(48),
});
export type PrinterSettings = z.infer<typeof PrinterSettingsSchema>;

/** How an MRZ reader frames a swipe: DESKO, 3M, Access-IS, plain lines, or recognised by itself. */
export const ID_READER_FRAMINGS = ['auto', 'desko', '3m', 'access-is', 'plain'] as const;

export const IdReaderSettingsSchema = SerialLineSchema.extend({
  baudRate: z.number().int().positive().default(9600),
  framing: z.enum(ID_READER_FRAMINGS).default('auto'),
  /** A pause this long ends one swipe; 100–150 ms suits the readers (native/id-reader/README.md). */
  interByteTimeoutMs: z.number().int().min(20).max(2000).default(120),
});
export type IdReaderSettings = z.infer<typeof IdReaderSettingsSchema>;

export const SIGNATURE_PAD_MODELS = ['topaz'] as const;

export const SignaturePadSettingsSchema = SerialLineSchema.extend({
  baudRate: z.number().int().positive().default(19200),
  parity: z.enum(['none', 'odd', 'even']).default('odd'),
  model: z.enum(SIGNATURE_PAD_MODELS).default('topaz'),
});
export type SignaturePadSettings = z.infer<typeof SignaturePadSettingsSchema>;

/** The office hub this workstation syncs with; none = the workstation works alone. */
export const HubSettingsSchema = z.object({
  url: z.string().url(),
  /** From `npm run hub -- token create --name <station>`: `okh_<slot>_<secret>`. */
  token: z.string().regex(/^okh_\d{1,2}_[A-Za-z0-9_-]{20,}$/, 'not an Okienko workstation token (okh_<slot>_…)'),
  /** The office CA the hub's certificate is checked against (`npm run hub -- tls init` made it): a PEM file's path. */
  ca: z.string().min(1).max(1024).optional(),
});
export type HubSettings = z.infer<typeof HubSettingsSchema>;

export const WORKSTATION_ROLES = ['kiosk', 'counter', 'board', 'supervisor'] as const;

export const SettingsSchema = z.object({
  version: z.literal(1).default(1),
  /** Stable id of this workstation, generated on first start; it names the workstation in history. */
  stationId: z.string().min(1).max(64),
  /** Which screen the Electron window opens; the browser host serves all of them. */
  role: z.enum(WORKSTATION_ROLES).default('counter'),
  counter: z.number().int().min(1).max(999).default(1),
  host: z
    .object({
      port: z.number().int().min(0).max(65535).default(8080),
      /** The address the browser host listens on; loopback unless the office wants TVs to connect. */
      bind: z.string().default('127.0.0.1'),
      /** Names a screen elsewhere reaches this workstation by (e.g. `okienko-3.urzad.local`); any other `Host` is refused. */
      names: z.array(z.string().max(253)).max(20).default([]),
    })
    .default({ port: 8080, bind: '127.0.0.1', names: [] }),
  printer: PrinterSettingsSchema.nullable().default(null),
  idReader: IdReaderSettingsSchema.nullable().default(null),
  signaturePad: SignaturePadSettingsSchema.nullable().default(null),
  hub: HubSettingsSchema.nullable().default(null),
  signIn: z
    .object({
      /** How long without any contact with the hub a person who signed in here online may still sign in offline. */
      offlineDays: z.number().int().min(0).max(90).default(7),
      /** Lock the screens after this long without a key or a touch; 0 = never. */
      idleLockMinutes: z.number().min(0).max(240).default(5),
      /** A sensitive action asks for the password again when the last check is older than this; 0 = always. */
      reauthMinutes: z.number().min(0).max(60).default(5),
    })
    .default({ offlineDays: 7, idleLockMinutes: 5, reauthMinutes: 5 }),
  assisted: z
    .object({
      /** A saved assisted session not resumed for this many days is purged, the visitor's data with it. */
      keepDays: z.number().int().min(1).max(90).default(14),
    })
    .default({ keepDays: 14 }),
});
export type Settings = z.infer<typeof SettingsSchema>;

/**
 * The settings as every window may see them: no secret. The hub's token stays in the station;
 * windows sync with a session the station opens for them (`hub.connection`).
 */
export const ScreenSettingsSchema = SettingsSchema.omit({ hub: true }).extend({
  hub: z.object({ url: z.string(), ca: z.string().optional() }).nullable(),
});
export type ScreenSettings = z.infer<typeof ScreenSettingsSchema>;

export function screenSettings(settings: Settings): ScreenSettings {
  const { hub } = settings;
  return { ...settings, hub: hub ? { url: hub.url, ...(hub.ca ? { ca: hub.ca } : {}) } : null };
}
export type SettingsInput = z.input<typeof SettingsSchema>;

export const SettingsProblemSchema = z.object({
  /** The field, as a dotted path (`printer.baudRate`), or `(file)` when the file as a whole is unreadable. */
  field: z.string(),
  message: z.string(),
});
export type SettingsProblem = z.infer<typeof SettingsProblemSchema>;
