import { describe, expect, it } from 'vitest';
import { publicLimits, RateLimiter } from '../../../../../electron/hub/http/rate-limit';

describe('the public routes’ token bucket per address', () => {
  it('lets a full minute’s worth through at once, then one more per refill', () => {
    const limiter = new RateLimiter(30);
    const at = 1_000_000;
    for (let request = 0; request < 30; request++) expect(limiter.take('10.0.0.7', at)).toBe(true);
    expect(limiter.take('10.0.0.7', at)).toBe(false);
    expect(limiter.waitMs('10.0.0.7', at)).toBe(2_000);
    // Another address has its own bucket.
    expect(limiter.take('10.0.0.8', at)).toBe(true);
    expect(limiter.take('10.0.0.7', at + 1_999)).toBe(false);
    expect(limiter.take('10.0.0.7', at + 2_000)).toBe(true);
    // A minute later the bucket is full again, and no fuller.
    for (let request = 0; request < 30; request++) expect(limiter.take('10.0.0.7', at + 62_000)).toBe(true);
    expect(limiter.take('10.0.0.7', at + 62_000)).toBe(false);
  });

  it('reads come four times as often as writes; a limit of 0 lets everything through', () => {
    const limits = publicLimits(30);
    expect([limits.writes.perMinute, limits.reads.perMinute]).toEqual([30, 120]);
    const open = new RateLimiter(0);
    for (let request = 0; request < 1000; request++) expect(open.take('x', 0)).toBe(true);
    expect(open.waitMs('x', 0)).toBe(0);
  });

  it('forgets addresses whose bucket is full again once it holds many', () => {
    const limiter = new RateLimiter(1);
    for (let address = 0; address < 10_000; address++) limiter.take(`a${address}`, 0);
    // A minute on, every bucket is full: a new address makes room, and the old ones start afresh.
    expect(limiter.take('new', 60_000)).toBe(true);
    expect(limiter.take('a1', 60_000)).toBe(true);
  });
});
