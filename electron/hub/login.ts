/**
 * Signing a person in at the hub: the password against the account's Argon2id verifier, the
 * throttles (electron/node/accounts/throttle.ts), a one-time password changed at the first
 * sign-in, and a session bound to the workstation that asked.
 */
import type { LoginRequest, LoginFailure, SessionResponse } from '../common/contract/hub-auth';
import { checkPassword, makeVerifier, needsRehash, passwordProblem } from '../node/accounts/password';
import { afterFailure, isLocked, type AttemptLimiter } from '../node/accounts/throttle';
import { HubFailure } from './errors';
import { openSession } from './sessions';
import type { SqlClient } from './sql';
import type { Station } from './tokens';
import { findUser, sessionUser, type UserRow } from './users';

/** Checked against when the login is unknown, so an unknown login takes as long as a wrong password. */
let decoyVerifier: Promise<string> | null = null;

function refuse(status: number, code: LoginFailure, message: string): HubFailure {
  return new HubFailure(status, code, message);
}

export interface SignIn {
  readonly db: SqlClient;
  readonly station: Station;
  readonly attempts: AttemptLimiter;
  /** The address the attempt came from: the per-address throttle's key. */
  readonly address: string;
  readonly now: number;
}

export async function signIn(context: SignIn, request: LoginRequest): Promise<SessionResponse> {
  const { db, attempts, address, now } = context;
  if (!attempts.allows(address, now))
    throw refuse(429, 'too-many-attempts', 'Too many failed sign-ins from this address; wait ten minutes');
  const user = await findUser(db, request.login);
  if (!user || user.verifier === null) {
    await checkPassword(await (decoyVerifier ??= makeVerifier('decoy password, never matches')), request.password);
    attempts.fail(address, now);
    throw refuse(401, 'bad-credentials', 'Wrong login or password');
  }
  const lockedUntil = user.locked_until ? new Date(user.locked_until).getTime() : null;
  if (isLocked(lockedUntil, now)) {
    const minutes = Math.ceil((lockedUntil! - now) / 60_000);
    throw refuse(423, 'account-locked', `This account is locked after wrong passwords for ${minutes} more minute(s)`);
  }
  if (!(await checkPassword(user.verifier, request.password))) {
    attempts.fail(address, now);
    await recordFailure(db, user, now);
    throw refuse(401, 'bad-credentials', 'Wrong login or password');
  }
  if (!user.active) throw refuse(403, 'account-disabled', 'This account is disabled; ask an administrator');
  await recordSuccess(db, user, request);
  const opened = await openSession(db, context.station, user.id, now);
  return { ...opened, user: sessionUser(user) };
}

async function recordFailure(db: SqlClient, user: UserRow, now: number): Promise<void> {
  const next = afterFailure(user.failed_count, now);
  await db.query('UPDATE users SET failed_count = $2, locked_until = coalesce($3, locked_until) WHERE id = $1', [
    user.id,
    next.failedCount,
    next.lockedUntil === null ? null : new Date(next.lockedUntil),
  ]);
}

/** Resets the failures; sets the new password when one must be chosen; re-hashes an old verifier. */
async function recordSuccess(db: SqlClient, user: UserRow, request: LoginRequest): Promise<void> {
  let verifier = user.verifier;
  if (user.must_change) {
    if (request.newPassword === undefined)
      throw refuse(403, 'password-change-required', 'This one-time password must be replaced by your own now');
    const problem = passwordProblem(request.newPassword, user.login);
    if (problem || request.newPassword === request.password)
      throw refuse(422, 'weak-password', `The new password is not acceptable: ${problem ?? 'it is the old one'}`);
    verifier = await makeVerifier(request.newPassword);
  } else if (verifier && needsRehash(verifier)) {
    verifier = await makeVerifier(request.password);
  }
  await db.query(
    `UPDATE users SET failed_count = 0, locked_until = NULL, verifier = $2, must_change = false,
            changed_at = CASE WHEN must_change THEN now() ELSE changed_at END WHERE id = $1`,
    [user.id, verifier],
  );
}
