/** The kiosk's screens between the start and the end: the matters, priority, and the ticket itself. */
import type { ReactNode, RefObject } from 'react';
import { acceptedReasons, type Language, type PriorityReason } from '../../../electron/common/domain/office';
import type { TicketRefusal } from '../../../electron/common/domain/ticket-limits';
import type { OfficeDoc, ServiceDoc } from '../../db/schemas';
import { errorMessage } from '../../i18n/error-messages';
import { useT, type MessageId } from '../../i18n/i18n';
import { timeOf } from './print-ticket';
import { refusalText, UnavailableNotice, type RefusalWording } from './unavailable';
import type { Step } from './use-kiosk-steps';

type Heading = RefObject<HTMLHeadingElement | null>;

export function ServicesStep({
  heading,
  office,
  services,
  refusals,
  wording,
  busy,
  waitingFor,
  onAppointment,
  onFind,
  onService,
}: {
  heading: Heading;
  office: OfficeDoc | null;
  services: ServiceDoc[];
  /** The matters that take no ticket now, and why (a booked visit is checked in all the same). */
  refusals: ReadonlyMap<string, TicketRefusal>;
  wording: RefusalWording;
  busy: boolean;
  waitingFor: (service: string) => number;
  onAppointment: () => void;
  /** Opens the service finder, for a visitor who does not know which matter is theirs. */
  onFind: () => void;
  onService: (service: ServiceDoc) => void;
}) {
  const t = useT();
  return (
    <>
      <h1 id="kiosk-step" ref={heading} tabIndex={-1}>
        {t('kiosk.chooseService')}
      </h1>
      {services.length === 0 && office && <p>{t('kiosk.noServices')}</p>}
      <UnavailableNotice services={services} refusals={refusals} wording={wording} />
      <button type="button" className="kiosk-appointment" disabled={busy} onClick={onAppointment}>
        <span className="kiosk-service-name">{t('kiosk.appointment')}</span>
        <span className="kiosk-service-meta">{t('kiosk.appointment.hint')}</span>
      </button>
      {services.length > 0 && (
        <button type="button" className="kiosk-appointment kiosk-finder-open" disabled={busy} onClick={onFind}>
          <span className="kiosk-service-name">{t('kiosk.finder.open')}</span>
          <span className="kiosk-service-meta">{t('kiosk.finder.open.hint')}</span>
        </button>
      )}
      <ServiceList
        services={services}
        refusals={refusals}
        wording={wording}
        busy={busy}
        waitingFor={waitingFor}
        onService={onService}
      />
    </>
  );
}

/** What a list of matters' buttons needs: the matters, why some take no ticket now, how many wait. */
export interface ServiceListProps {
  readonly services: readonly ServiceDoc[];
  readonly refusals: ReadonlyMap<string, TicketRefusal>;
  readonly wording: RefusalWording;
  readonly busy: boolean;
  readonly waitingFor: (service: string) => number;
  readonly onService: (service: ServiceDoc) => void;
}

/** The matters as large buttons: the kiosk's list, and the finder's suggestions. */
export function ServiceList({ services, refusals, wording, busy, waitingFor, onService }: ServiceListProps) {
  return (
    <ul className="kiosk-services">
      {services.map((service) => (
        <li key={service.id}>
          <ServiceButton
            service={service}
            refusal={refusals.get(service.id)}
            wording={wording}
            busy={busy}
            waiting={waitingFor(service.id)}
            onPress={() => onService(service)}
          />
        </li>
      ))}
    </ul>
  );
}

/**
 * One matter: its name, letter and how many wait — or, when it takes no ticket now, the reason,
 * and disabled. The reason is inside the button, so it is part of its name for a screen reader.
 */
export function ServiceButton({
  service,
  refusal,
  wording,
  busy,
  waiting,
  onPress,
}: {
  service: ServiceDoc;
  refusal: TicketRefusal | undefined;
  wording: RefusalWording;
  busy: boolean;
  waiting: number;
  onPress: () => void;
}) {
  const t = useT();
  return (
    <button type="button" className="kiosk-service" disabled={busy || refusal !== undefined} onClick={onPress}>
      <span className="kiosk-service-name">{service.name[wording.language]}</span>
      <span className="kiosk-service-meta">
        <span aria-hidden="true" className="kiosk-service-letter">
          {service.letter}
        </span>
        {refusal ? (
          <strong className="kiosk-service-refused">{refusalText(t, refusal, wording)}</strong>
        ) : (
          t('kiosk.waitingNow', { count: waiting })
        )}
      </span>
    </button>
  );
}

export function PriorityStep({
  heading,
  office,
  service,
  busy,
  onTake,
  onBack,
}: {
  heading: Heading;
  office: OfficeDoc;
  service: ServiceDoc;
  busy: boolean;
  onTake: (priority: PriorityReason | null) => void;
  onBack: () => void;
}) {
  const t = useT();
  return (
    <>
      <h1 id="kiosk-step" ref={heading} tabIndex={-1}>
        {t('kiosk.priority.title')}
      </h1>
      <p className="kiosk-explain">{t('kiosk.priority.explain')}</p>
      <div className="kiosk-choices">
        <button type="button" className="kiosk-choice kiosk-choice-main" disabled={busy} onClick={() => onTake(null)}>
          {t('kiosk.priority.none')}
        </button>
        {acceptedReasons(office, service).map((reason) => (
          <button key={reason} type="button" className="kiosk-choice" disabled={busy} onClick={() => onTake(reason)}>
            {t(`kiosk.priority.${reason}` as MessageId)}
          </button>
        ))}
      </div>
      <button type="button" className="kiosk-back" onClick={onBack}>
        {t('kiosk.back')}
      </button>
    </>
  );
}

export function TicketStep({
  heading,
  step,
  office,
  language,
  onDone,
  children,
}: {
  heading: Heading;
  step: Extract<Step, { kind: 'ticket' }>;
  office: OfficeDoc | null;
  language: Language;
  onDone: () => void;
  /** What the office offers after the ticket (contact-step.tsx), above "Done". */
  children?: ReactNode;
}) {
  const t = useT();
  const { ticket } = step;
  return (
    <>
      <h1 id="kiosk-step" ref={heading} tabIndex={-1}>
        {t('kiosk.ticket.title')} <span className="kiosk-number">{ticket.number}</span>
      </h1>
      <p className="kiosk-ticket-line">{t('kiosk.ticket.service', { service: step.service.name[language] })}</p>
      {ticket.priority && <p className="kiosk-ticket-line">{t('kiosk.ticket.priority')}</p>}
      {ticket.appointmentAt > 0 && (
        <p className="kiosk-ticket-line">
          {t('kiosk.ticket.appointment', { time: timeOf(language, office?.timeZone, ticket.appointmentAt) })}
        </p>
      )}
      {ticket.appointment && ticket.appointmentAt === 0 && (
        <p className="kiosk-ticket-line">{t('kiosk.ticket.appointmentLate')}</p>
      )}
      <p className="kiosk-ticket-line">{t('kiosk.ticket.ahead', { count: step.ahead })}</p>
      {step.ahead > 0 && <p className="kiosk-ticket-line">{t('kiosk.ticket.wait', { minutes: step.wait })}</p>}
      <p className={`kiosk-print kiosk-print-${step.print.state}`} role="status">
        {printText(t, step)}
      </p>
      <p className="kiosk-ticket-line">{t('kiosk.ticket.watchBoard')}</p>
      {children}
      <button type="button" className="kiosk-choice kiosk-choice-main" onClick={onDone}>
        {t('kiosk.done')}
      </button>
    </>
  );
}

/** Whether the ticket printed, and if not why and what to do. */
function printText(t: ReturnType<typeof useT>, { print, ticket }: Extract<Step, { kind: 'ticket' }>): string {
  switch (print.state) {
    case 'printing':
      return t('kiosk.print.printing');
    case 'printed':
      return t('kiosk.print.done');
    case 'no-printer':
      return t('kiosk.print.noPrinter', { number: ticket.number });
    case 'failed':
      return t('kiosk.print.failed', { number: ticket.number, reason: t(errorMessage(print.code, 'print')) });
  }
}
