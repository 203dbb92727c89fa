/**
 * The supervisor's overview: alerts (a kiosk that could not print), each matter's queue and
 * waiting times, each counter's state, the priority rule in words, and the daily close. Anyone
 * signed in here reads the overview; acknowledging an alert and closing the day are offered only to
 * the roles the access table names (SCREEN_ACTIONS), the others read who does them.
 */
import { useState } from 'react';
import { SCREEN_ACTIONS } from '../../../electron/common/access/station-access';
import { formatRoute } from '../../../electron/common/routes';
import type { AlertDoc, AppointmentDoc, OfficeDoc, ServiceDoc, TicketDoc } from '../../db/schemas';
import {
  useAppointmentsOfDay,
  useCounters,
  useOffice,
  useOpenAlerts,
  useServices,
  useTicketsOfDay,
  useToday,
} from '../../app/data';
import { TableScroll } from '../../app/table-scroll';
import { useMayUse } from '../../app/use-may-use';
import { usePrinterState } from '../../app/printer';
import { useNow } from '../../app/use-rx';
import { useWorkstation } from '../../app/workstation';
import { acknowledgeAlert } from '../../db/alerts';
import { AppointmentsLink } from '../appointments/appointments-link';
import type { Ticket } from '../../../electron/common/domain/ticket';
import { errorMessage } from '../../i18n/error-messages';
import { useConfirmed } from '../../app/session';
import { PriorityRuleWords } from '../office/priority-rule';
import { CountersSection } from './counters';
import { NoticesSection } from './notices';
import { useT, type MessageId, type Translate } from '../../i18n/i18n';

function minutesBetween(from: number, to: number): number {
  return Math.max(0, Math.round((to - from) / 60_000));
}

/** Minutes from joining the queue to the first call, for tickets that were called today. */
function waits(tickets: readonly Ticket[]): number[] {
  return tickets.flatMap((ticket) => {
    const called = ticket.events.find((event) => event.type === 'called');
    return called ? [minutesBetween(ticket.queuedAt, called.at)] : [];
  });
}

export function Supervisor() {
  const t = useT();
  const office = useOffice();
  const services = useServices();
  const counters = useCounters();
  const today = useToday(office);
  const tickets = useTicketsOfDay(today);
  const appointments = useAppointmentsOfDay(today);
  const mayCloseDay = useMayUse(SCREEN_ACTIONS['queue.closeDay']);

  return (
    <main className="supervisor">
      <h1>{t('supervisor.title')}</h1>
      <p>
        <a href={formatRoute({ screen: 'reports' })}>{t('reports.title')}</a>
      </p>
      <AlertsSection />
      <NoticesSection />
      <ServicesSection services={services} tickets={tickets} />
      <CountersSection counters={counters} services={services} tickets={tickets} />
      <AppointmentsSection office={office} services={services} tickets={tickets} appointments={appointments} />
      {office && (
        <section aria-labelledby="rule-title">
          <h2 id="rule-title">{t('supervisor.rule')}</h2>
          <PriorityRuleWords rule={office.priorityRule} reasons={office.priorityReasons} />
        </section>
      )}
      {mayCloseDay ? <CloseDaySection today={today} /> : <p>{t('supervisor.closeDay.managerOnly')}</p>}
    </main>
  );
}

/** An alert in the supervisor's words: paper running low, or a ticket that did not print and why. */
function alertText(t: Translate, alert: AlertDoc): string {
  return alert.code === 'paper-near-end'
    ? t('supervisor.alert.paper-near-end', { station: alert.station })
    : t('supervisor.alert.printer', {
        station: alert.station,
        number: alert.ticketNumber,
        reason: t(errorMessage(alert.code, 'print')),
      });
}

/** Alerts not yet acknowledged, newest first, and the printer's state. */
function AlertsSection() {
  const t = useT();
  const { db } = useWorkstation();
  const alerts = useOpenAlerts();
  const printer = usePrinterState();
  const mayAcknowledge = useMayUse(SCREEN_ACTIONS['alerts.acknowledge']);
  return (
    <section aria-labelledby="alerts-title">
      <h2 id="alerts-title">{t('supervisor.alerts')}</h2>
      {alerts.length === 0 ? (
        <p>{t('supervisor.alerts.none')}</p>
      ) : (
        <ul className="alerts">
          {alerts.map((alert) => (
            <li key={alert.id} className="alert">
              <span>
                {new Date(alert.at).toLocaleTimeString('pl-PL', { hour: '2-digit', minute: '2-digit' })}{' '}
                {alertText(t, alert)}
              </span>
              {mayAcknowledge && (
                <button type="button" onClick={() => void acknowledgeAlert(db, alert.id)}>
                  {t('supervisor.alert.acknowledge')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {alerts.length > 0 && !mayAcknowledge && <p>{t('supervisor.alerts.managerOnly')}</p>}
      {printer && <p>{t('supervisor.printer', { status: t(`printer.status.${printer.status}` as MessageId) })}</p>}
    </section>
  );
}

/** Each matter's queue: who waits, the longest and the average wait, and how many were served. */
function ServicesSection({ services, tickets }: { services: ServiceDoc[]; tickets: TicketDoc[] }) {
  const t = useT();
  const now = useNow(15_000);
  return (
    <section aria-labelledby="services-title">
      <h2 id="services-title">{t('supervisor.services')}</h2>
      <TableScroll name={t('supervisor.services')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('supervisor.service')}</th>
              <th scope="col">{t('supervisor.waitingCount')}</th>
              <th scope="col">{t('supervisor.longestWait')}</th>
              <th scope="col">{t('supervisor.averageWait')}</th>
              <th scope="col">{t('supervisor.servedToday')}</th>
            </tr>
          </thead>
          <tbody>
            {services.map((service) => {
              const own = tickets.filter((ticket) => ticket.legs.some((leg) => leg.service === service.id));
              const waiting = own.filter((ticket) => ticket.state === 'waiting' && ticket.service === service.id);
              const longest = waiting.reduce((max, ticket) => Math.max(max, minutesBetween(ticket.queuedAt, now)), 0);
              const waited = waits(own);
              const average = waited.length ? Math.round(waited.reduce((a, b) => a + b, 0) / waited.length) : null;
              return (
                <tr key={service.id}>
                  <th scope="row">
                    {service.letter} — {service.name.pl}
                  </th>
                  <td>{waiting.length}</td>
                  <td>{waiting.length ? t('common.minutes', { minutes: longest }) : t('common.none')}</td>
                  <td>{average === null ? t('common.none') : t('common.minutes', { minutes: average })}</td>
                  <td>{own.filter((ticket) => ticket.state === 'done').length}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

/** Each counter's state, clerk and the visitor it serves now. */
/** Today's bookings: when, for what, their code, and whether the visitor came (with their ticket). */
function AppointmentsSection({
  office,
  services,
  tickets,
  appointments,
}: {
  office: OfficeDoc | null;
  services: ServiceDoc[];
  tickets: TicketDoc[];
  appointments: AppointmentDoc[];
}) {
  const t = useT();
  const time = (at: number) =>
    new Intl.DateTimeFormat('pl-PL', { timeZone: office?.timeZone, hour: '2-digit', minute: '2-digit' }).format(at);
  return (
    <section aria-labelledby="appointments-title">
      <h2 id="appointments-title">{t('supervisor.appointments')}</h2>
      <AppointmentsLink />
      {appointments.length === 0 ? (
        <p>{t('supervisor.appointments.none')}</p>
      ) : (
        <TableScroll name={t('supervisor.appointments')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('supervisor.appointment.time')}</th>
                <th scope="col">{t('supervisor.service')}</th>
                <th scope="col">{t('supervisor.appointment.code')}</th>
                <th scope="col">{t('supervisor.appointment.state')}</th>
              </tr>
            </thead>
            <tbody>
              {appointments.map((appointment) => (
                <tr key={appointment.id}>
                  <th scope="row">{time(appointment.slotAt)}</th>
                  <td>
                    {services.find((service) => service.id === appointment.service)?.name.pl ?? appointment.service}
                  </td>
                  <td>{appointment.code}</td>
                  <td>
                    {t(`supervisor.appointment.${appointment.state}` as MessageId)}
                    {appointment.ticket &&
                      ` — ${tickets.find((ticket) => ticket.id === appointment.ticket)?.number ?? ''}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}

/** The daily close, after a confirmation: every ticket still open, today's included, expires. */
function CloseDaySection({ today }: { today: string }) {
  const t = useT();
  const { queue, api } = useWorkstation();
  const confirmed = useConfirmed();
  const [confirming, setConfirming] = useState(false);
  const [closed, setClosed] = useState<number | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);

  // A sensitive action: the password again when the last check is not recent (station-access.ts).
  const closeDay = async () => {
    setConfirming(false);
    const allowed = await confirmed.run(() => api.session.mayDo({ action: 'queue.closeDay' }));
    setRefusal(allowed.ok ? null : t(errorMessage(allowed.error.code, 'device')));
    if (allowed.ok) setClosed(await queue.closeDays(today, true));
  };

  return (
    <section aria-labelledby="close-title">
      <h2 id="close-title" className="visually-hidden">
        {t('supervisor.closeDay')}
      </h2>
      {confirming ? (
        <div role="alertdialog" aria-labelledby="close-confirm" className="confirm">
          <p id="close-confirm">{t('supervisor.closeDay.confirm')}</p>
          <button type="button" className="danger" onClick={() => void closeDay()}>
            {t('supervisor.closeDay.yes')}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            {t('supervisor.closeDay.no')}
          </button>
        </div>
      ) : (
        <button type="button" onClick={() => setConfirming(true)}>
          {t('supervisor.closeDay')}
        </button>
      )}
      {closed !== null && <p role="status">{t('supervisor.closeDay.done', { count: closed })}</p>}
      {refusal && <p role="alert">{refusal}</p>}
      {confirmed.dialog}
    </section>
  );
}
