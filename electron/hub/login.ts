/**
 * Signing a person in at the hub: the one sign-in decision (electron/node/accounts/sign-in.ts)
 * over the account's row, the per-address throttle, and a session bound to the workstation that
 * asked.
 */
import type { LoginFailure, LoginRequest, SessionResponse } from '../common/contract/hub-auth';
import { decideSignIn, type AccountChange, type AccountRecord } from '../node/accounts/sign-in';
import type { AttemptLimiter } from '../node/accounts/throttle';
import { HubFailure } from './errors';
import { openSession } from './sessions';
import type { SqlClient } from './sql';
import type { Station } from './tokens';
import { findUser, sessionUser, type UserRow } from './users';

/** The HTTP status of each refusal. */
const STATUS: Readonly<Record<LoginFailure, number>> = {
  'bad-credentials': 401,
  'account-locked': 423,
  'account-disabled': 403,
  'password-change-required': 403,
  'weak-password': 422,
  'too-many-attempts': 429,
};

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
    throw new HubFailure(429, 'too-many-attempts', 'Too many failed sign-ins from this address; wait ten minutes');
  const row = await findUser(db, request.login);
  const outcome = await decideSignIn(row && accountOf(row), request, now);
  if (row && outcome.change) await store(db, row.id, outcome.change);
  if (!outcome.ok) {
    if (outcome.failure === 'bad-credentials') attempts.fail(address, now);
    throw new HubFailure(STATUS[outcome.failure], outcome.failure, outcome.message);
  }
  const opened = await openSession(db, context.station, row!.id, now);
  return { ...opened, user: sessionUser(row!) };
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
  };
}

async function store(db: SqlClient, id: number, change: AccountChange): Promise<void> {
  const columns: [string, unknown][] = [];
  if (change.failedCount !== undefined) columns.push(['failed_count', change.failedCount]);
  if (change.lockedUntil !== undefined)
    columns.push(['locked_until', change.lockedUntil === null ? null : new Date(change.lockedUntil)]);
  if (change.verifier !== undefined) columns.push(['verifier', change.verifier]);
  if (change.mustChange !== undefined) columns.push(['must_change', change.mustChange]);
  if (columns.length === 0) return;
  const set = columns.map(([column], index) => `${column} = $${index + 2}`).join(', ');
  // A replaced one-time password is a change a workstation's offline cache may want to know of.
  const changed =
    change.mustChange === false ? ', changed_at = CASE WHEN must_change THEN now() ELSE changed_at END' : '';
  await db.query(`UPDATE users SET ${set}${changed} WHERE id = $1`, [id, ...columns.map(([, value]) => value)]);
}
