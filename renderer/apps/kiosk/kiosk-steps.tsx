/** The kiosk's screens between the start and the end: the matters, priority, and the ticket itself. */
import type { RefObject } from 'react';
import type { Language, PriorityReason } from '../../../electron/common/domain/office';
import type { OfficeDoc, ServiceDoc } from '../../db/schemas';
import { errorMessage } from '../../i18n/error-messages';
import { useT, type MessageId } from '../../i18n/i18n';
import { timeOf } from './print-ticket';
import type { Step } from './use-kiosk-steps';

type Heading = RefObject<HTMLHeadingElement | null>;

export function ServicesStep({
  heading,
  office,
  services,
  language,
  busy,
  waitingFor,
  onAppointment,
  onService,
}: {
  heading: Heading;
  office: OfficeDoc | null;
  services: ServiceDoc[];
  language: Language;
  busy: boolean;
  waitingFor: (service: string) => number;
  onAppointment: () => void;
  onService: (service: ServiceDoc) => void;
}) {
  const t = useT();
  return (
    <>
      <h1 id="kiosk-step" ref={heading} tabIndex={-1}>
        {t('kiosk.chooseService')}
      </h1>
      {services.length === 0 && office && <p>{t('kiosk.noServices')}</p>}
      <button type="button" className="kiosk-appointment" disabled={busy} onClick={onAppointment}>
        <span className="kiosk-service-name">{t('kiosk.appointment')}</span>
        <span className="kiosk-service-meta">{t('kiosk.appointment.hint')}</span>
      </button>
      <ul className="kiosk-services">
        {services.map((service) => (
          <li key={service.id}>
            <button type="button" className="kiosk-service" disabled={busy} onClick={() => onService(service)}>
              <span className="kiosk-service-name">{service.name[language]}</span>
              <span className="kiosk-service-meta">
                <span aria-hidden="true" className="kiosk-service-letter">
                  {service.letter}
                </span>
                {t('kiosk.waitingNow', { count: waitingFor(service.id) })}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

export function PriorityStep({
  heading,
  office,
  busy,
  onTake,
  onBack,
}: {
  heading: Heading;
  office: OfficeDoc;
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
        {office.priorityReasons.map((reason) => (
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
}: {
  heading: Heading;
  step: Extract<Step, { kind: 'ticket' }>;
  office: OfficeDoc | null;
  language: Language;
  onDone: () => void;
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
