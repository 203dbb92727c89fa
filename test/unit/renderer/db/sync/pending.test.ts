/** The changes not sent: what counts as pending, what clears it, and `whenSent` on a manual clock. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Subject, type Subscription } from 'rxjs';
import type { OkienkoDatabase } from '../../../../../renderer/db/database';
import { PendingChanges } from '../../../../../renderer/db/sync/pending';
import { ManualClock } from '../../../../support/manual-clock';
import { createMemoryDatabase } from '../../../../support/memory-db';
import { transition } from '../../../../../electron/common/domain/ticket';
import { waitingTicket } from '../../../../support/tickets';

describe('the changes not sent', () => {
  let db: OkienkoDatabase;
  let pending: PendingChanges;
  let tracking: Subscription[];
  let changes: number;
  beforeEach(async () => {
    db = await createMemoryDatabase();
    pending = new PendingChanges();
    changes = 0;
    tracking = pending.track(db, ['tickets'], () => changes++);
  });
  afterEach(async () => {
    for (const subscription of tracking) subscription.unsubscribe();
    await db.close();
  });

  const local = { ...waitingTicket(1), hubStamp: 0 };

  it("counts this window's own writes, once per document", async () => {
    await db.tickets.insert(local as never);
    await (await db.tickets.findOne('t1').exec())!.incrementalPatch({ updatedAt: 5_000 });
    expect(pending.size).toBe(1);
    expect(pending.has('tickets', 't1')).toBe(true);
    expect(pending.has('counters', 't1')).toBe(false);
    expect(changes).toBe(2);
  });

  it('a sent document clears only when it is the latest local state, whatever its stamp', async () => {
    await db.tickets.insert(local as never);
    await (await db.tickets.findOne('t1').exec())!.incrementalPatch({ updatedAt: 5_000 });
    pending.sent('tickets', { ...local, _deleted: false }); // the version before the update
    expect(pending.has('tickets', 't1')).toBe(true);
    pending.sent('tickets', { ...local, updatedAt: 5_000, hubStamp: 9, _deleted: false });
    expect(pending.size).toBe(0);
  });

  it("the hub's version arriving settles it", async () => {
    await db.tickets.insert(local as never);
    pending.settled('tickets', { id: 't1' });
    expect(pending.size).toBe(0);
  });

  it('whenSent: true at once for nothing pending, false when the time is up, true once cleared', async () => {
    const clock = new ManualClock();
    const updates = new Subject<void>();
    expect(await pending.whenSent('tickets', 't1', 1_000, updates, clock)).toBe(true);

    await db.tickets.insert(local as never);
    const expired = pending.whenSent('tickets', 't1', 1_000, updates, clock);
    let answered = false;
    void expired.then(() => (answered = true));
    updates.next(); // still pending
    await clock.advance(999);
    expect(answered).toBe(false);
    await clock.advance(1);
    expect(await expired).toBe(false);

    const sent = pending.whenSent('tickets', 't1', 1_000, updates, clock);
    pending.settled('tickets', { id: 't1' });
    updates.next();
    expect(await sent).toBe(true);
    expect(clock.pending()).toEqual([]); // its timer is gone
  });

  it('whenSent answers for good when the sync stops', async () => {
    const clock = new ManualClock();
    const updates = new Subject<void>();
    await db.tickets.insert(local as never);
    const waiting = pending.whenSent('tickets', 't1', 1_000, updates, clock);
    updates.complete();
    expect(await waiting).toBe(false);
    expect(clock.pending()).toEqual([]);
  });

  it('after a merged conflict, waits for the merge to go out, or for nothing when the hub won', () => {
    const mine = { id: 's1', page: 'check', updatedAt: 5 };
    const theirs = { id: 's1', page: 'sign', updatedAt: 6 };
    const mergedDoc = { id: 's1', page: 'sign', answers: ['both'], updatedAt: 7 };
    pending.resolved('assistedSessions', {
      input: { newDocumentState: mine, realMasterState: theirs },
      output: mergedDoc,
    });
    expect(pending.has('assistedSessions', 's1')).toBe(true);
    pending.sent('assistedSessions', mine);
    expect(pending.has('assistedSessions', 's1')).toBe(true);
    pending.sent('assistedSessions', mergedDoc);
    expect(pending.has('assistedSessions', 's1')).toBe(false);
    pending.resolved('assistedSessions', {
      input: { newDocumentState: mine, realMasterState: theirs },
      output: theirs,
    });
    expect(pending.has('assistedSessions', 's1')).toBe(false);
  });

  describe('a ticket whose push met the hub’s version', () => {
    const at = { station: 'ws-test', counter: 1 };
    const calledTicket = transition(waitingTicket(1), { type: 'call', counter: 1 }, at, 2_000);
    const doneTicket = transition(transition(calledTicket, { type: 'start' }, at, 3_000), { type: 'done' }, at, 4_000);
    const called = { ...calledTicket, hubStamp: 0, _deleted: false };
    const done = { ...doneTicket, hubStamp: 0, _deleted: false };
    /** The hub's version: a note (another counter's call that did not take effect) after the issue. */
    const note = { type: 'overruled', overruled: 'called', at: 1_500, by: { station: 'ws-other', counter: 2 } };
    const noted = { ...local, events: [...local.events, note], hubStamp: 3, _deleted: false };
    /** This counter's call wins over the note (conflict rule 2) and keeps it. */
    const merged = { ...called, events: [calledTicket.events[0], note, ...calledTicket.events.slice(1)] };
    async function write(document: object): Promise<void> {
      const { _deleted: _d, ...data } = document as { _deleted?: boolean };
      await db.tickets.upsert(data as never);
    }

    it('is settled when the hub’s version won (the stored version of the call pushed)', async () => {
      await write(called);
      const stored = { ...called, hubStamp: 7 };
      pending.resolved('tickets', { input: { newDocumentState: called, realMasterState: stored }, output: stored });
      expect(pending.has('tickets', 't1')).toBe(false);
    });

    it('stays pending when the local version won: it must still go out, and is sent only when it has', async () => {
      await write(called);
      // As RxDB hands it over: the resolved document with the local copy's metadata.
      const output = { ...merged, _meta: { lwt: 1 }, _rev: '2-x', _attachments: {} };
      pending.resolved('tickets', { input: { newDocumentState: called, realMasterState: noted }, output });
      expect(pending.has('tickets', 't1')).toBe(true);
      pending.sent('tickets', called); // the version before the merge
      expect(pending.has('tickets', 't1')).toBe(true);
      pending.sent('tickets', merged);
      expect(pending.has('tickets', 't1')).toBe(false);
    });

    it('stays pending when a newer local change waits, whoever won', async () => {
      await write(called);
      await write(done); // the clerk moved on while "called" travelled
      const stored = { ...called, hubStamp: 7 };
      pending.resolved('tickets', { input: { newDocumentState: called, realMasterState: stored }, output: stored });
      expect(pending.has('tickets', 't1')).toBe(true);
      pending.resolved('tickets', { input: { newDocumentState: called, realMasterState: noted }, output: merged });
      pending.sent('tickets', merged);
      expect(pending.has('tickets', 't1')).toBe(true); // "done" is what waits
      pending.sent('tickets', done);
      expect(pending.has('tickets', 't1')).toBe(false);
    });
  });
});
