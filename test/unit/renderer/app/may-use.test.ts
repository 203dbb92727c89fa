import { describe, expect, it } from 'vitest';
import { CHANNEL_ACCESS, SCREEN_ACTIONS } from '../../../../electron/common/access/station-access';
import { mayUse } from '../../../../renderer/app/may-use';

const clerk = { roles: ['clerk'] } as const;
const supervisor = { roles: ['supervisor'] } as const;
const admin = { roles: ['admin'] } as const;

describe('mayUse: what a screen offers, from the access table', () => {
  it('refuses on a window the rule does not name, whoever is signed in', () => {
    expect(mayUse(SCREEN_ACTIONS['queue.closeDay'], 'counter', supervisor)).toBe(false);
    expect(mayUse(CHANNEL_ACCESS['devices.configure'], 'supervisor', admin)).toBe(false);
    // No person is needed for the printer's state, but the board may not ask for it.
    expect(mayUse(CHANNEL_ACCESS['printer.status'], 'board', null)).toBe(false);
  });

  it('refuses a person without one of the roles the rule names', () => {
    expect(mayUse(SCREEN_ACTIONS['queue.closeDay'], 'supervisor', clerk)).toBe(false);
    expect(mayUse(CHANNEL_ACCESS['accounts.list'], 'settings', supervisor)).toBe(false);
    expect(mayUse(CHANNEL_ACCESS['devices.configure'], 'settings', clerk)).toBe(false);
    expect(mayUse(SCREEN_ACTIONS['queue.serve'], 'counter', admin)).toBe(false);
  });

  it('allows the right role on the right window, whatever `recent` asks (the station asks for the password)', () => {
    expect(SCREEN_ACTIONS['queue.closeDay'].recent).toBe('second-factor');
    expect(mayUse(SCREEN_ACTIONS['queue.closeDay'], 'supervisor', supervisor)).toBe(true);
    expect(mayUse(SCREEN_ACTIONS['alerts.acknowledge'], 'supervisor', admin)).toBe(true);
    expect(mayUse(CHANNEL_ACCESS['accounts.change'], 'settings', admin)).toBe(true);
    expect(mayUse(CHANNEL_ACCESS['pairing.start'], 'settings', { roles: ['clerk', 'supervisor'] })).toBe(true);
    expect(mayUse(SCREEN_ACTIONS['queue.serve'], 'counter', clerk)).toBe(true);
  });

  it('with nobody signed in, allows only what needs no person', () => {
    expect(mayUse(SCREEN_ACTIONS['queue.closeDay'], 'supervisor', null)).toBe(false);
    expect(mayUse(CHANNEL_ACCESS['accounts.list'], 'settings', null)).toBe(false);
    expect(mayUse(CHANNEL_ACCESS['printer.status'], 'settings', null)).toBe(true);
    expect(mayUse(CHANNEL_ACCESS['printer.printTicket'], 'kiosk', null)).toBe(true);
  });

  it('a person with no roles at all is refused what names roles', () => {
    expect(mayUse(CHANNEL_ACCESS['devices.list'], 'settings', { roles: [] })).toBe(false);
  });
});
