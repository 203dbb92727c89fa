/**
 * One simulated workstation in a worker thread: the real database code (RxDB on Dexie over
 * fake-indexeddb), the real queue, the real replication and numbering against a real hub. Only
 * the screens are missing; the test drives it with messages instead (workstations.ts).
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { first, firstValueFrom, map, of, timeout } from 'rxjs';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { createOkienkoDatabase } from '../../renderer/db/database';
import { Queue } from '../../renderer/db/queue';
import { seedDemoOffice } from '../../renderer/db/seed';
import { connectHub } from '../../renderer/db/sync/connect';
import { fetchTrusting } from '../../electron/station/accounts/hub-link';
import { issueTicket } from '../../electron/common/domain/ticket';
import { connectPeer } from './peer-link';
import type { LostCall } from '../../renderer/db/sync/replication';
import type { Ticket } from '../../electron/common/domain/ticket';

export interface WorkstationInit {
  readonly name: string;
  readonly hubUrl: string;
  readonly token: string;
  /** The office CA (PEM) the hub's HTTPS certificate chains to. */
  readonly ca?: string;
  /** Replicate with RxDB's websocket server at this URL instead of the hub (the benchmark's peer). */
  readonly peerUrl?: string;
  /** How far this workstation's clock is off, in ms (positive = ahead). */
  readonly clockSkewMs?: number;
  readonly seed?: boolean;
  readonly validate?: boolean;
  readonly retryMs?: number;
  readonly blockSize?: number;
  /** Keep a copy of every push request body (to replay them later in a test). */
  readonly recordPushes?: boolean;
  /** Only the trail of this counter's tickets is kept (debugging). */
  readonly counterOfInterest?: number;
  /** Decide every call locally, even online (to test the conflict path). */
  readonly localCallsOnly?: boolean;
}

export type Command =
  | { type: 'issue'; service: string; priority?: string | null }
  | { type: 'callNext'; counter: number }
  | { type: 'callNextConfirmed'; counter: number; timeoutMs: number }
  | { type: 'act'; ticketId: string; action: { type: string; [key: string]: unknown }; counter: number }
  | { type: 'openCounter'; counter: number; clerk: string }
  | { type: 'offline'; offline: boolean }
  | { type: 'awaitInSync' }
  | { type: 'awaitInitialSync' }
  | { type: 'tickets' }
  | { type: 'ticket'; id: string }
  | { type: 'status' }
  | { type: 'closeDay'; includeToday: boolean }
  | { type: 'today' }
  | { type: 'ensureCounters'; count: number }
  | { type: 'waitingCount' }
  | { type: 'recordedPushes' }
  | { type: 'watch' }
  | { type: 'touch'; service: string }
  | { type: 'bulkIssue'; count: number; service: string }
  | { type: 'ticketCount' }
  | { type: 'stop' };

const init = workerData.init as WorkstationInit;

// In an office every workstation has a computer of its own and the hub a server; here twenty of
// them share two cores with the hub process. Lowering this thread's priority (on Linux it applies
// to the calling thread only) keeps the crowd of simulated workstations from starving the server
// they all wait for — the hub and the benchmark's peer alike.
try {
  setPriority(0, 10);
} catch {
  // not permitted here: run at the normal priority
}
const skew = init.clockSkewMs ?? 0;
const localClock = () => Date.now() + skew;

const dexie = getRxStorageDexie({ indexedDB: new IDBFactory(), IDBKeyRange });
const db = await createOkienkoDatabase({
  name: `ws-${init.name.replace(/\W+/g, '-')}`,
  storage: init.validate ? wrappedValidateAjvStorage({ storage: dexie }) : dexie,
  multiInstance: false,
});
const recordedPushes: { url: string; body: string }[] = [];
const recordingFetch: typeof fetch = async (input, requestInit) => {
  if (requestInit?.method === 'POST' && String(input).includes('/push') && typeof requestInit.body === 'string') {
    recordedPushes.push({ url: String(input), body: requestInit.body });
  }
  if (!process.env.OKIENKO_SYNC_DEBUG) return fetch(input, requestInit);
  const started = Date.now();
  try {
    const response = await fetch(input, requestInit);
    if (Date.now() - started > 3000)
      console.info(
        `${init.name}: ${requestInit?.method ?? 'GET'} ${String(input).replace(/^.*\/api\/v\d+/, '')} answered after ${Date.now() - started} ms`,
      );
    return response;
  } catch (error) {
    console.info(
      `${init.name}: ${requestInit?.method ?? 'GET'} ${String(input).replace(/^.*\/api\/v\d+/, '')} failed after ${Date.now() - started} ms: ${String(error)}`,
    );
    throw error;
  }
};
const hub = init.peerUrl
  ? null
  : connectHub(
      db,
      { url: init.hubUrl, token: init.token },
      {
        appVersion: '0.1.0',
        localClock,
        ...(init.recordPushes || process.env.OKIENKO_SYNC_DEBUG ? { fetch: recordingFetch } : {}),
        ...(init.ca ? { fetch: fetchTrusting(init.ca) } : {}),
        retryMs: init.retryMs ?? 500,
        numbers: { blockSize: init.blockSize ?? 20, leaseTimeoutMs: 1000 },
      },
    );
const peer = init.peerUrl ? await connectPeer(db, init.peerUrl) : null;
/** What the commands need of either link. */
const link = {
  now: () => (hub ? hub.clock.now() : Date.now()),
  setOffline: (offline: boolean) => (hub ? hub.sync.setOffline(offline) : peer!.setOffline(offline)),
  awaitInSync: () => (hub ? hub.sync.awaitInSync() : peer!.awaitInSync()),
  awaitInitialSync: () => (hub ? hub.sync.awaitInitialSync() : peer!.awaitInitialSync()),
  stop: () => (hub ? hub.sync.stop() : peer!.stop()),
};
let counter = 0;
const queue = new Queue(db, {
  now: link.now,
  station: init.name,
  newId: () => `${init.name}-${++counter}-${Math.random().toString(36).slice(2, 8)}`,
  ...(hub ? { numbers: hub.numbers } : {}),
  ...(hub && !init.localCallsOnly ? { remote: hub.remote } : {}),
});
const lost: LostCall[] = [];
// The last changes of every ticket, with the write's context, to explain a failure.
const trail: string[] = [];
db.tickets.eventBulks$.subscribe((bulk) => {
  for (const event of bulk.events) {
    const doc = event.documentData as unknown as Ticket & { hubStamp?: number };
    if (doc.counter === init.counterOfInterest || bulk.context === 'incremental-write')
      trail.push(`${bulk.context.slice(0, 24)} ${doc.number} ${doc.state}/${doc.counter}/${doc.hubStamp ?? 0}`);
    if (trail.length > 60) trail.shift();
  }
});
hub?.sync.lostCalls$.subscribe((call) => lost.push(call));

// Benchmarks: report every ticket's first arrival here (insert by replication), with the time.
let watching = false;
db.tickets.eventBulks$.subscribe((bulk) => {
  if (!watching || !bulk.context.startsWith('replication')) return;
  const at = performance.timeOrigin + performance.now();
  for (const event of bulk.events)
    if (event.operation === 'INSERT') parentPort?.postMessage({ seen: event.documentId, at });
});

await link.awaitInitialSync();
if (init.seed) {
  await seedDemoOffice(db, link.now());
  await link.awaitInSync();
}

async function run(command: Command): Promise<unknown> {
  switch (command.type) {
    case 'issue':
      return queue.issue({ service: command.service, priority: (command.priority ?? null) as never });
    case 'callNext': {
      const pick = await queue.callNext(command.counter, init.name);
      return pick?.ticket ?? null;
    }
    case 'callNextConfirmed': {
      // As a real counter works with a hub: call, and serve only once the hub confirmed the call
      // (the board shows it, the visitor walks up); a lost call means calling the next one.
      const started = Date.now();
      const pick = await queue.callNext(command.counter, init.name).catch(async (error: unknown) => {
        trail.push(
          `callNext failed after ${Date.now() - started} ms: ${String((error as { code?: unknown }).code ?? error)}`,
        );
        if ((error as { code?: unknown }).code !== 'counter-busy') throw error;
        const held = await queue.currentTicket(command.counter, await queue.today());
        throw new Error(
          `counter-busy: holds ${JSON.stringify(held)}; lost so far ${JSON.stringify(lost)}; trail ${trail.join(' | ')}`,
        );
      });
      trail.push(`callNext -> ${pick?.ticket.number ?? 'none'} (${pick?.reason}) in ${Date.now() - started} ms`);
      if (!pick) return { outcome: 'empty' };
      // Watch the ticket (every version written here), as the counter's screen does.
      const seen: string[] = [];
      type Outcome = { outcome: 'lost' | 'confirmed'; ticket: Ticket; seen?: string[] };
      const decided = await firstValueFrom(
        db.tickets.findOne(pick.ticket.id).$.pipe(
          map((rxDoc): Outcome | null => {
            const doc = rxDoc?.toJSON() as (Ticket & { hubStamp?: number }) | undefined;
            const step = `${doc?.state}/${doc?.counter}/${doc?.hubStamp}`;
            if (seen.at(-1) !== step) seen.push(step);
            // Still "waiting" here only means the hub's version has not arrived yet.
            if (doc && doc.state !== 'waiting' && doc.counter !== command.counter) {
              trail.push(`lost ${doc.number}: ${seen.join(' ')}`);
              return { outcome: 'lost', ticket: doc, seen };
            }
            if (doc && (doc.hubStamp ?? 0) > 0 && doc.state === 'called') {
              if (process.env.OKIENKO_SYNC_DEBUG && Date.now() - started > 5000)
                console.info(`${init.name}: ${doc.number} confirmed after ${Date.now() - started} ms`);
              return { outcome: 'confirmed', ticket: doc };
            }
            return null;
          }),
          first((outcome) => outcome !== null),
          timeout({ first: command.timeoutMs, with: () => of(null) }),
        ),
      );
      if (decided) return decided;
      const last = (await db.tickets.findOne(pick.ticket.id).exec())?.toJSON();
      return {
        outcome: 'unconfirmed',
        ticket: last ?? pick.ticket,
        status: hub?.sync.status,
        seen,
        trail: trail.slice(-25),
      };
    }
    case 'act':
      return queue.act(command.ticketId, command.action as never, command.counter, init.name);
    case 'openCounter':
      await queue.setCounterMode(command.counter, 'open', command.clerk);
      return null;
    case 'offline':
      await link.setOffline(command.offline);
      return null;
    case 'awaitInSync':
      await link.awaitInSync();
      return null;
    case 'awaitInitialSync':
      await link.awaitInitialSync();
      return null;
    case 'tickets':
      return (await db.tickets.find().exec()).map((doc) => doc.toJSON() as Ticket);
    case 'ticket':
      return ((await db.tickets.findOne(command.id).exec())?.toJSON() as Ticket | undefined) ?? null;
    case 'status':
      return hub
        ? { ...hub.sync.status, lostCalls: lost, offsetMs: hub.clock.offsetMs }
        : { connection: 'peer', lastSyncAt: 0, pending: 0, lostCalls: [], offsetMs: 0 };
    case 'closeDay':
      return queue.closeDays(await queue.today(), command.includeToday);
    case 'today':
      return queue.today();
    case 'ensureCounters': {
      // A bigger office than the demo: counters 1..count, each serving every service.
      const services = (await db.services.find().exec()).map((doc) => doc.id);
      const now = link.now();
      for (let number = 1; number <= command.count; number++) {
        const existing = await db.counters.findOne(String(number)).exec();
        if (existing) await existing.incrementalPatch({ services, updatedAt: now });
        else
          await db.counters.insert({
            id: String(number),
            number,
            name: { pl: `Stanowisko ${number}`, en: `Counter ${number}`, uk: `Віконце ${number}` },
            services,
            mode: 'closed',
            clerk: '',
            normalSinceLastPriority: 0,
            updatedAt: now,
          });
      }
      return null;
    }
    case 'watch':
      watching = true;
      return null;
    case 'touch': {
      // One change to measure: a ticket issued now, with the moment it was written.
      const ticket = await queue.issue({ service: command.service, priority: null });
      return { id: ticket.id, at: performance.timeOrigin + performance.now() };
    }
    case 'bulkIssue': {
      // Many tickets at once, written straight to the database (the push is what is measured).
      const day = await queue.today();
      const base = link.now();
      const docs = Array.from({ length: command.count }, (_, i) => ({
        ...issueTicket(
          { id: `${init.name}-bulk-${i}`, day, service: command.service, letter: 'X', seq: i + 1, priority: null },
          { station: init.name },
          base + i,
        ),
        hubStamp: 0,
      }));
      for (let i = 0; i < docs.length; i += 500) await db.tickets.bulkInsert(docs.slice(i, i + 500));
      return docs.length;
    }
    case 'ticketCount':
      return db.tickets.count().exec();
    case 'recordedPushes':
      return recordedPushes;
    case 'waitingCount':
      return (await db.tickets.find({ selector: { state: 'waiting' } }).exec()).length;
    case 'stop':
      await link.stop();
      await db.close();
      return null;
  }
}

parentPort?.on('message', (message: { id: number; command: Command }) => {
  run(message.command).then(
    (value) => parentPort?.postMessage({ id: message.id, ok: true, value }),
    (error: unknown) =>
      parentPort?.postMessage({
        id: message.id,
        ok: false,
        error: {
          name: error instanceof Error ? error.name : 'Error',
          message: error instanceof Error ? error.message : String(error),
          code: (error as { code?: unknown }).code,
        },
      }),
  );
});
parentPort?.postMessage({ ready: true });
