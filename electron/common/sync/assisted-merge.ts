/**
 * assistedSessions — two counters changed one saved session (both offline, say): nothing is
 * silently overwritten. Answer by answer, against what this workstation thought the hub had:
 *   - changed on one side only: that side's answer;
 *   - changed on both sides to the same value: one answer;
 *   - changed on both sides differently (or with no common ancestor): the hub's answer stays the
 *     answer and this workstation's becomes an alternative (`conflicts`), which the clerk who
 *     resumes sees beside it and chooses between (session.ts settleConflict).
 * Alternatives and their settlements are unions, so a settled one never comes back; the history is
 * a union in time order; an ended session stays ended, and expires when it does; a saved one keeps
 * the later expiry of two saves, but an expiry only the hub's side changed is the hub's (the hub
 * shortens one beyond the office's retention, and this side must not put it back); the rest (the
 * page, the holder, the proxy, the signing) follows the later change, the hub's on a tie. The
 * signature image stays with the digest it was bound to, never with another.
 *
 * assistanceRecords — the later change wins, the clerks, counters and steps of both kept.
 */
import {
  type AnswerConflict,
  type Signing,
  type AssistanceRecordDoc,
  type AssistedSessionDoc,
  conflictId,
  ENDED_STATUSES,
  type SessionAnswer,
  type SessionEvent,
} from '../eservices/session';
import type { ConflictInput, WithDeleted } from './conflict-rules';
import { sameDocument } from './document-equality';

type Session = WithDeleted<AssistedSessionDoc>;

const sameValue = (a: SessionAnswer | undefined, b: SessionAnswer | undefined) =>
  a !== undefined && b !== undefined && JSON.stringify(a.value) === JSON.stringify(b.value);

function byQuestion(answers: readonly SessionAnswer[] | undefined): Map<string, SessionAnswer> {
  return new Map((answers ?? []).map((answer) => [answer.question, answer]));
}

interface AnswerMerge {
  readonly answers: SessionAnswer[];
  readonly conflicts: AnswerConflict[];
}

function mergeAnswers(local: Session, master: Session, assumed: Session | undefined): AnswerMerge {
  const [mine, theirs, before] = [byQuestion(local.answers), byQuestion(master.answers), byQuestion(assumed?.answers)];
  const answers: SessionAnswer[] = [];
  const conflicts: AnswerConflict[] = [];
  for (const question of new Set([...theirs.keys(), ...mine.keys()])) {
    const [l, m, a] = [mine.get(question), theirs.get(question), before.get(question)];
    const kept = pick(l, m, a);
    if (kept.answer) answers.push(kept.answer);
    if (kept.rival) conflicts.push({ ...kept.rival, id: conflictId(kept.rival) });
  }
  return { answers, conflicts };
}

/** One question: the answer kept, and the rival that became an alternative, if any. */
function pick(
  l: SessionAnswer | undefined,
  m: SessionAnswer | undefined,
  a: SessionAnswer | undefined,
): { answer?: SessionAnswer; rival?: SessionAnswer } {
  if (l === undefined) return m === undefined ? {} : { answer: m };
  if (m === undefined) return { answer: l };
  if (sameValue(l, m)) return { answer: m };
  if (a !== undefined && sameValue(l, a) && l.at === a.at) return { answer: m }; // only the hub's side changed
  if (a !== undefined && sameValue(m, a) && m.at === a.at) return { answer: l }; // only this side changed
  return { answer: m, rival: l };
}

function unionBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}

const eventKey = (event: SessionEvent) => `${event.at}|${event.what}|${event.clerk}|${event.counter}`;

/**
 * A saved session's expiry, three-way: whichever side changed it from what this workstation thought
 * the hub had; both changed (two saves), the later. So an expiry the hub clamped to the office's
 * retention (electron/hub/push-scope.ts withRetention) stays clamped, and a merge does not send the
 * longer one back to be clamped again.
 */
function mergedExpiry(local: Session, master: Session, assumed: Session | undefined): number {
  if (assumed && local.expiresAt === assumed.expiresAt) return master.expiresAt;
  if (assumed && master.expiresAt === assumed.expiresAt) return local.expiresAt;
  return Math.max(local.expiresAt, master.expiresAt);
}

/**
 * The signing kept (the chosen side's), with the signature image from the other side when only that
 * side has it and for the same digest: an image belongs with the summary it was bound to.
 */
function keptSigning(chosen: Signing | null, other: Signing | null): Signing | null {
  if (!chosen || chosen.svg || !other?.svg || other.digest !== chosen.digest) return chosen;
  return { ...chosen, svg: other.svg };
}

export function resolveAssistedSession(input: ConflictInput<AssistedSessionDoc>): Session {
  const { newDocumentState: local, realMasterState: master, assumedMasterState: assumed } = input;
  if (local._deleted || master._deleted) return master._deleted ? master : local; // a purge is final
  const later = local.updatedAt > master.updatedAt ? local : master;
  const { answers, conflicts } = mergeAnswers(local, master, assumed);
  const ended = [master, local].find((side) => ENDED_STATUSES.includes(side.status));
  const signer = ended ?? later;
  const merged: Session = {
    ...later,
    ...(ended ? { status: ended.status } : {}),
    signing: keptSigning(signer.signing, (signer === local ? master : local).signing),
    answers,
    conflicts: unionBy([...master.conflicts, ...local.conflicts, ...conflicts], (conflict) => conflict.id),
    settled: [...new Set([...master.settled, ...local.settled])],
    history: unionBy([...master.history, ...local.history], eventKey).sort((x, y) => x.at - y.at),
    // An ended session's personal data goes a day after it ended, even if the other side saved it for longer.
    expiresAt: ended ? ended.expiresAt : mergedExpiry(local, master, assumed),
    updatedAt: Math.max(local.updatedAt, master.updatedAt),
  };
  return sameDocument(merged, master) ? master : merged;
}

/**
 * Whether the hub's `master`, about to be written over the `local` session the hub already
 * accepted, is an older copy of it (arriving late by the stream or a pull): then it is not
 * written, or the page being worked on would flick back and lose what was typed on it. A session's
 * `updatedAt` only grows (every change and every merge raise it).
 */
export function staleSessionVersion(master: Session, local: Session): boolean {
  if (master._deleted && !local._deleted) return false;
  return master.updatedAt < local.updatedAt;
}

export function resolveAssistanceRecord(
  local: WithDeleted<AssistanceRecordDoc>,
  master: WithDeleted<AssistanceRecordDoc>,
): WithDeleted<AssistanceRecordDoc> {
  const later = local.updatedAt > master.updatedAt ? local : master;
  const merged = {
    ...later,
    clerks: [...new Set([...master.clerks, ...local.clerks])],
    counters: [...new Set([...master.counters, ...local.counters])],
    steps: [...new Set([...master.steps, ...local.steps])],
  };
  return sameDocument(merged, master) ? master : merged;
}
