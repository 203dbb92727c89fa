/** The admin screen's account management, in an admin's session (contract/accounts.ts). */
import { AccountChangeSchema, type AccountChangeReply, type AccountInfo } from '../../../common/contract/accounts';
import { runAdminCommand } from '../../admin';
import { listUsers } from '../../users';
import { parseBody, readJson } from '../body';
import type { StationContext } from '../context';
import { sendJson } from '../messages';

export async function listAccounts({ hub, response }: StationContext): Promise<void> {
  const users = await listUsers(hub.store.db, hub.now());
  const accounts: AccountInfo[] = users.map(
    ({ login, displayName, roles, active, locked, mustChange, secondFactor, source }) => ({
      login,
      displayName,
      roles,
      active,
      locked,
      mustChange,
      secondFactor,
      source,
    }),
  );
  sendJson(response, 200, accounts);
}

export async function changeAccount({ hub, request, response, caller }: StationContext): Promise<void> {
  const change = parseBody(AccountChangeSchema, await readJson(request), 'an account change is a user command');
  const value = (await runAdminCommand(hub.store.db, change, hub.now())) as { password?: string } | undefined;
  hub.log.info('account changed', { command: change.command, login: change.login, by: caller.user?.login });
  const reply: AccountChangeReply = value?.password ? { oneTimePassword: value.password } : {};
  sendJson(response, 200, reply);
}
