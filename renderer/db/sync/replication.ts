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
 * The engine's parts, each in its own module:
 *   kind.ts                    which collections: those the workstation's kind may pull at the hub;
 *   collection-replication.ts  one collection's replication in one generation (pull, push);
 *   generations.ts             the hub's sync epoch and the generations of replications — how a
 *                              workstation gives a hub that lost data everything back;
 *   live-stream.ts             the live stream: connect, reconnect, RESYNC;
 *   pending.ts                 the changes not sent yet, and `whenSent`;
 *   status.ts, leader-status.ts  the status, and how the other windows read the leader's;
 *   handle.ts                  what the screens hold: SyncHandle.
 */
import { SYNC_COLLECTIONS, type SyncCollection } from '../../../electron/common/contract/hub';
import type { LostCall } from '../../../electron/common/sync/conflict-rules';
import { Subject } from 'rxjs';
import type { OkienkoDatabase } from '../database';
import { replicateCollection, type ReplicationSettings } from './collection-replication';
import { Generations } from './generations';
import { replicatedCollections } from './kind';
import { syncHandle, type SyncHandle } from './handle';
import type { HubClient } from './hub-client';
import { shareStatus } from './leader-status';
import { LiveStream } from './live-stream';
import { PendingChanges } from './pending';
import { SyncStatusBoard, type SyncSwitches } from './status';
import { realTimers, type Timers } from '../../../electron/common/timers';

export type { SyncHandle } from './handle';
export type { HubConnection, SyncStatus } from './status';
export type { LostCall } from '../../../electron/common/sync/conflict-rules';

export interface SyncOptions extends ReplicationSettings {
  readonly db: OkienkoDatabase;
  readonly client: HubClient;
  /** The collections to offer (default: every one the database has), narrowed to what the kind may pull. */
  readonly collections?: readonly SyncCollection[];
  /** Reconnecting, publishing the status and `whenSent` wait with these (tests pass a manual clock). */
  readonly timers?: Timers;
}

export function startSync(options: SyncOptions): SyncHandle {
  const { db, client } = options;
  // A test's database may leave the assisted-session collections out (database.ts `collections`).
  const available = options.collections ?? SYNC_COLLECTIONS.filter((name) => name in db.collections);
  const timers = options.timers ?? realTimers;
  const switches: SyncSwitches = { offline: false, stopped: false };
  const pending = new PendingChanges();
  const board = new SyncStatusBoard(
    () => pending.size,
    () => timers.now(),
  );
  const lostCalls = new Subject<LostCall>();
  const subscriptions = pending.track(db, available, () => board.set({}));
  /** What this workstation's kind may pull at the hub (kind.ts); only they replicate, and count as pending. */
  const collections = async () => {
    const replicated = await replicatedCollections({ client, status: board, switches, timers }, available);
    pending.only(replicated);
    board.set({});
    return replicated;
  };

  const replication = { db, client, settings: options, switches, status: board, pending, lostCalls };
  const generations: Generations = new Generations({
    db,
    hubId: options.hubId,
    collections,
    switches,
    replicate: (name, generation) =>
      replicateCollection({ ...replication, hubBehind: (mine) => generations.hubBehind(mine) }, name, generation),
  });
  const ready = generations.lead();
  const live = new LiveStream({ client, ready, generations, status: board, switches, timers });
  // Only the leader window talks to the hub: connect() waits for `ready`, which waits for leadership.
  void live.connect();

  const shared = shareStatus(db, board, switches, timers);
  return syncHandle({
    db,
    switches,
    timers,
    board,
    shared,
    pending,
    subscriptions,
    lostCalls,
    ready,
    generations,
    live,
  });
}
