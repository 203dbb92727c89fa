/**
 * The pure rules about replicated documents: which JSON schema a pushed document must match, and
 * when a workstation's `assumedMasterState` counts as the hub's current state.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import {
  alertSchema,
  appointmentSchema,
  assistanceRecordSchema,
  assistedSessionSchema,
  counterSchema,
  noticeSchema,
  officeSchema,
  satisfactionSchema,
  serviceSchema,
  ticketSchema,
  type CollectionSchema,
} from '../common/domain/schemas';
import { HUB_STAMP_FIELD, STAMPED_COLLECTIONS, type SyncCollection } from '../common/contract/hub';
import { equalDocuments } from '../common/sync/document-equality';
import { LEASED_HIGH_MAX } from './leases';

export const COLLECTION_SCHEMAS: Readonly<Record<SyncCollection, CollectionSchema<unknown>>> = {
  office: officeSchema,
  services: serviceSchema,
  counters: counterSchema,
  tickets: ticketSchema,
  appointments: appointmentSchema,
  alerts: alertSchema,
  notices: noticeSchema,
  assistedSessions: assistedSessionSchema,
  assistanceRecords: assistanceRecordSchema,
  satisfaction: satisfactionSchema,
};

/** Keys RxDB adds to a JSON schema for itself; a JSON-schema validator must not see them. */
const RXDB_ONLY_KEYS = [
  'version',
  'primaryKey',
  'indexes',
  'encrypted',
  'keyCompression',
  'attachments',
  'internalIndexes',
  'sharding',
  'crdt',
];

/**
 * The schema the hub checks a pushed document against: the collection's schema without RxDB's
 * keys, closed to unknown fields at every depth with every string and array bounded (`closed`),
 * plus `_deleted` and (for stamped collections) `hubStamp`.
 */
export function wireSchema(
  collection: SyncCollection,
  schema: CollectionSchema<unknown> = COLLECTION_SCHEMAS[collection],
): Record<string, unknown> {
  const plain: Record<string, unknown> = { ...schema };
  for (const key of RXDB_ONLY_KEYS) delete plain[key];
  const properties: Record<string, unknown> = { ...schema.properties, _deleted: { type: 'boolean' } };
  // No ticket number is larger than the largest the hub leases: a larger one (which no app makes)
  // would end the day's leases for its service (store.ts leaseNumbers).
  if (collection === 'tickets' && properties.seq)
    properties.seq = { ...(properties.seq as object), maximum: LEASED_HIGH_MAX };
  if (STAMPED_COLLECTIONS.includes(collection) && !(HUB_STAMP_FIELD in properties)) {
    properties[HUB_STAMP_FIELD] = { type: 'integer', minimum: 0 };
  }
  return closed({ ...plain, properties, required: [...schema.required, '_deleted'] }) as Record<string, unknown>;
}

/** A string the schema does not bound otherwise: longer than any name, note or address the office writes. */
export const MAX_WIRE_STRING = 2000;
/** An array the schema does not bound otherwise: more than a day's events on one ticket. */
export const MAX_WIRE_ITEMS = 500;

/**
 * The schema as the hub checks it: no object at any depth takes a field the schema does not name,
 * and every string and array has a bound (the schema's own where it has one). RxDB's copy on the
 * workstations stays as written, so their stored documents need no migration.
 */
export function closed(node: unknown): unknown {
  if (Array.isArray(node) || typeof node !== 'object' || node === null) return node;
  const schema: Record<string, unknown> = { ...(node as Record<string, unknown>) };
  const types = ([] as unknown[]).concat(schema.type ?? []);
  if (schema.properties) {
    const properties = schema.properties as Record<string, unknown>;
    schema.properties = Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, closed(value)]));
    schema.additionalProperties ??= false;
  }
  if (schema.items) schema.items = closed(schema.items);
  if (Array.isArray(schema.anyOf)) schema.anyOf = schema.anyOf.map(closed);
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object')
    schema.additionalProperties = closed(schema.additionalProperties);
  if (types.includes('string') && !schema.enum) schema.maxLength ??= MAX_WIRE_STRING;
  if (types.includes('array')) schema.maxItems ??= MAX_WIRE_ITEMS;
  return schema;
}

export interface DocumentValidator {
  /** null when valid, else a short description of the first problems. */
  (document: unknown): string | null;
}

const ajv = new Ajv({ strict: false, allErrors: true });
const compiled = new Map<SyncCollection, ValidateFunction>();

export function validatorFor(collection: SyncCollection): DocumentValidator {
  let validate = compiled.get(collection);
  if (!validate) {
    validate = ajv.compile(wireSchema(collection));
    compiled.set(collection, validate);
  }
  const check = validate;
  return (document) => (check(document) ? null : describeErrors(check.errors ?? []));
}

export function describeErrors(errors: readonly ErrorObject[]): string {
  return errors
    .slice(0, 3)
    .map((error) => {
      const where = error.instancePath || '(document)';
      if (error.keyword === 'additionalProperties')
        return `${where} has unknown field "${String(error.params.additionalProperty)}"`;
      return `${where} ${error.message ?? 'is invalid'}`;
    })
    .join('; ');
}

/** Fields that never decide whether a workstation's assumption matches the hub's master. */
const IGNORED_IN_COMPARISON: ReadonlySet<string> = new Set([HUB_STAMP_FIELD, '_meta', '_rev', '_attachments']);

/**
 * Whether the state a workstation assumed is the hub's current master: deep equality that ignores
 * key order and `hubStamp` (which the hub sets and the workstation resets), plus RxDB's internal
 * `_meta`/`_rev`/`_attachments` should a client send them, and who acted in a ticket's history.
 * `_deleted` counts.
 */
export function sameMasterState(
  master: Readonly<Record<string, unknown>>,
  assumed: Readonly<Record<string, unknown>>,
): boolean {
  if (equalDocuments(master, assumed, IGNORED_IN_COMPARISON)) return true;
  // The hub writes who acted into a ticket's history (push-scope.ts withActors); until the
  // workstation has pulled that version, its copy names someone else there, and is still current.
  if (!Array.isArray(master.events) || !Array.isArray(assumed.events)) return false;
  return equalDocuments(withoutActors(master), withoutActors(assumed), IGNORED_IN_COMPARISON);
}

function withoutActors(document: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const events = (document.events as readonly Record<string, unknown>[]).map(({ by: _by, ...event }) => event);
  return { ...document, events };
}
