/**
 * The devices of a workstation as the screens see them: the ports the system lists, each device
 * role with its live state, what the ID-card reader read, and signatures captured for an
 * acknowledgement. Personal data (names, PESEL) travels only in `idReader.read` events and stays
 * out of logs (the station's logger drops such fields).
 */
import { z } from 'zod';
import { DocumentKindSchema, IdentityProblemSchema, VisitorIdentitySchema } from '../domain/identity';
import { IdReaderSettingsSchema, PrinterSettingsSchema, SignaturePadSettingsSchema } from './settings';

export const DEVICE_ROLES = ['printer', 'idReader', 'signaturePad'] as const;
export const DeviceRoleSchema = z.enum(DEVICE_ROLES);
export type DeviceRole = z.infer<typeof DeviceRoleSchema>;

export const DEVICE_CONNECTIONS = [
  'not-configured',
  'connecting',
  'connected',
  'reconnecting',
  'disconnected',
] as const;

export const DeviceStateSchema = z.object({
  role: DeviceRoleSchema,
  connection: z.enum(DEVICE_CONNECTIONS),
  /** The printer's condition (ready, paper-out…), when it is a printer. */
  condition: z.string().optional(),
  /** Where it is: the port in use and how it was found, e.g. `/dev/ttyUSB0 (04b8:0e15)`. */
  device: z.string().optional(),
  checkedAt: z.string(),
});
export type DeviceState = z.infer<typeof DeviceStateSchema>;

export const SerialPortInfoSchema = z.object({
  path: z.string(),
  manufacturer: z.string().optional(),
  serialNumber: z.string().optional(),
  vendorId: z.string().optional(),
  productId: z.string().optional(),
});
export type SerialPortInfo = z.infer<typeof SerialPortInfoSchema>;

export const DeviceListSchema = z.object({
  ports: z.array(SerialPortInfoSchema),
  /** Why the list may be incomplete (no udev here, say); pseudo-terminals never appear in it. */
  portsProblem: z.string().optional(),
  devices: z.array(DeviceStateSchema),
  settings: z.object({
    printer: PrinterSettingsSchema.nullable(),
    idReader: IdReaderSettingsSchema.nullable(),
    signaturePad: SignaturePadSettingsSchema.nullable(),
  }),
});
export type DeviceList = z.infer<typeof DeviceListSchema>;

/** A role's new settings (validated by the role's schema at the station), or null to remove it. */
export const ConfigureDeviceSchema = z.discriminatedUnion('role', [
  z.object({ role: z.literal('printer'), settings: PrinterSettingsSchema.nullable() }).strict(),
  z.object({ role: z.literal('idReader'), settings: IdReaderSettingsSchema.nullable() }).strict(),
  z.object({ role: z.literal('signaturePad'), settings: SignaturePadSettingsSchema.nullable() }).strict(),
]);

// --- the ID-card reader -------------------------------------------------------------------------
// The identity and its problems are checked with the domain's own schemas (domain/identity.ts).

export const IdReadSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    identity: VisitorIdentitySchema,
    problems: z.array(IdentityProblemSchema),
    readAt: z.string(),
  }),
  z.object({
    ok: z.literal(false),
    /** torn: part of the swipe missing; check-digit: a field failed its check; unsupported/garbage. */
    reason: z.enum(['torn', 'check-digit', 'unsupported', 'garbage']),
    /** Which part: `line 2`, `birthDate`… for the clerk's message. */
    part: z.string().optional(),
    readAt: z.string(),
  }),
]);
export type IdRead = z.infer<typeof IdReadSchema>;

/**
 * What a device test found, for the admin's screen to say in words: the printer's self-test page
 * (bytes sent), the kind of document swiped or why the swipe failed (never whose it was), the
 * test signature's strokes and drawing.
 */
export const DeviceTestResultSchema = z.discriminatedUnion('role', [
  z.object({ role: z.literal('printer'), bytes: z.number().int().nonnegative() }),
  z.object({
    role: z.literal('idReader'),
    read: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), documentKind: DocumentKindSchema }),
      z.object({
        ok: z.literal(false),
        reason: z.enum(['torn', 'check-digit', 'unsupported', 'garbage']),
        part: z.string().optional(),
      }),
    ]),
  }),
  z.object({
    role: z.literal('signaturePad'),
    strokes: z.number().int().nonnegative(),
    interrupted: z.boolean(),
    svg: z.string(),
  }),
]);
export type DeviceTestResult = z.infer<typeof DeviceTestResultSchema>;

// --- signatures ----------------------------------------------------------------------------------

export const SignatureSampleSchema = z.object({
  t: z.number(),
  x: z.number(),
  y: z.number(),
  pressure: z.number(),
  down: z.boolean(),
});
export const SignatureSchema = z.object({
  width: z.number().positive(),
  height: z.number().positive(),
  /** Samples per second the pad (or screen) delivers. */
  rate: z.number().positive(),
  strokes: z.array(z.object({ samples: z.array(SignatureSampleSchema).max(20_000) })).max(500),
});
export type Signature = z.infer<typeof SignatureSchema>;

/** The text the visitor acknowledges; the signature is bound to it by a digest. */
const acknowledgedText = z.string().min(1).max(8000);

export const SignatureCaptureRequestSchema = z.object({ document: acknowledgedText }).strict();
export const SignatureFromScreenRequestSchema = z
  .object({ document: acknowledgedText, signature: SignatureSchema })
  .strict();

export const CapturedSignatureSchema = z.object({
  svg: z.string(),
  /** SHA-256 over the strokes and the acknowledged text. */
  digest: z.string(),
  strokes: z.number().int(),
  /** The pen or the line stopped in the middle of a stroke: ask the visitor to sign again. */
  interrupted: z.boolean(),
  source: z.enum(['pad', 'screen']),
  capturedAt: z.string(),
});
export type CapturedSignature = z.infer<typeof CapturedSignatureSchema>;

/**
 * A ticket sent to the printer whose completion never came back: it may or may not be on paper.
 * Nothing reprints it by itself; a person looks and decides (a reprint says DUPLIKAT, same number).
 */
export const UnknownPrintJobSchema = z.object({
  jobId: z.string(),
  ticketId: z.string().optional(),
  /** The ticket's number, to find it in the tray. */
  number: z.string().optional(),
  at: z.string(),
  bytes: z.number().int(),
  /** `unconfirmed`: the printer never answered the job's end; `disconnected`: the line went away. */
  reason: z.enum(['unconfirmed', 'disconnected']),
});
export type UnknownPrintJob = z.infer<typeof UnknownPrintJobSchema>;

/** A person's decision about an unknown job: it came out, it did not, or print a duplicate now. */
export const ResolvePrintJobSchema = z
  .object({ jobId: z.string().min(1).max(100), outcome: z.enum(['printed', 'not-printed', 'reprint']) })
  .strict();
