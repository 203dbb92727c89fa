/**
 * First start: if the office is not configured yet, write the demo office. With a hub (issue #3)
 * the configuration arrives by replication instead and this finds it already there.
 */
import { DEMO_COUNTERS, DEMO_OFFICE, DEMO_SERVICES } from '../domain/demo-office';
import type { OkienkoDatabase } from './database';

export async function seedDemoOffice(db: OkienkoDatabase, now: number): Promise<boolean> {
  if (await db.office.findOne().exec()) return false;
  // bulkInsert reports (rather than throws) documents another window inserted first.
  const office = await db.office.bulkInsert([{ ...DEMO_OFFICE, updatedAt: now }]);
  await db.services.bulkInsert(DEMO_SERVICES.map((service) => ({ ...service, updatedAt: now })));
  await db.counters.bulkInsert(
    DEMO_COUNTERS.map((counter) => ({
      id: String(counter.number),
      number: counter.number,
      name: counter.name,
      services: [...counter.services],
      mode: 'closed' as const,
      clerk: '',
      normalSinceLastPriority: 0,
      updatedAt: now,
    })),
  );
  return office.success.length === 1;
}
