/**
 * `--demo`, first start: if the office is not configured yet, write the demo office — the same
 * configuration the hub's `--demo` imports (demoConfiguration, office-documents.ts). With a hub the
 * configuration usually arrives by replication instead and this finds it already there.
 */
import { demoConfiguration } from '../../electron/common/domain/demo-office';
import { documentsFor } from '../../electron/common/domain/office-documents';
import { officeTime } from '../../electron/common/domain/office-time';
import type { OkienkoDatabase } from './database';

export async function seedDemoOffice(db: OkienkoDatabase, now: number): Promise<boolean> {
  if (await db.office.findOne().exec()) return false;
  const demo = documentsFor(demoConfiguration(), { services: [], counters: [] }, now);
  // bulkInsert reports (rather than throws) documents another window inserted first.
  const office = await db.office.bulkInsert([demo.office]);
  await db.services.bulkInsert([...demo.services]);
  await db.counters.bulkInsert([...demo.counters]);
  return office.success.length === 1;
}

/** Six-digit codes that differ from day to day but are the same in every window of the workstation. */
export function demoAppointmentCode(day: string, index: number): string {
  let hash = 7;
  for (const char of `${day}#${index}`) hash = (hash * 31 + char.charCodeAt(0)) % 900_000;
  return String(100_000 + hash);
}

const DEMO_SLOTS: readonly [string, string][] = [
  ['09:00', 'vehicles'],
  ['09:30', 'id-cards'],
  ['10:00', 'licences'],
  ['10:30', 'trusted-profile'],
  ['11:00', 'vehicles'],
  ['11:30', 'residence'],
  ['12:00', 'id-cards'],
  ['13:00', 'taxes'],
];

/**
 * The demo office's bookings for `day`, as a booking system would send them: a few visits across
 * the morning. Real bookings arrive through the office hub.
 */
export async function seedDemoAppointments(
  db: OkienkoDatabase,
  day: string,
  timeZone: string,
  now: number,
): Promise<void> {
  if (await db.appointments.findOne({ selector: { day } }).exec()) return;
  await db.appointments.bulkInsert(
    DEMO_SLOTS.map(([time, service], index) => ({
      id: `demo-${day}-${index}`,
      code: demoAppointmentCode(day, index),
      day,
      slotAt: officeTime(day, time, timeZone),
      service,
      state: 'booked' as const,
      ticket: '',
      updatedAt: now,
    })),
  );
}
