/**
 * The clerk's counter, behind the sign-in: open it, call the next visitor (or a chosen one), serve,
 * finish, mark a no-show, put on hold, transfer, take a break. The queue is live; waiting visitors appear by
 * number only (no personal data, so nobody picks the easy cases). Every action has an Alt
 * shortcut as well as a button. Only the roles the access table lets serve (SCREEN_ACTIONS
 * `queue.serve`) get the counter; anyone else signed in here reads why.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { SCREEN_ACTIONS } from '../../../electron/common/access/station-access';
import { projectedOrder } from '../../../electron/common/domain/ordering';
import { useCounters, useOffice, useServices, useTicketsOfDay, useToday } from '../../app/data';
import { useMayUse } from '../../app/use-may-use';
import { SignInGate, useSession } from '../../app/session';
import { useNow } from '../../app/use-rx';
import type { CounterDoc, ServiceDoc } from '../../db/schemas';
import { useT, type MessageId } from '../../i18n/i18n';
import { AppointmentsLink } from '../appointments/appointments-link';
import { CurrentVisitPanel } from './current-visit-panel';
import { QueuePanel } from './queue-panel';
import { serviceName } from './service-name';
import { useCounterActions, type CounterActions, type CounterMessage } from './use-counter-actions';
import { counterShortcuts, useShortcuts } from './use-counter-shortcuts';
import { useLostCallNotice } from './use-lost-call-notice';
import { useVisit } from './use-visit';

/** The counter for whoever is signed in here; while locked, nothing of it shows. */
export function Counter({ number }: { number: number }) {
  const office = useOffice();
  const tickets = useTicketsOfDay(useToday(office));
  const current = tickets.find(
    (ticket) => ticket.counter === number && (ticket.state === 'called' || ticket.state === 'serving'),
  );
  return (
    <SignInGate busyWith={current?.number ?? null}>
      <CounterOfNumber number={number} />
    </SignInGate>
  );
}

function CounterOfNumber({ number }: { number: number }) {
  const t = useT();
  const office = useOffice();
  const counters = useCounters();
  const counter = counters.find((c) => c.number === number);
  const mayServe = useMayUse(SCREEN_ACTIONS['queue.serve']);
  if (!mayServe) {
    return (
      <main className="screen-message">
        <h1>{t('counter.title', { number })}</h1>
        <p>{t('counter.notServing')}</p>
      </main>
    );
  }
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
  const office = useOffice();
  const services = useServices();
  const today = useToday(office);
  const tickets = useTicketsOfDay(today);
  const now = useNow(15_000);
  const [transferring, setTransferring] = useState(false);
  const actions = useCounterActions(counter, office);

  const current = tickets.find(
    (ticket) => ticket.counter === counter.number && (ticket.state === 'called' || ticket.state === 'serving'),
  );
  const order = useMemo(
    () => (office ? projectedOrder(tickets, counter, office.priorityRule, now) : []),
    [tickets, counter, office, now],
  );
  const parked = tickets.filter((ticket) => ticket.state === 'parked' && ticket.counter === counter.number);
  const noShows = tickets.filter((ticket) => ticket.state === 'no-show' && counter.services.includes(ticket.service));
  const visit = useVisit(current?.id ?? '');

  useLostCallNotice(counter.number, tickets, current, actions);
  // Locked, the counter stays as it was behind the lock screen, and its keys do nothing.
  const locked = useSession()?.locked ?? true;
  useShortcuts(locked ? {} : counterShortcuts(counter, current, actions, () => setTransferring(true)));

  return (
    <main className="counter">
      <CounterHeader counter={counter} services={services} />
      <MessageLine message={actions.message} />
      {counter.mode === 'closed' && <OpenForm actions={actions} />}
      {counter.mode === 'break' && (
        <section className="counter-break">
          <ResumeButton actions={actions} />
        </section>
      )}
      {counter.mode === 'open' && (
        <div className="counter-grid">
          <CurrentVisitPanel
            counters={counters}
            services={services}
            today={today}
            current={current}
            visit={visit}
            actions={actions}
            transferring={transferring}
            onTransferring={setTransferring}
          />
          <QueuePanel
            counter={counter}
            office={office}
            services={services}
            order={order}
            parked={parked}
            noShows={noShows}
            now={now}
            busy={Boolean(current)}
            actions={actions}
          />
        </div>
      )}
    </main>
  );
}

function CounterHeader({ counter, services }: { counter: CounterDoc; services: ServiceDoc[] }) {
  const t = useT();
  return (
    <header className="counter-header">
      <div>
        <h1>{t('counter.title', { number: counter.number })}</h1>
        <p className="counter-services">
          {t('counter.services', { services: counter.services.map((id) => serviceName(services, id)).join(', ') })}
        </p>
      </div>
      <p className={`counter-mode counter-mode-${counter.mode}`}>
        {t(`counter.mode.${counter.mode}` as MessageId)}
        {counter.clerk && ` — ${counter.clerk}`}
      </p>
      <AppointmentsLink />
    </header>
  );
}

/** The outcome of the last action: read out politely, or at once when it failed. */
function MessageLine({ message }: { message: CounterMessage | null }) {
  return (
    <p
      className={`counter-message counter-message-${message?.kind ?? 'info'}`}
      role={message?.kind === 'error' ? 'alert' : 'status'}
    >
      {message?.text ?? ''}
    </p>
  );
}

/** A closed counter opens for the person signed in here. */
function OpenForm({ actions }: { actions: CounterActions }) {
  const t = useT();
  const open = (event: FormEvent) => {
    event.preventDefault();
    actions.open();
  };
  return (
    <form className="counter-open" onSubmit={open}>
      <p>{t('counter.openAs', { name: actions.clerk })}</p>
      <button type="submit" className="primary">
        {t('counter.open')}
      </button>
    </form>
  );
}

function ResumeButton({ actions }: { actions: CounterActions }) {
  const t = useT();
  return (
    <button type="button" className="primary" onClick={() => void actions.setMode('open')}>
      {t('counter.resume')}
    </button>
  );
}
