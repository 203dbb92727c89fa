/** A booking's link, as the confirmation forms it and the page reads it back. */
import { describe, expect, it } from 'vitest';
import { bookingLink } from '../../../../../electron/common/contract/public';
import { parseRoute } from '../../../../../electron/common/routes';
import { calendarAddress } from '../../../../../renderer/apps/booking/booking-client';
import { manageLink, parseManage } from '../../../../../renderer/apps/booking/booking-link';

const HANDLE = { code: '482913', key: 'K7PM2QX9AB' };

describe("a booking's link", () => {
  it("is the contract's bookingLink on the page's origin, and reads back through the route", () => {
    const link = manageLink('https://hub.urzad.local:8090', HANDLE);
    expect(link).toBe(bookingLink('https://hub.urzad.local:8090', HANDLE.code, HANDLE.key));
    expect(link).toBe('https://hub.urzad.local:8090/#/booking/482913-K7PM2QX9AB');
    const route = parseRoute(new URL(link).hash);
    expect(route).toEqual({ screen: 'booking', manage: '482913-K7PM2QX9AB' });
    expect(parseManage((route as { manage: string }).manage)).toEqual(HANDLE);
  });

  it('takes a key copied in lower case or with spaces around it', () => {
    expect(parseManage('482913-k7pm2qx9ab')).toEqual(HANDLE);
    expect(parseManage('%20482913-K7PM2QX9AB%20')).toEqual(HANDLE);
  });

  it('is no booking when it is not six digits and a key of ten', () => {
    for (const segment of [
      '',
      '482913',
      '48291-K7PM2QX9AB',
      '4829134-K7PM2QX9AB',
      '482913-K7PM2QX9A',
      '482913-K7PM2QX9ABC',
      '482913-K7PM2QX9A1', // 1 is not in the key's alphabet (nor O, I, 0)
      '482913_K7PM2QX9AB',
      '%E0%A4%A',
    ])
      expect(parseManage(segment), segment).toBeNull();
  });

  it('names the calendar file with the code and the key, on the public routes', () => {
    expect(calendarAddress(HANDLE)).toBe('/api/v1/public/bookings/482913/calendar.ics?key=K7PM2QX9AB');
  });
});
