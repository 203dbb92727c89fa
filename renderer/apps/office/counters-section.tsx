/**
 * The office's counters: number, name, the services each serves, and the customer screens paired
 * with it (read only: screens are paired on the device screen, `#/settings/devices`).
 */
import type { PairedScreen } from '../../../electron/common/contract/pairing';
import { formatRoute } from '../../../electron/common/routes';
import { useT } from '../../i18n/i18n';
import { appendAt, newCounter } from './draft';
import { CheckList, LocalizedFields, NumberField, Problems } from './fields';
import { focusPlace, useOfficeForm } from './form';
import { fieldId } from './problems';
import type { ItemProps } from './service-editor';
import { useOpenItems } from './use-open-items';
import { usePairedScreens } from './use-station-lists';

export function CountersSection() {
  const t = useT();
  const form = useOfficeForm();
  const open = useOpenItems();
  const screens = usePairedScreens();
  const { counters } = form.draft;
  const add = () => {
    const index = counters.length;
    form.change((draft) => appendAt(draft, ['counters'], newCounter(draft)));
    open.toggled(index, true);
    requestAnimationFrame(() => focusPlace(fieldId(['counters', index, 'number'])));
  };
  const remove = (index: number) => {
    form.set(['counters', index], undefined);
    open.removed(index);
    requestAnimationFrame(() => focusPlace('office-add-counter'));
  };
  return (
    <section className="office-card" id={fieldId(['counters'])} aria-labelledby="office-counters-title">
      <h2 id="office-counters-title">{t('office.counters.title')}</h2>
      <p className="hint">{t('office.counters.hint')}</p>
      <Problems path={['counters']} />
      {counters.length === 0 && <p>{t('office.counters.none')}</p>}
      {counters.map((_, index) => (
        <CounterEditor
          key={index}
          index={index}
          screens={screens}
          open={open.isOpen(index)}
          onToggle={(now) => open.toggled(index, now)}
          onRemove={() => remove(index)}
        />
      ))}
      <button type="button" id="office-add-counter" onClick={add}>
        {t('office.counters.add')}
      </button>
    </section>
  );
}

function CounterEditor({
  index,
  screens,
  open,
  onToggle,
  onRemove,
}: ItemProps & { screens: readonly PairedScreen[] | null }) {
  const t = useT();
  const form = useOfficeForm();
  const path = ['counters', index];
  const counter = form.draft.counters[index]!;
  const summaryId = `${fieldId(path)}-summary`;
  const problems = form.problemsUnder(path);
  return (
    <details
      id={fieldId(path)}
      className="office-item"
      open={open}
      onToggle={(event) => onToggle(event.currentTarget.open)}
      aria-labelledby={summaryId}
    >
      <summary id={summaryId}>
        {t('office.counter.summary', { number: String(counter.number ?? '?'), name: counter.name.pl })}
        {problems > 0 && <strong className="office-marker"> {t('office.problems.count', { count: problems })}</strong>}
      </summary>
      <Problems path={path} />
      <NumberField path={[...path, 'number']} label={t('office.counter.number')} />
      <LocalizedFields path={[...path, 'name']} legend={t('office.counter.name')} />
      <CheckList
        path={[...path, 'services']}
        legend={t('office.counter.services')}
        choices={form.draft.services.map((service) => ({
          value: service.id,
          label: `${service.letter} — ${service.name.pl || service.id}`,
        }))}
        unknown={(id) => t('office.counter.unknownService', { id })}
      />
      {screens && <PairedWith screens={screens.filter((screen) => screen.counter === counter.number)} />}
      <button type="button" className="danger" onClick={onRemove}>
        {t('office.counter.remove', { number: String(counter.number ?? '?') })}
      </button>
    </details>
  );
}

function PairedWith({ screens }: { screens: readonly PairedScreen[] }) {
  const t = useT();
  return (
    <div className="office-paired">
      <h3>{t('office.counter.screens')}</h3>
      {screens.length === 0 ? (
        <p>{t('office.counter.screens.none')}</p>
      ) : (
        <ul>
          {screens.map((screen) => (
            <li key={screen.id}>{t('office.counter.screen', { id: screen.id })}</li>
          ))}
        </ul>
      )}
      <p className="hint">
        <a href={formatRoute({ screen: 'devices' })}>{t('office.counter.screens.pair')}</a>
      </p>
    </div>
  );
}
