/**
 * Visitors' answers to the five faces on this workstation (domain/satisfaction.ts): which finished
 * visit a screen asks about, and the one local step that answers it — the visit's ticket gets its
 * `rated` mark (atomically: of two windows answering one visit, the second finds it marked and
 * writes nothing) and the anonymous answer is written.
 *
 * With a hub, the answer waits on this workstation until the hub has confirmed this screen's mark
 * (the ticket's version with the hub's stamp holds our `rated`): two workstations may answer one
 * visit while one is offline, and the hub keeps one mark, turning the other into an `overruled`
 * note (conflict-rules.ts) — that side's answer is then dropped, never sent. While it waits, the
 * answer and its ticket's id are kept together in a local document of this database, never
 * replicated, and parted when it is sent or dropped. Without a hub it is written at once.
 *
 * Kept answers leave together, never one by one: RELEASE_BATCH at a time, or all that wait once the
 * oldest has waited RELEASE_AFTER_MS, in random order. The hub stamps what it stores in the order
 * it arrives; an answer sent the moment its mark was confirmed would sit beside that mark in the
 * hub's order and time, and so point at the visit. In a batch it is one of several.
 */
import type { Subscription } from 'rxjs';
import {
  RATED_EVENT,
  isRated,
  satisfactionAnswer,
  type SatisfactionAnswer,
  type SatisfactionScore,
} from '../../electron/common/domain/satisfaction';
import type { Ticket, TicketEvent } from '../../electron/common/domain/ticket';
import type { OkienkoDatabase } from './database';
import type { TicketDoc } from './schemas';

/** How long after its end a visit is still asked about (a screen opened late asks no one gone). */
export const ASK_WITHIN_MS = 2 * 60_000;

/** How many kept answers leave together. */
export const RELEASE_BATCH = 5;
/** …or all kept ones, once the oldest has waited this long (a quiet day still sends its answers). */
export const RELEASE_AFTER_MS = 60 * 60_000;

/** The local document of answers waiting for the hub's word on their mark. */
export const PENDING_DOC = 'satisfaction-pending';

interface Pending {
  readonly ticket: string;
  /** The time of this screen's `rated` event. */
  readonly at: number;
  readonly answer: SatisfactionAnswer;
}

interface PendingDoc {
  readonly items: readonly Pending[];
}

const lastAt = (ticket: Pick<Ticket, 'events'>): number => ticket.events.at(-1)?.at ?? 0;

/**
 * The visit counter `counter` has just finished and nobody answered: its ticket, or null — while
 * the counter calls or serves someone (the next visitor), or once ASK_WITHIN_MS have passed.
 */
export function visitToAsk(tickets: readonly TicketDoc[], counter: number, now: number): TicketDoc | null {
  const latest = tickets
    .filter((ticket) => ticket.counter === counter)
    .reduce<TicketDoc | null>((last, ticket) => (last === null || lastAt(ticket) > lastAt(last) ? ticket : last), null);
  if (!latest || latest.state !== 'done' || isRated(latest)) return null;
  const done = latest.events.findLast((event) => event.type === 'done');
  return done && now - done.at <= ASK_WITHIN_MS ? latest : null;
}

/** The service of a visit as the report counts it: the queue it waited in. */
export function serviceOfVisit(ticket: Pick<Ticket, 'legs' | 'service'>): string {
  return ticket.legs[0]?.service ?? ticket.service;
}

export interface AnswerContext {
  readonly now: () => number;
  readonly newId: () => string;
  readonly station: string;
  readonly timeZone: string;
  /** Whether this workstation works with a hub: the answer then waits for the hub's word. */
  readonly withHub: boolean;
}

export interface VisitAnswer {
  readonly score: SatisfactionScore;
  readonly reasons: readonly string[];
}

/**
 * Marks the finished visit `ticketId` answered and writes the answer, or writes nothing when it
 * was answered already (or is not a finished visit): 'answered' or 'already'.
 */
export async function answerVisit(
  db: OkienkoDatabase,
  ticketId: string,
  visit: VisitAnswer,
  context: AnswerContext,
): Promise<'answered' | 'already'> {
  const doc = await db.tickets.findOne(ticketId).exec();
  if (!doc) return 'already';
  const at = context.now();
  let marked = false;
  await doc.incrementalModify((latest) => {
    marked = latest.state === 'done' && !isRated(latest);
    if (!marked) return latest;
    const event: TicketEvent = { type: RATED_EVENT, at, by: { station: context.station } };
    return { ...latest, events: [...latest.events, event], updatedAt: at, hubStamp: 0 };
  });
  if (!marked) return 'already';
  const answer = satisfactionAnswer({
    id: context.newId(),
    service: serviceOfVisit(doc),
    score: visit.score,
    reasons: visit.reasons,
    at,
    timeZone: context.timeZone,
  });
  if (!context.withHub) await db.satisfaction.insert(answer);
  else await holdAnswer(db, { ticket: ticketId, at, answer });
  return 'answered';
}

async function pendingItems(db: OkienkoDatabase): Promise<readonly Pending[]> {
  const doc = await db.getLocal<PendingDoc>(PENDING_DOC);
  return doc?.get('items') ?? [];
}

async function holdAnswer(db: OkienkoDatabase, pending: Pending): Promise<void> {
  await db.upsertLocal<PendingDoc>(PENDING_DOC, { items: [...(await pendingItems(db)), pending] });
  await releaseAnswers(db, pending.at);
}

/** What the hub's confirmed version of the ticket says of our mark: kept, overruled, or not yet known. */
function verdict(ticket: TicketDoc | undefined, at: number): 'send' | 'drop' | 'wait' {
  if (!ticket) return 'drop';
  if ((ticket.hubStamp ?? 0) === 0) return 'wait';
  if (ticket.events.some((event) => event.type === RATED_EVENT && event.at === at)) return 'send';
  const overruled = ticket.events.some((event) => event.overruled === RATED_EVENT && event.at === at);
  return overruled ? 'drop' : 'wait';
}

/**
 * Drops each waiting answer whose mark the hub overruled; sends those it kept, in a batch (see
 * above) — the kept ones wait here until there are enough of them, or the oldest is old enough.
 */
export async function releaseAnswers(db: OkienkoDatabase, now = Date.now()): Promise<void> {
  const items = await pendingItems(db);
  if (items.length === 0) return;
  const tickets = await db.tickets.findByIds(items.map((item) => item.ticket)).exec();
  const waiting: Pending[] = [];
  const kept: Pending[] = [];
  for (const item of items) {
    const outcome = verdict(tickets.get(item.ticket)?.toJSON() as TicketDoc | undefined, item.at);
    if (outcome === 'wait') waiting.push(item);
    if (outcome === 'send') kept.push(item);
  }
  const due =
    kept.length >= RELEASE_BATCH || kept.some((item) => now - item.at >= RELEASE_AFTER_MS) ? shuffled(kept) : [];
  const sent = new Set(due.map((item) => item.answer.id));
  const known = await db.satisfaction.findByIds([...sent]).exec();
  await db.satisfaction.bulkInsert(due.filter((item) => !known.has(item.answer.id)).map((item) => item.answer));
  await db.upsertLocal<PendingDoc>(PENDING_DOC, {
    items: [...waiting, ...kept.filter((item) => !sent.has(item.answer.id))],
  });
}

/** A random order (Fisher–Yates over crypto-random numbers). */
function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  const random = crypto.getRandomValues(new Uint32Array(out.length));
  for (let i = out.length - 1; i > 0; i--) {
    const j = random[i]! % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Releases waiting answers as their tickets' confirmed versions arrive; returns the stop. A screen
 * that asks runs it while it is open.
 */
export function keepReleasingAnswers(db: OkienkoDatabase): () => void {
  let running = Promise.resolve();
  const release = () => {
    running = running.then(() => releaseAnswers(db)).catch((error: unknown) => console.error('release failed', error));
  };
  release();
  const subscription: Subscription = db.tickets.$.subscribe(() => release());
  // A quiet hour changes no ticket: the oldest answer's time still comes.
  const timer = setInterval(release, 60_000);
  return () => {
    subscription.unsubscribe();
    clearInterval(timer);
  };
}
