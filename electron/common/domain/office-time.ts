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

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

/** Milliseconds the office's clock is ahead of UTC at the instant `at`. */
function offsetAt(at: number, timeZone: string): number {
  let formatter = partsFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(timeZone, formatter);
  }
  // One formatToParts per instant: it is the costly call (officeTime makes two per slot).
  const parts = formatter.formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return local - Math.floor(at / 1000) * 1000;
}

/** The instant of a wall-clock time (`HH:MM`) on an office day, in the office's time zone. */
export function officeTime(day: string, time: string, timeZone: string): number {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(year, month - 1, date, hour, minute);
  // Two passes settle the offset even on the days the clocks change.
  let at = wall - offsetAt(wall, timeZone);
  at = wall - offsetAt(at, timeZone);
  return at;
}
