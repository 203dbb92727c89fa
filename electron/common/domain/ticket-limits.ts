/**
 * Whether a walk-in visitor may take a ticket for a service now, and if not, why: the service's
 * daily limit (`dailyLimit`), its cut-off before closing (`cutoffMinutes`), and the office's
 * opening hours, closures and Poland's public holidays (calendar.ts). Pure: the kiosk asks it to
 * show a matter as unavailable, and the queue asks it again before it issues a ticket. A booked
 * visitor checking in is never asked about: their slot was given within the hours already.
 *
 * - Every time is the office's wall clock on its calendar day, so a day the clocks change still
 *   opens at 8:00 and takes its last ticket at the cut-off.
 * - The cut-off counts back from the day's closing (the end of its last stretch), not from a
 *   midday break: a ticket taken before the break is served after it.
 * - An office set up before opening hours were kept (no `hours`) imposes no time limit at all; only
 *   the daily limit counts there, and nobody knows when it opens next.
 * - Every ticket of the day issued for the service counts against its limit, a checked-in
 *   booking's too: the limit is how many visitors the service takes in a day.
 */
import { addDays, closedBecause, minutesOf, openingOn, timeOf, type OfficeCalendar, type TimeRange } from './calendar';
import type { Localized, Office, Service } from './office';
import { officeDay, officeTime } from './office-time';
import type { Ticket } from './ticket';

/** A wall-clock time on an office day (`YYYY-MM-DD`, `HH:MM`), with its instant. */
export interface OfficeMoment {
  readonly day: string;
  readonly time: string;
  readonly at: number;
}

/**
 * Why no ticket now. `next` is the next moment tickets for the service are issued again (on a
 * later day, except for `closed-now` before the office opens or during a break); null when nobody
 * knows (an office without hours, or none in the year ahead).
 */
export type TicketRefusal =
  | { readonly kind: 'limit-reached'; readonly limit: number; readonly next: OfficeMoment | null }
  /** Past the day's last ticket (`until`: the end of its last stretch for tickets), the office open until `closes`. */
  | {
      readonly kind: 'cut-off';
      readonly until: OfficeMoment;
      readonly closes: OfficeMoment;
      readonly next: OfficeMoment | null;
    }
  /** A public holiday or the office's own closure (with its name), or a weekday without hours. */
  | {
      readonly kind: 'closed-today';
      readonly because: 'holiday' | 'closure' | 'weekday';
      readonly reason?: Localized;
      readonly next: OfficeMoment | null;
    }
  /** Before opening, during a break, or after closing. */
  | { readonly kind: 'closed-now'; readonly next: OfficeMoment | null };

export interface TicketLimitQuestion {
  readonly office: Pick<Office, 'timeZone' | 'hours' | 'closures'>;
  readonly service: Pick<Service, 'dailyLimit' | 'cutoffMinutes'>;
  /** Tickets already issued for the service on the office's day (see `issuedFor`). */
  readonly issuedToday: number;
  readonly now: number;
}

/** How far ahead the next opening is looked for: a year, and any closure an office sets. */
const SEARCH_DAYS = 400;

/** Whether a ticket was issued for `service`: its first leg's, so a visitor transferred on counts once, where they started. */
export function issuedFor(ticket: Pick<Ticket, 'service' | 'legs'>, service: string): boolean {
  return (ticket.legs[0]?.service ?? ticket.service) === service;
}

/** Why a walk-in cannot take a ticket for the service now, or null when they can. */
export function ticketRefusal({ office, service, issuedToday, now }: TicketLimitQuestion): TicketRefusal | null {
  const limit = service.dailyLimit;
  const limited = limit !== undefined && issuedToday >= limit;
  if (!office.hours) return limited ? { kind: 'limit-reached', limit, next: null } : null;
  const calendar: OfficeCalendar = { hours: office.hours, closures: office.closures ?? [] };
  const cutoff = service.cutoffMinutes ?? 0;
  const day = officeDay(now, office.timeZone);
  const at = (time: string): OfficeMoment => moment(day, time, office.timeZone);
  const nextDay = () => nextOpening(calendar, cutoff, day, office.timeZone);
  const closed = closedBecause(calendar, day);
  if (closed) {
    return {
      kind: 'closed-today',
      because: closed.kind,
      ...(closed.name ? { reason: closed.name } : {}),
      next: nextDay(),
    };
  }
  const stretches = openingOn(calendar, day);
  const closes = at(closingOf(stretches));
  if (now >= closes.at) return { kind: 'closed-now', next: nextDay() };
  if (limited) return { kind: 'limit-reached', limit, next: nextDay() };
  const windows = ticketWindows(stretches, cutoff).map((range) => ({ from: at(range.from), to: at(range.to) }));
  if (windows.some(({ from, to }) => from.at <= now && now < to.at)) return null;
  const later = windows.find(({ from }) => from.at > now);
  if (later) return { kind: 'closed-now', next: later.from };
  // A day whose cut-off leaves no time for tickets at all: closed until the next day that has some.
  if (now < at(openingOf(stretches)).at) return { kind: 'closed-now', next: nextDay() };
  const until = windows.at(-1)?.to ?? at(lastTicketTime(stretches, cutoff));
  return { kind: 'cut-off', until, closes, next: nextDay() };
}

/** The first moment after `day` that tickets with this cut-off are issued, or null within SEARCH_DAYS. */
function nextOpening(
  calendar: OfficeCalendar,
  cutoffMinutes: number,
  day: string,
  timeZone: string,
): OfficeMoment | null {
  for (let ahead = 1; ahead <= SEARCH_DAYS; ahead++) {
    const candidate = addDays(day, ahead);
    const first = ticketWindows(openingOn(calendar, candidate), cutoffMinutes)[0];
    if (first) return moment(candidate, first.from, timeZone);
  }
  return null;
}

/** The stretches of a day when tickets are issued: its hours, up to `cutoffMinutes` before it closes. */
function ticketWindows(stretches: readonly TimeRange[], cutoffMinutes: number): TimeRange[] {
  if (stretches.length === 0) return [];
  const last = minutesOf(lastTicketTime(stretches, cutoffMinutes));
  return [...stretches]
    .sort((a, b) => minutesOf(a.from) - minutesOf(b.from))
    .filter((range) => minutesOf(range.from) < last)
    .map((range) => ({ from: range.from, to: timeOf(Math.min(minutesOf(range.to), last)) }));
}

function openingOf(stretches: readonly TimeRange[]): string {
  return timeOf(Math.min(...stretches.map((range) => minutesOf(range.from))));
}

function closingOf(stretches: readonly TimeRange[]): string {
  return timeOf(Math.max(...stretches.map((range) => minutesOf(range.to))));
}

function lastTicketTime(stretches: readonly TimeRange[], cutoffMinutes: number): string {
  return timeOf(Math.max(0, minutesOf(closingOf(stretches)) - cutoffMinutes));
}

function moment(day: string, time: string, timeZone: string): OfficeMoment {
  return { day, time, at: officeTime(day, time, timeZone) };
}
