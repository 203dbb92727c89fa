/**
 * The administrator's commands (`npm run hub -- token …`, `user …`, `after-restore`), run against the hub's database: directly
 * on PostgreSQL (any number of processes may), and on PGlite either directly (no hub running) or
 * by the running hub that owns the folder (see data-dir.ts).
 */
import type { AdminReply, AdminRequest } from './data-dir';
import { HubFailure } from './errors';
import type { SqlClient } from './sql';
import { HubStore } from './store';
import { createToken, listTokens, revokeToken, setTokenKind } from './tokens';
import { addUser, listUsers, resetPassword, setActive, setRoles } from './users';

export async function runAdminRequest(db: SqlClient, request: AdminRequest, now = Date.now()): Promise<AdminReply> {
  try {
    return { ok: true, value: await runAdminCommand(db, request, now) };
  } catch (error) {
    if (error instanceof HubFailure) return { ok: false, error: { error: error.code, message: error.message } };
    return { ok: false, error: { error: 'internal', message: error instanceof Error ? error.message : String(error) } };
  }
}

/** One admin command; a refusal is thrown as the HubFailure it is (the HTTP route answers with it). */
export async function runAdminCommand(db: SqlClient, request: AdminRequest, now: number): Promise<unknown> {
  switch (request.command) {
    case 'token.create':
      return createToken(db, String(request.name), request.kind);
    case 'token.kind':
      return setTokenKind(db, String(request.name), String(request.kind));
    case 'token.revoke':
      return revokeToken(db, String(request.name));
    case 'token.list':
      return listTokens(db);
    case 'user.add':
      return addUser(db, request);
    case 'user.roles':
      return setRoles(db, request.login, request.roles);
    case 'user.disable':
    case 'user.enable':
      return setActive(db, request.login, request.command === 'user.enable');
    case 'user.reset':
      return { login: request.login, password: await resetPassword(db, request.login) };
    case 'user.list':
      return listUsers(db, now);
    case 'after-restore':
      return new HubStore(db, 'admin').afterRestore();
    default:
      throw new HubFailure(400, 'unknown-command', 'Unknown admin command');
  }
}
