/** Alerts for the supervisor: raised by a workstation that needs a person (a kiosk that could not print). */
import type { OkienkoDatabase } from './database';
import type { AlertKind } from './schemas';

export async function raiseAlert(
  db: OkienkoDatabase,
  alert: { id: string; kind: AlertKind; code: string; ticketNumber: string; station: string },
  now = Date.now(),
): Promise<void> {
  await db.alerts.insert({ ...alert, at: now, acknowledgedAt: 0, updatedAt: now });
}

export async function acknowledgeAlert(db: OkienkoDatabase, id: string, now = Date.now()): Promise<void> {
  const doc = await db.alerts.findOne(id).exec();
  await doc?.incrementalPatch({ acknowledgedAt: now, updatedAt: now });
}
