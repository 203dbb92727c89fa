/**
 * The documents of a workstation and of the office hub, and their JSON schemas. The renderer
 * stores them in RxDB (renderer/db), the hub validates every pushed document against the same
 * schema (electron/hub), so a workstation and the hub can never disagree on a field.
 *
 * RxDB collections of a workstation. Every document carries `updatedAt` and is keyed by an id
 * that is unique across workstations, so the same documents replicate to the office hub unchanged
 * (docs/sync.md). The free RxDB tier allows about 12 collections per realm; this uses eleven.
 *
 * Indexed fields must be required and bounded (RxDB/Dexie rule), hence the maxLength/maximum
 * values below.
 */
import { WEEKDAYS } from './calendar';
import { SERVICE_IDENTITY_FIELDS } from './identity';
import type { Office, PriorityReason, Service } from './office';
import { APPOINTMENT_STATES, type Appointment } from './appointment';
import type { Ticket } from './ticket';
import { MAX_NOTICE_TEXT, NOTICE_URGENCIES, type Notice } from './notice';
import { SATISFACTION_REASONS, SATISFACTION_SCORES, type SatisfactionAnswer } from './satisfaction';
import { MAX_SIGNATURE_SVG_LENGTH, type AssistanceRecordDoc, type AssistedSessionDoc } from '../eservices/session';

/**
 * A JSON schema with RxDB's extra keys (primaryKey, indexes, version). `Doc` only ties a schema
 * to its document type for readers: nothing checks at compile time that the field names match the
 * type (renderer/db/schemas.ts casts). The checks run at run time: ajv in the unit tests' database
 * (test/support/memory-db.ts) and in the hub for every pushed document.
 */
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export interface CollectionSchema<Doc> {
  readonly version: number;
  readonly primaryKey: string;
  readonly type: 'object';
  readonly properties: Readonly<Record<string, unknown>>;
  readonly required: readonly string[];
  readonly indexes?: readonly (string | readonly string[])[];
}

const MAX_TIME = 8_640_000_000_000_000;
const time = { type: 'number', minimum: 0, maximum: MAX_TIME, multipleOf: 1 } as const;
const anyText = { type: 'string' } as const;
/** A bounded string: an indexed string field must have a maxLength. */
const text = (maxLength: number) => ({ type: 'string', maxLength }) as const;
const arrayOf = <Item>(items: Item) => ({ type: 'array', items }) as const;

/** An object schema with its properties and the names of those it requires. */
function object<Properties extends Record<string, unknown>>(
  properties: Properties,
  required: readonly (keyof Properties & string)[],
) {
  return { type: 'object', properties, required } as const;
}

/**
 * The schema of one collection: keyed by `id`, at `version` (0 unless given). Every property is
 * required except the `optional` ones, in the order the properties are written. A new version needs
 * a migration strategy in renderer/db/database.ts.
 */
function collection<Doc>(
  properties: Readonly<Record<string, unknown>>,
  options: {
    readonly optional?: readonly string[];
    readonly indexes?: CollectionSchema<Doc>['indexes'];
    readonly version?: number;
  } = {},
): CollectionSchema<Doc> {
  const optional = new Set(options.optional);
  const required = Object.keys(properties).filter((name) => !optional.has(name));
  return {
    version: options.version ?? 0,
    primaryKey: 'id',
    type: 'object',
    properties,
    required,
    ...(options.indexes === undefined ? {} : { indexes: options.indexes }),
  };
}

const localized = object({ pl: anyText, en: anyText, uk: anyText }, ['pl', 'en', 'uk']);
const clock = text(5);
const timeRange = object({ from: clock, to: clock }, ['from', 'to']);
const availabilityRule = object(
  {
    id: anyText,
    weekdays: arrayOf({ type: 'string', enum: [...WEEKDAYS] }),
    from: clock,
    to: clock,
    slotMinutes: { type: 'integer', minimum: 1 },
    parallel: { type: 'integer', minimum: 1 },
    validFrom: text(10),
    validUntil: text(10),
    bookableDaysAhead: { type: 'integer', minimum: 0 },
    closesMinutesBefore: { type: 'integer', minimum: 0 },
    dailyLimit: { type: 'integer', minimum: 1 },
  },
  ['id', 'weekdays', 'from', 'to', 'slotMinutes', 'parallel', 'bookableDaysAhead', 'closesMinutesBefore'],
);

export type OfficeDoc = Office & { readonly updatedAt: number };
export type ServiceDoc = Service & { readonly updatedAt: number };

export type CounterMode = 'closed' | 'open' | 'break';
export interface CounterDoc {
  readonly id: string;
  readonly number: number;
  readonly name: Office['name'];
  readonly services: readonly string[];
  readonly mode: CounterMode;
  readonly clerk: string;
  /** State of the priority rule for this counter (see domain/ordering.ts). */
  readonly normalSinceLastPriority: number;
  readonly updatedAt: number;
}

export interface SequenceDoc {
  /** `${day}|${service}` */
  readonly id: string;
  readonly day: string;
  readonly service: string;
  /** The last number handed out by the local sequence (a workstation without a hub). */
  readonly last: number;
  /** Blocks of numbers the hub leased to this workstation for the day, in the order to use them. */
  readonly leased: readonly { readonly start: number; readonly end: number }[];
  /** The next number of this workstation's offline range (see contract/hub.ts); 0 until first needed. */
  readonly fallbackNext: number;
  readonly updatedAt: number;
}

export type AlertKind = 'printer';
export interface AlertDoc {
  readonly id: string;
  readonly kind: AlertKind;
  /** A contract error code or printer status, translated on the supervisor's screen. */
  readonly code: string;
  /** The ticket affected, by number (never personal data). */
  readonly ticketNumber: string;
  readonly station: string;
  readonly at: number;
  readonly acknowledgedAt: number;
  readonly updatedAt: number;
}

/** A ticket as stored: `hubStamp` > 0 when this version is the one the office hub confirmed. */
export type TicketDoc = Ticket & { readonly hubStamp?: number };
export type { PriorityReason };

export const officeSchema = collection<OfficeDoc>(
  {
    id: text(64),
    name: localized,
    timeZone: anyText,
    priorityRule: object(
      { mode: { type: 'string', enum: ['strict', 'ratio'] }, normalPerPriority: { type: 'integer', minimum: 0 } },
      ['mode'],
    ),
    priorityReasons: arrayOf(anyText),
    ticketNote: localized,
    statusUrl: anyText,
    appointmentGraceMinutes: { type: 'integer', minimum: 0 },
    targetWaitMinutes: { type: 'integer', minimum: 1, maximum: 480 },
    address: anyText,
    hours: object(Object.fromEntries(WEEKDAYS.map((weekday) => [weekday, arrayOf(timeRange)])), [...WEEKDAYS]),
    closures: arrayOf(object({ day: text(10), reason: localized }, ['day', 'reason'])),
    updatedAt: time,
  },
  // 1: the address, the opening hours and the office's closures (optional: an office set up before has none).
  // 2: the target wait (optional too).
  { optional: ['address', 'hours', 'closures', 'targetWaitMinutes'], version: 2 },
);

export const serviceSchema = collection<ServiceDoc>(
  {
    id: text(64),
    name: localized,
    letter: { type: 'string', minLength: 1, maxLength: 2 },
    averageMinutes: { type: 'number', minimum: 0 },
    allowsPriority: { type: 'boolean' },
    position: { type: 'integer' },
    active: { type: 'boolean' },
    identityFields: arrayOf({
      type: 'string',
      enum: [...SERVICE_IDENTITY_FIELDS],
    }),
    acknowledgement: localized,
    eservices: arrayOf(anyText),
    priorityReasons: arrayOf(anyText),
    dailyLimit: { type: 'integer', minimum: 1 },
    cutoffMinutes: { type: 'integer', minimum: 0 },
    searchWords: object({ pl: arrayOf(anyText), en: arrayOf(anyText), uk: arrayOf(anyText) }, ['pl', 'en', 'uk']),
    availability: arrayOf(availabilityRule),
    updatedAt: time,
  },
  // 1: a service may name the e-services a clerk starts from it. 2: accepted priority reasons, the
  // daily limit and cut-off, search words, availability rules (all optional).
  {
    optional: [
      'identityFields',
      'acknowledgement',
      'eservices',
      'priorityReasons',
      'dailyLimit',
      'cutoffMinutes',
      'searchWords',
      'availability',
    ],
    version: 2,
  },
);

export const counterSchema = collection<CounterDoc>({
  id: text(16),
  number: { type: 'integer', minimum: 1, maximum: 999 },
  name: localized,
  services: arrayOf(anyText),
  mode: { type: 'string', enum: ['closed', 'open', 'break'] },
  clerk: anyText,
  normalSinceLastPriority: { type: 'integer', minimum: 0 },
  updatedAt: time,
});

const actor = object(
  { station: anyText, clerk: anyText, user: anyText, counter: { type: 'integer' }, offline: { type: 'boolean' } },
  ['station'],
);

export const ticketSchema = collection<TicketDoc>(
  {
    id: text(64),
    day: text(10),
    service: text(64),
    number: text(12),
    seq: { type: 'integer', minimum: 0 },
    priority: { type: ['string', 'null'] },
    appointment: { type: ['string', 'null'] },
    appointmentAt: time,
    state: text(16),
    issuedAt: time,
    queuedAt: time,
    counter: { type: 'integer', minimum: 0, maximum: 999, multipleOf: 1 },
    targetCounter: { type: 'integer', minimum: 0, maximum: 999 },
    calledAt: time,
    recalls: { type: 'integer', minimum: 0 },
    legs: arrayOf(
      object({ service: anyText, counter: { type: 'integer' }, since: { type: 'number' } }, ['service', 'since']),
    ),
    events: arrayOf(
      object(
        {
          type: anyText,
          at: { type: 'number' },
          by: actor,
          toService: anyText,
          toCounter: { type: 'integer' },
          overruled: anyText,
        },
        ['type', 'at', 'by'],
      ),
    ),
    updatedAt: time,
    hubStamp: time,
  },
  {
    // 1: an event's actor may name the user's login and mark an offline sign-in.
    version: 1,
    optional: ['hubStamp'],
    indexes: [
      ['day', 'state', 'queuedAt'],
      ['day', 'calledAt'],
      ['day', 'counter', 'state'],
    ],
  },
);

export const sequenceSchema = collection<SequenceDoc>({
  id: text(100),
  day: text(10),
  service: text(64),
  last: { type: 'integer', minimum: 0 },
  leased: arrayOf(object({ start: { type: 'integer' }, end: { type: 'integer' } }, ['start', 'end'])),
  fallbackNext: { type: 'integer', minimum: 0 },
  updatedAt: time,
});

export const alertSchema = collection<AlertDoc>(
  {
    id: text(64),
    kind: text(16),
    code: text(64),
    ticketNumber: anyText,
    station: anyText,
    at: time,
    acknowledgedAt: time,
    updatedAt: time,
  },
  { indexes: ['at'] },
);

export type NoticeDoc = Notice;

const noticeText = text(MAX_NOTICE_TEXT);
export const noticeSchema = collection<NoticeDoc>(
  {
    id: text(64),
    text: object({ pl: noticeText, en: noticeText, uk: noticeText }, ['pl', 'en', 'uk']),
    from: time,
    until: time,
    urgency: { type: 'string', enum: [...NOTICE_URGENCIES] },
    withdrawnAt: time,
    by: text(64),
    updatedAt: time,
  },
  { optional: ['withdrawnAt', 'by'], indexes: ['from'] },
);

export type AppointmentDoc = Appointment;

export const appointmentSchema = collection<AppointmentDoc>(
  {
    id: text(64),
    code: text(8),
    day: text(10),
    slotAt: time,
    service: text(64),
    rule: text(64),
    state: { type: 'string', enum: [...APPOINTMENT_STATES], maxLength: 16 },
    ticket: anyText,
    updatedAt: time,
  },
  // 1: the state `no-show` and the availability rule a booking was made under (optional).
  { optional: ['rule'], indexes: ['code', ['day', 'slotAt']], version: 1 },
);

export type { AssistedSessionDoc, AssistanceRecordDoc };

const answerValue = {
  anyOf: [
    anyText,
    arrayOf(anyText),
    object({ street: anyText, building: anyText, flat: anyText, postcode: anyText, town: anyText }, [
      'street',
      'building',
      'flat',
      'postcode',
      'town',
    ]),
  ],
} as const;

const answerProperties = {
  question: anyText,
  value: answerValue,
  by: { type: 'string', enum: ['visitor', 'clerk'] },
  clerk: anyText,
  counter: { type: 'integer', minimum: 0 },
  at: time,
} as const;
const answerFields = ['question', 'value', 'by', 'clerk', 'counter', 'at'] as const;

/** An assisted e-service session: personal data, kept until `expiresAt` (eservices/session.ts). */
export const assistedSessionSchema = collection<AssistedSessionDoc>(
  {
    id: text(64),
    reference: text(16),
    eservice: text(64),
    eserviceVersion: { type: 'integer', minimum: 1 },
    status: { type: 'string', enum: ['active', 'saved', 'completed', 'referred', 'abandoned'], maxLength: 16 },
    ticket: anyText,
    counter: { type: 'integer', minimum: 0, maximum: 999 },
    clerk: anyText,
    language: { type: 'string', enum: ['pl', 'en', 'uk'] },
    acting: object(
      { kind: { type: 'string', enum: ['self', 'proxy'] }, name: anyText, document: anyText, authorisation: anyText },
      ['kind'],
    ),
    consentVersion: anyText,
    consentAt: time,
    identity: { type: 'object', additionalProperties: anyText },
    identityFrom: { type: 'string', enum: ['reader', 'typed', ''] },
    answers: arrayOf(object(answerProperties, [...answerFields])),
    conflicts: arrayOf(object({ ...answerProperties, id: anyText }, [...answerFields, 'id'])),
    settled: arrayOf(anyText),
    page: anyText,
    safetyShown: { type: 'boolean' },
    signing: {
      type: ['object', 'null'],
      properties: {
        path: { type: 'string', enum: ['online', 'handwritten', 'pad', 'unable'] },
        at: time,
        digest: anyText,
        note: anyText,
        svg: text(MAX_SIGNATURE_SVG_LENGTH),
      },
      required: ['path', 'at', 'digest'],
    },
    history: arrayOf(
      object({ at: time, what: anyText, clerk: anyText, counter: { type: 'integer' }, note: anyText }, [
        'at',
        'what',
        'clerk',
        'counter',
      ]),
    ),
    startedAt: time,
    expiresAt: time,
    updatedAt: time,
  },
  // Version 1 adds the optional signature image (`signing.svg`).
  { indexes: ['reference', 'expiresAt'], version: 1 },
);

/** What supervisors count of assisted sessions; no personal data (eservices/session.ts). */
export const assistanceRecordSchema = collection<AssistanceRecordDoc>(
  {
    id: text(64),
    eservice: anyText,
    outcome: { type: 'string', enum: ['in-progress', 'completed', 'referred', 'abandoned'] },
    reason: anyText,
    clerks: arrayOf(anyText),
    counters: arrayOf({ type: 'integer' }),
    steps: arrayOf(anyText),
    signing: { type: 'string', enum: ['online', 'handwritten', 'pad', 'unable', ''] },
    startedAt: time,
    endedAt: time,
    seconds: { type: 'integer', minimum: 0 },
    updatedAt: time,
  },
  { indexes: ['startedAt'] },
);

export type SatisfactionDoc = SatisfactionAnswer;

/** A visitor's answer to the five faces: anonymous, nothing that names the visit (domain/satisfaction.ts). */
export const satisfactionSchema = collection<SatisfactionDoc>(
  {
    id: text(64),
    day: text(10),
    service: text(64),
    score: { type: 'integer', enum: [...SATISFACTION_SCORES] },
    reasons: { ...arrayOf({ type: 'string', enum: [...SATISFACTION_REASONS] }), maxItems: SATISFACTION_REASONS.length },
    updatedAt: time,
  },
  { indexes: ['day'] },
);
