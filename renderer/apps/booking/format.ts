/**
 * Days and times as the booking page writes them, in the resident's language: an office day
 * (`YYYY-MM-DD`) is a calendar date, not an instant, so it is formatted at UTC noon and can never
 * slip to the day before; a slot's time is the office's wall clock as the hub gives it.
 */
import type { Language } from '../../../electron/common/domain/office';

const formats = new Map<string, Intl.DateTimeFormat>();

function format(language: Language, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language}|${JSON.stringify(options)}`;
  let found = formats.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(language, { ...options, timeZone: 'UTC' });
    formats.set(key, found);
  }
  return found;
}

const noonOf = (day: string) => Date.parse(`${day}T12:00:00Z`);

/** "wtorek, 8 grudnia 2026". */
export function dayLabel(day: string, language: Language): string {
  return format(language, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(noonOf(day));
}

/** "8 grudnia" (no weekday or year), for the ends of a range. */
export function shortDay(day: string, language: Language): string {
  return format(language, { day: 'numeric', month: 'long' }).format(noonOf(day));
}

/** Whether this device's clock runs in another time zone than the office's (then the page says whose time it is). */
export function otherTimeZone(officeZone: string): boolean {
  try {
    return new Intl.DateTimeFormat().resolvedOptions().timeZone !== officeZone;
  } catch {
    return true;
  }
}
