/**
 * The office's configuration in the workstation's database: read back as one file, and written
 * whole. The admin's set-up screen saves and imports through `applyConfiguration` only, so the day
 * the hub takes an import in one SQL transaction of its own this is the one place that changes.
 * Here every collection gets one bulk write; the documents reach the hub (and every other
 * workstation) by replication, where only an admin's session may push them (hub-access.ts SET_UP).
 */
import { configurationOf, documentsFor, type ConfigurationWrite } from '../../electron/common/domain/office-documents';
import type { OfficeConfiguration } from '../../electron/common/domain/office-config';
import type { OkienkoDatabase } from './database';
import type { CounterDoc, OfficeDoc, ServiceDoc } from './schemas';

/** The configuration the documents hold now, or null when the office is not set up yet (a new installation). */
export async function currentConfiguration(db: OkienkoDatabase): Promise<OfficeConfiguration | null> {
  const office = await db.office.findOne().exec();
  if (!office) return null;
  const { services, counters } = await currentDocuments(db);
  return configurationOf(office.toJSON() as OfficeDoc, services, counters);
}

/**
 * Writes a checked configuration (checkConfiguration) in place of the one there is: the office, every
 * service (those it no longer names kept, inactive) and counter (a counter that stays keeps its live
 * state), the counters it no longer names deleted, and any office document of another id removed, as
 * an office has one. Resolves to what was written.
 */
export async function applyConfiguration(
  db: OkienkoDatabase,
  configuration: OfficeConfiguration,
  now: number,
): Promise<ConfigurationWrite> {
  const write = documentsFor(configuration, await currentDocuments(db), now);
  const otherOffices = (await db.office.find().exec())
    .map((office) => office.primary)
    .filter((id) => id !== write.office.id);
  written(await db.office.bulkUpsert([write.office]));
  written(await db.services.bulkUpsert([...write.services]));
  written(await db.counters.bulkUpsert([...write.counters]));
  if (write.deletedCounters.length > 0) written(await db.counters.bulkRemove([...write.deletedCounters]));
  if (otherOffices.length > 0) written(await db.office.bulkRemove(otherOffices));
  return write;
}

async function currentDocuments(
  db: OkienkoDatabase,
): Promise<{ services: readonly ServiceDoc[]; counters: readonly CounterDoc[] }> {
  const [services, counters] = await Promise.all([db.services.find().exec(), db.counters.find().exec()]);
  return {
    services: services.map((doc) => doc.toJSON() as ServiceDoc),
    counters: counters.map((doc) => doc.toJSON() as CounterDoc),
  };
}

/** A bulk write reports (rather than throws) the documents it could not write: here that is a failure. */
function written(result: {
  readonly error: readonly { readonly documentId: string; readonly status: number }[];
}): void {
  const failed = result.error[0];
  if (failed) throw new Error(`the office's configuration was not written: ${failed.documentId} (${failed.status})`);
}
