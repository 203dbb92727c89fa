/**
 * Signing a person in at the hub: the one sign-in decision (electron/node/accounts/sign-in.ts)
 * over the account's row, the per-address throttle, and a session bound to the workstation that
 * asked. With the office's directory (`--directory`), a person without a local account here is
 * checked by an LDAP bind (directory.ts) and kept as a directory account with the roles of their
 * groups; a local account of the same login (an admin's way in while the directory is down) stays
 * local.
 */
import type { LoginFailure, LoginRequest, SessionResponse } from '../common/contract/hub-auth';
import {
  decideAfterDirectory,
  decideSignIn,
  type AccountChange,
  type AccountRecord,
  type SecondFactorGrant,
  type SignInOutcome,
} from '../node/accounts/sign-in';
import { sealSecret } from '../node/accounts/second-factor';
import { afterFailure, isLocked, type AttemptLimiter } from '../node/accounts/throttle';
import type { Logger } from '../station/log';
import { checkDirectory, type DirectoryConfig } from './directory';
import { HubFailure } from './errors';
import { openSession } from './sessions';
import type { SqlClient } from './sql';
import type { Station } from './tokens';
import { dropDirectoryRoles, findUser, sessionUser, syncDirectoryUser, type UserRow } from './users';

/** The HTTP status of each refusal. */
const STATUS: Readonly<Record<LoginFailure, number>> = {
  'bad-credentials': 401,
  'account-locked': 423,
  'account-disabled': 403,
  'password-change-required': 403,
  'weak-password': 422,
  'too-many-attempts': 429,
  'second-factor-required': 401,
  'second-factor-enrolment-required': 403,
  'bad-second-factor': 401,
};

export interface SignIn {
  readonly db: SqlClient;
  readonly station: Station;
  readonly attempts: AttemptLimiter;
  /** The address the attempt came from: the per-address throttle's key. */
  readonly address: string;
  readonly now: number;
  /** The office's directory, if the hub signs people in against it. */
  readonly directory?: DirectoryConfig | null;
  readonly log?: Logger;
}

export async function signIn(context: SignIn, request: LoginRequest): Promise<SessionResponse> {
  const { db, attempts, address, now } = context;
  if (!attempts.allows(address, now))
    throw new HubFailure(429, 'too-many-attempts', 'Too many failed sign-ins from this address; wait ten minutes');
  const found = await findUser(db, request.login);
  const { row, outcome } =
    context.directory && found?.source !== 'local'
      ? await viaDirectory(context, context.directory, found, request)
      : { row: found, outcome: await decideSignIn(found && accountOf(found), request, now) };
  if (row && outcome.change && !(await store(db, row, outcome.change)))
    // Another sign-in used this code (or this recovery code) between our read and our write.
    throw new HubFailure(401, 'bad-second-factor', 'Wrong or already used code');
  if (!outcome.ok) {
    if (outcome.failure === 'bad-credentials' || outcome.failure === 'bad-second-factor') attempts.fail(address, now);
    throw new HubFailure(STATUS[outcome.failure], outcome.failure, outcome.message);
  }
  const opened = await openSession(db, context.station, row!.id, now);
  const granted = outcome.secondFactor;
  return {
    ...opened,
    user: sessionUser(row!),
    ...(granted
      ? { secondFactor: await wireGrant(granted, request.newPassword ?? request.password, context.station) }
      : {}),
  };
}

/** The directory checks the password; the hub the lock, the disabled account and the second factor. */
async function viaDirectory(
  context: SignIn,
  directory: DirectoryConfig,
  found: UserRow | null,
  request: LoginRequest,
): Promise<{ row: UserRow | null; outcome: SignInOutcome }> {
  const { db, now } = context;
  const lockedUntil = found?.locked_until ? new Date(found.locked_until).getTime() : null;
  // A locked account does not reach the directory: nobody guesses its passwords through the hub.
  if (found && isLocked(lockedUntil, now))
    return { row: found, outcome: decideAfterDirectory(accountOf(found), request, now) };
  const checked = await checkDirectory(directory, request.login, request.password);
  if (checked.ok) {
    const row = await syncDirectoryUser(db, checked.person);
    if (row) return { row, outcome: decideAfterDirectory(accountOf(row), request, now) };
  } else if (checked.failure === 'unreachable') {
    context.log?.warn('the office directory cannot be reached', { reason: checked.message });
    throw new HubFailure(503, 'directory-unavailable', 'The office directory cannot be reached');
  } else if (checked.failure === 'no-role') {
    // Out of every mapped group: whatever roles the hub held for them go, with their sessions. The
    // answer is a wrong password's, since any other would confirm the password to whoever typed it.
    context.log?.info('a directory person in no mapped group was refused', { login: request.login.slice(0, 64) });
    if (found?.source === 'directory') await dropDirectoryRoles(db, found.id);
  }
  const change = found ? failureChange(found.failed_count, now) : undefined;
  return {
    row: found,
    outcome: {
      ok: false,
      failure: 'bad-credentials',
      message: 'Wrong login or password',
      ...(change ? { change } : {}),
    },
  };
}

function failureChange(failedCount: number, now: number): AccountChange {
  const { failedCount: failed, lockedUntil } = afterFailure(failedCount, now);
  return lockedUntil === null ? { failedCount: failed } : { failedCount: failed, lockedUntil };
}

/** What the workstation gets of the second factor: the secret sealed under the password, if it keeps people. */
async function wireGrant(
  granted: SecondFactorGrant,
  password: string,
  station: Station,
): Promise<NonNullable<SessionResponse['secondFactor']>> {
  const { step, recoveryCodes } = granted;
  // A kiosk or a board has no screen a supervisor signs in at offline: it gets no secret to keep.
  const keeps = station.kind === null || station.kind === 'counter' || station.kind === 'supervisor';
  return {
    step,
    ...(keeps ? { sealedSecret: await sealSecret(granted.secret, password) } : {}),
    ...(recoveryCodes ? { recoveryCodes: [...recoveryCodes] } : {}),
  };
}

function accountOf(row: UserRow): AccountRecord {
  return {
    login: row.login,
    displayName: row.display_name,
    roles: row.roles,
    services: row.services,
    active: row.active,
    verifier: row.verifier,
    mustChange: row.must_change,
    failedCount: row.failed_count,
    lockedUntil: row.locked_until ? new Date(row.locked_until).getTime() : null,
    secondFactor:
      row.totp_enabled && row.totp_secret
        ? { secret: row.totp_secret, lastStep: Number(row.totp_last_step), recoveryHashes: row.recovery_codes }
        : null,
  };
}

/**
 * Writes what the attempt changed. A used code is written only over the second factor as it was
 * read (compare and set): of two sign-ins racing with one code, one wins; false for the other.
 */
async function store(db: SqlClient, row: UserRow, change: AccountChange): Promise<boolean> {
  const columns: [string, unknown][] = [];
  if (change.failedCount !== undefined) columns.push(['failed_count', change.failedCount]);
  if (change.lockedUntil !== undefined)
    columns.push(['locked_until', change.lockedUntil === null ? null : new Date(change.lockedUntil)]);
  if (change.verifier !== undefined) columns.push(['verifier', change.verifier]);
  if (change.mustChange !== undefined) columns.push(['must_change', change.mustChange]);
  if (change.secondFactor)
    columns.push(
      ['totp_secret', change.secondFactor.secret],
      ['totp_enabled', true],
      ['totp_last_step', change.secondFactor.lastStep],
      ['recovery_codes', [...change.secondFactor.recoveryHashes]],
    );
  if (columns.length === 0) return true;
  const set = columns.map(([column], index) => `${column} = $${index + 2}`).join(', ');
  // A replaced one-time password is a change a workstation's offline cache may want to know of.
  const changed =
    change.mustChange === false ? ', changed_at = CASE WHEN must_change THEN now() ELSE changed_at END' : '';
  const values: unknown[] = [row.id, ...columns.map(([, value]) => value)];
  const next = values.length + 1;
  const asRead = change.secondFactor
    ? ` AND totp_enabled = $${next} AND totp_last_step = $${next + 1} AND recovery_codes = $${next + 2}`
    : '';
  if (change.secondFactor) values.push(row.totp_enabled, row.totp_last_step, row.recovery_codes);
  const updated = await db.query(`UPDATE users SET ${set}${changed} WHERE id = $1${asRead} RETURNING id`, values);
  return updated.length === 1;
}
