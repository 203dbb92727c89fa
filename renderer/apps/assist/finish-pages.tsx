/**
 * The last pages of an assisted session: check the answers (a change link per answer, and the
 * answers given at two counters side by side for the clerk to choose), sign (the way the
 * e-service allows: online with the visitor's own Profil Zaufany or e-dowód, a printout signed by
 * hand, the signature pad bound to the summary's hash, or the clerk's note when the visitor cannot
 * sign), and the confirmation with the reference and what happens next.
 */
import { SignatureCanvas } from '../../app/signature/signature-canvas';
import type { SignatureJson } from '../../app/signature/from-signature-pad';
import { useState } from 'react';
import type { EServiceDefinition, SigningPath } from '../../../electron/common/eservices/definition';
import { answerText, firstUnanswered, visibleSteps } from '../../../electron/common/eservices/flow';
import {
  answerMap,
  openConflicts,
  settleConflict,
  type AnswerConflict,
} from '../../../electron/common/eservices/session';
import { useT, type MessageId } from '../../i18n/i18n';
import { PageFrame, useFocusOnArrival } from './clerk-pages';
import { PdfLink, type Finishing } from './use-finishing';
import type { AssistedSession } from './use-assisted-session';

export function CheckPage({
  assisted,
  definition,
  today,
  who,
}: {
  assisted: AssistedSession;
  definition: EServiceDefinition;
  today: string;
  who: { clerk: string; counter: number };
}) {
  const t = useT();
  const session = assisted.session!;
  const answers = answerMap(session);
  const conflicts = openConflicts(session);
  const missing = firstUnanswered(definition, answers, today);
  const problems = [
    ...(missing ? [t('assist.check.missing', { question: missing.title.pl })] : []),
    ...(conflicts.length > 0 ? [t('assist.check.conflicts')] : []),
  ];
  const [tried, setTried] = useState(false);
  return (
    <PageFrame
      title={t('assist.check.title')}
      progress={assisted.progress}
      onBack={() => void assisted.back()}
      problems={tried ? problems : []}
      onSubmit={() => {
        setTried(true);
        if (problems.length === 0) void assisted.next();
      }}
    >
      {conflicts.length > 0 && (
        <ConflictList assisted={assisted} definition={definition} conflicts={conflicts} who={who} />
      )}
      <dl className="assist-summary">
        {Object.entries(session.identity).map(([field, value]) => (
          <div key={field}>
            <dt>{t(`visitor.field.${field}` as MessageId)}</dt>
            <dd>{value}</dd>
            <dd />
          </div>
        ))}
        {visibleSteps(definition, answers).map((step) => (
          <div key={step.id}>
            <dt>{step.title.pl}</dt>
            <dd>{answerText(step.question, answers[step.question.id], 'pl')}</dd>
            <dd>
              <button type="button" className="link" onClick={() => void assisted.goTo(`question:${step.id}`, true)}>
                {t('assist.check.change')}
                <span className="visually-hidden"> {step.title.pl}</span>
              </button>
            </dd>
          </div>
        ))}
      </dl>
    </PageFrame>
  );
}

/** Two answers to one question from two counters: the clerk and the visitor choose one. */
function ConflictList({
  assisted,
  definition,
  conflicts,
  who,
}: {
  assisted: AssistedSession;
  definition: EServiceDefinition;
  conflicts: readonly AnswerConflict[];
  who: { clerk: string; counter: number };
}) {
  const t = useT();
  const session = assisted.session!;
  const kept = new Map(session.answers.map((answer) => [answer.question, answer]));
  return (
    <section className="assist-conflicts" aria-labelledby="assist-conflicts-title">
      <h3 id="assist-conflicts-title">{t('assist.conflict.title')}</h3>
      {conflicts.map((conflict) => {
        const step = definition.steps.find((candidate) => candidate.question.id === conflict.question);
        const current = kept.get(conflict.question);
        if (!step || !current) return null;
        // The answer's fields only: an alternative's `id` is no field of an answer, and the hub
        // refuses a session whose answer has one (the choice would never leave this workstation).
        const choose = ({ question, value, by, clerk, counter, at }: typeof current) => {
          const answer = { question, value, by, clerk, counter, at };
          void assisted.change((latest) =>
            settleConflict(latest, conflict.question, answer, { ...who, at: Date.now() }),
          );
        };
        return (
          <div key={conflict.id} className="assist-conflict">
            <p>{step.title.pl}</p>
            {[current, conflict].map((option) => (
              <button key={`${option.counter}-${option.at}`} type="button" onClick={() => choose(option)}>
                {t('assist.conflict.choose', {
                  answer: answerText(step.question, option.value, 'pl'),
                  counter: option.counter,
                  clerk: option.clerk,
                })}
              </button>
            ))}
          </div>
        );
      })}
    </section>
  );
}

/** The declaration's button is named after what it does (GOV.UK): submit, confirm online, refer. */
const SUBMIT_LABEL = {
  paper: 'assist.sign.submit',
  online: 'assist.sign.submitOnline',
  referral: 'assist.sign.submitReferral',
} as const;

export function SignPage({
  assisted,
  definition,
  finishing,
}: {
  assisted: AssistedSession;
  definition: EServiceDefinition;
  finishing: Finishing;
}) {
  const t = useT();
  const [path, setPath] = useState<SigningPath>(definition.signing[0]!);
  return (
    <PageFrame
      title={t('assist.sign.title')}
      progress={assisted.progress}
      onBack={() => void assisted.back()}
      problems={finishing.problem ? [finishing.problem] : []}
      onSubmit={() => void finishing.complete(path)}
      submitLabel={t(SUBMIT_LABEL[definition.outcome.kind])}
    >
      <fieldset className="assist-choices">
        <legend>{t('assist.sign.how')}</legend>
        {definition.signing.map((option) => (
          <label key={option} className="assist-choice">
            <input type="radio" name="signing" checked={path === option} onChange={() => setPath(option)} />
            <span>{t(`assist.sign.path.${option}` as MessageId)}</span>
          </label>
        ))}
      </fieldset>
      <SigningDetails
        path={path}
        definition={definition}
        finishing={finishing}
        onUnable={() => definition.signing.includes('unable') && setPath('unable')}
      />
    </PageFrame>
  );
}

function SigningDetails({
  path,
  definition,
  finishing,
  onUnable,
}: {
  path: SigningPath;
  definition: EServiceDefinition;
  finishing: Finishing;
  onUnable: () => void;
}) {
  const t = useT();
  if (path === 'online') {
    const items = definition.outcome.kind === 'online' ? definition.outcome.checklist.map((item) => item.pl) : [];
    return (
      <fieldset className="assist-checklist">
        <legend>{t('assist.sign.onlineSteps')}</legend>
        {[...items, t('assist.sign.onlineSigned')].map((item, index) => (
          <label key={item} className="assist-choice">
            <input
              type="checkbox"
              checked={finishing.ticked.includes(index)}
              onChange={(event) => finishing.tick(index, event.target.checked, items.length + 1)}
            />
            <span>{item}</span>
          </label>
        ))}
      </fieldset>
    );
  }
  if (path === 'handwritten')
    return (
      <div className="assist-signing">
        <p>{t('assist.sign.handwrittenExplain')}</p>
        <button type="button" onClick={() => void finishing.printApplication()}>
          {t('assist.sign.printApplication')}
        </button>
        {finishing.application && <PdfLink pdf={finishing.application} label={t('assist.sign.applicationPdf')} />}
      </div>
    );
  if (path === 'pad')
    return (
      <div className="assist-signing">
        <p>{t('assist.sign.padExplain', { digest: finishing.digest ?? '…' })}</p>
        <button type="button" onClick={() => void finishing.signOnPad()}>
          {t(finishing.signature ? 'assist.sign.padAgain' : 'assist.sign.pad')}
        </button>
        <ScreenSignature finishing={finishing} onUnable={onUnable} />
        {finishing.waiting && <p role="status">{t('ack.pad.waiting')}</p>}
        {finishing.signature && (
          <img className="signature-image" alt={t('ack.signatureOf')} src={finishing.signature.url} />
        )}
      </div>
    );
  return (
    <div className="assist-input">
      <label htmlFor="assist-unable-note">{t('assist.sign.unableNote')}</label>
      <textarea
        id="assist-unable-note"
        rows={3}
        value={finishing.note}
        onChange={(event) => finishing.setNote(event.target.value)}
      />
    </div>
  );
}

/** No pad at this counter, or the visitor prefers: a signature drawn on the screen, bound the same way. */
function ScreenSignature({ finishing, onUnable }: { finishing: Finishing; onUnable: () => void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [drawn, setDrawn] = useState<SignatureJson | null>(null);
  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)}>
        {t('ack.screen')}
      </button>
    );
  return (
    <div className="assist-screen-signature">
      <SignatureCanvas
        label={t('ack.screen.label')}
        hint={t('ack.screen.hint')}
        clearLabel={t('ack.screen.clear')}
        unableLabel={t('ack.unable')}
        onChange={setDrawn}
        onUnable={onUnable}
      />
      <button type="button" disabled={!drawn} onClick={() => drawn && void finishing.signOnScreen(drawn)}>
        {t('ack.screen.confirm')}
      </button>
    </div>
  );
}

export function ConfirmationPage({
  assisted,
  definition,
  finishing,
  onClose,
}: {
  assisted: AssistedSession;
  definition: EServiceDefinition;
  finishing: Finishing;
  onClose: () => void;
}) {
  const t = useT();
  const heading = useFocusOnArrival<HTMLHeadingElement>();
  const session = assisted.session!;
  return (
    <section className="assist-page" aria-labelledby="assist-done-title">
      <div className="assist-panel-done">
        <h2 id="assist-done-title" tabIndex={-1} ref={heading}>
          {t(session.status === 'referred' ? 'assist.done.referred' : 'assist.done.title')}
        </h2>
        <p>
          {t('assist.done.reference')} <strong className="assist-reference">{session.reference}</strong>
        </p>
        {session.signing && (
          <p className="assist-digest">
            {t('assist.done.digest')} <code>{session.signing.digest}</code>
          </p>
        )}
      </div>
      <h3>{t('assist.doc.next')}</h3>
      <p>{definition.nextSteps.pl}</p>
      {definition.documents.length > 0 && (
        <>
          <h3>{t('assist.doc.bring')}</h3>
          <ul>
            {definition.documents.map((item) => (
              <li key={item.pl}>{item.pl}</li>
            ))}
          </ul>
        </>
      )}
      <div className="counter-actions">
        <button type="button" className="primary" onClick={() => void finishing.printSummary()}>
          {t('assist.done.print')}
        </button>
        <button type="button" onClick={onClose}>
          {t('assist.done.close')}
        </button>
      </div>
      {finishing.problem && <p role="alert">{finishing.problem}</p>}
      {finishing.summary && <PdfLink pdf={finishing.summary} label={t('assist.done.pdf')} />}
    </section>
  );
}
