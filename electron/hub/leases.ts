/**
 * Ticket-number leases: the arithmetic. A workstation asks for a block of numbers for one service
 * and day; the hub hands out 1..999 first, then 100 001 upwards. 1 000..99 999 is never leased:
 * that is where an offline workstation falls back to (slot × 1000 + 1 … + 999, see
 * electron/common/contract/hub.ts), so a leased number and a fallback number can never be equal.
 */
import { LEASED_HIGH_START, LEASED_LOW_MAX } from '../common/contract/hub';

/** Stays inside a PostgreSQL int and inside a ticket number's 12 characters. */
export const LEASED_HIGH_MAX = 2_000_000_000;

export interface LeaseBlock {
  readonly start: number;
  readonly end: number;
  /** What `number_leases.next` becomes. */
  readonly next: number;
}

export class LeaseExhausted extends Error {}

/**
 * The block that starts at `next` (the first number not yet handed out). A block never spans the
 * gap: when fewer than `size` low numbers are left, the block is the rest of 1..999 and is shorter
 * than asked — the workstation simply asks again. Nothing is skipped, so 1..999 are all used.
 */
export function nextLeaseBlock(next: number, size: number): LeaseBlock {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`size must be a positive integer, not ${size}`);
  let start = Number.isInteger(next) && next >= 1 ? next : 1;
  if (start > LEASED_LOW_MAX && start < LEASED_HIGH_START) start = LEASED_HIGH_START;
  if (start <= LEASED_LOW_MAX) {
    const end = Math.min(start + size - 1, LEASED_LOW_MAX);
    return { start, end, next: end === LEASED_LOW_MAX ? LEASED_HIGH_START : end + 1 };
  }
  const end = start + size - 1;
  if (end > LEASED_HIGH_MAX)
    throw new LeaseExhausted(`No ticket numbers left for this service and day (last was ${start - 1})`);
  return { start, end, next: end + 1 };
}
