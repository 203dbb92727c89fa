/**
 * Booking appointments at the hub: **the hub decides who gets a slot**, as it decides "call next".
 * A booking (or a move):
 *   1. reads the office's calendar and time zone and the service's availability rules, and checks
 *      the slot exists and is bookable now (`slotAt`, `isBookableAt`) — refused before any lock;
 *   2. in one transaction (store.ts writeOwn), takes an advisory lock on the service and the
 *      slot's day, so bookings for that day are decided one at a time, counts what is taken of the
 *      day (per slot and per rule-day) and refuses when no place is left (`placesLeft`);
 *   3. then locks the stamp row (every document write is serialised by it), picks a code no
 *      active appointment holds, and writes the appointment document with the next stamp —
 *      announced by the live feed, so it reaches every workstation (a kiosk checks it in
 *      offline) — and, for a new booking, its contact row (booking_contacts: the only personal
 *      data, never replicated).
 * Anything refused throws BookingRefused and rolls back. PGlite and PostgreSQL alike: both take
 * the same locks in the same order. The appointment document holds nothing personal.
 *
 * A resident finds, moves and cancels a booking with its code and manage key (a wrong key answers
 * as an unknown code does); staff by the code alone (contract/hub-appointments.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Booking, BookingCreated, BookingRequest } from '../common/contract/public';
import type { WireDocument } from '../common/contract/hub';
import type { Appointment } from '../common/domain/appointment';
import { isBookableAt, placesLeft, slotAt, type AvailabilityRule, type Slot } from '../common/domain/availability';
import { addDays } from '../common/domain/calendar';
import type { Language, Localized } from '../common/domain/office';
import { officeDay, officeTime } from '../common/domain/office-time';
import { codeCandidate, hashManageKey, keyMatches, newManageKey } from './booking-keys';
import {
  bookingPlace,
  BookingRefused,
  officeDocument,
  takenBetween,
  timeZoneOf,
  type BookingPlace,
} from './booking-reads';
import { HubFailure } from './errors';
import type { SqlQueryable } from './sql';
import { lockAdvisory, toWire, type HubStore, type StoredDocument } from './store';

/** Who manages a booking: a resident with its manage key, or staff by its code alone. */
export type Holder = { readonly key: string } | 'staff';

/** An answer and what the transaction wrote (for the live feed: `feed.committed(written)`). */
export interface BookingOutcome<T> {
  readonly answer: T;
  readonly written: StoredDocument[];
}

/** Books a slot for a resident (the public page) or a caller (a clerk): the codes, or a refusal. */
export async function bookSlot(
  store: HubStore,
  request: BookingRequest,
  now: number,
): Promise<BookingOutcome<BookingCreated>> {
  const place = await bookingPlace(store.db, request.service);
  const day = officeDay(request.at, place.timeZone);
  const chosen = bookableSlot(place, request.at, now, day);
  const key = newManageKey();
  let answer: BookingCreated | null = null;
  const written = await store.writeOwn(
    'appointments',
    async (tx) => {
      const appointment: Appointment = {
        id: randomUUID(),
        code: await freeCode(tx, officeDay(now, place.timeZone)),
        day,
        slotAt: chosen.slot.at,
        service: place.service.id,
        rule: chosen.rule.id,
        state: 'booked',
        ticket: '',
        updatedAt: now,
      };
      await insertContact(tx, appointment, request, key, place.timeZone);
      answer = { ...bookingView(place, appointment, request.name), key };
      return [wireOf(appointment)];
    },
    { before: (tx) => claimPlace(tx, place, chosen, day) },
  );
  return { answer: answer!, written };
}

/** The booking with `code`, for its holder; `unknown-booking` for an unknown code or a wrong key alike. */
export async function findBooking(db: SqlQueryable, code: string, holder: Holder): Promise<Booking> {
  const found = await findByCode(db, code, holder);
  return bookingView(await viewPlace(db, found.appointment.service), found.appointment, found.name);
}

/** What a booking's calendar file needs (calendar-file.ts), for the holder of its key. */
export interface CalendarBooking {
  readonly booking: Booking;
  readonly appointmentId: string;
  readonly updatedAt: number;
  readonly language: Language;
  readonly office: { readonly name: Localized; readonly address: string };
}

export async function findForCalendar(db: SqlQueryable, code: string, key: string): Promise<CalendarBooking> {
  const found = await findByCode(db, code, { key });
  const [office, place] = await Promise.all([officeDocument(db), viewPlace(db, found.appointment.service)]);
  return {
    booking: bookingView(place, found.appointment, found.name),
    appointmentId: found.appointment.id,
    updatedAt: found.appointment.updatedAt,
    language: found.language,
    office: { name: office?.name ?? place.serviceName, address: office?.address ?? '' },
  };
}

/** Moves a booked appointment to the slot at `at` (same service), with the same checks as a booking. */
export async function moveBooking(
  store: HubStore,
  code: string,
  holder: Holder,
  at: number,
  now: number,
): Promise<BookingOutcome<Booking>> {
  const found = await findByCode(store.db, code, holder);
  if (found.appointment.state !== 'booked') throw new BookingRefused('booking-closed');
  const place = await bookingPlace(store.db, found.appointment.service);
  const day = officeDay(at, place.timeZone);
  const chosen = bookableSlot(place, at, now, day);
  let answer: Booking | null = null;
  const written = await store.writeOwn(
    'appointments',
    async (tx) => {
      const current = await lockedBooked(tx, found.appointment.id);
      const moved: Appointment = {
        ...current,
        day,
        slotAt: chosen.slot.at,
        rule: chosen.rule.id,
        updatedAt: Math.max(now, current.updatedAt + 1),
      };
      await tx.query('UPDATE booking_contacts SET purge_after = $2 WHERE appointment = $1', [
        moved.id,
        purgeAfter(day, place.timeZone),
      ]);
      answer = bookingView(place, moved, found.name);
      return [wireOf(moved)];
    },
    { before: (tx) => claimPlace(tx, place, chosen, day, found.appointment.id) },
  );
  return { answer: answer!, written };
}

/**
 * Cancels a booked appointment. Its place is free at once; the contact keeps the name and key until
 * its purge (so the holder still sees the cancellation), but not the phone and e-mail, which a
 * cancelled booking no longer needs.
 */
export async function cancelBooking(
  store: HubStore,
  code: string,
  holder: Holder,
  now: number,
): Promise<BookingOutcome<Booking>> {
  const found = await findByCode(store.db, code, holder);
  if (found.appointment.state !== 'booked') throw new BookingRefused('booking-closed');
  let answer: Booking | null = null;
  // No lock on the day: a cancellation only frees a place, and the stamp row orders it with bookings.
  const written = await store.writeOwn('appointments', async (tx) => {
    const booked = await lockedBooked(tx, found.appointment.id);
    const cancelled: Appointment = { ...booked, state: 'cancelled', updatedAt: Math.max(now, booked.updatedAt + 1) };
    await tx.query('UPDATE booking_contacts SET phone = NULL, email = NULL WHERE appointment = $1', [cancelled.id]);
    answer = bookingView(await viewPlace(tx, cancelled.service), cancelled, found.name);
    return [wireOf(cancelled)];
  });
  return { answer: answer!, written };
}

/** The advisory lock a booking for `service` on `day` queues on. */
export function dayLock(service: string, day: string): string {
  return `okienko-booking|${service}|${day}`;
}

function wireOf(appointment: Appointment): WireDocument {
  return toWire(appointment as unknown as Readonly<Record<string, unknown>>, false);
}

/** The slot at `at` with its rule, if it exists on the locked `day` and may be booked at `now`. */
function bookableSlot(
  place: BookingPlace,
  at: number,
  now: number,
  day: string,
): { slot: Slot; rule: AvailabilityRule } {
  const found = slotAt(place.service, place.calendar, place.timeZone, at);
  // A slot on another day than the one locked: the office's time zone changed meanwhile.
  if (!found || found.slot.day !== day || !isBookableAt(found.slot, found.rule, now, place.timeZone)) {
    throw new BookingRefused('not-bookable');
  }
  return found;
}

/**
 * Under the advisory lock of the service's `day` (so bookings for that day are decided one at a
 * time), whether a place is left in the chosen slot, counting every appointment of the day that
 * holds one but `except` (the one being moved); `slot-taken` when none is. Runs before the stamp
 * row is locked (store.ts writeOwn): a refused booking never holds up other writers.
 */
async function claimPlace(
  tx: SqlQueryable,
  place: BookingPlace,
  chosen: { slot: Slot; rule: AvailabilityRule },
  day: string,
  except = '',
): Promise<void> {
  await lockAdvisory(tx, dayLock(place.service.id, day));
  const taken = await takenBetween(tx, place, day, day, except);
  if (placesLeft(chosen.slot, chosen.rule, taken) < 1) throw new BookingRefused('slot-taken');
}

/**
 * A code no appointment a kiosk may still look up holds: none of today or later in any state, and
 * no booked one of any day (the kiosk takes the latest appointment with the code it is given).
 */
async function freeCode(tx: SqlQueryable, today: string): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const code = codeCandidate();
    const used = await tx.query(
      `SELECT 1 FROM documents
        WHERE collection = 'appointments' AND NOT deleted AND data->>'code' = $1
          AND (data->>'day' >= $2 OR data->>'state' = 'booked')
        LIMIT 1`,
      [code, today],
    );
    if (used.length === 0) return code;
  }
  throw new HubFailure(503, 'codes-exhausted', 'No free appointment code was found; too many appointments are active');
}

/** The contact is kept until the start of the day after the slot. */
function purgeAfter(day: string, timeZone: string): Date {
  return new Date(officeTime(addDays(day, 1), '00:00', timeZone));
}

async function insertContact(
  tx: SqlQueryable,
  appointment: Appointment,
  request: BookingRequest,
  key: string,
  timeZone: string,
): Promise<void> {
  await tx.query(
    `INSERT INTO booking_contacts (appointment, name, phone, email, language, key_hash, purge_after)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      appointment.id,
      request.name,
      request.phone ?? null,
      request.email ?? null,
      request.language,
      hashManageKey(key),
      purgeAfter(appointment.day, timeZone),
    ],
  );
}

// --- finding a booking ------------------------------------------------------------------------

interface FoundBooking {
  readonly appointment: Appointment;
  /** The resident's name; empty when the contact is gone (purged) or there never was one. */
  readonly name: string;
  readonly language: Language;
}

interface CodeRow extends Record<string, unknown> {
  data: Appointment;
  name: string | null;
  language: Language | null;
  key_hash: string | null;
}

/**
 * The appointment with `code`: for staff the latest (as the kiosk finds it); for a resident the one
 * whose key matches, every candidate's key compared so the time says nothing of which one was close.
 */
async function findByCode(db: SqlQueryable, code: string, holder: Holder): Promise<FoundBooking> {
  const rows = await db.query<CodeRow>(
    `SELECT d.data, c.name, c.language, c.key_hash
       FROM documents d LEFT JOIN booking_contacts c ON c.appointment = d.id
      WHERE d.collection = 'appointments' AND NOT d.deleted AND d.data->>'code' = $1`,
    [code],
  );
  const sorted = rows.sort((a, b) => b.data.slotAt - a.data.slotAt || (a.data.id < b.data.id ? -1 : 1));
  let found: CodeRow | undefined;
  if (holder === 'staff') found = sorted[0];
  else {
    for (const row of sorted) {
      const matches = row.key_hash !== null && keyMatches(holder.key, row.key_hash);
      if (matches && !found) found = row;
    }
  }
  if (!found) throw new BookingRefused('unknown-booking');
  return { appointment: found.data, name: found.name ?? '', language: found.language ?? 'pl' };
}

/** The appointment `id` locked for a change; `booking-closed` unless it is still booked. */
async function lockedBooked(tx: SqlQueryable, id: string): Promise<Appointment> {
  const [row] = await tx.query<{ data: Appointment }>(
    `SELECT data FROM documents WHERE collection = 'appointments' AND id = $1 AND NOT deleted FOR UPDATE`,
    [id],
  );
  if (!row) throw new BookingRefused('unknown-booking');
  if (row.data.state !== 'booked') throw new BookingRefused('booking-closed');
  return row.data;
}

// --- what a holder sees -----------------------------------------------------------------------

/** What a booking's view needs: the office's time zone and the service, bookable or no longer. */
interface ViewPlace {
  readonly timeZone: string;
  readonly serviceName: Localized;
  readonly rules: readonly AvailabilityRule[];
  readonly averageMinutes: number;
}

async function viewPlace(db: SqlQueryable, serviceId: string): Promise<ViewPlace> {
  const office = await officeDocument(db);
  const [row] = await db.query<{
    data: { name: Localized; availability?: AvailabilityRule[]; averageMinutes: number };
  }>("SELECT data FROM documents WHERE collection = 'services' AND id = $1", [serviceId]);
  return {
    timeZone: timeZoneOf(office),
    serviceName: row?.data.name ?? { pl: serviceId, en: serviceId, uk: serviceId },
    rules: row?.data.availability ?? [],
    averageMinutes: row?.data.averageMinutes ?? 0,
  };
}

function asViewPlace(place: BookingPlace): ViewPlace {
  return {
    timeZone: place.timeZone,
    serviceName: place.service.name,
    rules: place.service.availability,
    averageMinutes: place.service.averageMinutes,
  };
}

/** The booking as its holder sees it (contract/public.ts BookingSchema). */
export function bookingView(place: BookingPlace | ViewPlace, appointment: Appointment, name: string): Booking {
  const view = 'service' in place ? asViewPlace(place) : place;
  const rule = view.rules.find((candidate) => candidate.id === appointment.rule);
  return {
    code: appointment.code,
    service: { id: appointment.service, name: view.serviceName },
    at: appointment.slotAt,
    day: appointment.day,
    time: wallClock(appointment.slotAt, view.timeZone),
    minutes: rule?.slotMinutes ?? Math.max(5, Math.round(view.averageMinutes)),
    state: appointment.state,
    name,
  };
}

const clockFormats = new Map<string, Intl.DateTimeFormat>();

/** `HH:MM` of the instant `at` on the office's wall clock. */
export function wallClock(at: number, timeZone: string): string {
  let format = clockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    clockFormats.set(timeZone, format);
  }
  return format.format(at);
}
