/**
 * Sessions: what a window's requests carry instead of the workstation's token. The station opens
 * one with its token for each window — with a person (`/auth/login`) or without (a kiosk, a
 * board) — and the hub keeps only the SHA-256 of its secret. A session names its workstation and
 * its person, so the hub knows who acted from the session, never from the request body.
 */
import type { TokenKind, UserRole } from '../common/access/subjects';
import { isSessionBearer, type SessionUser } from '../common/contract/hub-auth';
import { slotFromToken } from '../common/contract/hub';
import type { SqlQueryable } from './sql';
import { authenticate, hashToken, newSecret, type Station } from './tokens';

/** A working day and then some: a clerk signs in once in the morning. */
export const SESSION_TTL_MS = 12 * 60 * 60_000;

/** The workstation and the person behind a request. */
export interface Caller {
  readonly station: Station;
  /** The signed-in person, or null for the workstation's token or a window with nobody signed in. */
  readonly user: SessionUser | null;
  /** The session the request carries; null when it carries the workstation's token. */
  readonly sessionId: number | null;
}

export async function openSession(
  db: SqlQueryable,
  station: Station,
  userId: number | null,
  now: number,
  /** 'board': held to a board's rights (a paired TV), whatever the token's kind. */
  kind: 'board' | null = null,
): Promise<{ session: string; expiresAt: number }> {
  const session = `oks_${station.slot}_${newSecret()}`;
  const expiresAt = now + SESSION_TTL_MS;
  await db.query(
    'INSERT INTO sessions (secret_hash, token_id, user_id, expires_at, kind) VALUES ($1, $2, $3, $4, $5)',
    [hashToken(session), station.tokenId, userId, new Date(expiresAt), kind],
  );
  return { session, expiresAt };
}

interface SessionRow extends Record<string, unknown> {
  id: number;
  token_id: number;
  name: string;
  slot: number;
  kind: TokenKind | null;
  session_kind: 'board' | null;
  login: string | null;
  display_name: string | null;
  roles: UserRole[] | null;
  services: string[] | null;
  active: boolean | null;
}

/**
 * Who a bearer is: a workstation token, or a live session of an unrevoked token (and, with a
 * person, an active account). null when unknown, expired, revoked or disabled.
 */
export async function authenticateBearer(db: SqlQueryable, bearer: string, now: number): Promise<Caller | null> {
  if (!isSessionBearer(bearer)) {
    const station = await authenticate(db, bearer);
    return station ? { station, user: null, sessionId: null } : null;
  }
  const slot = slotFromToken(bearer);
  if (slot === null) return null;
  const rows = await db.query<SessionRow>(
    `SELECT s.id, s.token_id, t.name, t.slot, t.kind, s.kind AS session_kind, u.login, u.display_name, u.roles, u.services, u.active
       FROM sessions s JOIN tokens t ON t.id = s.token_id LEFT JOIN users u ON u.id = s.user_id
      WHERE s.secret_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND t.revoked_at IS NULL`,
    [hashToken(bearer), new Date(now)],
  );
  const row = rows[0];
  if (!row || Number(row.slot) !== slot || row.active === false) return null;
  const kind = row.session_kind ?? row.kind;
  const station: Station = { tokenId: Number(row.token_id), name: row.name, slot, kind };
  const user =
    row.login === null
      ? null
      : {
          login: row.login,
          displayName: row.display_name ?? row.login,
          roles: row.roles ?? [],
          services: row.services,
        };
  return { station, user, sessionId: Number(row.id) };
}

export async function revokeSession(db: SqlQueryable, sessionId: number): Promise<void> {
  await db.query('UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [sessionId]);
}

/** Forgets sessions that ended more than a day ago. */
export async function purgeSessions(db: SqlQueryable, now: number): Promise<void> {
  await db.query(`DELETE FROM sessions WHERE expires_at < $1 OR revoked_at < $1`, [new Date(now - 24 * 60 * 60_000)]);
}
