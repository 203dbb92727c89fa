/**
 * A service's daily limit and cut-off, and the office's hours, at the kiosk: examples of each
 * refusal, then properties over two fortnights of Warsaw's wall clock — one with the spring clock
 * change and Easter, one with the autumn change and All Saints' Day — checked against the wall
 * clock as Intl reads it (not the code's own arithmetic): what is refused, and that `next` is the
 * first moment a ticket is issued again.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OpeningHours } from '../../../../../electron/common/domain/calendar';
import { DEMO_HOURS } from '../../../../../electron/common/domain/demo-office';
import type { Office, Service } from '../../../../../electron/common/domain/office';
import { officeDay, officeTime } from '../../../../../electron/common/domain/office-time';
import { issuedFor, ticketRefusal, type TicketRefusal } from '../../../../../electron/common/domain/ticket-limits';

const ZONE = 'Europe/Warsaw';
const STOCKTAKING = { pl: 'Inwentaryzacja', en: 'Stocktaking', uk: 'Інвентаризація' };

/** Open every day (the clocks change on Sundays), with a midday break from Tuesday to Thursday. */
const HOURS: OpeningHours = {
  mon: [{ from: '08:00', to: '18:00' }],
  tue: [
    { from: '08:00', to: '12:00' },
    { from: '13:00', to: '16:00' },
  ],
  wed: [
    { from: '13:00', to: '16:00' },
    { from: '08:00', to: '12:00' },
  ],
  thu: [
    { from: '08:00', to: '12:00' },
    { from: '13:00', to: '16:00' },
  ],
  fri: [{ from: '08:00', to: '14:00' }],
  sat: [{ from: '09:00', to: '13:00' }],
  sun: [{ from: '10:00', to: '14:00' }],
};

type Calendar = Pick<Office, 'timeZone' | 'hours' | 'closures'>;
const OFFICE: Calendar = { timeZone: ZONE, hours: HOURS, closures: [{ day: '2026-04-02', reason: STOCKTAKING }] };
const WEEKDAYS_ONLY: Calendar = { timeZone: ZONE, hours: DEMO_HOURS, closures: [] };

const at = (day: string, time: string) => officeTime(day, time, ZONE);

function refusal(
  office: Calendar,
  now: number,
  service: Pick<Service, 'dailyLimit' | 'cutoffMinutes'> = {},
  issuedToday = 0,
): TicketRefusal | null {
  return ticketRefusal({ office, service, issuedToday, now });
}

describe('refusals, by example', () => {
  it('issues within the hours; before opening and in the break it says when tickets start', () => {
    expect(refusal(OFFICE, at('2026-03-31', '09:00'))).toBeNull();
    expect(refusal(OFFICE, at('2026-03-31', '07:59'))).toEqual({
      kind: 'closed-now',
      next: { day: '2026-03-31', time: '08:00', at: at('2026-03-31', '08:00') },
    });
    // Wednesday's stretches are listed out of order: the break is still the break.
    expect(refusal(OFFICE, at('2026-04-01', '12:30'))).toMatchObject({
      kind: 'closed-now',
      next: { day: '2026-04-01', time: '13:00' },
    });
  });

  it('after the cut-off: the last ticket time, the closing time and the next opening day', () => {
    const monday = { cutoffMinutes: 30 };
    expect(refusal(OFFICE, at('2026-03-30', '17:29'), monday)).toBeNull();
    expect(refusal(OFFICE, at('2026-03-30', '17:30'), monday)).toEqual({
      kind: 'cut-off',
      until: { day: '2026-03-30', time: '17:30', at: at('2026-03-30', '17:30') },
      closes: { day: '2026-03-30', time: '18:00', at: at('2026-03-30', '18:00') },
      next: { day: '2026-03-31', time: '08:00', at: at('2026-03-31', '08:00') },
    });
    expect(refusal(OFFICE, at('2026-03-30', '18:00'), monday)).toMatchObject({ kind: 'closed-now' });
  });

  it('a cut-off reaching back into the break ends the day with the morning, and never counts from the break', () => {
    const long = { cutoffMinutes: 200 }; // Tuesday closes at 16:00: nothing after 12:40, so nothing after the break
    expect(refusal(OFFICE, at('2026-03-31', '11:59'), long)).toBeNull();
    expect(refusal(OFFICE, at('2026-03-31', '12:30'), long)).toMatchObject({
      kind: 'cut-off',
      until: { time: '12:00' },
      closes: { time: '16:00' },
    });
    expect(refusal(OFFICE, at('2026-03-31', '11:45'), { cutoffMinutes: 30 })).toBeNull();
  });

  it('a day whose cut-off leaves no time for tickets is skipped: closed until the next day that has some', () => {
    const allDay = { cutoffMinutes: 240 }; // Saturday 9–13 and Sunday 10–14 are four hours long
    expect(refusal(OFFICE, at('2026-03-28', '08:30'), allDay)).toEqual({
      kind: 'closed-now',
      next: { day: '2026-03-30', time: '08:00', at: at('2026-03-30', '08:00') },
    });
    expect(refusal(OFFICE, at('2026-03-28', '09:30'), allDay)).toMatchObject({
      kind: 'cut-off',
      until: { time: '09:00' },
    });
  });

  it('a public holiday, with its name, and the next working day after the Christmas weekend', () => {
    expect(refusal(WEEKDAYS_ONLY, at('2026-12-25', '10:00'))).toEqual({
      kind: 'closed-today',
      because: 'holiday',
      reason: { pl: 'Boże Narodzenie', en: 'Christmas Day', uk: 'Різдво' },
      next: { day: '2026-12-28', time: '08:00', at: at('2026-12-28', '08:00') },
    });
  });

  it("the office's own closure with its reason, and a weekday without hours with none", () => {
    expect(refusal(OFFICE, at('2026-04-02', '10:00'))).toMatchObject({
      kind: 'closed-today',
      because: 'closure',
      reason: STOCKTAKING,
      next: { day: '2026-04-03', time: '08:00' },
    });
    const saturday = refusal(WEEKDAYS_ONLY, at('2026-03-28', '10:00'));
    expect(saturday).toEqual({
      kind: 'closed-today',
      because: 'weekday',
      next: { day: '2026-03-30', time: '08:00', at: at('2026-03-30', '08:00') },
    });
  });

  it('the daily limit: the last ticket is the limit-th; after closing the office is simply closed', () => {
    const limited = { dailyLimit: 2 };
    expect(refusal(OFFICE, at('2026-03-31', '09:00'), limited, 1)).toBeNull();
    expect(refusal(OFFICE, at('2026-03-31', '09:00'), limited, 2)).toEqual({
      kind: 'limit-reached',
      limit: 2,
      next: { day: '2026-04-01', time: '08:00', at: at('2026-04-01', '08:00') },
    });
    expect(refusal(OFFICE, at('2026-03-31', '16:30'), limited, 2)).toMatchObject({ kind: 'closed-now' });
  });

  it('the day the clocks go forward opens at 10:00 on the wall clock, an hour earlier in UTC', () => {
    expect(refusal(OFFICE, at('2026-03-29', '09:59'))).toEqual({
      kind: 'closed-now',
      next: { day: '2026-03-29', time: '10:00', at: Date.UTC(2026, 2, 29, 8, 0) },
    });
    expect(refusal(OFFICE, Date.UTC(2026, 2, 29, 8, 0))).toBeNull();
    expect(refusal(OFFICE, Date.UTC(2026, 2, 29, 11, 50), { cutoffMinutes: 15 })).toMatchObject({
      kind: 'cut-off',
      until: { time: '13:45', at: Date.UTC(2026, 2, 29, 11, 45) },
    });
    expect(refusal(OFFICE, Date.UTC(2026, 9, 25, 9, 0))).toBeNull(); // 10:00 on the autumn day
  });

  it('an office without hours imposes no time limit: only the daily limit', () => {
    const old: Calendar = { timeZone: ZONE };
    const christmasNight = at('2026-12-25', '23:30');
    expect(refusal(old, christmasNight, { cutoffMinutes: 240, dailyLimit: 3 }, 2)).toBeNull();
    expect(refusal(old, christmasNight, { dailyLimit: 3 }, 3)).toEqual({ kind: 'limit-reached', limit: 3, next: null });
  });

  it('an office with no hours on any day knows no next opening', () => {
    const never: Calendar = {
      timeZone: ZONE,
      hours: { ...HOURS, mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
    };
    expect(refusal(never, at('2026-03-31', '10:00'))).toEqual({ kind: 'closed-today', because: 'weekday', next: null });
  });

  it('a ticket counts for the service it was issued for, not the one it was transferred to', () => {
    const transferred = {
      service: 'cashier',
      legs: [
        { service: 'vehicles', since: 1 },
        { service: 'cashier', since: 2 },
      ],
    };
    expect(issuedFor(transferred, 'vehicles')).toBe(true);
    expect(issuedFor(transferred, 'cashier')).toBe(false);
  });
});

// ------------------------------------------------------------------------------------------------
// Properties

/** Two fortnights: the spring change (29 March) with Easter (5–6 April), the autumn change (25 October) with All Saints' Day (1 November). */
const FORTNIGHTS = [
  { from: at('2026-03-26', '00:00'), to: at('2026-04-08', '00:00') },
  { from: at('2026-10-22', '00:00'), to: at('2026-11-04', '00:00') },
];
const HOLIDAYS = new Set(['2026-04-05', '2026-04-06', '2026-11-01']);
const WEEKDAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

const wallClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** The office's day and minutes since midnight at `now`, as Intl reads the wall clock. */
function wall(now: number): { day: string; minutes: number } {
  const part = (type: string) => wallClock.formatToParts(now).find((p) => p.type === type)!.value;
  return {
    day: `${part('year')}-${part('month')}-${part('day')}`,
    minutes: Number(part('hour')) * 60 + Number(part('minute')),
  };
}

const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3));

/** What the refusal should be, from the wall clock and the hours alone. */
function expectedKind(now: number, cutoff: number, limited: boolean): TicketRefusal['kind'] | null {
  const { day, minutes: clock } = wall(now);
  const stretches = HOURS[WEEKDAY_KEYS[new Date(`${day}T12:00:00Z`).getUTCDay()]!];
  if (HOLIDAYS.has(day) || day === '2026-04-02' || stretches.length === 0) return 'closed-today';
  const closing = Math.max(...stretches.map((range) => minutes(range.to)));
  if (clock >= closing) return 'closed-now';
  if (limited) return 'limit-reached';
  const last = closing - cutoff;
  const open = stretches.some((range) => minutes(range.from) <= clock && clock < Math.min(minutes(range.to), last));
  if (open) return null;
  if (stretches.some((range) => minutes(range.from) > clock && minutes(range.from) < last)) return 'closed-now';
  return clock < Math.min(...stretches.map((range) => minutes(range.from))) ? 'closed-now' : 'cut-off';
}

const nowArbitrary = fc
  .constantFrom(...FORTNIGHTS)
  .chain(({ from, to }) => fc.integer({ min: from, max: to - 1 }))
  .map((now) => now - (now % 60_000));
const serviceArbitrary = fc.record({
  cutoffMinutes: fc.option(fc.integer({ min: 0, max: 240 }), { nil: undefined }),
  dailyLimit: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
});
const issuedArbitrary = fc.integer({ min: 0, max: 6 });

function withoutUndefined(service: { cutoffMinutes: number | undefined; dailyLimit: number | undefined }) {
  return Object.fromEntries(Object.entries(service).filter(([, value]) => value !== undefined)) as Pick<
    Service,
    'dailyLimit' | 'cutoffMinutes'
  >;
}

describe('refusals over a fortnight with a holiday and a clock change', () => {
  it('refuse exactly when the wall clock, the hours, the cut-off and the limit say so', () => {
    fc.assert(
      fc.property(nowArbitrary, serviceArbitrary, issuedArbitrary, (now, drawn, issued) => {
        const service = withoutUndefined(drawn);
        const limited = service.dailyLimit !== undefined && issued >= service.dailyLimit;
        const found = refusal(OFFICE, now, service, issued);
        expect(found?.kind ?? null).toBe(expectedKind(now, service.cutoffMinutes ?? 0, limited));
      }),
      { numRuns: 2000 },
    );
  });

  it('name the next opening as the wall clock shows it, the first moment a ticket is issued again', () => {
    fc.assert(
      fc.property(
        nowArbitrary,
        serviceArbitrary,
        issuedArbitrary,
        fc.double({ min: 0, max: 1, noNaN: true }),
        (now, drawn, issued, fraction) => {
          const service = withoutUndefined(drawn);
          const found = refusal(OFFICE, now, service, issued);
          if (!found?.next) return;
          const { next } = found;
          expect(next.at).toBeGreaterThan(now);
          expect(wall(next.at)).toEqual({ day: next.day, minutes: minutes(next.time) });
          expect(refusal(OFFICE, next.at, service, 0)).toBeNull();
          // Every moment before it is refused, with the day's count carried while the day lasts.
          const between = now + Math.floor((next.at - now) * fraction);
          const count = officeDay(between, ZONE) === officeDay(now, ZONE) ? issued : 0;
          if (between < next.at) expect(refusal(OFFICE, between, service, count)).not.toBeNull();
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('a cut-off names a last ticket already past, at least the cut-off before a closing still ahead, that day', () => {
    fc.assert(
      fc.property(nowArbitrary, serviceArbitrary, (now, drawn) => {
        const found = refusal(OFFICE, now, withoutUndefined(drawn));
        if (found?.kind !== 'cut-off') return;
        expect(found.until.at).toBeLessThanOrEqual(now);
        expect(now).toBeLessThan(found.closes.at);
        expect(found.closes.at - found.until.at).toBeGreaterThanOrEqual((drawn.cutoffMinutes ?? 0) * 60_000);
        expect([found.until.day, found.closes.day]).toEqual([wall(now).day, wall(now).day]);
      }),
      { numRuns: 1000 },
    );
  });
});
