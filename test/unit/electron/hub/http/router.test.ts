import { describe, expect, it } from 'vitest';
import { findRoute } from '../../../../../electron/hub/http/router';

describe('hub routes', () => {
  it('name their method and who may call them', () => {
    expect(findRoute('/me')).toMatchObject({ access: 'station', method: 'GET' });
    expect(findRoute('/queue/call-next')).toMatchObject({ access: 'station', method: 'POST' });
    expect(findRoute('/board/stream')).toMatchObject({ access: 'public', method: 'GET' });
    expect(findRoute('/sync/stream')).toMatchObject({ access: 'station', method: 'GET' });
  });

  it('take the collection from a sync path, decoded, and leave checking it to the gates', () => {
    expect(findRoute('/sync/tickets/pull')).toMatchObject({
      access: 'collection',
      method: 'GET',
      collection: 'tickets',
    });
    expect(findRoute('/sync/ti%63kets/push')).toMatchObject({ method: 'POST', collection: 'tickets' });
    expect(findRoute('/sync/%E0/pull')).toMatchObject({ collection: '%E0' });
    expect(findRoute('/sync/stream/pull')).toMatchObject({ access: 'collection', collection: 'stream' });
  });

  it('carry the booking code in the path of the booking routes, public and staff', () => {
    expect(findRoute('/public/office')).toMatchObject({ access: 'public', method: 'GET' });
    expect(findRoute('/public/slots')).toMatchObject({ access: 'public', method: 'GET' });
    expect(findRoute('/public/bookings')).toMatchObject({ access: 'public', method: 'POST' });
    expect(findRoute('/public/bookings/123456')).toMatchObject({ access: 'public', method: 'GET' });
    expect(findRoute('/public/bookings/123456/move')).toMatchObject({ access: 'public', method: 'POST' });
    expect(findRoute('/public/bookings/123456/cancel')).toMatchObject({ access: 'public', method: 'POST' });
    expect(findRoute('/public/bookings/123456/calendar.ics')).toMatchObject({ access: 'public', method: 'GET' });
    expect(findRoute('/appointments')).toMatchObject({ access: 'station', door: 'appointments', method: 'POST' });
    expect(findRoute('/appointments/123456')).toMatchObject({ door: 'appointments', method: 'GET' });
    expect(findRoute('/appointments/123456/move')).toMatchObject({ door: 'appointments', method: 'POST' });
    expect(findRoute('/appointments/123456/cancel')).toMatchObject({ door: 'appointments', method: 'POST' });
    for (const path of ['/public/bookings/123456/x', '/public/bookings/', '/appointments/1/2/3', '/public']) {
      expect(findRoute(path)).toBeNull();
    }
  });

  it('know no other path', () => {
    for (const path of ['', '/', '/sync/tickets', '/sync/tickets/pull/x', '/board/', '/constructor']) {
      expect(findRoute(path)).toBeNull();
    }
  });
});
