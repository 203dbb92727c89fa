/**
 * The administrator's commands (`npm run hub -- token …`, `user …`, `after-restore`), run against the hub's database: directly
 * on PostgreSQL (any number of processes may), and on PGlite either directly (no hub running) or
 * by the running hub that owns the folder (see data-dir.ts).
 */
import type { AdminReply, AdminRequest } from './data-dir';
import { HubFailure } from './errors';
import type { SqlClient } from './sql';
import { HubStore, type StoredDocument } from './store';
import { checkConfiguration, describeConfigProblem } from '../common/domain/office-config';
import { exportConfiguration, importConfiguration } from './office-configuration';
import { createToken, listTokens, revokeToken, setTokenKind } from './tokens';
import { addUser, listUsers, resetPassword, setActive, setRoles } from './users';

export async function runAdminRequest(
  db: SqlClient,
  request: AdminRequest,
  now = Date.now(),
  /** The running hub's own: what an import writes reaches its live feed (`onWritten`). */
  running?: { readonly store: HubStore; readonly onWritten: (written: StoredDocument[]) => void },
): Promise<AdminReply> {
  try {
    if (request.command === 'office.import') return { ok: true, value: await importFile(db, request, now, running) };
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
    case 'office.export': {
      const configuration = await exportConfiguration(db);
      if (!configuration) throw new HubFailure(404, 'not-set-up', 'The office is not set up yet: nothing to export');
      return configuration;
    }
    default:
      throw new HubFailure(400, 'unknown-command', 'Unknown admin command');
  }
}

/** An import, checked again here (the command line checked it too): all of it, or a refusal naming every problem. */
async function importFile(
  db: SqlClient,
  request: Extract<AdminRequest, { command: 'office.import' }>,
  now: number,
  running?: { readonly store: HubStore; readonly onWritten: (written: StoredDocument[]) => void },
): Promise<{ written: number }> {
  const checked = checkConfiguration(request.configuration);
  if (!checked.ok)
    throw new HubFailure(
      422,
      'bad-configuration',
      `Nothing was imported: ${checked.problems.map((problem) => describeConfigProblem(problem, 'en')).join('; ')}`,
    );
  const written = await importConfiguration(running?.store ?? new HubStore(db, 'admin'), checked.configuration, now);
  running?.onWritten(written);
  return { written: written.length };
}
