/**
 * The administrator's commands (`npm run hub -- token …`, `after-restore`), run against the hub's database: directly
 * on PostgreSQL (any number of processes may), and on PGlite either directly (no hub running) or
 * by the running hub that owns the folder (see data-dir.ts).
 */
import type { AdminReply, AdminRequest } from './data-dir';
import { HubFailure } from './errors';
import type { SqlClient } from './sql';
import { HubStore } from './store';
import { createToken, listTokens, revokeToken } from './tokens';

export async function runAdminRequest(db: SqlClient, request: AdminRequest): Promise<AdminReply> {
  try {
    switch (request.command) {
      case 'token.create':
        return { ok: true, value: await createToken(db, String(request.name)) };
      case 'token.revoke':
        return { ok: true, value: await revokeToken(db, String(request.name)) };
      case 'token.list':
        return { ok: true, value: await listTokens(db) };
      case 'after-restore':
        return { ok: true, value: await new HubStore(db, 'admin').afterRestore() };
      default:
        return { ok: false, error: { error: 'unknown-command', message: 'Unknown admin command' } };
    }
  } catch (error) {
    if (error instanceof HubFailure) return { ok: false, error: { error: error.code, message: error.message } };
    return { ok: false, error: { error: 'internal', message: error instanceof Error ? error.message : String(error) } };
  }
}
