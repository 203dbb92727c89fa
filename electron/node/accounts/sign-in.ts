/**
 * The one decision of a sign-in, for the hub (its accounts in SQL) and for a workstation that
 * keeps its own accounts (a JSON file) alike: the lock, the password against the verifier, the
 * disabled account, the one-time password that must be replaced. The caller stores the account's
 * new state and throttles per address (throttle.ts).
 */
import type { LoginFailure } from '../../common/contract/hub-auth';
import type { UserRole } from '../../common/access/subjects';
import { checkPassword, makeVerifier, needsRehash, passwordProblem } from './password';
import { afterFailure, isLocked } from './throttle';

export interface AccountRecord {
  readonly login: string;
  readonly displayName: string;
  readonly roles: readonly UserRole[];
  readonly services: readonly string[] | null;
  readonly active: boolean;
  /** Argon2id PHC string; null for an account whose password the directory checks. */
  readonly verifier: string | null;
  readonly mustChange: boolean;
  readonly failedCount: number;
  readonly lockedUntil: number | null;
}

export interface SignInAttempt {
  readonly password: string;
  readonly newPassword?: string | undefined;
}

/** What the account's record becomes after the attempt (absent: unchanged). */
export type AccountChange = Partial<Pick<AccountRecord, 'verifier' | 'mustChange' | 'failedCount' | 'lockedUntil'>>;

export type SignInOutcome =
  | { readonly ok: true; readonly change: AccountChange }
  | { readonly ok: false; readonly failure: LoginFailure; readonly message: string; readonly change?: AccountChange };

/** Checked against when the login is unknown, so an unknown login costs as much as a wrong password. */
let decoyVerifier: Promise<string> | null = null;

export async function decideSignIn(
  account: AccountRecord | null,
  attempt: SignInAttempt,
  now: number,
): Promise<SignInOutcome> {
  if (!account || account.verifier === null) {
    await checkPassword(await (decoyVerifier ??= makeVerifier('a decoy that never matches')), attempt.password);
    return { ok: false, failure: 'bad-credentials', message: 'Wrong login or password' };
  }
  if (isLocked(account.lockedUntil, now)) {
    const minutes = Math.ceil((account.lockedUntil! - now) / 60_000);
    return {
      ok: false,
      failure: 'account-locked',
      message: `Locked after wrong passwords for ${minutes} more minute(s)`,
    };
  }
  if (!(await checkPassword(account.verifier, attempt.password))) {
    const { failedCount, lockedUntil } = afterFailure(account.failedCount, now);
    const change = lockedUntil === null ? { failedCount } : { failedCount, lockedUntil };
    return { ok: false, failure: 'bad-credentials', message: 'Wrong login or password', change };
  }
  if (!account.active) return { ok: false, failure: 'account-disabled', message: 'This account is disabled' };
  return afterRightPassword(account, attempt);
}

/** The password was right: the one-time password replaced, an old verifier re-hashed, failures forgotten. */
async function afterRightPassword(account: AccountRecord, attempt: SignInAttempt): Promise<SignInOutcome> {
  const cleared = { failedCount: 0, lockedUntil: null, mustChange: false };
  if (account.mustChange) {
    if (attempt.newPassword === undefined)
      return { ok: false, failure: 'password-change-required', message: 'The one-time password must be replaced now' };
    const problem = passwordProblem(attempt.newPassword, account.login);
    if (problem || attempt.newPassword === attempt.password)
      return { ok: false, failure: 'weak-password', message: `The new password: ${problem ?? 'it is the old one'}` };
    return { ok: true, change: { ...cleared, verifier: await makeVerifier(attempt.newPassword) } };
  }
  const verifier = needsRehash(account.verifier!) ? await makeVerifier(attempt.password) : account.verifier;
  return { ok: true, change: { ...cleared, verifier } };
}
