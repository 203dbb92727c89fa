/**
 * The hub's minute timer for appointments (hub.ts runs it every minute, like the hourly purge):
 * - a booked appointment nobody checked in by `slotAt + office.appointmentGraceMinutes` becomes
 *   `no-show`, written through the store (stamped, announced), so the kiosks refuse its code and
 *   send the visitor for an ordinary ticket. One writer, the hub; a kiosk that checked the visitor
 *   in while offline still wins when it comes back (sync/conflict-rules.ts);
 * - the residents' contacts past their time (the day after the slot) are deleted, and the outbox's
 *   rows still to be sent to them fail (notifications/outbox.ts `forgetGoneContacts`);
 * - a reminder is enqueued for each booked appointment whose slot is within a day and whose
 *   resident left an address (booked or moved earlier than that: a later one has just been confirmed).
 * Pure but for the database: `now` is given, so tests run it at any moment they like.
 */
import type { Appointment } from '../common/domain/appointment';
import { officeDay } from '../common/domain/office-time';
import { officeDocument, timeZoneOf } from './booking-reads';
import { bookingView, viewPlace } from './bookings';
import { bookingNotice, noticesFor, REMINDER_LEAD_MS, type NoticeContact } from './notifications/booking-notices';
import { enqueue, forgetGoneContacts } from './notifications/outbox';
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

/**
 * Deletes the contacts whose time is up at `now`, and what the outbox still had for them; returns how
 * many. Before that, the phone and address go as soon as the visit is over — its ticket served, a
 * no-show, or left — and the appointment a no-show: nothing is sent after a visit. (The name and
 * the manage key stay until the day after, for the booking's own page.)
 */
export async function purgeContacts(db: SqlQueryable, now: number): Promise<number> {
  await db.query(
    `UPDATE booking_contacts c SET phone = NULL, email = NULL
       FROM documents d
      WHERE (c.phone IS NOT NULL OR c.email IS NOT NULL)
        AND d.collection = 'appointments' AND d.id = c.appointment AND NOT d.deleted
        AND (d.data->>'state' = 'no-show'
             OR EXISTS (SELECT 1 FROM ticket_facts f
                         WHERE f.id = d.data->>'ticket' AND f.outcome IN ('served', 'no-show', 'left')))`,
  );
  const rows = await db.query<{ purged: string | number }>(
    `WITH purged AS (DELETE FROM booking_contacts WHERE purge_after <= $1 RETURNING 1)
     SELECT count(*) AS purged FROM purged`,
    [new Date(now)],
  );
  // Also after a purge that died half-way: whatever has no contact left goes.
  await forgetGoneContacts(db);
  return Number(rows[0]?.purged ?? 0);
}

interface ReminderRow extends NoticeContact, Record<string, unknown> {
  readonly data: Appointment;
}

/** Reminders for the booked appointments whose slot is within `leadMs` of `now`; returns how many rows. */
export async function enqueueReminders(db: SqlQueryable, now: number, leadMs = REMINDER_LEAD_MS): Promise<number> {
  const rows = await db.query<ReminderRow>(
    `SELECT d.data, c.email, c.phone, c.language
       FROM booking_contacts c
       JOIN documents d ON d.collection = 'appointments' AND d.id = c.appointment AND NOT d.deleted
      WHERE d.data->>'state' = 'booked' AND (c.email IS NOT NULL OR c.phone IS NOT NULL)
        AND CASE WHEN d.data->>'slotAt' ~ '^[0-9]{1,16}$' THEN (d.data->>'slotAt')::bigint END BETWEEN $1 AND $2
        AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.appointment = c.appointment AND o.kind = 'booking-reminder'
                           AND o.payload->>'at' = d.data->>'slotAt')`,
    [Math.floor(now), Math.floor(now + leadMs)],
  );
  // Booked (or moved) within the lead: its confirmation has just said it all.
  const due = rows.filter((row) => row.data.updatedAt < row.data.slotAt - leadMs);
  if (due.length === 0) return 0;
  const office = await officeDocument(db);
  const notices = [];
  for (const row of due) {
    const place = await viewPlace(db, row.data.service);
    const notice = bookingNotice(bookingView(place, row.data, ''), row.data, office ?? { name: place.serviceName });
    notices.push(...noticesFor(row, 'booking-reminder', notice, now));
  }
  return enqueue(db, notices);
}

export interface AppointmentTick {
  readonly noShows: StoredDocument[];
  readonly contactsPurged: number;
  readonly reminders: number;
}

/** One run of the timer at `now`. */
export async function appointmentTick(store: HubStore, now: number): Promise<AppointmentTick> {
  const noShows = await markNoShows(store, now);
  const contactsPurged = await purgeContacts(store.db, now);
  const reminders = await enqueueReminders(store.db, now);
  return { noShows, contactsPurged, reminders };
}
