/**
 * Accounts for tests: a workstation's own accounts (no hub) with a known password, the one-time
 * password already replaced, so a test signs in as a person would after their first day.
 */
import type { UserRole } from '../../electron/common/access/subjects';
import { makeVerifier } from '../../electron/node/accounts/password';
import { LocalAccounts } from '../../electron/station/accounts/local-accounts';

/** The password the test accounts end up with after their first sign-in. */
export const TEST_PASSWORD = 'test password, long enough';

export async function addLocalAccount(
  dataDir: string,
  login: string,
  roles: readonly UserRole[],
  options: { displayName?: string; password?: string } = {},
): Promise<void> {
  const accounts = new LocalAccounts(dataDir);
  await accounts.add({ login, roles, displayName: options.displayName });
  await accounts.update(login, { verifier: await makeVerifier(options.password ?? TEST_PASSWORD), mustChange: false });
}
