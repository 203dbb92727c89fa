import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fallbackRange, LEASED_HIGH_START, LEASED_LOW_MAX } from '../../../../electron/common/contract/hub';
import { LEASED_HIGH_MAX, LeaseExhausted, nextLeaseBlock } from '../../../../electron/hub/leases';

describe('nextLeaseBlock', () => {
  it('hands out 1..999 first', () => {
    expect(nextLeaseBlock(1, 100)).toEqual({ start: 1, end: 100, next: 101 });
    expect(nextLeaseBlock(101, 899)).toEqual({ start: 101, end: 999, next: LEASED_HIGH_START });
  });

  it('never spans the gap: the last low block is shorter than asked, and nothing is skipped', () => {
    expect(nextLeaseBlock(951, 100)).toEqual({ start: 951, end: 999, next: LEASED_HIGH_START });
    expect(nextLeaseBlock(999, 1)).toEqual({ start: 999, end: 999, next: LEASED_HIGH_START });
  });

  it('continues from 100 001, and treats a stored next inside the gap as the high start', () => {
    expect(nextLeaseBlock(LEASED_HIGH_START, 50)).toEqual({ start: 100_001, end: 100_050, next: 100_051 });
    expect(nextLeaseBlock(1000, 5)).toEqual({ start: 100_001, end: 100_005, next: 100_006 });
    expect(nextLeaseBlock(0, 5)).toEqual({ start: 1, end: 5, next: 6 });
  });

  it('refuses a bad size and stops before the int limit', () => {
    expect(() => nextLeaseBlock(1, 0)).toThrow(RangeError);
    expect(() => nextLeaseBlock(LEASED_HIGH_MAX, 2)).toThrow(LeaseExhausted);
  });

  it('any sequence of leases: no number twice, none in the offline range of any slot, 1..999 used up first', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 500 }), { minLength: 1, maxLength: 40 }), (sizes) => {
        let next = 1;
        const blocks = sizes.map((size) => {
          const block = nextLeaseBlock(next, size);
          next = block.next;
          return { ...block, size };
        });
        for (const block of blocks) {
          expect(block.end).toBeGreaterThanOrEqual(block.start);
          expect(block.end - block.start + 1).toBeLessThanOrEqual(block.size);
          // Inside one range, never across the gap.
          expect(block.end <= LEASED_LOW_MAX || block.start >= LEASED_HIGH_START).toBe(true);
        }
        // Blocks follow each other without overlap or hole: 1..999, then 100 001 on.
        for (let i = 1; i < blocks.length; i++) {
          const previous = blocks[i - 1]!;
          expect(blocks[i]!.start).toBe(previous.end === LEASED_LOW_MAX ? LEASED_HIGH_START : previous.end + 1);
        }
        expect(blocks[0]!.start).toBe(1);
        const lowest = fallbackRange(1).start;
        const highest = fallbackRange(99).end;
        expect(blocks.some((b) => b.end >= lowest && b.start <= highest)).toBe(false);
      }),
    );
  });
});
