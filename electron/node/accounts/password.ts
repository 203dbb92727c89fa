/**
 * Password verifiers: Argon2id (RFC 9106), through @node-rs/argon2 — a maintained binding to the
 * reference implementation with prebuilt N-API binaries, so neither the hub nor Electron compiles
 * anything. Argon2id rather than scrypt: it is the first choice of RFC 9106 and of OWASP's password
 * storage guidance, and at RFC 9106's second recommended setting (64 MiB, 3 passes, 4 lanes) one
 * check takes ~35 ms on the office's two-core machines, where scrypt at OWASP's N=2^17 takes
 * ~370 ms and would break the login budget (300 ms online, 250 ms offline; `npm run bench`).
 *
 * The verifier is the PHC string (`$argon2id$v=19$m=65536,t=3,p=4$salt$hash`): it carries its own
 * parameters, so raising them later re-hashes each password at its next successful check.
 */
import { randomInt } from 'node:crypto';
import { hash, verify, type Algorithm } from '@node-rs/argon2';

/** `Algorithm.Argon2id` is a const enum (2), which this build's isolated modules cannot read. */
const ARGON2ID = 2 as Algorithm;
export const KDF_PARAMETERS = { algorithm: ARGON2ID, memoryCost: 65_536, timeCost: 3, parallelism: 4 } as const;

/** A password shorter than this is refused when set; NIST SP 800-63B asks for at least 8, and a clerk's is typed daily. */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;

export async function makeVerifier(password: string): Promise<string> {
  return hash(password, KDF_PARAMETERS);
}

/** Whether `password` matches; a malformed verifier is a mismatch, never an error. */
export async function checkPassword(verifier: string, password: string): Promise<boolean> {
  if (password.length > MAX_PASSWORD_LENGTH) return false;
  try {
    return await verify(verifier, password);
  } catch {
    return false;
  }
}

/** A verifier made with weaker parameters than today's: re-hash it at the next successful check. */
export function needsRehash(verifier: string): boolean {
  const { memoryCost, timeCost, parallelism } = KDF_PARAMETERS;
  return !verifier.startsWith(`$argon2id$v=19$m=${memoryCost},t=${timeCost},p=${parallelism}$`);
}

/** Why a new password is not acceptable, in English for logs (the screens use the code); null when it is. */
export function passwordProblem(password: string, login: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `a password needs at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH) return `a password may have at most ${MAX_PASSWORD_LENGTH} characters`;
  if (password.toLowerCase().includes(login.toLowerCase())) return 'a password may not contain the login';
  return null;
}

const ONE_TIME_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A one-time password an admin hands over: 4 groups of 4 from an alphabet without look-alikes (~79 bits). */
export function oneTimePassword(): string {
  const chars = Array.from({ length: 16 }, () => ONE_TIME_ALPHABET[randomInt(ONE_TIME_ALPHABET.length)]!);
  return [0, 4, 8, 12].map((start) => chars.slice(start, start + 4).join('')).join('-');
}
