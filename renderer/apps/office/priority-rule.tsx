/**
 * The priority rule in words — one wording for the supervisor, who reads the rule as it is now
 * (`PriorityRuleWords`), and for the admin, who chooses it here in the same words
 * (`PriorityRuleEditor`): strictly priority first, or one priority visitor after every N normal
 * calls, and which reasons give priority at all.
 */
import { useIntl } from 'react-intl';
import { PRIORITY_REASONS, type PriorityReason, type PriorityRule } from '../../../electron/common/domain/office';
import { normalPerPriority } from '../../../electron/common/domain/ordering';
import { useT, type MessageId, type Translate } from '../../i18n/i18n';
import { CheckList, NumberField, Problems } from './fields';
import { useOfficeForm } from './form';
import { fieldId } from './problems';

/** "Strictly: …" or "One … after every N normal calls". */
export function priorityRuleText(t: Translate, rule: PriorityRule): string {
  // While the admin is typing N it may be no number yet.
  if (rule.mode === 'ratio' && !Number.isInteger(rule.normalPerPriority)) return t('office.priority.ratio.missing');
  const n = normalPerPriority(rule);
  return n === 0 ? t('office.priority.strict') : t('office.priority.ratio', { n });
}

/** The reasons that give priority, in words ("… and …"). */
function reasonsText(t: Translate, locale: string, reasons: readonly PriorityReason[]): string {
  if (reasons.length === 0) return t('office.priority.noReasons');
  const names = reasons.map((reason) => t(`office.reason.${reason}` as MessageId));
  return t('office.priority.reasons', { reasons: new Intl.ListFormat(locale, { type: 'conjunction' }).format(names) });
}

/** The rule as it is now, in words: how priority visitors are called, who they are, and what comes first (ordering.ts). */
export function PriorityRuleWords({ rule, reasons }: { rule: PriorityRule; reasons: readonly PriorityReason[] }) {
  const t = useT();
  const { locale } = useIntl();
  return (
    <>
      <p>{priorityRuleText(t, rule)}</p>
      <p>{reasonsText(t, locale, reasons)}</p>
      <p>{t('office.priority.order')}</p>
    </>
  );
}

const RULE = ['office', 'priorityRule'] as const;

/** The admin chooses the rule in the same words, and the reasons that count. */
export function PriorityRuleEditor() {
  const t = useT();
  const form = useOfficeForm();
  const { priorityRule: rule, priorityReasons: reasons } = form.draft.office;
  const choose = (mode: PriorityRule['mode']) =>
    form.set(
      RULE,
      mode === 'strict' ? { mode } : { mode, normalPerPriority: rule.mode === 'ratio' ? rule.normalPerPriority : 3 },
    );
  return (
    <section className="office-card" aria-labelledby="office-rule-title">
      <h2 id="office-rule-title">{t('office.priority.title')}</h2>
      <fieldset id={fieldId(RULE)} className="office-checks">
        <legend>{t('office.priority.how')}</legend>
        <Problems path={RULE} />
        {(['strict', 'ratio'] as const).map((mode) => (
          <label key={mode} className="checkbox">
            <input type="radio" name="office-rule-mode" checked={rule.mode === mode} onChange={() => choose(mode)} />
            {t(`office.priority.choice.${mode}` as MessageId)}
          </label>
        ))}
      </fieldset>
      {rule.mode === 'ratio' && (
        <NumberField
          path={[...RULE, 'normalPerPriority']}
          label={t('office.priority.n')}
          hint={t('office.priority.n.hint')}
        />
      )}
      <CheckList
        path={['office', 'priorityReasons']}
        legend={t('office.priority.reasonsLegend')}
        choices={PRIORITY_REASONS.map((reason) => ({
          value: reason,
          label: t(`office.reason.${reason}` as MessageId),
        }))}
      />
      <div className="office-now" aria-live="polite">
        <h3>{t('office.priority.inWords')}</h3>
        <PriorityRuleWords rule={rule} reasons={reasons} />
      </div>
    </section>
  );
}
