/**
 * Workstation tokens. An administrator enrols a workstation with `npm run hub -- token create
 * --name <station> --kind <kind>`; the hub stores only the SHA-256 of the token, so a copy of the
 * database does not let anyone in. The kind (kiosk, counter, board, supervisor) decides what the
 * workstation may do (electron/common/access/hub-access.ts). The token names its slot (`okh_<slot>_<secret>`): a workstation knows its
 * offline number range (electron/common/contract/hub.ts `fallbackRange`) without asking the hub.
 */
import { createHash, randomBytes } from 'node:crypto';
import { isTokenKind, TOKEN_KINDS, type TokenKind } from '../common/access/subjects';
import { slotFromToken } from '../common/contract/hub';
import { HubFailure } from './errors';
import type { SqlClient, SqlQueryable } from './sql';

export const MAX_SLOT = 99;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function formatToken(slot: number, secret: string): string {
  return `okh_${slot}_${secret}`;
}

/** 32 random bytes → 43 characters of base64url. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The lowest slot 1..99 not in `taken`, or null when all are. */
export function lowestFreeSlot(taken: Iterable<number>): number | null {
  const used = new Set(taken);
  for (let slot = 1; slot <= MAX_SLOT; slot++) if (!used.has(slot)) return slot;
  return null;
}

export function checkStationName(name: string): void {
  if (!NAME.test(name)) {
    throw new HubFailure(
      400,
      'bad-name',
      `"${name}" is not a station name: use 1-64 letters, digits, dots, dashes or underscores`,
    );
  }
}

export function checkTokenKind(kind: string): TokenKind {
  if (isTokenKind(kind)) return kind;
  throw new HubFailure(
    400,
    'bad-kind',
    `"${kind.slice(0, 32)}" is not a workstation kind: use ${TOKEN_KINDS.join(', ')}`,
  );
}

export interface TokenInfo {
  readonly name: string;
  readonly slot: number;
  /** null: enrolled before kinds existed; it keeps its old rights until `token kind` gives it one. */
  readonly kind: TokenKind | null;
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

export interface Station {
  readonly tokenId: number;
  readonly name: string;
  readonly slot: number;
  readonly kind: TokenKind | null;
}

/**
 * A new token for `name`. A name that was revoked gets a fresh token on its old slot (the same
 * workstation, enrolled again); a new name takes the lowest slot no token has ever held, so a slot
 * is never shared by two workstations.
 */
export async function createToken(
  db: SqlClient,
  name: string,
  kind: TokenKind,
): Promise<{ token: string; slot: number }> {
  checkStationName(name);
  checkTokenKind(kind);
  return db.transaction(async (tx) => {
    // Serialise enrolments so two at once cannot pick the same slot.
    await tx.query('LOCK TABLE tokens IN SHARE ROW EXCLUSIVE MODE');
    const existing = await tx.query<{ slot: number; revoked_at: Date | null }>(
      'SELECT slot, revoked_at FROM tokens WHERE name = $1',
      [name],
    );
    const secret = newSecret();
    const found = existing[0];
    if (found) {
      if (found.revoked_at === null) {
        throw new HubFailure(
          409,
          'name-taken',
          `Station "${name}" already has a token; revoke it first to issue a new one`,
        );
      }
      const token = formatToken(found.slot, secret);
      await tx.query(
        'UPDATE tokens SET token_hash = $2, kind = $3, created_at = now(), revoked_at = NULL WHERE name = $1',
        [name, hashToken(token), kind],
      );
      return { token, slot: found.slot };
    }
    const slots = await tx.query<{ slot: number }>('SELECT slot FROM tokens');
    const slot = lowestFreeSlot(slots.map((row) => Number(row.slot)));
    if (slot === null)
      throw new HubFailure(
        409,
        'no-free-slot',
        `All ${MAX_SLOT} slots are taken; re-enrol a revoked station name instead`,
      );
    const token = formatToken(slot, secret);
    await tx.query('INSERT INTO tokens (name, slot, token_hash, kind) VALUES ($1, $2, $3, $4)', [
      name,
      slot,
      hashToken(token),
      kind,
    ]);
    return { token, slot };
  });
}

/** Gives a token its kind: how a token enrolled before kinds existed comes under them (README "Upgrading"). */
export async function setTokenKind(db: SqlQueryable, name: string, kind: string): Promise<TokenInfo> {
  const rows = await db.query<TokenRow>(
    'UPDATE tokens SET kind = $2 WHERE name = $1 RETURNING name, slot, kind, created_at, revoked_at',
    [name, checkTokenKind(kind)],
  );
  const row = rows[0];
  if (!row) throw new HubFailure(404, 'no-such-station', `No token is named "${name}"`);
  return toInfo(row);
}

export async function revokeToken(db: SqlQueryable, name: string): Promise<TokenInfo> {
  const rows = await db.query<TokenRow>(
    'UPDATE tokens SET revoked_at = coalesce(revoked_at, now()) WHERE name = $1 RETURNING name, slot, kind, created_at, revoked_at',
    [name],
  );
  const row = rows[0];
  if (!row) throw new HubFailure(404, 'no-such-station', `No token is named "${name}"`);
  return toInfo(row);
}

export async function listTokens(db: SqlQueryable): Promise<TokenInfo[]> {
  const rows = await db.query<TokenRow>('SELECT name, slot, kind, created_at, revoked_at FROM tokens ORDER BY slot');
  return rows.map(toInfo);
}

/** The station a bearer token belongs to, or null when it is unknown or revoked. */
export async function authenticate(db: SqlQueryable, token: string): Promise<Station | null> {
  const slot = slotFromToken(token);
  if (slot === null) return null;
  const rows = await db.query<{ id: number; name: string; slot: number; kind: TokenKind | null }>(
    'SELECT id, name, slot, kind FROM tokens WHERE token_hash = $1 AND revoked_at IS NULL',
    [hashToken(token)],
  );
  const row = rows[0];
  if (!row || Number(row.slot) !== slot) return null;
  return { tokenId: Number(row.id), name: row.name, slot, kind: row.kind };
}

interface TokenRow extends Record<string, unknown> {
  name: string;
  slot: number;
  kind: TokenKind | null;
  created_at: Date;
  revoked_at: Date | null;
}

function toInfo(row: TokenRow): TokenInfo {
  return {
    name: row.name,
    slot: Number(row.slot),
    kind: row.kind,
    createdAt: new Date(row.created_at).toISOString(),
    revokedAt: row.revoked_at ? new Date(row.revoked_at).toISOString() : null,
  };
}
