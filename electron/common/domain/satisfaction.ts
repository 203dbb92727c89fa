/**
 * Visitors' satisfaction (issue 13): when a visit ends, the screen turned to the visitor (or a
 * tablet by the exit) asks one question — five faces, 1 very unhappy … 5 very happy — and, if the
 * visitor wishes, a few reasons. One answer per visit, and anonymous.
 *
 * **Anonymous.** An answer holds a random id, the office day, the service of the visit, the score
 * and the reasons — nothing else. No ticket id or number, no counter, no clerk, no time of day: a
 * counter and an exact time, next to the tickets' history, would point at the clerk who served and
 * at the visitor who answered, and an answer someone can be picked out by is an answer people hold
 * back. Not even the hour: the tickets carry the mark that a visit was answered (below), and the
 * marked visits of one service within one hour are often a single one, while within a day they are
 * many. `updatedAt`, which every replicated document carries, is the start of the office day. So
 * answers hold no personal data and are kept like any other figure; nothing purges them.
 *
 * **One answer per visit.** The visit's ticket keeps the mark instead: a `rated` event (no score,
 * no reasons) appended in the same local step as the answer is written (renderer/db/satisfaction.ts).
 * A screen never asks for a ticket with that event. Where two screens race for one visit (two
 * workstations, one of them offline), the ticket's `rated` event is where they meet: the hub takes
 * one `rated` per ticket (electron/hub/push-scope.ts), the other comes back `overruled` by the
 * tickets' conflict rule — and a workstation with a hub sends its answer only once the hub has
 * confirmed its own `rated` (renderer/db/satisfaction.ts holds it till then), so the loser's
 * answer is dropped, never counted.
 *
 * Pure: the screens, the hub and the reports use the same rules.
 */
import { officeDay, officeTime } from './office-time';

export const SATISFACTION_SCORES = [1, 2, 3, 4, 5] as const;
/** 1 very unhappy, 2 unhappy, 3 neither, 4 happy, 5 very happy. */
export type SatisfactionScore = (typeof SATISFACTION_SCORES)[number];

/** The reasons a visitor may pick (any number, none required); words in renderer/i18n. */
export const SATISFACTION_REASONS = [
  'waiting-time',
  'clear-information',
  'staff-kindness',
  'matter-settled',
  'hard-to-find-way',
  'other',
] as const;
export type SatisfactionReason = (typeof SATISFACTION_REASONS)[number];

/** An answer counts as satisfied from this score up (the report's `satisfiedShare`). */
export const SATISFIED_FROM: SatisfactionScore = 4;

/** How long the question waits for a touch before it goes away by itself. */
export const SATISFACTION_IDLE_MS = 20_000;

/** One visitor's answer, as stored and replicated: nothing that names the visit (module doc). */
export interface SatisfactionAnswer {
  /** Random (a UUID): not derived from the ticket. */
  readonly id: string;
  /** The office day of the visit, `YYYY-MM-DD`. */
  readonly day: string;
  /** The service of the visit: the queue it waited in, as the report counts its ticket. */
  readonly service: string;
  readonly score: SatisfactionScore;
  /** Distinct codes of SATISFACTION_REASONS, in that order. */
  readonly reasons: readonly SatisfactionReason[];
  /** The start of that office day (epoch milliseconds): never finer. */
  readonly updatedAt: number;
}

export function isSatisfactionScore(value: unknown): value is SatisfactionScore {
  return typeof value === 'number' && (SATISFACTION_SCORES as readonly number[]).includes(value);
}

export function isSatisfactionReason(value: unknown): value is SatisfactionReason {
  return typeof value === 'string' && (SATISFACTION_REASONS as readonly string[]).includes(value);
}

/** The reasons picked, each once, in the domain's order; anything unknown left out. */
export function normaliseReasons(reasons: readonly string[]): SatisfactionReason[] {
  return SATISFACTION_REASONS.filter((reason) => reasons.includes(reason));
}

export interface NewAnswer {
  readonly id: string;
  readonly service: string;
  readonly score: SatisfactionScore;
  readonly reasons: readonly string[];
  /** When the visitor answered (the hub's clock as the workstation knows it). */
  readonly at: number;
  readonly timeZone: string;
}

/** The answer to store: the office day of `at`, and `updatedAt` the start of that day. */
export function satisfactionAnswer(answer: NewAnswer): SatisfactionAnswer {
  if (!isSatisfactionScore(answer.score)) throw new RangeError(`not a score: ${String(answer.score)}`);
  const day = officeDay(answer.at, answer.timeZone);
  return {
    id: answer.id,
    day,
    service: answer.service,
    score: answer.score,
    reasons: normaliseReasons(answer.reasons),
    updatedAt: officeTime(day, '00:00', answer.timeZone),
  };
}

/** The fields an answer may hold, and nothing more: anything else could name the visit. */
export const ANSWER_FIELDS = ['id', 'day', 'service', 'score', 'reasons', 'updatedAt'] as const;

/**
 * What is wrong with a stored or pushed answer, or null: only the known fields, a score 1–5, known
 * distinct reasons, a day, and an `updatedAt` on a whole hour (the start of an office day is one in
 * every zone Poland's offices use). The hub checks every push with it.
 */
export function answerProblem(document: object): string | null {
  const answer = document as Readonly<Record<string, unknown>>;
  const extra = Object.keys(answer).find((key) => !(ANSWER_FIELDS as readonly string[]).includes(key));
  if (extra !== undefined) return `an answer holds no ${extra}`;
  if (!isSatisfactionScore(answer.score)) return 'the score is 1 to 5';
  const reasons = answer.reasons;
  if (!Array.isArray(reasons) || !reasons.every(isSatisfactionReason)) return 'unknown reason';
  if (new Set(reasons).size !== reasons.length) return 'a reason is given once';
  if (typeof answer.day !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(answer.day)) return 'the day is YYYY-MM-DD';
  if (typeof answer.updatedAt !== 'number' || answer.updatedAt % 3_600_000 !== 0) return 'the time is a whole hour';
  return null;
}

/** The ticket event that marks a visit answered: it carries no score and no reasons. */
export const RATED_EVENT = 'rated';

/** True when the visit was answered already (a `rated` event that was not overruled). */
export function isRated(ticket: { readonly events: readonly { readonly type: string }[] }): boolean {
  return ticket.events.some((event) => event.type === RATED_EVENT);
}
