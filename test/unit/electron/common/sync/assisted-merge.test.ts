/**
 * The conflict rule of assisted sessions (assisted-merge.ts): two counters changed one session, the
 * hub holds one version, the workstation another. Answer by answer, nothing silently lost: the rule's
 * table, then a property over random interleavings of answers at two counters.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  answerMap,
  assistanceRecord,
  expiryOf,
  openConflicts,
  settleConflict,
  startSession,
  withAnswer,
  type AssistanceRecordDoc,
  type AssistedSessionDoc,
  type SessionAnswer,
  type SessionEvent,
} from '../../../../../electron/common/eservices/session';
import type { AnswerValue } from '../../../../../electron/common/eservices/flow';
import {
  resolveAssistanceRecord,
  resolveAssistedSession,
  staleSessionVersion,
} from '../../../../../electron/common/sync/assisted-merge';
import { conflictRules, type WithDeleted } from '../../../../../electron/common/sync/conflict-rules';

type Session = WithDeleted<AssistedSessionDoc>;

const T0 = Date.UTC(2025, 5, 16, 8, 0);
const DAY = 86_400_000;
const live = (session: AssistedSessionDoc): Session => ({ ...session, _deleted: false });

const CLERKS = { anna: 1, jan: 2, ewa: 3 } as const;
type Clerk = keyof typeof CLERKS;

function answer(question: string, value: AnswerValue, at: number, clerk: Clerk = 'anna'): SessionAnswer {
  return { question, value, by: 'clerk', clerk, counter: CLERKS[clerk], at };
}

function event(what: SessionEvent['what'], at: number, clerk: Clerk = 'anna', note?: string): SessionEvent {
  return { at, what, clerk, counter: CLERKS[clerk], ...(note ? { note } : {}) };
}

/** A saved session with two answers: what both counters started from. */
function common(): AssistedSessionDoc {
  let session = startSession({
    id: 'as-1',
    reference: 'K7M3-Q9XT',
    eservice: { id: 'dowod-osobisty', version: 1 },
    ticket: 't1',
    counter: 1,
    clerk: 'anna',
    language: 'pl',
    at: T0,
  });
  session = withAnswer(session, answer('dla-kogo', 'dla-siebie', T0 + 1_000));
  session = withAnswer(session, answer('powod', 'utrata', T0 + 2_000));
  return {
    ...session,
    status: 'saved',
    history: [...session.history, event('saved', T0 + 3_000)],
    updatedAt: T0 + 3_000,
  };
}

const merge = (local: AssistedSessionDoc | Session, master: AssistedSessionDoc | Session, assumed?: Session) =>
  resolveAssistedSession({
    newDocumentState: '_deleted' in local ? local : live(local),
    realMasterState: '_deleted' in master ? master : live(master),
    ...(assumed ? { assumedMasterState: assumed } : {}),
  });

const values = (session: AssistedSessionDoc) => answerMap(session);
const open = (session: AssistedSessionDoc) =>
  openConflicts(session).map((conflict) => [conflict.question, conflict.value, conflict.clerk]);

describe('assisted sessions: answer by answer', () => {
  const base = common();
  const assumed = live(base);

  it('changed on this side only: this side’s answer, no alternative', () => {
    const local = withAnswer(base, answer('powod', 'uszkodzenie', T0 + 10_000, 'jan'));
    const master = withAnswer(base, answer('zdjecie', 'zwykle', T0 + 11_000, 'anna'));
    const merged = merge(local, master, assumed);
    expect(values(merged)).toEqual({ 'dla-kogo': 'dla-siebie', powod: 'uszkodzenie', zdjecie: 'zwykle' });
    expect(open(merged)).toEqual([]);
  });

  it('changed at the hub only: the hub’s answer, even when this side’s copy is newer in time', () => {
    const master = withAnswer(base, answer('powod', 'zmiana-danych', T0 + 10_000, 'anna'));
    const local = { ...base, page: 'question:zdjecie', updatedAt: T0 + 20_000 };
    const merged = merge(local, master, assumed);
    expect(values(merged).powod).toBe('zmiana-danych');
    expect(merged.page).toBe('question:zdjecie'); // the rest follows the later change
    expect(open(merged)).toEqual([]);
  });

  it('changed on both sides to the same value: one answer (the hub’s), no alternative', () => {
    const local = withAnswer(base, answer('powod', 'inny', T0 + 10_000, 'jan'));
    const master = withAnswer(base, answer('powod', 'inny', T0 + 11_000, 'anna'));
    const merged = merge(local, master, assumed);
    expect(merged.answers.find((one) => one.question === 'powod')).toMatchObject({ value: 'inny', clerk: 'anna' });
    expect(open(merged)).toEqual([]);
  });

  it('changed on both sides differently: the hub’s answer stays, this side’s becomes an open alternative', () => {
    const local = withAnswer(base, answer('powod', 'inny', T0 + 12_000, 'jan'));
    const master = withAnswer(base, answer('powod', 'zmiana-danych', T0 + 11_000, 'anna'));
    const merged = merge(local, master, assumed);
    expect(values(merged).powod).toBe('zmiana-danych');
    expect(open(merged)).toEqual([['powod', 'inny', 'jan']]);
    expect(merged.conflicts[0]!.id).toBe(`powod|${T0 + 12_000}|jan`);
  });

  it('a multiple choice counts as one value: a different set is a conflict, the same set is not', () => {
    const master = withAnswer(base, answer('jakie-dane', ['nazwisko', 'imiona'], T0 + 10_000));
    const same = withAnswer(base, answer('jakie-dane', ['nazwisko', 'imiona'], T0 + 11_000, 'jan'));
    expect(open(merge(same, master, assumed))).toEqual([]);
    const other = withAnswer(base, answer('jakie-dane', ['nazwisko'], T0 + 11_000, 'jan'));
    expect(open(merge(other, master, assumed))).toEqual([['jakie-dane', ['nazwisko'], 'jan']]);
  });

  it('no common ancestor (a copy the hub never had, or sent again after a new sync epoch): differences are alternatives', () => {
    const local = withAnswer(base, answer('telefon', '600100200', T0 + 10_000, 'jan'));
    const master = withAnswer(base, answer('powod', 'zmiana-danych', T0 + 11_000, 'anna'));
    const merged = merge(local, master);
    expect(values(merged)).toEqual({ 'dla-kogo': 'dla-siebie', powod: 'zmiana-danych', telefon: '600100200' });
    // The unchanged side's `powod` differs from the hub's: without an ancestor nobody can tell it is older.
    expect(open(merged)).toEqual([['powod', 'utrata', 'anna']]);
  });

  it('the same inputs always give the same output, and a merge that changes nothing returns the hub’s version', () => {
    const local = withAnswer(base, answer('powod', 'inny', T0 + 12_000, 'jan'));
    const master = live(withAnswer(base, answer('powod', 'zmiana-danych', T0 + 11_000, 'anna')));
    const once = merge(local, master, assumed);
    expect(merge(structuredClone(local), structuredClone(master), structuredClone(assumed))).toEqual(once);
    expect(merge(master, master, assumed)).toBe(master);
    expect(merge(base, master, assumed)).toBe(master); // this side changed nothing
    expect(conflictRules.assistedSessions.resolve({ newDocumentState: live(local), realMasterState: master })).toEqual(
      merge(local, master),
    );
  });
});

describe('assisted sessions: alternatives, status, history, purge', () => {
  const base = common();
  const assumed = live(base);
  const atA = withAnswer(base, answer('powod', 'zmiana-danych', T0 + 10_000, 'anna'));
  const atB = withAnswer(base, answer('powod', 'inny', T0 + 11_000, 'jan'));

  it('a settled alternative never comes back with a late copy, with or without an ancestor', () => {
    const merged = merge(atB, atA, assumed);
    expect(open(merged)).toEqual([['powod', 'inny', 'jan']]);
    const keptHubs = settleConflict(
      merged,
      'powod',
      merged.answers.find((one) => one.question === 'powod')!,
      {
        clerk: 'ewa',
        counter: 3,
        at: T0 + 20_000,
      },
    );
    expect(open(keptHubs)).toEqual([]);
    // Jan's counter was offline all along and sends its copy again.
    expect(open(merge(atB, keptHubs, assumed))).toEqual([]);
    expect(open(merge(atB, keptHubs))).toEqual([]);
    expect(values(merge(atB, keptHubs)).powod).toBe('zmiana-danych');
    // A copy of the merge from before the settlement, with the alternative still open there.
    expect(open(merge(merged, keptHubs, live(merged)))).toEqual([]);
    expect(open(merge(merged, keptHubs))).toEqual([]);
  });

  it('the answer displaced by choosing the alternative does not come back either', () => {
    const merged = merge(atB, atA, assumed);
    const choseJans = settleConflict(merged, 'powod', merged.conflicts[0]!, {
      clerk: 'ewa',
      counter: 3,
      at: T0 + 20_000,
    });
    expect(values(choseJans).powod).toBe('inny');
    expect(open(choseJans)).toEqual([]);
    expect(choseJans.history.at(-1)).toEqual(event('conflict-settled', T0 + 20_000, 'ewa', 'powod'));
    // Anna's counter still holds its own version and sends it again without an ancestor (new sync epoch).
    const late = merge(atA, choseJans);
    expect(values(late).powod).toBe('inny');
    expect(open(late)).toEqual([]);
    expect(open(merge(atA, choseJans, live(atA)))).toEqual([]);
  });

  it('alternatives and settlements are unions of both sides', () => {
    const merged = merge(atB, atA, assumed);
    const settledHere = settleConflict(merged, 'powod', merged.answers[1]!, {
      clerk: 'ewa',
      counter: 3,
      at: T0 + 20_000,
    });
    const elsewhere = withAnswer(merged, answer('telefon', '600100200', T0 + 21_000, 'jan'));
    const both = merge(elsewhere, settledHere, live(merged));
    expect(both.conflicts.map((conflict) => conflict.id)).toEqual([`powod|${T0 + 11_000}|jan`]);
    expect(both.settled).toEqual(settledHere.settled);
    expect(values(both)).toMatchObject({ telefon: '600100200', powod: 'zmiana-danych' });
  });

  it('an ended status wins over a later save, with the ended side’s signing and its expiry (a day)', () => {
    const completed: AssistedSessionDoc = {
      ...base,
      status: 'completed',
      signing: { path: 'pad', at: T0 + 30_000, digest: 'a'.repeat(64) },
      history: [...base.history, event('completed', T0 + 30_000)],
      expiresAt: expiryOf('completed', T0 + 30_000),
      updatedAt: T0 + 30_000,
    };
    const savedLater: AssistedSessionDoc = {
      ...withAnswer(base, answer('telefon', '600100200', T0 + 40_000, 'jan')),
      status: 'saved',
      page: 'question:email',
      history: [...base.history, event('saved', T0 + 41_000, 'jan')],
      expiresAt: expiryOf('saved', T0 + 41_000),
      updatedAt: T0 + 41_000,
    };
    for (const merged of [merge(savedLater, completed, assumed), merge(completed, savedLater, assumed)]) {
      expect(merged.status).toBe('completed');
      expect(merged.signing).toEqual(completed.signing);
      expect(merged.page).toBe('question:email');
      expect(merged.expiresAt).toBe(T0 + 30_000 + DAY);
      expect(merged.updatedAt).toBe(T0 + 41_000);
      expect(values(merged).telefon).toBe('600100200');
    }
  });

  it('a saved session keeps the later expiry of the two', () => {
    const savedA = { ...base, expiresAt: expiryOf('saved', T0 + 5_000), updatedAt: T0 + 5_000 };
    const savedB = { ...base, expiresAt: expiryOf('saved', T0 + 9_000, 30), updatedAt: T0 + 9_000 };
    expect(merge(savedA, savedB, assumed).expiresAt).toBe(T0 + 9_000 + 30 * DAY);
    expect(merge(savedB, savedA, assumed).expiresAt).toBe(T0 + 9_000 + 30 * DAY);
  });

  it('an expiry only the hub changed (clamped to the office’s retention) stays the hub’s, both changed: the later', () => {
    const clampedAtHub = { ...base, expiresAt: base.expiresAt - 5 * DAY };
    const busyHere = withAnswer(base, answer('telefon', '600100200', T0 + 50_000, 'jan'));
    expect(merge(busyHere, clampedAtHub, assumed).expiresAt).toBe(clampedAtHub.expiresAt);
    // This side saved again meanwhile: two saves, the later expiry (the hub clamps it again if need be).
    const savedHere = { ...busyHere, expiresAt: expiryOf('saved', T0 + 50_000), updatedAt: T0 + 50_000 };
    expect(merge(savedHere, clampedAtHub, assumed).expiresAt).toBe(T0 + 50_000 + 14 * DAY);
    // Only this side changed it: this side's, even when shorter.
    const shorter = { ...busyHere, expiresAt: base.expiresAt - DAY };
    expect(merge(shorter, base, assumed).expiresAt).toBe(base.expiresAt - DAY);
  });

  it('the signature image stays with the digest it was bound to', () => {
    const signing = { path: 'pad', at: T0 + 30_000, digest: 'a'.repeat(64) } as const;
    const withImage = { ...signing, svg: '<svg viewBox="0 0 1 1"><path d="M0 0L1 1"/></svg>' };
    const completed = (at: number, signed: AssistedSessionDoc['signing']): AssistedSessionDoc => ({
      ...base,
      status: 'completed',
      signing: signed,
      expiresAt: expiryOf('completed', at),
      updatedAt: at,
    });
    // A copy without the image (an older app's, say) does not lose it for the same digest…
    for (const [local, master] of [
      [completed(T0 + 31_000, signing), completed(T0 + 30_000, withImage)],
      [completed(T0 + 30_000, withImage), completed(T0 + 31_000, signing)],
    ] as const)
      expect(merge(local, master, assumed).signing).toEqual(withImage);
    // …and an image never goes with another digest.
    const other = { ...signing, digest: 'b'.repeat(64) };
    expect(merge(completed(T0 + 30_000, withImage), completed(T0 + 30_000, other), assumed).signing).toEqual(other);
    expect(merge(completed(T0 + 31_000, other), completed(T0 + 30_000, withImage), assumed).signing).toEqual(withImage);
  });

  it('a purge (deletion) is final, whichever side purged', () => {
    const tombstone: Session = { ...live(base), answers: [], identity: {}, _deleted: true };
    const busy = withAnswer(base, answer('telefon', '600100200', T0 + 50_000, 'jan'));
    expect(merge(busy, tombstone, assumed)).toBe(tombstone);
    const purgedHere: Session = { ...tombstone, updatedAt: T0 + 60_000 };
    expect(merge(purgedHere, live(busy), assumed)).toBe(purgedHere);
  });

  it('the history is the union of both, in time order, each event once', () => {
    const here = { ...base, history: [...base.history, event('resumed', T0 + 9_000, 'jan')] };
    const there = {
      ...base,
      history: [...base.history, event('handed-over', T0 + 8_000, 'anna', 'jan'), event('resumed', T0 + 9_500, 'ewa')],
    };
    const merged = merge(here, there, assumed);
    expect(merged.history.map((one) => [one.what, one.at - T0])).toEqual([
      ['started', 0],
      ['saved', 3_000],
      ['handed-over', 8_000],
      ['resumed', 9_000],
      ['resumed', 9_500],
    ]);
  });
});

describe('assistance records', () => {
  const session = withAnswer(common(), answer('powod', 'inny', T0 + 5_000));
  const record = (over: Partial<AssistanceRecordDoc>): WithDeleted<AssistanceRecordDoc> => ({
    ...assistanceRecord(session, ['question:dla-kogo@clerk'], 60),
    ...over,
    _deleted: false,
  });

  it('the later change wins; the clerks, counters and steps of both are kept', () => {
    const local = record({
      clerks: ['jan'],
      counters: [2],
      steps: ['question:powod@visitor'],
      seconds: 90,
      updatedAt: 9,
    });
    const master = record({ clerks: ['anna'], counters: [1], steps: ['question:dla-kogo@clerk'], updatedAt: 5 });
    const merged = resolveAssistanceRecord(local, master);
    expect(merged).toMatchObject({ seconds: 90, updatedAt: 9 });
    expect(merged.clerks).toEqual(['anna', 'jan']);
    expect(merged.counters).toEqual([1, 2]);
    expect(merged.steps).toEqual(['question:dla-kogo@clerk', 'question:powod@visitor']);
    expect(resolveAssistanceRecord(master, master)).toBe(master);
  });
});

// ---------------------------------------------------------------------------------------------
// Property: random interleavings at two counters, both offline, from one saved session.

const QUESTIONS = ['dla-kogo', 'powod', 'zdjecie', 'telefon'] as const;
const VALUES = ['a', 'b', 'c'] as const;

interface Given {
  readonly side: 'A' | 'B';
  readonly question: (typeof QUESTIONS)[number];
  readonly value: AnswerValue;
}

const given: fc.Arbitrary<Given> = fc.record({
  side: fc.constantFrom('A', 'B'),
  question: fc.constantFrom(...QUESTIONS),
  value: fc.oneof(fc.constantFrom(...VALUES), fc.subarray([...VALUES], { minLength: 1 })),
});

const sameAnswer = (a: AnswerValue, b: AnswerValue) => JSON.stringify(a) === JSON.stringify(b);

/** Where an answer is, after the merge: the answer, an open alternative, or nowhere. */
function presence(session: AssistedSessionDoc, question: string, value: AnswerValue): 'answer' | 'alternative' | null {
  const same = (other: AnswerValue) => sameAnswer(other, value);
  if (session.answers.some((one) => one.question === question && same(one.value))) return 'answer';
  if (openConflicts(session).some((one) => one.question === question && same(one.value))) return 'alternative';
  return null;
}

describe('merging random interleavings of answers at two counters', () => {
  it('keeps every answer given last on either side, as the answer or an open alternative, and is deterministic', () => {
    fc.assert(
      fc.property(fc.array(given, { maxLength: 12 }), fc.boolean(), fc.boolean(), (steps, aFirst, ancestor) => {
        const start = common();
        const sides = { A: start, B: start };
        const last = { A: new Map<string, AnswerValue>(), B: new Map<string, AnswerValue>() };
        steps.forEach((step, index) => {
          const clerk: Clerk = step.side === 'A' ? 'anna' : 'jan';
          sides[step.side] = withAnswer(
            sides[step.side],
            answer(step.question, step.value, T0 + 10_000 + index, clerk),
          );
          last[step.side].set(step.question, step.value);
        });
        // The first to reach the hub writes; the second meets its version.
        const [first, second] = aFirst ? (['A', 'B'] as const) : (['B', 'A'] as const);
        const master = live(sides[first]);
        const input = {
          newDocumentState: live(sides[second]),
          realMasterState: master,
          ...(ancestor ? { assumedMasterState: live(start) } : {}),
        };
        const merged = resolveAssistedSession(input);
        expect(resolveAssistedSession(structuredClone(input))).toEqual(merged);

        for (const side of ['A', 'B'] as const) {
          for (const [question, value] of last[side]) {
            expect(presence(merged, question, value), `${side}: ${question} = ${JSON.stringify(value)}`).not.toBeNull();
          }
        }
        // What neither side touched is as it was; one answer per question.
        for (const question of ['dla-kogo', 'powod']) {
          if (!last.A.has(question) && !last.B.has(question)) {
            expect(answerMap(merged)[question]).toBe(answerMap(start)[question]);
          }
        }
        const questions = merged.answers.map((one) => one.question);
        expect(new Set(questions).size).toBe(questions.length);
        // The merged version goes to the hub; merging it again with the hub's changes nothing.
        expect(resolveAssistedSession({ newDocumentState: merged, realMasterState: merged })).toBe(merged);
        expect(merged.updatedAt).toBeGreaterThanOrEqual(Math.max(sides.A.updatedAt, sides.B.updatedAt));
      }),
      { numRuns: 500 },
    );
  });

  it('through a hub, with pushes and pulls at random moments: a value goes only when a side that had it replaced it', () => {
    type Op = Given | { readonly sync: 'A' | 'B' };
    const op: fc.Arbitrary<Op> = fc.oneof(given, fc.record({ sync: fc.constantFrom('A', 'B') }));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 24 }), (ops) => {
        const start = live(common());
        let hub: Session = start;
        const replica = {
          A: { local: start, assumed: start as Session | undefined, dirty: false },
          B: { local: start, assumed: start as Session | undefined, dirty: false },
        };
        /** Every answer given, and the values a side had as its answer and replaced by another. */
        const answers: { question: string; value: AnswerValue; id: string }[] = [];
        const replaced = new Set<string>();
        const key = (question: string, value: AnswerValue) => `${question}=${JSON.stringify(value)}`;
        const sync = (side: 'A' | 'B') => {
          const r = replica[side];
          if (!r.dirty) {
            r.local = hub;
            r.assumed = hub;
            return;
          }
          if (r.assumed === hub) {
            hub = r.local;
          } else {
            const resolved = conflictRules.assistedSessions.resolve({
              newDocumentState: r.local,
              realMasterState: hub,
              ...(r.assumed ? { assumedMasterState: r.assumed } : {}),
            });
            r.local = resolved;
            if (resolved !== hub) hub = resolved;
          }
          r.assumed = hub;
          r.dirty = false;
        };
        ops.forEach((step, index) => {
          if ('sync' in step) return sync(step.sync);
          const r = replica[step.side];
          const clerk: Clerk = step.side === 'A' ? 'anna' : 'jan';
          const next = answer(step.question, step.value, T0 + 10_000 + index, clerk);
          // The answer this side replaces is one it saw. Equal answers given at two counters are one
          // answer after a merge, so replacing a value stands for every answer of that value.
          const before = r.local.answers.find((one) => one.question === step.question);
          if (before && !sameAnswer(before.value, step.value)) replaced.add(key(before.question, before.value));
          answers.push({
            question: step.question,
            value: step.value,
            id: `${step.question}|${next.at}|${clerk}`,
          });
          r.local = live(withAnswer(r.local, next));
          r.dirty = true;
        });
        for (const side of ['A', 'B', 'A', 'B'] as const) sync(side);
        expect(replica.A.local).toEqual(hub);
        expect(replica.B.local).toEqual(hub);
        for (const entry of answers.filter((one) => !replaced.has(key(one.question, one.value)))) {
          expect(
            presence(hub, entry.question, entry.value),
            `${entry.id} = ${JSON.stringify(entry.value)}`,
          ).not.toBeNull();
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('a late copy of a session from the hub', () => {
  it('is not written over the newer one the hub already accepted; a purge always is', () => {
    const older = live(common());
    const newer = { ...older, page: 'check', updatedAt: older.updatedAt + 5 };
    expect(staleSessionVersion(older, newer)).toBe(true);
    expect(staleSessionVersion(newer, older)).toBe(false);
    expect(staleSessionVersion({ ...older, _deleted: true }, newer)).toBe(false);
    expect(conflictRules.assistedSessions.staleHubVersion).toBe(staleSessionVersion);
  });
});
