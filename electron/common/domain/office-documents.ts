/**
 * The configuration file (office-config.ts) and the documents that carry it (`office`, `services`,
 * `counters`, which sync to every workstation), both ways — one copy of the mapping for the set-up
 * screen, the hub's import and export, and `--demo`:
 * - `configurationOf` reads the documents back as a file (export);
 * - `documentsFor` turns a checked file into the documents to write (import, the set-up screen's
 *   save). It replaces the whole configuration: a service the file no longer names is kept but made
 *   inactive (tickets of today and earlier name it); a counter it no longer names is deleted; a
 *   counter that stays keeps its live state (open or closed, the clerk at it, the priority rule's
 *   count), which the file never carries.
 */
import type { CounterDefinition, Office, Service } from './office';
import {
  CONFIG_FORMAT,
  CONFIG_VERSION,
  CounterSettingsSchema,
  OfficeSettingsSchema,
  ServiceSettingsSchema,
  type OfficeConfiguration,
} from './office-config';
import type { CounterDoc, OfficeDoc, ServiceDoc } from './schemas';

/** The configuration file of what the documents say now (an export). */
export function configurationOf(
  office: Office,
  services: readonly Service[],
  counters: readonly CounterDefinition[],
): OfficeConfiguration {
  const configuration = {
    format: CONFIG_FORMAT,
    version: CONFIG_VERSION,
    office: pick({ closures: [], ...office }, OFFICE_KEYS),
    services: [...services].sort(byPosition).map((service) => pick(service, SERVICE_KEYS)),
    counters: [...counters].sort((a, b) => a.number - b.number).map((counter) => pick(counter, COUNTER_KEYS)),
  };
  // A deep copy: the file's types are the schema's (mutable), the documents' read-only.
  return JSON.parse(JSON.stringify(configuration)) as OfficeConfiguration;
}

/** What an import or a save writes: every document of the new configuration, and the counters to delete. */
export interface ConfigurationWrite {
  readonly office: OfficeDoc;
  readonly services: readonly ServiceDoc[];
  readonly counters: readonly CounterDoc[];
  /** Ids of counters the configuration no longer has. */
  readonly deletedCounters: readonly string[];
}

/** The documents for a checked configuration, given the services and counters there are now. */
export function documentsFor(
  configuration: OfficeConfiguration,
  current: { readonly services: readonly ServiceDoc[]; readonly counters: readonly CounterDoc[] },
  now: number,
): ConfigurationWrite {
  const named = new Set(configuration.services.map((service) => service.id));
  const retired = current.services
    .filter((service) => !named.has(service.id) && service.active)
    .map((service) => ({ ...service, active: false, updatedAt: now }));
  const live = new Map(current.counters.map((counter) => [counter.id, counter]));
  const counters = configuration.counters.map((counter) => counterDocument(counter, live.get(counterId(counter)), now));
  const kept = new Set(counters.map((counter) => counter.id));
  return {
    office: { ...configuration.office, updatedAt: now },
    services: [...configuration.services.map((service) => ({ ...service, updatedAt: now })), ...retired],
    counters,
    deletedCounters: current.counters.filter((counter) => !kept.has(counter.id)).map((counter) => counter.id),
  };
}

/** A counter's document id: its number (one counter per number in an office). */
export function counterId(counter: { readonly number: number }): string {
  return String(counter.number);
}

function counterDocument(counter: CounterDefinition, live: CounterDoc | undefined, now: number): CounterDoc {
  return {
    id: counterId(counter),
    number: counter.number,
    name: counter.name,
    services: [...counter.services],
    mode: live?.mode ?? 'closed',
    clerk: live?.clerk ?? '',
    normalSinceLastPriority: live?.normalSinceLastPriority ?? 0,
    updatedAt: now,
  };
}

const OFFICE_KEYS = OfficeSettingsSchema.keyof().options;
const SERVICE_KEYS = ServiceSettingsSchema.keyof().options;
const COUNTER_KEYS = CounterSettingsSchema.keyof().options;

/** Only the fields the file knows (a document also carries `updatedAt` and the database's own). */
function pick<T extends object>(value: T, keys: readonly string[]): Record<string, unknown> {
  const source = value as Record<string, unknown>;
  return Object.fromEntries(keys.filter((key) => source[key] !== undefined).map((key) => [key, source[key]]));
}

function byPosition(a: Service, b: Service): number {
  return a.position - b.position || a.id.localeCompare(b.id);
}
