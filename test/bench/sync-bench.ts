/**
 * The sync figures, side by side in one run: the Okienko hub on PGlite, the hub on
 * PostgreSQL, and the peer — RxDB's own websocket replication server — under the same workload,
 * with the same workstation code (simulated workstations in worker threads, RxDB on
 * fake-indexeddb).
 *
 *   A → B: a ticket issued at workstation A, seen at workstation B, with 50 workstations connected
 *   convergence: a workstation offline for a simulated day (1,000 tickets issued there while the
 *     office issued 1,000 more) comes back: time until it and the office agree
 *   throughput: 4 workstations write 10,000 tickets; documents per second the server stores
 *   raw push throughput: the same documents pushed straight to the server in its own protocol
 *     (HTTP for the hub, RxDB's websocket messages for the peer), no workstation in between —
 *     what the server itself sustains, where the figure above is bound by the workstations
 *   database only (hub): the hub's push transactions run in this process straight against a fresh
 *     database of the same kind, one batch after another, no HTTP, no parsing — the ceiling the
 *     database sets for any server that stores every document durably
 *   nothing stored (discarding-hub.ts): the same raw push against the hub's own HTTP server with a
 *     store that keeps nothing — the ceiling the rest of the hub (HTTP, JSON, checks) sets
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { WebSocket } from 'ws';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { HUB_API_PREFIX, type WireDocument } from '../../electron/common/contract/hub';
import { migrate } from '../../electron/hub/migrations';
import { openPglite, openPostgres } from '../../electron/hub/sql';
import { HubStore } from '../../electron/hub/store';
import { createLogger } from '../../electron/station/log';
import { createTestDatabase } from '../support/postgres';
import { issueTicket } from '../../electron/common/domain/ticket';
import {
  createHubDatabase,
  enrolSignedIn,
  hubClient,
  personOf,
  runHubCli,
  startHubProcess,
} from '../support/hub-process';
import { fetchTrusting } from '../../electron/station/accounts/hub-link';
import { PROJECT_ROOT } from '../support/processes';
import { SimulatedWorkstation } from '../support/workstations';

export type BackendName = 'hub-pglite' | 'hub-pglite-tls' | 'hub-postgresql' | 'peer-rxdb-websocket';

interface Backend {
  readonly name: BackendName;
  join(name: string, seed?: boolean): Promise<SimulatedWorkstation>;
  /** Tickets the server holds (or, for the hub, documents written since start: one stamp each). */
  storedCount(): Promise<number>;
  rawPushThroughput?(documents: number): Promise<number>;
  databaseOnlyThroughput?(documents: number): Promise<number>;
  stop(): Promise<void>;
}

const WORKSTATIONS = Number(process.env.BENCH_WORKSTATIONS ?? 50);
const SAMPLES = Number(process.env.BENCH_AB_SAMPLES ?? 60);
const DAY_TICKETS = Number(process.env.BENCH_DAY_TICKETS ?? 1000);
const THROUGHPUT_TICKETS = Number(process.env.BENCH_THROUGHPUT_TICKETS ?? 10_000);

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

const round = (value: number, digits = 1) => Number(value.toFixed(digits));

async function hubBackend(kind: 'pglite' | 'postgresql'): Promise<Backend> {
  const database = await createHubDatabase(kind);
  const hub = await startHubProcess(database, { env: { OKIENKO_LOG_LEVEL: 'warn' } });
  const adminToken = await enrolSignedIn(database, hub.url, 'bench-admin');
  const admin = hubClient(hub.url, adminToken);
  const health = async () => (await admin.request<{ stamp: number }>('GET', '/health')).body.stamp;
  return {
    name: `hub-${kind}`,
    async join(name, seed = false) {
      return SimulatedWorkstation.start({
        name,
        hubUrl: hub.url,
        token: await enrolSignedIn(database, hub.url, name),
        seed,
        blockSize: 200,
      });
    },
    storedCount: health,
    rawPushThroughput: (documents) => rawPushOverHttp(hub.url, adminToken, documents),
    databaseOnlyThroughput: (documents) => databaseOnlyThroughput(kind, documents),
    async stop() {
      await hub.kill('SIGTERM').catch(() => undefined);
      await database.remove();
    },
  };
}

/**
 * The hub on PGlite over HTTPS, as an office runs it (`tls init`; the workstations trust the office
 * CA): the same A → B and convergence as over plain HTTP, to set the two side by side.
 */
async function hubTlsBackend(): Promise<Backend> {
  const database = await createHubDatabase('pglite');
  const init = await runHubCli(database, ['tls', 'init', '--host', '127.0.0.1']);
  if (init.code !== 0) throw new Error(`tls init failed: ${init.stderr}`);
  const ca = await readFile(init.stdout.trim(), 'utf8');
  const hub = await startHubProcess(database, { env: { OKIENKO_LOG_LEVEL: 'warn' } });
  const secureFetch = fetchTrusting(ca);
  return {
    name: 'hub-pglite-tls',
    async join(name, seed = false) {
      const token = await enrolSignedIn(database, hub.url, name, personOf(name), ca);
      return SimulatedWorkstation.start({ name, hubUrl: hub.url, token, ca, seed, blockSize: 200 });
    },
    storedCount: async () => ((await (await secureFetch(`${hub.url}health`)).json()) as { stamp: number }).stamp,
    async stop() {
      await hub.kill('SIGTERM').catch(() => undefined);
      await database.remove();
    },
  };
}

/** New tickets pushed straight to a hub's push route: 4 connections, batches of 200. */
export async function rawPushOverHttp(url: string, token: string, documents: number): Promise<number> {
  const client = hubClient(url, token);
  const batches = rawBatches(documents);
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < batches.length) {
        const batch = batches[next++]!;
        const response = await client.request('POST', `${HUB_API_PREFIX}/sync/tickets/push`, {
          body: { rows: batch.map((document) => ({ newDocumentState: document })) },
        });
        if (response.status !== 200) throw new Error(`push failed: ${response.status}`);
      }
    }),
  );
  return documents / ((performance.now() - started) / 1000);
}

/** The raw push against the hub's HTTP server with a store that keeps nothing (discarding-hub.ts). */
export async function nothingStoredThroughput(documents: number): Promise<number> {
  const tokens = await createTestDatabase('okienko_bench_tokens');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(PROJECT_ROOT, 'test/bench/discarding-hub.ts'), '--database-url', tokens.url],
    {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  try {
    const { url, token } = await new Promise<{ url: string; token: string }>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`discarding hub exited with ${code}`)));
      createInterface({ input: child.stdout! }).once('line', (line) =>
        resolve(JSON.parse(line) as { url: string; token: string }),
      );
    });
    // Warm up as the other servers were (they served the workstations first).
    await rawPushOverHttp(url, token, 2_000);
    return await rawPushOverHttp(url, token, documents);
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await tokens.drop();
  }
}

/** The hub's own push transactions (HubStore.push) on a fresh database, one batch after another. */
async function databaseOnlyThroughput(kind: 'pglite' | 'postgresql', documents: number): Promise<number> {
  const log = createLogger({ level: 'error' });
  const dir = kind === 'pglite' ? await mkdtemp(path.join(tmpdir(), 'okienko-bench-db-')) : null;
  const postgres = kind === 'postgresql' ? await createTestDatabase('okienko_bench') : null;
  const db = dir ? await openPglite(path.join(dir, 'pglite'), log) : await openPostgres({ url: postgres!.url, log });
  try {
    await migrate(db);
    const store = new HubStore(db, 'bench');
    const rows = (batch: WireDocument[]) => batch.map((document) => ({ newDocumentState: document }));
    await store.push('tickets', rows(rawBatches(200, 'warm-up')[0]!));
    const batches = rawBatches(documents);
    const started = performance.now();
    for (const batch of batches) await store.push('tickets', rows(batch));
    return documents / ((performance.now() - started) / 1000);
  } finally {
    await db.close();
    await postgres?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}

/** New ticket documents in batches of 200, as a workstation would push them. */
let rawBatchRuns = 0;
function rawBatches(documents: number, prefix = `raw${++rawBatchRuns}`): WireDocument[][] {
  const day = new Date().toISOString().slice(0, 10);
  const batches: WireDocument[][] = [];
  for (let i = 0; i < documents; i += 200) {
    batches.push(
      Array.from({ length: Math.min(200, documents - i) }, (_, j) => ({
        ...issueTicket(
          { id: `${prefix}-${i + j}`, day, service: 'cashier', letter: 'R', seq: i + j + 1, priority: null },
          { station: 'raw' },
          Date.now(),
        ),
        hubStamp: 0,
        _deleted: false,
      })) as unknown as WireDocument[],
    );
  }
  return batches;
}

async function peerBackend(): Promise<Backend> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(PROJECT_ROOT, 'test/bench/peer-server.ts'),
      '--storage',
      process.env.BENCH_PEER_STORAGE ?? 'memory',
    ],
    {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const urls = await new Promise<{ ws: string; http: string }>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`peer server exited with ${code}`)));
    createInterface({ input: child.stdout! }).once('line', (line) =>
      resolve(JSON.parse(line) as { ws: string; http: string }),
    );
  });
  return {
    name: 'peer-rxdb-websocket',
    join: (name, seed = false) => SimulatedWorkstation.start({ name, hubUrl: '', token: '', peerUrl: urls.ws, seed }),
    async storedCount() {
      const response = await fetch(`${urls.http}/count`);
      return ((await response.json()) as { count: number }).count;
    },
    async rawPushThroughput(documents) {
      // RxDB's websocket protocol spoken directly: `masterWrite` calls, 4 connections in parallel.
      const batches = rawBatches(documents);
      const sockets = await Promise.all(
        Array.from(
          { length: 4 },
          () =>
            new Promise<WebSocket>((resolve, reject) => {
              const socket = new WebSocket(urls.ws);
              socket.once('open', () => resolve(socket));
              socket.once('error', reject);
            }),
        ),
      );
      const started = performance.now();
      let next = 0;
      await Promise.all(
        sockets.map(async (socket, n) => {
          while (next < batches.length) {
            const batch = batches[next++]!;
            const id = `raw-${n}-${next}`;
            await new Promise<void>((resolve, reject) => {
              const onMessage = (data: Buffer) => {
                const message = JSON.parse(data.toString()) as { id: string; result?: unknown[] };
                if (message.id !== id) return;
                socket.off('message', onMessage);
                if (Array.isArray(message.result) && message.result.length > 0)
                  reject(new Error('peer reported conflicts'));
                else resolve();
              };
              socket.on('message', onMessage);
              socket.send(
                JSON.stringify({
                  id,
                  collection: 'tickets',
                  method: 'masterWrite',
                  params: [batch.map((document) => ({ newDocumentState: document }))],
                }),
              );
            });
          }
        }),
      );
      const rate = documents / ((performance.now() - started) / 1000);
      for (const socket of sockets) socket.close();
      return rate;
    },
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

async function until(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface SyncFigures {
  readonly backend: BackendName;
  readonly aToB: { n: number; p50: number; p95: number; workstations: number };
  readonly convergenceMs: number;
  readonly throughputDocsPerSecond: number;
  readonly rawPushDocsPerSecond?: number;
  readonly databaseOnlyDocsPerSecond?: number;
}

async function measure(backend: Backend, log: (line: string) => void): Promise<SyncFigures> {
  // --- A → B with 50 workstations connected
  log(`  ${backend.name}: starting ${WORKSTATIONS} workstations…`);
  const first = await backend.join('ws-a', true);
  const rest: SimulatedWorkstation[] = [];
  for (let i = 1; i < WORKSTATIONS; i += 5) {
    rest.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(5, WORKSTATIONS - i) }, (_, j) => backend.join(`ws-${i + j}`)),
      )),
    );
  }
  const b = rest[0]!;
  const seen = new Map<string, number>();
  await b.watch((id, at) => seen.set(id, at));
  const latencies: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const touched = await first.touch('cashier');
    await until(async () => seen.has(touched.id), 20_000, `ticket ${touched.id} at B`);
    if (i >= 5) latencies.push(seen.get(touched.id)! - touched.at);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const aToB = {
    n: latencies.length,
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    workstations: WORKSTATIONS,
  };
  log(`  ${backend.name}: A → B p50 ${aToB.p50} ms, p95 ${aToB.p95} ms`);
  await Promise.all(rest.slice(1).map((workstation) => workstation.stop()));

  // --- a day offline
  const away = await backend.join('ws-away');
  await away.setOffline(true);
  await Promise.all([first.bulkIssue(DAY_TICKETS, 'taxes'), away.bulkIssue(DAY_TICKETS, 'residence')]);
  await first.awaitInSync();
  const total = await first.ticketCount();
  const offlineStart = performance.now();
  await away.setOffline(false);
  await until(
    async () =>
      (await away.ticketCount()) === total + DAY_TICKETS && (await first.ticketCount()) === total + DAY_TICKETS,
    120_000,
    'convergence',
  );
  await away.awaitInSync();
  const convergenceMs = round(performance.now() - offlineStart, 0);
  log(`  ${backend.name}: converged after a day offline (${2 * DAY_TICKETS} tickets) in ${convergenceMs} ms`);
  await Promise.all([away.stop(), b.stop()]);

  // --- throughput: 4 workstations write at once
  const writers = await Promise.all([1, 2, 3, 4].map((n) => backend.join(`ws-writer-${n}`)));
  const before = await backend.storedCount();
  const per = Math.ceil(THROUGHPUT_TICKETS / writers.length);
  const started = performance.now();
  await Promise.all(writers.map((writer) => writer.bulkIssue(per, 'cashier')));
  await until(
    async () => (await backend.storedCount()) >= before + per * writers.length,
    300_000,
    'the server to store every ticket',
  );
  const throughputDocsPerSecond = round((per * writers.length) / ((performance.now() - started) / 1000), 0);
  log(`  ${backend.name}: ${throughputDocsPerSecond} documents/s stored from 4 workstations`);
  await Promise.all([...writers, first].map((workstation) => workstation.stop()));

  const rawPushDocsPerSecond = backend.rawPushThroughput
    ? round(await backend.rawPushThroughput(THROUGHPUT_TICKETS), 0)
    : undefined;
  if (rawPushDocsPerSecond) log(`  ${backend.name}: ${rawPushDocsPerSecond} documents/s pushed straight over HTTP`);
  const databaseOnlyDocsPerSecond = backend.databaseOnlyThroughput
    ? round(await backend.databaseOnlyThroughput(THROUGHPUT_TICKETS), 0)
    : undefined;
  if (databaseOnlyDocsPerSecond)
    log(
      `  ${backend.name}: ${databaseOnlyDocsPerSecond} documents/s through the hub's push transactions alone (no HTTP)`,
    );
  return {
    backend: backend.name,
    aToB,
    convergenceMs,
    throughputDocsPerSecond,
    ...(rawPushDocsPerSecond ? { rawPushDocsPerSecond } : {}),
    ...(databaseOnlyDocsPerSecond ? { databaseOnlyDocsPerSecond } : {}),
  };
}

export async function runSyncBench(
  log: (line: string) => void,
): Promise<{ figures: SyncFigures[]; ratios: Record<string, unknown>; nothingStoredDocsPerSecond?: number }> {
  const figures: SyncFigures[] = [];
  const chosen = (
    process.env.BENCH_BACKENDS ?? 'hub-pglite,hub-pglite-tls,hub-postgresql,peer-rxdb-websocket,hub-discarding'
  ).split(',');
  const makers: [BackendName, () => Promise<Backend>][] = [
    ['hub-pglite', () => hubBackend('pglite')],
    ['hub-pglite-tls', hubTlsBackend],
    ['hub-postgresql', () => hubBackend('postgresql')],
    ['peer-rxdb-websocket', peerBackend],
  ];
  for (const make of makers.filter(([name]) => chosen.includes(name)).map(([, make]) => make)) {
    const backend = await make();
    try {
      figures.push(await measure(backend, log));
    } finally {
      await backend.stop();
    }
  }
  let nothingStoredDocsPerSecond: number | undefined;
  if (chosen.includes('hub-discarding')) {
    nothingStoredDocsPerSecond = round(await nothingStoredThroughput(THROUGHPUT_TICKETS), 0);
    log(`  hub's HTTP server, nothing stored: ${nothingStoredDocsPerSecond} documents/s pushed straight over HTTP`);
  }
  const peer = figures.find((figure) => figure.backend === 'peer-rxdb-websocket');
  const ratios: Record<string, unknown> = {};
  if (peer?.rawPushDocsPerSecond && nothingStoredDocsPerSecond)
    ratios['hub-discarding'] = { rawPushThroughput: round(nothingStoredDocsPerSecond / peer.rawPushDocsPerSecond, 2) };
  for (const figure of peer ? figures.filter((f) => f !== peer) : []) {
    if (!peer) break;
    ratios[figure.backend] = {
      aToBp95: round(figure.aToB.p95 / peer.aToB.p95, 2),
      convergence: round(figure.convergenceMs / peer.convergenceMs, 2),
      throughputThroughWorkstations: round(figure.throughputDocsPerSecond / peer.throughputDocsPerSecond, 2),
      ...(figure.rawPushDocsPerSecond && peer.rawPushDocsPerSecond
        ? { rawPushThroughput: round(figure.rawPushDocsPerSecond / peer.rawPushDocsPerSecond, 2) }
        : {}),
      // The database alone against the peer's whole server: the most any server on it could show.
      ...(figure.databaseOnlyDocsPerSecond && peer.rawPushDocsPerSecond
        ? { databaseOnlyVsPeerRawPush: round(figure.databaseOnlyDocsPerSecond / peer.rawPushDocsPerSecond, 2) }
        : {}),
    };
  }
  return { figures, ratios, ...(nothingStoredDocsPerSecond ? { nothingStoredDocsPerSecond } : {}) };
}
