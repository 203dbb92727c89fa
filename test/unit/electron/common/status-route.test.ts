/** The ticket's status page in the route table: any one segment is a ticket id for the hub to judge. */
import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute, windowOfRoute } from '../../../../electron/common/routes';

describe('the status route', () => {
  const id = '0b5c1a7e-7d1c-4d0b-9a57-3b1f2f0c9e11';

  it('reads back the ticket id it formatted, and takes a trailing slash', () => {
    expect(formatRoute({ screen: 'status', id })).toBe(`#/status/${id}`);
    expect(parseRoute(`#/status/${id}`)).toEqual({ screen: 'status', id });
    expect(parseRoute(`#/status/${id}/`)).toEqual({ screen: 'status', id });
  });

  it('leaves a guessed id to the page (which asks the hub), and anything else not found', () => {
    expect(parseRoute('#/status/zgadywanka')).toEqual({ screen: 'status', id: 'zgadywanka' });
    for (const hash of ['#/status', '#/status/', '#/status/a/b', `#/status/${'x'.repeat(101)}`])
      expect(parseRoute(hash), hash).toEqual({ screen: 'not-found' });
  });

  it('is a window with no station rights of its own, like the pairing page', () => {
    expect(windowOfRoute({ screen: 'status', id })).toBe(windowOfRoute({ screen: 'pair' }));
  });
});
