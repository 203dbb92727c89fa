/**
 * The kiosk's steps — choose a matter (or find it by its words), say whether to be served first, or
 * type a booking's code;
 * then the ticket — and the issuing itself: the number is shown at once, then printed. A walk-in
 * the queue refuses (the matter's daily limit or cut-off, the office's hours: ticket-limits.ts)
 * goes back to the matters with the reason. The kiosk goes back to the start by itself after a while.
 */
import { useCallback, useEffect, useState } from 'react';
import type { TurnNearOffer } from '../../../electron/common/contract/hub-turn-near';
import type { Language, PriorityReason } from '../../../electron/common/domain/office';
import { estimatedWaitMinutes, peopleAhead } from '../../../electron/common/domain/ordering';
import type { Ticket } from '../../../electron/common/domain/ticket';
import type { TicketRefusal } from '../../../electron/common/domain/ticket-limits';
import { useCounters, useOffice, useServices } from '../../app/data';
import { newId, useWorkstation, type Workstation } from '../../app/workstation';
import { raiseAlert } from '../../db/alerts';
import { CheckInError, type IssueOutcome } from '../../db/queue';
import type { CounterDoc, OfficeDoc, ServiceDoc } from '../../db/schemas';
import { printTicket, type IssuedTicket, type PrintOutcome, type RaiseAlert } from './print-ticket';

export type Step =
  | { kind: 'services' }
  | { kind: 'appointment' }
  | { kind: 'finder' }
  | { kind: 'priority'; service: ServiceDoc }
  | ({ kind: 'ticket'; print: PrintOutcome } & IssuedTicket)
  /** "Your turn is near" (contact-step.tsx): it goes back to the start by itself. */
  | { kind: 'contact'; issued: IssuedTicket; offer: TurnNearOffer };

const TICKET_SCREEN_MS = 25_000;
const IDLE_RESET_MS = 60_000;

export interface KioskSteps {
  readonly office: OfficeDoc | null;
  /** The matters a visitor can choose now. */
  readonly services: ServiceDoc[];
  readonly step: Step;
  readonly setStep: (step: Step) => void;
  /** The last ticket could not be issued. */
  readonly error: boolean;
  /** The office did not issue the last ticket asked for (its limit or hours came first), and why. */
  readonly refused: TicketRefusal | null;
  /** A ticket is being issued: the choices wait. */
  readonly busy: boolean;
  /** Back to the start, in Polish. */
  readonly reset: () => void;
  readonly take: (service: ServiceDoc, priority: PriorityReason | null) => Promise<void>;
  /** Checks a booking in by its code; a refusal is thrown as a CheckInError for the step to show. */
  readonly checkIn: (code: string) => Promise<void>;
}

export function useKioskSteps(language: Language, onLanguage: (language: Language) => void): KioskSteps {
  const workstation = useWorkstation();
  const office = useOffice();
  const services = useServices().filter((service) => service.active);
  const counters = useCounters();
  const [step, setStep] = useState<Step>({ kind: 'services' });
  const [error, setError] = useState(false);
  const [refused, setRefused] = useState<TicketRefusal | null>(null);
  const [busy, setBusy] = useState(false);

  const reset = useCallback(() => {
    setStep({ kind: 'services' });
    setError(false);
    setRefused(null);
    onLanguage('pl');
  }, [onLanguage]);

  // A refusal's alert goes too, so the next visitor does not read the last one's.
  useEffect(() => {
    if ((step.kind === 'services' && !refused) || step.kind === 'contact') return;
    const timer = setTimeout(reset, step.kind === 'ticket' ? TICKET_SCREEN_MS : IDLE_RESET_MS);
    return () => clearTimeout(timer);
  }, [step, refused, reset]);

  /** Shows a ticket just issued at once, with its place in the queue, then prints it. */
  const showAndPrint = async (ticket: Ticket, office: OfficeDoc): Promise<void> => {
    const service = services.find((candidate) => candidate.id === ticket.service);
    if (!service) throw new Error(`Service ${ticket.service} is gone`);
    const issued = await placeInQueue(workstation, ticket, service, office, counters);
    setStep({ kind: 'ticket', ...issued, print: { state: 'printing' } });
    const printed = await printTicket(workstation.api, issued, office, language, supervisorAlert(workstation));
    setStep((current) =>
      current.kind === 'ticket' && current.ticket.id === ticket.id ? { ...current, print: printed } : current,
    );
  };

  /** Issues a ticket (walk-in or check-in) and shows it; a refusal goes back to the matters, saying why. */
  const obtain = async (issue: () => Promise<IssueOutcome>): Promise<void> => {
    if (!office || busy) return;
    setBusy(true);
    setError(false);
    setRefused(null);
    try {
      const outcome = await issue();
      if ('refused' in outcome) {
        setRefused(outcome.refused);
        setStep({ kind: 'services' });
      } else await showAndPrint(outcome.ticket, office);
    } catch (failure) {
      if (failure instanceof CheckInError) throw failure;
      console.error('ticket not issued', failure);
      setError(true);
    } finally {
      setBusy(false);
    }
  };

  const take = (service: ServiceDoc, priority: PriorityReason | null) =>
    obtain(() => workstation.queue.tryIssue({ service: service.id, priority }));
  const checkIn = (code: string) => obtain(() => workstation.queue.checkIn(code).then(({ ticket }) => ({ ticket })));

  return { office, services, step, setStep, error, refused, busy, reset, take, checkIn };
}

/** How many are ahead of a new ticket and about how long they will take, at the counters open now. */
async function placeInQueue(
  { db }: Workstation,
  ticket: Ticket,
  service: ServiceDoc,
  office: OfficeDoc,
  counters: readonly CounterDoc[],
): Promise<IssuedTicket> {
  const waiting = await db.tickets
    .find({ selector: { day: ticket.day, state: 'waiting', service: service.id } })
    .exec();
  const ahead = peopleAhead(
    ticket,
    waiting.map((doc) => doc.toJSON() as Ticket),
    office.priorityRule,
    ticket.issuedAt,
  );
  const open = counters.filter((counter) => counter.mode === 'open' && counter.services.includes(service.id)).length;
  const wait = estimatedWaitMinutes(ahead, service.averageMinutes, open);
  return { ticket, service, ahead, wait };
}

/** An alert for the supervisor; one that cannot be stored is logged, and the visitor is not kept waiting. */
function supervisorAlert({ db, station }: Workstation): RaiseAlert {
  return async (code, ticketNumber) => {
    await raiseAlert(db, { id: newId(), kind: 'printer', code, ticketNumber, station: station.stationId }).catch(
      (failure: unknown) => {
        console.error('alert not stored', failure);
      },
    );
  };
}
