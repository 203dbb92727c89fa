/**
 * When visitors may book a service, kept as rules the way Berlin's and Munich's ZMS keeps them:
 * on these weekdays, between these hours, a slot every N minutes with M visitors at once, bookable
 * from so many days ahead until so many minutes before, at most so many a day. The slots are
 * computed, never stored: a rule changed today changes tomorrow's slots, and a booking holds only
 * its slot's instant. Holidays, the office's closures and its opening hours are respected (a slot
 * must fit in an opening stretch). Times are wall clock in the office's time zone, so the slots of
 * a day the clocks change start at the same hours as any other day's.
 *
 * Who gets a slot is not decided here: the hub books a slot in one transaction, counting what is
 * taken (electron/hub), as it decides "call next". This module says what exists and what is free.
 */
import { addDays, minutesOf, openingOn, timeOf, weekdayOf, type OfficeCalendar, type Weekday } from './calendar';
import { officeDay, officeTime } from './office-time';

export interface AvailabilityRule {
  /** Unique within the service; a booking names its rule, so a limit counts per rule. */
  readonly id: string;
  readonly weekdays: readonly Weekday[];
  /** The first slot starts at `from`; the last ends by `to` (wall clock, `HH:MM`). */
  readonly from: string;
  readonly to: string;
  readonly slotMinutes: number;
  /** Visitors booked into one slot (clerks serving this service at once). */
  readonly parallel: number;
  /** The first and last day the rule applies (inclusive); open-ended when absent. */
  readonly validFrom?: string;
  readonly validUntil?: string;
  /** How far ahead a slot may be booked: its day at most this many days after today. */
  readonly bookableDaysAhead: number;
  /** Booking a slot closes this many minutes before it starts. */
  readonly closesMinutesBefore: number;
  /** At most this many bookings a day under this rule (every slot's `parallel` otherwise). */
  readonly dailyLimit?: number;
}

/** One bookable moment: `capacity` visitors may be booked for `at`. */
export interface Slot {
  readonly service: string;
  readonly rule: string;
  readonly day: string;
  /** Wall clock in the office's time zone, `HH:MM`. */
  readonly time: string;
  /** The instant (epoch ms). */
  readonly at: number;
  readonly minutes: number;
  readonly capacity: number;
}

/** What is taken already: bookings per slot (`slotKey`) and per rule and day (`dayKey`). */
export interface Taken {
  readonly perSlot: ReadonlyMap<string, number>;
  readonly perRuleDay: ReadonlyMap<string, number>;
}

export const NOTHING_TAKEN: Taken = { perSlot: new Map(), perRuleDay: new Map() };

export function slotKey(service: string, at: number): string {
  return `${service}|${at}`;
}

export function dayKey(service: string, rule: string, day: string): string {
  return `${service}|${rule}|${day}`;
}

export interface BookableService {
  readonly id: string;
  readonly availability: readonly AvailabilityRule[];
}

function applies(rule: AvailabilityRule, day: string): boolean {
  return (
    rule.weekdays.includes(weekdayOf(day)) &&
    (rule.validFrom === undefined || day >= rule.validFrom) &&
    (rule.validUntil === undefined || day <= rule.validUntil)
  );
}

/** The slots of `service` on `day` (office calendar day), in time order; none when the office is closed. */
export function slotsOn(service: BookableService, calendar: OfficeCalendar, day: string, timeZone: string): Slot[] {
  const opening = openingOn(calendar, day);
  if (opening.length === 0) return [];
  const slots: Slot[] = [];
  for (const rule of service.availability) {
    if (!applies(rule, day)) continue;
    const end = minutesOf(rule.to);
    for (let start = minutesOf(rule.from); start + rule.slotMinutes <= end; start += rule.slotMinutes) {
      const fits = opening.some(
        (range) => start >= minutesOf(range.from) && start + rule.slotMinutes <= minutesOf(range.to),
      );
      if (!fits) continue;
      const time = timeOf(start);
      slots.push({
        service: service.id,
        rule: rule.id,
        day,
        time,
        at: officeTime(day, time, timeZone),
        minutes: rule.slotMinutes,
        capacity: rule.parallel,
      });
    }
  }
  return slots.sort((a, b) => a.at - b.at || (a.rule < b.rule ? -1 : 1));
}

/** Whether a slot may be booked at `now`: within its rule's window (not too far ahead, not too late). */
export function isBookableAt(slot: Slot, rule: AvailabilityRule, now: number, timeZone: string): boolean {
  const today = officeDay(now, timeZone);
  return slot.day <= addDays(today, rule.bookableDaysAhead) && now < slot.at - rule.closesMinutesBefore * 60_000;
}

/** The places left in a slot, given what is taken (its own places and its rule's day limit). */
export function placesLeft(slot: Slot, rule: AvailabilityRule, taken: Taken): number {
  const inSlot = slot.capacity - (taken.perSlot.get(slotKey(slot.service, slot.at)) ?? 0);
  if (rule.dailyLimit === undefined) return Math.max(0, inSlot);
  const inDay = rule.dailyLimit - (taken.perRuleDay.get(dayKey(slot.service, rule.id, slot.day)) ?? 0);
  return Math.max(0, Math.min(inSlot, inDay));
}

export interface FreeSlot extends Slot {
  readonly left: number;
}

/**
 * The free slots of `service` from today for `days` days, as a resident sees them at `now`: slots
 * within their rule's booking window with a place left.
 */
export function freeSlots(
  service: BookableService,
  calendar: OfficeCalendar,
  timeZone: string,
  now: number,
  days: number,
  taken: Taken = NOTHING_TAKEN,
): FreeSlot[] {
  const rules = new Map(service.availability.map((rule) => [rule.id, rule]));
  const today = officeDay(now, timeZone);
  const free: FreeSlot[] = [];
  for (let offset = 0; offset < days; offset++) {
    for (const slot of slotsOn(service, calendar, addDays(today, offset), timeZone)) {
      const rule = rules.get(slot.rule)!;
      if (!isBookableAt(slot, rule, now, timeZone)) continue;
      const left = placesLeft(slot, rule, taken);
      if (left > 0) free.push({ ...slot, left });
    }
  }
  return free;
}

/** The slot of `service` at instant `at`, if the rules have one then (a booking request names an instant). */
export function slotAt(
  service: BookableService,
  calendar: OfficeCalendar,
  timeZone: string,
  at: number,
): { slot: Slot; rule: AvailabilityRule } | null {
  const slot = slotsOn(service, calendar, officeDay(at, timeZone), timeZone).find((candidate) => candidate.at === at);
  const rule = slot && service.availability.find((candidate) => candidate.id === slot.rule);
  return slot && rule ? { slot, rule } : null;
}
