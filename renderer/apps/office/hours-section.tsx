/**
 * When the office is open: its hours per weekday (one or more stretches a day, none: closed), its
 * own closures (a day and why), and Poland's public holidays of this year, computed and only shown.
 */
import { useIntl } from 'react-intl';
import { polishHolidays, WEEKDAYS, type Weekday } from '../../../electron/common/domain/calendar';
import type { Language } from '../../../electron/common/domain/office';
import { officeDay } from '../../../electron/common/domain/office-time';
import { useWorkstation } from '../../app/workstation';
import { useT, type MessageId } from '../../i18n/i18n';
import { appendAt, workingWeek } from './draft';
import { LocalizedFields, Problems, TextField } from './fields';
import { focusPlace, useOfficeForm } from './form';
import { fieldId } from './problems';

export function HoursSection() {
  const t = useT();
  const form = useOfficeForm();
  const { hours } = form.draft.office;
  return (
    <section className="office-card" aria-labelledby="office-hours-title">
      <h2 id="office-hours-title">{t('office.hours.title')}</h2>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={hours !== undefined}
          aria-describedby="office-hours-kept-hint"
          onChange={(event) => form.set(['office', 'hours'], event.target.checked ? workingWeek() : undefined)}
        />
        {t('office.hours.kept')}
      </label>
      <p id="office-hours-kept-hint" className="hint">
        {t('office.hours.kept.hint')}
      </p>
      <div id={fieldId(['office', 'hours'])} className="office-week">
        <Problems path={['office', 'hours']} />
        {hours && WEEKDAYS.map((weekday) => <WeekdayHours key={weekday} weekday={weekday} ranges={hours[weekday]} />)}
      </div>
      <Closures />
      <Holidays />
    </section>
  );
}

function WeekdayHours({ weekday, ranges }: { weekday: Weekday; ranges: readonly { from: string; to: string }[] }) {
  const t = useT();
  const form = useOfficeForm();
  const path = ['office', 'hours', weekday] as const;
  const day = t(`office.weekday.${weekday}` as MessageId);
  const add = () => {
    const last = ranges.at(-1);
    form.change((draft) => appendAt(draft, path, last ? { from: '', to: '' } : { from: '08:00', to: '16:00' }));
    requestAnimationFrame(() => focusPlace(fieldId([...path, ranges.length, 'from'])));
  };
  return (
    <fieldset id={fieldId(path)} className="office-day">
      <legend>{day}</legend>
      <Problems path={path} />
      {ranges.length === 0 && <p>{t('office.hours.closed')}</p>}
      {ranges.map((_, index) => (
        <div key={index} className="office-row">
          <TextField
            path={[...path, index, 'from']}
            type="time"
            label={t('office.hours.from', { day, n: index + 1 })}
          />
          <TextField path={[...path, index, 'to']} type="time" label={t('office.hours.to', { day, n: index + 1 })} />
          <button type="button" onClick={() => form.set([...path, index], undefined)}>
            {t('office.hours.remove', { day, n: index + 1 })}
          </button>
        </div>
      ))}
      <button type="button" onClick={add}>
        {t('office.hours.add', { day })}
      </button>
    </fieldset>
  );
}

function Closures() {
  const t = useT();
  const form = useOfficeForm();
  const path = ['office', 'closures'] as const;
  const closures = form.draft.office.closures;
  const add = () => {
    form.change((draft) => appendAt(draft, path, { day: '', reason: { pl: '', en: '', uk: '' } }));
    requestAnimationFrame(() => focusPlace(fieldId([...path, closures.length, 'day'])));
  };
  return (
    <fieldset id={fieldId(path)} className="office-list">
      <legend>{t('office.closures.title')}</legend>
      <p className="hint">{t('office.closures.hint')}</p>
      <Problems path={path} />
      {closures.length === 0 && <p>{t('office.closures.none')}</p>}
      {closures.map((_, index) => (
        <fieldset key={index} id={fieldId([...path, index])} className="office-item">
          <legend>{t('office.closures.item', { n: index + 1 })}</legend>
          <Problems path={[...path, index]} />
          <TextField path={[...path, index, 'day']} type="date" label={t('office.closures.day', { n: index + 1 })} />
          <LocalizedFields path={[...path, index, 'reason']} legend={t('office.closures.reason', { n: index + 1 })} />
          <button type="button" onClick={() => form.set([...path, index], undefined)}>
            {t('office.closures.remove', { n: index + 1 })}
          </button>
        </fieldset>
      ))}
      <button type="button" onClick={add}>
        {t('office.closures.add')}
      </button>
    </fieldset>
  );
}

/** This year's public holidays in the office's time zone: computed, not edited. */
function Holidays() {
  const t = useT();
  const { now } = useWorkstation();
  const locale = useIntl().locale as Language;
  const { timeZone } = useOfficeForm().draft.office;
  const year = Number(officeDay(now(), validZone(timeZone)).slice(0, 4));
  const format = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
  return (
    <div className="office-holidays">
      <h3 id="office-holidays-title">{t('office.holidays.title', { year })}</h3>
      <p className="hint">{t('office.holidays.hint')}</p>
      <ul aria-labelledby="office-holidays-title">
        {polishHolidays(year).map((holiday) => (
          <li key={holiday.day}>
            {t('office.holidays.item', {
              day: format.format(new Date(`${holiday.day}T12:00:00Z`)),
              name: holiday.name[locale],
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The draft's time zone while it is one; Warsaw's while it is being typed. */
function validZone(zone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return 'Europe/Warsaw';
  }
}
