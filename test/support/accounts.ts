/**
 * Accounts for tests: a workstation's own accounts (no hub) with a known password, the one-time
 * password already replaced, so a test signs in as a person would after their first day; a
 * supervisor's or admin's authenticator app enrolled with TEST_TOTP_SECRET; and the codes such an
 * app would show.
 */
import { TOTP, Secret } from 'otpauth';
import { needsSecondFactor, type UserRole } from '../../electron/common/access/subjects';
import { makeVerifier } from '../../electron/node/accounts/password';
import { LocalAccounts } from '../../electron/station/accounts/local-accounts';

/** The authenticator secret every test person enrols (an app would make each its own). */
export const TEST_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const PERIOD_MS = 30_000;

/** The last step a code was made for, per person: a code is accepted once (RFC 6238 §5.2). */
const lastSteps = new Map<string, number>();

/**
 * A code that `login`'s app would show and that was not used yet: the verifiers accept the step
 * before and after the current one, so up to three sign-ins fit in 30 seconds; past that this waits.
 */
export async function nextTotpCode(
  login: string,
  secret = TEST_TOTP_SECRET,
  /** Where the code is checked, when each place keeps its own last step (a workstation's own accounts). */
  realm = '',
): Promise<string> {
  const key = `${realm}:${secret}:${login}`;
  const current = Math.floor(Date.now() / PERIOD_MS);
  const step = Math.max((lastSteps.get(key) ?? 0) + 1, current - 1);
  if (step > current + 1) await new Promise((resolve) => setTimeout(resolve, (step - 1) * PERIOD_MS - Date.now() + 50));
  lastSteps.set(key, step);
  return totpAt(secret, step * PERIOD_MS + PERIOD_MS / 2);
}

export function totpAt(secret: string, timestamp: number): string {
  return new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp });
}

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
  const secondFactor = needsSecondFactor(roles) ? { secret: TEST_TOTP_SECRET, lastStep: 0, recoveryHashes: [] } : null;
  await accounts.update(login, {
    verifier: await makeVerifier(options.password ?? TEST_PASSWORD),
    mustChange: false,
    secondFactor,
  });
}
