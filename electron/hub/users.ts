/**
 * The office's accounts, kept at the hub: who may sign in, with which roles, for which services.
 * Administrators manage them with `npm run hub -- user …` on the hub and from the admin screen;
 * every change that a workstation's offline cache must learn (disabled, roles) moves `changed_at`.
 */
import type { UserRole } from '../common/access/subjects';
import { LoginSchema, type AccountStatus, type SessionUser } from '../common/contract/hub-auth';
import { makeVerifier, oneTimePassword } from '../node/accounts/password';
import type { DirectoryPerson } from './directory';
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
  totp_secret: string | null;
  totp_enabled: boolean;
  totp_last_step: string | number;
  recovery_codes: string[];
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
  /** An authenticator app is enrolled. */
  readonly secondFactor: boolean;
}

const COLUMNS = `id, login, display_name, roles, services, active, source, verifier, must_change, failed_count,
  locked_until, totp_secret, totp_enabled, totp_last_step, recovery_codes`;

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

/**
 * A new one-time password; the account is unlocked and must change it at the next sign-in. The
 * second factor goes too (a lost phone is the usual reason to ask): it is enrolled again then. A
 * directory account keeps the directory's password (null): it is unlocked and enrols again.
 */
export async function resetPassword(db: SqlQueryable, login: string): Promise<string | null> {
  const password = oneTimePassword();
  const rows = await db.query<{ source: string }>(
    `UPDATE users SET verifier = CASE WHEN source = 'local' THEN $2 END, must_change = (source = 'local'),
       failed_count = 0, locked_until = NULL, totp_secret = NULL, totp_enabled = false, totp_last_step = 0,
       recovery_codes = '{}', changed_at = now()
     WHERE login = $1 RETURNING source`,
    [normalizeLogin(login), await makeVerifier(password)],
  );
  if (!rows[0]) throw new HubFailure(404, 'no-such-user', `No account is named "${login.slice(0, 64)}"`);
  // A reset is often the answer to a stolen password or phone: the sessions it opened end too.
  await db.query(
    `UPDATE sessions SET revoked_at = now()
      WHERE user_id = (SELECT id FROM users WHERE login = $1) AND revoked_at IS NULL`,
    [normalizeLogin(login)],
  );
  return rows[0].source === 'local' ? password : null;
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

/**
 * A person the directory has just accepted, as the hub keeps them: created at the first sign-in,
 * their name and roles refreshed from the directory's groups at every one. A local account of the
 * same login is never taken over (null). No password is kept for them here.
 */
export async function syncDirectoryUser(db: SqlQueryable, person: DirectoryPerson): Promise<UserRow | null> {
  const rows = await db.query<UserRow>(
    `INSERT INTO users (login, display_name, roles, source) VALUES ($1, $2, $3, 'directory')
     ON CONFLICT (login) DO UPDATE SET display_name = EXCLUDED.display_name, roles = EXCLUDED.roles,
       changed_at = CASE WHEN users.roles = EXCLUDED.roles THEN users.changed_at ELSE now() END
     WHERE users.source = 'directory'
     RETURNING ${COLUMNS}`,
    [normalizeLogin(person.login), person.displayName, [...new Set(person.roles)]],
  );
  return rows[0] ?? null;
}

/** A directory person the directory no longer puts in any mapped group: no roles, no sessions. */
export async function dropDirectoryRoles(db: SqlQueryable, id: number): Promise<void> {
  await db.query(`UPDATE users SET roles = '{}', changed_at = now() WHERE id = $1 AND roles <> '{}'`, [id]);
  await db.query('UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [id]);
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
    secondFactor: row.totp_enabled,
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
      ? { login, active: row.active && row.roles.length > 0, displayName: row.display_name, roles: row.roles }
      : { login, active: false, displayName: login, roles: [] };
  });
}

export function sessionUser(row: UserRow): SessionUser {
  return { login: row.login, displayName: row.display_name, roles: row.roles, services: row.services };
}
