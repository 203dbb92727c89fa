/**
 * The clerk's pages of an assisted session that ask something: the start (who is acting, the
 * visitor's consent, the safety advice offered), the visitor's details, one question per page, the
 * safety advice. Each has one heading, "Back" at the top and "Dalej" at the bottom; a problem is
 * summarised at the top and shown next to the field (GOV.UK question pages).
 */
import { useEffect, useEffectEvent, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { VisitorIdentity } from '../../../electron/common/domain/identity';
import type { Step } from '../../../electron/common/eservices/definition';
import type { Acting, AssistedSessionDoc } from '../../../electron/common/eservices/session';
import { useWorkstation } from '../../app/workstation';
import { useT, type MessageId } from '../../i18n/i18n';
import { checkTyped, minimise, type Visitor, type VisitorField } from '../counter/visitor-panel';
import { QuestionField } from './question-field';
import { SAFETY_POINTS } from './documents';
import type { AssistedSession } from './use-assisted-session';

/** The consent text's version: raised whenever the words of 'assist.consent.text' change. */
export const CONSENT_VERSION = '2026-12-05.2';

/**
 * A new page takes the focus to its heading (GOV.UK's pattern): a screen reader reads the question,
 * and Tab goes on to its answer, not back to the top of the counter.
 */
export function useFocusOnArrival<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
}

export function PageFrame({
  title,
  progress,
  onBack,
  problems,
  onSubmit,
  submitLabel,
  children,
}: {
  title: string;
  progress: { step: number; of: number };
  onBack?: () => void;
  problems: readonly string[];
  onSubmit: () => void;
  submitLabel?: string;
  children: ReactNode;
}) {
  const t = useT();
  const heading = useFocusOnArrival<HTMLHeadingElement>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form className="assist-page" onSubmit={submit} noValidate>
      {onBack && (
        <button type="button" className="assist-back" onClick={onBack}>
          {t('assist.back')}
        </button>
      )}
      <p className="assist-progress">{t('assist.progress', progress)}</p>
      {problems.length > 0 && (
        <div className="assist-error-summary" role="alert">
          <h3>{t('assist.problems')}</h3>
          <ul>
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      )}
      <h2 className="assist-question" tabIndex={-1} ref={heading}>
        {title}
      </h2>
      {children}
      <button type="submit" className="primary assist-continue">
        {submitLabel ?? t('assist.continue')}
      </button>
    </form>
  );
}

export function StartPage({ assisted, allowsProxy }: { assisted: AssistedSession; allowsProxy: boolean }) {
  const t = useT();
  const { keepSessionDays } = useWorkstation();
  const session = assisted.session!;
  const [acting, setActing] = useState<Acting>(session.acting);
  const [consent, setConsent] = useState(session.consentAt > 0);
  const [safety, setSafety] = useState(session.safetyShown);
  const [problems, setProblems] = useState<string[]>([]);
  const submit = () => {
    const found = [
      ...(consent ? [] : [t('assist.consent.required')]),
      ...(acting.kind === 'proxy' && (!acting.name.trim() || !acting.document.trim() || !acting.authorisation.trim())
        ? [t('assist.proxy.required')]
        : []),
    ];
    setProblems(found);
    if (found.length > 0) return;
    const at = Date.now();
    void assisted
      .change((current) => ({
        ...current,
        acting,
        consentVersion: CONSENT_VERSION,
        consentAt: current.consentAt || at,
        safetyShown: safety,
        updatedAt: at,
      }))
      .then(() => assisted.next());
  };
  return (
    <PageFrame title={t('assist.start.title')} progress={assisted.progress} problems={problems} onSubmit={submit}>
      {allowsProxy && <ActingFields acting={acting} onActing={setActing} />}
      <h3>{t('assist.consent.title')}</h3>
      <p className="assist-consent-text">{t('assist.consent.text', { days: keepSessionDays })}</p>
      <label className="assist-choice">
        <input type="checkbox" checked={consent} onChange={(event) => setConsent(event.target.checked)} />
        <span>{t('assist.consent.given')}</span>
      </label>
      <label className="assist-choice">
        <input type="checkbox" checked={safety} onChange={(event) => setSafety(event.target.checked)} />
        <span>{t('assist.safety.offer')}</span>
      </label>
    </PageFrame>
  );
}

/**
 * Who acts: the visitor, or a proxy whose name, document and power of attorney are recorded. While
 * "proxy" is chosen, a card swiped through the reader is the proxy's: it fills their name and
 * document number (nothing else of it is kept).
 */
function ActingFields({ acting, onActing }: { acting: Acting; onActing: (acting: Acting) => void }) {
  const t = useT();
  const { api } = useWorkstation();
  const proxy =
    acting.kind === 'proxy' ? acting : { kind: 'proxy' as const, name: '', document: '', authorisation: '' };
  const fillFromCard = useEffectEvent(({ givenNames = '', surname = '', documentNumber = '' }: VisitorIdentity) =>
    onActing({ ...proxy, name: `${givenNames} ${surname}`.trim(), document: documentNumber }),
  );
  const proxyActs = acting.kind === 'proxy';
  useEffect(() => {
    if (!proxyActs) return;
    return api.on('idReader.read', (read) => read.ok && fillFromCard(read.identity));
  }, [api, proxyActs]);
  return (
    <fieldset className="assist-choices">
      <legend>{t('assist.acting.title')}</legend>
      <label className="assist-choice">
        <input
          type="radio"
          name="acting"
          checked={acting.kind === 'self'}
          onChange={() => onActing({ kind: 'self' })}
        />
        <span>{t('assist.acting.self')}</span>
      </label>
      <label className="assist-choice">
        <input type="radio" name="acting" checked={acting.kind === 'proxy'} onChange={() => onActing(proxy)} />
        <span>{t('assist.acting.proxy')}</span>
      </label>
      {acting.kind === 'proxy' && <p>{t('assist.proxy.swipe')}</p>}
      {acting.kind === 'proxy' &&
        (['name', 'document', 'authorisation'] as const).map((field) => (
          <div key={field} className="assist-input">
            <label htmlFor={`proxy-${field}`}>{t(`assist.proxy.${field}` as MessageId)}</label>
            <input
              id={`proxy-${field}`}
              value={acting[field]}
              autoComplete="off"
              onChange={(event) => onActing({ ...acting, [field]: event.target.value })}
            />
          </div>
        ))}
    </fieldset>
  );
}

/** The visitor's details the e-service needs: from the ID card when it is swiped, or typed with the same checks. */
export function IdentityPage({
  assisted,
  fields,
  today,
  known,
}: {
  assisted: AssistedSession;
  fields: readonly VisitorField[];
  today: string;
  /** What the counter already read or typed for this visit. */
  known: Visitor | null;
}) {
  const t = useT();
  const session = assisted.session!;
  // With a proxy acting, the person the counter read or typed for this visit is the proxy, not the visitor.
  const proxyDocument = session.acting.kind === 'proxy' ? session.acting.document.trim().toUpperCase() : null;
  const start = proxyDocument === null ? known : null;
  const [values, setValues] = useState<Partial<Record<VisitorField, string>>>(() =>
    Object.keys(session.identity).length > 0 ? session.identity : (start?.values ?? {}),
  );
  const [from, setFrom] = useState<AssistedSessionDoc['identityFrom']>(
    session.identityFrom || (start ? (start.source === 'card' ? 'reader' : 'typed') : ''),
  );
  const [problems, setProblems] = useState<string[]>([]);
  useSwipedIdentity(fields, proxyDocument, (read) => {
    if (typeof read === 'string') return setProblems([t(read)]);
    setValues(read);
    setFrom('reader');
    setProblems([]);
  });
  const submit = () => {
    const found = checkTyped(values, fields, today);
    setProblems(
      found.map((problem) =>
        t(`visitor.problem.${problem.problem}` as MessageId, {
          field: t(`visitor.field.${problem.field}` as MessageId),
        }),
      ),
    );
    if (found.length > 0) return;
    const identity = Object.fromEntries(fields.map((field) => [field, values[field]?.trim() ?? '']));
    void assisted
      .change((current) => ({ ...current, identity, identityFrom: from || 'typed', updatedAt: Date.now() }))
      .then(() => assisted.next());
  };
  return (
    <PageFrame
      title={t('assist.identity.title')}
      progress={assisted.progress}
      onBack={() => void assisted.back()}
      problems={problems}
      onSubmit={submit}
    >
      <p>
        {t(
          from === 'reader'
            ? 'assist.identity.fromReader'
            : proxyDocument
              ? 'assist.identity.swipeForProxy'
              : 'assist.identity.swipe',
        )}
      </p>
      {fields.map((field) => (
        <div key={field} className="assist-input">
          <label htmlFor={`identity-${field}`}>{t(`visitor.field.${field}` as MessageId)}</label>
          <input
            id={`identity-${field}`}
            value={values[field] ?? ''}
            autoComplete="off"
            inputMode={field === 'pesel' ? 'numeric' : undefined}
            onChange={(event) => {
              const typed = event.target.value;
              setValues((old) => ({ ...old, [field]: typed }));
              setFrom('typed');
            }}
          />
        </div>
      ))}
    </PageFrame>
  );
}

/**
 * The visitor's details from each card swiped on the identity page (only the fields the e-service
 * needs), or why not: a card that could not be read, or the proxy's own card where the visitor's is wanted.
 */
function useSwipedIdentity(
  fields: readonly VisitorField[],
  proxyDocument: string | null,
  onRead: (read: Partial<Record<VisitorField, string>> | MessageId) => void,
) {
  const { api } = useWorkstation();
  const report = useEffectEvent(onRead);
  useEffect(
    () =>
      api.on('idReader.read', (read) => {
        if (!read.ok) return report('assist.identity.readFailed');
        if (proxyDocument && read.identity.documentNumber?.toUpperCase() === proxyDocument)
          return report('assist.identity.proxyCard');
        report(minimise(read.identity, fields));
      }),
    [api, fields, proxyDocument],
  );
}

/** Who types on this page: the visitor on their screen, or the clerk here; recorded per step. */
function TypistSwitch({ assisted }: { assisted: AssistedSession }) {
  const t = useT();
  return (
    <fieldset className="assist-typist">
      <legend>{t('assist.typist.title')}</legend>
      {(['clerk', 'visitor'] as const).map((typist) => (
        <label key={typist} className="assist-choice">
          <input
            type="radio"
            name="typist"
            checked={assisted.typing === typist}
            onChange={() => assisted.setTyping(typist)}
          />
          <span>{t(`assist.typist.${typist}` as MessageId)}</span>
        </label>
      ))}
    </fieldset>
  );
}

export function QuestionPage({ assisted, step }: { assisted: AssistedSession; step: Step }) {
  const t = useT();
  const error = assisted.problem ? t(`assist.problem.${assisted.problem}` as MessageId) : null;
  return (
    <PageFrame
      title={step.title.pl}
      progress={assisted.progress}
      onBack={() => void assisted.back()}
      problems={error ? [error] : []}
      onSubmit={() => void assisted.next()}
    >
      {step.help && <p className="assist-help">{step.help.pl}</p>}
      <TypistSwitch assisted={assisted} />
      {assisted.typing === 'visitor' && <p className="hint">{t('assist.typist.visitorHint')}</p>}
      <QuestionField
        question={step.question}
        language="pl"
        label={step.title.pl}
        value={assisted.draft}
        onChange={assisted.setDraft}
        error={error}
        idPrefix={`q-${step.id}`}
      />
    </PageFrame>
  );
}

export function SafetyPage({ assisted }: { assisted: AssistedSession }) {
  const t = useT();
  return (
    <PageFrame
      title={t('assist.safety.title')}
      progress={assisted.progress}
      onBack={() => void assisted.back()}
      problems={[]}
      onSubmit={() => void assisted.next()}
    >
      <ul className="assist-safety">
        {SAFETY_POINTS.map((point) => (
          <li key={point}>{t(`assist.safety.${point}` as MessageId)}</li>
        ))}
      </ul>
    </PageFrame>
  );
}
