/**
 * What the screens hold of the workstation's sync: its status, the counter's lost calls, waits for
 * the sync to settle or a change to go out, and the switches to take it offline or stop it.
 */
import type { Observable, Subject, Subscription } from 'rxjs';
import type { SyncCollection } from '../../../electron/common/contract/hub';
import type { LostCall } from '../../../electron/common/sync/conflict-rules';
import type { OkienkoDatabase } from '../database';
import type { Generations } from './generations';
import type { SharedStatus } from './leader-status';
import type { LiveStream } from './live-stream';
import type { PendingChanges } from './pending';
import type { SyncStatus, SyncStatusBoard, SyncSwitches } from './status';
import type { Timers } from '../../../electron/common/timers';

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

/** The parts of a running sync engine, as startSync (replication.ts) composed them. */
export interface SyncParts {
  readonly db: OkienkoDatabase;
  readonly switches: SyncSwitches;
  readonly timers: Timers;
  readonly board: SyncStatusBoard;
  readonly shared: SharedStatus;
  readonly pending: PendingChanges;
  /** This window's own subscriptions (the pending changes' tracking). */
  readonly subscriptions: readonly Subscription[];
  readonly lostCalls: Subject<LostCall>;
  /** Resolves once this window replicates (it leads). */
  readonly ready: Promise<void>;
  readonly generations: Generations;
  readonly live: LiveStream;
}

export function syncHandle(parts: SyncParts): SyncHandle {
  const { db, switches, board, generations, live } = parts;
  return {
    status$: parts.shared.status$,
    lostCalls$: parts.lostCalls.asObservable(),
    get status() {
      return parts.shared.current();
    },
    get isLeader() {
      return db.isLeader();
    },
    async awaitInitialSync() {
      await parts.ready;
      await generations.untilSettled((state) => state.awaitInitialReplication());
    },
    async awaitInSync() {
      await parts.ready;
      await generations.untilSettled((state) => state.awaitInSync());
    },
    whenSent(collection, id, timeoutMs) {
      // Only the leader's replications clear this window's pending marks; elsewhere they stay.
      if (!db.isLeader()) return Promise.resolve(false);
      return parts.pending.whenSent(collection, id, timeoutMs, board.subject, parts.timers);
    },
    setOffline(value) {
      if (switches.offline === value) return;
      switches.offline = value;
      if (value) live.disconnect();
      else live.reconnectNow();
    },
    async stop() {
      switches.stopped = true;
      parts.shared.stop();
      live.stop();
      for (const subscription of parts.subscriptions) subscription.unsubscribe();
      // (Not `await ready`: in a window that never leads it never resolves.)
      await generations.cancel();
      board.complete();
      parts.lostCalls.complete();
    },
  };
}
