/**
 * A hub killed with SIGKILL in the middle of a push batch: after a restart the batch is stored
 * completely or not at all, the database opens (PGlite too: it recovers from its WAL like
 * PostgreSQL), and pushing the batch again succeeds.
 *
 * Two ways to hit "the middle": a child process that runs the real store and kills itself right
 * after the batch's INSERT (certain, both back ends), and a real hub process killed from outside
 * (PostgreSQL: while a lock held by the test stalls it inside its transaction; PGlite, which
 * nobody outside can stall, at moments chosen by the measured time of a batch).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createHubDatabase,
  enrolSignedIn,
  HUB_BACKENDS,
  hubClient,
  PROJECT_ROOT,
  startHubProcess,
  type HubClient,
  type HubDatabase,
  type HubProcess,
} from '../../support/hub-process';
import { insert, ticket } from './documents';

const BATCH = 500;

describe.each(HUB_BACKENDS)('hub on %s killed mid-push', (backend) => {
  let database: HubDatabase;
  let hub: HubProcess;
  let client: HubClient;
  let token: string;

  beforeAll(async () => {
    database = await createHubDatabase(backend);
    hub = await startHubProcess(database, { env: { OKIENKO_LOG_LEVEL: 'debug' } });
    // A session outlives the hub's restarts: it is in the database.
    token = await enrolSignedIn(database, hub.url, 'ws-crash');
    client = hubClient(hub.url, token);
  }, 60_000);

  afterAll(async () => {
    await hub?.kill('SIGKILL');
    await database?.remove();
  });

  const batch = (prefix: string) => Array.from({ length: BATCH }, (_, i) => insert(ticket(`${prefix}-${i}`, i + 1)));
  const storedWith = async (prefix: string) =>
    (await client.pullAll('tickets')).documents.filter((d) => d.id.startsWith(`${prefix}-`)).length;
  const pushLines = () =>
    hub
      .output()
      .split('\n')
      .filter((line) => line.includes('"message":"push"') && line.includes(`"rows":${BATCH}`)).length;

  /**
   * PostgreSQL only: holds a SHARE lock on `documents`, so the hub's push gets as far as locking
   * the stamp counter and the masters and then waits at its INSERT; resolves once it waits there.
   * The returned function lets go.
   */
  const stallPushMidTransaction = async (): Promise<() => Promise<void>> => {
    const blocker = new pg.Client({ connectionString: database.databaseUrl! });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE documents IN SHARE MODE');
    return async () => {
      await blocker.query('ROLLBACK');
      await blocker.end();
    };
  };
  const pushIsWaiting = async (timeoutMs: number): Promise<boolean> => {
    const deadline = performance.now() + timeoutMs;
    while (performance.now() < deadline) {
      const rows = await database.sql(
        `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'okienko-hub'
            AND backend_xid IS NOT NULL AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO documents%'`,
      );
      if (rows.length > 0) return true;
      await sleep(5);
    }
    return false;
  };

  it('a process killed inside the push transaction, after its INSERT ran, leaves nothing behind; the database opens and takes the batch', async () => {
    await hub.kill('SIGTERM');
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(import.meta.dirname, 'kill-inside-push.ts'),
        ...database.args,
        '--prefix',
        'inside',
        '--rows',
        String(BATCH),
      ],
      { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const [, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
    expect(output).toContain('inserted, not committed');
    expect(signal).toBe('SIGKILL');

    await hub.restart();
    client = hubClient(hub.url, token);
    expect(await storedWith('inside')).toBe(0);
    expect((await client.request('GET', '/health', { token: null })).body).toMatchObject({ ok: true });
    expect((await client.push('tickets', batch('inside'))).conflicts).toEqual([]);
    expect(await storedWith('inside')).toBe(BATCH);
  }, 60_000);

  it('a hub killed with SIGKILL while a push is under way stores the batch completely or not at all, reopens, and takes the batch again', async () => {
    // How long one batch takes here, to kill the next one halfway.
    const started = performance.now();
    expect((await client.push('tickets', batch('warm'))).conflicts).toEqual([]);
    const batchMs = performance.now() - started;
    console.info(
      `[hub ${backend}] one push of ${BATCH} new tickets: ${batchMs.toFixed(0)} ms (${Math.round((BATCH * 1000) / batchMs)} docs/s)`,
    );

    const outcomes: string[] = [];
    // PostgreSQL: once held inside the transaction (certain), once at a moment chosen by time.
    // PGlite runs inside the hub process, so nothing outside can hold it; only time tells.
    const attempts = backend === 'postgresql' ? ['stalled', 0.3] : [0.1, 0.3];
    for (const attempt of attempts) {
      const prefix = `crash-${String(attempt).replace('.', '')}`;
      const rows = batch(prefix);
      const seen = pushLines();
      const release = attempt === 'stalled' ? await stallPushMidTransaction() : null;
      const pushing = client.push('tickets', rows).then(
        () => 'answered',
        () => 'no answer',
      );
      // Wait until the hub has the whole batch and is writing it, then kill it without warning.
      let midTransaction = false;
      if (release) {
        midTransaction = await pushIsWaiting(5_000);
        expect(midTransaction).toBe(true);
      } else {
        const deadline = performance.now() + 5_000;
        while (pushLines() === seen && performance.now() < deadline) await sleep(1);
        await sleep(batchMs * Number(attempt));
      }
      const exit = await hub.kill('SIGKILL');
      expect(exit.signal).toBe('SIGKILL');
      await release?.();
      const answered = await pushing;

      await hub.restart();
      client = hubClient(hub.url, token);
      const stored = await storedWith(prefix);
      expect([0, BATCH]).toContain(stored);
      outcomes.push(
        `${release ? 'killed inside the transaction' : `killed ${attempt} of a batch time after it arrived`}: ${answered}, ${stored} of ${BATCH} stored after restart`,
      );
      if (midTransaction) expect(stored).toBe(0);
      if (answered === 'answered') expect(stored).toBe(BATCH);

      // Pushed again, as the workstation's replication retries: accepted, or conflicts if it had landed.
      const again = await client.push('tickets', rows);
      expect(again.conflicts).toHaveLength(stored === BATCH ? BATCH : 0);
      expect(await storedWith(prefix)).toBe(BATCH);
    }
    console.info(`[hub ${backend}] ${outcomes.join('; ')}`);
    // Stamps stayed unique and in order through the crashes.
    const stamps = (await client.pullAll('tickets')).documents.map((d) => Number(d.hubStamp));
    expect(new Set(stamps).size).toBe(stamps.length);
    expect(stamps).toEqual([...stamps].sort((a, b) => a - b));
  }, 120_000);
});
