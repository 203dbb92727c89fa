/**
 * The queue as this counter will call it: waiting visitors by number only (no personal data, so
 * nobody picks the easy cases), each callable out of turn; below, the visitors this counter put on
 * hold and those who did not come when called.
 */
import type { Ticket } from '../../../electron/common/domain/ticket';
import type { CounterDoc, OfficeDoc, ServiceDoc } from '../../db/schemas';
import { useT } from '../../i18n/i18n';
import { serviceName } from './service-name';
import type { CounterActions } from './use-counter-actions';

/** Rows of the queue shown; the heading gives the full count. More would only slow the screen. */
const SHOWN_QUEUE = 40;

export interface QueuePanelProps {
  readonly counter: CounterDoc;
  readonly office: OfficeDoc | null;
  readonly services: ServiceDoc[];
  /** Waiting visitors in the order this counter would call them. */
  readonly order: readonly Ticket[];
  readonly parked: readonly Ticket[];
  readonly noShows: readonly Ticket[];
  readonly now: number;
  /** A visitor is at the counter: nobody else can be called or resumed. */
  readonly busy: boolean;
  readonly actions: CounterActions;
}

export function QueuePanel(props: QueuePanelProps) {
  const t = useT();
  const { counter, order, parked, noShows, busy, actions } = props;
  return (
    <section className="counter-queue" aria-labelledby="queue-title">
      <h2 id="queue-title">{t('counter.queue', { count: order.length })}</h2>
      {order.length === 0 ? <p>{t('counter.queue.empty')}</p> : <WaitingTable {...props} />}
      {order.length > SHOWN_QUEUE && (
        <p className="hint">{t('counter.queue.more', { count: order.length - SHOWN_QUEUE })}</p>
      )}

      {parked.length > 0 && (
        <>
          <h2>{t('counter.parked', { count: parked.length })}</h2>
          <ul className="counter-list">
            {parked.map((ticket) => (
              <li key={ticket.id}>
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => void actions.act(ticket, { type: 'resume', counter: counter.number })}
                >
                  {t('counter.parked.resume', { number: ticket.number })}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {noShows.length > 0 && (
        <>
          <h2>{t('counter.noShows', { count: noShows.length })}</h2>
          <ul className="counter-list">
            {noShows.map((ticket) => (
              <li key={ticket.id}>
                <button type="button" onClick={() => void actions.act(ticket, { type: 'reactivate' })}>
                  {t('counter.noShows.reactivate', { number: ticket.number })}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function WaitingTable({ order, ...row }: QueuePanelProps) {
  const t = useT();
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{t('counter.queue.number')}</th>
          <th scope="col">{t('counter.queue.service')}</th>
          <th scope="col">{t('counter.queue.waiting')}</th>
          <th scope="col">
            <span className="visually-hidden">{t('counter.callNext')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {order.slice(0, SHOWN_QUEUE).map((ticket) => (
          <WaitingRow key={ticket.id} ticket={ticket} {...row} />
        ))}
      </tbody>
    </table>
  );
}

function WaitingRow({
  ticket,
  counter,
  office,
  services,
  now,
  busy,
  actions,
}: Omit<QueuePanelProps, 'order'> & { readonly ticket: Ticket }) {
  const t = useT();
  return (
    <tr>
      <th scope="row">
        {ticket.number}
        {ticket.priority && <span className="badge">{t('counter.queue.priority')}</span>}
        {ticket.targetCounter === counter.number && <span className="badge">{t('counter.queue.targeted')}</span>}
        {ticket.appointmentAt > 0 && (
          <span className="badge">
            {t('counter.queue.appointment', {
              time: new Intl.DateTimeFormat('pl-PL', {
                timeZone: office?.timeZone,
                hour: '2-digit',
                minute: '2-digit',
              }).format(ticket.appointmentAt),
            })}
          </span>
        )}
      </th>
      <td>{serviceName(services, ticket.service)}</td>
      <td>{t('counter.queue.minutes', { minutes: Math.max(0, Math.floor((now - ticket.queuedAt) / 60_000)) })}</td>
      <td>
        <button type="button" disabled={busy} onClick={() => void actions.callTicket(ticket)}>
          {t('counter.queue.call', { number: ticket.number })}
        </button>
      </td>
    </tr>
  );
}
