/**
 * The clerk's counter: open it, call the next visitor (or a chosen one), serve, finish, mark a
 * no-show, put on hold, transfer, take a break. The queue is live; waiting visitors appear by
 * number only (no personal data, so nobody picks the easy cases). Every action has an Alt
 * shortcut as well as a button.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useCounters, useOffice, useServices, useTicketsOfDay, useToday } from '../../app/data';
import { useNow } from '../../app/use-rx';
import { useWorkstation } from '../../app/workstation';
import { QueueError } from '../../db/queue';
import type { CounterDoc, ServiceDoc } from '../../db/schemas';
import { normalPerPriority, projectedOrder, type PickReason } from '../../../electron/common/domain/ordering';
import { TicketTransitionError, type Ticket, type TicketAction } from '../../../electron/common/domain/ticket';
import { useT, type MessageId } from '../../i18n/i18n';
import { Acknowledgement, type Acknowledged } from './acknowledgement';
import { VisitorPanel, type Visitor } from './visitor-panel';

const CLERK_KEY = 'okienko.clerk';
/** Rows of the queue shown; the heading gives the full count. More would only slow the screen. */
const SHOWN_QUEUE = 40;

type Shortcut = 'n' | 'r' | 's' | 'd' | 'b' | 'o' | 't';

export function Counter({ number }: { number: number }) {
  const t = useT();
  const office = useOffice();
  const counters = useCounters();
  const counter = counters.find((c) => c.number === number);
  if (!office || counters.length === 0) return <main className="screen-message" aria-busy="true" />;
  if (!counter) {
    return (
      <main className="screen-message">
        <p role="alert">{t('counter.unknown', { number })}</p>
      </main>
    );
  }
  return <CounterScreen counter={counter} counters={counters} />;
}

function CounterScreen({ counter, counters }: { counter: CounterDoc; counters: CounterDoc[] }) {
  const t = useT();
  const { queue, station } = useWorkstation();
  const office = useOffice();
  const services = useServices();
  const today = useToday(office);
  const tickets = useTicketsOfDay(today);
  const now = useNow(15_000);
  const [message, setMessage] = useState<{ text: string; kind: 'info' | 'error' } | null>(null);
  const [transferring, setTransferring] = useState(false);
  const [clerk, setClerk] = useState(() => localStorage.getItem(CLERK_KEY) ?? '');

  const serviceName = (id: string) => services.find((s) => s.id === id)?.name.pl ?? id;
  const current = tickets.find(
    (ticket) => ticket.counter === counter.number && (ticket.state === 'called' || ticket.state === 'serving'),
  );
  const order = useMemo(
    () => (office ? projectedOrder(tickets, counter, office.priorityRule, now) : []),
    [tickets, counter, office, now],
  );
  const parked = tickets.filter((ticket) => ticket.state === 'parked' && ticket.counter === counter.number);
  const noShows = tickets.filter((ticket) => ticket.state === 'no-show' && counter.services.includes(ticket.service));

  // The visitor's details and signature belong to this visit only: a new ticket starts clean.
  const [visit, setVisit] = useState<{ ticket: string; visitor: Visitor | null; acknowledged: Acknowledged | null }>({
    ticket: '',
    visitor: null,
    acknowledged: null,
  });
  const currentTicketId = current?.id ?? '';
  const visitOfCurrent =
    visit.ticket === currentTicketId ? visit : { ticket: currentTicketId, visitor: null, acknowledged: null };
  const setVisitor = useCallback(
    (visitor: Visitor | null) =>
      setVisit((old) => ({
        ticket: currentTicketId,
        visitor,
        acknowledged: old.ticket === currentTicketId ? old.acknowledged : null,
      })),
    [currentTicketId],
  );
  const setAcknowledged = useCallback(
    (acknowledged: Acknowledged | null) =>
      setVisit((old) => ({
        ticket: currentTicketId,
        visitor: old.ticket === currentTicketId ? old.visitor : null,
        acknowledged,
      })),
    [currentTicketId],
  );

  const run = async (action: () => Promise<string | null>) => {
    try {
      const text = await action();
      setMessage(text ? { text, kind: 'info' } : null);
    } catch (error) {
      setMessage({ text: t(errorMessage(error)), kind: 'error' });
    }
  };

  /** `before`: what to say first (why this call happens by itself). */
  const callNext = (before = '') =>
    run(async () => {
      const pick = await queue.callNext(counter.number, counter.clerk);
      const result = pick
        ? `${t('counter.called', { number: pick.ticket.number })} ${reasonText(pick.reason)}`
        : t('counter.callNext.empty');
      return before ? `${before} ${result}` : result;
    });

  const reasonText = (reason: PickReason) =>
    t(`counter.calledReason.${reason}` as MessageId, { n: office ? normalPerPriority(office.priorityRule) : 0 });

  const act = (ticket: Ticket, action: Exclude<TicketAction, { type: 'call' }>, done?: string) =>
    run(async () => {
      await queue.act(ticket.id, action, counter.number, counter.clerk);
      return done ?? null;
    });

  // When another counter's call of the same visitor reached the hub first (both were offline, say),
  // the visitor's history shows this counter's call as overruled: say so once, and move on.
  const { sync } = useWorkstation();
  const callNextRef = useRef(callNext);
  const runRef = useRef(run);
  useEffect(() => {
    callNextRef.current = callNext;
    runRef.current = run;
  });
  const noticed = useRef(new Set<string>());
  useEffect(() => {
    if (!sync) return;
    for (const ticket of tickets) {
      if (ticket.counter === counter.number || ticket.state === 'waiting' || noticed.current.has(ticket.id)) continue;
      const lostHere = ticket.events.some(
        (event) =>
          event.type === 'overruled' &&
          event.overruled === 'called' &&
          event.by.counter === counter.number &&
          event.by.station === station.stationId,
      );
      if (!lostHere) continue;
      noticed.current.add(ticket.id);
      // Only a call lost in the last minutes moves the counter on; older ones were dealt with.
      const call = ticket.events.find((event) => event.type === 'overruled' && event.by.counter === counter.number);
      if (!call || Date.now() - call.at > 10 * 60_000) continue;
      const text = ticket.counter
        ? t('counter.lostCall', { number: ticket.number, winner: ticket.counter })
        : t('counter.lostCall.moved', { number: ticket.number });
      if (current) void runRef.current(async () => text);
      else void callNextRef.current(text);
    }
  }, [sync, tickets, counter.number, station.stationId, current, t]);

  const shortcuts: Partial<Record<Shortcut, () => void>> =
    counter.mode !== 'open'
      ? {}
      : current
        ? {
            r: current.state === 'called' ? () => void act(current, { type: 'recall' }) : undefined,
            s: current.state === 'called' ? () => void act(current, { type: 'start' }) : undefined,
            d: () => void act(current, { type: 'done' }),
            b: current.state === 'called' ? () => void act(current, { type: 'no-show' }) : undefined,
            o: () => void act(current, { type: 'park' }),
            t: () => setTransferring(true),
          }
        : { n: () => void callNext() };

  // The key listener is registered once and reads the newest handlers through a ref.
  const latestShortcuts = useRef(shortcuts);
  useEffect(() => {
    latestShortcuts.current = shortcuts;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      // event.code, not event.key: Alt changes the character on some layouts (macOS, Polish programmer's).
      const handler = latestShortcuts.current[event.code.replace(/^Key/, '').toLowerCase() as Shortcut];
      if (handler) {
        event.preventDefault();
        handler();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const open = (event: FormEvent) => {
    event.preventDefault();
    localStorage.setItem(CLERK_KEY, clerk.trim());
    void run(async () => {
      await queue.setCounterMode(counter.number, 'open', clerk.trim());
      return null;
    });
  };

  const setMode = (mode: CounterDoc['mode']) =>
    run(async () => {
      await queue.setCounterMode(counter.number, mode, counter.clerk);
      return null;
    });

  return (
    <main className="counter">
      <header className="counter-header">
        <div>
          <h1>{t('counter.title', { number: counter.number })}</h1>
          <p className="counter-services">
            {t('counter.services', { services: counter.services.map(serviceName).join(', ') })}
          </p>
        </div>
        <p className={`counter-mode counter-mode-${counter.mode}`}>
          {t(`counter.mode.${counter.mode}` as MessageId)}
          {counter.clerk && ` — ${counter.clerk}`}
        </p>
      </header>

      <p
        className={`counter-message counter-message-${message?.kind ?? 'info'}`}
        role={message?.kind === 'error' ? 'alert' : 'status'}
      >
        {message?.text ?? ''}
      </p>

      {counter.mode === 'closed' && (
        <form className="counter-open" onSubmit={open}>
          <label htmlFor="clerk-name">{t('counter.clerk')}</label>
          <input
            id="clerk-name"
            value={clerk}
            autoComplete="name"
            onChange={(event) => setClerk(event.target.value)}
            aria-describedby="clerk-hint"
          />
          <p id="clerk-hint" className="hint">
            {t('counter.clerk.hint')}
          </p>
          <button type="submit" className="primary">
            {t('counter.open')}
          </button>
        </form>
      )}

      {counter.mode === 'break' && (
        <section className="counter-break">
          <button type="button" className="primary" onClick={() => void setMode('open')}>
            {t('counter.resume')}
          </button>
        </section>
      )}

      {counter.mode === 'open' && (
        <div className="counter-grid">
          <section className="counter-current" aria-labelledby="current-title">
            <h2 id="current-title">{t('counter.current')}</h2>
            {current ? (
              <>
                <p className="counter-number">{current.number}</p>
                <p>
                  {serviceName(current.service)} · {t(`counter.state.${current.state}` as MessageId)}
                  {current.priority && ` · ${t('counter.queue.priority')}`}
                  {current.recalls > 0 && ` · ${t('counter.recalls', { count: current.recalls })}`}
                  {sync && !current.hubStamp && ` · ${t('counter.confirming')}`}
                </p>
                <div className="counter-actions">
                  {current.state === 'called' && (
                    <>
                      <ActionButton
                        label={t('counter.recall')}
                        shortcut="R"
                        onClick={() => void act(current, { type: 'recall' })}
                      />
                      <ActionButton
                        label={t('counter.start')}
                        shortcut="S"
                        primary
                        onClick={() => void act(current, { type: 'start' })}
                      />
                      <ActionButton
                        label={t('counter.noShow')}
                        shortcut="B"
                        onClick={() => void act(current, { type: 'no-show' })}
                      />
                    </>
                  )}
                  <ActionButton
                    label={t('counter.done')}
                    shortcut="D"
                    primary={current.state === 'serving'}
                    onClick={() => void act(current, { type: 'done' })}
                  />
                  <ActionButton
                    label={t('counter.park')}
                    shortcut="O"
                    onClick={() => void act(current, { type: 'park' })}
                  />
                  <ActionButton label={t('counter.transfer')} shortcut="T" onClick={() => setTransferring(true)} />
                </div>
                <VisitorPanel
                  key={`visitor-${current.id}`}
                  service={services.find((service) => service.id === current.service)}
                  today={today}
                  visitor={visitOfCurrent.visitor}
                  onVisitor={setVisitor}
                />
                <Acknowledgement
                  key={`acknowledgement-${current.id}`}
                  ticket={current}
                  service={services.find((service) => service.id === current.service)}
                  today={today}
                  visitor={visitOfCurrent.visitor}
                  acknowledged={visitOfCurrent.acknowledged}
                  onAcknowledged={setAcknowledged}
                />
                {transferring && (
                  <TransferDialog
                    ticket={current}
                    services={services}
                    counters={counters}
                    onCancel={() => setTransferring(false)}
                    onTransfer={(service, toCounter) => {
                      setTransferring(false);
                      void act(
                        current,
                        toCounter ? { type: 'transfer', service, counter: toCounter } : { type: 'transfer', service },
                        t('counter.transferred', { number: current.number }),
                      );
                    }}
                  />
                )}
              </>
            ) : (
              <>
                <p>{t('counter.none')}</p>
                <ActionButton
                  label={t('counter.callNext')}
                  shortcut="N"
                  primary
                  large
                  onClick={() => void callNext()}
                />
              </>
            )}
            <div className="counter-modes">
              <button type="button" disabled={Boolean(current)} onClick={() => void setMode('break')}>
                {t('counter.break')}
              </button>
              <button type="button" disabled={Boolean(current)} onClick={() => void setMode('closed')}>
                {t('counter.close')}
              </button>
            </div>
            <p className="hint">{t('counter.shortcuts')}</p>
          </section>

          <section className="counter-queue" aria-labelledby="queue-title">
            <h2 id="queue-title">{t('counter.queue', { count: order.length })}</h2>
            {order.length === 0 ? (
              <p>{t('counter.queue.empty')}</p>
            ) : (
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
                    <tr key={ticket.id}>
                      <th scope="row">
                        {ticket.number}
                        {ticket.priority && <span className="badge">{t('counter.queue.priority')}</span>}
                        {ticket.targetCounter === counter.number && (
                          <span className="badge">{t('counter.queue.targeted')}</span>
                        )}
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
                      <td>{serviceName(ticket.service)}</td>
                      <td>
                        {t('counter.queue.minutes', {
                          minutes: Math.max(0, Math.floor((now - ticket.queuedAt) / 60_000)),
                        })}
                      </td>
                      <td>
                        <button
                          type="button"
                          disabled={Boolean(current)}
                          onClick={() =>
                            void run(async () => {
                              await queue.callTicket(ticket.id, counter.number, counter.clerk);
                              return t('counter.called', { number: ticket.number });
                            })
                          }
                        >
                          {t('counter.queue.call', { number: ticket.number })}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
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
                        disabled={Boolean(current)}
                        onClick={() => void act(ticket, { type: 'resume', counter: counter.number })}
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
                      <button type="button" onClick={() => void act(ticket, { type: 'reactivate' })}>
                        {t('counter.noShows.reactivate', { number: ticket.number })}
                      </button>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
        </div>
      )}
    </main>
  );
}

function ActionButton({
  label,
  shortcut,
  onClick,
  primary,
  large,
}: {
  label: string;
  shortcut: string;
  onClick: () => void;
  primary?: boolean;
  large?: boolean;
}) {
  return (
    <button
      type="button"
      className={`${primary ? 'primary' : ''} ${large ? 'large' : ''}`}
      aria-keyshortcuts={`Alt+${shortcut}`}
      onClick={onClick}
    >
      {label} <kbd aria-hidden="true">Alt+{shortcut}</kbd>
    </button>
  );
}

function TransferDialog({
  ticket,
  services,
  counters,
  onCancel,
  onTransfer,
}: {
  ticket: Ticket;
  services: ServiceDoc[];
  counters: CounterDoc[];
  onCancel: () => void;
  onTransfer: (service: string, counter: number | null) => void;
}) {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const [service, setService] = useState(ticket.service);
  const [toCounter, setToCounter] = useState('');
  const eligible = counters.filter((counter) => counter.services.includes(service));

  useEffect(() => {
    const element = dialog.current;
    element?.showModal();
    return () => element?.close();
  }, []);

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="transfer-title" onCancel={onCancel}>
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          onTransfer(service, toCounter ? Number(toCounter) : null);
        }}
      >
        <h2 id="transfer-title">{t('counter.transfer.title', { number: ticket.number })}</h2>
        <label htmlFor="transfer-service">{t('counter.transfer.service')}</label>
        <select
          id="transfer-service"
          value={service}
          onChange={(event) => {
            setService(event.target.value);
            setToCounter('');
          }}
        >
          {services.map((s) => (
            <option key={s.id} value={s.id}>
              {s.letter} — {s.name.pl}
            </option>
          ))}
        </select>
        <label htmlFor="transfer-counter">{t('counter.transfer.counter')}</label>
        <select id="transfer-counter" value={toCounter} onChange={(event) => setToCounter(event.target.value)}>
          <option value="">{t('counter.transfer.anyCounter')}</option>
          {eligible.map((counter) => (
            <option key={counter.id} value={String(counter.number)}>
              {counter.name.pl}
            </option>
          ))}
        </select>
        <div className="dialog-actions">
          <button type="button" onClick={onCancel}>
            {t('counter.transfer.cancel')}
          </button>
          <button type="submit" className="primary">
            {t('counter.transfer.confirm')}
          </button>
        </div>
      </form>
    </dialog>
  );
}

function errorMessage(error: unknown): MessageId {
  if (error instanceof TicketTransitionError) return 'counter.error.transition';
  if (error instanceof QueueError && (error.code === 'counter-busy' || error.code === 'counter-closed'))
    return `counter.error.${error.code}`;
  if (error instanceof QueueError && error.code === 'not-this-counter') return 'counter.error.transition';
  if (error instanceof QueueError && error.code === 'hub-not-answering') return 'counter.error.hub-not-answering';
  console.error('counter action failed', error);
  return 'counter.error.other';
}
