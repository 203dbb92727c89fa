/**
 * The office's accounts, kept at the hub: who may sign in, with which roles, for which services.
 * Administrators manage them with `npm run hub -- user …` on the hub and from the admin screen;
 * every change that a workstation's offline cache must learn (disabled, roles) moves `changed_at`.
 */
import type { UserRole } from '../common/access/subjects';
import { LoginSchema, type AccountStatus, type SessionUser } from '../common/contract/hub-auth';
import { makeVerifier, oneTimePassword } from '../node/accounts/password';
import { HubFailure } from './errors';
import type { SqlQueryable } from './sql';

export interface UserRow extends Record<string, unknown> {
  id: number;
  login: string;
  display_name: string;
  roles: UserRole[];
  services: string[] | null;
  active: boolean;
  source: 'local' | 'directory';
  verifier: string | null;
  must_change: boolean;
  failed_count: number;
  locked_until: Date | null;
}

export interface NewUser {
  readonly login: string;
  readonly displayName?: string;
  readonly roles: readonly UserRole[];
  readonly services?: readonly string[] | null;
}

export interface UserInfo extends SessionUser {
  readonly active: boolean;
  readonly source: 'local' | 'directory';
  readonly locked: boolean;
  readonly mustChange: boolean;
}

const COLUMNS =
  'id, login, display_name, roles, services, active, source, verifier, must_change, failed_count, locked_until';

export function normalizeLogin(login: string): string {
  const parsed = LoginSchema.safeParse(login);
  if (!parsed.success)
    throw new HubFailure(
      400,
      'bad-login',
      `"${login.slice(0, 64)}" is not a login: ${parsed.error.issues[0]?.message}`,
    );
  return parsed.data;
}

function checkRoles(roles: readonly UserRole[]): void {
  if (roles.length === 0) throw new HubFailure(400, 'no-role', 'An account needs at least one role');
}

/** Creates a local account with a one-time password, which must be changed at the first sign-in. */
export async function addUser(db: SqlQueryable, user: NewUser): Promise<{ login: string; password: string }> {
  const login = normalizeLogin(user.login);
  checkRoles(user.roles);
  const password = oneTimePassword();
  const rows = await db.query<{ id: number }>(
    `INSERT INTO users (login, display_name, roles, services, verifier, must_change)
     VALUES ($1, $2, $3, $4, $5, true) ON CONFLICT (login) DO NOTHING RETURNING id`,
    [
      login,
      user.displayName?.trim() || login,
      [...new Set(user.roles)],
      user.services ?? null,
      await makeVerifier(password),
    ],
  );
  if (rows.length === 0) throw new HubFailure(409, 'login-taken', `An account "${login}" exists already`);
  return { login, password };
}

/** A new one-time password; the account is unlocked and must change it at the next sign-in. */
export async function resetPassword(db: SqlQueryable, login: string): Promise<string> {
  const password = oneTimePassword();
  await updateOne(
    db,
    login,
    `verifier = $2, must_change = true, failed_count = 0, locked_until = NULL, changed_at = now()`,
    [await makeVerifier(password)],
  );
  return password;
}

/** Disables or enables an account; disabling ends its sessions at once. */
export async function setActive(db: SqlQueryable, login: string, active: boolean): Promise<void> {
  const id = await updateOne(db, login, 'active = $2, changed_at = now()', [active]);
  if (!active) await db.query('UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [id]);
}

export async function setRoles(db: SqlQueryable, login: string, roles: readonly UserRole[]): Promise<void> {
  checkRoles(roles);
  await updateOne(db, login, 'roles = $2, changed_at = now()', [[...new Set(roles)]]);
}

async function updateOne(db: SqlQueryable, login: string, set: string, values: unknown[]): Promise<number> {
  const rows = await db.query<{ id: number }>(`UPDATE users SET ${set} WHERE login = $1 RETURNING id`, [
    normalizeLogin(login),
    ...values,
  ]);
  const row = rows[0];
  if (!row) throw new HubFailure(404, 'no-such-user', `No account is named "${login.slice(0, 64)}"`);
  return Number(row.id);
}

export async function findUser(db: SqlQueryable, login: string): Promise<UserRow | null> {
  const parsed = LoginSchema.safeParse(login);
  if (!parsed.success) return null;
  const rows = await db.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE login = $1`, [parsed.data]);
  return rows[0] ?? null;
}

export async function listUsers(db: SqlQueryable, now: number): Promise<UserInfo[]> {
  const rows = await db.query<UserRow>(`SELECT ${COLUMNS} FROM users ORDER BY login`);
  return rows.map((row) => ({
    ...sessionUser(row),
    active: row.active,
    source: row.source,
    locked: row.locked_until !== null && new Date(row.locked_until).getTime() > now,
    mustChange: row.must_change,
  }));
}

/** What the offline caches of a workstation must know of these people; an unknown login is inactive. */
export async function accountStatuses(db: SqlQueryable, logins: readonly string[]): Promise<AccountStatus[]> {
  const wanted = logins.flatMap((login) => {
    const parsed = LoginSchema.safeParse(login);
    return parsed.success ? [parsed.data] : [];
  });
  const rows = await db.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE login = ANY($1::text[])`, [wanted]);
  const found = new Map(rows.map((row) => [row.login, row]));
  return wanted.map((login) => {
    const row = found.get(login);
    return row
      ? { login, active: row.active, displayName: row.display_name, roles: row.roles }
      : { login, active: false, displayName: login, roles: [] };
  });
}

export function sessionUser(row: UserRow): SessionUser {
  return { login: row.login, displayName: row.display_name, roles: row.roles, services: row.services };
}
