import fc from 'fast-check';
import { Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import {
  acceptTotp,
  isRecoveryCode,
  isTotpSecret,
  newRecoveryCodes,
  newTotpSecret,
  openSealed,
  sealSecret,
  totpUri,
  useRecoveryCode,
} from '../../../../../electron/node/accounts/second-factor';

/** 2026-03-10 09:00:15 UTC: fifteen seconds into a 30-second step. */
const NOW = Date.UTC(2026, 2, 10, 9, 0, 15);
const STEP = 59_104_440; // 1_773_133_215 s / 30 s = 59_104_440.5

/** A code from an authenticator app, made by `otpauth` alone, not by the code under test. */
function appCode(secret: string, timestamp: number): string {
  return new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp });
}

/** Six digits that are not the code of the step at `timestamp` nor of its neighbours. */
function wrongCode(secret: string, timestamp: number): string {
  const valid = new Set([-1, 0, 1].map((delta) => appCode(secret, timestamp + delta * 30_000)));
  let candidate = 0;
  while (valid.has(String(candidate).padStart(6, '0'))) candidate++;
  return String(candidate).padStart(6, '0');
}

describe('TOTP secrets', () => {
  it('are 32 base32 characters, different each time', () => {
    const secrets = new Set(Array.from({ length: 20 }, () => newTotpSecret()));
    expect(secrets.size).toBe(20);
    for (const secret of secrets) {
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(isTotpSecret(secret)).toBe(true);
    }
  });

  it('are told from anything else', () => {
    const secret = newTotpSecret();
    expect(isTotpSecret(secret.toLowerCase())).toBe(false);
    expect(isTotpSecret(secret.slice(1))).toBe(false);
    expect(isTotpSecret(`${secret}A`)).toBe(false);
    expect(isTotpSecret(`${secret.slice(1)}1`)).toBe(false);
    expect(isTotpSecret('')).toBe(false);
  });

  it('go into an otpauth://totp/ address with the issuer, the login and the secret', () => {
    const secret = newTotpSecret();
    const url = new URL(totpUri(secret, 'anna.kowalska'));
    expect(url.protocol).toBe('otpauth:');
    expect(url.host).toBe('totp');
    expect(decodeURIComponent(url.pathname)).toBe('/Okienko:anna.kowalska');
    expect(url.searchParams.get('issuer')).toBe('Okienko');
    expect(url.searchParams.get('secret')).toBe(secret);
    expect(url.searchParams.get('period') ?? '30').toBe('30');
    expect(url.searchParams.get('digits') ?? '6').toBe('6');
  });
});

describe('TOTP codes', () => {
  const secret = newTotpSecret();

  it('accept the code of the current step and return that step', () => {
    expect(acceptTotp(secret, appCode(secret, NOW), 0, NOW)).toBe(STEP);
  });

  it('accept the code of any moment, for any secret, at its own step', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 20, maxLength: 20 }),
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2040, 0, 1) }),
        (bytes, timestamp) => {
          const anySecret = new Secret({ buffer: bytes.slice().buffer }).base32;
          expect(acceptTotp(anySecret, appCode(anySecret, timestamp), 0, timestamp)).toBe(
            Math.floor(timestamp / 30_000),
          );
        },
      ),
    );
  });

  it('allow one step of clock drift either way, not two', () => {
    expect(acceptTotp(secret, appCode(secret, NOW - 30_000), 0, NOW)).toBe(STEP - 1);
    expect(acceptTotp(secret, appCode(secret, NOW + 30_000), 0, NOW)).toBe(STEP + 1);
    const twoBack = appCode(secret, NOW - 60_000);
    const twoAhead = appCode(secret, NOW + 60_000);
    const neighbours = [-1, 0, 1].map((delta) => appCode(secret, NOW + delta * 30_000));
    // A code two steps away may by chance equal a neighbour's; then it is rightly accepted.
    if (!neighbours.includes(twoBack)) expect(acceptTotp(secret, twoBack, 0, NOW)).toBeNull();
    if (!neighbours.includes(twoAhead)) expect(acceptTotp(secret, twoAhead, 0, NOW)).toBeNull();
  });

  it('refuse a wrong code and a code of another secret', () => {
    expect(acceptTotp(secret, wrongCode(secret, NOW), 0, NOW)).toBeNull();
    const other = newTotpSecret();
    const otherCode = appCode(other, NOW);
    const valid = [-1, 0, 1].map((delta) => appCode(secret, NOW + delta * 30_000));
    if (!valid.includes(otherCode)) expect(acceptTotp(secret, otherCode, 0, NOW)).toBeNull();
  });

  it('refuse a replay: a step not later than the last one used', () => {
    const code = appCode(secret, NOW);
    expect(acceptTotp(secret, code, STEP - 1, NOW)).toBe(STEP);
    expect(acceptTotp(secret, code, STEP, NOW)).toBeNull();
    expect(acceptTotp(secret, code, STEP + 1, NOW)).toBeNull();
    // The previous step's code, once the current one was used, is a replay too.
    expect(acceptTotp(secret, appCode(secret, NOW - 30_000), STEP, NOW)).toBeNull();
  });

  it('take anything but six digits as wrong, and tolerate spaces inside', () => {
    const code = appCode(secret, NOW);
    expect(acceptTotp(secret, code.slice(0, 5), 0, NOW)).toBeNull();
    expect(acceptTotp(secret, `${code}0`, 0, NOW)).toBeNull();
    expect(acceptTotp(secret, `${code.slice(0, 5)}x`, 0, NOW)).toBeNull();
    expect(acceptTotp(secret, '', 0, NOW)).toBeNull();
    expect(acceptTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, 0, NOW)).toBe(STEP);
    expect(acceptTotp(secret, ` ${code} `, 0, NOW)).toBe(STEP);
  });
});

describe('recovery codes', () => {
  it('are ten distinct codes xxxxx-xxxxx without look-alikes, kept as hashes', () => {
    const { codes, hashes } = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-hj-km-np-z2-9]{5}-[a-hj-km-np-z2-9]{5}$/);
    expect(hashes).toHaveLength(10);
    expect(new Set(hashes).size).toBe(10);
    for (const hash of hashes) {
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      for (const code of codes) {
        expect(hash).not.toContain(code.replace('-', ''));
        expect(hash).not.toContain(code);
      }
    }
    expect(newRecoveryCodes().codes).not.toEqual(codes);
  });

  it('work once each', () => {
    const { codes, hashes } = newRecoveryCodes();
    const left = useRecoveryCode(hashes, codes[3]!);
    expect(left).toHaveLength(9);
    expect(left).toEqual(hashes.filter((_, at) => at !== 3));
    expect(useRecoveryCode(left!, codes[3]!)).toBeNull();
    expect(useRecoveryCode(left!, codes[4]!)).toHaveLength(8);
  });

  it('ignore case, dashes and spaces', () => {
    const { codes, hashes } = newRecoveryCodes();
    const code = codes[0]!;
    expect(useRecoveryCode(hashes, code.toUpperCase())).toHaveLength(9);
    expect(useRecoveryCode(hashes, code.replace('-', ''))).toHaveLength(9);
    expect(useRecoveryCode(hashes, code.replace('-', ' '))).toHaveLength(9);
  });

  it('refuse a code that is none of them', () => {
    const { codes, hashes } = newRecoveryCodes();
    const other = newRecoveryCodes().codes[0]!;
    if (!codes.includes(other)) expect(useRecoveryCode(hashes, other)).toBeNull();
    expect(useRecoveryCode(hashes, '')).toBeNull();
    expect(useRecoveryCode([], codes[0]!)).toBeNull();
  });

  it('are told from six digits', () => {
    expect(isRecoveryCode(newRecoveryCodes().codes[0]!)).toBe(true);
    expect(isRecoveryCode('ABCDE-FGHJK')).toBe(true);
    expect(isRecoveryCode('abcdefghjk')).toBe(true);
    expect(isRecoveryCode('123456')).toBe(false);
    expect(isRecoveryCode('123 456')).toBe(false);
    expect(isRecoveryCode('abcde')).toBe(false);
  });
});

describe('sealed secrets', () => {
  const password = 'ciepły wrzesień w Łodzi';

  it('open with the password they were sealed with', async () => {
    const secret = newTotpSecret();
    const sealed = await sealSecret(secret, password);
    expect(sealed).toMatch(/^v1(\.[A-Za-z0-9_-]+){4}$/);
    expect(sealed).not.toContain(secret);
    expect(await openSealed(sealed, password)).toBe(secret);
  });

  it('stay shut to a wrong password', async () => {
    const sealed = await sealSecret(newTotpSecret(), password);
    expect(await openSealed(sealed, 'ciepły wrzesień w Łodzi!')).toBeNull();
    expect(await openSealed(sealed, '')).toBeNull();
  });

  it('stay shut once tampered with', async () => {
    const secret = newTotpSecret();
    const sealed = await sealSecret(secret, password);
    const parts = sealed.split('.');
    const data = Buffer.from(parts[4]!, 'base64url');
    data[0] = data[0]! ^ 1;
    const tampered = [...parts.slice(0, 4), data.toString('base64url')].join('.');
    expect(await openSealed(tampered, password)).toBeNull();
    const tag = Buffer.from(parts[3]!, 'base64url');
    tag[tag.length - 1] = tag[tag.length - 1]! ^ 0x80;
    expect(
      await openSealed([...parts.slice(0, 3), tag.toString('base64url'), parts[4]].join('.'), password),
    ).toBeNull();
    expect(await openSealed(parts.slice(0, 4).join('.'), password)).toBeNull();
    expect(await openSealed(`v2.${parts.slice(1).join('.')}`, password)).toBeNull();
    expect(await openSealed('', password)).toBeNull();
  });

  it('differ each time, even for the same secret and password', async () => {
    const secret = newTotpSecret();
    const first = await sealSecret(secret, password);
    const second = await sealSecret(secret, password);
    expect(first).not.toBe(second);
    expect(await openSealed(second, password)).toBe(secret);
  });

  it('round-trip any new secret under any password of 10 to 40 characters', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', minLength: 10, maxLength: 40 }), async (anyPassword) => {
        const secret = newTotpSecret();
        expect(await openSealed(await sealSecret(secret, anyPassword), anyPassword)).toBe(secret);
      }),
      { numRuns: 5 },
    );
  });
});
