/**
 * The office's whole configuration at the hub (domain/office-config.ts, office-documents.ts):
 * export it as one file, and import one — from an admin's set-up screen, the command line
 * (`npm run hub -- office import <file>`) or `--demo` — in ONE transaction over the office, its
 * services and its counters, so an import is applied whole or not at all. The caller checks the
 * file first (`checkConfiguration`): nothing here writes a configuration that failed its check.
 * The documents are written as the hub's own changes (stamped, announced by the live feed), so
 * every workstation takes them by sync.
 */
import type { OfficeConfiguration } from '../common/domain/office-config';
import { configurationOf, documentsFor } from '../common/domain/office-documents';
import type { CounterDoc, OfficeDoc, ServiceDoc } from '../common/domain/schemas';
import type { SqlQueryable } from './sql';
import { toWire, type HubStore, type OwnDocument, type StoredDocument } from './store';

/** The configuration the hub holds now, as a file; null before the office is set up. */
export async function exportConfiguration(db: SqlQueryable): Promise<OfficeConfiguration | null> {
  const [office] = await live<OfficeDoc>(db, 'office');
  if (!office) return null;
  return configurationOf(office, await live<ServiceDoc>(db, 'services'), await live<CounterDoc>(db, 'counters'));
}

/** Whether an office is set up at all (`--demo` sets the demo office up only on an empty hub). */
export async function hasOffice(db: SqlQueryable): Promise<boolean> {
  return (await live<OfficeDoc>(db, 'office')).length > 0;
}

/**
 * Replaces the configuration with a checked one, all or nothing; returns what was written (for the
 * live feed: `feed.committed(written)`). The office document keeps its id; an office with another
 * id (another city's file) replaces it, the old one deleted.
 */
export async function importConfiguration(
  store: HubStore,
  configuration: OfficeConfiguration,
  now: number,
): Promise<StoredDocument[]> {
  return store.writeOwnAcross(async (tx) => {
    const offices = await live<OfficeDoc>(tx, 'office', true);
    const services = await live<ServiceDoc>(tx, 'services', true);
    const counters = await live<CounterDoc>(tx, 'counters', true);
    const write = documentsFor(
      configuration,
      { services, counters },
      after(now, [...offices, ...services, ...counters]),
    );
    const gone = counters.filter((counter) => write.deletedCounters.includes(counter.id));
    return [
      ...offices.filter((office) => office.id !== write.office.id).map((office) => own('office', office, true)),
      own('office', write.office),
      ...write.services.map((service) => own('services', service)),
      ...write.counters.map((counter) => own('counters', counter)),
      ...gone.map((counter) => own('counters', { ...counter, updatedAt: write.office.updatedAt }, true)),
    ];
  });
}

function own(collection: OwnDocument['collection'], document: object, deleted = false): OwnDocument {
  return { collection, document: toWire(document as Readonly<Record<string, unknown>>, deleted) };
}

/** Newer than every document it replaces, even when a workstation's clock ran ahead of the hub's. */
function after(now: number, current: readonly { readonly updatedAt: number }[]): number {
  return Math.max(now, ...current.map((document) => document.updatedAt + 1));
}

async function live<T>(db: SqlQueryable, collection: 'office' | 'services' | 'counters', lock = false): Promise<T[]> {
  const rows = await db.query<{ data: T }>(
    `SELECT data FROM documents WHERE collection = $1 AND NOT deleted ORDER BY id${lock ? ' FOR UPDATE' : ''}`,
    [collection],
  );
  return rows.map((row) => row.data);
}
