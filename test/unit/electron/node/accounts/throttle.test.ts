import { describe, expect, it } from 'vitest';
import {
  ADDRESS_LIMIT,
  ADDRESS_WINDOW_MS,
  afterFailure,
  AttemptLimiter,
  isLocked,
  LOCK_AFTER_FAILURES,
  LOCK_MS,
} from '../../../../../electron/node/accounts/throttle';

describe('sign-in throttles', () => {
  it('locks an account at every fifth failure in a row, for fifteen minutes', () => {
    let state = { failedCount: 0, lockedUntil: null as number | null };
    for (let i = 1; i < LOCK_AFTER_FAILURES; i++) {
      state = afterFailure(state.failedCount, 1000);
      expect(state.lockedUntil).toBeNull();
    }
    state = afterFailure(state.failedCount, 1000);
    expect(state).toEqual({ failedCount: 5, lockedUntil: 1000 + LOCK_MS });
    expect(isLocked(state.lockedUntil, 1000 + LOCK_MS - 1)).toBe(true);
    expect(isLocked(state.lockedUntil, 1000 + LOCK_MS)).toBe(false);
    expect(afterFailure(9, 0).lockedUntil).toBe(LOCK_MS);
  });

  it('refuses an address after too many failures in the window, and forgets them after it', () => {
    const limiter = new AttemptLimiter();
    for (let i = 0; i < ADDRESS_LIMIT; i++) limiter.fail('10.0.0.7', i);
    expect(limiter.allows('10.0.0.7', ADDRESS_LIMIT)).toBe(false);
    expect(limiter.allows('10.0.0.8', ADDRESS_LIMIT)).toBe(true);
    expect(limiter.allows('10.0.0.7', ADDRESS_WINDOW_MS + ADDRESS_LIMIT)).toBe(true);
  });
});
