/**
 * Poland's public holidays and the office's opening days. Easter Sundays are checked against the
 * published table (not computed here a second way); the fixed days against the act, including the
 * years a day became a holiday (Epiphany from 2011, Christmas Eve from 2025).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  closedBecause,
  holidayOn,
  openingOn,
  polishHolidays,
  weekdayOf,
  type OfficeCalendar,
} from '../../../../../electron/common/domain/calendar';

/** Easter Sunday, from the Polish Episcopal Conference's published calendar. */
const EASTER: Readonly<Record<number, string>> = {
  2019: '2019-04-21',
  2024: '2024-03-31',
  2025: '2025-04-20',
  2026: '2026-04-05',
  2027: '2027-03-28',
  2028: '2028-04-16',
  2030: '2030-04-21',
  2038: '2038-04-25',
};

const WEEKDAY_HOURS: OfficeCalendar = {
  hours: {
    mon: [{ from: '08:00', to: '16:00' }],
    tue: [{ from: '08:00', to: '16:00' }],
    wed: [{ from: '10:00', to: '18:00' }],
    thu: [{ from: '08:00', to: '16:00' }],
    fri: [{ from: '08:00', to: '12:00' }],
    sat: [],
    sun: [],
  },
  closures: [{ day: '2026-05-02', reason: { pl: 'Dzień wolny za 3 maja', en: 'Day off', uk: 'Вихідний' } }],
};

describe('public holidays', () => {
  it.each(Object.entries(EASTER))('%s: Easter Sunday and the days that follow it', (year, easter) => {
    const days = polishHolidays(Number(year)).map((holiday) => holiday.day);
    expect(days).toContain(easter);
    expect(days).toContain(addDays(easter, 1));
    expect(days).toContain(addDays(easter, 49));
    expect(days).toContain(addDays(easter, 60));
    expect(weekdayOf(addDays(easter, 60))).toBe('thu'); // Corpus Christi is a Thursday
  });

  it('2026 has the thirteen days of the act plus Christmas Eve, in date order', () => {
    expect(polishHolidays(2026).map((holiday) => holiday.day)).toEqual([
      '2026-01-01',
      '2026-01-06',
      '2026-04-05',
      '2026-04-06',
      '2026-05-01',
      '2026-05-03',
      '2026-05-24',
      '2026-06-04',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-24',
      '2026-12-25',
      '2026-12-26',
    ]);
  });

  it('Christmas Eve only from 2025, Epiphany only from 2011', () => {
    expect(holidayOn('2024-12-24')).toBeNull();
    expect(holidayOn('2025-12-24')?.name.pl).toBe('Wigilia');
    expect(holidayOn('2010-01-06')).toBeNull();
    expect(holidayOn('2011-01-06')?.name.en).toBe('Epiphany');
  });
});

describe('opening days', () => {
  it('a holiday, a closure and a weekend day are closed, each saying why', () => {
    expect(closedBecause(WEEKDAY_HOURS, '2026-11-11')).toMatchObject({ kind: 'holiday' });
    expect(closedBecause(WEEKDAY_HOURS, '2026-05-02')).toMatchObject({ kind: 'closure' });
    expect(closedBecause(WEEKDAY_HOURS, '2026-12-05')).toEqual({ kind: 'weekday' });
    expect(closedBecause(WEEKDAY_HOURS, '2026-12-09')).toBeNull();
    expect(openingOn(WEEKDAY_HOURS, '2026-12-09')).toEqual([{ from: '10:00', to: '18:00' }]);
  });

  it('weekdays and day arithmetic agree with the platform calendar, across months and leap years', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        fc.integer({ min: -400, max: 400 }),
        (date, shift) => {
          const day = date.toISOString().slice(0, 10);
          const expected = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + shift));
          expect(addDays(day, shift)).toBe(expected.toISOString().slice(0, 10));
          expect(weekdayOf(day)).toBe(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'][date.getUTCDay()]);
        },
      ),
    );
  });
});
