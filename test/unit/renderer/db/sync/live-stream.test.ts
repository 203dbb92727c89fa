/**
 * The live stream against a scripted hub client, on a manual clock: when it reconnects, what it
 * tells the replications, and in which order.
 */
import { describe, expect, it } from 'vitest';
import type { StreamEvent } from '../../../../../electron/common/contract/hub';
import { RETRY_DELAYS_MS } from '../../../../../electron/common/backoff';
import { HubError, type HubClient } from '../../../../../renderer/db/sync/hub-client';
import { LiveStream } from '../../../../../renderer/db/sync/live-stream';
import { SyncStatusBoard, type SyncSwitches } from '../../../../../renderer/db/sync/status';
import { ManualClock, settle } from '../../../../support/manual-clock';

type StreamHandlers = Parameters<HubClient['stream']>[0];

function event(id: string): StreamEvent {
  return { collection: 'tickets', documents: [{ id, _deleted: false }], checkpoint: { stamp: 1, id } };
}

/** A live stream whose hub answers each attempt as `answer` says (by default: open, epoch 'e1'). */
function scripted(answer: (attempt: number, handlers: StreamHandlers) => Promise<{ syncEpoch: string | null }>) {
  const clock = new ManualClock();
  const switches: SyncSwitches = { offline: false, stopped: false };
  const status = new SyncStatusBoard(
    () => 0,
    () => clock.now(),
  );
  const log: string[] = [];
  const attempts: StreamHandlers[] = [];
  const client = {
    stream: (handlers: StreamHandlers) => {
      attempts.push(handlers);
      return answer(attempts.length, handlers);
    },
  };
  const generations = {
    meet: async (epoch: string | null) => (log.push(`meet ${epoch}`), false),
    resync: () => log.push('resync'),
    deliver: (streamEvent: StreamEvent) => log.push(`deliver ${streamEvent.documents[0]!.id}`),
  };
  const live = new LiveStream({ client, ready: Promise.resolve(), generations, status, switches, timers: clock });
  return { clock, switches, status, log, attempts, live };
}

describe('the live stream', () => {
  it('a stream that cannot open is tried again on the retry schedule; one that opened starts it over', async () => {
    const { clock, status, attempts, live } = scripted(async (attempt) => {
      if (attempt <= 5) throw new HubError('offline', 0, 'Hub not reachable');
      return { syncEpoch: 'e1' };
    });
    await live.connect();
    expect(status.value.connection).toBe('offline');
    const waited: number[] = [];
    for (let attempt = 1; attempt <= 5; attempt++) {
      waited.push(...clock.pending());
      await clock.advance(clock.pending()[0]!);
    }
    expect(waited).toEqual([...RETRY_DELAYS_MS, RETRY_DELAYS_MS.at(-1)]);
    expect(attempts).toHaveLength(6);
    expect(status.value.connection).toBe('online');
    expect(status.value.lastSyncAt).toBe(clock.now()); // "last sync" on the engine's clock

    // The stream ends: back to the first step of the schedule.
    attempts[5]!.onClose();
    expect(status.value.connection).toBe('offline');
    expect(clock.pending()).toEqual([RETRY_DELAYS_MS[0]]);
  });

  it('events that come while it opens reach the replications after the RESYNC, in order', async () => {
    const { log, attempts, live } = scripted(async (_attempt, handlers) => {
      handlers.onEvent(event('a'));
      handlers.onEvent(event('b'));
      return { syncEpoch: 'e1' };
    });
    await live.connect();
    attempts[0]!.onEvent(event('c'));
    expect(log).toEqual(['meet e1', 'resync', 'deliver a', 'deliver b', 'deliver c']);
  });

  it("shows the hub's words when it refuses this workstation, and tries again later", async () => {
    const { clock, status, live } = scripted(async () => {
      throw new HubError('unauthorized', 401, 'Unknown token');
    });
    await live.connect();
    expect(status.value).toMatchObject({ connection: 'unauthorized', message: 'Unknown token' });
    expect(clock.pending()).toEqual([RETRY_DELAYS_MS[0]]);
  });

  it('taken offline: the stream ends and nothing reconnects until it is back', async () => {
    const { clock, switches, status, attempts, live } = scripted(async () => ({ syncEpoch: 'e1' }));
    await live.connect();
    switches.offline = true;
    live.disconnect();
    expect(attempts[0]!.signal.aborted).toBe(true);
    attempts[0]!.onClose(); // the ended stream reports its end: no reconnect
    expect(status.value.connection).toBe('offline');
    expect(clock.pending()).toEqual([]);
    await live.connect();
    expect(attempts).toHaveLength(1);

    switches.offline = false;
    live.reconnectNow();
    await settle();
    expect(attempts).toHaveLength(2);
    expect(status.value.connection).toBe('online');
  });
});
