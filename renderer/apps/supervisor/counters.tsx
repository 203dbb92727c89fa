/**
 * The supervisor's counters, live (issue 13): each counter's state — open, closed, on a break
 * (counted above the table) —, who works there, whom it serves and for which services; and, for the roles
 * SCREEN_ACTIONS names ('counters.manage'), open or close a counter and move it to other services.
 * Changes are written to this workstation's copy and reach the counters by sync; the hub checks the
 * same roles on every push (hub-access.ts `counters`). A counter serving a visitor is not closed
 * under them.
 */
import { useId, useState, type FormEvent } from 'react';
import { SCREEN_ACTIONS } from '../../../electron/common/access/station-access';
import { TableScroll } from '../../app/table-scroll';
import { useMayUse } from '../../app/use-may-use';
import { useWorkstation } from '../../app/workstation';
import type { CounterDoc, ServiceDoc, TicketDoc } from '../../db/schemas';
import { useT, type MessageId } from '../../i18n/i18n';

export function CountersSection({
  counters,
  services,
  tickets,
}: {
  counters: CounterDoc[];
  services: ServiceDoc[];
  tickets: TicketDoc[];
}) {
  const t = useT();
  const mayManage = useMayUse(SCREEN_ACTIONS['counters.manage']);
  const [message, setMessage] = useState<string | null>(null);
  const [editing, setEditing] = useState<number | null>(null);
  const onBreak = counters.filter((counter) => counter.mode === 'break').length;
  const serviceName = (id: string) => services.find((service) => service.id === id)?.name.pl ?? id;

  return (
    <section aria-labelledby="counters-title">
      <h2 id="counters-title">{t('supervisor.counters')}</h2>
      <p>{t('supervisor.live.onBreak', { count: onBreak })}</p>
      {!mayManage && <p>{t('supervisor.live.readOnly')}</p>}
      <p role="status">{message}</p>
      <TableScroll name={t('supervisor.counters')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('supervisor.counter')}</th>
              <th scope="col">{t('supervisor.counterMode')}</th>
              <th scope="col">{t('supervisor.clerk')}</th>
              <th scope="col">{t('supervisor.currentTicket')}</th>
              <th scope="col">{t('supervisor.live.services')}</th>
              {mayManage && <th scope="col">{t('supervisor.live.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {counters.map((counter) => (
              <CounterRow
                key={counter.id}
                counter={counter}
                current={tickets.find(
                  (ticket) =>
                    ticket.counter === counter.number && (ticket.state === 'called' || ticket.state === 'serving'),
                )}
                serviceName={serviceName}
                manage={mayManage ? { onDone: setMessage, onMove: () => setEditing(counter.number) } : null}
              />
            ))}
          </tbody>
        </table>
      </TableScroll>
      {mayManage && editing !== null && (
        <MoveCounter
          key={editing}
          counter={counters.find((counter) => counter.number === editing)!}
          services={services}
          onClose={(done) => {
            setEditing(null);
            if (done) setMessage(done);
          }}
        />
      )}
    </section>
  );
}

function CounterRow({
  counter,
  current,
  serviceName,
  manage,
}: {
  counter: CounterDoc;
  current: TicketDoc | undefined;
  serviceName: (id: string) => string;
  manage: { readonly onDone: (message: string) => void; readonly onMove: () => void } | null;
}) {
  const t = useT();
  return (
    <tr>
      <th scope="row">{counter.name.pl}</th>
      <td>{t(`counter.mode.${counter.mode}` as MessageId)}</td>
      <td>{counter.clerk || t('common.none')}</td>
      <td>{current?.number ?? t('common.none')}</td>
      <td>{counter.services.map(serviceName).join(', ')}</td>
      {manage && (
        <td>
          <CounterActions counter={counter} busy={Boolean(current)} {...manage} />
        </td>
      )}
    </tr>
  );
}

function CounterActions({
  counter,
  busy,
  onDone,
  onMove,
}: {
  counter: CounterDoc;
  busy: boolean;
  onDone: (message: string) => void;
  onMove: () => void;
}) {
  const t = useT();
  const { queue } = useWorkstation();
  const number = counter.number;
  const setMode = async (mode: CounterDoc['mode']) => {
    await queue.setCounterMode(number, mode, counter.clerk);
    onDone(t(mode === 'open' ? 'supervisor.live.opened' : 'supervisor.live.closed', { number }));
  };
  return (
    <div className="counter-actions">
      {counter.mode === 'closed' ? (
        <button type="button" onClick={() => void setMode('open')}>
          {t('supervisor.live.open', { number })}
        </button>
      ) : (
        <button
          type="button"
          onClick={() => (busy ? onDone(t('supervisor.live.closeBusy', { number })) : void setMode('closed'))}
        >
          {t('supervisor.live.close', { number })}
        </button>
      )}
      <button type="button" onClick={onMove}>
        {t('supervisor.live.move', { number })}
      </button>
    </div>
  );
}

/** The services a counter calls from: ticked, saved, or left as they were. */
function MoveCounter({
  counter,
  services,
  onClose,
}: {
  counter: CounterDoc;
  services: ServiceDoc[];
  onClose: (done: string | null) => void;
}) {
  const t = useT();
  const { queue } = useWorkstation();
  const titleId = useId();
  const [chosen, setChosen] = useState<readonly string[]>(counter.services);
  const [problem, setProblem] = useState(false);
  const active = services.filter((service) => service.active || counter.services.includes(service.id));
  const number = counter.number;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (chosen.length === 0) return setProblem(true);
    const ordered = active.map((service) => service.id).filter((id) => chosen.includes(id));
    await queue.setCounterServices(number, ordered);
    const names = active.filter((service) => ordered.includes(service.id)).map((service) => service.name.pl);
    onClose(t('supervisor.live.saved', { number, services: names.join(', ') }));
  };
  const toggle = (id: string, on: boolean) => {
    setProblem(false);
    setChosen((now) => (on ? [...now, id] : now.filter((other) => other !== id)));
  };

  return (
    <form className="move-counter" aria-labelledby={titleId} onSubmit={(event) => void save(event)}>
      <fieldset aria-describedby={`${titleId}-hint`}>
        <legend id={titleId}>{t('supervisor.live.moveTitle', { number })}</legend>
        <p id={`${titleId}-hint`}>{t('supervisor.live.moveHint')}</p>
        {active.map((service) => (
          <label key={service.id} className="checkbox">
            <input
              type="checkbox"
              checked={chosen.includes(service.id)}
              onChange={(event) => toggle(service.id, event.target.checked)}
            />
            {service.name.pl}
          </label>
        ))}
      </fieldset>
      {problem && <p role="alert">{t('supervisor.live.noneChosen')}</p>}
      <button type="submit" className="primary">
        {t('supervisor.live.save')}
      </button>
      <button type="button" onClick={() => onClose(null)}>
        {t('supervisor.live.cancel')}
      </button>
    </form>
  );
}
