/**
 * The two secrets of a booking. The six-digit code is what a visitor types at the kiosk: short,
 * unique among the appointments a kiosk may still look up, and guessable — so a resident who
 * manages a booking on the public page also needs its manage key: ten characters from an alphabet
 * without look-alikes (no I, O, 0, 1), 50 bits, crypto-random. The hub keeps only the key's
 * SHA-256 (booking_contacts.key_hash) and compares in constant time.
 */
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { BOOKING_KEY_LENGTH } from '../common/contract/public';
import { CODE_LENGTH } from '../common/domain/appointment';

/** The characters `BookingKeySchema` allows ([A-HJ-NP-Z2-9]), 32 of them: 5 bits each. */
export const KEY_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A new manage key. */
export function newManageKey(): string {
  let key = '';
  for (let index = 0; index < BOOKING_KEY_LENGTH; index++) key += KEY_ALPHABET[randomInt(KEY_ALPHABET.length)];
  return key;
}

/** What is stored of a key: its SHA-256, hex. */
export function hashManageKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Whether `key` is the one whose hash is `storedHash`, in time that does not depend on where they differ. */
export function keyMatches(key: string, storedHash: string): boolean {
  const given = Buffer.from(hashManageKey(key), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}

/** A candidate code: six crypto-random digits (leading zeros too); the caller checks it is free. */
export function codeCandidate(): string {
  return String(randomInt(10 ** CODE_LENGTH)).padStart(CODE_LENGTH, '0');
}
