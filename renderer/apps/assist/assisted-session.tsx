/**
 * An assisted session at the counter: the e-service's title and code, the page being worked on,
 * and what can be done with the session at any time — save it for later (with the resume code on
 * a slip), hand it over to a colleague, or stop it with a reason.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { EServiceDefinition } from '../../../electron/common/eservices/definition';
import { ABANDON_REASONS, type AssistedSessionDoc } from '../../../electron/common/eservices/session';
import { useWorkstation } from '../../app/workstation';
import { changeSession, ended, handedOver, recordAssistance, saved } from '../../db/assisted';
import { useT, type MessageId } from '../../i18n/i18n';
import type { Visitor } from '../counter/visitor-panel';
import { IdentityPage, QuestionPage, SafetyPage, StartPage } from './clerk-pages';
import { CheckPage, ConfirmationPage, SignPage } from './finish-pages';
import { printResumeSlip } from './slip';
import { clearVisitorScreen, useAssistedSession } from './use-assisted-session';
import { useFinishing } from './use-finishing';

export interface AssistedSessionProps {
  readonly definition: EServiceDefinition;
  readonly sessionId: string;
  readonly counter: number;
  readonly clerk: string;
  readonly office: string;
  readonly today: string;
  /** What the counter already read or typed for this visit. */
  readonly known: Visitor | null;
  readonly onClose: (message?: string) => void;
}

export function AssistedSessionView(props: AssistedSessionProps) {
  const t = useT();
  const { definition, counter, clerk, today } = props;
  const { api } = useWorkstation();
  useSaveWhenLeft(props.sessionId, counter, clerk);
  const assisted = useAssistedSession({ definition, sessionId: props.sessionId, counter, clerk, today });
  const [startedAt] = useState(() => Date.now());
  const finishing = useFinishing(assisted, {
    definition,
    office: props.office,
    clerk,
    counter,
    visited: () => assisted.visited,
    seconds: () => (Date.now() - startedAt) / 1000,
  });
  const session = assisted.session;
  if (!session) return <p aria-busy="true">{t('app.loading')}</p>;
  const page = assisted.page;
  const close = (message?: string) => {
    void clearVisitorScreen(api, counter);
    props.onClose(message);
  };
  return (
    <section className="assist" aria-labelledby="assist-title">
      <header className="assist-header">
        <h2 id="assist-title">{definition.title.pl}</h2>
        <p>
          {t('assist.code')} <strong className="assist-reference">{session.reference}</strong>
        </p>
        <SessionHistory session={session} />
      </header>
      {session.eserviceVersion !== definition.version && (
        <p className="assist-refused" role="note">
          {t('assist.versionChanged', { saved: session.eserviceVersion, now: definition.version })}
        </p>
      )}
      {page.kind === 'start' && <StartPage assisted={assisted} allowsProxy={definition.proxy} />}
      {page.kind === 'identity' && (
        <IdentityPage assisted={assisted} fields={definition.identity} today={today} known={props.known} />
      )}
      {page.kind === 'question' && <QuestionPage key={page.step.id} assisted={assisted} step={page.step} />}
      {page.kind === 'safety' && <SafetyPage assisted={assisted} />}
      {page.kind === 'check' && (
        <CheckPage assisted={assisted} definition={definition} today={today} who={{ clerk, counter }} />
      )}
      {page.kind === 'sign' && <SignPage assisted={assisted} definition={definition} finishing={finishing} />}
      {page.kind === 'confirmation' && (
        <ConfirmationPage assisted={assisted} definition={definition} finishing={finishing} onClose={() => close()} />
      )}
      {page.kind !== 'confirmation' && (
        <SessionActions
          assisted={assisted}
          counter={counter}
          clerk={clerk}
          seconds={() => (Date.now() - startedAt) / 1000}
          onClose={close}
        />
      )}
    </section>
  );
}

/** How many views of each session are on screen (React may unmount and mount one again at once). */
const mounted = new Map<string, number>();

/**
 * The visit ended (or the clerk left the session some other way) while the session was still
 * open: it is saved, so it can be resumed and expires like any saved one, and the visitor's screen
 * is cleared — the next visitor sees nothing of it.
 */
function useSaveWhenLeft(sessionId: string, counter: number, clerk: string) {
  const { db, api, keepSessionDays: keepDays } = useWorkstation();
  useEffect(() => {
    mounted.set(sessionId, (mounted.get(sessionId) ?? 0) + 1);
    return () => {
      mounted.set(sessionId, (mounted.get(sessionId) ?? 1) - 1);
      setTimeout(() => {
        if ((mounted.get(sessionId) ?? 0) > 0) return;
        const who = { clerk, counter, at: Date.now() };
        void changeSession(db, sessionId, (current) =>
          current.status === 'active' ? saved(current, who, keepDays) : current,
        );
        void clearVisitorScreen(api, counter);
      }, 0);
    };
  }, [db, api, sessionId, counter, clerk, keepDays]);
}

/** Who did what with the session, and where: seen by whoever resumes it. */
function SessionHistory({ session }: { session: AssistedSessionDoc }) {
  const t = useT();
  return (
    <details className="assist-history">
      <summary>{t('assist.history')}</summary>
      <ol>
        {session.history.map((event) => (
          <li key={`${event.at}-${event.what}-${event.clerk}`}>
            {t('assist.history.event', {
              when: new Date(event.at).toLocaleString('pl-PL'),
              what: t(`assist.history.${event.what}` as MessageId),
              clerk: event.clerk,
              counter: event.counter,
            })}
            {event.what === 'handed-over' && event.note ? ` → ${event.note}` : ''}
          </li>
        ))}
      </ol>
    </details>
  );
}

type Dialog = 'none' | 'hand-over' | 'abandon';

function SessionActions({
  assisted,
  counter,
  clerk,
  seconds,
  onClose,
}: {
  assisted: ReturnType<typeof useAssistedSession>;
  counter: number;
  clerk: string;
  seconds: () => number;
  onClose: (message?: string) => void;
}) {
  const t = useT();
  const { db, api, keepSessionDays: keepDays } = useWorkstation();
  const [dialog, setDialog] = useState<Dialog>('none');
  const session = assisted.session!;
  const who = () => ({ clerk, counter, at: Date.now() });
  const finish = async (apply: Parameters<typeof assisted.change>[0], message: string, why = '') => {
    await assisted.change(apply);
    const latest = apply(session);
    await recordAssistance(db, latest, assisted.visited, seconds(), why);
    onClose(message);
  };
  const save = async () => {
    await finish((current) => saved(current, who(), keepDays), t('assist.saved', { code: session.reference }));
    await printResumeSlip(api, session.reference, t, keepDays);
  };
  const handOver = (colleague: string) =>
    void finish(
      (current) => handedOver(current, who(), colleague, keepDays),
      t('assist.handedOver', { code: session.reference, colleague }),
    );
  const abandon = (reason: string) =>
    void finish((current) => ended(current, who(), 'abandoned', reason), t('assist.abandoned'), reason);
  return (
    <div className="assist-actions">
      <button type="button" onClick={() => void save()}>
        {t('assist.save')}
      </button>
      <button type="button" onClick={() => setDialog(dialog === 'hand-over' ? 'none' : 'hand-over')}>
        {t('assist.handOver')}
      </button>
      <button type="button" onClick={() => setDialog(dialog === 'abandon' ? 'none' : 'abandon')}>
        {t('assist.abandon')}
      </button>
      {dialog === 'hand-over' && <HandOverForm onHandOver={handOver} />}
      {dialog === 'abandon' && <AbandonForm onAbandon={abandon} />}
    </div>
  );
}

function HandOverForm({ onHandOver }: { onHandOver: (colleague: string) => void }) {
  const t = useT();
  const [colleague, setColleague] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (colleague.trim()) onHandOver(colleague.trim());
  };
  return (
    <form className="assist-inline-form" onSubmit={submit}>
      <label htmlFor="assist-colleague">{t('assist.handOver.to')}</label>
      <input
        id="assist-colleague"
        value={colleague}
        autoComplete="off"
        onChange={(e) => setColleague(e.target.value)}
      />
      <button type="submit">{t('assist.handOver.confirm')}</button>
    </form>
  );
}

function AbandonForm({ onAbandon }: { onAbandon: (reason: string) => void }) {
  const t = useT();
  const [reason, setReason] = useState<string>(ABANDON_REASONS[0]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onAbandon(reason);
  };
  return (
    <form className="assist-inline-form" onSubmit={submit}>
      <label htmlFor="assist-reason">{t('assist.abandon.reason')}</label>
      <select id="assist-reason" value={reason} onChange={(event) => setReason(event.target.value)}>
        {ABANDON_REASONS.map((option) => (
          <option key={option} value={option}>
            {t(`assist.abandon.${option}` as MessageId)}
          </option>
        ))}
      </select>
      <button type="submit">{t('assist.abandon.confirm')}</button>
    </form>
  );
}
