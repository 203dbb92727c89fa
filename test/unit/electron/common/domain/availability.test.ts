/**
 * Availability rules → slots, as properties over random rules and weeks (the two daylight-saving
 * changes of Europe/Warsaw included): slots keep their wall-clock times on every day, never fall on
 * a holiday, a closure or outside the opening hours, honour the booking window, and a slot whose
 * places are taken is no longer free.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  dayKey,
  freeSlots,
  placesLeft,
  slotAt,
  slotKey,
  slotsOn,
  type AvailabilityRule,
  type BookableService,
} from '../../../../../electron/common/domain/availability';
import {
  addDays,
  holidayOn,
  minutesOf,
  timeOf,
  weekdayOf,
  WEEKDAYS,
  type OfficeCalendar,
  type Weekday,
} from '../../../../../electron/common/domain/calendar';
import { officeDay, officeTime } from '../../../../../electron/common/domain/office-time';

const ZONE = 'Europe/Warsaw';
/** The spring and autumn changes of 2026 in Poland: the last Sundays of March and October. */
const DST_DAYS = ['2026-03-29', '2026-10-25'];

const CALENDAR: OfficeCalendar = {
  hours: {
    mon: [{ from: '08:00', to: '16:00' }],
    tue: [{ from: '08:00', to: '16:00' }],
    wed: [{ from: '08:00', to: '18:00' }],
    thu: [{ from: '08:00', to: '16:00' }],
    fri: [{ from: '08:00', to: '14:00' }],
    sat: [{ from: '09:00', to: '13:00' }],
    // Open on Sundays here only so that the days the clocks change (Sundays) have slots.
    sun: [{ from: '09:00', to: '13:00' }],
  },
  closures: [{ day: '2026-12-31', reason: { pl: 'Inwentaryzacja', en: 'Stocktaking', uk: 'Інвентаризація' } }],
};

const wallClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const ruleArbitrary: fc.Arbitrary<AvailabilityRule> = fc
  .record({
    weekdays: fc.subarray([...WEEKDAYS], { minLength: 1 }),
    fromMinutes: fc.integer({ min: 6 * 4, max: 14 * 4 }).map((quarter) => quarter * 15),
    lengthMinutes: fc.integer({ min: 1, max: 16 }).map((quarter) => quarter * 30),
    slotMinutes: fc.constantFrom(10, 15, 20, 30, 45, 60),
    parallel: fc.integer({ min: 1, max: 4 }),
    bookableDaysAhead: fc.integer({ min: 0, max: 90 }),
    closesMinutesBefore: fc.integer({ min: 0, max: 48 * 60 }),
    dailyLimit: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
  })
  .map(({ fromMinutes, lengthMinutes, dailyLimit, weekdays, ...rest }) => ({
    id: 'r1',
    weekdays,
    from: timeOf(fromMinutes),
    to: timeOf(Math.min(fromMinutes + lengthMinutes, 23 * 60)),
    ...rest,
    ...(dailyLimit === undefined ? {} : { dailyLimit }),
  }));

/** A day of 2026, with the two daylight-saving days and the holiday-heavy weeks drawn often. */
const dayArbitrary = fc.oneof(
  fc.integer({ min: 0, max: 364 }).map((offset) => addDays('2026-01-01', offset)),
  fc.constantFrom(...DST_DAYS, '2026-04-05', '2026-04-06', '2026-12-24', '2026-12-31'),
);

const service = (rule: AvailabilityRule): BookableService => ({ id: 'ids', availability: [rule] });

describe('slots from rules', () => {
  it('keep their wall-clock time and day on every day, the clock changes included', () => {
    fc.assert(
      fc.property(ruleArbitrary, dayArbitrary, (rule, day) => {
        for (const slot of slotsOn(service(rule), CALENDAR, day, ZONE)) {
          expect(wallClock.format(slot.at)).toBe(slot.time);
          expect(officeDay(slot.at, ZONE)).toBe(day);
        }
      }),
    );
  });

  it('never on a holiday, a closure or a day the rule does not name; always inside the hours and the rule', () => {
    fc.assert(
      fc.property(ruleArbitrary, dayArbitrary, (rule, day) => {
        const slots = slotsOn(service(rule), CALENDAR, day, ZONE);
        if (holidayOn(day) || day === '2026-12-31' || !rule.weekdays.includes(weekdayOf(day))) {
          expect(slots).toEqual([]);
          return;
        }
        const opening = CALENDAR.hours[weekdayOf(day)];
        for (const slot of slots) {
          const start = minutesOf(slot.time);
          expect(start).toBeGreaterThanOrEqual(minutesOf(rule.from));
          expect(start + rule.slotMinutes).toBeLessThanOrEqual(minutesOf(rule.to));
          expect((start - minutesOf(rule.from)) % rule.slotMinutes).toBe(0);
          expect(
            opening.some((range) => start >= minutesOf(range.from) && start + rule.slotMinutes <= minutesOf(range.to)),
          ).toBe(true);
        }
        expect(slots.map((slot) => slot.at)).toEqual([...slots.map((slot) => slot.at)].sort((a, b) => a - b));
      }),
    );
  });

  it('a day the clocks change has as many slots as the same weekday a week earlier', () => {
    fc.assert(
      fc.property(ruleArbitrary, fc.constantFrom(...DST_DAYS), (rule, day) => {
        const sunday = { ...rule, weekdays: ['sun' as Weekday] };
        const slots = slotsOn(service(sunday), CALENDAR, day, ZONE);
        const before = slotsOn(service(sunday), CALENDAR, addDays(day, -7), ZONE);
        expect(slots.map((slot) => slot.time)).toEqual(before.map((slot) => slot.time));
        // An hour of wall clock is 60 minutes of real time on these days too, within the office's hours.
        for (let i = 1; i < slots.length; i++) expect(slots[i]!.at - slots[i - 1]!.at).toBe(rule.slotMinutes * 60_000);
      }),
    );
  });

  it('the slot named by its instant is found again, and no instant between slots is one', () => {
    fc.assert(
      fc.property(ruleArbitrary, dayArbitrary, (rule, day) => {
        for (const slot of slotsOn(service(rule), CALENDAR, day, ZONE)) {
          expect(slotAt(service(rule), CALENDAR, ZONE, slot.at)?.slot).toEqual(slot);
          expect(slotAt(service(rule), CALENDAR, ZONE, slot.at + 60_000)).toBeNull();
        }
      }),
    );
  });
});

describe('free slots', () => {
  it('only within the booking window: not past the days ahead, not closer than the closing minutes', () => {
    fc.assert(
      fc.property(ruleArbitrary, dayArbitrary, fc.integer({ min: 0, max: 24 * 60 - 1 }), (rule, day, minute) => {
        const now = officeTime(day, timeOf(minute), ZONE);
        for (const slot of freeSlots(service(rule), CALENDAR, ZONE, now, 100)) {
          expect(slot.day <= addDays(day, rule.bookableDaysAhead)).toBe(true);
          expect(slot.at - rule.closesMinutesBefore * 60_000).toBeGreaterThan(now);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('a slot whose places are taken is not free; a rule day at its limit offers nothing more', () => {
    const rule: AvailabilityRule = {
      id: 'r1',
      weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
      from: '08:00',
      to: '12:00',
      slotMinutes: 30,
      parallel: 2,
      bookableDaysAhead: 30,
      closesMinutesBefore: 60,
      dailyLimit: 5,
    };
    const now = officeTime('2026-12-07', '06:30', ZONE); // a Monday; 08:00 closes at 07:00
    const [first] = freeSlots(service(rule), CALENDAR, ZONE, now, 1);
    expect(first).toMatchObject({ time: '08:00', left: 2 });
    const later = officeTime('2026-12-07', '07:00', ZONE);
    expect(freeSlots(service(rule), CALENDAR, ZONE, later, 1)[0]).toMatchObject({ time: '08:30' });
    const full = {
      perSlot: new Map([[slotKey('ids', first!.at), 2]]),
      perRuleDay: new Map([[dayKey('ids', 'r1', '2026-12-07'), 2]]),
    };
    expect(freeSlots(service(rule), CALENDAR, ZONE, now, 1).map((slot) => slot.time)).toContain('08:00');
    expect(freeSlots(service(rule), CALENDAR, ZONE, now, 1, full).map((slot) => slot.time)).not.toContain('08:00');
    const dayFull = {
      perSlot: new Map<string, number>(),
      perRuleDay: new Map([[dayKey('ids', 'r1', '2026-12-07'), 5]]),
    };
    expect(freeSlots(service(rule), CALENDAR, ZONE, now, 1, dayFull)).toEqual([]);
    expect(
      placesLeft(first!, rule, { perSlot: new Map(), perRuleDay: new Map([[dayKey('ids', 'r1', '2026-12-07'), 4]]) }),
    ).toBe(1);
  });
});
