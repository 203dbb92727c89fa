/**
 * Live replication of a workstation's collections with the office hub, on RxDB's replication
 * protocol with our own handlers (protocol: electron/common/contract/hub.ts):
 *
 *   pull  — documents after a checkpoint {stamp, id}, the stamp assigned by the hub in commit order;
 *   push  — changed documents with the state this workstation assumed the hub had; the hub answers
 *           with the real state where they differ, and the collection's conflict handler decides
 *           (sync/conflicts.ts);
 *   live  — one server-sent-events stream for all collections; after every reconnect each
 *           collection gets `RESYNC`, so a change made while the stream was down is pulled.
 *
 * Nothing here blocks the screens: writes go to IndexedDB at once and travel when they can. All
 * windows of a workstation share one database; only one of them (RxDB's elected leader) connects
 * to the hub and replicates, and it publishes the status (online, last sync, changes not yet sent)
 * in a local document that every window's status bar reads. `lostCalls$` (in the leader) tells
 * when another counter's call of the same visitor won.
 *
 * A hub that lost data. RxDB keeps, per replication identifier, a checkpoint and what it believes
 * the hub holds; a document it pushed once is not pushed again. When the hub is not the one those
 * marks refer to — a new, empty hub at the same address, or one restored from a backup — that would
 * leave the hub without what only this workstation still has. The hub announces a sync epoch when
 * the stream opens (HUB_SYNC_EPOCH_HEADER; new with every new database and every `npm run hub --
 * after-restore`), and a pull can find the hub behind our checkpoint (409 checkpoint-ahead). Either
 * way the workstation starts the next "generation": new replication identifiers, so RxDB pulls
 * everything and pushes every local document again, and the conflict handlers settle what both
 * sides have. The first epoch a workstation ever meets is taken as the one it has been syncing with.
 */
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import type { RxCollection, RxReplicationPullStreamItem, WithDeleted } from 'rxdb';
import { BehaviorSubject, Subject, filter, firstValueFrom, map, merge, type Observable, type Subscription } from 'rxjs';
import {
  SYNC_COLLECTIONS,
  type Checkpoint,
  type StreamEvent,
  type SyncCollection,
  type WireDocument,
} from '../../../electron/common/contract/hub';
import { retryDelay } from '../../../electron/common/backoff';
import type { Ticket } from '../../../electron/common/domain/ticket';
import type { OkienkoDatabase } from '../database';
import { sameDocument } from '../../../electron/common/sync/document-equality';
import { lostCall, type LostCall } from '../../../electron/common/sync/conflict-rules';
import { HubError, type HubClient } from './hub-client';

export type HubConnection = 'connecting' | 'online' | 'offline' | 'unauthorized' | 'upgrade-required';

export interface SyncStatus {
  readonly connection: HubConnection;
  /** When the workstation last heard from the hub (epoch ms, local clock); 0 = never. */
  readonly lastSyncAt: number;
  /** Local changes the hub has not confirmed yet. */
  readonly pending: number;
  /** The hub's words when it refused us (unauthorized, upgrade required). */
  readonly message?: string;
}

export type { LostCall };

export interface SyncHandle {
  readonly status$: Observable<SyncStatus>;
  readonly lostCalls$: Observable<LostCall>;
  /** The workstation's sync status: the leader's own, or what it last published. */
  readonly status: SyncStatus;
  /** Whether this window is the one that replicates. */
  readonly isLeader: boolean;
  /** Resolves when every collection has pulled what the hub had when it started. */
  awaitInitialSync(): Promise<void>;
  /** Resolves when local changes are pushed and the hub's are pulled (tests, daily close). */
  awaitInSync(): Promise<void>;
  /**
   * Resolves true once no local change of that document is waiting to reach the hub, or false
   * after `timeoutMs` (the hub may be slow or gone: the caller goes on regardless) — and false at
   * once in a window that does not replicate, which cannot see when the leader sent it.
   */
  whenSent(collection: SyncCollection, id: string, timeoutMs: number): Promise<boolean>;
  /** Take the workstation off the network (tests) or back on. */
  setOffline(offline: boolean): void;
  stop(): Promise<void>;
}

export interface SyncOptions {
  readonly db: OkienkoDatabase;
  readonly client: HubClient;
  /** Distinguishes the replication checkpoints of different hubs in one database. */
  readonly hubId: string;
  readonly collections?: readonly SyncCollection[];
  readonly pullBatchSize?: number;
  readonly pushBatchSize?: number;
  readonly retryMs?: number;
}

export function startSync(options: SyncOptions): SyncHandle {
  const { db, client } = options;
  const collections = options.collections ?? SYNC_COLLECTIONS;
  const streams = new Map<SyncCollection, Subject<RxReplicationPullStreamItem<unknown, Checkpoint>>>();
  const pending = new Map<string, unknown>();
  const subscriptions: Subscription[] = [];
  const lostCalls = new Subject<LostCall>();
  const statusSubject = new BehaviorSubject<SyncStatus>({ connection: 'connecting', lastSyncAt: 0, pending: 0 });
  let offline = false;
  let stopped = false;
  let streamAbort: AbortController | null = null;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let attempt = 0;

  const setStatus = (patch: Partial<SyncStatus>) => {
    const next = { ...statusSubject.value, ...patch, pending: pending.size };
    if (next.message === undefined || patch.connection === 'online') delete (next as { message?: string }).message;
    statusSubject.next(next);
  };
  const heard = () => setStatus({ lastSyncAt: Date.now() });
  const failed = (error: unknown) => {
    if (error instanceof HubError && (error.kind === 'unauthorized' || error.kind === 'upgrade-required')) {
      setStatus({ connection: error.kind, message: error.message });
    }
    throw error;
  };

  let states: RxReplicationState<unknown, Checkpoint>[] = [];
  /** Subscriptions to the current generation's replication states. */
  const stateSubscriptions: Subscription[] = [];
  const EPOCH_DOC = `sync-epoch-${options.hubId}`;
  let generation = 0;
  let knownEpoch: string | null = null;

  // Changes made here (not written by the replication itself) are pending until the hub has them
  // (counted across generations: a change made while one replaces another still counts).
  for (const name of collections) {
    subscriptions.push(
      (db[name] as unknown as RxCollection<unknown>).eventBulks$.subscribe((bulk) => {
        if (bulk.context.startsWith('replication')) return;
        for (const event of bulk.events) pending.set(`${name}/${event.documentId}`, event.documentData);
        setStatus({});
      }),
    );
  }

  const createStates = (mine: number) => {
    for (const name of collections) {
      const collection = db[name] as unknown as RxCollection<unknown>;
      const stream = new Subject<RxReplicationPullStreamItem<unknown, Checkpoint>>();
      streams.set(name, stream);

      const state = replicateRxCollection<unknown, Checkpoint>({
        collection,
        replicationIdentifier:
          mine === 0 ? `okienko-hub-${options.hubId}-${name}` : `okienko-hub-${options.hubId}-g${mine}-${name}`,
        live: true,
        retryTime: options.retryMs ?? 2000,
        // Every window of a workstation shares one database; one of them replicates for all.
        waitForLeadership: true,
        deletedField: '_deleted',
        pull: {
          batchSize: options.pullBatchSize ?? 300,
          stream$: stream.asObservable(),
          handler: async (checkpoint, batchSize) => {
            if (offline) throw new HubError('offline', 0, 'Offline');
            const response = await client
              .pull(name, checkpoint ?? null, batchSize)
              .catch((error: unknown) => {
                // The hub is behind our checkpoint (restored from a backup, or another hub at this
                // address): asking again from there would fail for ever, and RxDB would hold every
                // later change behind it. Pull everything again, as the hub asks.
                if (checkpoint && error instanceof HubError && error.code === 'checkpoint-ahead') {
                  // …and what we sent it after that point is gone from it: send everything again.
                  // (A pull of a generation already replaced says nothing about the new one.)
                  if (mine === generation) requestNewGeneration('the hub is behind our checkpoint');
                  return client.pull(name, null, batchSize);
                }
                throw error;
              })
              .catch(failed);
            heard();
            return {
              documents: response.documents as WithDeleted<unknown>[],
              checkpoint: response.checkpoint ?? checkpoint ?? { stamp: 0, id: '' },
            };
          },
        },
        push: {
          batchSize: options.pushBatchSize ?? 250,
          handler: async (rows) => {
            if (offline) throw new HubError('offline', 0, 'Offline');
            const conflicts = await client
              .push(
                name,
                rows.map((row) => ({
                  newDocumentState: row.newDocumentState as WireDocument,
                  ...(row.assumedMasterState ? { assumedMasterState: row.assumedMasterState as WireDocument } : {}),
                })),
              )
              .catch(failed);
            heard();
            // For stamped collections the answer includes the stored versions: RxDB writes them here
            // as resolved conflicts, and the ticket handler keeps the stream from going back behind
            // them (sync/conflicts.ts).
            return conflicts as WithDeleted<unknown>[];
          },
        },
      });
      stateSubscriptions.push(
        state.sent$.subscribe((document) => {
          const key = `${name}/${idOf(document)}`;
          if (pending.has(key) && sameDocument(stripMeta(pending.get(key)), document)) pending.delete(key);
          setStatus({});
        }),
        state.received$.subscribe((document) => {
          // A pulled document replaces what was pending for it (the hub's version, or ours merged).
          pending.delete(`${name}/${idOf(document)}`);
          setStatus({});
        }),
        state.error$.subscribe(() => undefined),
      );
      if (name === 'tickets') {
        stateSubscriptions.push(
          state.conflict$.subscribe((conflict) => {
            const lost = lostCall(
              conflict.input.newDocumentState as WithDeleted<Ticket>,
              conflict.output as WithDeleted<Ticket>,
            );
            if (lost) lostCalls.next(lost);
            pending.delete(`tickets/${idOf(conflict.output)}`);
          }),
        );
      }
      states.push(state);
    }
  };

  /** Cancels the current replications and starts the next generation's (see the top of this file). */
  const startGeneration = async (epoch: string | null, why: string) => {
    // Numbered after the highest ever remembered (another window of this workstation may have
    // gone further while it led), and remembered first: should the app stop right after, it
    // starts in the new generation; should this fail, nothing here changed and the next connect
    // (the epoch still differs) or the next refused pull tries again.
    const saved = await readSaved();
    const next = { epoch: epoch ?? knownEpoch, generation: Math.max(generation, saved?.generation ?? 0) + 1 };
    await db.upsertLocal(EPOCH_DOC, next);
    const old = states;
    states = [];
    for (const subscription of stateSubscriptions.splice(0)) subscription.unsubscribe();
    // remove(): the replaced generation's checkpoint and "already sent" marks go with it.
    await Promise.allSettled(old.map((state) => state.remove()));
    generation = next.generation;
    knownEpoch = next.epoch;
    if (stopped) return;
    console.info(
      `Okienko sync: ${why}; fetching everything from the hub and sending everything this workstation holds (generation ${generation})`,
    );
    createStates(generation);
  };
  let generationChange: Promise<void> | null = null;
  /** From a pull handler: after it returns, start a new generation and resync it (once at a time). */
  const requestNewGeneration = (why: string) => {
    if (generationChange) return;
    generationChange = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
      await startGeneration(null, why);
      for (const stream of streams.values()) stream.next('RESYNC');
    })()
      .catch((error: unknown) => console.warn('Okienko sync: could not start a new generation', error))
      .finally(() => (generationChange = null));
  };

  const readSaved = async (): Promise<{ epoch: string | null; generation: number } | null> => {
    const saved = await db.getLocal<{ epoch: string | null; generation: number }>(EPOCH_DOC).catch(() => null);
    return saved
      ? { epoch: (saved.get('epoch') as string | null) ?? null, generation: Number(saved.get('generation')) || 0 }
      : null;
  };
  // Only the leader window replicates, and it reads the generation when it becomes leader: a
  // window that waited may find that the one before it moved on.
  const ready = (async () => {
    await db.waitForLeadership();
    if (stopped) return;
    const saved = await readSaved();
    if (saved) {
      generation = saved.generation;
      knownEpoch = saved.epoch;
    }
    if (!stopped) createStates(generation);
  })();

  const connect = async () => {
    await ready;
    if (stopped || offline) return;
    streamAbort?.abort();
    streamAbort = new AbortController();
    const abort = streamAbort;
    // Events must reach RxDB after the RESYNC below: one handled before it would move the
    // checkpoint past what changed while the stream was down, and the pull would skip that.
    let early: StreamEvent[] | null = [];
    const deliver = (event: StreamEvent) =>
      streams
        .get(event.collection)
        ?.next({ documents: [...event.documents] as unknown as WithDeleted<unknown>[], checkpoint: event.checkpoint });
    try {
      const opened = await client.stream({
        signal: abort.signal,
        onEvent: (event) => {
          heard();
          if (early) early.push(event);
          else deliver(event);
        },
        onClose: () => {
          if (abort.signal.aborted) return;
          setStatus({ connection: 'offline' });
          scheduleReconnect();
        },
      });
      attempt = 0;
      const epoch = opened.syncEpoch;
      if (epoch && epoch !== knownEpoch) {
        if (knownEpoch === null) {
          knownEpoch = epoch;
          await db.upsertLocal(EPOCH_DOC, { epoch, generation });
        } else {
          await generationChange;
          if (epoch !== knownEpoch) {
            generationChange = startGeneration(epoch, 'the hub is new or was restored from a backup').finally(
              () => (generationChange = null),
            );
            await generationChange;
          }
        }
        if (abort.signal.aborted || stopped) return;
      }
      setStatus({ connection: 'online', lastSyncAt: Date.now() });
      // Whatever changed while we were away: every collection pulls from its checkpoint.
      for (const stream of streams.values()) stream.next('RESYNC');
      for (const state of states) state.reSync();
      const arrived = early;
      early = null;
      for (const event of arrived) deliver(event);
    } catch (error) {
      if (abort.signal.aborted) return;
      // The stream may be open (a failure after it connected): end it, or it would live on.
      abort.abort();
      if (error instanceof HubError && (error.kind === 'unauthorized' || error.kind === 'upgrade-required')) {
        setStatus({ connection: error.kind, message: error.message });
      } else {
        setStatus({ connection: 'offline' });
      }
      scheduleReconnect();
    }
  };

  const scheduleReconnect = () => {
    if (stopped || offline || reconnectTimer) return;
    const delay = retryDelay(attempt++);
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      void connect();
    }, delay);
  };

  /**
   * Waits for every current replication; a generation that replaces them meanwhile is waited for
   * in turn (a replaced state never finishes: RxDB's waits do not end when it is cancelled).
   */
  const untilSettled = async (wait: (state: RxReplicationState<unknown, Checkpoint>) => Promise<unknown>) => {
    for (;;) {
      await generationChange;
      const current = states;
      await Promise.all(
        current.map((state) =>
          Promise.race([wait(state), firstValueFrom(state.canceled$.pipe(filter(Boolean)), { defaultValue: true })]),
        ),
      );
      if (current === states && !generationChange) return;
    }
  };

  // Only the leader window talks to the hub: connect() waits for `ready`, which waits for leadership.
  void connect();

  // The leader publishes its status for the other windows, at most twice a second.
  const STATUS_DOC = 'sync-status';
  let published: ReturnType<typeof setTimeout> | null = null;
  subscriptions.push(
    statusSubject.subscribe(() => {
      if (published || !db.isLeader()) return;
      published = setTimeout(() => {
        published = null;
        if (!stopped) void db.upsertLocal(STATUS_DOC, { ...statusSubject.value }).catch(() => undefined);
      }, 500);
    }),
  );
  const shared$ = db
    .getLocal$<SyncStatus>(STATUS_DOC)
    .pipe(map((doc) => (db.isLeader() || !doc ? statusSubject.value : (doc.toJSON().data as SyncStatus))));
  const status$ = merge(statusSubject.pipe(filter(() => db.isLeader())), shared$);
  // What this window knows, leader or not (the hub calls and the status bar go by it).
  let latest: SyncStatus = statusSubject.value;
  subscriptions.push(status$.subscribe((status) => (latest = status)));

  return {
    status$,
    lostCalls$: lostCalls.asObservable(),
    get status() {
      return db.isLeader() ? statusSubject.value : latest;
    },
    get isLeader() {
      return db.isLeader();
    },
    async awaitInitialSync() {
      await ready;
      await untilSettled((state) => state.awaitInitialReplication());
    },
    async awaitInSync() {
      await ready;
      await untilSettled((state) => state.awaitInSync());
    },
    whenSent(collection, id, timeoutMs) {
      const key = `${collection}/${id}`;
      // Only the leader's replications clear this window's pending marks; elsewhere they stay.
      if (!db.isLeader()) return Promise.resolve(false);
      if (!pending.has(key)) return Promise.resolve(true);
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          watch.unsubscribe();
          resolve(false);
        }, timeoutMs);
        const watch = statusSubject.subscribe({
          next: () => {
            if (pending.has(key)) return;
            clearTimeout(timer);
            queueMicrotask(() => watch.unsubscribe());
            resolve(true);
          },
          complete: () => {
            clearTimeout(timer);
            resolve(!pending.has(key));
          },
        });
      });
    },
    setOffline(value) {
      if (offline === value) return;
      offline = value;
      if (offline) {
        streamAbort?.abort();
        if (reconnectTimer) clearTimeout(reconnectTimer);
        reconnectTimer = null;
        setStatus({ connection: 'offline' });
      } else {
        attempt = 0;
        void connect();
      }
    },
    async stop() {
      stopped = true;
      if (published) clearTimeout(published);
      streamAbort?.abort();
      if (reconnectTimer) clearTimeout(reconnectTimer);
      for (const subscription of [...subscriptions, ...stateSubscriptions]) subscription.unsubscribe();
      // (Not `await ready`: in a window that never leads it never resolves.)
      await Promise.allSettled(states.map((state) => state.cancel()));
      statusSubject.complete();
      lostCalls.complete();
    },
  };
}

function idOf(document: unknown): string {
  return String((document as { id?: unknown }).id);
}

function stripMeta(document: unknown): unknown {
  if (!document || typeof document !== 'object') return document;
  const { _rev: _r, _meta: _m, _attachments: _a, ...rest } = document as Record<string, unknown>;
  return rest;
}
