/**
 * An assisted session as stored and replicated (collection `assistedSessions`), the assistance
 * record that outlives it (`assistanceRecords`, no personal data), and the pure operations on
 * them: answering, saving, resuming, handing over, ending, purging.
 *
 * Personal data (the identity, the proxy's details, the answers, the signature image) lives only in
 * the session, and the session only until it is no longer needed: a saved one `keepDays` after it was
 * last saved (14 by default), an ended one a day after it ended; then `purged()` empties it and it is
 * deleted.
 */
import type { SigningPath } from './definition';
import type { AnswerValue } from './flow';
import type { Language } from '../domain/office';
import { sameDocument } from '../sync/document-equality';

export type SessionStatus = 'active' | 'saved' | 'completed' | 'referred' | 'abandoned';
export const ENDED_STATUSES: readonly SessionStatus[] = ['completed', 'referred', 'abandoned'];

/** Who typed an answer: the visitor on the customer screen, or the clerk. */
export type Typist = 'visitor' | 'clerk';

export interface SessionAnswer {
  readonly question: string;
  readonly value: AnswerValue;
  readonly by: Typist;
  /** The clerk's login at the counter where it was given. */
  readonly clerk: string;
  readonly counter: number;
  readonly at: number;
}

/** An answer given elsewhere (another counter, offline) that differs from the one kept: the clerk chooses. */
export interface AnswerConflict extends SessionAnswer {
  /** `question|at|clerk`: settling it records this id so a late copy does not bring it back. */
  readonly id: string;
}

export type Acting =
  | { readonly kind: 'self' }
  | {
      readonly kind: 'proxy';
      readonly name: string;
      /** The proxy's identity document number. */
      readonly document: string;
      /** The power of attorney: its date and kind, as the clerk reads it. */
      readonly authorisation: string;
    };

export interface SessionEvent {
  readonly at: number;
  readonly what:
    'started' | 'saved' | 'resumed' | 'handed-over' | 'completed' | 'referred' | 'abandoned' | 'conflict-settled';
  readonly clerk: string;
  readonly counter: number;
  /** handed-over: to whom; abandoned: the reason; conflict-settled: the question. */
  readonly note?: string;
}

export interface Signing {
  readonly path: SigningPath;
  readonly at: number;
  /** The SHA-256 of the summary's content the visitor acknowledged. */
  readonly digest: string;
  /** KPA art. 63 § 3: why the visitor could not sign, in the clerk's words. */
  readonly note?: string;
  /**
   * The visitor's signature (pad or screen) as the station drew it, bound to `digest`: kept so the
   * summary printed after a reload, or at another counter, still shows it. Personal data: `purged()`
   * drops it, and the assistance record never holds it. At most MAX_SIGNATURE_SVG_LENGTH characters.
   */
  readonly svg?: string;
}

/**
 * The longest signature image a session keeps (characters of SVG). A signature is a few kB (the pad
 * simulator's is about 5); this is half a minute of continuous pen on a pad at 120 reports a second.
 * The bound keeps a session small enough to replicate (a push is at most 2 MB, with two copies of
 * each row) and is the JSON schema's `maxLength`, so the hub refuses anything longer.
 */
export const MAX_SIGNATURE_SVG_LENGTH = 32_768;

/** The signing with the image the visitor signed, when there is one and it is not too long to keep. */
export function withSignatureImage(signing: Signing, svg: string | undefined): Signing {
  return svg && svg.length <= MAX_SIGNATURE_SVG_LENGTH ? { ...signing, svg } : signing;
}

export interface AssistedSessionDoc {
  readonly id: string;
  /** The short code printed on the resume slip and the summary: `K7M3-Q9XT`. */
  readonly reference: string;
  readonly eservice: string;
  readonly eserviceVersion: number;
  readonly status: SessionStatus;
  /** The ticket being served when the session started ('' when none). */
  readonly ticket: string;
  readonly counter: number;
  /** The login of the clerk who holds the session (after a hand-over, the colleague). */
  readonly clerk: string;
  readonly language: Language;
  readonly acting: Acting;
  /** The consent text's version the visitor agreed to, and when; 0 until they do. */
  readonly consentVersion: string;
  readonly consentAt: number;
  /** The visitor's identity fields the e-service needs (read from the ID card or typed). */
  readonly identity: Readonly<Record<string, string>>;
  readonly identityFrom: 'reader' | 'typed' | '';
  readonly answers: readonly SessionAnswer[];
  readonly conflicts: readonly AnswerConflict[];
  readonly settled: readonly string[];
  /** The page the session is on (flow.ts pageKey). */
  readonly page: string;
  readonly safetyShown: boolean;
  readonly signing: Signing | null;
  readonly history: readonly SessionEvent[];
  readonly startedAt: number;
  readonly expiresAt: number;
  readonly updatedAt: number;
}

/** What supervisors count: who helped with what, how long, how it ended — nobody's personal data. */
export interface AssistanceRecordDoc {
  readonly id: string;
  readonly eservice: string;
  readonly outcome: 'in-progress' | 'completed' | 'referred' | 'abandoned';
  /** Why it was abandoned (a reason code, never free text: free text may name a person). */
  readonly reason: string;
  readonly clerks: readonly string[];
  readonly counters: readonly number[];
  /** The pages gone through, with who typed: `question:reason@visitor`. */
  readonly steps: readonly string[];
  readonly signing: SigningPath | '';
  readonly startedAt: number;
  readonly endedAt: number;
  /** Time spent with the visitor (the sum of the sittings), in seconds. */
  readonly seconds: number;
  readonly updatedAt: number;
}

export const ABANDON_REASONS = ['visitor-left', 'missing-documents', 'not-eligible', 'system-down', 'other'] as const;
export type AbandonReason = (typeof ABANDON_REASONS)[number];

export const DEFAULT_KEEP_DAYS = 14;
const DAY_MS = 86_400_000;

/** When a session's personal data goes: `keepDays` after a save, a day after it ended. */
export function expiryOf(status: SessionStatus, now: number, keepDays: number = DEFAULT_KEEP_DAYS): number {
  return now + (ENDED_STATUSES.includes(status) ? DAY_MS : keepDays * DAY_MS);
}

export function isExpired(session: Pick<AssistedSessionDoc, 'expiresAt'>, now: number): boolean {
  return session.expiresAt > 0 && session.expiresAt <= now;
}

/**
 * The session with everything personal removed, as its tombstone keeps it: no proxy, identity,
 * answers, alternatives or notes, and of the signing only how, when and the digest (not the image).
 */
export function purged(session: AssistedSessionDoc, now: number): AssistedSessionDoc {
  return {
    ...session,
    acting: { kind: 'self' },
    identity: {},
    answers: [],
    conflicts: [],
    history: session.history.map(({ note: _note, ...event }) => event),
    signing: session.signing && { path: session.signing.path, at: session.signing.at, digest: session.signing.digest },
    updatedAt: Math.max(now, session.updatedAt + 1),
  };
}

/**
 * Whether the session holds anything `purged()` would remove: then it must expire. Defined by
 * `purged()` itself, so a personal field added there counts here too.
 */
export function holdsPersonalData(session: AssistedSessionDoc): boolean {
  return !sameDocument({ ...purged(session, session.updatedAt), updatedAt: session.updatedAt }, session);
}

/** The current answer to each question (the last given), by question. */
export function answerMap(session: Pick<AssistedSessionDoc, 'answers'>): Record<string, AnswerValue> {
  const map: Record<string, AnswerValue> = {};
  for (const answer of session.answers) map[answer.question] = answer.value;
  return map;
}

/** The session with `answer` as the answer to its question (replacing the earlier one). */
export function withAnswer(session: AssistedSessionDoc, answer: SessionAnswer): AssistedSessionDoc {
  return {
    ...session,
    answers: [...session.answers.filter((one) => one.question !== answer.question), answer],
    updatedAt: Math.max(answer.at, session.updatedAt + 1),
  };
}

/** The open conflicts: alternatives not settled yet. */
export function openConflicts(session: Pick<AssistedSessionDoc, 'conflicts' | 'settled'>): AnswerConflict[] {
  const settled = new Set(session.settled);
  return session.conflicts.filter((conflict) => !settled.has(conflict.id));
}

/**
 * The clerk chose `chosen` for `question`: it becomes the answer, and whatever the clerk saw and did
 * not choose is settled — the question's alternatives, and the answer it had when another was
 * chosen, so a late copy that still holds that answer does not bring it back as an alternative.
 */
export function settleConflict(
  session: AssistedSessionDoc,
  question: string,
  chosen: SessionAnswer,
  by: { readonly clerk: string; readonly counter: number; readonly at: number },
): AssistedSessionDoc {
  const current = session.answers.find((answer) => answer.question === question);
  const displaced =
    current && JSON.stringify(current.value) !== JSON.stringify(chosen.value) ? [conflictId(current)] : [];
  const ids = openConflicts(session)
    .filter((conflict) => conflict.question === question)
    .map((conflict) => conflict.id)
    .concat(displaced.filter((id) => !session.settled.includes(id)));
  // An alternative carries its id: the answer kept is only the answer's own fields (the hub's
  // schema refuses any other, and a refused push would wait for ever).
  const { question: _q, value, by: typist, clerk, counter } = chosen;
  const answered = withAnswer(session, { question, value, by: typist, clerk, counter, at: by.at });
  return {
    ...answered,
    settled: [...session.settled, ...ids],
    history: [
      ...session.history,
      { at: by.at, what: 'conflict-settled', clerk: by.clerk, counter: by.counter, note: question },
    ],
  };
}

export function conflictId(answer: SessionAnswer): string {
  return `${answer.question}|${answer.at}|${answer.clerk}`;
}

export interface SessionStart {
  readonly id: string;
  readonly reference: string;
  readonly eservice: { readonly id: string; readonly version: number };
  readonly ticket: string;
  readonly counter: number;
  readonly clerk: string;
  readonly language: Language;
  readonly at: number;
  readonly keepDays?: number;
}

/** A new session on its start page, nobody's data in it yet. */
export function startSession(start: SessionStart): AssistedSessionDoc {
  return {
    id: start.id,
    reference: start.reference,
    eservice: start.eservice.id,
    eserviceVersion: start.eservice.version,
    status: 'active',
    ticket: start.ticket,
    counter: start.counter,
    clerk: start.clerk,
    language: start.language,
    acting: { kind: 'self' },
    consentVersion: '',
    consentAt: 0,
    identity: {},
    identityFrom: '',
    answers: [],
    conflicts: [],
    settled: [],
    page: 'start',
    safetyShown: false,
    signing: null,
    history: [{ at: start.at, what: 'started', clerk: start.clerk, counter: start.counter }],
    startedAt: start.at,
    expiresAt: expiryOf('active', start.at, start.keepDays),
    updatedAt: start.at,
  };
}

/** The assistance record of a session as it stands (no personal data). */
export function assistanceRecord(
  session: AssistedSessionDoc,
  steps: readonly string[],
  seconds: number,
  reason = '',
): AssistanceRecordDoc {
  const ended = ENDED_STATUSES.includes(session.status);
  const clerks = [...new Set(session.history.map((event) => event.clerk))];
  const counters = [...new Set(session.history.map((event) => event.counter))];
  return {
    id: session.id,
    eservice: session.eservice,
    outcome: ended ? (session.status as AssistanceRecordDoc['outcome']) : 'in-progress',
    reason,
    clerks,
    counters,
    steps: [...steps],
    signing: session.signing?.path ?? '',
    startedAt: session.startedAt,
    endedAt: ended ? session.updatedAt : 0,
    seconds: Math.max(0, Math.round(seconds)),
    updatedAt: session.updatedAt,
  };
}
