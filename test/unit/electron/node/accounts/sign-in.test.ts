import { Secret, TOTP } from 'otpauth';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkPassword, makeVerifier } from '../../../../../electron/node/accounts/password';
import {
  newRecoveryCodes,
  newTotpSecret,
  useRecoveryCode,
  type SecondFactorRecord,
} from '../../../../../electron/node/accounts/second-factor';
import {
  decideSignIn,
  type AccountChange,
  type AccountRecord,
  type SignInOutcome,
} from '../../../../../electron/node/accounts/sign-in';
import { LOCK_AFTER_FAILURES, LOCK_MS } from '../../../../../electron/node/accounts/throttle';

/** 2026-03-10 09:00:15 UTC: fifteen seconds into a 30-second step. */
const NOW = Date.UTC(2026, 2, 10, 9, 0, 15);
const STEP = Math.floor(NOW / 30_000);
const PASSWORD = 'ciepły wrzesień w Łodzi';
const NEW_PASSWORD = 'mroźny styczeń nad Wisłą';

/** A code from an authenticator app, made by `otpauth` alone, not by the code under test. */
function appCode(secret: string, timestamp = NOW): string {
  return new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp });
}

/** Six digits that are not the code of the step at `timestamp` nor of its neighbours. */
function wrongCode(secret: string, timestamp = NOW): string {
  const valid = new Set([-1, 0, 1].map((delta) => appCode(secret, timestamp + delta * 30_000)));
  let candidate = 0;
  while (valid.has(String(candidate).padStart(6, '0'))) candidate++;
  return String(candidate).padStart(6, '0');
}

let verifier: string;
beforeAll(async () => {
  verifier = await makeVerifier(PASSWORD);
});

function account(overrides: Partial<AccountRecord> = {}): AccountRecord {
  return {
    login: 'anna',
    displayName: 'Anna Kowalska',
    roles: ['supervisor'],
    services: null,
    active: true,
    verifier,
    mustChange: false,
    failedCount: 0,
    lockedUntil: null,
    secondFactor: null,
    ...overrides,
  };
}

/** An enrolled second factor whose last code was used a few minutes ago, and its recovery codes. */
function enrolled(): { record: SecondFactorRecord; codes: string[] } {
  const { codes, hashes } = newRecoveryCodes();
  return { record: { secret: newTotpSecret(), lastStep: STEP - 10, recoveryHashes: hashes }, codes };
}

/** The record as the caller stores it after the attempt. */
function applied(record: AccountRecord, outcome: SignInOutcome): AccountRecord {
  return { ...record, ...(outcome.change ?? {}) };
}

function failure(outcome: SignInOutcome): string | null {
  return outcome.ok ? null : outcome.failure;
}

function changeOf(outcome: SignInOutcome): AccountChange {
  if (!outcome.change) throw new Error(`no change in ${JSON.stringify(outcome)}`);
  return outcome.change;
}

describe('sign-in of a clerk', () => {
  it('needs the password alone', async () => {
    const clerk = account({ roles: ['clerk'], failedCount: 3 });
    const outcome = await decideSignIn(clerk, { password: PASSWORD }, NOW);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.secondFactor).toBeNull();
    expect(outcome.change).toEqual({ failedCount: 0, lockedUntil: null, mustChange: false, verifier });
  });
});

describe('enrolment of a second factor', () => {
  it('is required of a supervisor and an admin before anything else', async () => {
    for (const roles of [['supervisor'], ['admin'], ['clerk', 'admin']] as const) {
      const outcome = await decideSignIn(account({ roles }), { password: PASSWORD }, NOW);
      expect(failure(outcome)).toBe('second-factor-enrolment-required');
    }
    const secret = newTotpSecret();
    const withoutSecret = await decideSignIn(account(), { password: PASSWORD, code: appCode(secret) }, NOW);
    expect(failure(withoutSecret)).toBe('second-factor-enrolment-required');
    const badSecret = await decideSignIn(
      account(),
      { password: PASSWORD, enrolSecret: secret.toLowerCase(), code: appCode(secret) },
      NOW,
    );
    expect(failure(badSecret)).toBe('second-factor-enrolment-required');
  });

  it('keeps the secret, the code’s step and ten recovery codes once the code is right', async () => {
    const secret = newTotpSecret();
    const outcome = await decideSignIn(
      account({ failedCount: 2 }),
      { password: PASSWORD, enrolSecret: secret, code: appCode(secret) },
      NOW,
    );
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.change.failedCount).toBe(0);
    const stored = outcome.change.secondFactor!;
    expect(stored.secret).toBe(secret);
    expect(stored.lastStep).toBe(STEP);
    expect(stored.recoveryHashes).toHaveLength(10);
    expect(outcome.secondFactor?.secret).toBe(secret);
    expect(outcome.secondFactor?.step).toBe(STEP);
    const codes = outcome.secondFactor?.recoveryCodes ?? [];
    expect(codes).toHaveLength(10);
    let hashes: readonly string[] = stored.recoveryHashes;
    for (const code of codes) {
      expect(hashes).not.toContain(code);
      const left = useRecoveryCode(hashes, code);
      expect(left).toHaveLength(hashes.length - 1);
      hashes = left!;
    }
  });

  it('counts a wrong code as a failure', async () => {
    const secret = newTotpSecret();
    const outcome = await decideSignIn(
      account({ failedCount: 2 }),
      { password: PASSWORD, enrolSecret: secret, code: wrongCode(secret) },
      NOW,
    );
    expect(failure(outcome)).toBe('bad-second-factor');
    expect(changeOf(outcome)).toEqual({ failedCount: 3 });
    expect(changeOf(outcome).secondFactor).toBeUndefined();
  });
});

describe('sign-in with an enrolled second factor', () => {
  it('asks for the code after the right password', async () => {
    const { record } = enrolled();
    const outcome = await decideSignIn(account({ secondFactor: record }), { password: PASSWORD }, NOW);
    expect(failure(outcome)).toBe('second-factor-required');
    expect(outcome.change).toBeUndefined();
  });

  it('accepts the code once and advances the last step', async () => {
    const { record } = enrolled();
    const before = account({ secondFactor: record });
    const code = appCode(record.secret);
    const outcome = await decideSignIn(before, { password: PASSWORD, code }, NOW);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.change.secondFactor).toEqual({ ...record, lastStep: STEP });
    expect(outcome.secondFactor?.secret).toBe(record.secret);
    expect(outcome.secondFactor?.step).toBe(STEP);
    expect(outcome.secondFactor?.recoveryCodes).toBeUndefined();

    const after = applied(before, outcome);
    const replay = await decideSignIn(after, { password: PASSWORD, code }, NOW + 5_000);
    expect(failure(replay)).toBe('bad-second-factor');
    expect(changeOf(replay)).toEqual({ failedCount: 1 });

    const next = await decideSignIn(
      after,
      { password: PASSWORD, code: appCode(record.secret, NOW + 30_000) },
      NOW + 30_000,
    );
    expect(next.ok).toBe(true);
    expect(next.change?.secondFactor?.lastStep).toBe(STEP + 1);
  });

  it('accepts a recovery code once, instead of the app’s code', async () => {
    const { record, codes } = enrolled();
    const before = account({ secondFactor: record });
    const outcome = await decideSignIn(before, { password: PASSWORD, code: codes[2]!.toUpperCase() }, NOW);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const stored = outcome.change.secondFactor!;
    expect(stored.recoveryHashes).toHaveLength(9);
    expect(stored.recoveryHashes).toEqual(record.recoveryHashes.filter((_, at) => at !== 2));
    expect(stored.lastStep).toBe(record.lastStep);
    expect(stored.secret).toBe(record.secret);
    expect(outcome.secondFactor?.secret).toBe(record.secret);
    expect(outcome.secondFactor?.step).toBeNull();

    const again = await decideSignIn(applied(before, outcome), { password: PASSWORD, code: codes[2]! }, NOW);
    expect(failure(again)).toBe('bad-second-factor');
  });

  it('ignores a new secret offered by someone already enrolled', async () => {
    const { record } = enrolled();
    const other = newTotpSecret();
    const code = appCode(other);
    if ([-1, 0, 1].some((delta) => appCode(record.secret, NOW + delta * 30_000) === code)) return;
    const outcome = await decideSignIn(
      account({ secondFactor: record }),
      { password: PASSWORD, enrolSecret: other, code },
      NOW,
    );
    expect(failure(outcome)).toBe('bad-second-factor');
  });

  it(`locks the account after ${LOCK_AFTER_FAILURES} wrong codes in a row`, async () => {
    const { record } = enrolled();
    let current = account({ secondFactor: record });
    for (let attempt = 1; attempt <= LOCK_AFTER_FAILURES; attempt++) {
      const outcome = await decideSignIn(current, { password: PASSWORD, code: wrongCode(record.secret) }, NOW);
      expect(failure(outcome)).toBe('bad-second-factor');
      expect(changeOf(outcome).failedCount).toBe(attempt);
      expect(changeOf(outcome).lockedUntil ?? null).toBe(attempt === LOCK_AFTER_FAILURES ? NOW + LOCK_MS : null);
      current = applied(current, outcome);
    }
    const locked = await decideSignIn(current, { password: PASSWORD, code: appCode(record.secret) }, NOW + 1_000);
    expect(failure(locked)).toBe('account-locked');
    const later = NOW + LOCK_MS + 1_000;
    const unlocked = await decideSignIn(current, { password: PASSWORD, code: appCode(record.secret, later) }, later);
    expect(unlocked.ok).toBe(true);
    expect(unlocked.change?.failedCount).toBe(0);
    expect(unlocked.change?.lockedUntil).toBeNull();
  });
});

describe('a supervisor’s one-time password', () => {
  it('is replaced only together with the enrolment, so it still works for the retry', async () => {
    const before = account({ mustChange: true });
    expect(failure(await decideSignIn(before, { password: PASSWORD }, NOW))).toBe('password-change-required');

    const first = await decideSignIn(before, { password: PASSWORD, newPassword: NEW_PASSWORD }, NOW);
    expect(failure(first)).toBe('second-factor-enrolment-required');
    expect(first.change?.verifier).toBeUndefined();
    expect(first.change?.mustChange).toBeUndefined();

    const retried = applied(before, first);
    const secret = newTotpSecret();
    const second = await decideSignIn(
      retried,
      { password: PASSWORD, newPassword: NEW_PASSWORD, enrolSecret: secret, code: appCode(secret) },
      NOW + 20_000,
    );
    expect(second.ok).toBe(true);
    if (!second.ok) return;
    expect(second.change.mustChange).toBe(false);
    expect(second.change.verifier).not.toBe(verifier);
    expect(await checkPassword(second.change.verifier!, NEW_PASSWORD)).toBe(true);
    expect(await checkPassword(second.change.verifier!, PASSWORD)).toBe(false);
    expect(second.change.secondFactor?.secret).toBe(secret);
  });
});

describe('a wrong password', () => {
  it('never tells whether a second factor would be needed', async () => {
    const { record } = enrolled();
    const accounts = [
      account({ roles: ['clerk'] }),
      account(),
      account({ secondFactor: record }),
      account({ roles: ['admin'], mustChange: true }),
    ];
    const outcomes = await Promise.all(
      accounts.map((one) => decideSignIn(one, { password: `${PASSWORD}?`, code: appCode(record.secret) }, NOW)),
    );
    const unknown = await decideSignIn(null, { password: PASSWORD }, NOW);
    for (const outcome of [...outcomes, unknown]) expect(failure(outcome)).toBe('bad-credentials');
    for (const outcome of outcomes) expect(outcome.change).toEqual({ failedCount: 1 });
    const messages = new Set([...outcomes, unknown].map((outcome) => (outcome.ok ? null : outcome.message)));
    expect(messages.size).toBe(1);
  });
});
