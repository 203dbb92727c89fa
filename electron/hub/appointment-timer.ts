/**
 * The hub's minute timer for appointments (hub.ts runs it every minute, like the hourly purge):
 * - a booked appointment nobody checked in by `slotAt + office.appointmentGraceMinutes` becomes
 *   `no-show`, written through the store (stamped, announced), so the kiosks refuse its code and
 *   send the visitor for an ordinary ticket. One writer, the hub; a kiosk that checked the visitor
 *   in while offline still wins when it comes back (sync/conflict-rules.ts);
 * - the residents' contacts past their time (the day after the slot) are deleted.
 * Pure but for the database: `now` is given, so tests run it at any moment they like.
 */
import type { Appointment } from '../common/domain/appointment';
import { officeDay } from '../common/domain/office-time';
import { officeDocument, timeZoneOf } from './booking-reads';
import type { SqlQueryable } from './sql';
import { toWire, type HubStore, type StoredDocument } from './store';

/** Marks every booked appointment past its slot and grace at `now` as no-show; returns what it wrote. */
export async function markNoShows(store: HubStore, now: number): Promise<StoredDocument[]> {
  return store.writeOwn('appointments', async (tx) => {
    const office = await officeDocument(tx);
    if (!office) return [];
    const graceMs = Math.max(0, office.appointmentGraceMinutes) * 60_000;
    // Only days that have begun: an appointment whose day is still ahead is not late, whatever its
    // `slotAt` says. The CASE keeps a malformed `slotAt` from failing the cast.
    const rows = await tx.query<{ data: Appointment }>(
      `SELECT data FROM documents
        WHERE collection = 'appointments' AND NOT deleted AND data->>'state' = 'booked'
          AND data->>'day' <= $1
          AND CASE WHEN data->>'slotAt' ~ '^[0-9]{1,16}$' THEN (data->>'slotAt')::bigint END < $2
        ORDER BY id FOR UPDATE`,
      [officeDay(now, timeZoneOf(office)), Math.floor(now - graceMs)],
    );
    return rows.map((row) =>
      toWire(
        { ...row.data, state: 'no-show', updatedAt: Math.max(now, row.data.updatedAt + 1) } as unknown as Readonly<
          Record<string, unknown>
        >,
        false,
      ),
    );
  });
}

/** Deletes the contacts whose time is up at `now`; returns how many. */
export async function purgeContacts(db: SqlQueryable, now: number): Promise<number> {
  const rows = await db.query<{ purged: string | number }>(
    `WITH purged AS (DELETE FROM booking_contacts WHERE purge_after <= $1 RETURNING 1)
     SELECT count(*) AS purged FROM purged`,
    [new Date(now)],
  );
  return Number(rows[0]?.purged ?? 0);
}

export interface AppointmentTick {
  readonly noShows: StoredDocument[];
  readonly contactsPurged: number;
}

/** One run of the timer at `now`. */
export async function appointmentTick(store: HubStore, now: number): Promise<AppointmentTick> {
  const noShows = await markNoShows(store, now);
  const contactsPurged = await purgeContacts(store.db, now);
  return { noShows, contactsPurged };
}
