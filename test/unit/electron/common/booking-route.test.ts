/** The public booking page in the route table: `#/booking`, and one booking's `#/booking/<code>-<key>`. */
import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute, windowOfRoute } from '../../../../electron/common/routes';

describe('the booking route', () => {
  it('reads back the page and one booking it formatted, and takes a trailing slash', () => {
    expect(formatRoute({ screen: 'booking' })).toBe('#/booking');
    expect(parseRoute('#/booking')).toEqual({ screen: 'booking' });
    expect(parseRoute('#/booking/')).toEqual({ screen: 'booking' });
    const manage = '482913-K7PM2QX9AB';
    expect(formatRoute({ screen: 'booking', manage })).toBe(`#/booking/${manage}`);
    expect(parseRoute(`#/booking/${manage}`)).toEqual({ screen: 'booking', manage });
    expect(parseRoute(`#/booking/${manage}/`)).toEqual({ screen: 'booking', manage });
  });

  it('leaves a mangled link to the page (which says "no such booking"), and anything longer not found', () => {
    expect(parseRoute('#/booking/482913')).toEqual({ screen: 'booking', manage: '482913' });
    for (const hash of ['#/booking/a/b', `#/booking/${'x'.repeat(101)}`, '#/bookings'])
      expect(parseRoute(hash), hash).toEqual({ screen: 'not-found' });
  });

  it('is a window with no station rights of its own, like the status page', () => {
    expect(windowOfRoute({ screen: 'booking' })).toBe(windowOfRoute({ screen: 'status', id: 'x' }));
  });
});
