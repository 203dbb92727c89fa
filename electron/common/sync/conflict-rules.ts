/**
 * What happens when a workstation's change meets a different state at the hub. The workstation's
 * replication (RxDB, through the handlers in renderer/db/sync/conflicts.ts) hands the collection's
 * rule the local state (`newDocumentState`), the hub's (`realMasterState`) and what the
 * workstation thought the hub had (`assumedMasterState`); what it returns is written locally and,
 * if it differs from the hub's, pushed again. Every rule below is deterministic, so all
 * workstations reach the same result, and none drops anything silently.
 *
 * tickets — the hub decides; nothing is lost. Every transition adds an event, so the histories
 * tell how two versions relate:
 *   1. One history contains the other: the longer one is simply later (this workstation's change
 *      on top of what the hub has, or the hub already past what this workstation had) — it wins.
 *   2. They diverged, but the hub's extra events are only notes (`overruled`): this workstation's
 *      change applies on top and the notes are kept.
 *   3. They diverged for real (two counters acted on one visitor, e.g. both offline): the state the
 *      hub accepted first wins; the counter that lost is told (`lostCall`, which the workstation's
 *      sync hands on as `lostCalls$`).
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
 * appointments — the furthest state wins (cancelled > checked-in > no-show > booked): a kiosk's
 *   offline check-in beats the hub's no-show, since the visitor came; between two check-ins the
 *   hub's first one keeps the appointment (the other visitor still holds a ticket).
 * alerts — acknowledged anywhere means acknowledged: the latest acknowledgement time wins.
 * notices — withdrawn anywhere means withdrawn: the earliest withdrawal stays (mergeWithdrawal).
 * assistedSessions, assistanceRecords — answer by answer, no answer silently overwritten
 *   (assisted-merge.ts).
 * satisfaction — a visitor's answer is only ever added (domain/satisfaction.ts): the hub's version.
 */
import type { SyncCollection } from '../contract/hub';
import type { Appointment } from '../domain/appointment';
import { mergeWithdrawal } from '../domain/notice';
import type { AlertDoc, CounterDoc, NoticeDoc, TicketDoc } from '../domain/schemas';
import type { Ticket, TicketEvent } from '../domain/ticket';
import { sameDocument } from './document-equality';
import { resolveAssistanceRecord, resolveAssistedSession, staleSessionVersion } from './assisted-merge';
import type { AssistanceRecordDoc, AssistedSessionDoc } from '../eservices/session';

/** A replicated document as the replication moves it: with its deletion flag. */
export type WithDeleted<T> = T & { _deleted: boolean };

/** The three states a conflict is decided on. */
export interface ConflictInput<T> {
  /** This workstation's state. */
  readonly newDocumentState: WithDeleted<T>;
  /** The hub's current state. */
  readonly realMasterState: WithDeleted<T>;
  /** What this workstation thought the hub had (none for a document it never had from the hub). */
  readonly assumedMasterState?: WithDeleted<T>;
}

export interface ConflictRule<T> {
  /** What is written locally (and pushed again if it differs from the hub's). */
  resolve(input: ConflictInput<T>): WithDeleted<T>;
  /**
   * Whether the hub's `master`, about to be written over the `local` version the hub has already
   * accepted, is an older version of it (rule 6 for tickets); absent where versions cannot tell.
   */
  readonly staleHubVersion?: (master: WithDeleted<T>, local: WithDeleted<T>) => boolean;
}

export type TicketWithDeleted = WithDeleted<TicketDoc>;

/**
 * Which history entry an event is, whoever a copy says acted: the hub writes the workstation and
 * the person of each new entry from the session that pushed it (electron/hub/push-scope.ts), so a
 * workstation's copy of its own entry may name them otherwise. Within one ticket, two entries of
 * the same kind at the same millisecond at the same counter are one action.
 */
export function eventIdentity(event: TicketEvent): string {
  return `${event.type}|${event.at}|${event.by.counter ?? ''}|${event.toService ?? ''}|${event.toCounter ?? ''}|${event.overruled ?? ''}`;
}
const eventKey = eventIdentity;

const REAL_OUTCOMES = new Set(['done', 'no-show', 'cancelled']);

/** Tickets, rules 1–5. */
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

/** A call this counter made that lost to another counter's call of the same visitor. */
export interface LostCall {
  readonly ticketId: string;
  readonly number: string;
  readonly counter: number;
  /** The counter the hub gave the visitor to (0 when the ticket moved on otherwise). */
  readonly winner: number;
}

/** The call in `local` lost if the hub resolved the ticket to another counter's call (or past it). */
export function lostCall(local: WithDeleted<Ticket>, resolved: WithDeleted<Ticket>): LostCall | null {
  if ((local.state !== 'called' && local.state !== 'serving') || local.counter === 0) return null;
  if (resolved.counter === local.counter && (resolved.state === 'called' || resolved.state === 'serving')) return null;
  return { ticketId: local.id, number: local.number, counter: local.counter, winner: resolved.counter };
}

export function resolveCounter(
  local: WithDeleted<CounterDoc>,
  master: WithDeleted<CounterDoc>,
): WithDeleted<CounterDoc> {
  if (local.updatedAt <= master.updatedAt) return master;
  return { ...local, normalSinceLastPriority: master.normalSinceLastPriority };
}

const APPOINTMENT_RANK: Record<Appointment['state'], number> = {
  booked: 0,
  'no-show': 1,
  'checked-in': 2,
  cancelled: 3,
};

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

/** A rule that decides on the local and the hub's state alone. */
function decide<T>(resolve: (local: WithDeleted<T>, master: WithDeleted<T>) => WithDeleted<T>): ConflictRule<T> {
  return { resolve: (input) => resolve(input.newDocumentState, input.realMasterState) };
}

const masterWins = <T>(): ConflictRule<T> => decide<T>((_local, master) => master);

/** The rule of every replicated collection. */
export const conflictRules = {
  office: masterWins(),
  services: masterWins(),
  counters: decide<CounterDoc>(resolveCounter),
  tickets: { ...decide<TicketDoc>(resolveTicket), staleHubVersion } satisfies ConflictRule<TicketDoc>,
  appointments: decide<Appointment>(resolveAppointment),
  alerts: decide<AlertDoc>(resolveAlert),
  notices: decide<NoticeDoc>(mergeWithdrawal),
  assistedSessions: {
    resolve: resolveAssistedSession,
    staleHubVersion: staleSessionVersion,
  } satisfies ConflictRule<AssistedSessionDoc>,
  assistanceRecords: decide<AssistanceRecordDoc>(resolveAssistanceRecord),
  // Append-only: an answer never changes after it is written, so the hub's copy is the same one.
  satisfaction: masterWins(),
} satisfies Record<SyncCollection, unknown>;
