/**
 * The second factor of a supervisor or an admin: TOTP (RFC 6238 — six digits every 30 seconds from
 * any authenticator app) through `otpauth`, a maintained, dependency-free implementation, and ten
 * one-use recovery codes for a lost phone. Shared by the hub (its accounts in SQL), a workstation
 * that keeps its own accounts, and a workstation's offline cache.
 *
 * A code is accepted once: the step it belongs to must be later than the last one used (RFC 6238
 * §5.2), with one step of clock drift either way. Recovery codes are kept as SHA-256 hashes: each is
 * 50 random bits, used once, and a slow KDF would add nothing a leaked TOTP secret does not give away.
 *
 * Offline, the workstation keeps the secret sealed (AES-256-GCM) under a key derived from the
 * person's password with Argon2id — sealed at the hub, which sends nothing else of it: whoever
 * copies the cache file, or reads the answer, learns the secret only by cracking the password,
 * which the cached verifier exposes to the same cost anyway.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { hashRaw } from '@node-rs/argon2';
import { Secret, TOTP } from 'otpauth';
import { KDF_PARAMETERS } from './password';

const PERIOD_SECONDS = 30;
const ISSUER = 'Okienko';
export const RECOVERY_CODE_COUNT = 10;

/** What the account keeps of its second factor. */
export interface SecondFactorRecord {
  /** Base32 TOTP secret. */
  readonly secret: string;
  /** The last 30-second step a code was accepted for; a code of that step or earlier is a replay. */
  readonly lastStep: number;
  /** SHA-256 (hex) of the recovery codes not used yet. */
  readonly recoveryHashes: readonly string[];
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function isTotpSecret(secret: string): boolean {
  return /^[A-Z2-7]{32}$/.test(secret);
}

function totp(secret: string, login = ''): TOTP {
  return new TOTP({ issuer: ISSUER, label: login, secret: Secret.fromBase32(secret), period: PERIOD_SECONDS });
}

/** The `otpauth://` address an authenticator app reads from the enrolment QR code. */
export function totpUri(secret: string, login: string): string {
  return totp(secret, login).toString();
}

/** A new secret to enrol, with the address its QR code carries. */
export function newEnrolment(login: string): { secret: string; uri: string } {
  const secret = newTotpSecret();
  return { secret, uri: totpUri(secret, login.trim().toLowerCase()) };
}

/** The step of a valid code later than `lastStep`, or null (wrong, too old, or replayed). */
export function acceptTotp(secret: string, code: string, lastStep: number, now: number): number | null {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totp(secret).validate({ token, timestamp: now, window: 1 });
  if (delta === null) return null;
  const step = Math.floor(now / 1000 / PERIOD_SECONDS) + delta;
  return step > lastStep ? step : null;
}

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Ten codes of two groups of five letters and digits without look-alikes, and their hashes. */
export function newRecoveryCodes(): { codes: string[]; hashes: string[] } {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]!);
    return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
  });
  return { codes, hashes: codes.map(hashRecoveryCode) };
}

function hashRecoveryCode(code: string): string {
  return createHash('sha256')
    .update(code.toLowerCase().replace(/[^a-z0-9]/g, ''))
    .digest('hex');
}

/** The hashes left once `code` is used up, or null when it is none of them. */
export function useRecoveryCode(hashes: readonly string[], code: string): string[] | null {
  const wanted = Buffer.from(hashRecoveryCode(code), 'hex');
  const index = hashes.findIndex((hash) => {
    const candidate = Buffer.from(hash, 'hex');
    return candidate.length === wanted.length && timingSafeEqual(candidate, wanted);
  });
  return index < 0 ? null : hashes.filter((_, at) => at !== index);
}

/** Whether `code` looks like a recovery code rather than six digits. */
export function isRecoveryCode(code: string): boolean {
  return code.replace(/[^a-z0-9]/gi, '').length === 10;
}

async function sealingKey(password: string, salt: Buffer): Promise<Buffer> {
  return hashRaw(password, { ...KDF_PARAMETERS, salt, outputLen: 32 });
}

/** The secret sealed under the password: `v1.<salt>.<iv>.<tag>.<ciphertext>`, base64url. */
export async function sealSecret(secret: string, password: string): Promise<string> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', await sealingKey(password, salt), iv);
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return ['v1', salt, iv, cipher.getAuthTag(), sealed].map((part) => part.toString('base64url')).join('.');
}

/** The sealed secret, or null when the password is not the one it was sealed with (or it is damaged). */
export async function openSealed(sealed: string, password: string): Promise<string | null> {
  const [version, ...parts] = sealed.split('.');
  if (version !== 'v1' || parts.length !== 4) return null;
  const [salt, iv, tag, data] = parts.map((part) => Buffer.from(part, 'base64url')) as [Buffer, Buffer, Buffer, Buffer];
  try {
    const decipher = createDecipheriv('aes-256-gcm', await sealingKey(password, salt), iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
