/**
 * What bookings read from the hub's documents: the office (its calendar and time zone), a bookable
 * service (its availability rules), what is taken of a service's days, and the public answers built
 * from them (the office, the free slots). The rules themselves are electron/common/domain
 * (calendar.ts, availability.ts); this file only feeds them the documents, read with SQL as the
 * board reads its own (board.ts).
 */
import type { PublicOffice, Slots } from '../common/contract/public';
import type { BookingRefusal } from '../common/contract/public';
import {
  dayKey,
  freeSlots,
  slotKey,
  slotsOn,
  type AvailabilityRule,
  type BookableService,
  type Slot,
  type Taken,
} from '../common/domain/availability';
import { addDays, WEEKDAYS, type OfficeCalendar, type OpeningHours } from '../common/domain/calendar';
import { officeDay } from '../common/domain/office-time';
import type { Localized } from '../common/domain/office';
import type { OfficeDoc, ServiceDoc } from '../common/domain/schemas';
import { DEFAULT_TIME_ZONE } from './board';
import type { SqlQueryable } from './sql';

/** A booking refused for a reason the resident's page words (contract/public.ts BOOKING_REFUSALS). */
export class BookingRefused extends Error {
  constructor(readonly refusal: BookingRefusal) {
    super(refusal);
    this.name = 'BookingRefused';
  }
}

/** The states that hold a place: a no-show's slot is gone, and it counted towards its day. */
export const TAKING_STATES = ['booked', 'checked-in', 'no-show'] as const;

/**
 * An office set up before opening hours were kept has none: its availability rules alone say when
 * (holidays and closures still count). Every configuration made since has hours.
 */
const RULES_ALONE: OpeningHours = Object.fromEntries(
  WEEKDAYS.map((weekday) => [weekday, [{ from: '00:00', to: '23:59' }]]),
) as unknown as OpeningHours;

/** What a booking needs of a bookable service. */
export interface BookingService extends BookableService {
  readonly name: Localized;
  readonly averageMinutes: number;
}

/** The office's calendar and one bookable service, as a booking needs them. */
export interface BookingPlace {
  readonly timeZone: string;
  readonly calendar: OfficeCalendar;
  readonly service: BookingService;
}

export async function officeDocument(db: SqlQueryable): Promise<OfficeDoc | null> {
  const [row] = await db.query<{ data: OfficeDoc }>(
    "SELECT data FROM documents WHERE collection = 'office' AND NOT deleted ORDER BY stamp DESC LIMIT 1",
  );
  return row?.data ?? null;
}

/** A service a resident may book: active, with at least one availability rule. */
export function isBookable(service: Pick<ServiceDoc, 'active' | 'availability'>): boolean {
  return service.active && (service.availability?.length ?? 0) > 0;
}

export function calendarOf(office: Pick<OfficeDoc, 'hours' | 'closures'>): OfficeCalendar {
  return { hours: office.hours ?? RULES_ALONE, closures: office.closures ?? [] };
}

/** The office's time zone, or Polish time when a document names one this platform does not know. */
export function timeZoneOf(office: Pick<OfficeDoc, 'timeZone'> | null): string {
  const timeZone = office?.timeZone;
  if (!timeZone) return DEFAULT_TIME_ZONE;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return DEFAULT_TIME_ZONE;
  }
}

interface PlaceRow extends Record<string, unknown> {
  time_zone: string | null;
  hours: OfficeDoc['hours'] | null;
  closures: OfficeDoc['closures'] | null;
  name: Localized;
  active: boolean | null;
  availability: AvailabilityRule[] | null;
  average_minutes: number | null;
}

/**
 * The office and `serviceId` when it can be booked; `unknown-service` otherwise (no office yet,
 * too). One query, and only the fields a booking reads: it runs for every booking and move.
 */
export async function bookingPlace(db: SqlQueryable, serviceId: string): Promise<BookingPlace> {
  const [row] = await db.query<PlaceRow>(
    `SELECT o.data->>'timeZone' AS time_zone, o.data->'hours' AS hours, o.data->'closures' AS closures,
            s.data->'name' AS name, (s.data->>'active')::boolean AS active, s.data->'availability' AS availability,
            (s.data->>'averageMinutes')::float8 AS average_minutes
       FROM (SELECT data FROM documents WHERE collection = 'office' AND NOT deleted ORDER BY stamp DESC LIMIT 1) o
      CROSS JOIN (SELECT data FROM documents WHERE collection = 'services' AND id = $1 AND NOT deleted) s`,
    [serviceId],
  );
  const availability = row?.availability ?? [];
  if (!row || !isBookable({ active: row.active === true, availability })) throw new BookingRefused('unknown-service');
  const office = { timeZone: row.time_zone ?? '', hours: row.hours ?? undefined, closures: row.closures ?? undefined };
  return {
    timeZone: timeZoneOf(office),
    calendar: calendarOf(office),
    service: { id: serviceId, name: row.name, availability, averageMinutes: Number(row.average_minutes ?? 0) },
  };
}

interface TakenRow extends Record<string, unknown> {
  id: string;
  day: string;
  slot_at: string | number | null;
  rule: string | null;
}

/**
 * What is taken of `place`'s service from `from` to `to` (office days, inclusive): per slot and
 * per rule and day, counting the appointments that hold a place, all but `except` (the one being
 * moved). One booked before rules were named counts under the rule whose slot it is at.
 */
export async function takenBetween(
  db: SqlQueryable,
  place: BookingPlace,
  from: string,
  to: string,
  except = '',
): Promise<Taken> {
  return countTaken(place, await takenRows(db, place, except, 'BETWEEN $4 AND $5', [from, to]));
}

/** What is taken of `place`'s service on `days` (office days), counted as takenBetween counts. */
export async function takenOn(db: SqlQueryable, place: BookingPlace, days: readonly string[]): Promise<Taken> {
  return countTaken(place, await takenRows(db, place, '', '= ANY($4::text[])', [[...days]]));
}

/** The appointments of `place`'s service that hold a place, all but `except`, on the days `dayIs` names. */
function takenRows(
  db: SqlQueryable,
  place: BookingPlace,
  except: string,
  dayIs: string,
  dayParams: readonly unknown[],
): Promise<TakenRow[]> {
  // The CASE keeps a malformed `slotAt` (which the schema does not let in) from failing the cast.
  return db.query<TakenRow>(
    `SELECT id, data->>'day' AS day, data->>'rule' AS rule,
            CASE WHEN data->>'slotAt' ~ '^[0-9]{1,16}$' THEN (data->>'slotAt')::bigint END AS slot_at
       FROM documents
      WHERE collection = 'appointments' AND NOT deleted AND data->>'service' = $1
        AND data->>'state' = ANY($2::text[]) AND id <> $3 AND data->>'day' ${dayIs}`,
    [place.service.id, [...TAKING_STATES], except, ...dayParams],
  );
}

function countTaken(place: BookingPlace, rows: readonly TakenRow[]): Taken {
  const perSlot = new Map<string, number>();
  const perRuleDay = new Map<string, number>();
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  const ruleAt = ruleFinder(place);
  for (const row of rows) {
    if (row.slot_at === null) continue;
    const at = Number(row.slot_at);
    bump(perSlot, slotKey(place.service.id, at));
    const rule = row.rule ?? ruleAt(row.day, at);
    if (rule) bump(perRuleDay, dayKey(place.service.id, rule, row.day));
  }
  return { perSlot, perRuleDay };
}

/** A bookable slot and the rule it comes from. */
export interface RuledSlot {
  readonly slot: Slot;
  readonly rule: AvailabilityRule;
}

type SlotFinder = (at: number) => RuledSlot | null;

/** Finders kept for the places booked lately (a place is pure data: the same place, the same slots). */
const finders = new Map<string, SlotFinder>();
const KEPT_PLACES = 8;
const KEPT_DAYS = 400;

/**
 * The slot of `place`'s service at the instant `at` with its rule, as `slotAt` finds it (null when
 * the rules have none then), computing each day's slots once: every batch of bookings asks for
 * many slots of a few days, and a day's slots take a while (every one a time-zone conversion).
 */
export function slotFinder(place: BookingPlace): SlotFinder {
  const key = JSON.stringify(place);
  let finder = finders.get(key);
  if (!finder) {
    if (finders.size >= KEPT_PLACES) finders.clear();
    finder = newSlotFinder(place);
    finders.set(key, finder);
  }
  return finder;
}

function newSlotFinder(place: BookingPlace): SlotFinder {
  const days = new Map<string, Map<number, Slot>>();
  const rules = new Map(place.service.availability.map((rule) => [rule.id, rule]));
  return (at) => {
    const day = officeDay(at, place.timeZone);
    let slots = days.get(day);
    if (!slots) {
      if (days.size >= KEPT_DAYS) days.clear();
      slots = new Map();
      // The first slot at an instant, as slotAt takes it.
      for (const slot of slotsOn(place.service, place.calendar, day, place.timeZone)) {
        if (!slots.has(slot.at)) slots.set(slot.at, slot);
      }
      days.set(day, slots);
    }
    const slot = slots.get(at);
    const rule = slot && rules.get(slot.rule);
    return slot && rule ? { slot, rule } : null;
  };
}

/** The rule of the slot at `at` on `day`, computing each day's slots once. */
function ruleFinder(place: BookingPlace): (day: string, at: number) => string | undefined {
  const days = new Map<string, Map<number, string>>();
  return (day, at) => {
    let slots = days.get(day);
    if (!slots) {
      slots = new Map(
        slotsOn(place.service, place.calendar, day, place.timeZone).map((slot) => [slot.at, slot.rule] as const),
      );
      days.set(day, slots);
    }
    return slots.get(at);
  };
}

/** What the booking page shows of the office: its name, address, time zone and bookable services. */
export async function publicOffice(db: SqlQueryable): Promise<PublicOffice | null> {
  const office = await officeDocument(db);
  if (!office) return null;
  const rows = await db.query<{ data: ServiceDoc }>(
    "SELECT data FROM documents WHERE collection = 'services' AND NOT deleted",
  );
  const services = rows
    .map((row) => row.data)
    .filter((service) => isBookable(service))
    .sort((a, b) => a.position - b.position || a.id.localeCompare(b.id))
    .map((service) => ({ id: service.id, name: service.name }));
  return { name: office.name, address: office.address ?? '', timeZone: timeZoneOf(office), services };
}

/** The number of days from `from` to `to` (calendar days; negative when `to` is earlier). */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The furthest any of the service's rules lets a resident book. */
function furthestAhead(rules: readonly AvailabilityRule[]): number {
  return Math.max(0, ...rules.map((rule) => rule.bookableDaysAhead));
}

/**
 * The free slots of a service for `days` days from `from` (today when absent or past), as a
 * resident may book them at `now`: never beyond the furthest its rules allow.
 */
export async function freeSlotsFor(
  db: SqlQueryable,
  query: { readonly service: string; readonly from?: string | undefined; readonly days: number },
  now: number,
): Promise<Slots> {
  const place = await bookingPlace(db, query.service);
  const today = officeDay(now, place.timeZone);
  const from = query.from !== undefined && query.from > today ? query.from : today;
  const offset = daysBetween(today, from);
  const span = Math.min(offset + query.days, furthestAhead(place.service.availability) + 1);
  if (span <= offset) return { service: place.service.id, slots: [] };
  const taken = await takenBetween(db, place, from, addDays(today, span - 1));
  const slots = freeSlots(place.service, place.calendar, place.timeZone, now, span, taken)
    .filter((slot) => slot.day >= from)
    .map(({ at, day, time, minutes, left }) => ({ at, day, time, minutes, left }));
  return { service: place.service.id, slots };
}
