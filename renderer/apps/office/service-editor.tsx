/**
 * One service, folded to its line ("Usługa 3: C — Dowody osobiste") until opened: what it is (its
 * id, names, letter, expected duration, place on the kiosk), what it needs of the visitor and
 * accepts (service-needs.tsx), its limits, and when it can be booked (availability-rules.tsx).
 */
import { useT } from '../../i18n/i18n';
import { AvailabilityRules } from './availability-rules';
import { renameService } from './draft';
import { CheckboxField, LocalizedFields, NumberField, Problems, TextField, type Choice } from './fields';
import { useOfficeForm } from './form';
import { fieldId } from './problems';
import { ServiceLimits, ServiceNeeds } from './service-needs';

export interface ItemProps {
  readonly index: number;
  readonly open: boolean;
  readonly onToggle: (open: boolean) => void;
  readonly onRemove: () => void;
}

export function ServiceEditor({
  index,
  open,
  onToggle,
  onRemove,
  eservices,
}: ItemProps & { eservices: readonly Choice[] }) {
  const t = useT();
  const form = useOfficeForm();
  const path = ['services', index];
  const service = form.draft.services[index]!;
  const summaryId = `${fieldId(path)}-summary`;
  const problems = form.problemsUnder(path);
  const name = service.name.pl.trim() || t('office.service.unnamed');
  return (
    <details
      id={fieldId(path)}
      className="office-item"
      open={open}
      onToggle={(event) => onToggle(event.currentTarget.open)}
      aria-labelledby={summaryId}
    >
      <summary id={summaryId}>
        {t('office.service.summary', { n: index + 1, letter: service.letter, name })}
        {!service.active && ` ${t('office.service.inactive')}`}
        {problems > 0 && <strong className="office-marker"> {t('office.problems.count', { count: problems })}</strong>}
      </summary>
      <Problems path={path} />
      <TextField
        path={[...path, 'id']}
        label={t('office.service.id')}
        hint={t('office.service.id.hint')}
        maxLength={64}
        onText={(id) => form.change((draft) => renameService(draft, index, id))}
      />
      <LocalizedFields path={[...path, 'name']} legend={t('office.service.name')} />
      <TextField
        path={[...path, 'letter']}
        label={t('office.service.letter')}
        hint={t('office.service.letter.hint')}
        maxLength={1}
        onText={(letter) => form.set([...path, 'letter'], letter.toUpperCase())}
      />
      <NumberField
        path={[...path, 'averageMinutes']}
        label={t('office.service.minutes')}
        hint={t('office.service.minutes.hint')}
      />
      <NumberField
        path={[...path, 'position']}
        label={t('office.service.position')}
        hint={t('office.service.position.hint')}
      />
      <CheckboxField path={[...path, 'active']} label={t('office.service.active')} />
      <ServiceNeeds index={index} eservices={eservices} />
      <ServiceLimits index={index} />
      <AvailabilityRules index={index} />
      <button type="button" className="danger" onClick={onRemove}>
        {t('office.service.remove', { letter: service.letter, name })}
      </button>
    </details>
  );
}
