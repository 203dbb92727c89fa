/**
 * What happens when a workstation's change meets a different state at the hub. RxDB calls the
 * collection's handler with the local state (`newDocumentState`), the hub's (`realMasterState`)
 * and what the workstation thought the hub had (`assumedMasterState`); what it returns is written
 * locally and, if it differs from the hub's, pushed again. Every rule below is deterministic, so
 * all workstations reach the same result, and none drops anything silently.
 *
 * tickets — the hub decides; nothing is lost. Every transition adds an event, so the histories
 * tell how two versions relate:
 *   1. One history contains the other: the longer one is simply later (this workstation's change
 *      on top of what the hub has, or the hub already past what this workstation had) — it wins.
 *   2. They diverged, but the hub's extra events are only notes (`overruled`): this workstation's
 *      change applies on top and the notes are kept.
 *   3. They diverged for real (two counters acted on one visitor, e.g. both offline): the state the
 *      hub accepted first wins; the counter that lost is told (replication.ts `lostCalls$`).
 *   4. Exception: the daily close. If the hub has `expired` a ticket that a workstation, offline
 *      across midnight, actually served (done / no-show / cancelled), the real outcome wins.
 *   5. Both histories are merged by time. The losing side's events stay in the history as
 *      `overruled` events (who did what, when), so clerks and supervisors see the conflict.
 *   6. Never backwards: a hub version older than the local one, arriving late by the stream or a
 *      pull, is not written over it (`staleHubVersion`, checked where RxDB writes downstream).
 * counters — the newer `updatedAt` wins for what the counter says of itself (open, break, close,
 *   services): only the workstation at that counter writes those, so its latest word is the truth.
 *   The priority rotation (`normalSinceLastPriority`) is the hub's: it moves it with every call it
 *   decides, without touching `updatedAt`, so the hub's count is kept whichever side wins (calls a
 *   counter made offline do not count towards the rotation).

 * office, services — the hub's version wins: configuration is the office's, not a workstation's.
 * appointments — the furthest state wins (cancelled > checked-in > booked); between two
 *   check-ins the hub's first one keeps the appointment (the other visitor still holds a ticket).
 * alerts — acknowledged anywhere means acknowledged: the latest acknowledgement time wins.
 */
import type { RxConflictHandler, WithDeleted } from 'rxdb';
import type { Appointment } from '../../../electron/common/domain/appointment';
import type { Ticket, TicketEvent } from '../../../electron/common/domain/ticket';
import { identicalDocument, sameDocument } from '../../../electron/common/sync/document-equality';
import type { AlertDoc, CounterDoc } from '../schemas';

export { identicalDocument, sameDocument };

function eventKey(event: TicketEvent): string {
  return `${event.type}|${event.at}|${event.by.station}|${event.by.counter ?? ''}|${event.toService ?? ''}|${event.toCounter ?? ''}`;
}

const REAL_OUTCOMES = new Set(['done', 'no-show', 'cancelled']);

export type TicketWithDeleted = WithDeleted<Ticket & { hubStamp?: number }>;

export function resolveTicket(local: TicketWithDeleted, master: TicketWithDeleted): TicketWithDeleted {
  const localKeys = new Set(local.events.map(eventKey));
  const masterKeys = new Set(master.events.map(eventKey));
  const masterExtra = master.events.filter((event) => !localKeys.has(eventKey(event)));
  const localExtra = local.events.filter((event) => !masterKeys.has(eventKey(event)));
  if (localExtra.length === 0) return master; // the hub has all of it (and maybe more)
  const onlyNotes = masterExtra.every((event) => event.type === 'overruled');
  const localWins = onlyNotes || (master.state === 'expired' && REAL_OUTCOMES.has(local.state));
  const winner = localWins ? local : master;
  const loserExtra = localWins ? masterExtra : localExtra;
  const merged = new Map<string, TicketEvent>();
  for (const event of winner.events) merged.set(eventKey(event), event);
  for (const event of loserExtra) {
    // Notes stay notes; a rival transition that did not take effect becomes one.
    const note: TicketEvent =
      event.type === 'overruled' ? event : { ...event, type: 'overruled', overruled: event.type };
    merged.set(eventKey(note), note);
  }
  const events = [...merged.values()].sort((a, b) => a.at - b.at || (eventKey(a) < eventKey(b) ? -1 : 1));
  const resolved = { ...winner, events, updatedAt: Math.max(local.updatedAt, master.updatedAt) };
  // Unchanged from the master: hand back the master itself, confirmation stamp and all.
  return sameDocument(resolved, master) ? master : { ...resolved, hubStamp: 0 };
}

export function resolveCounter(
  local: WithDeleted<CounterDoc>,
  master: WithDeleted<CounterDoc>,
): WithDeleted<CounterDoc> {
  if (local.updatedAt <= master.updatedAt) return master;
  return { ...local, normalSinceLastPriority: master.normalSinceLastPriority };
}

const APPOINTMENT_RANK: Record<Appointment['state'], number> = { booked: 0, 'checked-in': 1, cancelled: 2 };

export function resolveAppointment(
  local: WithDeleted<Appointment>,
  master: WithDeleted<Appointment>,
): WithDeleted<Appointment> {
  return APPOINTMENT_RANK[local.state] > APPOINTMENT_RANK[master.state] ? local : master;
}

export function resolveAlert(local: WithDeleted<AlertDoc>, master: WithDeleted<AlertDoc>): WithDeleted<AlertDoc> {
  if (local.acknowledgedAt <= master.acknowledgedAt) return master;
  return { ...master, acknowledgedAt: local.acknowledgedAt, updatedAt: Math.max(local.updatedAt, master.updatedAt) };
}

function handler<T>(resolve: (local: WithDeleted<T>, master: WithDeleted<T>) => WithDeleted<T>): RxConflictHandler<T> {
  return {
    isEqual: (a, b) => identicalDocument(a, b),
    resolve: async (input) => resolve(input.newDocumentState, input.realMasterState),
  };
}

/**
 * The context in which RxDB's downstream asks `isEqual(master, local)` right before it writes a
 * document from the hub over the local one (rxdb/src/replication-protocol/downstream.ts).
 */
export const DOWNSTREAM_WRITE_CHECK = 'downstream-check-if-equal-1';

/**
 * Whether the hub's `master` is an older version of a ticket than the `local` one — which RxDB only
 * asks about once the hub has accepted the local one (it is equal to the assumed master state):
 * - both carry the hub's stamp and the local one's is higher (every local change sets `hubStamp`
 *   to 0, so a stamped document is exactly the hub's version with that stamp, and stamps grow in
 *   commit order); or
 * - the local history holds all of the master's events and more: a ticket's history only grows, at
 *   the hub too (a conflict merges histories, it never drops an event), so the master is from
 *   before the local change the hub accepted — whose stamp the workstation does not know yet.
 */
export function staleHubVersion(master: TicketWithDeleted, local: TicketWithDeleted): boolean {
  const masterStamp = master.hubStamp ?? 0;
  if (masterStamp > 0 && (local.hubStamp ?? 0) > masterStamp) return true;
  if (master._deleted && !local._deleted) return false;
  if (local.events.length <= master.events.length) return false;
  const localKeys = new Set(local.events.map(eventKey));
  return master.events.every((event) => localKeys.has(eventKey(event)));
}

/**
 * Tickets: as every collection, plus one rule for the way back. The live stream (or a pull that
 * read the hub a moment earlier) can bring a version older than the one here: a push answer brings
 * the hub's stored version of a call at once, and a finished visitor's "done" is here before the
 * stream has delivered the "serving" it replaced. RxDB would write such an older version over the
 * newer one — for a moment a finished visitor would be "serving" again and the counter "busy". The
 * check runs where RxDB decides, with the local copy read just then, so no ordering of answers and
 * events slips past it: an older version counts as "nothing new".
 */
function ticketHandler(): RxConflictHandler<Ticket & { hubStamp?: number }> {
  return {
    isEqual: (a, b, context) =>
      identicalDocument(a, b) || (context === DOWNSTREAM_WRITE_CHECK && staleHubVersion(a, b)),
    resolve: async (input) => resolveTicket(input.newDocumentState, input.realMasterState),
  };
}

const masterWins = <T>(): RxConflictHandler<T> => handler<T>((_local, master) => master);

export const conflictHandlers = {
  office: masterWins(),
  services: masterWins(),
  counters: handler<CounterDoc>(resolveCounter),
  tickets: ticketHandler(),
  appointments: handler<Appointment>(resolveAppointment),
  alerts: handler<AlertDoc>(resolveAlert),
};
