/**
 * Booking appointments at the hub: **the hub decides who gets a slot**, as it decides "call next".
 * Bookings are decided in batches (group commit, booking-batch.ts): those that arrive while a
 * batch is being decided wait and are then decided together, in arrival order, in ONE transaction
 * (store.ts writeOwn) that
 *   1. reads the office's calendar and time zone and each service's availability rules once, and
 *      refuses a booking whose slot does not exist or is not bookable now (`slotFinder`,
 *      `isBookableAt`);
 *   2. takes an advisory lock on each service and day the batch asks for (`dayLock`, in sorted
 *      order), so a day's bookings are decided by one batch at a time, on every hub node, and
 *      counts what those days have taken (per slot and per rule-day);
 *   3. gives places in order against those counts in memory, counting each place given, and
 *      refuses with `slot-taken` when none is left (`placesLeft`) — a refusal rolls nothing back;
 *   4. then locks the stamp row (every document write is serialised by it), picks a code no active
 *      appointment holds for each booking given a place, and writes their appointment documents
 *      with consecutive stamps — announced by the live feed, so they reach every workstation (a
 *      kiosk checks them in offline) — and their contact rows (booking_contacts: the only personal
 *      data, never replicated).
 * Each booking gets its own answer or its own refusal (BookingRefused); when every one of a batch
 * is refused nothing is written and the stamp row is never locked. A move is decided alone, in the
 * same steps under the same day lock; a cancellation only frees a place and takes no day lock.
 * PGlite and PostgreSQL alike: both take the same locks in the same order. The appointment document
 * holds nothing personal.
 *
 * A resident finds, moves and cancels a booking with its code and manage key (a wrong key answers
 * as an unknown code does); staff by the code alone (contract/hub-appointments.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Booking, BookingCreated, BookingRequest } from '../common/contract/public';
import type { WireDocument } from '../common/contract/hub';
import type { Appointment } from '../common/domain/appointment';
import {
  dayKey,
  isBookableAt,
  placesLeft,
  slotKey,
  type AvailabilityRule,
  type Taken,
} from '../common/domain/availability';
import { addDays } from '../common/domain/calendar';
import type { Language, Localized } from '../common/domain/office';
import { officeDay, officeTime } from '../common/domain/office-time';
import { codeCandidate, hashManageKey, keyMatches, newManageKey } from './booking-keys';
import { GroupCommit } from './booking-batch';
import {
  bookingPlace,
  BookingRefused,
  officeDocument,
  slotFinder,
  takenBetween,
  takenOn,
  timeZoneOf,
  type BookingPlace,
  type RuledSlot,
} from './booking-reads';
import { HubFailure } from './errors';
import { bookingNotice, noticesFor } from './notifications/booking-notices';
import { dropPending, enqueue, forgetGoneContacts } from './notifications/outbox';
import type { SqlQueryable } from './sql';
import { lockAdvisory, toWire, type HubStore, type StoredDocument } from './store';

/** Who manages a booking: a resident with its manage key, or staff by its code alone. */
export type Holder = { readonly key: string } | 'staff';

/** An answer and what the transaction wrote (for the live feed: `feed.committed(written)`). */
export interface BookingOutcome<T> {
  readonly answer: T;
  readonly written: StoredDocument[];
}

/** A booking asked for at `now`: what `bookTogether` decides. */
export interface BookingCall {
  readonly request: BookingRequest;
  readonly now: number;
  /** Where the booking page is, for the confirmation's link (notifications/); none: no link. */
  readonly origin?: string;
}

type Booked = BookingOutcome<BookingCreated>;

const groups = new WeakMap<HubStore, GroupCommit<BookingCall, Booked>>();

/**
 * Books a slot for a resident (the public page) or a caller (a clerk): the codes, or a refusal.
 * Decided together with the bookings that arrive meanwhile (booking-batch.ts, `bookTogether`).
 */
export function bookSlot(store: HubStore, request: BookingRequest, now: number, origin?: string): Promise<Booked> {
  let group = groups.get(store);
  if (!group) {
    group = new GroupCommit((calls) => bookTogether(store, calls));
    groups.set(store, group);
  }
  return group.submit({ request, now, ...(origin ? { origin } : {}) });
}

/**
 * The bookings `calls` in one transaction, decided in their order: each gets its answer (and its
 * own appointment, with its own stamp) or its own refusal, and a refusal takes nothing from the
 * others. When every one is refused, nothing is written and the stamp row is never locked.
 */
export async function bookTogether(
  store: HubStore,
  calls: readonly BookingCall[],
): Promise<PromiseSettledResult<Booked>[]> {
  let decisions: Decision[] = [];
  let appointments: Appointment[] = [];
  let written: StoredDocument[] = [];
  try {
    written = await store.writeOwn(
      'appointments',
      async (tx) => {
        appointments = await writeAccepted(tx, decisions.filter(isAccepted));
        return appointments.map(wireOf);
      },
      {
        before: async (tx) => {
          decisions = await decideAll(tx, calls);
          if (!decisions.some(isAccepted)) throw NOTHING_ACCEPTED;
        },
      },
    );
  } catch (error) {
    if (error !== NOTHING_ACCEPTED) throw error;
  }
  return answersOf(decisions, appointments, written);
}

/** Each decision's answer: a refusal, or the booking given with its appointment (in the order written). */
function answersOf(
  decisions: readonly Decision[],
  appointments: readonly Appointment[],
  written: readonly StoredDocument[],
): PromiseSettledResult<Booked>[] {
  let next = 0;
  return decisions.map((decision) => {
    if (!isAccepted(decision)) return { status: 'rejected', reason: decision };
    const index = next++;
    const answer = {
      ...bookingView(decision.place, appointments[index]!, decision.call.request.name),
      key: decision.key,
    };
    return { status: 'fulfilled', value: { answer, written: [written[index]!] } };
  });
}

/** A booking given a place, not yet written. */
interface Accepted extends RuledSlot {
  readonly call: BookingCall;
  readonly place: BookingPlace;
  readonly key: string;
}

type Decision = Accepted | BookingRefused;

const isAccepted = (decision: Decision): decision is Accepted => !(decision instanceof BookingRefused);

/** Thrown when every booking of a batch is refused: rolls back before the stamp row is locked. */
const NOTHING_ACCEPTED = new Error('Every booking of the batch was refused');

/**
 * Before the stamp row (store.ts writeOwn): reads each service's place once, refuses what is not a
 * bookable slot, takes the advisory locks of the services' days in sorted order (so the bookings
 * of a day are decided one batch at a time, across hub nodes too), counts what those days have
 * taken, then gives places in the calls' order, counting each one given.
 */
async function decideAll(tx: SqlQueryable, calls: readonly BookingCall[]): Promise<Decision[]> {
  const places = await placesOf(tx, calls);
  const chosen = calls.map((call) => choose(places, call));
  const taken = await lockAndCount(tx, chosen.filter(isAccepted));
  return chosen.map((choice) => (isAccepted(choice) ? claim(taken, choice) : choice));
}

/** Each service of `calls` as a booking needs it (with its slot finder), or why it cannot be booked. */
async function placesOf(tx: SqlQueryable, calls: readonly BookingCall[]): Promise<Map<string, FoundPlace>> {
  const places = new Map<string, FoundPlace>();
  for (const service of new Set(calls.map((call) => call.request.service))) {
    try {
      const place = await bookingPlace(tx, service);
      places.set(service, { place, find: slotFinder(place) });
    } catch (error) {
      if (!(error instanceof BookingRefused)) throw error;
      places.set(service, error);
    }
  }
  return places;
}

type FoundPlace = { readonly place: BookingPlace; readonly find: (at: number) => RuledSlot | null } | BookingRefused;

/** The call's slot, if it exists and may be booked at the call's `now`; its refusal otherwise. */
function choose(places: ReadonlyMap<string, FoundPlace>, call: BookingCall): Decision {
  const found = places.get(call.request.service)!;
  if (found instanceof BookingRefused) return found;
  try {
    const chosen = bookableSlot(found.place, call.request.at, call.now, found.find);
    return { ...chosen, call, place: found.place, key: newManageKey() };
  } catch (error) {
    if (error instanceof BookingRefused) return error;
    throw error;
  }
}

/** What each service has taken on the days `chosen` ask for, read under those days' advisory locks. */
async function lockAndCount(tx: SqlQueryable, chosen: readonly Accepted[]): Promise<Map<string, CountedTaken>> {
  const asked = new Map<string, { place: BookingPlace; days: Set<string> }>();
  for (const { place, slot } of chosen) {
    const entry = asked.get(place.service.id) ?? { place, days: new Set<string>() };
    entry.days.add(slot.day);
    asked.set(place.service.id, entry);
  }
  const locks = [...asked].flatMap(([service, { days }]) => [...days].map((day) => dayLock(service, day)));
  for (const lock of locks.sort()) await lockAdvisory(tx, lock);
  const taken = new Map<string, CountedTaken>();
  for (const [service, { place, days }] of asked) {
    const counted = await takenOn(tx, place, [...days]);
    taken.set(service, { perSlot: new Map(counted.perSlot), perRuleDay: new Map(counted.perRuleDay) });
  }
  return taken;
}

/** What is taken, counted on as places are given. */
interface CountedTaken extends Taken {
  readonly perSlot: Map<string, number>;
  readonly perRuleDay: Map<string, number>;
}

/** The place `choice` asks for, counted as taken; `slot-taken` when none is left. */
function claim(taken: ReadonlyMap<string, CountedTaken>, choice: Accepted): Decision {
  const { slot, rule } = choice;
  const counts = taken.get(slot.service)!;
  if (placesLeft(slot, rule, counts) < 1) return new BookingRefused('slot-taken');
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  bump(counts.perSlot, slotKey(slot.service, slot.at));
  bump(counts.perRuleDay, dayKey(slot.service, rule.id, slot.day));
  return choice;
}

/** Under the stamp row: the accepted bookings' appointments, each with a free code, and their contacts. */
async function writeAccepted(tx: SqlQueryable, accepted: readonly Accepted[]): Promise<Appointment[]> {
  const earliest = Math.min(...accepted.map((choice) => choice.call.now));
  const codes = await freeCodes(tx, accepted.length, officeDay(earliest, accepted[0]!.place.timeZone));
  const appointments = accepted.map((choice, index): Appointment => ({
    id: randomUUID(),
    code: codes[index]!,
    day: choice.slot.day,
    slotAt: choice.slot.at,
    service: choice.place.service.id,
    rule: choice.rule.id,
    state: 'booked',
    ticket: '',
    updatedAt: choice.call.now,
  }));
  await insertContacts(tx, accepted, appointments);
  await enqueueConfirmations(tx, accepted, appointments);
  return appointments;
}

/** The confirmations of the `accepted` bookings (each of `appointments`), in their transaction. */
async function enqueueConfirmations(
  tx: SqlQueryable,
  accepted: readonly Accepted[],
  appointments: readonly Appointment[],
): Promise<void> {
  const office = await officeDocument(tx);
  const notices = accepted.flatMap(({ call, place, key }, index) => {
    const appointment = appointments[index]!;
    const contact = {
      email: call.request.email ?? null,
      phone: call.request.phone ?? null,
      language: call.request.language,
    };
    if (!contact.email && !contact.phone) return [];
    const manage = call.origin ? { key, origin: call.origin } : undefined;
    const view = bookingView(place, appointment, '');
    const notice = bookingNotice(view, appointment, office ?? { name: place.service.name }, manage);
    return noticesFor(contact, 'booking-confirmation', notice, call.now);
  });
  await enqueue(tx, notices);
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
  const chosen = bookableSlot(place, at, now);
  const day = chosen.slot.day;
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
      // What waits to be sent names the old time; the new slot gets its own reminder.
      await dropPending(tx, moved.id, 'moved');
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
    await forgetGoneContacts(tx);
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

/** The slot at `at` with its rule, if it exists and may be booked at `now`; `not-bookable` otherwise. */
function bookableSlot(place: BookingPlace, at: number, now: number, find = slotFinder(place)): RuledSlot {
  const found = find(at);
  if (!found || !isBookableAt(found.slot, found.rule, now, place.timeZone)) throw new BookingRefused('not-bookable');
  return found;
}

/**
 * For a move: under the advisory lock of the service's `day` (which batches of bookings take too),
 * whether a place is left in the chosen slot, counting every appointment of the day that holds one
 * but `except` (the one being moved); `slot-taken` when none is. Runs before the stamp row is
 * locked (store.ts writeOwn): a refused move never holds up other writers.
 */
async function claimPlace(
  tx: SqlQueryable,
  place: BookingPlace,
  chosen: RuledSlot,
  day: string,
  except: string,
): Promise<void> {
  await lockAdvisory(tx, dayLock(place.service.id, day));
  const taken = await takenBetween(tx, place, day, day, except);
  if (placesLeft(chosen.slot, chosen.rule, taken) < 1) throw new BookingRefused('slot-taken');
}

/**
 * `count` different codes no appointment a kiosk may still look up holds: none of today or later
 * in any state, and no booked one of any day (the kiosk takes the latest appointment with the code
 * it is given). Candidates are checked all at once; those in use are drawn again.
 */
async function freeCodes(tx: SqlQueryable, count: number, today: string): Promise<string[]> {
  const codes = new Set<string>();
  for (let attempt = 0; attempt < 50 && codes.size < count; attempt++) {
    const candidates = new Set<string>();
    while (candidates.size < count - codes.size) {
      const code = codeCandidate();
      if (!codes.has(code)) candidates.add(code);
    }
    const used = await tx.query<{ code: string }>(
      `SELECT DISTINCT data->>'code' AS code FROM documents
        WHERE collection = 'appointments' AND NOT deleted AND data->>'code' = ANY($1::text[])
          AND (data->>'day' >= $2 OR data->>'state' = 'booked')`,
      [[...candidates], today],
    );
    const inUse = new Set(used.map((row) => row.code));
    for (const code of candidates) if (!inUse.has(code)) codes.add(code);
  }
  if (codes.size < count) {
    throw new HubFailure(
      503,
      'codes-exhausted',
      'No free appointment code was found; too many appointments are active',
    );
  }
  return [...codes];
}

/** The contact is kept until the start of the day after the slot. */
function purgeAfter(day: string, timeZone: string): Date {
  return new Date(officeTime(addDays(day, 1), '00:00', timeZone));
}

/** The contacts of the `accepted` bookings (each of `appointments`, in the same order), in one statement. */
async function insertContacts(
  tx: SqlQueryable,
  accepted: readonly Accepted[],
  appointments: readonly Appointment[],
): Promise<void> {
  const purgeOn = new Map<string, string>();
  const purge = (day: string, timeZone: string) => {
    if (!purgeOn.has(day)) purgeOn.set(day, purgeAfter(day, timeZone).toISOString());
    return purgeOn.get(day)!;
  };
  const column = <T>(pick: (choice: Accepted, appointment: Appointment) => T) =>
    accepted.map((choice, index) => pick(choice, appointments[index]!));
  await tx.query(
    `INSERT INTO booking_contacts (appointment, name, phone, email, language, key_hash, purge_after)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[])`,
    [
      column((_choice, appointment) => appointment.id),
      column(({ call }) => call.request.name),
      column(({ call }) => call.request.phone ?? null),
      column(({ call }) => call.request.email ?? null),
      column(({ call }) => call.request.language),
      column(({ key }) => hashManageKey(key)),
      column(({ place }, appointment) => purge(appointment.day, place.timeZone)),
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
export interface ViewPlace {
  readonly timeZone: string;
  readonly serviceName: Localized;
  readonly rules: readonly AvailabilityRule[];
  readonly averageMinutes: number;
}

export async function viewPlace(db: SqlQueryable, serviceId: string): Promise<ViewPlace> {
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
