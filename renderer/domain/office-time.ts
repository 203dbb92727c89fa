/**
 * Day boundaries in the office's time zone. Peers reset numbers at midnight UTC or at the server's
 * local time and get "after 5 pm" bugs; every day here is the office's calendar day.
 */

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

function dayFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    // en-CA formats as YYYY-MM-DD.
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The office's calendar day (`YYYY-MM-DD`) at the instant `at` (epoch milliseconds). */
export function officeDay(at: number, timeZone: string): string {
  return dayFormatter(timeZone).format(at);
}

/** True when `day` is before the office's current day: such tickets are closed by the daily close. */
export function isPastDay(day: string, now: number, timeZone: string): boolean {
  return day < officeDay(now, timeZone);
}
