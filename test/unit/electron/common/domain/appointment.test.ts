import { describe, expect, it } from 'vitest';
import { checkInRefusal, type Appointment } from '../../../../../electron/common/domain/appointment';

const booked: Appointment = {
  id: 'a',
  code: '123456',
  day: '2026-03-02',
  slotAt: 1,
  service: 's',
  state: 'booked',
  ticket: '',
  updatedAt: 1,
};

describe('checking an appointment in at the kiosk', () => {
  it('takes a booked one of today, and says why not otherwise', () => {
    expect(checkInRefusal(booked, '2026-03-02')).toBeNull();
    expect(checkInRefusal(null, '2026-03-02')).toBe('unknown-code');
    expect(checkInRefusal(booked, '2026-03-03')).toBe('other-day');
    expect(checkInRefusal({ ...booked, state: 'cancelled' }, '2026-03-02')).toBe('cancelled');
    expect(checkInRefusal({ ...booked, state: 'checked-in' }, '2026-03-02')).toBe('already-checked-in');
  });

  it('refuses a no-show (the slot and its grace have passed): the visitor takes an ordinary ticket', () => {
    expect(checkInRefusal({ ...booked, state: 'no-show' }, '2026-03-02')).toBe('no-show');
    expect(checkInRefusal({ ...booked, state: 'no-show' }, '2026-03-05')).toBe('no-show');
  });
});
