/**
 * The ticket life cycle. A ticket is one visit; each transfer opens a new leg of the same visit,
 * and every transition is appended to `events` with who, where and when, so waiting, serving and
 * holding times come straight out of the history.
 *
 *   issued ─► waiting ─► called (recalls counted) ─► serving ─► done
 *                ▲         │  │                        │
 *                │         │  └─► no-show ─► (reactivate) ─► waiting
 *                │         ├──► parked ◄───────────────┤      (resume ─► called)
 *                └─────────┴──── transfer (new leg) ◄──┘
 *   any open state ─► cancelled;  at the daily close every open ticket ─► expired
 *
 * Transitions are pure: `transition(ticket, action, actor, now)` returns the next ticket or throws
 * a `TicketTransitionError` naming what was refused. Storage applies them atomically, so two
 * counters racing for one ticket cannot both win.
 */
import type { PriorityReason } from './office';

export const TICKET_STATES = [
  'waiting',
  'called',
  'serving',
  'parked',
  'no-show',
  'done',
  'cancelled',
  'expired',
] as const;
export type TicketState = (typeof TICKET_STATES)[number];

export const FINAL_STATES: readonly TicketState[] = ['done', 'cancelled', 'expired'];

export const EVENT_TYPES = [
  'issued',
  'checked-in',
  'called',
  'recalled',
  'serving',
  'parked',
  'resumed',
  'transferred',
  'no-show',
  'reactivated',
  'done',
  'cancelled',
  'expired',
  'overruled',
  // A finished visit was answered on the visitor's screen: no score, no reasons (domain/satisfaction.ts).
  'rated',
] as const;
export type TicketEventType = (typeof EVENT_TYPES)[number];

/**
 * Who did it: the workstation always, the clerk (their display name and login) and counter when
 * there is one. The hub writes `station`, `clerk` and `user` from the pushing session, whatever the
 * workstation sent; `offline` marks what was recorded under an offline sign-in, which the hub could
 * not check at the time.
 */
export interface Actor {
  readonly station: string;
  readonly clerk?: string;
  readonly user?: string;
  readonly counter?: number;
  readonly offline?: boolean;
}

export interface TicketEvent {
  readonly type: TicketEventType;
  /** Epoch milliseconds on the acting workstation's clock. */
  readonly at: number;
  readonly by: Actor;
  /** For `transferred`: where the new leg goes. */
  readonly toService?: string;
  readonly toCounter?: number;
  /**
   * For `overruled`: what a workstation did that did not take effect, because the hub had already
   * accepted another outcome (see electron/common/sync/conflict-rules.ts). Kept, never dropped.
   */
  readonly overruled?: TicketEventType;
}

export interface Leg {
  readonly service: string;
  /** Set when the leg was sent to one counter: only that counter calls it. */
  readonly counter?: number;
  readonly since: number;
}

export interface Ticket {
  readonly id: string;
  /** The office day the ticket belongs to (`YYYY-MM-DD` in the office's time zone). */
  readonly day: string;
  /** The service of the current leg. */
  readonly service: string;
  /** The display number, letter and sequence: `A12`. Never changes once issued. */
  readonly number: string;
  readonly seq: number;
  readonly priority: PriorityReason | null;
  /** The appointment this visit was booked as, if any. */
  readonly appointment: string | null;
  /**
   * The booked time, while the booking still counts: from then on the ticket is called before
   * walk-ins (see ordering.ts). 0 for walk-ins and for visitors who came too late for their slot.
   */
  readonly appointmentAt: number;
  readonly state: TicketState;
  readonly issuedAt: number;
  /** Position in the queue: the time this ticket counts as having joined it. */
  readonly queuedAt: number;
  /** The counter that called (or holds) the ticket; 0 when none. */
  readonly counter: number;
  /** Only this counter may call the ticket (a transfer to a counter); 0 when any may. */
  readonly targetCounter: number;
  readonly calledAt: number;
  readonly recalls: number;
  readonly legs: readonly Leg[];
  readonly events: readonly TicketEvent[];
  readonly updatedAt: number;
}

export type TicketAction =
  | { readonly type: 'call'; readonly counter: number }
  | { readonly type: 'recall' }
  | { readonly type: 'start' }
  | { readonly type: 'done' }
  | { readonly type: 'no-show' }
  | { readonly type: 'park' }
  | { readonly type: 'resume'; readonly counter: number }
  | { readonly type: 'transfer'; readonly service: string; readonly counter?: number }
  | { readonly type: 'reactivate' }
  | { readonly type: 'cancel' }
  | { readonly type: 'expire' };

export class TicketTransitionError extends Error {
  constructor(
    readonly ticketId: string,
    readonly action: TicketAction['type'],
    readonly state: TicketState,
  ) {
    super(`Ticket ${ticketId}: cannot ${action} while ${state}`);
    this.name = 'TicketTransitionError';
  }
}

/** The states each action may start from. */
export const ALLOWED_FROM: Readonly<Record<TicketAction['type'], readonly TicketState[]>> = {
  call: ['waiting'],
  recall: ['called'],
  start: ['called'],
  done: ['called', 'serving'],
  'no-show': ['called'],
  park: ['called', 'serving'],
  resume: ['parked'],
  transfer: ['called', 'serving', 'parked'],
  reactivate: ['no-show'],
  cancel: ['waiting', 'called', 'parked', 'no-show'],
  expire: ['waiting', 'called', 'serving', 'parked', 'no-show'],
};

export function isFinal(state: TicketState): boolean {
  return FINAL_STATES.includes(state);
}

export function canApply(ticket: Ticket, action: TicketAction['type']): boolean {
  return ALLOWED_FROM[action].includes(ticket.state);
}

export interface NewTicket {
  readonly id: string;
  readonly day: string;
  readonly service: string;
  readonly letter: string;
  readonly seq: number;
  readonly priority: PriorityReason | null;
  readonly appointment?: { readonly id: string; readonly slotAt: number; readonly graceMinutes: number } | undefined;
}

export function formatNumber(letter: string, seq: number): string {
  return `${letter}${seq}`;
}

/**
 * A new ticket, waiting. A checked-in appointment keeps its booked time (`appointmentAt`), so it
 * is called at its slot ahead of walk-ins; a visitor more than `graceMinutes` late has lost the
 * slot and queues like a walk-in. Either way the ticket joins the queue now.
 */
export function issueTicket(input: NewTicket, by: Actor, now: number): Ticket {
  const booking = input.appointment;
  const appointmentAt = booking && now <= booking.slotAt + booking.graceMinutes * 60_000 ? booking.slotAt : 0;
  const events: TicketEvent[] = [{ type: 'issued', at: now, by }];
  if (booking) events.push({ type: 'checked-in', at: now, by });
  return {
    id: input.id,
    day: input.day,
    service: input.service,
    number: formatNumber(input.letter, input.seq),
    seq: input.seq,
    priority: input.priority,
    appointment: booking?.id ?? null,
    appointmentAt,
    state: 'waiting',
    issuedAt: now,
    queuedAt: now,
    counter: 0,
    targetCounter: 0,
    calledAt: 0,
    recalls: 0,
    legs: [{ service: input.service, since: now }],
    events,
    updatedAt: now,
  };
}

export function transition(ticket: Ticket, action: TicketAction, by: Actor, now: number): Ticket {
  if (!canApply(ticket, action.type)) throw new TicketTransitionError(ticket.id, action.type, ticket.state);
  const log = (event: Omit<TicketEvent, 'at' | 'by'>): readonly TicketEvent[] => [
    ...ticket.events,
    { ...event, at: now, by },
  ];
  const base = { ...ticket, updatedAt: now };
  /** Called (or called again after a pause) to `counter`: a fresh call, no recalls yet. */
  const calledTo = (counter: number, type: 'called' | 'resumed'): Ticket => ({
    ...base,
    state: 'called',
    counter,
    calledAt: now,
    recalls: 0,
    events: log({ type }),
  });
  switch (action.type) {
    case 'call':
      return calledTo(action.counter, 'called');
    case 'recall':
      return { ...base, recalls: ticket.recalls + 1, calledAt: now, events: log({ type: 'recalled' }) };
    case 'start':
      return { ...base, state: 'serving', events: log({ type: 'serving' }) };
    case 'done':
      return { ...base, state: 'done', events: log({ type: 'done' }) };
    case 'no-show':
      return { ...base, state: 'no-show', events: log({ type: 'no-show' }) };
    case 'park':
      return { ...base, state: 'parked', events: log({ type: 'parked' }) };
    case 'resume':
      return calledTo(action.counter, 'resumed');
    case 'transfer': {
      const leg: Leg = action.counter
        ? { service: action.service, counter: action.counter, since: now }
        : { service: action.service, since: now };
      const event: Omit<TicketEvent, 'at' | 'by'> = action.counter
        ? { type: 'transferred', toService: action.service, toCounter: action.counter }
        : { type: 'transferred', toService: action.service };
      // A transferred visitor keeps their place: the new leg queues by the original queue time,
      // so nobody waits a second full queue for a matter the office split in two.
      return {
        ...base,
        state: 'waiting',
        service: action.service,
        counter: 0,
        targetCounter: action.counter ?? 0,
        calledAt: 0,
        recalls: 0,
        legs: [...ticket.legs, leg],
        events: log(event),
      };
    }
    case 'reactivate':
      // Back to the original place: the visitor was already next when they missed the call.
      return { ...base, state: 'waiting', counter: 0, calledAt: 0, recalls: 0, events: log({ type: 'reactivated' }) };
    case 'cancel':
      return { ...base, state: 'cancelled', events: log({ type: 'cancelled' }) };
    case 'expire':
      return { ...base, state: 'expired', events: log({ type: 'expired' }) };
  }
}
