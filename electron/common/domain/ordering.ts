/**
 * Which ticket a counter calls next, and why. The rule is explicit and small enough to say in one
 * sentence on the supervisor's screen:
 *
 *   1. A ticket transferred to this very counter comes first.
 *   2. Then a checked-in appointment whose booked time has come, earliest slot first.
 *   3. Otherwise priority and normal tickets alternate by the office's priority rule
 *      (`strict`: priority first; `ratio`: one priority after every N normal calls of this counter;
 *      whichever kind is missing, the other is called at once, so no counter waits idle).
 *   4. Within a kind, the earliest place in the queue (`queuedAt`, then the number) wins.
 */
import type { PriorityRule } from './office';
import type { Ticket } from './ticket';

export interface CounterQueue {
  readonly number: number;
  readonly services: readonly string[];
  /** Normal tickets this counter called since it last called a priority one (ratio rule). */
  readonly normalSinceLastPriority: number;
}

export type PickReason =
  'targeted' | 'appointment' | 'priority-first' | 'priority-turn' | 'only-priority' | 'normal' | 'only-normal';

export interface Pick {
  readonly ticket: Ticket;
  readonly reason: PickReason;
}

export function compareQueuePosition(a: Ticket, b: Ticket): number {
  return a.queuedAt - b.queuedAt || a.seq - b.seq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function isEligible(ticket: Ticket, counter: CounterQueue): boolean {
  return (
    ticket.state === 'waiting' &&
    counter.services.includes(ticket.service) &&
    (ticket.targetCounter === 0 || ticket.targetCounter === counter.number)
  );
}

function earliest(tickets: readonly Ticket[], predicate: (ticket: Ticket) => boolean): Ticket | undefined {
  let best: Ticket | undefined;
  for (const ticket of tickets) {
    if (predicate(ticket) && (!best || compareQueuePosition(ticket, best) < 0)) best = ticket;
  }
  return best;
}

export function normalPerPriority(rule: PriorityRule): number {
  return rule.mode === 'strict' ? 0 : Math.max(0, Math.floor(rule.normalPerPriority));
}

function isDueAppointment(ticket: Ticket, now: number): boolean {
  return ticket.appointmentAt > 0 && ticket.appointmentAt <= now;
}

/** The ticket this counter calls next at `now`, or null when none of its services has anyone waiting. */
export function pickNext(
  tickets: readonly Ticket[],
  counter: CounterQueue,
  rule: PriorityRule,
  now: number,
): Pick | null {
  const targeted = earliest(tickets, (t) => isEligible(t, counter) && t.targetCounter === counter.number);
  if (targeted) return { ticket: targeted, reason: 'targeted' };
  let appointment: Ticket | undefined;
  for (const ticket of tickets) {
    if (
      isEligible(ticket, counter) &&
      isDueAppointment(ticket, now) &&
      (!appointment || ticket.appointmentAt < appointment.appointmentAt)
    )
      appointment = ticket;
  }
  if (appointment) return { ticket: appointment, reason: 'appointment' };
  const priority = earliest(tickets, (t) => isEligible(t, counter) && t.priority !== null);
  const normal = earliest(tickets, (t) => isEligible(t, counter) && t.priority === null);
  if (!priority) return normal ? { ticket: normal, reason: 'only-normal' } : null;
  if (!normal) return { ticket: priority, reason: 'only-priority' };
  const n = normalPerPriority(rule);
  if (n === 0) return { ticket: priority, reason: 'priority-first' };
  return counter.normalSinceLastPriority >= n
    ? { ticket: priority, reason: 'priority-turn' }
    : { ticket: normal, reason: 'normal' };
}

/**
 * The counter's rule state after a call. Only calls the priority rule chose move it: a transfer
 * to this counter or an appointment at its time is neither a normal nor a priority turn.
 */
export function afterCall(counter: CounterQueue, pick: Pick): CounterQueue {
  if (pick.reason === 'targeted' || pick.reason === 'appointment') return counter;
  return {
    ...counter,
    normalSinceLastPriority: pick.ticket.priority === null ? counter.normalSinceLastPriority + 1 : 0,
  };
}

/**
 * The order in which this counter would call the waiting tickets if nobody else called and nobody
 * new came: the clerk's queue list, and the basis of "people ahead" on the kiosk.
 */
export function projectedOrder(
  tickets: readonly Ticket[],
  counter: CounterQueue,
  rule: PriorityRule,
  now: number,
  limit = Infinity,
): Ticket[] {
  const remaining = tickets.filter((t) => isEligible(t, counter));
  const order: Ticket[] = [];
  let state = counter;
  while (remaining.length > 0 && order.length < limit) {
    const pick = pickNext(remaining, state, rule, now);
    if (!pick) break;
    order.push(pick.ticket);
    remaining.splice(remaining.indexOf(pick.ticket), 1);
    state = afterCall(state, pick);
  }
  return order;
}

/**
 * How many visitors will be called before `ticket` in its service, assuming the service's
 * counters share one queue. An estimate for the visitor, not a promise.
 */
export function peopleAhead(ticket: Ticket, tickets: readonly Ticket[], rule: PriorityRule, now: number): number {
  const virtualCounter: CounterQueue = { number: -1, services: [ticket.service], normalSinceLastPriority: 0 };
  const pool = tickets.filter((t) => t.id !== ticket.id && t.service === ticket.service && t.targetCounter === 0);
  const order = projectedOrder([...pool, { ...ticket, targetCounter: 0 }], virtualCounter, rule, now);
  const index = order.findIndex((t) => t.id === ticket.id);
  return index < 0 ? 0 : index;
}

/**
 * Minutes until the visitor is likely called: people ahead times the average service time,
 * shared by the counters open for the service. Rounded up to 5 minutes, because a precise figure
 * promises more than anyone knows.
 */
export function estimatedWaitMinutes(ahead: number, averageMinutes: number, openCounters: number): number {
  if (ahead <= 0) return 0;
  const minutes = (ahead * averageMinutes) / Math.max(1, openCounters);
  return Math.max(5, Math.ceil(minutes / 5) * 5);
}
