/**
 * When the office is open: its hours per weekday, Poland's public holidays (computed: the fixed
 * days of the act on public holidays of 18 January 1951 as amended, and the days that follow
 * Easter), and the office's own closures. Every day is the office's calendar day (`YYYY-MM-DD`,
 * office-time.ts); the hours are wall-clock times there, so a day the clocks change still opens at
 * 8:00. Pure: the kiosk, the booking page and the hub all ask the same questions.
 */
import { gregorianEaster } from 'date-easter';
import type { Localized } from './office';

/** The days of the week, Monday first (ISO order), as a file and a document name them. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A stretch of the day, wall clock `HH:MM` to `HH:MM` (end after start). */
export interface TimeRange {
  readonly from: string;
  readonly to: string;
}

/** The office's hours: for each weekday (`mon` … `sun`) the stretches it is open (none: closed that day). */
export type OpeningHours = Readonly<Record<Weekday, readonly TimeRange[]>>;

/** A day the office is closed by its own decision (a staff training day, the day after a holiday). */
export interface Closure {
  readonly day: string;
  readonly reason: Localized;
}

export interface Holiday {
  readonly day: string;
  readonly name: Localized;
}

/** A fixed public holiday, from the year it became one (Epiphany in 2011, Christmas Eve in 2025). */
interface FixedHoliday {
  readonly month: number;
  readonly date: number;
  readonly since: number;
  readonly name: Localized;
}

const FIXED: readonly FixedHoliday[] = [
  { month: 1, date: 1, since: 1951, name: { pl: 'Nowy Rok', en: "New Year's Day", uk: 'Новий рік' } },
  { month: 1, date: 6, since: 2011, name: { pl: 'Święto Trzech Króli', en: 'Epiphany', uk: 'Богоявлення' } },
  { month: 5, date: 1, since: 1951, name: { pl: 'Święto Pracy', en: 'Labour Day', uk: 'День праці' } },
  {
    month: 5,
    date: 3,
    since: 1990,
    name: { pl: 'Święto Konstytucji 3 Maja', en: 'Constitution Day', uk: 'День Конституції 3 травня' },
  },
  {
    month: 8,
    date: 15,
    since: 1989,
    name: { pl: 'Wniebowzięcie NMP', en: 'Assumption Day', uk: 'Успіння Пресвятої Богородиці' },
  },
  {
    month: 11,
    date: 1,
    since: 1951,
    name: { pl: 'Wszystkich Świętych', en: "All Saints' Day", uk: 'День усіх святих' },
  },
  {
    month: 11,
    date: 11,
    since: 1989,
    name: { pl: 'Narodowe Święto Niepodległości', en: 'Independence Day', uk: 'День незалежності' },
  },
  { month: 12, date: 24, since: 2025, name: { pl: 'Wigilia', en: 'Christmas Eve', uk: 'Святвечір' } },
  { month: 12, date: 25, since: 1951, name: { pl: 'Boże Narodzenie', en: 'Christmas Day', uk: 'Різдво' } },
  {
    month: 12,
    date: 26,
    since: 1951,
    name: { pl: 'Drugi dzień Bożego Narodzenia', en: 'Second Day of Christmas', uk: 'Другий день Різдва' },
  },
];

/** Days after Easter Sunday that are holidays (Whit Sunday and Easter Sunday fall on Sundays anyway). */
const MOVABLE: readonly { readonly after: number; readonly name: Localized }[] = [
  { after: 0, name: { pl: 'Wielkanoc', en: 'Easter Sunday', uk: 'Великдень' } },
  { after: 1, name: { pl: 'Poniedziałek Wielkanocny', en: 'Easter Monday', uk: 'Великодній понеділок' } },
  { after: 49, name: { pl: 'Zielone Świątki', en: 'Whit Sunday', uk: 'Трійця' } },
  { after: 60, name: { pl: 'Boże Ciało', en: 'Corpus Christi', uk: 'Свято Тіла і Крові Христових' } },
];

const DAY_MS = 86_400_000;

function formatDay(utc: number): string {
  return new Date(utc).toISOString().slice(0, 10);
}

function utcOf(day: string): number {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, date);
}

/** The day `days` after `day` (calendar arithmetic, no time zone involved). */
export function addDays(day: string, days: number): string {
  return formatDay(utcOf(day) + days * DAY_MS);
}

/** The weekday of a calendar day. */
export function weekdayOf(day: string): Weekday {
  return WEEKDAYS[(new Date(utcOf(day)).getUTCDay() + 6) % 7]!;
}

const holidayCache = new Map<number, readonly Holiday[]>();

/** Poland's public holidays in `year`, in date order. */
export function polishHolidays(year: number): readonly Holiday[] {
  const cached = holidayCache.get(year);
  if (cached) return cached;
  const easter = gregorianEaster(year);
  const easterUtc = Date.UTC(year, easter.month - 1, easter.day);
  const holidays = [
    ...FIXED.filter((holiday) => year >= holiday.since).map((holiday) => ({
      day: formatDay(Date.UTC(year, holiday.month - 1, holiday.date)),
      name: holiday.name,
    })),
    ...MOVABLE.map((holiday) => ({ day: formatDay(easterUtc + holiday.after * DAY_MS), name: holiday.name })),
  ].sort((a, b) => (a.day < b.day ? -1 : 1));
  holidayCache.set(year, holidays);
  return holidays;
}

/** The public holiday on `day`, if it is one. */
export function holidayOn(day: string): Holiday | null {
  return polishHolidays(Number(day.slice(0, 4))).find((holiday) => holiday.day === day) ?? null;
}

export interface OfficeCalendar {
  readonly hours: OpeningHours;
  readonly closures: readonly Closure[];
}

/** Why the office is closed on `day` (a holiday, its own closure, no hours that weekday), or null when open. */
export function closedBecause(
  calendar: OfficeCalendar,
  day: string,
): { readonly kind: 'holiday' | 'closure' | 'weekday'; readonly name?: Localized } | null {
  const holiday = holidayOn(day);
  if (holiday) return { kind: 'holiday', name: holiday.name };
  const closure = calendar.closures.find((candidate) => candidate.day === day);
  if (closure) return { kind: 'closure', name: closure.reason };
  return calendar.hours[weekdayOf(day)].length === 0 ? { kind: 'weekday' } : null;
}

/** The stretches the office is open on `day` (none when it is closed). */
export function openingOn(calendar: OfficeCalendar, day: string): readonly TimeRange[] {
  return closedBecause(calendar, day) ? [] : calendar.hours[weekdayOf(day)];
}

/** Minutes since midnight of a wall-clock `HH:MM`. */
export function minutesOf(time: string): number {
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  return hour * 60 + minute;
}

/** `HH:MM` of minutes since midnight. */
export function timeOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
