import { describe, expect, it } from 'vitest';
import { SCREEN_ACTIONS } from '../../../../../electron/common/access/station-access';
import { formatRoute, parseRoute, windowOfRoute } from '../../../../../electron/common/routes';
import { mayUse } from '../../../../../renderer/app/may-use';

describe("the office's set-up screen", () => {
  it('is #/settings/office, a settings window', () => {
    expect(parseRoute('#/settings/office')).toEqual({ screen: 'office' });
    expect(formatRoute({ screen: 'office' })).toBe('#/settings/office');
    expect(windowOfRoute({ screen: 'office' })).toBe('settings');
  });

  it("is an admin's, there only, with the password and the code again", () => {
    const rule = SCREEN_ACTIONS['office.setUp'];
    expect(rule.recent).toBe('second-factor');
    expect(mayUse(rule, 'settings', { roles: ['admin'] })).toBe(true);
    expect(mayUse(rule, 'settings', { roles: ['supervisor', 'clerk'] })).toBe(false);
    expect(mayUse(rule, 'supervisor', { roles: ['admin'] })).toBe(false);
    expect(mayUse(rule, 'settings', null)).toBe(false);
  });
});
