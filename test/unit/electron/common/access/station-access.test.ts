import { describe, expect, it } from 'vitest';
import {
  checkAccess,
  checkChannel,
  checkCounter,
  mayHear,
  REAUTH_AFTER_MS,
  type AccessRule,
  type Caller,
} from '../../../../../electron/common/access/station-access';
import type { SignedInUser, UserRole } from '../../../../../electron/common/access/subjects';

const person = (...roles: UserRole[]): SignedInUser => ({ login: 'a', displayName: 'A', roles, offline: false });
const caller = (fields: Partial<Caller>): Caller => ({
  window: 'settings',
  user: null,
  checkedAt: null,
  secondFactorAt: null,
  ...fields,
});
const now = 10 * REAUTH_AFTER_MS;

describe('a door at the station', () => {
  const rule: AccessRule = { windows: ['settings'], roles: ['supervisor', 'admin'], recent: 'second-factor' };

  it('asks first the screen, then a person, then the role, then how fresh the check is', () => {
    expect(checkAccess(rule, caller({ window: 'kiosk' }), now, 'x')?.code).toBe('FORBIDDEN');
    expect(checkAccess(rule, caller({}), now, 'x')?.code).toBe('NOT_SIGNED_IN');
    expect(checkAccess(rule, caller({ user: person('clerk') }), now, 'x')?.code).toBe('FORBIDDEN');
    expect(
      checkAccess(rule, caller({ user: person('admin'), checkedAt: now - REAUTH_AFTER_MS - 1 }), now, 'x')?.code,
    ).toBe('SECOND_FACTOR_REQUIRED');
    const passwordRule: AccessRule = { ...rule, recent: 'password' };
    expect(
      checkAccess(passwordRule, caller({ user: person('admin'), checkedAt: now - REAUTH_AFTER_MS - 1 }), now, 'x')
        ?.code,
    ).toBe('REAUTH_REQUIRED');
  });

  it('wants the second factor of a supervisor or admin, and only the password of anyone else', () => {
    const fresh = now - 1000;
    expect(checkAccess(rule, caller({ user: person('admin'), checkedAt: fresh }), now, 'x')?.code).toBe(
      'SECOND_FACTOR_REQUIRED',
    );
    expect(
      checkAccess(rule, caller({ user: person('admin'), checkedAt: fresh, secondFactorAt: fresh }), now, 'x'),
    ).toBeNull();
    // With no grace period at all, the confirmation given for this very action (password and code) does.
    const always = { user: person('supervisor'), reauthAfterMs: 0, checkedAt: fresh };
    expect(checkAccess(rule, caller({ ...always, confirmedAt: fresh, secondFactorAt: fresh }), now, 'x')).toBeNull();
    expect(
      checkAccess(rule, caller({ ...always, confirmedAt: fresh, secondFactorAt: fresh - 1 }), now, 'x')?.code,
    ).toBe('SECOND_FACTOR_REQUIRED');
    const clerkRule: AccessRule = { windows: ['counter'], roles: ['clerk'], recent: 'second-factor' };
    expect(
      checkAccess(clerkRule, caller({ window: 'counter', user: person('clerk'), checkedAt: fresh }), now, 'x'),
    ).toBeNull();
  });

  it('lets an ID read reach only a counter with a clerk signed in', () => {
    expect(mayHear('idReader.read', caller({ window: 'counter', user: person('clerk') }))).toBe(true);
    expect(mayHear('idReader.read', caller({ window: 'counter' }))).toBe(false);
    for (const window of ['kiosk', 'board', 'customer', 'home', 'settings', 'supervisor'] as const)
      expect(mayHear('idReader.read', caller({ window, user: person('clerk', 'supervisor', 'admin') })), window).toBe(
        false,
      );
  });
});

describe("a paired customer screen's counter", () => {
  const paired = (counter?: number) =>
    caller({ window: 'customer', paired: true, ...(counter === undefined ? {} : { counter }) });
  const view = (counter: number) => ({ counter, view: null });
  const input = (counter: number) => ({ counter, input: { kind: 'language' as const, language: 'uk' as const } });

  it('hears the views of its own counter only; a window of this machine hears every counter', () => {
    expect(mayHear('assist.view', paired(4), view(4))).toBe(true);
    expect(mayHear('assist.view', paired(4), view(6))).toBe(false);
    expect(mayHear('assist.view', caller({ window: 'customer' }), view(6))).toBe(true);
    // Paired before screens named their counter: held to none.
    expect(mayHear('assist.view', paired(), view(4))).toBe(false);
  });

  it('asks and answers for its own counter only', () => {
    expect(checkChannel('assist.current', paired(4), now, { counter: 4 })).toBeNull();
    expect(checkChannel('assist.current', paired(4), now, { counter: 6 })?.code).toBe('FORBIDDEN');
    expect(checkChannel('assist.input', paired(4), now, input(6))?.code).toBe('FORBIDDEN');
    expect(checkChannel('assist.input', paired(), now, input(4))?.code).toBe('FORBIDDEN');
    expect(checkChannel('assist.input', caller({ window: 'customer' }), now, input(6))).toBeNull();
    // A counter that is not a number is not its counter either.
    expect(checkCounter(paired(4), { counter: '4' }, 'x')?.code).toBe('FORBIDDEN');
  });

  it('is not asked about what names no counter', () => {
    expect(checkChannel('eservices.list', paired(4), now, {})).toBeNull();
    expect(checkCounter(paired(), { language: 'pl' }, 'x')).toBeNull();
    expect(checkCounter(paired(), null, 'x')).toBeNull();
    expect(mayHear('session.changed', paired())).toBe(true);
  });
});
