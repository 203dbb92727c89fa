/**
 * Where a kiosk's ticket numbers come from. A number, once issued, is final: it is printed and
 * the visitor keeps it, so it must never collide with another kiosk's, even when both are cut
 * off from the hub (decision recorded in electron/common/contract/hub.ts):
 *
 *   - without a hub (one workstation): a local sequence per service and day, 1, 2, 3…
 *   - with a hub: blocks of numbers leased from the hub for the service and day; the kiosk asks for
 *     the next block while it still has some left, so a short outage costs nothing;
 *   - leased numbers gone and the hub unreachable: the kiosk's own offline range, slot × 1000 + n,
 *     where the slot (1..99) is part of its enrolment token — no other kiosk has it.
 *
 * Every take is an `incrementalModify` of the day's sequence document, so two kiosk windows on
 * one workstation cannot take the same number either.
 */
import { fallbackRange } from '../../electron/common/contract/hub';
import type { OkienkoDatabase } from './database';
import type { SequenceDoc } from './schemas';

export interface NumberSource {
  next(day: string, service: string, now: number): Promise<number>;
}

export class NumbersExhausted extends Error {
  constructor(service: string) {
    super(`No ticket numbers left for ${service} today`);
    this.name = 'NumbersExhausted';
  }
}

type Sequence = SequenceDoc;

async function sequenceDoc(db: OkienkoDatabase, day: string, service: string, now: number) {
  const id = `${day}|${service}`;
  const existing = await db.sequences.findOne(id).exec();
  if (existing) return existing;
  // bulkInsert reports rather than throws when another window created it first.
  await db.sequences.bulkInsert([{ id, day, service, last: 0, leased: [], fallbackNext: 0, updatedAt: now }]);
  const created = await db.sequences.findOne(id).exec();
  if (!created) throw new Error(`Sequence ${id} vanished`);
  return created;
}

/** Takes a number with `take` (or nothing, if it returns null) in one atomic modification. */
async function takeWith(
  db: OkienkoDatabase,
  day: string,
  service: string,
  now: number,
  take: (sequence: Sequence) => { number: number; next: Sequence } | null,
): Promise<number | null> {
  const doc = await sequenceDoc(db, day, service, now);
  let taken: number | null = null;
  await doc.incrementalModify((current) => {
    taken = null;
    const result = take(current as Sequence);
    if (!result) return current;
    taken = result.number;
    return { ...result.next, updatedAt: now } as typeof current;
  });
  return taken;
}

export class LocalNumbers implements NumberSource {
  constructor(private readonly db: OkienkoDatabase) {}

  async next(day: string, service: string, now: number): Promise<number> {
    const number = await takeWith(this.db, day, service, now, (sequence) => ({
      number: sequence.last + 1,
      next: { ...sequence, last: sequence.last + 1 },
    }));
    return number ?? 0;
  }
}

export interface Leaser {
  lease(request: { day: string; service: string; size: number }): Promise<{ start: number; end: number }>;
}

export interface HubNumbersOptions {
  /** Numbers per lease: enough for an hour of a busy service. */
  readonly blockSize?: number;
  /** Ask for the next block when fewer than this many leased numbers are left. */
  readonly refillBelow?: number;
  /** How long a kiosk waits for a lease before it uses its offline range instead. */
  readonly leaseTimeoutMs?: number;
}

function leasedLeft(sequence: Sequence): number {
  return sequence.leased.reduce((sum, block) => sum + (block.end - block.start + 1), 0);
}

function takeLeased(sequence: Sequence): { number: number; next: Sequence } | null {
  const [first, ...rest] = sequence.leased;
  if (!first) return null;
  const leased = first.start < first.end ? [{ start: first.start + 1, end: first.end }, ...rest] : rest;
  return { number: first.start, next: { ...sequence, leased } };
}

export class HubNumbers implements NumberSource {
  private readonly refilling = new Map<string, Promise<void>>();
  /** When a lease last failed: while the hub is known to be away, a visitor does not wait for it. */
  private failedAt = -Infinity;
  private readonly blockSize: number;
  private readonly refillBelow: number;
  private readonly leaseTimeoutMs: number;

  constructor(
    private readonly db: OkienkoDatabase,
    private readonly leaser: Leaser,
    private readonly slot: number,
    options: HubNumbersOptions = {},
  ) {
    this.blockSize = options.blockSize ?? 50;
    this.refillBelow = options.refillBelow ?? 10;
    this.leaseTimeoutMs = options.leaseTimeoutMs ?? 1500;
  }

  async next(day: string, service: string, now: number): Promise<number> {
    const leased = await takeWith(this.db, day, service, now, takeLeased);
    if (leased !== null) {
      void this.refillIfLow(day, service, now);
      return leased;
    }
    // Nothing leased: wait briefly for a block (a visitor does not notice half a second) unless the
    // hub failed us a moment ago — then try again in the background and use the offline range.
    const hubAway = Date.now() - this.failedAt < 30_000;
    const leasing = this.refill(day, service, now).catch(() => undefined);
    if (!hubAway) await leasing;
    const afterLease = await takeWith(this.db, day, service, now, takeLeased);
    if (afterLease !== null) return afterLease;
    const range = fallbackRange(this.slot);
    const fallback = await takeWith(this.db, day, service, now, (sequence) => {
      const number = sequence.fallbackNext || range.start;
      if (number > range.end) return null;
      return { number, next: { ...sequence, fallbackNext: number + 1 } };
    });
    if (fallback === null) throw new NumbersExhausted(service);
    return fallback;
  }

  /** Leases ahead for a day and service (a kiosk can call this at opening time). */
  async prefetch(day: string, service: string, now: number): Promise<void> {
    await this.refillIfLow(day, service, now);
  }

  private async refillIfLow(day: string, service: string, now: number): Promise<void> {
    const doc = await this.db.sequences.findOne(`${day}|${service}`).exec();
    if (doc && leasedLeft(doc.toJSON() as Sequence) >= this.refillBelow) return;
    await this.refill(day, service, now).catch(() => undefined);
  }

  /** One lease at a time per day and service, however many windows ask. */
  private refill(day: string, service: string, now: number): Promise<void> {
    const key = `${day}|${service}`;
    let running = this.refilling.get(key);
    if (!running) {
      running = (async () => {
        const block = await withTimeout(
          this.leaser.lease({ day, service, size: this.blockSize }),
          this.leaseTimeoutMs,
        ).catch((error: unknown) => {
          this.failedAt = Date.now();
          throw error;
        });
        this.failedAt = -Infinity;
        const doc = await sequenceDoc(this.db, day, service, now);
        await doc.incrementalModify((current) => ({ ...current, leased: [...current.leased, block], updatedAt: now }));
      })().finally(() => this.refilling.delete(key));
      this.refilling.set(key, running);
    }
    return running;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
