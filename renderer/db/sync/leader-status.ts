/**
 * The sync status for every window of a workstation. Only the leader window replicates, so only it
 * knows the status first hand; it publishes it in a local (never replicated) document, at most
 * twice a second, and the other windows read it from there.
 */
import { filter, map, merge, type Observable } from 'rxjs';
import type { OkienkoDatabase } from '../database';
import type { SyncStatus, SyncStatusBoard, SyncSwitches } from './status';
import type { Timers } from '../../../electron/common/timers';

const STATUS_DOC = 'sync-status';
const PUBLISH_EVERY_MS = 500;

export interface SharedStatus {
  /** The workstation's status: the leader's own, or what it last published. */
  readonly status$: Observable<SyncStatus>;
  /** What this window knows, leader or not (the hub calls and the status bar go by it). */
  current(): SyncStatus;
  stop(): void;
}

export function shareStatus(
  db: OkienkoDatabase,
  board: SyncStatusBoard,
  switches: SyncSwitches,
  timers: Timers,
): SharedStatus {
  let published: unknown = null;
  const publishing = board.subject.subscribe(() => {
    if (published || !db.isLeader()) return;
    published = timers.setTimeout(() => {
      published = null;
      if (!switches.stopped) void db.upsertLocal(STATUS_DOC, { ...board.value }).catch(() => undefined);
    }, PUBLISH_EVERY_MS);
  });
  const shared$ = db
    .getLocal$<SyncStatus>(STATUS_DOC)
    .pipe(map((doc) => (db.isLeader() || !doc ? board.value : (doc.toJSON().data as SyncStatus))));
  const status$ = merge(board.subject.pipe(filter(() => db.isLeader())), shared$);
  let latest: SyncStatus = board.value;
  const reading = status$.subscribe((status) => (latest = status));
  return {
    status$,
    current: () => (db.isLeader() ? board.value : latest),
    stop() {
      if (published) timers.clearTimeout(published);
      publishing.unsubscribe();
      reading.unsubscribe();
    },
  };
}
