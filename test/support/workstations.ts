/**
 * Many workstations in one test process: each in its own worker thread (a separate JavaScript
 * realm, so RxDB's per-realm limit on open collections applies to each alone), all against one
 * real hub process.
 *
 * The worker's code (workstation-worker.ts and everything it imports) is bundled into one file
 * with esbuild, once per test process: twenty workers loading hundreds of modules each through
 * the TypeScript loader took about 18 s of the two cores here, the bundle about 2 s.
 */
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Ticket } from '../../electron/common/domain/ticket';
import type { LostCall } from '../../renderer/db/sync/replication';
import type { Command, WorkstationInit } from './workstation-worker';

export interface WorkstationStatus {
  connection: string;
  lastSyncAt: number;
  pending: number;
  lostCalls: LostCall[];
  offsetMs: number;
}

export class WorkstationError extends Error {
  constructor(
    message: string,
    readonly code: unknown,
    readonly kind: string,
  ) {
    super(message);
  }
}

let bundle: Promise<string> | null = null;

function workerBundle(): Promise<string> {
  bundle ??= (async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'okienko-workstation-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    const outfile = path.join(dir, 'workstation-worker.mjs');
    await build({
      entryPoints: [fileURLToPath(new URL('./workstation-worker.ts', import.meta.url))],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      keepNames: true,
      logLevel: 'warning',
      // Some bundled CommonJS packages require() Node's own modules.
      banner: {
        js: "import { createRequire as okienkoCreateRequire } from 'node:module'; const require = okienkoCreateRequire(import.meta.url);",
      },
    });
    return outfile;
  })();
  return bundle;
}

export class SimulatedWorkstation {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  private constructor(
    readonly name: string,
    private readonly worker: Worker,
  ) {
    worker.on(
      'message',
      (message: {
        id?: number;
        ok?: boolean;
        value?: unknown;
        error?: { name: string; message: string; code: unknown };
      }) => {
        if (message.id === undefined) return;
        const call = this.pending.get(message.id);
        if (!call) return;
        this.pending.delete(message.id);
        if (message.ok) call.resolve(message.value);
        else
          call.reject(
            new WorkstationError(
              `${name}: ${message.error?.name}: ${message.error?.message}`,
              message.error?.code,
              message.error?.name ?? 'Error',
            ),
          );
      },
    );
    worker.on('error', (error) => {
      for (const call of this.pending.values()) call.reject(error);
      this.pending.clear();
    });
  }

  static async start(init: WorkstationInit): Promise<SimulatedWorkstation> {
    const worker = new Worker(await workerBundle(), { workerData: { init } });
    await new Promise<void>((resolve, reject) => {
      const onMessage = (message: { ready?: boolean }) => {
        if (!message.ready) return;
        worker.off('message', onMessage);
        resolve();
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`${init.name} exited with ${code} while starting`)));
    });
    return new SimulatedWorkstation(init.name, worker);
  }

  private send<T>(command: Command): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage({ id, command });
    });
  }

  issue(service: string, priority: string | null = null): Promise<Ticket> {
    return this.send({ type: 'issue', service, priority });
  }
  callNext(counter: number): Promise<Ticket | null> {
    return this.send({ type: 'callNext', counter });
  }
  /** Call, then wait until the hub confirmed the call or another counter won it. */
  callNextConfirmed(
    counter: number,
    timeoutMs = Number(process.env.OKIENKO_SYNC_CONFIRM_MS ?? 10_000),
  ): Promise<{ outcome: 'empty' | 'confirmed' | 'lost' | 'unconfirmed'; ticket?: Ticket }> {
    return this.send({ type: 'callNextConfirmed', counter, timeoutMs });
  }
  act(ticketId: string, action: { type: string; [key: string]: unknown }, counter: number): Promise<Ticket> {
    return this.send({ type: 'act', ticketId, action, counter });
  }
  openCounter(counter: number, clerk = this.name): Promise<void> {
    return this.send({ type: 'openCounter', counter, clerk });
  }
  setOffline(offline: boolean): Promise<void> {
    return this.send({ type: 'offline', offline });
  }
  awaitInSync(): Promise<void> {
    return this.send({ type: 'awaitInSync' });
  }
  tickets(): Promise<Ticket[]> {
    return this.send({ type: 'tickets' });
  }
  ticket(id: string): Promise<Ticket | null> {
    return this.send({ type: 'ticket', id });
  }
  status(): Promise<WorkstationStatus> {
    return this.send({ type: 'status' });
  }
  closeDay(includeToday: boolean): Promise<number> {
    return this.send({ type: 'closeDay', includeToday });
  }
  today(): Promise<string> {
    return this.send({ type: 'today' });
  }
  ensureCounters(count: number): Promise<void> {
    return this.send({ type: 'ensureCounters', count });
  }
  /** Report every ticket that arrives by replication to `onSeen` (benchmarks). */
  watch(onSeen: (id: string, at: number) => void): Promise<void> {
    this.worker.on('message', (message: { seen?: string; at?: number }) => {
      if (message.seen !== undefined && message.at !== undefined) onSeen(message.seen, message.at);
    });
    return this.send({ type: 'watch' });
  }
  touch(service: string): Promise<{ id: string; at: number }> {
    return this.send({ type: 'touch', service });
  }
  bulkIssue(count: number, service: string): Promise<number> {
    return this.send({ type: 'bulkIssue', count, service });
  }
  ticketCount(): Promise<number> {
    return this.send({ type: 'ticketCount' });
  }
  recordedPushes(): Promise<{ url: string; body: string }[]> {
    return this.send({ type: 'recordedPushes' });
  }
  waitingCount(): Promise<number> {
    return this.send({ type: 'waitingCount' });
  }
  async stop(): Promise<void> {
    await this.send({ type: 'stop' }).catch(() => undefined);
    await this.worker.terminate();
  }
}
