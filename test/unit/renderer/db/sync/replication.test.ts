/**
 * The workstation's replication against a scripted hub: the hub's answers follow the protocol
 * (contract/hub.ts, as electron/hub/server.ts gives them), and the test decides when the live
 * stream delivers what. The real hub and its timing are exercised in test/integration/sync; here
 * the orderings that are rare there are made to happen every time.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StreamEvent, SyncCollection, WireDocument } from '../../../../../electron/common/contract/hub';
import type { OkienkoDatabase } from '../../../../../renderer/db/database';
import { identicalDocument } from '../../../../../electron/common/sync/document-equality';
import { HubError, type HubClient } from '../../../../../renderer/db/sync/hub-client';
import { startSync, type SyncHandle } from '../../../../../renderer/db/sync/replication';
import { retryDelay } from '../../../../../electron/common/backoff';
import {
  transition,
  type Ticket,
  type TicketAction,
  type TicketEvent,
} from '../../../../../electron/common/domain/ticket';
import { ManualClock } from '../../../../support/manual-clock';
import { createMemoryDatabase } from '../../../../support/memory-db';
import { waitingTicket } from '../../../../support/tickets';

const CONFIRMED_STATES = new Set(['called', 'serving']);

type PushRow = { newDocumentState: WireDocument; assumedMasterState?: WireDocument };

/** A hub that stores tickets with stamps and holds back its live stream until told. */
function scriptedHub() {
  let stamp = 0;
  let epoch = 'epoch-1';
  /** Rows pushed to the hub, accepted or not. */
  let pushedRows = 0;
  const stored = new Map<string, WireDocument>();
  /** Every version the hub stored, in stamp order: what its stream has yet to deliver. */
  const versions: WireDocument[] = [];
  /** Rows the hub refused (it answered with its own state). */
  let refusedRows = 0;
  /** A push whose rows match waits for `released` before the hub's answer goes back. */
  let held: { matches: (rows: readonly PushRow[]) => boolean; arrived: () => void; released: Promise<void> } | null =
    null;
  let listener: ((event: StreamEvent) => void) | null = null;
  const streamSignals: AbortSignal[] = [];
  const client = {
    /** As the hub: who the bearer is; a counter may pull tickets, so they replicate. */
    async me() {
      return { station: 'scripted', slot: 1, kind: 'counter', user: null };
    },
    async pull(_collection: SyncCollection, checkpoint: { stamp: number; id: string } | null, limit: number) {
      const after = checkpoint?.stamp ?? 0;
      // As the hub: a checkpoint from beyond its newest stamp is refused (409 checkpoint-ahead).
      if (after > stamp)
        throw new HubError(
          'rejected',
          409,
          `Checkpoint stamp ${after} is newer than this hub's newest (${stamp})`,
          'checkpoint-ahead',
        );
      const documents = [...stored.values()]
        .filter((document) => Number(document.hubStamp) > after)
        .sort((a, b) => Number(a.hubStamp) - Number(b.hubStamp))
        .slice(0, limit);
      const last = documents.at(-1);
      return { documents, checkpoint: last ? { stamp: Number(last.hubStamp), id: last.id } : checkpoint };
    },
    async push(_collection: SyncCollection, rows: readonly PushRow[]) {
      const conflicts: WireDocument[] = [];
      const written: WireDocument[] = [];
      pushedRows += rows.length;
      for (const row of rows) {
        const master = stored.get(row.newDocumentState.id);
        if (
          master &&
          (!row.assumedMasterState ||
            !identicalDocument({ ...master, hubStamp: 0 }, { ...row.assumedMasterState, hubStamp: 0 }))
        ) {
          conflicts.push(master);
          refusedRows++;
          continue;
        }
        const document = { ...row.newDocumentState, hubStamp: ++stamp } as WireDocument;
        stored.set(document.id, document);
        versions.push(document);
        written.push(document);
      }
      // Stored; the answer is on its way back.
      if (held?.matches(rows)) {
        held.arrived();
        await held.released;
      }
      // As the hub: the stored versions of calls in progress go back with the answer.
      return { conflicts, stored: written.filter((document) => CONFIRMED_STATES.has(String(document.state))) };
    },
    async stream(handlers: { onEvent: (event: StreamEvent) => void; onClose: () => void; signal: AbortSignal }) {
      listener = handlers.onEvent;
      streamSignals.push(handlers.signal);
      return { syncEpoch: epoch };
    },
  };
  return {
    client: client as unknown as HubClient,
    versions,
    /** The hub is restored from a backup: it has only the documents up to `upTo`, its stamps go on from there. */
    restore(upTo: number) {
      for (const [id, document] of stored) if (Number(document.hubStamp) > upTo) stored.delete(id);
      stamp = upTo;
    },
    /** The hub is replaced by a new, empty one at the same address (a new database: a new epoch). */
    replaceWithEmpty() {
      stored.clear();
      stamp = 0;
      epoch = 'epoch-2';
    },
    stored: (id: string) => stored.get(id) ?? null,
    /** Live streams the workstation has not ended. */
    openStreams: () => streamSignals.filter((signal) => !signal.aborted).length,
    pushedRows: () => pushedRows,
    refusedRows: () => refusedRows,
    /** The hub's answer to the next push whose rows match waits until `release()`. */
    hold(matches: (rows: readonly PushRow[]) => boolean) {
      let release!: () => void;
      let arrived!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const arrival = new Promise<void>((resolve) => (arrived = resolve));
      held = { matches, arrived, released };
      return {
        /** The push reached the hub (and was stored, or refused). */
        arrived: arrival,
        release() {
          held = null;
          release();
        },
      };
    },
    /** A document written at the hub by someone else. */
    write(document: WireDocument) {
      const written = { ...document, hubStamp: ++stamp } as WireDocument;
      stored.set(written.id, written);
      versions.push(written);
      return written;
    },
    /** The live stream delivers one stored version now. */
    deliver(document: WireDocument) {
      listener!({
        collection: 'tickets',
        documents: [document],
        checkpoint: { stamp: Number(document.hubStamp), id: document.id },
      });
    },
    connected: () => listener !== null,
  };
}

describe('replication with the hub', () => {
  let db: OkienkoDatabase;
  let sync: SyncHandle;
  let hub: ReturnType<typeof scriptedHub>;
  /** The sync engine's own timers (reconnecting, publishing its status, `whenSent`); RxDB keeps its own. */
  let clock: ManualClock;
  const start = () =>
    startSync({ db, client: hub.client, hubId: 'scripted', collections: ['tickets'], retryMs: 50, timers: clock });

  beforeEach(async () => {
    db = await createMemoryDatabase();
    hub = scriptedHub();
    clock = new ManualClock();
    sync = start();
    await sync.awaitInitialSync();
    await expect.poll(hub.connected, { timeout: 10_000 }).toBe(true);
  });
  afterEach(async () => {
    await sync.stop();
    await db.close();
  });

  const counter = { station: 'ws-test', counter: 1 };
  async function act(id: string, action: TicketAction, at: number): Promise<void> {
    const doc = await db.tickets.findOne(id).exec();
    await doc!.incrementalModify(
      (current) => ({ ...transition(current as Ticket, action, counter, at), hubStamp: 0 }) as typeof current,
    );
    await sync.awaitInSync();
  }

  /** A clerk's action, without waiting for it to reach the hub. */
  async function change(id: string, action: TicketAction, at: number): Promise<void> {
    const doc = await db.tickets.findOne(id).exec();
    await doc!.incrementalModify(
      (current) => ({ ...transition(current as Ticket, action, counter, at), hubStamp: 0 }) as typeof current,
    );
  }

  it("the hub's confirmation of a call arrives at once, unless the clerk moved on meanwhile: then it is not taken, and the next change goes out unrefused", async () => {
    for (let i = 1; i <= 2; i++) await db.tickets.insert({ ...waitingTicket(i), hubStamp: 0 } as never);
    await sync.awaitInSync();
    // Nothing changed here while the call travelled: the push answer confirms it.
    await act('t2', { type: 'call', counter: 1 }, 1_500);
    expect(await db.tickets.findOne('t2').exec()).toMatchObject({
      state: 'called',
      hubStamp: hub.stored('t2')!.hubStamp,
    });

    // The answer to the call is slow; meanwhile the clerk starts and finishes the visit.
    const answer = hub.hold((rows) => rows.some((row) => row.newDocumentState.state === 'called'));
    await change('t1', { type: 'call', counter: 1 }, 2_000);
    await answer.arrived;
    await change('t1', { type: 'start' }, 3_000);
    await change('t1', { type: 'done' }, 4_000);
    answer.release();
    await expect.poll(() => hub.stored('t1')?.state ?? null, { timeout: 10_000 }).toBe('done');
    await sync.awaitInSync();
    // The hub accepted the call, so the "done" that follows it was never refused.
    expect(hub.refusedRows()).toBe(0);
    expect(await db.tickets.findOne('t1').exec()).toMatchObject({ state: 'done' });
    expect(await sync.whenSent('tickets', 't1', 1_000)).toBe(true);
  }, 30_000);

  it('a change that won a conflict counts as not sent until the hub has accepted it', async () => {
    await db.tickets.insert({ ...waitingTicket(1), hubStamp: 0 } as never);
    await sync.awaitInSync();
    // At the hub, a note was added to the visitor's history (another counter's call that did not
    // take effect): this counter's call meets it, wins (conflict rule 2) and goes out again, merged.
    const master = hub.stored('t1') as unknown as Ticket & WireDocument;
    const note: TicketEvent = {
      type: 'overruled',
      overruled: 'called',
      at: 1_500,
      by: { station: 'ws-other', counter: 2 },
    };
    hub.write({ ...master, events: [...master.events, note] } as unknown as WireDocument);
    const merged = hub.hold((rows) =>
      rows.some((row) =>
        (row.newDocumentState as unknown as Ticket).events.some((event) => event.type === 'overruled'),
      ),
    );
    await change('t1', { type: 'call', counter: 1 }, 2_000);
    await merged.arrived;
    expect(hub.refusedRows()).toBe(1);
    // The merge is on its way and the hub has not answered: the call is not known to be there.
    const sentNow = sync.whenSent('tickets', 't1', 1_000);
    await clock.advance(1_000);
    expect(await sentNow).toBe(false);

    merged.release();
    expect(await sync.whenSent('tickets', 't1', 10_000)).toBe(true);
    expect(hub.stored('t1')).toMatchObject({ state: 'called', counter: 1 });
    expect((hub.stored('t1') as unknown as Ticket).events.map((event) => event.type)).toEqual([
      'issued',
      'overruled',
      'called',
    ]);
    expect(hub.refusedRows()).toBe(1);
  }, 30_000);

  it('a version from the hub older than the one here never replaces it, whenever the stream brings it', async () => {
    await db.tickets.insert({ ...waitingTicket(1), hubStamp: 0 } as never);
    await sync.awaitInSync();
    await act('t1', { type: 'call', counter: 1 }, 2_000);
    await act('t1', { type: 'start' }, 3_000);
    await act('t1', { type: 'done' }, 4_000);
    expect(hub.versions.map((version) => version.state)).toEqual(['waiting', 'called', 'serving', 'done']);
    // The push answers brought "called" and "serving" with their stamps; "done" is here unstamped.
    expect(await db.tickets.findOne('t1').exec()).toMatchObject({ state: 'done', hubStamp: 0 });

    const written: string[] = [];
    const watch = db.tickets.$.subscribe((event) => {
      if (event.documentId === 't1')
        written.push(
          `${(event.documentData as Ticket).state}/${(event.documentData as { hubStamp: number }).hubStamp}`,
        );
    });
    // Now the stream catches up, late: every version in order, the older ones after the newer
    // ones already reached this workstation by the push answers. (RxDB keeps only the newest of
    // the versions waiting to be written: each goes on its own, followed by a ticket issued
    // elsewhere — once that one is here, the version before it has been dealt with.)
    let marker = 100;
    for (const version of hub.versions) {
      hub.deliver(version);
      const id = `t${++marker}`;
      hub.deliver({ ...waitingTicket(marker), hubStamp: marker, _deleted: false } as unknown as WireDocument);
      await expect.poll(async () => (await db.tickets.findOne(id).exec()) !== null, { timeout: 10_000 }).toBe(true);
    }
    watch.unsubscribe();

    // The only write is the hub's stamp arriving for the finished visit: nothing went back.
    expect(written).toEqual(['done/4']);
    expect(await db.tickets.findOne('t1').exec()).toMatchObject({ state: 'done', hubStamp: 4 });
  }, 30_000);

  it('a hub restored from a backup (behind this workstation) is pulled again from the start, not waited on for ever', async () => {
    for (let i = 1; i <= 5; i++) hub.write({ ...waitingTicket(i), _deleted: false } as unknown as WireDocument);
    sync.setOffline(true);
    sync.setOffline(false); // reconnect: RESYNC pulls what the hub has
    await expect.poll(async () => (await db.tickets.find().exec()).length, { timeout: 10_000 }).toBe(5);
    hub.restore(2);
    hub.write({ ...waitingTicket(9), _deleted: false } as unknown as WireDocument); // stamp 3, below our checkpoint
    sync.setOffline(true);
    sync.setOffline(false);
    await expect.poll(async () => (await db.tickets.findOne('t9').exec()) !== null, { timeout: 10_000 }).toBe(true);
    // What the restore took from the hub and only this workstation still has goes back to it.
    await expect
      .poll(() => ['t3', 't4', 't5'].map((id) => hub.stored(id)?.state ?? null), { timeout: 10_000 })
      .toEqual(['waiting', 'waiting', 'waiting']);
    expect(hub.stored('t9')).toMatchObject({ state: 'waiting' });
  }, 30_000);

  it('tells when a local change of a document has reached the hub, or gives up after a while', async () => {
    sync.setOffline(true);
    await db.tickets.insert({ ...waitingTicket(1), hubStamp: 0 } as never);
    const waiting = sync.whenSent('tickets', 't1', 200);
    let answered = false;
    void waiting.then(() => (answered = true));
    await clock.advance(199);
    expect(answered).toBe(false);
    await clock.advance(1);
    expect(await waiting).toBe(false); // offline: still waiting
    expect(await sync.whenSent('tickets', 'never-changed', 200)).toBe(true);
    // A window that does not replicate cannot tell: it does not wait at all (the clock stands still).
    const isLeader = db.isLeader.bind(db);
    db.isLeader = () => false;
    expect(await sync.whenSent('tickets', 't1', 5_000)).toBe(false);
    db.isLeader = isLeader;
    const sent = sync.whenSent('tickets', 't1', 10_000);
    sync.setOffline(false);
    expect(await sent).toBe(true);
    expect(hub.stored('t1')).toMatchObject({ state: 'waiting' });
  }, 30_000);

  it('a generation change that fails is tried again at the next connect, and the stream it opened is ended', async () => {
    for (let i = 1; i <= 2; i++) await db.tickets.insert({ ...waitingTicket(i), hubStamp: 0 } as never);
    await sync.awaitInSync();
    hub.replaceWithEmpty();
    // The first attempt to remember the new generation fails (a full disk, say).
    const upsertLocal = db.upsertLocal.bind(db);
    let failures = 1;
    db.upsertLocal = (async (id: string, data: unknown) => {
      if (id.startsWith('sync-epoch') && failures-- > 0) throw new Error('QuotaExceededError');
      return upsertLocal(id, data);
    }) as unknown as typeof db.upsertLocal;
    sync.setOffline(true);
    sync.setOffline(false);
    // The attempt fails; the next connect comes after the first step of the retry schedule.
    await expect.poll(() => failures, { timeout: 10_000 }).toBe(0);
    await clock.advance(retryDelay(0));
    await expect
      .poll(() => ['t1', 't2'].map((id) => hub.stored(id)?.state ?? null), { timeout: 10_000 })
      .toEqual(['waiting', 'waiting']);
    expect(failures).toBe(-1); // the failing write was tried, then the retry went through
    await expect.poll(() => sync.status.connection, { timeout: 10_000 }).toBe('online');
    expect(hub.openStreams()).toBe(1);
  }, 30_000);

  it('a new, empty hub at the same address (a new sync epoch) gets everything this workstation holds', async () => {
    for (let i = 1; i <= 3; i++) await db.tickets.insert({ ...waitingTicket(i), hubStamp: 0 } as never);
    await act('t2', { type: 'call', counter: 1 }, 2_000);
    await sync.awaitInSync();
    const pushedBefore = hub.pushedRows();
    expect(pushedBefore).toBe(4); // three tickets and one call: the first epoch met is simply adopted

    // Same hub, same epoch: a reconnect sends nothing again.
    sync.setOffline(true);
    sync.setOffline(false);
    await expect.poll(() => sync.status.connection, { timeout: 10_000 }).toBe('online');
    await sync.awaitInSync();
    expect(hub.pushedRows()).toBe(pushedBefore);

    hub.replaceWithEmpty();
    sync.setOffline(true);
    sync.setOffline(false);
    await expect
      .poll(() => ['t1', 't2', 't3'].map((id) => hub.stored(id)?.state ?? null), { timeout: 10_000 })
      .toEqual(['waiting', 'called', 'waiting']);
    await sync.awaitInSync();
    // Nothing changed here on the way, and nothing went to the hub twice.
    expect((await db.tickets.find().exec()).map((ticket) => ticket.state).sort()).toEqual([
      'called',
      'waiting',
      'waiting',
    ]);
    expect(hub.pushedRows()).toBe(pushedBefore + 3);

    // The new epoch is remembered: reconnecting again sends nothing more…
    sync.setOffline(true);
    sync.setOffline(false);
    await expect.poll(() => sync.status.connection, { timeout: 10_000 }).toBe('online');
    await sync.awaitInSync();
    expect(hub.pushedRows()).toBe(pushedBefore + 3);
    // …and so is the generation, across a restart of the app.
    await sync.stop();
    sync = start();
    await expect.poll(() => sync.status.connection, { timeout: 10_000 }).toBe('online');
    await sync.awaitInSync();
    await db.tickets.insert({ ...waitingTicket(4), hubStamp: 0 } as never);
    await expect.poll(() => hub.stored('t4')?.state ?? null, { timeout: 10_000 }).toBe('waiting');
    expect(hub.pushedRows()).toBe(pushedBefore + 4);
  }, 30_000);
});
