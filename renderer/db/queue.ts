/**
 * Queue operations on the local database: issue a ticket, call the next one, act on a ticket, open
 * and close counters, close the day. Each is a local write (milliseconds, no network). Ticket
 * transitions run inside RxDB's `incrementalModify`, which re-applies the change to the newest
 * revision, so two windows racing for the same ticket cannot both win: the loser's transition is
 * refused by the life cycle and it moves on to the next visitor.
 */
import { concatMap, first, firstValueFrom, of, startWith, timeout } from 'rxjs';
import {
  checkInRefusal,
  normaliseCode,
  type Appointment,
  type CheckInRefusal,
} from '../../electron/common/domain/appointment';
import { officeDay } from '../../electron/common/domain/office-time';
import { issuedFor, ticketRefusal, type TicketRefusal } from '../../electron/common/domain/ticket-limits';
import {
  afterCall,
  pickNext,
  type CounterQueue,
  type Pick,
  type PickReason,
} from '../../electron/common/domain/ordering';
import { acceptedReasons, type PriorityReason } from '../../electron/common/domain/office';
import {
  issueTicket,
  TicketTransitionError,
  transition,
  type Actor,
  type Ticket,
  type TicketAction,
  type TicketState,
} from '../../electron/common/domain/ticket';
import type { OkienkoDatabase } from './database';
import { LocalNumbers, type NumberSource } from './numbering';
import type { CounterDoc, CounterMode, OfficeDoc, ServiceDoc } from './schemas';

export interface QueueContext {
  /** The office's time: the workstation's clock corrected by the hub's (sync/hub-clock.ts). */
  readonly now: () => number;
  readonly station: string;
  readonly newId: () => string;
  /** Where ticket numbers come from (numbering.ts); a local sequence when there is no hub. */
  readonly numbers?: NumberSource;
  /** The hub's own "call next", used while it is reachable (sync/connect.ts). */
  readonly remote?: RemoteCalls;
  /**
   * The person signed in at this workstation, whose login goes into the history with their name;
   * `offline` marks what they do under an offline sign-in (the hub keeps it as recorded).
   */
  readonly person?: () => { readonly login: string; readonly offline: boolean } | null;
}

/**
 * Calls the hub decides. `callNext` rejects when the hub cannot be asked (offline, an old hub, a
 * counter it does not know yet) — then the workstation decides locally and the conflict rules
 * settle it later.
 */
export interface RemoteCalls {
  callNext(request: {
    counter: number;
    station: string;
    clerk?: string;
  }): Promise<{ ticket: Ticket | null; reason: PickReason | null }>;
}

/**
 * Every local change of a ticket clears the hub's confirmation: until the hub has stored this
 * version, the board does not show it as a call (see contract/hub.ts HUB_STAMP_FIELD).
 */
function unconfirmed<T extends Ticket>(ticket: T): T {
  return { ...ticket, hubStamp: 0 };
}

export class QueueError extends Error {
  constructor(
    readonly code:
      | 'no-office'
      | 'unknown-service'
      | 'service-closed'
      | 'unknown-counter'
      | 'counter-closed'
      | 'counter-busy'
      | 'unknown-ticket'
      | 'not-this-counter'
      | 'hub-not-answering',
    message: string,
  ) {
    super(message);
    this.name = 'QueueError';
  }
}

export class CheckInError extends Error {
  constructor(
    readonly refusal: CheckInRefusal,
    readonly appointment?: Appointment,
  ) {
    super(`Check-in refused: ${refusal}`);
    this.name = 'CheckInError';
  }
}

/** Why the office issues no ticket for this service now (ticket-limits.ts), for whoever asked for one to say. */
export class TicketRefusedError extends Error {
  constructor(readonly refusal: TicketRefusal) {
    super(`Ticket refused: ${refusal.kind}`);
    this.name = 'TicketRefusedError';
  }
}

/** A ticket issued, or the office's reason for not issuing one now. */
export type IssueOutcome = { readonly ticket: Ticket } | { readonly refused: TicketRefusal };

export interface IssueRequest {
  readonly service: string;
  readonly priority: PriorityReason | null;
  /** A booked visitor checking in: never refused by the limit or the hours. */
  readonly appointment?: { id: string; slotAt: number };
  readonly id?: string;
}

/** Actions on a visitor a counter holds (called, serving or parked there). */
const COUNTER_ACTIONS = new Set<TicketAction['type']>(['recall', 'start', 'done', 'no-show', 'park', 'transfer']);

export const OPEN_STATES: readonly TicketState[] = ['waiting', 'called', 'serving', 'parked', 'no-show'];
const MAX_CALL_ATTEMPTS = 20;

export class Queue {
  private officeCache: Promise<OfficeDoc> | null = null;
  private readonly numbers: NumberSource;

  constructor(
    private readonly db: OkienkoDatabase,
    private readonly context: QueueContext,
  ) {
    this.numbers = context.numbers ?? new LocalNumbers(db);
    // Any write to the office collection (here, in another window, or by replication) drops the cache.
    db.office.$.subscribe(() => {
      this.officeCache = null;
    });
  }

  /** The office configuration, read once and again only after it changed (it rarely does). */
  async office(): Promise<OfficeDoc> {
    this.officeCache ??= this.db.office
      .findOne()
      .exec()
      .then((office) => {
        if (!office) throw new QueueError('no-office', 'The office is not configured');
        return office.toJSON() as OfficeDoc;
      });
    return this.officeCache.catch((error: unknown) => {
      this.officeCache = null;
      throw error;
    });
  }

  async today(): Promise<string> {
    return officeDay(this.context.now(), (await this.office()).timeZone);
  }

  /** As `tryIssue`, for callers that need the ticket: a refusal is thrown as a TicketRefusedError. */
  async issue(input: IssueRequest): Promise<Ticket> {
    const outcome = await this.tryIssue(input);
    if ('refused' in outcome) throw new TicketRefusedError(outcome.refused);
    return outcome.ticket;
  }

  /**
   * A new ticket for a walk-in visitor (or a checked-in appointment), waiting, with the next number
   * of the day — or, for a walk-in, the reason the office issues none now: the service's daily
   * limit, its cut-off before closing, the opening hours (ticket-limits.ts).
   */
  async tryIssue(input: IssueRequest): Promise<IssueOutcome> {
    const office = await this.office();
    const found = await this.db.services.findOne(input.service).exec();
    if (!found) throw new QueueError('unknown-service', `No service ${input.service}`);
    const service = found.toJSON() as ServiceDoc;
    if (!service.active) throw new QueueError('service-closed', `Service ${input.service} is not taking visitors`);
    const now = this.context.now();
    const day = officeDay(now, office.timeZone);
    if (!input.appointment) {
      const issuedToday = service.dailyLimit === undefined ? 0 : await this.issuedToday(day, service.id);
      const refused = ticketRefusal({ office, service, issuedToday, now });
      if (refused) return { refused };
    }
    const seq = await this.numbers.next(day, service.id, now);
    const ticket = issueTicket(
      {
        id: input.id ?? this.context.newId(),
        day,
        service: service.id,
        letter: service.letter,
        seq,
        // A reason the matter does not take is not priority here (the kiosk never offers one).
        priority: input.priority && acceptedReasons(office, service).includes(input.priority) ? input.priority : null,
        appointment: input.appointment && { ...input.appointment, graceMinutes: office.appointmentGraceMinutes },
      },
      { station: this.context.station },
      now,
    );
    await this.db.tickets.insert(unconfirmed(ticket));
    return { ticket };
  }

  /**
   * Tickets issued for a service on `day`, as this database knows them. With a hub, tickets another
   * kiosk issued arrive within a second online and only when the link is back offline, so the count
   * may lag and a limit be passed by a few: accepted, since the limit is the office's guidance on
   * how many it can serve, not a lock like a ticket's number.
   */
  private async issuedToday(day: string, service: string): Promise<number> {
    const docs = await this.db.tickets.find({ selector: { day } }).exec();
    return docs.filter((doc) => issuedFor(doc, service)).length;
  }

  /**
   * Checks a booked visitor in by the code they typed: the appointment is claimed first (so two
   * kiosks cannot both check one code in), then its ticket is issued with the booked time.
   */
  async checkIn(typed: string): Promise<{ ticket: Ticket; appointment: Appointment }> {
    const code = normaliseCode(typed);
    if (!code) throw new CheckInError('unknown-code');
    const today = await this.today();
    const doc = await this.db.appointments.findOne({ selector: { code }, sort: [{ slotAt: 'desc' }] }).exec();
    const refusal = checkInRefusal(doc ? (doc.toJSON() as Appointment) : null, today);
    if (refusal || !doc)
      throw new CheckInError(refusal ?? 'unknown-code', doc ? (doc.toJSON() as Appointment) : undefined);
    const ticketId = this.context.newId();
    const claimed = await doc.incrementalModify((latest) => {
      const late = checkInRefusal(latest as Appointment, today);
      if (late) throw new CheckInError(late, latest as Appointment);
      return { ...latest, state: 'checked-in', ticket: ticketId, updatedAt: this.context.now() };
    });
    const appointment = claimed.toJSON() as Appointment;
    const ticket = await this.issue({
      id: ticketId,
      service: appointment.service,
      priority: null,
      appointment: { id: appointment.id, slotAt: appointment.slotAt },
    });
    return { ticket, appointment };
  }

  /** Calls the next visitor for this counter by the office's rule, or returns null when nobody waits. */
  async callNext(counterNumber: number, clerk: string): Promise<Pick | null> {
    // The reads are independent: run them together (each is an IndexedDB round trip).
    const office = await this.office();
    const day = officeDay(this.context.now(), office.timeZone);
    const [counterDoc, current] = await Promise.all([
      this.db.counters.findOne(String(counterNumber)).exec(),
      this.currentTicket(counterNumber, day),
    ]);
    if (!counterDoc) throw new QueueError('unknown-counter', `No counter ${counterNumber}`);
    if (counterDoc.mode !== 'open')
      throw new QueueError('counter-closed', `Counter ${counterNumber} is ${counterDoc.mode}`);
    if (current) throw new QueueError('counter-busy', `Counter ${counterNumber} is still serving a visitor`);
    let hubFoundNobody = false;
    if (this.context.remote) {
      // Online, the hub picks: counters pressing at the same moment get different visitors.
      try {
        const decided = await this.context.remote.callNext({
          counter: counterNumber,
          station: this.context.station,
          ...(clerk ? { clerk } : {}),
        });
        if (decided.ticket && decided.reason) {
          await this.awaitLocalCopy(decided.ticket.id, (decided.ticket as { hubStamp?: number }).hubStamp ?? 0);
          return { ticket: decided.ticket, reason: decided.reason };
        }
        // Nobody waits at the hub: only tickets changed here that the hub has not confirmed yet
        // could be waiting. A copy the hub stamped is the hub's — it still says "waiting" here
        // only because the news (another counter called the visitor) is on its way.
        hubFoundNobody = true;
      } catch (error) {
        // No answer in time: the hub may have called someone for this counter all the same, and
        // the stream would bring it. Give it a moment rather than call a second visitor.
        if ((error as { ambiguous?: boolean }).ambiguous) {
          const arrived = await this.awaitCurrent(counterNumber, day, 3000);
          if (arrived) return { ticket: arrived, reason: 'normal' };
          // The hub is there but does not answer: calling someone here could call a visitor the
          // hub has already given to this counter. Better the clerk presses again in a moment.
          throw new QueueError('hub-not-answering', 'The office hub did not answer the call in time');
        }
        // Unreachable or failing hub: decide here, as a workstation without a hub would.
      }
    }
    const by = this.actor(counterNumber, clerk);
    const lost = new Set<string>();
    for (let attempt = 0; attempt < MAX_CALL_ATTEMPTS; attempt++) {
      const waiting = await this.db.tickets
        .find({ selector: { day, state: 'waiting', service: { $in: [...counterDoc.services] } } })
        .exec();
      const candidates = waiting.filter(
        (doc) => !lost.has(doc.id) && !(hubFoundNobody && ((doc.toJSON() as { hubStamp?: number }).hubStamp ?? 0) > 0),
      );
      const queue: CounterQueue = {
        number: counterDoc.number,
        services: counterDoc.services,
        normalSinceLastPriority: counterDoc.normalSinceLastPriority,
      };
      const pick = pickNext(
        candidates.map((doc) => doc.toJSON() as Ticket),
        queue,
        office.priorityRule,
        this.context.now(),
      );
      if (!pick) return null;
      const doc = candidates.find((candidate) => candidate.id === pick.ticket.id);
      try {
        // incrementalModify re-applies the transition to the newest revision: if another counter
        // called this visitor in the meantime, the life cycle refuses and we take the next one.
        const updated = await doc!.incrementalModify(
          (latest) =>
            unconfirmed(
              transition(latest as Ticket, { type: 'call', counter: counterNumber }, by, this.context.now()),
            ) as typeof latest,
        );
        const called = updated.toJSON() as Ticket;
        await counterDoc.incrementalModify((latest) => ({
          ...latest,
          normalSinceLastPriority: afterCall(latest, { ...pick, ticket: called }).normalSinceLastPriority,
          updatedAt: this.context.now(),
        }));
        return { ticket: called, reason: pick.reason };
      } catch (error) {
        if (!(error instanceof TicketTransitionError)) throw error;
        lost.add(pick.ticket.id);
      }
    }
    return null;
  }

  /** Waits (briefly) for a ticket this counter holds to arrive — looked at on every change, not polled. */
  private awaitCurrent(counterNumber: number, day: string, ms: number): Promise<Ticket | null> {
    return firstValueFrom(
      this.db.tickets.$.pipe(
        startWith(null),
        concatMap(() => this.currentTicket(counterNumber, day)),
        first((ticket) => ticket !== null),
        timeout({ first: ms, with: () => of(null) }),
      ),
    );
  }

  /** Waits (briefly) until the hub's version of a ticket has reached the local database. */
  private async awaitLocalCopy(id: string, hubStamp: number): Promise<void> {
    await firstValueFrom(
      this.db.tickets.findOne(id).$.pipe(
        first((doc) => doc !== null && ((doc.toJSON() as { hubStamp?: number }).hubStamp ?? 0) >= hubStamp),
        timeout({ first: 2000, with: () => of(null) }),
      ),
    );
  }

  /** Calls one ticket chosen by the clerk (out of order); the call is recorded like any other. */
  async callTicket(ticketId: string, counterNumber: number, clerk: string): Promise<Ticket> {
    await this.openCounter(counterNumber);
    if (await this.currentTicket(counterNumber, await this.today()))
      throw new QueueError('counter-busy', `Counter ${counterNumber} is still serving a visitor`);
    return this.apply(ticketId, { type: 'call', counter: counterNumber }, this.actor(counterNumber, clerk));
  }

  /** Any other transition of the life cycle, by a clerk at a counter. */
  async act(
    ticketId: string,
    action: Exclude<TicketAction, { type: 'call' }>,
    counterNumber: number,
    clerk: string,
  ): Promise<Ticket> {
    if (action.type === 'resume' && (await this.currentTicket(counterNumber, await this.today()))) {
      throw new QueueError('counter-busy', `Counter ${counterNumber} is still serving a visitor`);
    }
    return this.apply(ticketId, action, this.actor(counterNumber, clerk));
  }

  /** The ticket this counter has called or is serving, if any. */
  async currentTicket(counterNumber: number, day: string): Promise<Ticket | null> {
    // Two exact lookups on the [day, counter, state] index: an $in would scan every ticket this
    // counter handled today.
    const [called, serving] = await Promise.all(
      (['called', 'serving'] as const).map((state) =>
        this.db.tickets.findOne({ selector: { day, counter: counterNumber, state } }).exec(),
      ),
    );
    const doc = called ?? serving;
    return doc ? (doc.toJSON() as Ticket) : null;
  }

  async setCounterMode(counterNumber: number, mode: CounterMode, clerk: string): Promise<void> {
    const doc = await this.db.counters.findOne(String(counterNumber)).exec();
    if (!doc) throw new QueueError('unknown-counter', `No counter ${counterNumber}`);
    await doc.incrementalPatch({ mode, clerk: mode === 'closed' ? '' : clerk, updatedAt: this.context.now() });
  }

  /**
   * A supervisor moves a counter to other services, live: from its next call on it calls from
   * these. The visitor being served there stays. At least one service, each one the office has.
   */
  async setCounterServices(counterNumber: number, services: readonly string[]): Promise<void> {
    const doc = await this.db.counters.findOne(String(counterNumber)).exec();
    if (!doc) throw new QueueError('unknown-counter', `No counter ${counterNumber}`);
    if (services.length === 0) throw new QueueError('unknown-service', `Counter ${counterNumber} needs a service`);
    await doc.incrementalPatch({ services: [...services], updatedAt: this.context.now() });
  }

  /**
   * The daily close: every ticket still open on a day before `day` (inclusive when `includeDay`)
   * expires, with the closing workstation recorded. Returns how many expired.
   */
  async closeDays(day: string, includeDay: boolean, by: Actor = { station: this.context.station }): Promise<number> {
    const docs = await this.db.tickets
      .find({ selector: { day: includeDay ? { $lte: day } : { $lt: day }, state: { $in: [...OPEN_STATES] } } })
      .exec();
    let expired = 0;
    for (const doc of docs) {
      try {
        await doc.incrementalModify(
          (current) =>
            unconfirmed(transition(current as Ticket, { type: 'expire' }, by, this.context.now())) as typeof current,
        );
        expired++;
      } catch (error) {
        if (!(error instanceof TicketTransitionError)) throw error;
      }
    }
    return expired;
  }

  async counter(counterNumber: number): Promise<CounterDoc> {
    const doc = await this.db.counters.findOne(String(counterNumber)).exec();
    if (!doc) throw new QueueError('unknown-counter', `No counter ${counterNumber}`);
    return doc.toJSON() as CounterDoc;
  }

  async services(): Promise<ServiceDoc[]> {
    const docs = await this.db.services.find({ sort: [{ position: 'asc' }] }).exec();
    return docs.map((doc) => doc.toJSON() as ServiceDoc);
  }

  private async openCounter(counterNumber: number): Promise<CounterDoc> {
    const counter = await this.counter(counterNumber);
    if (counter.mode !== 'open') throw new QueueError('counter-closed', `Counter ${counterNumber} is ${counter.mode}`);
    return counter;
  }

  private actor(counter: number, clerk: string): Actor {
    const person = this.context.person?.() ?? null;
    return {
      station: this.context.station,
      counter,
      ...(clerk ? { clerk } : {}),
      ...(person ? { user: person.login } : {}),
      ...(person?.offline ? { offline: true } : {}),
    };
  }

  private async apply(ticketId: string, action: TicketAction, by: Actor): Promise<Ticket> {
    const doc = await this.db.tickets.findOne(ticketId).exec();
    if (!doc) throw new QueueError('unknown-ticket', `No ticket ${ticketId}`);
    const updated = await doc.incrementalModify((current) => {
      const ticket = current as Ticket;
      // Serving a visitor is the business of the counter that has them: after a lost call (the
      // hub gave the visitor to another counter) this counter must not finish them by mistake.
      if (COUNTER_ACTIONS.has(action.type) && by.counter !== undefined && ticket.counter !== by.counter) {
        throw new QueueError(
          'not-this-counter',
          `Ticket ${ticket.number} is at counter ${ticket.counter}, not ${by.counter}`,
        );
      }
      return unconfirmed(transition(ticket, action, by, this.context.now())) as typeof current;
    });
    return updated.toJSON() as Ticket;
  }
}
