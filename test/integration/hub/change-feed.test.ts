/**
 * The live feed's ordering rules against a real database (PGlite in memory): events never go
 * backwards, a commit that arrives out of order is filled in from the database, and another
 * node's commits arrive by NOTIFY.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamEvent } from '../../../electron/common/contract/hub';
import { ChangeFeed } from '../../../electron/hub/change-feed';
import { migrate } from '../../../electron/hub/migrations';
import { openPglite, type SqlClient } from '../../../electron/hub/sql';
import { HubStore } from '../../../electron/hub/store';
import { createLogger } from '../../../electron/station/log';
import { counterDoc } from '../../support/counters';
import { insert, ticket } from './documents';

const log = createLogger({ level: 'error' });
const until = async (condition: () => boolean, timeoutMs = 2_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(5);
  }
};

describe('change feed', () => {
  let db: SqlClient;
  let store: HubStore;
  let otherNode: HubStore;
  let feed: ChangeFeed;
  const events: StreamEvent[] = [];
  const stamps = () => events.flatMap((event) => event.documents.map((d) => Number(d.hubStamp)));

  beforeAll(async () => {
    db = await openPglite('memory://', log);
    await migrate(db);
    expect(await migrate(db)).toEqual([]);
    store = new HubStore(db, 'node-a');
    otherNode = new HubStore(db, 'node-b');
    feed = new ChangeFeed(store, { nodeId: 'node-a', log });
    await feed.start();
    feed.subscribe((event) => events.push(event));
  }, 30_000);

  afterAll(async () => {
    await feed.stop();
    await db.close();
  });

  it('publishes its own commits at once, one event per commit', async () => {
    const outcome = await store.push('tickets', [insert(ticket('f-1', 1)), insert(ticket('f-2', 2))]);
    feed.committed(outcome.written);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ collection: 'tickets', checkpoint: { stamp: 2, id: 'f-2' } });
    expect(stamps()).toEqual([1, 2]);
    // Told twice (or late): nothing is sent again.
    feed.committed(outcome.written);
    expect(events).toHaveLength(1);
  });

  it("fills a gap from the database when a commit arrives before an earlier one, and takes other nodes' commits from NOTIFY", async () => {
    const first = await store.push('tickets', [insert(ticket('f-3', 3))]);
    const second = await store.push('tickets', [insert(ticket('f-4', 4))]);
    feed.committed(second.written);
    feed.committed(first.written);
    await until(() => stamps().includes(4));
    expect(stamps()).toEqual([1, 2, 3, 4]);

    await otherNode.push('counters', [insert(counterDoc({ id: 'k1' }))]);
    await until(() => events.some((event) => event.collection === 'counters'));
    expect(events.at(-1)).toMatchObject({ collection: 'counters', checkpoint: { stamp: 5, id: 'k1' } });
    expect(feed.publishedStamp).toBe(5);
    expect(await feed.lag()).toEqual({ newest: 5, stamps: 0, ms: 0 });
  });

  it('reports lag while a change has not been published', async () => {
    const quiet = new ChangeFeed(store, { nodeId: 'node-c', log });
    await quiet.start();
    await quiet.stop(); // no NOTIFY and no poll from here on
    await store.push('tickets', [insert(ticket('f-5', 5))]);
    await sleep(20);
    const lag = await quiet.lag();
    expect(lag.stamps).toBe(1);
    expect(lag.ms).toBeGreaterThanOrEqual(15);
  });

  it('a document written twice in one batch keeps its last state; a conflict is answered from the batch itself', async () => {
    const t = ticket('f-6', 6);
    const outcome = await store.push('tickets', [
      insert(t),
      insert({ ...t, recalls: 1 }),
      { newDocumentState: { ...t, recalls: 2, _deleted: false }, assumedMasterState: { ...t, _deleted: false } },
    ]);
    expect(outcome.conflicts).toHaveLength(1);
    expect(outcome.conflicts[0]).toMatchObject({ recalls: 0 });
    expect(outcome.written.map((w) => w.stamp)).toEqual([7, 8]);
    const pulled = await store.pull('tickets', { stamp: 6, id: 'f-5' }, 10);
    expect(pulled.documents).toEqual([{ ...t, recalls: 2, hubStamp: 8, _deleted: false }]);
  });
});
