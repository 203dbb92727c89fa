/** The status the leader window publishes for the others, on a manual clock. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { filter, firstValueFrom } from 'rxjs';
import type { OkienkoDatabase } from '../../../../../renderer/db/database';
import { shareStatus } from '../../../../../renderer/db/sync/leader-status';
import { SyncStatusBoard, type SyncStatus } from '../../../../../renderer/db/sync/status';
import { ManualClock } from '../../../../support/manual-clock';
import { createMemoryDatabase } from '../../../../support/memory-db';

describe("the leader's status, for every window", () => {
  let db: OkienkoDatabase;
  beforeEach(async () => {
    db = await createMemoryDatabase();
  });
  afterEach(async () => {
    await db.close();
  });

  it('is published at most twice a second, and read by a window that does not lead', async () => {
    let leader = true;
    db.isLeader = () => leader;
    const clock = new ManualClock();
    const board = new SyncStatusBoard(
      () => 3,
      () => clock.now(),
    );
    const shared = shareStatus(db, board, { offline: false, stopped: false }, clock);

    board.set({ connection: 'online' });
    board.set({ lastSyncAt: 1_234 });
    expect(clock.pending()).toEqual([500]); // one publication for both changes
    const published = firstValueFrom(db.getLocal$<SyncStatus>('sync-status').pipe(filter((doc) => doc !== null)));
    await clock.advance(500);
    expect((await published)!.toJSON().data).toEqual({ connection: 'online', lastSyncAt: 1_234, pending: 3 });
    expect(shared.current()).toEqual(board.value);

    // Another window: it does not replicate, its own board says nothing; it goes by the leader's.
    leader = false;
    board.set({ connection: 'offline' });
    expect(clock.pending()).toEqual([]);
    expect(shared.current()).toEqual({ connection: 'online', lastSyncAt: 1_234, pending: 3 });
    shared.stop();
  });
});
