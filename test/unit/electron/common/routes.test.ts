import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute, type KnownRoute } from '../../../../electron/common/routes';

describe('routes', () => {
  const known: KnownRoute[] = [
    { screen: 'home' },
    { screen: 'kiosk' },
    { screen: 'counter', number: 3 },
    { screen: 'board' },
    { screen: 'supervisor' },
    { screen: 'devices' },
  ];

  it('gives each screen its hash', () => {
    expect(known.map(formatRoute)).toEqual([
      '#/',
      '#/kiosk',
      '#/counter/3',
      '#/board',
      '#/supervisor',
      '#/settings/devices',
    ]);
  });

  it.each(known)('reads back the screen it formatted: %o', (route) => {
    expect(parseRoute(formatRoute(route))).toEqual(route);
  });

  it('ignores a missing hash or slash and trailing slashes', () => {
    expect(parseRoute('')).toEqual({ screen: 'home' });
    expect(parseRoute('#')).toEqual({ screen: 'home' });
    expect(parseRoute('#kiosk')).toEqual({ screen: 'kiosk' });
    expect(parseRoute('#/counter/12/')).toEqual({ screen: 'counter', number: 12 });
  });

  it('names anything else not found', () => {
    for (const hash of ['#/counter', '#/counter/1234', '#/counter/x', '#/settings', '#/kiosk/1', '#/Board'])
      expect(parseRoute(hash), hash).toEqual({ screen: 'not-found' });
  });
});
