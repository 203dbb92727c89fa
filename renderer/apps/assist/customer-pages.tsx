/**
 * The page the visitor sees on their screen, built from the clerk's view and the e-service's
 * definition, in the visitor's language; and the same page as one text to read aloud.
 */
import { useState, type FormEvent } from 'react';
import type { AssistView } from '../../../electron/common/contract/assist';
import type { Language } from '../../../electron/common/domain/office';
import type { EServiceDefinition, Step } from '../../../electron/common/eservices/definition';
import { answerText, type AnswerValue } from '../../../electron/common/eservices/flow';
import { useWorkstation } from '../../app/workstation';
import { useT, type MessageId, type Translate } from '../../i18n/i18n';
import { SAFETY_POINTS } from './documents';
import { QuestionField } from './question-field';

function stepOf(view: AssistView, definition: EServiceDefinition): Step | undefined {
  if (!view.page.startsWith('question:')) return undefined;
  const id = view.page.slice('question:'.length);
  return definition.steps.find((step) => step.id === id);
}

function answerRows(view: AssistView, definition: EServiceDefinition, language: Language) {
  return definition.steps
    .map((step) => {
      const answer = view.answers.find((one) => one.question === step.question.id);
      return answer ? { step, text: answerText(step.question, answer.value, language) } : null;
    })
    .filter((row) => row !== null);
}

/** Everything on the visitor's page as one text, for the speech synthesiser. */
export function pageText(
  view: AssistView,
  definition: EServiceDefinition,
  language: Language,
  t: Translate,
  days: number,
): string {
  const step = stepOf(view, definition);
  const progress = t('assist.progress', view.progress);
  const help = step?.help?.[language] ?? '';
  const parts: Record<string, () => string[]> = {
    question: () => (step ? [progress, step.title[language], help, ...spokenChoices(step, language, t)] : []),
    start: () => [progress, definition.title[language], definition.summary[language], ...consentWords(t, days)],
    // The details themselves are not read out: others in the room would hear a PESEL.
    identity: () => [
      t('customer.identity.title'),
      t('customer.identity.spoken', {
        fields: view.identity.map((row) => t(`visitor.field.${row.field}` as MessageId)).join(', '),
      }),
      t('customer.identity.text'),
    ],
    check: () => [
      t('customer.check.title'),
      ...answerRows(view, definition, language).map((row) => `${row.step.title[language]} ${row.text}`),
    ],
    safety: () => [t('assist.safety.title'), ...SAFETY_POINTS.map((point) => t(`assist.safety.${point}` as MessageId))],
    sign: () => [progress, t('customer.sign.title'), t('customer.sign.text')],
    confirmation: () => [
      t('assist.done.title'),
      t('customer.done.reference', { code: spelled(view.reference) }),
      definition.nextSteps[language],
    ],
  };
  const kind = step ? 'question' : view.page;
  return (parts[kind] ?? parts.sign!)().filter(Boolean).join('. ');
}

function consentWords(t: Translate, days: number): string[] {
  return [t('assist.consent.title'), t('assist.consent.text', { days })];
}

/** What the visitor may answer, read after the question: the options, yes and no, the statement to confirm. */
function spokenChoices(step: Step, language: Language, t: Translate): string[] {
  const question = step.question;
  if (question.kind === 'choice') return question.options.map((option) => option.label[language]);
  if (question.kind === 'yes-no') return [t('assist.yes'), t('assist.no')];
  if (question.kind === 'declaration') return [question.statement[language]];
  return [];
}

/** A code read letter by letter: "K, 7, M, 3…". */
function spelled(code: string): string {
  return [...code.replace('-', '')].join(', ');
}

export function CustomerPage({
  counter,
  view,
  definition,
  language,
}: {
  counter: number;
  view: AssistView;
  definition: EServiceDefinition;
  language: Language;
}) {
  const step = stepOf(view, definition);
  if (step)
    return (
      <QuestionOnScreen
        key={`${view.session}|${view.page}|${view.typing}`}
        counter={counter}
        view={view}
        step={step}
        language={language}
      />
    );
  return <InfoPage view={view} definition={definition} language={language} />;
}

/** A page with nothing to answer on the visitor's screen: it only shows where the matter stands. */
function InfoPage({
  view,
  definition,
  language,
}: {
  view: AssistView;
  definition: EServiceDefinition;
  language: Language;
}) {
  const t = useT();
  const { keepSessionDays } = useWorkstation();
  switch (view.page) {
    case 'start':
      return (
        <section className="customer-page">
          <h1>{definition.title[language]}</h1>
          <p>{definition.summary[language]}</p>
          <h2>{t('assist.consent.title')}</h2>
          <p>{t('assist.consent.text', { days: keepSessionDays })}</p>
        </section>
      );
    case 'identity':
      return <IdentityOnScreen view={view} />;
    case 'safety':
      return (
        <section className="customer-page">
          <h1>{t('assist.safety.title')}</h1>
          <ul className="assist-safety">
            {SAFETY_POINTS.map((point) => (
              <li key={point}>{t(`assist.safety.${point}` as MessageId)}</li>
            ))}
          </ul>
        </section>
      );
    case 'check':
      return (
        <section className="customer-page">
          <h1>{t('customer.check.title')}</h1>
          <dl className="assist-summary">
            {answerRows(view, definition, language).map((row) => (
              <div key={row.step.id}>
                <dt>{row.step.title[language]}</dt>
                <dd>{row.text}</dd>
              </div>
            ))}
          </dl>
        </section>
      );
    case 'sign':
      return (
        <section className="customer-page">
          <h1>{t('customer.sign.title')}</h1>
          <p>{t('customer.sign.text')}</p>
        </section>
      );
    default:
      return (
        <section className="customer-page assist-panel-done">
          <h1>{t('assist.done.title')}</h1>
          <p>
            {t('assist.done.reference')} <strong className="assist-reference">{view.reference}</strong>
          </p>
          <p>{definition.nextSteps[language]}</p>
        </section>
      );
  }
}

/** A question on the visitor's screen: answered here when it is the visitor's turn to type. */
function QuestionOnScreen({
  counter,
  view,
  step,
  language,
}: {
  counter: number;
  view: AssistView;
  step: Step;
  language: Language;
}) {
  const t = useT();
  const { api } = useWorkstation();
  const mine = view.typing === 'visitor';
  // While the visitor types, their own draft is what they see; the clerk's copy follows it.
  // Keyed by the session, page and typist: a new page starts from the clerk's copy.
  const [draft, setDraft] = useState<AnswerValue | null | undefined>(undefined);
  const value = mine && draft !== undefined ? draft : view.draft;
  const send = (input: { kind: 'continue'; value?: AnswerValue } | { kind: 'back' }) =>
    void api.assist.input({ counter, input: { ...input, session: view.session, page: view.page } });
  const change = (next: AnswerValue) => {
    setDraft(next);
    void api.assist.input({ counter, input: { kind: 'answer', session: view.session, page: view.page, value: next } });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send(value === null ? { kind: 'continue' } : { kind: 'continue', value });
  };
  const error = view.problem ? t(`assist.problem.${view.problem}` as MessageId) : null;
  return (
    <form className="customer-page" onSubmit={submit} noValidate>
      {mine && (
        <button type="button" className="assist-back" onClick={() => send({ kind: 'back' })}>
          {t('assist.back')}
        </button>
      )}
      {error && (
        <div className="assist-error-summary" role="alert">
          {error}
        </div>
      )}
      <h1>{step.title[language]}</h1>
      {step.help && <p className="assist-help">{step.help[language]}</p>}
      <p className="hint">{t(mine ? 'customer.yourTurn' : 'customer.clerkTypes')}</p>
      <QuestionField
        question={step.question}
        language={language}
        label={step.title[language]}
        value={value}
        onChange={change}
        error={error}
        idPrefix={`c-${step.id}`}
        readOnly={!mine}
      />
      {mine && (
        <button type="submit" className="primary assist-continue">
          {t('assist.continue')}
        </button>
      )}
    </form>
  );
}

function IdentityOnScreen({ view }: { view: AssistView }) {
  const t = useT();
  return (
    <section className="customer-page">
      <h1>{t('customer.identity.title')}</h1>
      <dl className="assist-summary">
        {view.identity.map((row) => (
          <div key={row.field}>
            <dt>{t(`visitor.field.${row.field}` as MessageId)}</dt>
            <dd>{row.value}</dd>
          </div>
        ))}
      </dl>
      <p>{t('customer.identity.text')}</p>
    </section>
  );
}
