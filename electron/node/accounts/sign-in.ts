/**
 * The one decision of a sign-in, for the hub (its accounts in SQL) and for a workstation that
 * keeps its own accounts (a JSON file) alike: the lock, the password against the verifier, the
 * disabled account, the one-time password that must be replaced, and a supervisor's or an admin's
 * second factor (second-factor.ts), enrolled at the first sign-in that asks for it. The caller
 * stores the account's new state and throttles per address (throttle.ts).
 */
import type { LoginFailure } from '../../common/contract/hub-auth';
import { needsSecondFactor, type UserRole } from '../../common/access/subjects';
import { checkPassword, makeVerifier, needsRehash, passwordProblem } from './password';
import {
  acceptTotp,
  isRecoveryCode,
  isTotpSecret,
  newRecoveryCodes,
  useRecoveryCode,
  type SecondFactorRecord,
} from './second-factor';
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
  /** The TOTP secret and recovery codes of a supervisor or admin who enrolled; null before. */
  readonly secondFactor: SecondFactorRecord | null;
}

export interface SignInAttempt {
  readonly password: string;
  readonly newPassword?: string | undefined;
  /** Six digits from the authenticator app, or a recovery code. */
  readonly code?: string | undefined;
  /** At enrolment: the new secret the person's app was given (the code must come from it). */
  readonly enrolSecret?: string | undefined;
}

/** What the account's record becomes after the attempt (absent: unchanged). */
export type AccountChange = Partial<
  Pick<AccountRecord, 'verifier' | 'mustChange' | 'failedCount' | 'lockedUntil' | 'secondFactor'>
>;

/** The second factor a sign-in passed: the secret (for a workstation's offline cache) and, once, new recovery codes. */
export interface SecondFactorGrant {
  readonly secret: string;
  /** The TOTP step of the code given; null for a recovery code. */
  readonly step: number | null;
  /** Shown once, at enrolment. */
  readonly recoveryCodes?: readonly string[];
}

export type SignInOutcome =
  | { readonly ok: true; readonly change: AccountChange; readonly secondFactor: SecondFactorGrant | null }
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
  return afterRightPassword(account, attempt, now);
}

/**
 * A person whose password the office's directory has just accepted (electron/hub/directory.ts):
 * the lock and the disabled account as for anyone, then the second factor; no verifier is kept.
 */
export function decideAfterDirectory(account: AccountRecord, attempt: SignInAttempt, now: number): SignInOutcome {
  if (isLocked(account.lockedUntil, now))
    return { ok: false, failure: 'account-locked', message: 'Locked after wrong passwords or codes' };
  if (!account.active) return { ok: false, failure: 'account-disabled', message: 'This account is disabled' };
  const second = checkSecondFactor(account, attempt, now);
  if (!second.ok) return second;
  const change: AccountChange = { failedCount: 0, lockedUntil: null };
  return {
    ok: true,
    change: second.record ? { ...change, secondFactor: second.record } : change,
    secondFactor: second.grant,
  };
}

/** The password was right: the one-time password replaced, the second factor checked, failures forgotten. */
async function afterRightPassword(account: AccountRecord, attempt: SignInAttempt, now: number): Promise<SignInOutcome> {
  if (account.mustChange) {
    if (attempt.newPassword === undefined)
      return { ok: false, failure: 'password-change-required', message: 'The one-time password must be replaced now' };
    const problem = passwordProblem(attempt.newPassword, account.login);
    if (problem || attempt.newPassword === attempt.password)
      return { ok: false, failure: 'weak-password', message: `The new password: ${problem ?? 'it is the old one'}` };
  }
  const second = checkSecondFactor(account, attempt, now);
  if (!second.ok) return second;
  const password = account.mustChange ? attempt.newPassword! : attempt.password;
  const verifier =
    account.mustChange || needsRehash(account.verifier!) ? await makeVerifier(password) : account.verifier!;
  const change: AccountChange = { failedCount: 0, lockedUntil: null, mustChange: false, verifier };
  return {
    ok: true,
    change: second.record ? { ...change, secondFactor: second.record } : change,
    secondFactor: second.grant,
  };
}

type SecondFactorCheck =
  | { readonly ok: true; readonly record: SecondFactorRecord | null; readonly grant: SecondFactorGrant | null }
  | Extract<SignInOutcome, { ok: false }>;

function checkSecondFactor(account: AccountRecord, attempt: SignInAttempt, now: number): SecondFactorCheck {
  if (!needsSecondFactor(account.roles)) return { ok: true, record: null, grant: null };
  const enrolled = account.secondFactor;
  if (!enrolled) return enrol(account, attempt, now);
  const code = attempt.code?.trim();
  if (!code)
    return { ok: false, failure: 'second-factor-required', message: 'The code from the authenticator app is needed' };
  if (isRecoveryCode(code)) {
    const left = useRecoveryCode(enrolled.recoveryHashes, code);
    if (left)
      return {
        ok: true,
        record: { ...enrolled, recoveryHashes: left },
        grant: { secret: enrolled.secret, step: null },
      };
  } else {
    const step = acceptTotp(enrolled.secret, code, enrolled.lastStep, now);
    if (step !== null)
      return { ok: true, record: { ...enrolled, lastStep: step }, grant: { secret: enrolled.secret, step } };
  }
  return badCode(account, now);
}

/** The first sign-in of a supervisor or admin: the app is given a new secret and proves it with a code. */
function enrol(account: AccountRecord, attempt: SignInAttempt, now: number): SecondFactorCheck {
  const secret = attempt.enrolSecret;
  if (!secret || !isTotpSecret(secret))
    return {
      ok: false,
      failure: 'second-factor-enrolment-required',
      message: 'A supervisor or an admin enrols an authenticator app first',
    };
  const step = attempt.code ? acceptTotp(secret, attempt.code, 0, now) : null;
  if (step === null) return badCode(account, now);
  const recovery = newRecoveryCodes();
  return {
    ok: true,
    record: { secret, lastStep: step, recoveryHashes: recovery.hashes },
    grant: { secret, step, recoveryCodes: recovery.codes },
  };
}

/** A wrong code counts as a wrong password towards the lock. */
function badCode(account: AccountRecord, now: number): SecondFactorCheck {
  const { failedCount, lockedUntil } = afterFailure(account.failedCount, now);
  const change = lockedUntil === null ? { failedCount } : { failedCount, lockedUntil };
  return { ok: false, failure: 'bad-second-factor', message: 'Wrong or already used code', change };
}
