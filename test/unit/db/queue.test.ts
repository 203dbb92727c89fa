import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Queue, QueueError } from '../../../renderer/db/queue';
import { seedDemoOffice } from '../../../renderer/db/seed';
import type { OkienkoDatabase } from '../../../renderer/db/database';
import { createMemoryDatabase } from '../../support/memory-db';

// 2026-11-22 10:00 in Warsaw (UTC+1).
const START = Date.UTC(2026, 10, 22, 9, 0);

describe('Queue on the local database', () => {
  let db: OkienkoDatabase;
  let now = START;
  let ids = 0;
  let queue: Queue;

  beforeEach(async () => {
    now = START;
    db = await createMemoryDatabase();
    await seedDemoOffice(db, now);
    queue = new Queue(db, { now: () => now, station: 'ws-test', newId: () => `t${++ids}` });
    await queue.setCounterMode(1, 'open', 'Anna');
    await queue.setCounterMode(2, 'open', 'Jan');
  });
  afterEach(async () => {
    await db.close();
  });

  it('numbers tickets per service and day, starting at 1', async () => {
    const a1 = await queue.issue({ service: 'vehicles', priority: null });
    const a2 = await queue.issue({ service: 'vehicles', priority: null });
    const c1 = await queue.issue({ service: 'id-cards', priority: null });
    expect([a1.number, a2.number, c1.number]).toEqual(['A1', 'A2', 'C1']);
    expect(a1.day).toBe('2026-11-22');
    now = Date.UTC(2026, 10, 22, 23, 30); // 00:30 on the 23rd in Warsaw: a new office day
    const next = await queue.issue({ service: 'vehicles', priority: null });
    expect(next.day).toBe('2026-11-23');
    expect(next.number).toBe('A1');
  });

  it('calls in queue order and records who called', async () => {
    const first = await queue.issue({ service: 'vehicles', priority: null });
    now += 1000;
    await queue.issue({ service: 'licences', priority: null });
    const pick = await queue.callNext(1, 'Anna');
    expect(pick?.ticket.id).toBe(first.id);
    expect(pick?.ticket.state).toBe('called');
    expect(pick?.ticket.events.at(-1)).toMatchObject({ type: 'called', by: { station: 'ws-test', counter: 1, clerk: 'Anna' } });
    await expect(queue.callNext(1, 'Anna')).rejects.toBeInstanceOf(QueueError);
  });

  it('never gives one visitor to two counters calling at the same moment', async () => {
    for (let i = 0; i < 10; i++) await queue.issue({ service: 'vehicles', priority: null });
    const picks = [];
    for (let round = 0; round < 5; round++) {
      const [a, b] = await Promise.all([queue.callNext(1, 'Anna'), queue.callNext(2, 'Jan')]);
      picks.push(a?.ticket.id, b?.ticket.id);
      for (const pick of [a, b]) if (pick) await queue.act(pick.ticket.id, { type: 'done' }, pick.ticket.counter, '');
    }
    expect(picks.every(Boolean)).toBe(true);
    expect(new Set(picks).size).toBe(10);
  });

  it('refuses calls at a closed counter', async () => {
    await queue.issue({ service: 'taxes', priority: null });
    await expect(queue.callNext(5, 'Ewa')).rejects.toMatchObject({ code: 'counter-closed' });
  });

  it('expires open tickets at the daily close and leaves finished ones alone', async () => {
    const served = await queue.issue({ service: 'vehicles', priority: null });
    const waiting = await queue.issue({ service: 'vehicles', priority: null });
    await queue.callNext(1, 'Anna');
    await queue.act(served.id, { type: 'done' }, 1, 'Anna');
    now = Date.UTC(2026, 10, 23, 7, 0);
    expect(await queue.closeDays(await queue.today(), false)).toBe(1);
    const docs = await db.tickets.find().exec();
    const states = Object.fromEntries(docs.map((doc) => [doc.id, doc.state]));
    expect(states).toEqual({ [served.id]: 'done', [waiting.id]: 'expired' });
  });
});
