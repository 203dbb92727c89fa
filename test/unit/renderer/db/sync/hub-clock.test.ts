import { describe, expect, it } from 'vitest';
import { HubClock } from '../../../../../renderer/db/sync/hub-clock';

describe('the hub clock', () => {
  it('corrects a clock 15 minutes ahead and one 9 minutes behind', () => {
    const hubNow = 1_000_000_000;
    for (const skew of [15 * 60_000, -9 * 60_000]) {
      let local = hubNow + skew;
      const clock = new HubClock(() => local);
      clock.observe(local, hubNow + 10, local + 20); // 20 ms round trip; the hub stamped its midpoint
      local += 1000;
      expect(Math.abs(clock.now() - (hubNow + 1000))).toBeLessThanOrEqual(1);
    }
  });

  it('prefers fast round trips and remembers the offset', () => {
    let saved: number | null = null;
    const store = { load: () => saved, save: (offset: number) => (saved = offset) };
    const clock = new HubClock(() => 0, store);
    clock.observe(0, 5_000, 10);
    clock.observe(0, 9_000, 4_000); // slow answer: not trusted over the fast one
    expect(clock.offsetMs).toBe(4_995);
    expect(new HubClock(() => 0, store).offsetMs).toBe(4_995);
  });
});
