/**
 * Which collections a workstation replicates (renderer/db/sync/kind.ts): what the hub says its kind
 * may pull, asked until the hub answers, on a manual clock; and the changes of the others, which
 * never go to the hub, not counted as waiting for it.
 */
import { describe, expect, it } from 'vitest';
import { RETRY_DELAYS_MS } from '../../../../../electron/common/backoff';
import { SYNC_COLLECTIONS, type MeResponse } from '../../../../../electron/common/contract/hub';
import { HubError } from '../../../../../renderer/db/sync/hub-client';
import { kindOf, replicatedCollections } from '../../../../../renderer/db/sync/kind';
import { PendingChanges } from '../../../../../renderer/db/sync/pending';
import { SyncStatusBoard, type SyncSwitches } from '../../../../../renderer/db/sync/status';
import { ManualClock } from '../../../../support/manual-clock';
import { createMemoryDatabase } from '../../../../support/memory-db';
import { waitingTicket } from '../../../../support/tickets';

/** A hub whose `/me` answers each attempt as `answer` says. */
function scripted(answer: (attempt: number) => Promise<MeResponse>) {
  const clock = new ManualClock();
  const switches: SyncSwitches = { offline: false, stopped: false };
  const status = new SyncStatusBoard(
    () => 0,
    () => clock.now(),
  );
  let attempts = 0;
  const client = { me: () => answer(++attempts) };
  return { clock, switches, status, context: { client, status, switches, timers: clock }, attempts: () => attempts };
}

const me = (kind: string | null | undefined): MeResponse => ({ station: 'ws', slot: 1, kind, user: null });

describe('the collections a workstation replicates', () => {
  it.each([
    ['counter', SYNC_COLLECTIONS],
    ['supervisor', SYNC_COLLECTIONS.filter((name) => name !== 'assistedSessions')],
    ['kiosk', ['office', 'services', 'counters', 'tickets', 'appointments', 'alerts', 'notices', 'satisfaction']],
    ['board', ['office', 'services', 'counters', 'tickets', 'notices', 'satisfaction']],
  ])('a %s workstation: what its kind may pull', async (kind, expected) => {
    const { context } = scripted(async () => me(kind));
    expect(await replicatedCollections(context, SYNC_COLLECTIONS)).toEqual(expected);
  });

  it('only of what the database has', async () => {
    const { context } = scripted(async () => me('supervisor'));
    expect(await replicatedCollections(context, ['tickets', 'assistedSessions', 'assistanceRecords'])).toEqual([
      'tickets',
      'assistanceRecords',
    ]);
  });

  it('everything for a token from before kinds, a hub too old to say, or a kind unknown here', () => {
    for (const kind of [null, undefined, 'printer']) expect(kindOf(me(kind))).toBeNull();
    expect(kindOf(me('kiosk'))).toBe('kiosk');
  });

  it('asks until the hub answers, on the retry schedule, showing why meanwhile', async () => {
    const { clock, status, context, attempts } = scripted(async (attempt) => {
      if (attempt === 1) throw new HubError('offline', 0, 'Hub not reachable');
      if (attempt === 2) throw new HubError('unauthorized', 401, 'This token is unknown', 'unknown-token');
      return me('kiosk');
    });
    const answer = replicatedCollections(context, SYNC_COLLECTIONS);
    await clock.advance(0);
    expect(status.value.connection).toBe('offline');
    expect(clock.pending()).toEqual([RETRY_DELAYS_MS[0]]);
    await clock.advance(RETRY_DELAYS_MS[0]!);
    expect(status.value).toMatchObject({ connection: 'unauthorized', message: 'This token is unknown' });
    await clock.advance(RETRY_DELAYS_MS[1]!);
    expect(await answer).not.toContain('assistedSessions');
    expect(attempts()).toBe(3);
    expect(status.value.lastSyncAt).toBe(clock.now());
  });

  it('asks nothing while taken offline, and gives up when sync stops', async () => {
    const { clock, switches, context, attempts } = scripted(async () => me('counter'));
    switches.offline = true;
    const answer = replicatedCollections(context, SYNC_COLLECTIONS);
    await clock.advance(10_000);
    expect(attempts()).toBe(0);
    expect(clock.pending()).toEqual([RETRY_DELAYS_MS[0]]); // back on the network, asked soon
    switches.stopped = true;
    await clock.advance(10_000);
    expect(await answer).toEqual([]);
  });
});

describe('the changes not sent, of collections not replicated', () => {
  it('do not count, neither those made before the kind was known nor after', async () => {
    const db = await createMemoryDatabase();
    const pending = new PendingChanges();
    const tracking = pending.track(db, ['tickets', 'alerts'], () => undefined);
    try {
      const alert = {
        kind: 'printer',
        code: 'paper-out',
        ticketNumber: 'A1',
        station: 'ws',
        acknowledgedAt: 0,
      } as const;
      await db.alerts.insert({ ...alert, id: 'al-1', at: 1, updatedAt: 1 });
      await db.tickets.insert({ ...waitingTicket(1), hubStamp: 0 } as never);
      expect(pending.size).toBe(2);
      pending.only(['tickets']);
      expect([pending.has('alerts', 'al-1'), pending.has('tickets', 't1')]).toEqual([false, true]);
      await db.alerts.insert({ ...alert, id: 'al-2', at: 2, updatedAt: 2 });
      expect(pending.size).toBe(1);
    } finally {
      for (const subscription of tracking) subscription.unsubscribe();
      await db.close();
    }
  });
});
