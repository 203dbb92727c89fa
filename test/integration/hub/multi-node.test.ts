/**
 * A city's set-up in small: several stateless hub processes on one PostgreSQL. A change pushed to
 * any node reaches the live clients of every node (LISTEN/NOTIFY), in stamp order, even after a
 * node lost its LISTEN connection.
 */
import { MIGRATIONS } from '../../../electron/hub/migrations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StreamEventSchema, type StreamEvent } from '../../../electron/common/contract/hub';
import {
  createHubDatabase,
  enrolSignedIn,
  hubClient,
  openEventStream,
  startHubProcess,
  type EventStream,
  type HubDatabase,
  type HubProcess,
} from '../../support/hub-process';
import { counterDoc } from '../../support/counters';
import { insert, ticket } from './documents';

describe('two hub nodes on one PostgreSQL', () => {
  let database: HubDatabase;
  let nodeA: HubProcess;
  let nodeB: HubProcess;
  let token: string;
  const streams: EventStream[] = [];

  const stream = async (node: HubProcess) => {
    const opened = await openEventStream(`${node.url}api/v1/sync/stream`, {
      authorization: `Bearer ${token}`,
      'x-okienko-version': '0.1.0',
    });
    await opened.waitFor((m) => m.event === 'ready');
    streams.push(opened);
    return opened;
  };
  const changes = (events: EventStream): StreamEvent[] =>
    events.messages.filter((m) => m.event === 'change').map((m) => StreamEventSchema.parse(JSON.parse(m.data)));
  const hasDocument = (id: string) => (m: { event: string; data: string }) =>
    m.event === 'change' && (JSON.parse(m.data) as StreamEvent).documents.some((d) => d.id === id);

  beforeAll(async () => {
    database = await createHubDatabase('postgresql');
    // Both start at once on an empty database: the advisory lock lets one of them migrate.
    [nodeA, nodeB] = await Promise.all([startHubProcess(database), startHubProcess(database)]);
    token = await enrolSignedIn(database, nodeA.url, 'ws-city');
  }, 60_000);

  afterAll(async () => {
    for (const opened of streams) opened.close();
    await Promise.all([nodeA?.kill('SIGTERM'), nodeB?.kill('SIGTERM')]);
    await database?.remove();
  });

  it('migrated once although both nodes started together', async () => {
    expect(await database.sql('SELECT version FROM schema_migrations ORDER BY version')).toEqual(
      MIGRATIONS.map((migration) => ({ version: migration.version })),
    );
  });

  it('streams a push to node A to a client of node B, and the other way round', async () => {
    const onA = await stream(nodeA);
    const onB = await stream(nodeB);
    await hubClient(nodeA.url, token).push('tickets', [insert(ticket('mn-1', 1))]);
    await onB.waitFor(hasDocument('mn-1'), { timeoutMs: 2_000 });
    await onA.waitFor(hasDocument('mn-1'), { timeoutMs: 2_000 });
    const latencies: number[] = [];
    for (let i = 0; i < 5; i++) {
      const sent = performance.now();
      await hubClient(nodeA.url, token).push('counters', [insert(counterDoc({ id: `mn-c${i}`, number: i + 1 }))]);
      latencies.push((await onB.waitFor(hasDocument(`mn-c${i}`), { timeoutMs: 2_000 })).at - sent);
    }
    console.info(
      `[hub multi-node] push on A → change on B's stream: ${latencies.map((ms) => ms.toFixed(1)).join(', ')} ms (includes the push round trip)`,
    );
    expect(Math.max(...latencies)).toBeLessThan(1_000);

    await hubClient(nodeB.url, token).push('tickets', [insert(ticket('mn-2', 2))]);
    await onA.waitFor(hasDocument('mn-2'), { timeoutMs: 2_000 });
    expect((await hubClient(nodeB.url, token).pullAll('tickets')).documents.map((d) => d.id)).toEqual(['mn-1', 'mn-2']);
  });

  it('gives every client of every node all concurrent changes exactly once, in stamp order', async () => {
    const onA = await stream(nodeA);
    const onB = await stream(nodeB);
    const clients = [hubClient(nodeA.url, token), hubClient(nodeB.url, token)];
    const ids: string[] = [];
    await Promise.all(
      Array.from({ length: 20 }, async (_, pusher) => {
        for (let round = 0; round < 3; round++) {
          const id = `mc-${pusher}-${round}`;
          ids.push(id);
          expect(
            (await clients[pusher % 2]!.push('tickets', [insert(ticket(id, 100 + pusher * 10 + round))])).conflicts,
          ).toEqual([]);
        }
      }),
    );
    const pulled = (await clients[0]!.pullAll('tickets')).documents.filter((d) => d.id.startsWith('mc-'));
    expect(pulled).toHaveLength(ids.length);
    const lastStamp = Number(pulled.at(-1)!.hubStamp);
    for (const events of [onA, onB]) {
      await events.waitFor(
        (m) => m.event === 'change' && (JSON.parse(m.data) as StreamEvent).checkpoint.stamp >= lastStamp,
        { timeoutMs: 5_000 },
      );
      const streamed = changes(events)
        .flatMap((event) => event.documents)
        .filter((d) => d.id.startsWith('mc-'));
      expect(streamed.map((d) => d.id)).toEqual(pulled.map((d) => d.id));
      expect(streamed.map((d) => Number(d.hubStamp))).toEqual(pulled.map((d) => Number(d.hubStamp)));
    }
    for (const node of [nodeA, nodeB]) {
      const health = (await hubClient(node.url, null).request('GET', '/health', { token: null })).body;
      expect(health).toMatchObject({ ok: true, database: 'postgresql', stamp: lastStamp, lag: { stamps: 0, ms: 0 } });
    }
  });

  it('catches up after a node loses its LISTEN connection', async () => {
    const onB = await stream(nodeB);
    const killed = await database.sql<{ killed: boolean }>(
      "SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'okienko-hub-listen'",
    );
    expect(killed.length).toBeGreaterThanOrEqual(2);
    await hubClient(nodeA.url, token).push('tickets', [insert(ticket('mn-after-drop', 500))]);
    // Reconnect (about a quarter second) and read what was missed, or the 5 s poll: either way, soon.
    await onB.waitFor(hasDocument('mn-after-drop'), { timeoutMs: 7_000 });
    expect(nodeB.output()).toMatch(/LISTEN connection lost/);
  }, 15_000);
});
