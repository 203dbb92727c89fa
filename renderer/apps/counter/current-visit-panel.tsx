/**
 * The visitor at the counter now: the ticket, what can be done with it, the visitor's details and
 * signed acknowledgement, the transfer dialog; with nobody at the counter, "call next". Below, the
 * break and close buttons, which wait until the visit ends.
 */
import type { Ticket } from '../../../electron/common/domain/ticket';
import { useWorkstation } from '../../app/workstation';
import { useOffice } from '../../app/data';
import { useSession } from '../../app/session';
import { AssistPanel } from '../assist/assist-panel';
import type { CounterDoc, ServiceDoc, TicketDoc } from '../../db/schemas';
import { useT, type MessageId } from '../../i18n/i18n';
import { Acknowledgement } from './acknowledgement';
import { ActionButton } from './action-button';
import { serviceName } from './service-name';
import { TransferDialog } from './transfer-dialog';
import type { CounterActions } from './use-counter-actions';
import type { VisitState } from './use-visit';
import { VisitorPanel } from './visitor-panel';

export interface CurrentVisitProps {
  readonly counters: CounterDoc[];
  readonly services: ServiceDoc[];
  readonly today: string;
  readonly current: TicketDoc | undefined;
  readonly visit: VisitState;
  readonly actions: CounterActions;
  readonly transferring: boolean;
  readonly onTransferring: (transferring: boolean) => void;
}

export function CurrentVisitPanel(props: CurrentVisitProps) {
  const t = useT();
  const { current, actions } = props;
  return (
    <section className="counter-current" aria-labelledby="current-title">
      <h2 id="current-title">{t('counter.current')}</h2>
      {current ? (
        <CurrentTicket {...props} current={current} />
      ) : (
        <>
          <p>{t('counter.none')}</p>
          <ActionButton
            label={t('counter.callNext')}
            shortcut="N"
            primary
            large
            onClick={() => void actions.callNext()}
          />
        </>
      )}
      <div className="counter-modes">
        <button type="button" disabled={Boolean(current)} onClick={() => void actions.setMode('break')}>
          {t('counter.break')}
        </button>
        <button type="button" disabled={Boolean(current)} onClick={() => void actions.setMode('closed')}>
          {t('counter.close')}
        </button>
      </div>
      <p className="hint">{t('counter.shortcuts')}</p>
    </section>
  );
}

function CurrentTicket({
  counters,
  services,
  today,
  current,
  visit,
  actions,
  transferring,
  onTransferring,
}: CurrentVisitProps & { readonly current: TicketDoc }) {
  const t = useT();
  const { sync } = useWorkstation();
  const login = useSession()?.user?.login ?? null;
  const office = useOffice();
  const service = services.find((candidate) => candidate.id === current.service);
  return (
    <>
      <p className="counter-number">{current.number}</p>
      <p>
        {serviceName(services, current.service)} · {t(`counter.state.${current.state}` as MessageId)}
        {current.priority && ` · ${t('counter.queue.priority')}`}
        {current.recalls > 0 && ` · ${t('counter.recalls', { count: current.recalls })}`}
        {sync && !current.hubStamp && ` · ${t('counter.confirming')}`}
      </p>
      <TicketActions current={current} act={actions.act} onTransfer={() => onTransferring(true)} />
      <VisitorPanel
        key={`visitor-${current.id}`}
        service={service}
        today={today}
        visitor={visit.visit.visitor}
        onVisitor={visit.setVisitor}
      />
      {login && (
        <AssistPanel
          key={`assist-${current.id}`}
          counter={current.counter}
          clerk={login}
          ticket={current}
          service={service}
          today={today}
          office={office?.name.pl ?? ''}
          known={visit.visit.visitor}
        />
      )}
      <Acknowledgement
        key={`acknowledgement-${current.id}`}
        ticket={current}
        service={service}
        today={today}
        visitor={visit.visit.visitor}
        acknowledged={visit.visit.acknowledged}
        onAcknowledged={visit.setAcknowledged}
      />
      {transferring && (
        <TransferDialog
          ticket={current}
          services={services}
          counters={counters}
          onCancel={() => onTransferring(false)}
          onTransfer={(toService, toCounter) => {
            onTransferring(false);
            void actions.act(
              current,
              toCounter
                ? { type: 'transfer', service: toService, counter: toCounter }
                : { type: 'transfer', service: toService },
              t('counter.transferred', { number: current.number }),
            );
          }}
        />
      )}
    </>
  );
}

/** Recall, start and no-show while the visitor is on the way; finish, hold and transfer at any time. */
function TicketActions({
  current,
  act,
  onTransfer,
}: {
  current: Ticket;
  act: CounterActions['act'];
  onTransfer: () => void;
}) {
  const t = useT();
  return (
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
      <ActionButton label={t('counter.park')} shortcut="O" onClick={() => void act(current, { type: 'park' })} />
      <ActionButton label={t('counter.transfer')} shortcut="T" onClick={onTransfer} />
    </div>
  );
}
