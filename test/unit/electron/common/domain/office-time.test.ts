import { describe, expect, it } from 'vitest';
import { isPastDay, officeDay } from '../../../../../electron/common/domain/office-time';

describe('office days in the office time zone', () => {
  it('the day turns at midnight in Warsaw, not in UTC', () => {
    // 23:30 UTC on 22 Nov is 00:30 on 23 Nov in Warsaw (CET, UTC+1).
    expect(officeDay(Date.UTC(2026, 10, 22, 23, 30), 'Europe/Warsaw')).toBe('2026-11-23');
    expect(officeDay(Date.UTC(2026, 10, 22, 22, 59), 'Europe/Warsaw')).toBe('2026-11-22');
    // "After 5 pm" bugs: 17:30 local is still the same day.
    expect(officeDay(Date.UTC(2026, 10, 22, 16, 30), 'Europe/Warsaw')).toBe('2026-11-22');
  });

  it('follows summer time (CEST, UTC+2)', () => {
    expect(officeDay(Date.UTC(2026, 6, 1, 22, 30), 'Europe/Warsaw')).toBe('2026-07-02');
    expect(officeDay(Date.UTC(2026, 6, 1, 21, 30), 'Europe/Warsaw')).toBe('2026-07-01');
  });

  it('knows which days are over', () => {
    const now = Date.UTC(2026, 10, 23, 8, 0);
    expect(isPastDay('2026-11-22', now, 'Europe/Warsaw')).toBe(true);
    expect(isPastDay('2026-11-23', now, 'Europe/Warsaw')).toBe(false);
  });
});
