/**
 * What a service needs and accepts: the visitor's details the clerk needs, priority (whether, and
 * for which of the office's reasons), the e-services a clerk may start from it, what the visitor
 * signs at the end; and its limits: tickets a day, the cut-off before closing, the finder's words.
 */
import { PRIORITY_REASONS } from '../../../electron/common/domain/office';
import { SERVICE_IDENTITY_FIELDS } from '../../../electron/common/domain/identity';
import { LANGUAGES } from '../../../electron/common/domain/office';
import { useT, type MessageId } from '../../i18n/i18n';
import { CheckboxField, CheckList, LocalizedFields, NumberField, WordsField, type Choice } from './fields';
import { useOfficeForm } from './form';

export function ServiceNeeds({ index, eservices }: { index: number; eservices: readonly Choice[] }) {
  const t = useT();
  const form = useOfficeForm();
  const path = ['services', index];
  const accepted = form.draft.office.priorityReasons;
  const service = form.draft.services[index]!;
  return (
    <>
      <CheckList
        path={[...path, 'identityFields']}
        legend={t('office.service.identity')}
        choices={SERVICE_IDENTITY_FIELDS.map((field) => ({
          value: field,
          label: t(`visitor.field.${field}` as MessageId),
        }))}
      />
      <CheckboxField path={[...path, 'allowsPriority']} label={t('office.service.allowsPriority')} />
      {service.allowsPriority && (
        <CheckList
          path={[...path, 'priorityReasons']}
          legend={t('office.service.reasons')}
          absent={accepted}
          choices={PRIORITY_REASONS.map((reason) => {
            const label = t(`office.reason.${reason}` as MessageId);
            return {
              value: reason,
              label: accepted.includes(reason) ? label : t('office.service.reasonNotAccepted', { reason: label }),
            };
          })}
        />
      )}
      <CheckList
        path={[...path, 'eservices']}
        legend={t('office.service.eservices')}
        choices={eservices}
        unknown={(id) => t('office.service.eserviceUnknown', { id })}
      />
      <LocalizedFields path={[...path, 'acknowledgement']} legend={t('office.service.acknowledgement')} optional />
    </>
  );
}

export function ServiceLimits({ index }: { index: number }) {
  const t = useT();
  const form = useOfficeForm();
  const path = ['services', index];
  const words = form.draft.services[index]!.searchWords;
  return (
    <>
      <NumberField
        path={[...path, 'dailyLimit']}
        label={t('office.service.dailyLimit')}
        hint={t('office.service.dailyLimit.hint')}
      />
      <NumberField
        path={[...path, 'cutoffMinutes']}
        label={t('office.service.cutoff')}
        hint={t('office.service.cutoff.hint')}
      />
      <fieldset className="office-localized">
        <legend>{t('office.service.searchWords')}</legend>
        {LANGUAGES.map((language) => (
          <WordsField
            key={language}
            path={[...path, 'searchWords', language]}
            label={t(`office.in.${language}` as MessageId, { what: t('office.service.searchWords') })}
            hint={t('office.service.searchWords.hint')}
            onWords={(typed) => {
              const next = { pl: [], en: [], uk: [], ...words, [language]: typed };
              const empty = LANGUAGES.every((other) => next[other].length === 0);
              form.set([...path, 'searchWords'], empty ? undefined : next);
            }}
          />
        ))}
      </fieldset>
    </>
  );
}
