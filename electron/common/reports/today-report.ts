/**
 * Today's report from a workstation's own copy of the queue (its RxDB tickets and appointments),
 * for when the office hub cannot be reached or the workstation works alone. The same `Report` as
 * the hub's (contract/hub-reports.ts) with the same definitions as the hub's SQL (electron/hub/
 * reports.ts over migration 7's `ticket_facts_of`), so a screen shows either alike:
 *
 * - wait = first call − issue; walk = the first start after that call − the last call or recall
 *   before it; service = the last done − that start;
 * - served: it has a done; no-show: not served and missed a call; left: never called, cancelled or
 *   expired; within target: called no later than the target wait after its issue;
 * - a ticket counts for its first service and for the counter and clerk of the last event a counter
 *   took part in; its hour is that of its issue in the office's time zone;
 * - medians and 90th percentiles interpolated as `percentile_cont` does.
 *
 * Pure: the screen passes the documents, the office's zone and the target. Only one day: history
 * is the hub's (it holds every workstation's tickets; this copy may not).
 */
import type {
  AppointmentFigures,
  Counts,
  Figures,
  Mean,
  Report,
  SatisfactionFigures,
  Spread,
} from '../contract/hub-reports';
import type { AppointmentState } from '../domain/appointment';
import type { Ticket, TicketEventType } from '../domain/ticket';

/** What the report reads of an appointment. */
export interface AppointmentFact {
  readonly day: string;
  readonly service: string;
  readonly state: AppointmentState;
}

export interface TodayReportInput {
  readonly day: string;
  readonly timeZone: string;
  readonly targetMinutes: number;
  readonly tickets: readonly Ticket[];
  readonly appointments: readonly AppointmentFact[];
  /** Per-clerk figures: only for a supervisor or an admin, as at the hub. */
  readonly withClerks: boolean;
  /** The visitors' answers counted (satisfaction-figures.ts); none: the empty figures. */
  readonly satisfaction?: Pick<Report, 'satisfaction' | 'satisfactionByService'>;
}

/** One ticket reduced to what the report counts, as `ticket_facts` holds it at the hub. */
export interface TicketFact {
  readonly service: string;
  readonly hour: number;
  readonly issuedAt: number;
  readonly calledAt: number | null;
  readonly startedAt: number | null;
  readonly answeredCallAt: number | null;
  readonly doneAt: number | null;
  readonly counter: number | null;
  readonly clerk: string | null;
  readonly outcome: 'served' | 'no-show' | 'left' | 'other';
}

const ACTOR_EVENTS: readonly TicketEventType[] = ['called', 'recalled', 'serving', 'resumed', 'no-show', 'done'];

export const EMPTY_SATISFACTION: SatisfactionFigures = {
  answers: 0,
  byScore: [0, 0, 0, 0, 0],
  mean: null,
  satisfiedShare: null,
  reasons: [],
};

const hourFormats = new Map<string, Intl.DateTimeFormat>();

/** The hour of the day (0–23) of `at` in `timeZone`. */
export function hourIn(at: number, timeZone: string): number {
  let format = hourFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' });
    hourFormats.set(timeZone, format);
  }
  return Number(format.formatToParts(at).find((part) => part.type === 'hour')?.value ?? 0) % 24;
}

/** The day after `day` (YYYY-MM-DD): the report's exclusive end. */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

const minOf = (values: readonly number[]): number | null => (values.length ? Math.min(...values) : null);
const maxOf = (values: readonly number[]): number | null => (values.length ? Math.max(...values) : null);

/** A ticket's facts, as the hub's `ticket_facts_of` computes them. */
export function ticketFact(ticket: Ticket, timeZone: string): TicketFact {
  const events = ticket.events.map((event) => ({
    type: event.type,
    at: Math.round(event.at),
    counter: (event.by.counter ?? ticket.counter) || null,
    clerk: event.by.user ?? event.by.clerk ?? null,
  }));
  const at = (types: readonly TicketEventType[], keep: (at: number) => boolean = () => true) =>
    events.filter((event) => types.includes(event.type) && keep(event.at)).map((event) => event.at);
  const calledAt = minOf(at(['called']));
  const doneAt = maxOf(at(['done']));
  const startedAt = calledAt === null ? null : minOf(at(['serving'], (when) => when >= calledAt));
  const answeredCallAt = startedAt === null ? null : maxOf(at(['called', 'recalled'], (when) => when <= startedAt));
  const actor = events.filter((event) => ACTOR_EVENTS.includes(event.type)).at(-1);
  const noShow = events.some((event) => event.type === 'no-show');
  const outcome =
    doneAt !== null
      ? 'served'
      : noShow
        ? 'no-show'
        : calledAt === null && (ticket.state === 'cancelled' || ticket.state === 'expired')
          ? 'left'
          : 'other';
  return {
    service: ticket.legs[0]?.service ?? ticket.service,
    hour: hourIn(ticket.issuedAt, timeZone),
    issuedAt: Math.round(ticket.issuedAt),
    ...{ calledAt, startedAt, answeredCallAt, doneAt },
    counter: actor?.counter ?? null,
    clerk: actor?.clerk ?? null,
    outcome,
  };
}

/** `percentile_cont(p)` of values: linear interpolation between the closest ranks. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = p * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (rank - low) * (sorted[high]! - sorted[low]!);
}

type Duration = (fact: TicketFact) => number | null;

const DURATIONS = {
  waitTime: (fact) => (fact.calledAt === null ? null : fact.calledAt - fact.issuedAt),
  walkTime: (fact) =>
    fact.startedAt === null || fact.answeredCallAt === null ? null : fact.startedAt - fact.answeredCallAt,
  serviceTime: (fact) => (fact.doneAt === null || fact.startedAt === null ? null : fact.doneAt - fact.startedAt),
} as const satisfies Record<string, Duration>;

const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);
const seconds = (ms: number | null): number | null => (ms === null ? null : ms / 1000);

function countsOf(facts: readonly TicketFact[], targetMs: number): Counts {
  const tickets = facts.length;
  const count = (keep: (fact: TicketFact) => boolean) => facts.filter(keep).length;
  const noShow = count((fact) => fact.outcome === 'no-show');
  const left = count((fact) => fact.outcome === 'left');
  const called = count((fact) => fact.calledAt !== null);
  const withinTarget = count((fact) => fact.calledAt !== null && fact.calledAt - fact.issuedAt <= targetMs);
  return {
    ...{ tickets, served: count((fact) => fact.outcome === 'served'), noShow, left, called, withinTarget },
    noShowRate: ratio(noShow, tickets),
    leftRate: ratio(left, tickets),
    withinTargetShare: ratio(withinTarget, called),
  };
}

function durations(facts: readonly TicketFact[], duration: Duration): number[] {
  return facts.map(duration).filter((value): value is number => value !== null);
}

function meanOf(values: readonly number[]): Mean {
  return {
    mean: seconds(values.length ? values.reduce((a, b) => a + b, 0) / values.length : null),
    longest: seconds(maxOf(values)),
  };
}

function spreadOf(values: readonly number[]): Spread {
  return { ...meanOf(values), median: seconds(percentile(values, 0.5)), p90: seconds(percentile(values, 0.9)) };
}

/** The contract's figures: the wait's spread, the walk's and the service's mean and longest. */
function figuresOf(facts: readonly TicketFact[], targetMs: number): Figures {
  return {
    ...countsOf(facts, targetMs),
    waitTime: spreadOf(durations(facts, DURATIONS.waitTime)),
    walkTime: meanOf(durations(facts, DURATIONS.walkTime)),
    serviceTime: meanOf(durations(facts, DURATIONS.serviceTime)),
  };
}

/** The facts grouped by a key, null keys left out, in the hub's order (numeric-aware). */
function groups<K extends string | number>(
  facts: readonly TicketFact[],
  key: (fact: TicketFact) => K | null,
): [K, TicketFact[]][] {
  const grouped = new Map<K, TicketFact[]>();
  for (const fact of facts) {
    const value = key(fact);
    if (value !== null) grouped.set(value, [...(grouped.get(value) ?? []), fact]);
  }
  return [...grouped].sort(([a], [b]) => String(a).localeCompare(String(b), 'en', { numeric: true }));
}

function appointmentFigures(appointments: readonly AppointmentFact[]): AppointmentFigures {
  const count = (state: AppointmentState) => appointments.filter((appointment) => appointment.state === state).length;
  return {
    booked: count('booked'),
    kept: count('checked-in'),
    missed: count('no-show'),
    cancelled: count('cancelled'),
  };
}

/** Today's report of this workstation's copy: the hub's `Report` for the one day `input.day`. */
export function todayReport(input: TodayReportInput): Report {
  const targetMs = input.targetMinutes * 60_000;
  const facts = input.tickets
    .filter((ticket) => ticket.day === input.day)
    .map((ticket) => ticketFact(ticket, input.timeZone));
  const appointments = input.appointments.filter((appointment) => appointment.day === input.day);
  return {
    from: input.day,
    to: nextDay(input.day),
    targetMinutes: input.targetMinutes,
    timeZone: input.timeZone,
    overall: figuresOf(facts, targetMs),
    byService: groups(facts, (fact) => fact.service).map(([service, own]) => ({
      ...figuresOf(own, targetMs),
      service,
    })),
    byCounter: groups(facts, (fact) => fact.counter).map(([counter, own]) => ({
      ...figuresOf(own, targetMs),
      counter,
    })),
    byClerk: input.withClerks
      ? groups(facts, (fact) => fact.clerk).map(([clerk, own]) => ({ ...figuresOf(own, targetMs), clerk }))
      : null,
    byHour: groups(facts, (fact) => fact.hour)
      .map(([hour, own]) => ({ ...countsOf(own, targetMs), hour }))
      .sort((a, b) => a.hour - b.hour),
    byServiceHour: groups(facts, (fact) => fact.service).flatMap(([service, own]) =>
      groups(own, (fact) => fact.hour)
        .map(([hour, inHour]) => ({ service, hour, tickets: inHour.length }))
        .sort((a, b) => a.hour - b.hour),
    ),
    appointments: appointmentFigures(appointments),
    appointmentsByService: [...new Set(appointments.map((appointment) => appointment.service))]
      .sort((a, b) => a.localeCompare(b, 'en'))
      .map((service) => ({
        ...appointmentFigures(appointments.filter((appointment) => appointment.service === service)),
        service,
      })),
    satisfaction: input.satisfaction?.satisfaction ?? EMPTY_SATISFACTION,
    satisfactionByService: input.satisfaction?.satisfactionByService ?? [],
  };
}
