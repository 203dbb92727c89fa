import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { issueTicket, transition, type Ticket } from '../../../../electron/common/domain/ticket';
import { resolveTicket } from '../../../../electron/common/sync/conflict-rules';
import { validatorFor } from '../../../../electron/hub/documents';
import type { OkienkoDatabase } from '../../../../renderer/db/database';
import {
  answerVisit,
  ASK_WITHIN_MS,
  PENDING_DOC,
  releaseAnswers,
  RELEASE_AFTER_MS,
  RELEASE_BATCH,
  visitToAsk,
  type AnswerContext,
} from '../../../../renderer/db/satisfaction';
import type { TicketDoc } from '../../../../renderer/db/schemas';
import { createMemoryDatabase } from '../../../support/memory-db';

const ZONE = 'Europe/Warsaw';
const AT = Date.parse('2026-05-12T10:00:00Z');
const by = { station: 'ws-counter', counter: 3 };

function visit(id: string, seq: number, end: 'done' | 'serving' = 'done'): TicketDoc {
  const issued = issueTicket(
    { id, day: '2026-05-12', service: 'dowody', letter: 'A', seq, priority: null },
    { station: 'kiosk' },
    AT,
  );
  const serving = transition(
    transition(issued, { type: 'call', counter: 3 }, by, AT + seq * 60_000),
    { type: 'start' },
    by,
    AT + seq * 60_000 + 10_000,
  );
  return end === 'done' ? transition(serving, { type: 'done' }, by, AT + seq * 60_000 + 120_000) : serving;
}

let ids = 0;
const context = (now: number, withHub: boolean): AnswerContext => ({
  now: () => now,
  newId: () => `answer-${++ids}`,
  station: 'ws-customer',
  timeZone: ZONE,
  withHub,
});

describe("visitors' answers in the workstation's database", () => {
  let db: OkienkoDatabase;
  beforeEach(async () => {
    db = await createMemoryDatabase();
  });
  afterEach(async () => {
    await db.close();
  });

  it("asks about the counter's visit just finished, not while the next one is served, not once answered", async () => {
    const first = visit('t1', 1);
    const doneAt = first.events.at(-1)!.at;
    expect(visitToAsk([first], 3, doneAt + 1000)?.id).toBe('t1');
    expect(visitToAsk([first], 4, doneAt + 1000)).toBeNull();
    expect(visitToAsk([first], 3, doneAt + ASK_WITHIN_MS + 1)).toBeNull();
    expect(visitToAsk([first, visit('t2', 5, 'serving')], 3, doneAt + 1000)).toBeNull();
    const answered = { ...first, events: [...first.events, { type: 'rated' as const, at: doneAt + 5, by }] };
    expect(visitToAsk([answered], 3, doneAt + 1000)).toBeNull();
  });

  it('without a hub: marks the visit and writes the anonymous answer at once, once per visit', async () => {
    await db.tickets.insert(visit('t1', 1));
    const now = AT + 200_000;
    expect(await answerVisit(db, 't1', { score: 4, reasons: ['staff-kindness'] }, context(now, false))).toBe(
      'answered',
    );
    expect(await answerVisit(db, 't1', { score: 1, reasons: [] }, context(now + 1, false))).toBe('already');
    const answers = (await db.satisfaction.find().exec()).map((doc) => doc.toJSON());
    expect(answers).toEqual([
      {
        id: expect.stringMatching(/^answer-/),
        day: '2026-05-12',
        service: 'dowody',
        score: 4,
        reasons: ['staff-kindness'],
        updatedAt: Date.parse('2026-05-11T22:00:00Z'),
      },
    ]);
    expect(validatorFor('satisfaction')({ ...answers[0], _deleted: false })).toBeNull();
    const ticket = (await db.tickets.findOne('t1').exec())!.toJSON() as TicketDoc;
    expect(ticket.events.filter((event) => event.type === 'rated')).toEqual([
      { type: 'rated', at: now, by: { station: 'ws-customer' } },
    ]);
    expect(ticket.hubStamp).toBe(0);
    expect(validatorFor('tickets')({ ...ticket, _deleted: false })).toBeNull();
  });

  it('a visit not finished is not answered', async () => {
    await db.tickets.insert(visit('t1', 1, 'serving'));
    expect(await answerVisit(db, 't1', { score: 5, reasons: [] }, context(AT, false))).toBe('already');
    expect(await db.satisfaction.count().exec()).toBe(0);
  });

  it("with a hub: the answer waits for the hub's word on its mark, sent when kept, dropped when overruled", async () => {
    await db.tickets.insert(visit('t1', 1));
    await db.tickets.insert(visit('t2', 2));
    const ours = AT + 300_000;
    await answerVisit(db, 't1', { score: 5, reasons: [] }, context(ours, true));
    await answerVisit(db, 't2', { score: 2, reasons: ['waiting-time'] }, context(ours, true));
    expect(await db.satisfaction.count().exec()).toBe(0);

    // The hub keeps t1's mark (its stamped version holds it); t2's lost to another screen's.
    const t1 = (await db.tickets.findOne('t1').exec())!;
    await t1.incrementalPatch({ hubStamp: 41 });
    const t2 = (await db.tickets.findOne('t2').exec())!;
    const theirs = {
      ...(t2.toJSON() as Ticket),
      events: [...t2.toJSON().events.slice(0, -1), { type: 'rated' as const, at: ours - 50, by: { station: 'exit' } }],
    };
    const merged = resolveTicket({ ...(t2.toJSON() as Ticket), _deleted: false }, { ...theirs, _deleted: false });
    const { _deleted: _, ...resolved } = merged;
    await t2.incrementalModify(() => ({ ...(resolved as TicketDoc), hubStamp: 42 }));
    await releaseAnswers(db, ours + 1000);
    // t2's is dropped; t1's, kept, waits for company: one answer alone would point at its visit.
    expect(await db.satisfaction.count().exec()).toBe(0);
    expect((await db.getLocal<{ items: unknown[] }>(PENDING_DOC))?.get('items')).toHaveLength(1);
    // A quiet hour later it goes all the same.
    await releaseAnswers(db, ours + RELEASE_AFTER_MS);

    const sent = (await db.satisfaction.find().exec()).map((doc) => doc.toJSON());
    expect(sent.map((answer) => answer.score)).toEqual([5]);
    expect((await db.getLocal<{ items: unknown[] }>(PENDING_DOC))?.get('items')).toEqual([]);
  });

  it('kept answers leave together, RELEASE_BATCH at a time, not one by one', async () => {
    const ours = AT + 300_000;
    for (let n = 1; n <= RELEASE_BATCH; n++) {
      await db.tickets.insert(visit(`t${n}`, n));
      await answerVisit(db, `t${n}`, { score: 3, reasons: [] }, context(ours, true));
      await (await db.tickets.findOne(`t${n}`).exec())!.incrementalPatch({ hubStamp: 40 + n });
      await releaseAnswers(db, ours + n);
      expect(await db.satisfaction.count().exec()).toBe(n < RELEASE_BATCH ? 0 : RELEASE_BATCH);
    }
    expect((await db.getLocal<{ items: unknown[] }>(PENDING_DOC))?.get('items')).toEqual([]);
  });
});
