/**
 * The replication store: documents per collection, each with a hub-assigned stamp.
 *
 * Stamps. Every write transaction first locks the single row of `hub_stamp` and keeps it until
 * COMMIT; its documents get the next numbers and the row is updated before COMMIT. So
 * - stamps are unique and strictly increasing in commit order: writer B cannot read the counter
 *   until writer A has committed, and A's rows are visible before A's lock is released;
 * - a reader therefore always sees a gap-free prefix of the stamps: a pull that has passed stamp N
 *   can never later meet a document with a stamp below N (which a client clock, or a sequence
 *   whose values are taken before commit, would allow);
 * - a push that rolls back gives its numbers back, so stamps have no gaps.
 * The counter is locked BEFORE any document row: taking document locks first and the counter
 * second would let two multi-row pushes deadlock on each other.
 *
 * Conflicts. A row is written only when its `assumedMasterState` equals the current master
 * (documents.ts `sameMasterState`), or when there is no master yet. Anything else is a conflict:
 * the real master goes back to the workstation and nothing is written for that row. A replayed
 * batch therefore conflicts instead of writing twice, and reordered batches cannot overwrite a
 * newer state with an older one. The masters of a batch are locked with one SELECT … FOR UPDATE
 * and the accepted rows written with one INSERT, so a batch costs five statements however many
 * rows it has (row-by-row statements made a 500-row batch take 3.3 s on PGlite).
 */
import {
  HUB_STAMP_FIELD,
  LEASED_HIGH_START,
  LEASED_LOW_MAX,
  MAX_PULL_LIMIT,
  STAMPED_COLLECTIONS,
  type CallNextRequest,
  type Checkpoint,
  type LeaseResponse,
  type PullResponse,
  type PushRequest,
  type SyncCollection,
  type WireDocument,
} from '../common/contract/hub';
import { sameMasterState, validatorFor } from './documents';
import { HubFailure } from './errors';
import type { CounterDoc } from '../common/domain/schemas';
import type { Office } from '../common/domain/office';
import { officeDay } from '../common/domain/office-time';
import { afterCall, pickNext, type Pick, type PickReason } from '../common/domain/ordering';
import { transition, type Actor, type Ticket } from '../common/domain/ticket';
import { LEASED_HIGH_MAX, LeaseExhausted, nextLeaseBlock } from './leases';
import type { SqlClient, SqlQueryable } from './sql';

export const CHANGES_CHANNEL = 'okienko_changes';

/** What a hub node tells the others after a commit (NOTIFY payloads are limited to 8000 bytes). */
export interface ChangeNotice {
  readonly node: string;
  readonly collection: SyncCollection;
  readonly from: number;
  readonly to: number;
}

export interface StoredDocument {
  readonly collection: SyncCollection;
  readonly stamp: number;
  readonly document: WireDocument;
}

/** A document the hub writes itself, and its collection. */
export interface OwnDocument {
  readonly collection: SyncCollection;
  readonly document: WireDocument;
}

export type PushRow = PushRequest['rows'][number];

export interface PushOutcome {
  readonly conflicts: WireDocument[];
  /** What this push wrote, in stamp order; the stamps are consecutive. */
  readonly written: StoredDocument[];
}

interface DocumentRow extends Record<string, unknown> {
  collection: SyncCollection;
  id: string;
  data: Record<string, unknown>;
  deleted: boolean;
  stamp: number | string;
}

export function toWire(data: Readonly<Record<string, unknown>>, deleted: boolean): WireDocument {
  return { ...data, _deleted: deleted } as WireDocument;
}

const MAX_REPORTED_PROBLEMS = 5;
/** How far `afterRestore` moves the stamp counter and today's number leases. */
export const STAMP_JUMP_AFTER_RESTORE = 10_000_000;
export const NUMBER_JUMP_AFTER_RESTORE = 1_000_000;

export interface AfterRestore {
  readonly newestStamp: number;
  /** Number leases (day and service) moved on. */
  readonly leasesMoved: number;
  readonly syncEpoch: string;
}

export class HubStore {
  constructor(
    readonly db: SqlClient,
    private readonly nodeId: string,
  ) {}

  /** The newest stamp committed (0 in an empty hub). */
  async newestStamp(db: SqlQueryable = this.db): Promise<number> {
    const rows = await db.query<{ value: string | number }>('SELECT value FROM hub_stamp');
    return Number(rows[0]?.value ?? 0);
  }

  /** The sync epoch (contract: HUB_SYNC_EPOCH_HEADER). */
  async syncEpoch(): Promise<string> {
    const rows = await this.db.query<{ value: string }>('SELECT value FROM hub_sync_epoch');
    const value = rows[0]?.value;
    if (!value) throw new Error('The hub database has no sync epoch (migration 3 missing)');
    return value;
  }

  /**
   * `npm run hub -- after-restore`: what a database restored from a backup (or a standby promoted
   * after asynchronous replication) needs before workstations come back, in one transaction:
   * - stamps jump past anything the lost timeline could have handed out, so a workstation holding
   *   a checkpoint from it cannot skip new documents that would reuse those stamps;
   * - today's (and later) number leases jump likewise, so no kiosk prints a number already printed
   *   (long numbers for the rest of the day; none twice) — and so do leases of today that this
   *   database has no record of yet (`restored_on`, see leaseNumbers);
   * - a new sync epoch, so every workstation pulls everything and sends everything it holds again
   *   — including what it sent after the backup was made, which the restore took away.
   */
  async afterRestore(): Promise<AfterRestore> {
    return this.db.transaction(async (tx) => {
      const stamp = await tx.query<{ value: string | number }>(
        `UPDATE hub_stamp SET value = value + ${STAMP_JUMP_AFTER_RESTORE} WHERE id RETURNING value`,
      );
      const leases = await tx.query<{ day: string }>(
        `UPDATE number_leases SET next = GREATEST(next, ${LEASED_HIGH_START}) + ${NUMBER_JUMP_AFTER_RESTORE}
          WHERE day >= to_char(now() AT TIME ZONE 'Europe/Warsaw', 'YYYY-MM-DD') RETURNING day`,
      );
      const epoch = await tx.query<{ value: string }>(
        `UPDATE hub_sync_epoch SET value = gen_random_uuid()::text, changed_at = now(),
                restored_on = to_char(now() AT TIME ZONE 'Europe/Warsaw', 'YYYY-MM-DD')
          WHERE id RETURNING value`,
      );
      return { newestStamp: Number(stamp[0]!.value), leasesMoved: leases.length, syncEpoch: epoch[0]!.value };
    });
  }

  async pull(collection: SyncCollection, checkpoint: Checkpoint | null, limit: number): Promise<PullResponse> {
    if (checkpoint) {
      const newest = await this.newestStamp();
      if (checkpoint.stamp > newest) {
        throw new HubFailure(
          409,
          'checkpoint-ahead',
          `Checkpoint stamp ${checkpoint.stamp} is newer than this hub's newest (${newest}): the hub was reset or restored, or this is another hub; pull again from the start`,
        );
      }
    }
    const rows = await this.db.query<DocumentRow>(
      `SELECT id, data, deleted, stamp FROM documents
        WHERE collection = $1 AND (stamp, id) > ($2::bigint, $3::text)
        ORDER BY stamp, id LIMIT $4`,
      [collection, checkpoint?.stamp ?? -1, checkpoint?.id ?? '', Math.min(Math.max(1, limit), MAX_PULL_LIMIT)],
    );
    const last = rows.at(-1);
    return {
      documents: rows.map((row) => toWire(row.data, row.deleted)),
      checkpoint: last ? { stamp: Number(last.stamp), id: last.id } : checkpoint,
    };
  }

  /**
   * The hub's "call next": in one transaction, serialised with every push by the stamp row, pick
   * the counter's next visitor by the office's rule and write the call (ticket and counter).
   */
  async callNext(request: CallNextRequest, by: Actor, now: number): Promise<CallOutcome> {
    return this.db.transaction(async (tx) => {
      const counterRow = await tx.query<{ value: string | number }>('SELECT value FROM hub_stamp WHERE id FOR UPDATE');
      const stamp = Number(counterRow[0]?.value ?? 0);
      // Asked before (the answer was lost on the way): the same visitor, not a second one.
      const answered = await earlierAnswer(tx, request.requestId);
      if (answered) return answered;
      const { office, counter } = await callingCounter(tx, request.counter);
      const pick = await pickWaiting(tx, office, counter, now);
      await rememberCall(tx, request.requestId, pick);
      if (!pick) return { ticket: null, reason: null, written: [] };
      const written = callWrites(request, { ...by, counter: request.counter }, counter, pick, stamp, now);
      for (const entry of written) await writeStored(tx, entry, this.nodeId);
      await tx.query('UPDATE hub_stamp SET value = $1 WHERE id', [written.at(-1)!.stamp]);
      return { ticket: written[0]!.document, reason: pick.reason, written };
    });
  }

  /**
   * A change the hub makes itself (no workstation pushed it), written as a push's rows are: in one
   * transaction serialised with every push by the stamp row, each document with the next stamp, all
   * in one statement with one change notice per collection, so the live feed and every
   * workstation's pull see it. `change` reads and locks what it changes inside the transaction and
   * returns the new states (with `_deleted`); what it throws rolls everything back.
   *
   * `before` runs first, in the same transaction but BEFORE the stamp row is locked: it may take
   * advisory locks (`lockAdvisory`; bookings.ts locks a service's day), read and refuse, so writers
   * that queue for its locks, or are refused, do not hold up every other writer. Nothing waits for
   * an advisory lock while holding the stamp row, so none can deadlock.
   */
  async writeOwn(
    collection: SyncCollection,
    change: (tx: SqlQueryable) => Promise<readonly WireDocument[]>,
    options: { readonly before?: (tx: SqlQueryable) => Promise<void> } = {},
  ): Promise<StoredDocument[]> {
    return this.writeOwnAcross(async (tx) => (await change(tx)).map((document) => ({ collection, document })), options);
  }

  /**
   * writeOwn over several collections in one transaction: an office's whole configuration (its
   * office, services and counters) is written all or nothing.
   */
  async writeOwnAcross(
    change: (tx: SqlQueryable) => Promise<readonly OwnDocument[]>,
    options: { readonly before?: (tx: SqlQueryable) => Promise<void> } = {},
  ): Promise<StoredDocument[]> {
    return this.db.transaction(async (tx) => {
      await options.before?.(tx);
      const counter = await tx.query<{ value: string | number }>('SELECT value FROM hub_stamp WHERE id FOR UPDATE');
      let stamp = Number(counter[0]?.value ?? 0);
      const written: StoredDocument[] = [];
      for (const { collection, document } of await change(tx)) {
        stamp += 1;
        const stamped = STAMPED_COLLECTIONS.includes(collection);
        const state = stamped ? { ...document, [HUB_STAMP_FIELD]: stamp } : document;
        written.push({ collection, stamp, document: state });
      }
      if (written.length > 0) {
        await writeAllStored(tx, written, this.nodeId);
        await tx.query('UPDATE hub_stamp SET value = $1 WHERE id', [stamp]);
      }
      return written;
    });
  }

  /**
   * Checks every row first (422, nothing stored), then writes what does not conflict in one
   * transaction. `admit` sees each row that would be written with the master it replaces: it
   * returns the document to store, or throws (a HubFailure: nothing of the batch is stored).
   */
  async push(collection: SyncCollection, rows: readonly PushRow[], admit?: Admit): Promise<PushOutcome> {
    checkRows(collection, rows);
    return this.db.transaction(async (tx) => {
      const counter = await tx.query<{ value: string | number }>('SELECT value FROM hub_stamp WHERE id FOR UPDATE');
      // Lock every master the batch touches (in id order), then decide row by row in memory.
      const ids = [...new Set(rows.map((row) => row.newDocumentState.id))].sort();
      const masters = await tx.query<{ id: string; data: Record<string, unknown>; deleted: boolean }>(
        `SELECT id, data, deleted FROM documents
          WHERE collection = $1 AND id = ANY($2::text[])
          ORDER BY id FOR UPDATE`,
        [collection, ids],
      );
      const current = new Map(masters.map((master) => [master.id, toWire(master.data, master.deleted)]));
      const { conflicts, written } = decidePush(collection, rows, current, Number(counter[0]?.value ?? 0), admit);
      const first = written[0];
      const last = written.at(-1);
      if (first && last) {
        const stamp = last.stamp;
        // One statement for the whole batch; a document written twice keeps its last state and stamp.
        const finalStates = new Map(
          written.map(({ stamp: at, document: { _deleted: deleted, ...data } }) => [
            data.id,
            { id: data.id, data, deleted, stamp: at },
          ]),
        );
        await tx.query(
          `INSERT INTO documents (collection, id, data, deleted, stamp)
           SELECT $1, w.id, w.data, w.deleted, w.stamp
             FROM jsonb_to_recordset($2::text::jsonb) AS w(id text, data jsonb, deleted boolean, stamp bigint)
           ON CONFLICT (collection, id) DO UPDATE
             SET data = excluded.data, deleted = excluded.deleted, stamp = excluded.stamp, updated_at = now()`,
          [collection, JSON.stringify([...finalStates.values()])],
        );
        await tx.query('UPDATE hub_stamp SET value = $1 WHERE id', [stamp]);
        const notice: ChangeNotice = { node: this.nodeId, collection, from: first.stamp, to: stamp };
        // Delivered by PostgreSQL only if and when this transaction commits.
        await tx.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, JSON.stringify(notice)]);
      }
      return { conflicts, written };
    });
  }

  /**
   * Documents with stamps after `stamp`, in stamp order, read in one snapshot together with the
   * newest stamp: every stamp up to `newest` that still exists is either here or beyond `limit`.
   */
  async changesAfter(stamp: number, limit: number): Promise<{ newest: number; documents: StoredDocument[] }> {
    const rows = await this.db.query<Partial<DocumentRow> & { newest: string | number }>(
      `SELECT n.value AS newest, d.collection, d.id, d.data, d.deleted, d.stamp
         FROM hub_stamp n
         LEFT JOIN LATERAL (
           SELECT collection, id, data, deleted, stamp FROM documents
            WHERE stamp > $1 AND stamp <= n.value ORDER BY stamp LIMIT $2
         ) d ON true`,
      [stamp, limit],
    );
    const documents: StoredDocument[] = [];
    for (const row of rows) {
      if (row.stamp === null || row.stamp === undefined || !row.data || !row.collection) continue;
      documents.push({
        collection: row.collection,
        stamp: Number(row.stamp),
        document: toWire(row.data, row.deleted ?? false),
      });
    }
    return { newest: Number(rows[0]?.newest ?? 0), documents };
  }

  /** How long ago (database clock) the oldest change after `stamp` was written; 0 when none. */
  async ageOfOldestAfter(stamp: number): Promise<number> {
    const rows = await this.db.query<{ age: string | number }>(
      `SELECT extract(epoch FROM clock_timestamp() - updated_at) * 1000 AS age
         FROM documents WHERE stamp > $1 ORDER BY stamp LIMIT 1`,
      [stamp],
    );
    const age = rows[0] ? Number(rows[0].age) : 0;
    return Math.max(0, Math.round(age));
  }

  /** Hands out the next block of ticket numbers for a day and service, and records who got it. */
  async leaseNumbers(day: string, service: string, size: number, tokenId: number | null): Promise<LeaseResponse> {
    return this.db.transaction(async (tx) => {
      const created = await tx.query(
        'INSERT INTO number_leases (day, service, next) VALUES ($1, $2, 1) ON CONFLICT (day, service) DO NOTHING RETURNING next',
        [day, service],
      );
      const rows = await tx.query<{ next: number }>(
        'SELECT next FROM number_leases WHERE day = $1 AND service = $2 FOR UPDATE',
        [day, service],
      );
      // Never below a leased number a ticket of that day already has: a hub restored without
      // `after-restore` learns the printed numbers back from the tickets the workstations send it
      // again, and carries on after them. Numbers belong to the service that issued the ticket (its
      // first leg; `service` is where it is now, after transfers). Offline fallback numbers
      // (1000…99 999) are the workstations' own and never leased; the CASE keeps a malformed
      // `seq` from failing the cast (WHERE clauses have no evaluation order in SQL).
      const [printed] = await tx.query<{ highest: number | string | null }>(
        `SELECT max(seq) AS highest FROM (
           SELECT CASE WHEN data->>'seq' ~ '^[0-9]{1,10}$' THEN (data->>'seq')::bigint END AS seq FROM documents
            WHERE collection = 'tickets' AND NOT deleted AND data->>'day' = $1 AND data->'legs'->0->>'service' = $2
         ) issued
         WHERE seq <= $3 OR seq BETWEEN $4 AND $5`,
        [day, service, LEASED_LOW_MAX, LEASED_HIGH_START, LEASED_HIGH_MAX],
      );
      const highest = Number(printed?.highest ?? 0);
      let next = Math.max(Number(rows[0]?.next ?? 1), highest + 1);
      if (created.length > 0) {
        // No lease record yet for this day and service. Blocks kiosks may still hold from before
        // are unknown when this hub lost its records: after `after-restore` for this day (a
        // nightly backup has no records of it to move), or when the day's tickets already carry
        // leased numbers (a new, empty hub at the old address). Then jump as after-restore does:
        // long numbers for the rest of the day, none twice.
        const [epoch] = await tx.query<{ restored_on: string | null }>('SELECT restored_on FROM hub_sync_epoch');
        const restored = epoch?.restored_on ? day <= epoch.restored_on : false;
        if (restored || highest > 0) next = Math.max(highest + 1, LEASED_HIGH_START) + NUMBER_JUMP_AFTER_RESTORE;
      }
      let block;
      try {
        block = nextLeaseBlock(next, size);
      } catch (error) {
        if (error instanceof LeaseExhausted) throw new HubFailure(409, 'numbers-exhausted', error.message);
        throw error;
      }
      await tx.query('UPDATE number_leases SET next = $3 WHERE day = $1 AND service = $2', [day, service, block.next]);
      await tx.query(
        'INSERT INTO number_lease_grants (day, service, first_number, last_number, token_id) VALUES ($1, $2, $3, $4, $5)',
        [day, service, block.start, block.end, tokenId],
      );
      return { day, service, start: block.start, end: block.end };
    });
  }

  /**
   * Deletes tombstones older than `days`. Workstations may be offline for up to 14 days; a
   * tombstone purged before such a workstation pulls it would leave the document alive there (and
   * a later push of it would bring it back), so retention must stay above that.
   */
  async purgeTombstones(days: number): Promise<number> {
    // Remembered call requests are only needed while a workstation may retry: a day is plenty.
    await this.db.query(`DELETE FROM call_requests WHERE created_at < now() - interval '1 day'`);
    const rows = await this.db.query<{ purged: string | number }>(
      `WITH purged AS (
         DELETE FROM documents WHERE deleted AND updated_at < now() - make_interval(days => $1) RETURNING 1
       ) SELECT count(*) AS purged FROM purged`,
      [days],
    );
    return Number(rows[0]?.purged ?? 0);
  }
}

/**
 * Waits for the transaction-scoped advisory lock named `key` (any text), held until COMMIT or
 * ROLLBACK. Take several in sorted order, and never while holding the stamp row (see writeOwn).
 */
export async function lockAdvisory(tx: SqlQueryable, key: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [key]);
}

/**
 * The push rule, row by row: a row is written when its assumedMasterState is the current master
 * (or there is none), else the master is a conflict. Written rows get the stamps after `stamp`
 * and become the master in `current` (which this updates), so a later row for the same document
 * is checked against what the earlier one wrote. Shared with the benchmark's discarding hub.
 */
/** What a push may write: the document to store in place of `master`, or a thrown refusal. */
export type Admit = (incoming: WireDocument, master: WireDocument | undefined) => WireDocument;

export function decidePush(
  collection: SyncCollection,
  rows: readonly PushRow[],
  current: Map<string, WireDocument>,
  stamp: number,
  admit: Admit = (incoming) => incoming,
): PushOutcome {
  const stamped = STAMPED_COLLECTIONS.includes(collection);
  const conflicts: WireDocument[] = [];
  const written: StoredDocument[] = [];
  for (const row of rows) {
    const incoming = row.newDocumentState;
    const master = current.get(incoming.id);
    if (master && (!row.assumedMasterState || !sameMasterState(master, row.assumedMasterState))) {
      conflicts.push(master);
      continue;
    }
    const admitted = admit(incoming, master);
    stamp += 1;
    const { _deleted: deleted, ...data } = admitted;
    if (stamped) data[HUB_STAMP_FIELD] = stamp;
    const state = toWire(data, deleted);
    current.set(admitted.id, state);
    written.push({ collection, stamp, document: state });
  }
  return { conflicts, written };
}

/** Every row valid (else 422, nothing stored). Exported for the benchmark's discarding hub (test/bench). */
export function checkRows(collection: SyncCollection, rows: readonly PushRow[]): void {
  const validate = validatorFor(collection);
  const problems: string[] = [];
  rows.forEach((row, index) => {
    const problem = validate(row.newDocumentState);
    if (problem) problems.push(`row ${index} (${String(row.newDocumentState.id).slice(0, 64)}): ${problem}`);
    else if (row.assumedMasterState && row.assumedMasterState.id !== row.newDocumentState.id) {
      problems.push(`row ${index}: assumedMasterState is another document (${row.assumedMasterState.id.slice(0, 64)})`);
    }
  });
  if (problems.length > 0) {
    const more =
      problems.length > MAX_REPORTED_PROBLEMS ? ` (and ${problems.length - MAX_REPORTED_PROBLEMS} more)` : '';
    throw new HubFailure(
      422,
      'invalid-document',
      `Not a valid ${collection} document, nothing was stored: ${problems.slice(0, MAX_REPORTED_PROBLEMS).join(' | ')}${more}`,
    );
  }
}

// --- call next, step by step (all inside HubStore.callNext's transaction) -----------------------

export interface CallOutcome {
  readonly ticket: WireDocument | null;
  readonly reason: PickReason | null;
  readonly written: StoredDocument[];
}

/** The answer already given to `requestId`, or null when it is new. */
async function earlierAnswer(tx: SqlQueryable, requestId: string): Promise<CallOutcome | null> {
  const [asked] = await tx.query<{ ticket_id: string | null; reason: string | null }>(
    'SELECT ticket_id, reason FROM call_requests WHERE request_id = $1',
    [requestId],
  );
  if (!asked) return null;
  if (!asked.ticket_id) return { ticket: null, reason: null, written: [] };
  const [ticketRow] = await tx.query<{ data: Record<string, unknown>; deleted: boolean }>(
    `SELECT data, deleted FROM documents WHERE collection = 'tickets' AND id = $1`,
    [asked.ticket_id],
  );
  return {
    ticket: ticketRow ? toWire(ticketRow.data, ticketRow.deleted) : null,
    reason: asked.reason as PickReason | null,
    written: [],
  };
}

/** The office and the counter that calls; 409 when the hub has not received either yet. */
async function callingCounter(tx: SqlQueryable, number: number): Promise<{ office: Office; counter: CounterDoc }> {
  const [officeRow] = await tx.query<{ data: Office }>(
    `SELECT data FROM documents WHERE collection = 'office' AND NOT deleted ORDER BY id LIMIT 1`,
  );
  const [counterDoc] = await tx.query<{ data: CounterDoc }>(
    `SELECT data FROM documents WHERE collection = 'counters' AND id = $1 AND NOT deleted`,
    [String(number)],
  );
  if (!officeRow || !counterDoc)
    throw new HubFailure(409, 'unknown-counter', `The hub knows no counter ${number} (yet)`);
  // Whether the counter is open and free is the counter's own business: it checked before
  // asking, and its latest "done" or "open" may still be on the way here.
  return { office: officeRow.data, counter: counterDoc.data };
}

/** The next visitor among today's waiting tickets, by the office's rule. */
async function pickWaiting(tx: SqlQueryable, office: Office, counter: CounterDoc, now: number): Promise<Pick | null> {
  const day = officeDay(now, office.timeZone);
  const rows = await tx.query<{ data: Ticket & { hubStamp?: number } }>(
    `SELECT data FROM documents WHERE collection = 'tickets' AND NOT deleted AND data->>'day' = $1 AND data->>'state' = 'waiting'`,
    [day],
  );
  return pickNext(
    rows.map((row) => row.data),
    counter,
    office.priorityRule,
    now,
  );
}

/** Remembers the answer, so a repeated request gets the same one. */
async function rememberCall(tx: SqlQueryable, requestId: string, pick: Pick | null): Promise<void> {
  if (!pick) {
    await tx.query('INSERT INTO call_requests (request_id, ticket_id, reason) VALUES ($1, NULL, NULL)', [requestId]);
    return;
  }
  await tx.query('INSERT INTO call_requests (request_id, ticket_id, reason) VALUES ($1, $2, $3)', [
    requestId,
    pick.ticket.id,
    pick.reason,
  ]);
}

/** The called ticket and the counter's new rotation, with the two stamps after `stamp`. */
function callWrites(
  request: CallNextRequest,
  actor: Actor,
  counter: CounterDoc,
  pick: Pick,
  stamp: number,
  now: number,
): StoredDocument[] {
  const ticketStamp = stamp + 1;
  const called = {
    ...transition(pick.ticket, { type: 'call', counter: request.counter }, actor, now),
    [HUB_STAMP_FIELD]: ticketStamp,
  };
  // Only the priority rotation moves; `updatedAt` stays: it dates the counter's own word (open,
  // break, services), so a change made at the counter and still on its way wins (conflicts.ts).
  const nextCounter = { ...counter, normalSinceLastPriority: afterCall(counter, pick).normalSinceLastPriority };
  return [
    {
      collection: 'tickets',
      stamp: ticketStamp,
      document: toWire(called as unknown as Record<string, unknown>, false),
    },
    {
      collection: 'counters',
      stamp: stamp + 2,
      document: toWire(nextCounter as unknown as Record<string, unknown>, false),
    },
  ];
}

/**
 * Writes documents (consecutive stamps) with one statement, as a push does — a document written
 * twice keeps its last state and stamp — and tells the other nodes once per collection (delivered
 * only if the transaction commits). Row by row, two statements a document, a batch of 200
 * bookings (bookings.ts) spent 300 ms here on PGlite; this way 15–35 ms.
 */
async function writeAllStored(tx: SqlQueryable, entries: readonly StoredDocument[], nodeId: string): Promise<void> {
  const rows = new Map<
    string,
    { collection: SyncCollection; id: string; data: object; deleted: boolean; stamp: number }
  >();
  for (const { collection, stamp, document } of entries) {
    const { _deleted: deleted, ...data } = document;
    rows.set(`${collection}|${document.id}`, { collection, id: document.id, data, deleted, stamp });
  }
  await tx.query(
    `INSERT INTO documents (collection, id, data, deleted, stamp)
     SELECT w.collection, w.id, w.data, w.deleted, w.stamp
       FROM jsonb_to_recordset($1::text::jsonb) AS w(collection text, id text, data jsonb, deleted boolean, stamp bigint)
     ON CONFLICT (collection, id) DO UPDATE
       SET data = excluded.data, deleted = excluded.deleted, stamp = excluded.stamp, updated_at = now()`,
    [JSON.stringify([...rows.values()])],
  );
  for (const collection of new Set(entries.map((entry) => entry.collection))) {
    const stamps = entries.filter((entry) => entry.collection === collection).map((entry) => entry.stamp);
    const notice: ChangeNotice = { node: nodeId, collection, from: stamps[0]!, to: stamps.at(-1)! };
    await tx.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, JSON.stringify(notice)]);
  }
}

/** Writes one document and tells the other nodes (delivered only if the transaction commits). */
async function writeStored(tx: SqlQueryable, entry: StoredDocument, nodeId: string): Promise<void> {
  const { _deleted: deleted, ...data } = entry.document;
  await tx.query(
    `INSERT INTO documents (collection, id, data, deleted, stamp) VALUES ($1, $2, $3::text::jsonb, $4, $5)
     ON CONFLICT (collection, id) DO UPDATE SET data = excluded.data, deleted = excluded.deleted, stamp = excluded.stamp, updated_at = now()`,
    [entry.collection, entry.document.id, JSON.stringify(data), deleted, entry.stamp],
  );
  const notice: ChangeNotice = { node: nodeId, collection: entry.collection, from: entry.stamp, to: entry.stamp };
  await tx.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, JSON.stringify(notice)]);
}
