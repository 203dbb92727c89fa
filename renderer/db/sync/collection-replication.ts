/**
 * One collection's replication with the hub, in one generation: RxDB's replication protocol with
 * our pull and push handlers (protocol: electron/common/contract/hub.ts), and what its events tell
 * the rest of the sync engine — a change reached the hub, the hub's version arrived, a call of this
 * counter lost to another counter's.
 */
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import type {
  ReplicationPullHandler,
  ReplicationPushHandler,
  RxCollection,
  RxReplicationPullStreamItem,
  WithDeleted,
} from 'rxdb';
import { Subject, type Subscription } from 'rxjs';
import type { Checkpoint, SyncCollection, WireDocument } from '../../../electron/common/contract/hub';
import type { Ticket } from '../../../electron/common/domain/ticket';
import { lostCall, type LostCall } from '../../../electron/common/sync/conflict-rules';
import { sameDocument } from '../../../electron/common/sync/document-equality';
import type { OkienkoDatabase } from '../database';
import { HubError, type HubClient } from './hub-client';
import { withoutMeta, type PendingChanges } from './pending';
import type { SyncStatusBoard, SyncSwitches } from './status';

export type PullStream = Subject<RxReplicationPullStreamItem<unknown, Checkpoint>>;
export type CollectionState = RxReplicationState<unknown, Checkpoint>;

/** How the replications run (see SyncOptions). */
export interface ReplicationSettings {
  /** Distinguishes the replication checkpoints of different hubs in one database. */
  readonly hubId: string;
  readonly pullBatchSize?: number;
  readonly pushBatchSize?: number;
  readonly retryMs?: number;
}

export interface ReplicationContext {
  readonly db: OkienkoDatabase;
  readonly client: HubClient;
  readonly settings: ReplicationSettings;
  readonly switches: SyncSwitches;
  readonly status: SyncStatusBoard;
  readonly pending: PendingChanges;
  readonly lostCalls: Subject<LostCall>;
  /** A pull of `generation`'s replication found the hub behind its checkpoint. */
  hubBehind(generation: number): void;
}

export interface CollectionReplication {
  readonly state: CollectionState;
  /** The live stream's events for this collection go here (and `RESYNC`, to pull from the checkpoint). */
  readonly stream: PullStream;
  readonly subscriptions: Subscription[];
}

/** Generation 0 keeps the identifiers from before generations existed. */
export function replicationIdentifier(hubId: string, name: SyncCollection, generation: number): string {
  return generation === 0 ? `okienko-hub-${hubId}-${name}` : `okienko-hub-${hubId}-g${generation}-${name}`;
}

export function replicateCollection(
  context: ReplicationContext,
  name: SyncCollection,
  generation: number,
): CollectionReplication {
  const stream: PullStream = new Subject();
  const state = replicateRxCollection<unknown, Checkpoint>({
    collection: context.db[name] as unknown as RxCollection<unknown>,
    replicationIdentifier: replicationIdentifier(context.settings.hubId, name, generation),
    live: true,
    retryTime: context.settings.retryMs ?? 2000,
    // Every window of a workstation shares one database; one of them replicates for all.
    waitForLeadership: true,
    deletedField: '_deleted',
    pull: {
      batchSize: context.settings.pullBatchSize ?? 300,
      stream$: stream.asObservable(),
      handler: pullHandler(context, name, generation),
    },
    push: { batchSize: context.settings.pushBatchSize ?? 250, handler: pushHandler(context, name) },
  });
  return { state, stream, subscriptions: watch(context, name, state) };
}

/** Shows why the hub refused us, if it did, and fails the request (RxDB retries it). */
function failed(context: ReplicationContext): (error: unknown) => never {
  return (error) => {
    context.status.refused(error);
    throw error;
  };
}

function pullHandler(
  context: ReplicationContext,
  name: SyncCollection,
  generation: number,
): ReplicationPullHandler<unknown, Checkpoint> {
  const { client } = context;
  return async (checkpoint, batchSize) => {
    if (context.switches.offline) throw new HubError('offline', 0, 'Offline');
    const response = await client
      .pull(name, checkpoint ?? null, batchSize)
      .catch((error: unknown) => {
        // The hub is behind our checkpoint (restored from a backup, or another hub at this
        // address): asking again from there would fail for ever, and RxDB would hold every
        // later change behind it. Pull everything again, as the hub asks.
        if (checkpoint && error instanceof HubError && error.code === 'checkpoint-ahead') {
          // …and what we sent it after that point is gone from it: send everything again.
          context.hubBehind(generation);
          return client.pull(name, null, batchSize);
        }
        throw error;
      })
      .catch(failed(context));
    context.status.heard();
    return {
      documents: response.documents as WithDeleted<unknown>[],
      checkpoint: response.checkpoint ?? checkpoint ?? { stamp: 0, id: '' },
    };
  };
}

function pushHandler(context: ReplicationContext, name: SyncCollection): ReplicationPushHandler<unknown> {
  const collection = context.db[name] as unknown as RxCollection<unknown>;
  return async (rows) => {
    if (context.switches.offline) throw new HubError('offline', 0, 'Offline');
    const pushed = rows.map((row) => ({
      newDocumentState: row.newDocumentState as WireDocument,
      ...(row.assumedMasterState ? { assumedMasterState: row.assumedMasterState as WireDocument } : {}),
    }));
    const { conflicts, stored } = await context.client.push(name, pushed).catch(failed(context));
    context.status.heard();
    // For stamped collections the answer includes the stored versions of calls: RxDB writes them
    // here as resolved conflicts (the hub's version wins), so the hub's confirmation arrives at once,
    // and the ticket handler keeps the stream from going back behind them (sync/conflicts.ts).
    const confirmed = await stillPushed(collection, pushed, stored);
    return [...conflicts, ...confirmed] as WithDeleted<unknown>[];
  };
}

/**
 * The stored versions whose document here is still the one pushed. Once the document has changed
 * here since (the clerk started or finished the visit while the call travelled), its stored
 * version is left out: RxDB could not write it over the newer copy, and would then go on assuming
 * the hub holds the state before the push — so the next push would be refused once. Left out,
 * the push counts as accepted, RxDB assumes the hub holds what was pushed, and the newer change
 * goes out on top of it (and brings its own confirmation, if it is a call).
 */
async function stillPushed(
  collection: RxCollection<unknown>,
  rows: readonly { newDocumentState: WireDocument }[],
  stored: readonly WireDocument[],
): Promise<WireDocument[]> {
  if (stored.length === 0) return [];
  const sent = new Map(rows.map((row) => [row.newDocumentState.id, row.newDocumentState]));
  const ids = stored.map((document) => document.id).filter((id) => sent.has(id));
  const here = new Map(
    (await collection.storageInstance.findDocumentsById(ids, true)).map((document) => [
      String((document as { id?: unknown }).id),
      document,
    ]),
  );
  return stored.filter((document) => {
    const local = here.get(document.id);
    return local !== undefined && sameDocument(withoutMeta(local), sent.get(document.id));
  });
}

/** What the replication's events mean for the pending changes and the counter's lost calls. */
function watch(context: ReplicationContext, name: SyncCollection, state: CollectionState): Subscription[] {
  const { pending, status } = context;
  const subscriptions = [
    state.sent$.subscribe((document) => {
      pending.sent(name, document);
      status.set({});
    }),
    state.received$.subscribe((document) => {
      // A pulled document replaces what was pending for it (the hub's version, or ours merged).
      pending.settled(name, document);
      status.set({});
    }),
    state.error$.subscribe(() => undefined),
  ];
  subscriptions.push(
    state.conflict$.subscribe((conflict) => {
      if (name === 'tickets') {
        const lost = lostCall(
          conflict.input.newDocumentState as WithDeleted<Ticket>,
          conflict.output as WithDeleted<Ticket>,
        );
        if (lost) context.lostCalls.next(lost);
      }
      // RxDB writes the resolution here as its own write, which the pending changes do not count.
      pending.resolved(name, conflict);
      status.set({});
    }),
  );
  return subscriptions;
}
