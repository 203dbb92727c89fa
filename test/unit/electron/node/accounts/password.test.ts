import { describe, expect, it } from 'vitest';
import {
  checkPassword,
  makeVerifier,
  needsRehash,
  oneTimePassword,
  passwordProblem,
} from '../../../../../electron/node/accounts/password';

describe('password verifiers', () => {
  it('are Argon2id at 64 MiB, 3 passes, 4 lanes, salted, and check the password', async () => {
    const verifier = await makeVerifier('zażółć gęślą jaźń');
    expect(verifier).toMatch(/^\$argon2id\$v=19\$m=65536,t=3,p=4\$/);
    expect(await makeVerifier('zażółć gęślą jaźń')).not.toBe(verifier);
    expect(await checkPassword(verifier, 'zażółć gęślą jaźń')).toBe(true);
    expect(await checkPassword(verifier, 'zazolc gesla jazn')).toBe(false);
    expect(needsRehash(verifier)).toBe(false);
  });

  it('treat a malformed or weaker verifier as it is: no match, and re-hash', async () => {
    expect(await checkPassword('not a verifier', 'x')).toBe(false);
    expect(needsRehash('$argon2id$v=19$m=19456,t=2,p=1$abc$def')).toBe(true);
  });

  it('refuse a short password, one containing the login, and an endless one', () => {
    expect(passwordProblem('krótkie', 'anna')).toMatch(/at least 10/);
    expect(passwordProblem('Anna-w-urzędzie-2026', 'anna')).toMatch(/login/);
    expect(passwordProblem('x'.repeat(257), 'anna')).toMatch(/at most/);
    expect(passwordProblem('ciepły wrzesień w Łodzi', 'anna')).toBeNull();
  });

  it('hand out one-time passwords without look-alike characters', () => {
    const passwords = new Set(Array.from({ length: 50 }, () => oneTimePassword()));
    expect(passwords.size).toBe(50);
    for (const password of passwords) expect(password).toMatch(/^[a-hj-km-np-z2-9]{4}(-[a-hj-km-np-z2-9]{4}){3}$/);
  });
});
