/**
 * The kiosk's steps — choose a matter, say whether to be served first, or type a booking's code;
 * then the ticket — and the issuing itself: the number is shown at once, then printed. The kiosk
 * goes back to the start by itself after a while.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Language, PriorityReason } from '../../../electron/common/domain/office';
import { estimatedWaitMinutes, peopleAhead } from '../../../electron/common/domain/ordering';
import type { Ticket } from '../../../electron/common/domain/ticket';
import { useCounters, useOffice, useServices } from '../../app/data';
import { newId, useWorkstation, type Workstation } from '../../app/workstation';
import { raiseAlert } from '../../db/alerts';
import { CheckInError } from '../../db/queue';
import type { CounterDoc, OfficeDoc, ServiceDoc } from '../../db/schemas';
import { printTicket, type IssuedTicket, type PrintOutcome, type RaiseAlert } from './print-ticket';

export type Step =
  | { kind: 'services' }
  | { kind: 'appointment' }
  | { kind: 'priority'; service: ServiceDoc }
  | ({ kind: 'ticket'; print: PrintOutcome } & IssuedTicket);

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
  const [busy, setBusy] = useState(false);

  const reset = useCallback(() => {
    setStep({ kind: 'services' });
    setError(false);
    onLanguage('pl');
  }, [onLanguage]);

  useEffect(() => {
    if (step.kind === 'services') return;
    const timer = setTimeout(reset, step.kind === 'ticket' ? TICKET_SCREEN_MS : IDLE_RESET_MS);
    return () => clearTimeout(timer);
  }, [step, reset]);

  /** Issues a ticket (walk-in or check-in), shows it at once, then prints it. */
  const obtain = async (issue: () => Promise<Ticket>): Promise<void> => {
    if (!office || busy) return;
    setBusy(true);
    setError(false);
    try {
      const ticket = await issue();
      const service = services.find((candidate) => candidate.id === ticket.service);
      if (!service) throw new Error(`Service ${ticket.service} is gone`);
      const issued = await placeInQueue(workstation, ticket, service, office, counters);
      setStep({ kind: 'ticket', ...issued, print: { state: 'printing' } });
      const alert = supervisorAlert(workstation);
      const outcome = await printTicket(workstation.api, issued, office, language, alert);
      setStep((current) =>
        current.kind === 'ticket' && current.ticket.id === ticket.id ? { ...current, print: outcome } : current,
      );
    } catch (failure) {
      if (failure instanceof CheckInError) throw failure;
      console.error('ticket not issued', failure);
      setError(true);
    } finally {
      setBusy(false);
    }
  };

  const take = (service: ServiceDoc, priority: PriorityReason | null) =>
    obtain(() => workstation.queue.issue({ service: service.id, priority }));
  const checkIn = (code: string) => obtain(() => workstation.queue.checkIn(code).then((checked) => checked.ticket));

  return { office, services, step, setStep, error, busy, reset, take, checkIn };
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
