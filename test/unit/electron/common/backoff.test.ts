import { describe, expect, it } from 'vitest';
import { retryDelay, RETRY_DELAYS_MS } from '../../../../electron/common/backoff';

describe('the retry schedule', () => {
  it('waits 0.5, 1, 2, then 5 s, and 5 s from then on', () => {
    expect([0, 1, 2, 3, 4, 50].map((attempt) => retryDelay(attempt))).toEqual([500, 1000, 2000, 5000, 5000, 5000]);
    expect(RETRY_DELAYS_MS).toEqual([500, 1000, 2000, 5000]);
  });

  it('follows a schedule of its own when given one, and the shared one when given none', () => {
    expect([0, 1, 2].map((attempt) => retryDelay(attempt, [10, 20]))).toEqual([10, 20, 20]);
    expect(retryDelay(1, [])).toBe(1000);
  });

  it('treats a negative attempt as the first', () => {
    expect(retryDelay(-3)).toBe(500);
  });
});
