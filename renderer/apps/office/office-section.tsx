/** The office itself (its id, name, address, time zone) and what its tickets carry. */
import { useT } from '../../i18n/i18n';
import { LocalizedFields, NumberField, TextField } from './fields';
import { useOfficeForm } from './form';
import { fieldId } from './problems';

/** The time zones this browser knows, for the field's suggestions. */
const TIME_ZONES = Intl.supportedValuesOf('timeZone');

export function OfficeSection() {
  const t = useT();
  const form = useOfficeForm();
  return (
    <section className="office-card" id={fieldId(['office'])} aria-labelledby="office-office-title">
      <h2 id="office-office-title">{t('office.office.title')}</h2>
      <TextField
        path={['office', 'id']}
        label={t('office.office.id')}
        hint={t(form.saved ? 'office.office.id.saved' : 'office.office.id.hint')}
        readOnly={form.saved}
        maxLength={64}
      />
      <LocalizedFields path={['office', 'name']} legend={t('office.office.name')} />
      <TextField
        path={['office', 'address']}
        label={t('office.office.address')}
        hint={t('office.office.address.hint')}
        maxLength={300}
        onText={(address) => form.set(['office', 'address'], address === '' ? undefined : address)}
      />
      <TextField
        path={['office', 'timeZone']}
        label={t('office.office.timeZone')}
        hint={t('office.office.timeZone.hint')}
        list="office-time-zones"
      />
      <datalist id="office-time-zones">
        {TIME_ZONES.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
    </section>
  );
}

export function TicketsSection() {
  const t = useT();
  return (
    <section className="office-card" aria-labelledby="office-tickets-title">
      <h2 id="office-tickets-title">{t('office.tickets.title')}</h2>
      <LocalizedFields path={['office', 'ticketNote']} legend={t('office.tickets.note')} />
      <TextField
        path={['office', 'statusUrl']}
        type="url"
        label={t('office.tickets.statusUrl')}
        hint={t('office.tickets.statusUrl.hint')}
      />
      <NumberField
        path={['office', 'appointmentGraceMinutes']}
        label={t('office.tickets.grace')}
        hint={t('office.tickets.grace.hint')}
      />
      <NumberField
        path={['office', 'targetWaitMinutes']}
        label={t('office.tickets.targetWait')}
        hint={t('office.tickets.targetWait.hint')}
      />
    </section>
  );
}
