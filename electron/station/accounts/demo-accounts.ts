/**
 * `npm run serve -- --demo` on a workstation that works alone: the demo accounts
 * (node/accounts/demo-accounts.ts) in its own accounts file, each made once, ready to sign in —
 * no one-time password to replace, the supervisor's and admin's authenticator key enrolled. An
 * account that exists already is left as it is. With a hub, the hub's `--demo` makes them there.
 */
import { DEMO_ACCOUNTS, demoCredentials } from '../../node/accounts/demo-accounts';
import type { LocalAccounts } from './local-accounts';

export async function addDemoAccounts(accounts: LocalAccounts): Promise<void> {
  for (const account of DEMO_ACCOUNTS) {
    if (await accounts.find(account.login)) continue;
    await accounts.add(account);
    await accounts.update(account.login, { ...(await demoCredentials(account)), mustChange: false });
  }
}
