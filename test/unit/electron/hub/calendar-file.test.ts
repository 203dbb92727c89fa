import { describe, expect, it } from 'vitest';
import type { Booking } from '../../../../electron/common/contract/public';
import { DEMO_OFFICE } from '../../../../electron/common/domain/demo-office';
import { officeTime } from '../../../../electron/common/domain/office-time';
import { bookingCalendar } from '../../../../electron/hub/calendar-file';
import { icsLines } from '../../../support/ics';

// 30 March 2026, 08:15 in Warsaw: the first Monday of summer time, 06:15 UTC.
const booking: Booking = {
  code: '048213',
  service: { id: 'id-cards', name: { pl: 'Dowody osobiste', en: 'Identity cards', uk: 'Посвідчення особи' } },
  at: officeTime('2026-03-30', '08:15', 'Europe/Warsaw'),
  day: '2026-03-30',
  time: '08:15',
  minutes: 15,
  state: 'booked',
  name: 'Jan Kowalski',
};
const input = {
  booking,
  appointmentId: 'ap-1',
  updatedAt: 1_767_000_000_000,
  key: 'K7M3Q9XT2W',
  language: 'en' as const,
  office: { name: DEMO_OFFICE.name, address: 'ul. Przykładowa 1, 00-950 Warszawa' },
  origin: 'https://hub.urzad.local:8090',
};

describe('a booking’s calendar file', () => {
  it('is one event at the slot, in UTC, for its length, at the office, in the booking’s language', () => {
    const text = bookingCalendar(input);
    expect(text.startsWith('BEGIN:VCALENDAR')).toBe(true);
    const lines = icsLines(text);
    expect(lines.get('DTSTART')).toBe('20260330T061500Z');
    expect(lines.get('DTEND')).toBe('20260330T063000Z');
    expect(lines.get('SUMMARY')).toBe('Identity cards — City Hall — Residents’ Service Office');
    expect(lines.get('LOCATION')).toBe('ul. Przykładowa 1\\, 00-950 Warszawa');
    expect(lines.get('UID')).toBe('ap-1@okienko');
    expect(lines.get('STATUS')).toBe('CONFIRMED');
    expect(lines.get('DESCRIPTION')).toContain('048213');
    expect(lines.get('DESCRIPTION')).toContain('https://hub.urzad.local:8090/#/booking/048213-K7M3Q9XT2W');
    expect(text).not.toContain('Kowalski');
  });

  it('speaks Polish and Ukrainian too, and says CANCELLED for a cancelled booking', () => {
    const polish = icsLines(bookingCalendar({ ...input, language: 'pl' }));
    expect(polish.get('SUMMARY')).toBe('Dowody osobiste — Urząd Miasta — Biuro Obsługi Mieszkańców');
    expect(polish.get('DESCRIPTION')).toMatch(/^Kod wizyty: 048213/);
    expect(icsLines(bookingCalendar({ ...input, language: 'uk' })).get('DESCRIPTION')).toMatch(/^Код візиту/);
    const cancelled = bookingCalendar({ ...input, booking: { ...booking, state: 'cancelled' } });
    expect(icsLines(cancelled).get('STATUS')).toBe('CANCELLED');
  });
});
