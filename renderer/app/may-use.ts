/**
 * Whether the person signed in here may use what a row of the access table guards
 * (electron/common/access/station-access.ts: CHANNEL_ACCESS, SCREEN_ACTIONS), so a screen offers
 * only what they may use. The station and the hub check the same row again on every call; this
 * only decides what to show. Its window and its roles, not `recent`: when the last password check
 * is too old, the station asks for the password again (useConfirmed in session.tsx). The hook for a
 * page is use-may-use.ts.
 */
import type { AccessRule } from '../../electron/common/access/station-access';
import { hasAnyRole, type SignedInUser, type WindowKind } from '../../electron/common/access/subjects';

/** True when `rule` lets a window of kind `window` with `user` (null: nobody) signed in use it. */
export function mayUse(rule: AccessRule, window: WindowKind, user: Pick<SignedInUser, 'roles'> | null): boolean {
  if (!rule.windows.includes(window)) return false;
  return !rule.roles || hasAnyRole(user, rule.roles);
}
