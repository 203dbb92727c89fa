/**
 * What the documents of an allowed push may change (the `scope` of its access rule,
 * electron/common/access/hub-access.ts), checked row by row against the master each row replaces;
 * who acted, written into a ticket's new history entries from the session and the token; and how
 * long an assisted session may keep the visitor's data, whatever the workstation wrote.
 */
import type { PushScope } from '../common/access/hub-access';
import type { SyncCollection, WireDocument } from '../common/contract/hub';
import { hasAnyRole, type UserRole } from '../common/access/subjects';
import type { AccountStatus, SessionUser } from '../common/contract/hub-auth';
import { ALLOWED_FROM, type TicketAction, type TicketEvent, type TicketState } from '../common/domain/ticket';
import { eventIdentity } from '../common/sync/conflict-rules';
import { equalDocuments } from '../common/sync/document-equality';
import { HUB_STAMP_FIELD } from '../common/contract/hub';
import { holdsPersonalData, purged, type AssistedSessionDoc } from '../common/eservices/session';
import { answerProblem, RATED_EVENT } from '../common/domain/satisfaction';
import { sameMasterState } from './documents';

type Doc = Readonly<Record<string, unknown>>;

/** Where each ticket action leads (electron/common/domain/ticket.ts `transition`). */
const LEADS_TO: Readonly<Record<TicketAction['type'], TicketState>> = {
  call: 'called',
  recall: 'called',
  start: 'serving',
  done: 'done',
  'no-show': 'no-show',
  park: 'parked',
  resume: 'called',
  transfer: 'waiting',
  reactivate: 'waiting',
  cancel: 'cancelled',
  expire: 'expired',
};

/** The states a ticket in `from` can reach by any number of actions (itself included). */
export function reachableStates(from: TicketState): Set<TicketState> {
  const reached = new Set<TicketState>([from]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [action, to] of Object.entries(LEADS_TO) as [TicketAction['type'], TicketState][]) {
      if (reached.has(to) || !ALLOWED_FROM[action].some((state) => reached.has(state))) continue;
      reached.add(to);
      grew = true;
    }
  }
  return reached;
}

/** Fields of a ticket fixed at issue. */
const TICKET_IDENTITY = ['day', 'number', 'seq', 'issuedAt', 'priority', 'appointment'] as const;
const ISSUE_EVENTS = new Set(['issued', 'checked-in']);
/** What a clerk changes on a counter while working: open, on a break, closed; who sits there. */
const COUNTER_STATE = new Set(['mode', 'clerk', 'normalSinceLastPriority', 'updatedAt']);
const COUNTER_SERVICES = new Set([...COUNTER_STATE, 'services']);
const IGNORED = new Set([HUB_STAMP_FIELD]);

/** Who closes the day: every open ticket to `expired` (electron/common/access/station-access.ts). */
const CLOSING: readonly UserRole[] = ['supervisor', 'admin'];
const SERVING: readonly UserRole[] = ['clerk', 'supervisor'];

/** null when `incoming` (replacing `master`, if any) stays within `scope`, else why not. */
export function scopeProblem(
  collection: SyncCollection,
  scope: PushScope,
  incoming: WireDocument,
  master: WireDocument | undefined,
  acting?: Acting,
): string | null {
  if (scope === 'any') return null;
  // Sending back what the hub holds changes nothing: a workstation may always do that.
  if (master && master._deleted === incoming._deleted && sameMasterState(master, incoming)) return null;
  switch (scope) {
    case 'create':
      return master ? 'may only add new documents' : null;
    case 'issue':
      return issueProblem(collection, incoming, master);
    case 'lifecycle':
      if (collection !== 'tickets') return 'is not a ticket';
      return (
        (master ? lifecycleProblem(incoming, master) : newTicketProblem(incoming)) ??
        closingProblem(incoming, master, acting) ??
        ratedTwice(incoming)
      );
    case 'check-in':
      return checkInProblem(incoming, master);
    case 'counter-state':
      return master ? changedOutside(incoming, master, COUNTER_STATE) : 'may not add a counter';
    case 'counter-services':
      return master ? changedOutside(incoming, master, COUNTER_SERVICES) : 'may not add a counter';
    case 'rate':
      return collection === 'tickets' ? rateProblem(incoming, master) : 'is not a ticket';
    case 'answer':
      return collection === 'satisfaction' ? newAnswerProblem(incoming, master) : 'is not an answer';
  }
}

/**
 * One `rated` mark per visit (domain/satisfaction.ts): a second screen's mark for a visit the hub
 * holds as answered is a conflict, which its workstation settles as `overruled` (conflict-rules.ts);
 * one pushed as a second mark outright is refused here.
 */
function ratedTwice(incoming: Doc): string | null {
  const marks = (incoming.events as readonly TicketEvent[]).filter((event) => event.type === RATED_EVENT);
  return marks.length > 1 ? 'may mark a visit answered only once' : null;
}

/** A finished visit marked answered: the hub's history kept, `rated` (or its overruled note) added. */
function rateProblem(incoming: Doc, master: Doc | undefined): string | null {
  if (!master || master._deleted || incoming._deleted || master.state !== 'done')
    return 'may only mark a finished visit answered';
  const after = new Set((incoming.events as readonly TicketEvent[]).map(eventIdentity));
  const held = (master.events as readonly TicketEvent[]).map(eventIdentity);
  if (held.some((identity) => !after.has(identity))) return "may only add to a ticket's history, never rewrite it";
  const heldSet = new Set(held);
  const added = (incoming.events as readonly TicketEvent[]).filter((event) => !heldSet.has(eventIdentity(event)));
  const marks = added.every(
    (event) => event.type === RATED_EVENT || (event.type === 'overruled' && event.overruled === RATED_EVENT),
  );
  if (!marks) return 'may only mark a visit answered';
  return ratedTwice(incoming) ?? changedOutside(incoming, master, new Set(['events', 'updatedAt']));
}

/** Visitors' answers are added, never changed or deleted, and hold nothing that names the visit. */
function newAnswerProblem(incoming: Doc, master: Doc | undefined): string | null {
  if (master) return 'may not change an answer';
  if (incoming._deleted) return 'may not delete an answer';
  const { _deleted: _, ...answer } = incoming;
  return answerProblem(answer);
}

function issueProblem(collection: SyncCollection, incoming: Doc, master: Doc | undefined): string | null {
  if (collection !== 'tickets') return 'is not a ticket';
  if (master) return 'may only issue new tickets';
  if (incoming._deleted || incoming.state !== 'waiting') return 'may only issue a waiting ticket';
  const events = incoming.events as readonly TicketEvent[];
  return events.every((event) => ISSUE_EVENTS.has(event.type)) ? null : 'may only record the issue of a ticket';
}

/** A ticket the hub has not seen yet, issued here and maybe already called while offline. */
function newTicketProblem(incoming: Doc): string | null {
  if (incoming._deleted) return 'may not delete a ticket';
  const [first] = incoming.events as readonly TicketEvent[];
  return first?.type === 'issued' ? null : 'may only add a ticket that starts with its issue';
}

function lifecycleProblem(incoming: Doc, master: Doc): string | null {
  if (incoming._deleted) return 'may not delete a ticket';
  const changed = TICKET_IDENTITY.find((field) => !equalDocuments({ v: incoming[field] }, { v: master[field] }));
  if (changed) return `may not change a ticket's ${changed}`;
  // Who acted is the hub's to write (withActors), so a workstation's copy may differ there; a
  // merged history may come back in another order. Every entry the hub holds must still be there.
  const after = new Set((incoming.events as readonly TicketEvent[]).map(eventIdentity));
  const dropped = (master.events as readonly TicketEvent[]).some((event) => !after.has(eventIdentity(event)));
  if (dropped) return "may only add to a ticket's history, never rewrite it";
  const from = master.state as TicketState;
  const to = incoming.state as TicketState;
  return reachableStates(from).has(to) ? null : `a ticket cannot go from ${from} to ${to}`;
}

/**
 * Expiring a ticket is the daily close, a supervisor's: the person of the session, or — for a
 * close recorded offline — the person the entry names, whom the hub knows as a supervisor.
 */
function closingProblem(incoming: Doc, master: Doc | undefined, acting: Acting | undefined): string | null {
  if (incoming.state !== 'expired' || master?.state === 'expired' || !acting) return null;
  const expiry = (incoming.events as readonly TicketEvent[]).findLast((event) => event.type === 'expired');
  const offline = expiry?.by.offline && expiry.by.user ? acting.people.get(expiry.by.user) : undefined;
  const closer = offline?.active ? offline : acting.user;
  return hasAnyRole(closer ?? null, CLOSING) ? null : 'may not close the day: that is a supervisor’s';
}

function checkInProblem(incoming: Doc, master: Doc | undefined): string | null {
  if (!master) return 'may not book an appointment';
  // A no-show too: a kiosk that checked the visitor in while offline, before the hub's no-show
  // reached it, wins the conflict (sync/conflict-rules.ts) and sends its check-in again.
  const open = master.state === 'booked' || master.state === 'no-show';
  if (!open || incoming.state !== 'checked-in') return 'may only check a booked appointment in';
  return changedOutside(incoming, master, new Set(['state', 'ticket', 'updatedAt']));
}

function changedOutside(incoming: Doc, master: Doc, allowed: ReadonlySet<string>): string | null {
  const keys = new Set([...Object.keys(incoming), ...Object.keys(master)]);
  const changed = [...keys].find(
    (key) => !allowed.has(key) && !IGNORED.has(key) && !equalDocuments({ v: incoming[key] }, { v: master[key] }),
  );
  return changed ? `may not change ${changed}` : null;
}

/** Who is behind a push, as the hub knows it. */
export interface Acting {
  readonly station: string;
  readonly user: SessionUser | null;
  /** The people that entries recorded offline name, as the hub knows them (unknown: absent). */
  readonly people: ReadonlyMap<string, AccountStatus>;
}

/** The logins that a push's offline-recorded ticket entries name: the hub looks them up first. */
export function offlineLogins(
  collection: SyncCollection,
  rows: readonly { newDocumentState: WireDocument }[],
): string[] {
  if (collection !== 'tickets') return [];
  const logins = rows.flatMap(({ newDocumentState }) =>
    Array.isArray(newDocumentState.events)
      ? (newDocumentState.events as TicketEvent[]).flatMap((event) =>
          event.by?.offline && typeof event.by.user === 'string' ? [event.by.user] : [],
        )
      : [],
  );
  return [...new Set(logins)].slice(0, 50);
}

/**
 * A ticket's new history entries name the pushing workstation and the signed-in person, whatever
 * the workstation wrote; the entries the hub holds already stay as the hub wrote them (an entry is
 * known by `eventIdentity`, since a merged history may come back in another order). Two kinds of
 * new entry keep who they name: one marked `offline`, recorded under an offline sign-in the
 * workstation checked itself — only when the hub knows that person as active and serving (their
 * name as the hub has it; the workstation is the pusher's) — and an `overruled` note, which
 * records another workstation's action that lost a conflict.
 */
export function withActors(
  collection: SyncCollection,
  incoming: WireDocument,
  master: WireDocument | undefined,
  acting: Acting,
): WireDocument {
  if (collection === 'counters') return withCounterClerk(incoming, master, acting);
  if (collection !== 'tickets' || !Array.isArray(incoming.events)) return incoming;
  const held = new Map(
    (Array.isArray(master?.events) ? (master.events as TicketEvent[]) : []).map((event) => [
      eventIdentity(event),
      event,
    ]),
  );
  const events = (incoming.events as TicketEvent[]).map((event) => {
    const known = held.get(eventIdentity(event));
    if (known) return known;
    return event.type === 'overruled' ? event : { ...event, by: actorFor(event.by, acting) };
  });
  return { ...incoming, events };
}

/** A counter opened or handed over names the person of the session, whatever the workstation wrote. */
function withCounterClerk(incoming: WireDocument, master: WireDocument | undefined, acting: Acting): WireDocument {
  const clerk = incoming.clerk;
  if (!acting.user || typeof clerk !== 'string' || clerk === '' || clerk === master?.clerk) return incoming;
  return { ...incoming, clerk: acting.user.displayName };
}

function actorFor(by: TicketEvent['by'], acting: Acting): TicketEvent['by'] {
  const counter = by.counter === undefined ? {} : { counter: by.counter };
  const named = by.offline && by.user ? acting.people.get(by.user) : undefined;
  if (named?.active && hasAnyRole(named, [...SERVING, ...CLOSING]))
    return { station: acting.station, clerk: named.displayName, user: named.login, offline: true, ...counter };
  if (!acting.user) return { station: acting.station, ...counter };
  return { station: acting.station, clerk: acting.user.displayName, user: acting.user.login, ...counter };
}

/**
 * The office's retention, enforced where the hub stores a push: an assisted session that holds the
 * visitor's data (anything `purged()` removes) expires at `limit` at the latest — now plus the
 * hub's `--assisted-keep-days` — and one that says it never expires (0) expires then too. Otherwise
 * a faulty or hostile workstation could keep personal data at the hub for ever, out of reach of the
 * hourly purge (assisted-purge.ts). The clamped document is what the hub stores, streams and pulls,
 * so every workstation gets the shorter expiry; a session within the limit and an emptied one are
 * stored as sent, and a deletion that still carries the visitor's data is stored emptied. Pure for a given `limit`, and a session clamped once is within the
 * limit of every later push, so sending it back changes nothing (assisted-merge.ts keeps an expiry
 * only the hub changed, so a merge does not send the longer one back either).
 */
export function withRetention(collection: SyncCollection, incoming: WireDocument, limit: number): WireDocument {
  if (collection !== 'assistedSessions') return incoming;
  const session = incoming as unknown as AssistedSessionDoc;
  // A deletion keeps nothing personal: a tombstone lives for --tombstone-days, past any expiry.
  if (incoming._deleted)
    return holdsPersonalData(session)
      ? { ...(purged(session, session.updatedAt) as unknown as WireDocument), _deleted: true }
      : incoming;
  const expiresAt = incoming.expiresAt;
  if (typeof expiresAt === 'number' && expiresAt > 0 && expiresAt <= limit) return incoming;
  if (!holdsPersonalData(session)) return incoming;
  return { ...incoming, expiresAt: limit };
}
