import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { filter, firstValueFrom } from 'rxjs';
import { fallbackRange } from '../../../../electron/common/contract/hub';
import type { OkienkoDatabase } from '../../../../renderer/db/database';
import { HubNumbers, LocalNumbers, NumbersExhausted, type Leaser } from '../../../../renderer/db/numbering';
import { createMemoryDatabase } from '../../../support/memory-db';

/** A hub that leases consecutive blocks, and can be cut off. */
function fakeHub() {
  let next = 1;
  const state = { online: true, leases: 0 };
  const leaser: Leaser = {
    async lease({ size }) {
      if (!state.online) throw new Error('offline');
      state.leases++;
      const start = next;
      next += size;
      return { start, end: start + size - 1 };
    },
  };
  return { leaser, state };
}

describe('ticket numbers', () => {
  let db: OkienkoDatabase;
  beforeEach(async () => {
    db = await createMemoryDatabase({ collections: 'queue' });
  });
  afterEach(async () => {
    await db.close();
  });

  it('without a hub: 1, 2, 3 per service and day', async () => {
    const numbers = new LocalNumbers(db);
    expect([
      await numbers.next('d1', 'a', 1),
      await numbers.next('d1', 'a', 1),
      await numbers.next('d1', 'b', 1),
      await numbers.next('d2', 'a', 1),
    ]).toEqual([1, 2, 1, 1]);
  });

  it('with a hub: leased blocks, refilled ahead of time', async () => {
    const hub = fakeHub();
    const numbers = new HubNumbers(db, hub.leaser, 3, { blockSize: 5, refillBelow: 3 });
    const taken = [];
    for (let i = 0; i < 12; i++) taken.push(await numbers.next('d1', 'a', 1));
    expect(taken).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(hub.state.leases).toBeGreaterThanOrEqual(3);
  });

  it('offline with leased numbers left: keeps using them; when they run out: its own range', async () => {
    const hub = fakeHub();
    const numbers = new HubNumbers(db, hub.leaser, 7, { blockSize: 3, refillBelow: 0, leaseTimeoutMs: 50 });
    expect(await numbers.next('d1', 'a', 1)).toBe(1);
    hub.state.online = false;
    expect([await numbers.next('d1', 'a', 1), await numbers.next('d1', 'a', 1)]).toEqual([2, 3]);
    const range = fallbackRange(7);
    expect([await numbers.next('d1', 'a', 1), await numbers.next('d1', 'a', 1)]).toEqual([
      range.start,
      range.start + 1,
    ]);
    hub.state.online = true;
    // The hub failed a moment ago: this visitor does not wait, a lease runs in the background…
    expect(await numbers.next('d1', 'a', 1)).toBe(range.start + 2);
    await firstValueFrom(db.sequences.findOne('d1|a').$.pipe(filter((doc) => (doc?.leased.length ?? 0) > 0)));
    expect(await numbers.next('d1', 'a', 1)).toBe(4); // …and the next one gets a leased number again
  });

  it('two kiosks offline never share a number', async () => {
    const other = await createMemoryDatabase({ collections: 'queue' });
    try {
      const hub = fakeHub();
      const kioskA = new HubNumbers(db, hub.leaser, 1, { blockSize: 10, leaseTimeoutMs: 20 });
      const kioskB = new HubNumbers(other, hub.leaser, 2, { blockSize: 10, leaseTimeoutMs: 20 });
      const all: number[] = [];
      for (let i = 0; i < 15; i++) all.push(await kioskA.next('d1', 'a', 1), await kioskB.next('d1', 'a', 1));
      hub.state.online = false;
      for (let i = 0; i < 30; i++) all.push(await kioskA.next('d1', 'a', 1), await kioskB.next('d1', 'a', 1));
      expect(new Set(all).size).toBe(all.length);
    } finally {
      await other.close();
    }
  });

  it('concurrent takes on one workstation never repeat a number', async () => {
    const hub = fakeHub();
    const numbers = new HubNumbers(db, hub.leaser, 4, { blockSize: 7 });
    const taken = await Promise.all(Array.from({ length: 40 }, () => numbers.next('d1', 'a', 1)));
    expect(new Set(taken).size).toBe(40);
  });

  it('says so when even the offline range is used up', async () => {
    const hub = fakeHub();
    hub.state.online = false;
    const numbers = new HubNumbers(db, hub.leaser, 9, { leaseTimeoutMs: 5 });
    await db.sequences.insert({
      id: 'd1|a',
      day: 'd1',
      service: 'a',
      last: 0,
      leased: [],
      fallbackNext: fallbackRange(9).end + 1,
      updatedAt: 1,
    });
    await expect(numbers.next('d1', 'a', 1)).rejects.toBeInstanceOf(NumbersExhausted);
  });
});
