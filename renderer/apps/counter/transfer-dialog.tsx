/** Sends the visitor on to another matter, and to a chosen counter or whichever serves it first. */
import { useEffect, useRef, useState } from 'react';
import type { Ticket } from '../../../electron/common/domain/ticket';
import type { CounterDoc, ServiceDoc } from '../../db/schemas';
import { useT } from '../../i18n/i18n';

export function TransferDialog({
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
