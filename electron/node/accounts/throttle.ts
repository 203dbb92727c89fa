/**
 * How failed sign-ins are slowed down, for the hub and for a workstation that keeps its own
 * accounts alike:
 * - per account, in the account's record: after LOCK_AFTER_FAILURES wrong passwords in a row the
 *   account is locked for LOCK_MS (an admin's reset unlocks it at once);
 * - per address (or per window at a workstation), in memory: more than ADDRESS_LIMIT failures in
 *   ADDRESS_WINDOW_MS and the next attempts are refused before any password is checked, so nobody
 *   can try one password against every account.
 */
export const LOCK_AFTER_FAILURES = 5;
export const LOCK_MS = 15 * 60_000;
export const ADDRESS_LIMIT = 20;
export const ADDRESS_WINDOW_MS = 10 * 60_000;

/** The account's failure count after one more wrong password, and until when it is locked (null: not). */
export function afterFailure(failedCount: number, now: number): { failedCount: number; lockedUntil: number | null } {
  const next = failedCount + 1;
  return { failedCount: next, lockedUntil: next % LOCK_AFTER_FAILURES === 0 ? now + LOCK_MS : null };
}

export function isLocked(lockedUntil: number | null, now: number): boolean {
  return lockedUntil !== null && lockedUntil > now;
}

/** Failures per key in a sliding window; keys whose failures are all old are forgotten. */
export class AttemptLimiter {
  readonly #failures = new Map<string, number[]>();

  constructor(
    private readonly limit = ADDRESS_LIMIT,
    private readonly windowMs = ADDRESS_WINDOW_MS,
  ) {}

  /** Whether `key` may try now. */
  allows(key: string, now: number): boolean {
    return this.#recent(key, now).length < this.limit;
  }

  fail(key: string, now: number): void {
    this.#failures.set(key, [...this.#recent(key, now), now]);
  }

  #recent(key: string, now: number): number[] {
    const recent = (this.#failures.get(key) ?? []).filter((at) => now - at < this.windowMs);
    if (recent.length === 0) this.#failures.delete(key);
    else this.#failures.set(key, recent);
    return recent;
  }
}
