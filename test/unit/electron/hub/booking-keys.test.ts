import { describe, expect, it } from 'vitest';
import { BookingCodeSchema, BookingKeySchema } from '../../../../electron/common/contract/public';
import {
  codeCandidate,
  hashManageKey,
  KEY_ALPHABET,
  keyMatches,
  newManageKey,
} from '../../../../electron/hub/booking-keys';

describe('a booking’s code and manage key', () => {
  it('keys are ten characters of the contract’s alphabet (32 of them), all of it used', () => {
    expect(KEY_ALPHABET).toHaveLength(32);
    expect(new Set(KEY_ALPHABET).size).toBe(32);
    const seen = new Set<string>();
    for (let index = 0; index < 500; index++) {
      const key = newManageKey();
      expect(BookingKeySchema.safeParse(key).success, key).toBe(true);
      for (const character of key) seen.add(character);
    }
    expect(seen.size).toBe(32);
  });

  it('only the SHA-256 is kept, and only the same key matches it', () => {
    const key = newManageKey();
    const stored = hashManageKey(key);
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(keyMatches(key, stored)).toBe(true);
    expect(keyMatches(key.toLowerCase(), stored)).toBe(false);
    expect(keyMatches(`${key.slice(0, 9)}${key[9] === 'A' ? 'B' : 'A'}`, stored)).toBe(false);
    expect(keyMatches(key, 'not-a-hash')).toBe(false);
  });

  it('codes are six digits, leading zeros and all', () => {
    const codes = Array.from({ length: 2000 }, codeCandidate);
    for (const code of codes) expect(BookingCodeSchema.safeParse(code).success, code).toBe(true);
    expect(codes.some((code) => code.startsWith('0'))).toBe(true);
    expect(new Set(codes).size).toBeGreaterThan(1900);
  });
});
