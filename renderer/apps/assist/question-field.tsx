/**
 * One question's answer field, the same on the clerk's screen and the visitor's: radio buttons or
 * check boxes for a choice, yes and no, a tick for a declaration, the five parts of an address, and
 * a text box with the right keyboard for the rest. The legend or label is the step's title (the
 * page's heading is the question: GOV.UK's "question pages").
 */
import type { Language } from '../../../electron/common/domain/office';
import type { Question } from '../../../electron/common/eservices/definition';
import { emptyAddress, type AddressValue, type AnswerValue } from '../../../electron/common/eservices/flow';
import { useT, type MessageId } from '../../i18n/i18n';

export interface QuestionFieldProps {
  readonly question: Question;
  /** The words of the labels and options: the visitor's language on their screen. */
  readonly language: Language;
  /** The visible label (the step's title), used as the legend or the input's label. */
  readonly label: string;
  readonly value: AnswerValue | null;
  readonly onChange: (value: AnswerValue) => void;
  /** The problem's words, shown under the label and tied to the field. */
  readonly error: string | null;
  readonly idPrefix: string;
  readonly readOnly?: boolean;
}

export function QuestionField(props: QuestionFieldProps) {
  const { question } = props;
  switch (question.kind) {
    case 'choice':
      return <ChoiceField {...props} question={question} />;
    case 'yes-no':
      return <YesNoField {...props} />;
    case 'declaration':
      return <DeclarationField {...props} question={question} />;
    case 'address':
      return <AddressField {...props} />;
    default:
      return <TextField {...props} />;
  }
}

function ErrorLine({ id, error }: { id: string; error: string | null }) {
  if (!error) return null;
  return (
    <p id={id} className="assist-error">
      {error}
    </p>
  );
}

function ChoiceField(props: QuestionFieldProps & { question: Extract<Question, { kind: 'choice' }> }) {
  const { question, language, label, value, onChange, error, idPrefix, readOnly } = props;
  const chosen = Array.isArray(value) ? (value as readonly string[]) : typeof value === 'string' ? [value] : [];
  const toggle = (option: string, on: boolean) =>
    onChange(on ? [...chosen, option] : chosen.filter((one) => one !== option));
  return (
    <fieldset className="assist-choices" aria-describedby={error ? `${idPrefix}-error` : undefined}>
      <legend className="visually-hidden">{label}</legend>
      <ErrorLine id={`${idPrefix}-error`} error={error} />
      {question.options.map((option) => (
        <label key={option.value} className="assist-choice">
          <input
            type={question.multiple ? 'checkbox' : 'radio'}
            name={idPrefix}
            value={option.value}
            checked={chosen.includes(option.value)}
            disabled={readOnly}
            onChange={(event) =>
              question.multiple ? toggle(option.value, event.target.checked) : onChange(option.value)
            }
          />
          <span>{option.label[language]}</span>
        </label>
      ))}
    </fieldset>
  );
}

function YesNoField({ label, value, onChange, error, idPrefix, readOnly }: QuestionFieldProps) {
  const t = useT();
  return (
    <fieldset className="assist-choices assist-inline" aria-describedby={error ? `${idPrefix}-error` : undefined}>
      <legend className="visually-hidden">{label}</legend>
      <ErrorLine id={`${idPrefix}-error`} error={error} />
      {(['yes', 'no'] as const).map((answer) => (
        <label key={answer} className="assist-choice">
          <input
            type="radio"
            name={idPrefix}
            value={answer}
            checked={value === answer}
            disabled={readOnly}
            onChange={() => onChange(answer)}
          />
          <span>{t(`assist.${answer}` as MessageId)}</span>
        </label>
      ))}
    </fieldset>
  );
}

function DeclarationField(props: QuestionFieldProps & { question: Extract<Question, { kind: 'declaration' }> }) {
  const { question, language, value, onChange, error, idPrefix, readOnly } = props;
  return (
    <div className="assist-declaration">
      <ErrorLine id={`${idPrefix}-error`} error={error} />
      <label className="assist-choice">
        <input
          type="checkbox"
          checked={value === 'yes'}
          disabled={readOnly}
          aria-describedby={error ? `${idPrefix}-error` : undefined}
          onChange={(event) => onChange(event.target.checked ? 'yes' : '')}
        />
        <span>{question.statement[language]}</span>
      </label>
    </div>
  );
}

const ADDRESS_PARTS = ['street', 'building', 'flat', 'postcode', 'town'] as const;

function AddressField({ label, value, onChange, error, idPrefix, readOnly }: QuestionFieldProps) {
  const t = useT();
  const address: AddressValue =
    value && typeof value === 'object' && !Array.isArray(value) ? (value as AddressValue) : emptyAddress();
  return (
    <fieldset className="assist-address" aria-describedby={error ? `${idPrefix}-error` : undefined}>
      <legend className="visually-hidden">{label}</legend>
      <ErrorLine id={`${idPrefix}-error`} error={error} />
      {ADDRESS_PARTS.map((part) => (
        <div key={part} className={`assist-input assist-address-${part}`}>
          <label htmlFor={`${idPrefix}-${part}`}>{t(`assist.address.${part}` as MessageId)}</label>
          <input
            id={`${idPrefix}-${part}`}
            value={address[part]}
            readOnly={readOnly}
            autoComplete="off"
            inputMode={part === 'postcode' ? 'numeric' : undefined}
            onChange={(event) => onChange({ ...address, [part]: event.target.value })}
          />
        </div>
      ))}
    </fieldset>
  );
}

function describedBy(idPrefix: string, hint: boolean, error: boolean): string | undefined {
  const ids = [hint ? `${idPrefix}-hint` : '', error ? `${idPrefix}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

const INPUT_MODE: Partial<Record<Question['kind'], 'numeric' | 'email' | 'tel'>> = {
  pesel: 'numeric',
  number: 'numeric',
  email: 'email',
  phone: 'tel',
};

function TextField({ question, language, label, value, onChange, error, idPrefix, readOnly }: QuestionFieldProps) {
  const t = useT();
  const text = typeof value === 'string' ? value : '';
  const hint =
    question.kind === 'date'
      ? t('assist.hint.date')
      : question.kind === 'text' && question.patternHint
        ? question.patternHint[language]
        : null;
  const common = {
    id: `${idPrefix}-input`,
    value: text,
    readOnly,
    autoComplete: 'off',
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(idPrefix, hint !== null, error !== null),
  } as const;
  return (
    <div className="assist-input">
      <label htmlFor={`${idPrefix}-input`} className="visually-hidden">
        {label}
      </label>
      {hint && (
        <p id={`${idPrefix}-hint`} className="hint">
          {hint}
        </p>
      )}
      <ErrorLine id={`${idPrefix}-error`} error={error} />
      {question.kind === 'text' && question.multiline ? (
        <textarea {...common} rows={4} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input
          {...common}
          type={question.kind === 'date' ? 'date' : question.kind === 'email' ? 'email' : 'text'}
          inputMode={INPUT_MODE[question.kind]}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </div>
  );
}
