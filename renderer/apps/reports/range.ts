/**
 * The report's period as people give it — today, this week (from Monday), this month, last month,
 * this year, or any first and last day — and as the hub's contract takes it: `to` is the day AFTER
 * the last (contract/hub-reports.ts). People only ever see the inclusive last day ("do dnia").
 * Office days are calendar strings (YYYY-MM-DD) in the office's time zone: the arithmetic is on
 * dates alone, never on instants, so no clock change moves a day. Pure.
 */
import { MAX_REPORT_DAYS } from '../../../electron/common/contract/hub-reports';
import { nextDay } from '../../../electron/common/reports/today-report';

export const PRESETS = ['today', 'week', 'month', 'lastMonth', 'year', 'custom'] as const;
export type Preset = (typeof PRESETS)[number];

/** First and last office day, both inclusive. */
export interface DayRange {
  readonly from: string;
  readonly last: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

const utc = (day: string) => new Date(`${day}T00:00:00Z`);
const dayOf = (date: Date) => date.toISOString().slice(0, 10);

export function isDay(text: string): boolean {
  return DAY.test(text) && dayOf(utc(text)) === text;
}

export function addDays(day: string, days: number): string {
  const date = utc(day);
  date.setUTCDate(date.getUTCDate() + days);
  return dayOf(date);
}

/** The days of a preset around `today`; `custom` keeps what was typed (null). */
export function presetRange(preset: Preset, today: string): DayRange | null {
  const date = utc(today);
  const [year, month] = [date.getUTCFullYear(), date.getUTCMonth()];
  switch (preset) {
    case 'today':
      return { from: today, last: today };
    case 'week':
      // Monday starts the week in Poland (getUTCDay: 0 is Sunday).
      return { from: addDays(today, -((date.getUTCDay() + 6) % 7)), last: today };
    case 'month':
      return { from: dayOf(new Date(Date.UTC(year, month, 1))), last: today };
    case 'lastMonth':
      return {
        from: dayOf(new Date(Date.UTC(year, month - 1, 1))),
        last: dayOf(new Date(Date.UTC(year, month, 0))),
      };
    case 'year':
      return { from: `${year}-01-01`, last: today };
    case 'custom':
      return null;
  }
}

export type RangeProblem = 'day' | 'order' | 'long' | 'target';

/** The hub's query of what was typed, or what is wrong with it. */
export function reportQuery(
  from: string,
  last: string,
  target: string,
): { ok: true; query: { from: string; to: string; target: number } } | { ok: false; problem: RangeProblem } {
  if (!isDay(from) || !isDay(last)) return { ok: false, problem: 'day' };
  if (last < from) return { ok: false, problem: 'order' };
  const to = nextDay(last);
  if ((utc(to).getTime() - utc(from).getTime()) / 86_400_000 > MAX_REPORT_DAYS) return { ok: false, problem: 'long' };
  const minutes = Number(target.trim());
  if (!/^\d{1,3}$/.test(target.trim()) || minutes < 1 || minutes > 480) return { ok: false, problem: 'target' };
  return { ok: true, query: { from, to, target: minutes } };
}

/** The inclusive last day of a contract range (its `to` is exclusive). */
export function lastDayOf(to: string): string {
  return addDays(to, -1);
}
