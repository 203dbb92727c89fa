/**
 * `npm run serve -- user …`: the accounts of a workstation that works alone, in its data folder
 * (`--data`, default ./.okienko/data) — the same commands the hub takes for an office with a hub.
 * A workstation with a hub uses the hub's accounts and says so.
 */
import path from 'node:path';
import type { ParseArgsOptionsConfig } from 'node:util';
import { parseCommandLine } from '../node/command-line';
import {
  oneTimePasswordPrinted,
  parseUserCommand,
  type Printed,
  type UserCommand,
} from '../node/accounts/user-command';
import { LocalAccounts } from '../station/accounts/local-accounts';
import { loadSettings } from '../station/settings-store';

const OPTIONS = {
  data: { type: 'string' },
  role: { type: 'string', multiple: true },
  service: { type: 'string', multiple: true },
  'display-name': { type: 'string' },
  json: { type: 'boolean' },
} as const satisfies ParseArgsOptionsConfig;

export class AccountsCommandError extends Error {}

const fail = (message: string) => new AccountsCommandError(message);

export function parseAccountsCommand(
  argv: readonly string[],
  cwd = process.cwd(),
): { readonly dataDir: string; readonly command: UserCommand; readonly json: boolean } {
  const { values, positionals } = parseCommandLine(
    { args: [...argv], options: OPTIONS, allowPositionals: true, strict: true },
    fail,
  );
  const [, action, ...rest] = positionals;
  return {
    dataDir: path.resolve(cwd, values.data ?? '.okienko/data'),
    command: parseUserCommand(action, rest, values, fail),
    json: values.json ?? false,
  };
}

export async function runAccountsCommand(dataDir: string, command: UserCommand, json: boolean): Promise<Printed> {
  const { settings } = await loadSettings(dataDir);
  if (settings.hub)
    throw fail(
      `this workstation signs people in at the hub (${settings.hub.url}): manage accounts there, with npm run hub -- user …`,
    );
  const accounts = new LocalAccounts(dataDir);
  switch (command.command) {
    case 'user.add':
      return oneTimePasswordPrinted(command.login, await accounts.add(command));
    case 'user.reset':
      return oneTimePasswordPrinted(command.login, await accounts.reset(command.login));
    case 'user.disable':
    case 'user.enable':
      await accounts.update(command.login, { active: command.command === 'user.enable' });
      return { stdout: `Account "${command.login}" is ${command.command === 'user.enable' ? 'enabled' : 'disabled'}.` };
    case 'user.roles':
      await accounts.update(command.login, { roles: command.roles });
      return { stdout: `Account "${command.login}" now has the roles ${command.roles.join(', ')}.` };
    case 'user.list': {
      const all = (await accounts.all()).map(({ verifier: _verifier, ...account }) => account);
      if (json) return { stdout: JSON.stringify(all) };
      const lines = all.map(
        (a) => `${a.login}\t${a.displayName}\t${a.roles.join(',')}\t${a.active ? 'active' : 'disabled'}`,
      );
      return {
        stdout: lines.length ? lines.join('\n') : '(no accounts yet: npm run serve -- user add <login> --role admin)',
      };
    }
  }
}
