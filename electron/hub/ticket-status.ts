/**
 * A ticket's place in the queue, for the page its QR code opens (`/#/status/<id>`), read from the
 * hub's documents. Public (no token, the id is the only key), so the answer is built field by
 * field — the ticket's number, its service's name, its state, counts and the counter — and never
 * from the document as a whole, which names the clerks, the workstation and the priority reason.
 *
 * "Ahead" follows the order the counters call in (domain/ordering.ts), as the kiosk's printed
 * "people ahead" does, so the page and the ticket agree (see TicketStatusSchema for what it counts).
 */
import type { PublicTicketState, TicketStatus } from '../common/contract/public';
import type { Localized, Office, Service } from '../common/domain/office';
import { officeDay } from '../common/domain/office-time';
import { estimatedWaitMinutes, peopleAhead, projectedOrder, type CounterQueue } from '../common/domain/ordering';
import type { CounterDoc } from '../common/domain/schemas';
import type { Ticket, TicketState } from '../common/domain/ticket';
import { DEFAULT_TIME_ZONE } from './board';
import type { SqlQueryable } from './sql';

/** What the answer is made of; the office, service and counters as the hub last received them. */
export interface TicketFacts {
  readonly ticket: Ticket;
  readonly office: Pick<Office, 'name' | 'priorityRule' | 'timeZone'> | null;
  readonly service: Pick<Service, 'name' | 'averageMinutes'> | null;
  /** The day's waiting tickets that might be called before this one (the others are ignored). */
  readonly waiting: readonly Ticket[];
  readonly counters: readonly CounterDoc[];
  readonly now: number;
}

const NO_NAME: Localized = { pl: '', en: '', uk: '' };
/** Until an office document arrives, the rule a counter would use without one. */
const DEFAULT_RULE: Office['priorityRule'] = { mode: 'strict' };

/** The ticket's status, or null when the hub has no such ticket (or only its tombstone). */
export async function ticketStatus(db: SqlQueryable, id: string, now: number): Promise<TicketStatus | null> {
  const [row] = await db.query<{ data: Ticket }>(
    `SELECT data FROM documents WHERE collection = 'tickets' AND id = $1 AND NOT deleted`,
    [id],
  );
  if (!row) return null;
  const ticket = row.data;
  const office = await latestOffice(db);
  const [service, counters] = await Promise.all([serviceOf(db, ticket.service), countersOf(db)]);
  const today = officeDay(now, timeZoneOf(office));
  const waiting = publicState(ticket, today) === 'waiting' ? await waitingBefore(db, ticket) : [];
  return describeTicket({ ticket, office, service, waiting, counters, now });
}

/** The answer from the facts; pure, so the estimate is tested without a database. */
export function describeTicket(facts: TicketFacts): TicketStatus {
  const { ticket, office, service } = facts;
  const state = publicState(ticket, officeDay(facts.now, timeZoneOf(office)));
  const atCounter = state === 'called' || state === 'serving';
  const { ahead, estimatedMinutes } = state === 'waiting' ? placeInQueue(facts) : { ahead: 0, estimatedMinutes: 0 };
  return {
    number: ticket.number,
    service: service ? localized(service.name) : { pl: ticket.service, en: ticket.service, uk: ticket.service },
    state,
    ahead,
    estimatedMinutes,
    counter: atCounter ? ticket.counter : 0,
    calledAt: atCounter ? ticket.calledAt : 0,
    office: office ? localized(office.name) : NO_NAME,
  };
}

const STATE_SHOWN: Readonly<Record<TicketState, PublicTicketState>> = {
  waiting: 'waiting',
  called: 'called',
  serving: 'serving',
  // A paused visit goes on at the same counter ("resume" calls it back there).
  parked: 'serving',
  done: 'done',
  'no-show': 'gone',
  cancelled: 'gone',
  expired: 'gone',
};

/**
 * The state as the visitor should read it. A ticket of an earlier day that is still open is gone:
 * the daily close expires it, and no counter calls it any more.
 */
export function publicState(ticket: Pick<Ticket, 'state' | 'day'>, today: string): PublicTicketState {
  // The hub stores whatever state text a valid push carried: an unknown one is not a queue place.
  const shown = (STATE_SHOWN as Partial<Record<string, PublicTicketState>>)[ticket.state] ?? 'gone';
  return shown !== 'done' && ticket.day < today ? 'gone' : shown;
}

/**
 * Who is before a waiting ticket and about how long they take. A ticket anyone may call: the
 * service's queue as one counter of it would call it (`peopleAhead`), shared by the counters
 * open for the service. A ticket sent to one counter: that counter's own order of the tickets
 * sent to it, and that one counter's time.
 */
export function placeInQueue({ ticket, office, service, waiting, counters, now }: TicketFacts): {
  ahead: number;
  estimatedMinutes: number;
} {
  const rule = office?.priorityRule ?? DEFAULT_RULE;
  const others = waiting.filter((other) => other.id !== ticket.id && other.state === 'waiting');
  let ahead: number;
  let open: number;
  if (ticket.targetCounter > 0) {
    const counter = counters.find((candidate) => candidate.number === ticket.targetCounter);
    const queue: CounterQueue = {
      number: ticket.targetCounter,
      services: [...new Set([ticket.service, ...(counter?.services ?? [])])],
      normalSinceLastPriority: counter?.normalSinceLastPriority ?? 0,
    };
    const sentThere = others.filter((other) => other.targetCounter === ticket.targetCounter);
    ahead = Math.max(0, projectedOrder([...sentThere, ticket], queue, rule, now).indexOf(ticket));
    open = 1;
  } else {
    ahead = peopleAhead(ticket, others, rule, now);
    open = counters.filter((counter) => counter.mode === 'open' && counter.services.includes(ticket.service)).length;
  }
  return { ahead, estimatedMinutes: service ? estimatedWaitMinutes(ahead, service.averageMinutes, open) : 0 };
}

/** Only the three languages, whatever else a name in a document may hold. */
function localized(name: Partial<Localized> | undefined): Localized {
  return { pl: name?.pl ?? '', en: name?.en ?? '', uk: name?.uk ?? '' };
}

/** The office's time zone when the office names one Intl knows, else Polish time (as the board). */
function timeZoneOf(office: Pick<Office, 'timeZone'> | null): string {
  const timeZone = office?.timeZone;
  if (typeof timeZone !== 'string') return DEFAULT_TIME_ZONE;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return DEFAULT_TIME_ZONE;
  }
}

async function latestOffice(db: SqlQueryable): Promise<Office | null> {
  const [row] = await db.query<{ data: Office }>(
    "SELECT data FROM documents WHERE collection = 'office' AND NOT deleted ORDER BY stamp DESC LIMIT 1",
  );
  return row?.data ?? null;
}

async function serviceOf(db: SqlQueryable, id: string): Promise<Service | null> {
  const [row] = await db.query<{ data: Service }>(
    "SELECT data FROM documents WHERE collection = 'services' AND id = $1 AND NOT deleted",
    [id],
  );
  return row?.data ?? null;
}

async function countersOf(db: SqlQueryable): Promise<CounterDoc[]> {
  const rows = await db.query<{ data: CounterDoc }>(
    "SELECT data FROM documents WHERE collection = 'counters' AND NOT deleted",
  );
  return rows.map((row) => row.data);
}

/**
 * The waiting tickets of the ticket's day that could come before it: of its service, or sent to
 * its counter. Without their history (`events`, `legs`), which the ordering never reads and which
 * is most of a ticket's size: many phones ask every few seconds.
 */
async function waitingBefore(db: SqlQueryable, ticket: Ticket): Promise<Ticket[]> {
  const rows = await db.query<{ data: Omit<Ticket, 'events' | 'legs'> }>(
    `SELECT data - 'events' - 'legs' AS data
       FROM documents
      WHERE collection = 'tickets' AND NOT deleted AND data->>'day' = $1 AND data->>'state' = 'waiting'
        AND (data->>'service' = $2 OR (data->>'targetCounter')::int = $3)`,
    [ticket.day, ticket.service, ticket.targetCounter > 0 ? ticket.targetCounter : -1],
  );
  return rows.map((row) => ({ ...row.data, events: [], legs: [] }));
}
