/**
 * When a service can be booked (domain/availability.ts): its rules, each on these weekdays between
 * these hours, a slot every N minutes with M visitors at once, bookable from so many days ahead
 * until so many minutes before, at most so many a day, optionally only between two days. No rule:
 * the service is not bookable.
 */
import { WEEKDAYS } from '../../../electron/common/domain/calendar';
import type { Path } from '../../../electron/common/validation/schema-problems';
import { useT, type MessageId } from '../../i18n/i18n';
import { appendAt, newRule } from './draft';
import { CheckList, NumberField, Problems, TextField } from './fields';
import { focusPlace, useOfficeForm } from './form';
import { fieldId } from './problems';

export function AvailabilityRules({ index }: { index: number }) {
  const t = useT();
  const form = useOfficeForm();
  const path = ['services', index, 'availability'];
  const service = form.draft.services[index]!;
  const rules = service.availability ?? [];
  const add = () => {
    form.change((draft) => appendAt(draft, path, newRule(service)));
    requestAnimationFrame(() => focusPlace(fieldId([...path, rules.length, 'id'])));
  };
  return (
    <fieldset id={fieldId(path)} className="office-list">
      <legend>{t('office.booking.title')}</legend>
      <p className="hint">{t('office.booking.hint')}</p>
      <Problems path={path} />
      {rules.length === 0 && <p>{t('office.booking.none')}</p>}
      {rules.map((_, at) => (
        <RuleFields key={at} path={[...path, at]} n={at + 1} />
      ))}
      <button type="button" onClick={add}>
        {t('office.booking.add')}
      </button>
    </fieldset>
  );
}

/** An optional day: empty leaves it out. */
function dayOrNothing(set: (path: Path, value: unknown) => void, path: Path) {
  return (text: string) => set(path, text === '' ? undefined : text);
}

function RuleFields({ path, n }: { path: Path; n: number }) {
  const t = useT();
  const form = useOfficeForm();
  const number = (field: string) => (
    <NumberField
      path={[...path, field]}
      label={t(`office.booking.${field}` as MessageId)}
      hint={t(`office.booking.${field}.hint` as MessageId)}
    />
  );
  return (
    <fieldset id={fieldId(path)} className="office-item">
      <legend>{t('office.booking.item', { n })}</legend>
      <Problems path={path} />
      <TextField
        path={[...path, 'id']}
        label={t('office.booking.id')}
        hint={t('office.booking.id.hint')}
        maxLength={64}
      />
      <CheckList
        path={[...path, 'weekdays']}
        legend={t('office.booking.weekdays')}
        choices={WEEKDAYS.map((weekday) => ({ value: weekday, label: t(`office.weekday.${weekday}` as MessageId) }))}
      />
      <div className="office-row">
        <TextField path={[...path, 'from']} type="time" label={t('office.booking.from')} />
        <TextField path={[...path, 'to']} type="time" label={t('office.booking.to')} />
      </div>
      {number('slotMinutes')}
      {number('parallel')}
      {number('bookableDaysAhead')}
      {number('closesMinutesBefore')}
      {number('dailyLimit')}
      <div className="office-row">
        <TextField
          path={[...path, 'validFrom']}
          type="date"
          label={t('office.booking.validFrom')}
          onText={dayOrNothing(form.set, [...path, 'validFrom'])}
        />
        <TextField
          path={[...path, 'validUntil']}
          type="date"
          label={t('office.booking.validUntil')}
          onText={dayOrNothing(form.set, [...path, 'validUntil'])}
        />
      </div>
      <button type="button" onClick={() => form.set(path, undefined)}>
        {t('office.booking.remove', { n })}
      </button>
    </fieldset>
  );
}
