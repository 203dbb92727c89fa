import { z } from 'zod';

/** ESC/POS printer models whose code-page tables we know (names from receipt-printer-encoder). */
export const PRINTER_MODELS = ['epson-tm-t20iii', 'epson-tm-t88vi', 'xprinter-xp-n160ii', 'pos-8360', 'generic'] as const;

export const SerialLineSchema = z.object({
  path: z.string().min(1),
  baudRate: z.number().int().positive().default(38400),
  rtscts: z.boolean().default(false),
});

export const PrinterSettingsSchema = SerialLineSchema.extend({
  transport: z.literal('serial').default('serial'),
  model: z.enum(PRINTER_MODELS).default('epson-tm-t20iii'),
  /** Characters per line in font A on 80 mm paper. */
  columns: z.number().int().min(24).max(64).default(48),
});
export type PrinterSettings = z.infer<typeof PrinterSettingsSchema>;

/** The office hub this workstation syncs with; none = the workstation works alone. */
export const HubSettingsSchema = z.object({
  url: z.string().url(),
  /** From `npm run hub -- token create --name <station>`: `okh_<slot>_<secret>`. */
  token: z.string().regex(/^okh_\d{1,2}_[A-Za-z0-9_-]{20,}$/, 'not an Okienko workstation token (okh_<slot>_…)'),
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
    })
    .default({ port: 8080, bind: '127.0.0.1' }),
  printer: PrinterSettingsSchema.nullable().default(null),
  hub: HubSettingsSchema.nullable().default(null),
});
export type Settings = z.infer<typeof SettingsSchema>;
export type SettingsInput = z.input<typeof SettingsSchema>;

export const SettingsProblemSchema = z.object({
  /** The field, as a dotted path (`printer.baudRate`), or `(file)` when the file as a whole is unreadable. */
  field: z.string(),
  message: z.string(),
});
export type SettingsProblem = z.infer<typeof SettingsProblemSchema>;
