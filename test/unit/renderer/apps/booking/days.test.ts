/** The days a resident picks from: grouped by office day, only days with a place, two weeks at a time. */
import { describe, expect, it } from 'vitest';
import { MAX_SLOT_DAYS } from '../../../../../electron/common/contract/public';
import { addDays } from '../../../../../electron/common/domain/calendar';
import { officeTime } from '../../../../../electron/common/domain/office-time';
import {
  fewPlaces,
  groupByDay,
  nextWindow,
  previousWindow,
  slotsOfDay,
  windowEnd,
  WINDOW_DAYS,
  type FreeSlot,
} from '../../../../../renderer/apps/booking/days';

const ZONE = 'Europe/Warsaw';
const slot = (day: string, time: string, left = 2): FreeSlot => ({
  at: officeTime(day, time, ZONE),
  day,
  time,
  minutes: 15,
  left,
});

describe('grouping free slots by day', () => {
  it('puts days and times in order, whatever order the answer had', () => {
    const slots = [
      slot('2026-12-08', '09:00'),
      slot('2026-12-07', '10:15'),
      slot('2026-12-08', '08:00'),
      slot('2026-12-07', '08:45'),
    ];
    expect(groupByDay(slots).map(({ day, slots: list }) => [day, list.map((s) => s.time)])).toEqual([
      ['2026-12-07', ['08:45', '10:15']],
      ['2026-12-08', ['08:00', '09:00']],
    ]);
  });

  it('offers no day without a place: a holiday or a full day is simply not there', () => {
    const slots = [slot('2026-12-07', '08:00', 0), slot('2026-12-09', '08:00', 1)];
    expect(groupByDay(slots).map((group) => group.day)).toEqual(['2026-12-09']);
    expect(groupByDay([])).toEqual([]);
  });

  it("keeps a slot on its office day, even one after midnight UTC's day boundary", () => {
    // 00:30 in Warsaw is 23:30 UTC the day before: the office day decides.
    const late = slot('2026-12-08', '00:30');
    expect(new Date(late.at).toISOString().slice(0, 10)).toBe('2026-12-07');
    expect(groupByDay([late])[0]?.day).toBe('2026-12-08');
  });

  it("gives one day's times", () => {
    const slots = [slot('2026-12-07', '09:00'), slot('2026-12-08', '08:00'), slot('2026-12-07', '08:00')];
    expect(slotsOfDay(slots, '2026-12-07').map((s) => s.time)).toEqual(['08:00', '09:00']);
    expect(slotsOfDay(slots, '2026-12-10')).toEqual([]);
  });
});

describe('two weeks at a time', () => {
  const today = '2026-12-05';

  it('spans fourteen days', () => {
    expect(WINDOW_DAYS).toBe(14);
    expect(windowEnd(today)).toBe('2026-12-18');
  });

  it('goes back no further than today, and not at all from the first window', () => {
    expect(previousWindow(today, today)).toBeNull();
    expect(previousWindow('2026-12-19', today)).toBe(today);
    expect(previousWindow('2026-12-15', today)).toBe(today);
    expect(previousWindow('2027-01-02', today)).toBe('2026-12-19');
  });

  it('goes on while the window starts within what the hub answers', () => {
    expect(nextWindow(today, today)).toBe('2026-12-19');
    let start = today;
    let windows = 1;
    for (let next = nextWindow(start, today); next; next = nextWindow(start, today)) {
      start = next;
      windows++;
    }
    expect(start < addDays(today, MAX_SLOT_DAYS)).toBe(true);
    expect(addDays(start, WINDOW_DAYS) >= addDays(today, MAX_SLOT_DAYS)).toBe(true);
    expect(windows).toBe(Math.ceil(MAX_SLOT_DAYS / WINDOW_DAYS));
  });
});

describe('places left', () => {
  const day = (...left: number[]) => left.map((places, index) => slot('2026-12-07', `0${8 + index}:00`, places));

  it('says how many when few are left and other slots have more', () => {
    const slots = day(2, 1, 5, 2);
    expect(slots.map((one) => fewPlaces(one, slots))).toEqual([2, 1, null, 2]);
  });

  it('says nothing when every slot has as many left: that is the slot, not scarcity', () => {
    const two = day(2, 2, 2);
    expect(two.map((one) => fewPlaces(one, two))).toEqual([null, null, null]);
    const halfTaken = day(2, 1, 2);
    expect(halfTaken.map((one) => fewPlaces(one, halfTaken))).toEqual([null, 1, null]);
  });
});
