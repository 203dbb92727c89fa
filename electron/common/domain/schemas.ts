/**
 * The documents of a workstation and of the office hub, and their JSON schemas. The renderer
 * stores them in RxDB (renderer/db), the hub validates every pushed document against the same
 * schema (electron/hub), so a workstation and the hub can never disagree on a field.
 *
 * RxDB collections of a workstation. Every document carries `updatedAt` and is keyed by an id
 * that is unique across workstations, so the same documents replicate to the office hub unchanged
 * (docs/sync.md). The free RxDB tier allows about 12 collections per realm; this uses seven.
 *
 * Indexed fields must be required and bounded (RxDB/Dexie rule), hence the maxLength/maximum
 * values below.
 */
import type { Office, PriorityReason, Service } from './office';
import type { Appointment } from './appointment';
import type { Ticket } from './ticket';

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
const localized = {
  type: 'object',
  properties: { pl: { type: 'string' }, en: { type: 'string' }, uk: { type: 'string' } },
  required: ['pl', 'en', 'uk'],
} as const;

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

export const officeSchema: CollectionSchema<OfficeDoc> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 64 },
    name: localized,
    timeZone: { type: 'string' },
    priorityRule: {
      type: 'object',
      properties: {
        mode: { type: 'string', enum: ['strict', 'ratio'] },
        normalPerPriority: { type: 'integer', minimum: 0 },
      },
      required: ['mode'],
    },
    priorityReasons: { type: 'array', items: { type: 'string' } },
    ticketNote: localized,
    statusUrl: { type: 'string' },
    appointmentGraceMinutes: { type: 'integer', minimum: 0 },
    updatedAt: time,
  },
  required: [
    'id',
    'name',
    'timeZone',
    'priorityRule',
    'priorityReasons',
    'ticketNote',
    'statusUrl',
    'appointmentGraceMinutes',
    'updatedAt',
  ],
} as CollectionSchema<OfficeDoc>;

export const serviceSchema: CollectionSchema<ServiceDoc> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 64 },
    name: localized,
    letter: { type: 'string', minLength: 1, maxLength: 2 },
    averageMinutes: { type: 'number', minimum: 0 },
    allowsPriority: { type: 'boolean' },
    position: { type: 'integer' },
    active: { type: 'boolean' },
    identityFields: {
      type: 'array',
      items: { type: 'string', enum: ['givenNames', 'surname', 'pesel', 'documentNumber', 'birthDate', 'nationality'] },
    },
    acknowledgement: localized,
    updatedAt: time,
  },
  required: ['id', 'name', 'letter', 'averageMinutes', 'allowsPriority', 'position', 'active', 'updatedAt'],
} as CollectionSchema<ServiceDoc>;

export const counterSchema: CollectionSchema<CounterDoc> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 16 },
    number: { type: 'integer', minimum: 1, maximum: 999 },
    name: localized,
    services: { type: 'array', items: { type: 'string' } },
    mode: { type: 'string', enum: ['closed', 'open', 'break'] },
    clerk: { type: 'string' },
    normalSinceLastPriority: { type: 'integer', minimum: 0 },
    updatedAt: time,
  },
  required: ['id', 'number', 'name', 'services', 'mode', 'clerk', 'normalSinceLastPriority', 'updatedAt'],
} as CollectionSchema<CounterDoc>;

const actor = {
  type: 'object',
  properties: { station: { type: 'string' }, clerk: { type: 'string' }, counter: { type: 'integer' } },
  required: ['station'],
} as const;

export const ticketSchema: CollectionSchema<TicketDoc> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 64 },
    day: { type: 'string', maxLength: 10 },
    service: { type: 'string', maxLength: 64 },
    number: { type: 'string', maxLength: 12 },
    seq: { type: 'integer', minimum: 0 },
    priority: { type: ['string', 'null'] },
    appointment: { type: ['string', 'null'] },
    appointmentAt: time,
    state: { type: 'string', maxLength: 16 },
    issuedAt: time,
    queuedAt: time,
    counter: { type: 'integer', minimum: 0, maximum: 999, multipleOf: 1 },
    targetCounter: { type: 'integer', minimum: 0, maximum: 999 },
    calledAt: time,
    recalls: { type: 'integer', minimum: 0 },
    legs: {
      type: 'array',
      items: {
        type: 'object',
        properties: { service: { type: 'string' }, counter: { type: 'integer' }, since: { type: 'number' } },
        required: ['service', 'since'],
      },
    },
    events: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          type: { type: 'string' },
          at: { type: 'number' },
          by: actor,
          toService: { type: 'string' },
          toCounter: { type: 'integer' },
          overruled: { type: 'string' },
        },
        required: ['type', 'at', 'by'],
      },
    },
    updatedAt: time,
    hubStamp: time,
  },
  required: [
    'id',
    'day',
    'service',
    'number',
    'seq',
    'priority',
    'appointment',
    'appointmentAt',
    'state',
    'issuedAt',
    'queuedAt',
    'counter',
    'targetCounter',
    'calledAt',
    'recalls',
    'legs',
    'events',
    'updatedAt',
  ],
  indexes: [
    ['day', 'state', 'queuedAt'],
    ['day', 'calledAt'],
    ['day', 'counter', 'state'],
  ],
} as CollectionSchema<TicketDoc>;

export const sequenceSchema: CollectionSchema<SequenceDoc> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 100 },
    day: { type: 'string', maxLength: 10 },
    service: { type: 'string', maxLength: 64 },
    last: { type: 'integer', minimum: 0 },
    leased: {
      type: 'array',
      items: {
        type: 'object',
        properties: { start: { type: 'integer' }, end: { type: 'integer' } },
        required: ['start', 'end'],
      },
    },
    fallbackNext: { type: 'integer', minimum: 0 },
    updatedAt: time,
  },
  required: ['id', 'day', 'service', 'last', 'leased', 'fallbackNext', 'updatedAt'],
} as CollectionSchema<SequenceDoc>;

export const alertSchema: CollectionSchema<AlertDoc> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 64 },
    kind: { type: 'string', maxLength: 16 },
    code: { type: 'string', maxLength: 64 },
    ticketNumber: { type: 'string' },
    station: { type: 'string' },
    at: time,
    acknowledgedAt: time,
    updatedAt: time,
  },
  required: ['id', 'kind', 'code', 'ticketNumber', 'station', 'at', 'acknowledgedAt', 'updatedAt'],
  indexes: ['at'],
} as CollectionSchema<AlertDoc>;

export type AppointmentDoc = Appointment;

export const appointmentSchema: CollectionSchema<AppointmentDoc> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 64 },
    code: { type: 'string', maxLength: 8 },
    day: { type: 'string', maxLength: 10 },
    slotAt: time,
    service: { type: 'string', maxLength: 64 },
    state: { type: 'string', enum: ['booked', 'checked-in', 'cancelled'], maxLength: 16 },
    ticket: { type: 'string' },
    updatedAt: time,
  },
  required: ['id', 'code', 'day', 'slotAt', 'service', 'state', 'ticket', 'updatedAt'],
  indexes: ['code', ['day', 'slotAt']],
} as CollectionSchema<AppointmentDoc>;
