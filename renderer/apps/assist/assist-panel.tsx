/**
 * Assisted e-services at the counter, for the visit being served: start one of the e-services the
 * visitor's matter offers, resume a saved session by the code on its slip (or one a colleague
 * handed over), and the session itself once one runs. A definition the station refused is named
 * with its problems, so the office's admin can mend the file; the others are still offered.
 */
import { useState, type FormEvent } from 'react';
import { map } from 'rxjs';
import type { EServiceList } from '../../../electron/common/contract/assist';
import { describeProblem } from '../../../electron/common/eservices/check';
import { ENDED_STATUSES, isExpired, type AssistedSessionDoc } from '../../../electron/common/eservices/session';
import { useObservable } from '../../app/use-rx';
import { newId, useWorkstation } from '../../app/workstation';
import { createSession, findByReference, resumed, changeSession, newReference } from '../../db/assisted';
import type { ServiceDoc, TicketDoc } from '../../db/schemas';
import { useT } from '../../i18n/i18n';
import type { Visitor } from '../counter/visitor-panel';
import { AssistedSessionView } from './assisted-session';
import { useDefinitions } from './use-definitions';

export interface AssistPanelProps {
  readonly counter: number;
  readonly clerk: string;
  readonly ticket: TicketDoc;
  readonly service: ServiceDoc | undefined;
  readonly today: string;
  readonly office: string;
  /** What the counter already read or typed for this visit. */
  readonly known: Visitor | null;
}

/** Sessions open at this counter for this clerk, and those saved and handed to them. */
function useMySessions(counter: number, clerk: string): AssistedSessionDoc[] {
  const { db } = useWorkstation();
  return useObservable(
    () =>
      db.assistedSessions
        .find({ selector: { clerk } })
        .$.pipe(
          map((docs) =>
            docs
              .map((doc) => doc.toJSON() as AssistedSessionDoc)
              .filter((doc) => doc.status === 'saved' || (doc.status === 'active' && doc.counter === counter)),
          ),
        ),
    [],
    [db, counter, clerk],
  );
}

function useSessionDoc(id: string | null): AssistedSessionDoc | null {
  const { db } = useWorkstation();
  return useObservable(
    () =>
      db.assistedSessions.findOne(id ?? '').$.pipe(map((doc) => (doc ? (doc.toJSON() as AssistedSessionDoc) : null))),
    null,
    [db, id],
  );
}

export function AssistPanel(props: AssistPanelProps) {
  const t = useT();
  const { db } = useWorkstation();
  const list = useDefinitions();
  const mine = useMySessions(props.counter, props.clerk);
  const [open, setOpen] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  // The session opened here (whatever becomes of it), or this visit's, left active by a reload.
  const running =
    open ?? mine.find((session) => session.status === 'active' && session.ticket === props.ticket.id)?.id ?? null;
  const runningDoc = useSessionDoc(running);
  const definition = list?.definitions.find((candidate) => candidate.id === runningDoc?.eservice);
  if (running && runningDoc && definition) {
    return (
      <AssistedSessionView
        definition={definition}
        sessionId={running}
        counter={props.counter}
        clerk={props.clerk}
        office={props.office}
        today={props.today}
        known={props.known}
        onClose={(text) => {
          setOpen(null);
          setMessage(text ?? null);
        }}
      />
    );
  }
  const who = () => ({ clerk: props.clerk, counter: props.counter, at: Date.now() });
  const start = async (id: string) => {
    const chosen = list?.definitions.find((candidate) => candidate.id === id);
    if (!chosen) return;
    const session = await createSession(db, {
      id: newId(),
      reference: newReference(),
      eservice: { id: chosen.id, version: chosen.version },
      ticket: props.ticket.id,
      counter: props.counter,
      clerk: props.clerk,
      language: 'pl',
      at: Date.now(),
    });
    setOpen(session.id);
  };
  const resume = async (session: AssistedSessionDoc) => {
    await changeSession(db, session.id, (current) => resumed(current, who(), props.ticket.id));
    setOpen(session.id);
  };
  return (
    <section className="assist-start" aria-labelledby="assist-start-title">
      <h2 id="assist-start-title">{t('assist.title')}</h2>
      {message && <p role="status">{message}</p>}
      <Offered list={list} service={props.service} onStart={(id) => void start(id)} />
      <ResumeForm counter={props.counter} onFound={(session) => void resume(session)} />
      {mine.some((session) => session.status === 'saved') && (
        <>
          <h3>{t('assist.mine')}</h3>
          <ul className="assist-mine">
            {mine
              .filter((session) => session.status === 'saved')
              .map((session) => (
                <li key={session.id}>
                  <button type="button" onClick={() => void resume(session)}>
                    {t('assist.resumeOne', {
                      code: session.reference,
                      title: list?.definitions.find((d) => d.id === session.eservice)?.title.pl ?? session.eservice,
                    })}
                  </button>
                </li>
              ))}
          </ul>
        </>
      )}
    </section>
  );
}

function Offered({
  list,
  service,
  onStart,
}: {
  list: EServiceList | null;
  service: ServiceDoc | undefined;
  onStart: (id: string) => void;
}) {
  const t = useT();
  if (!list) return <p aria-busy="true">{t('app.loading')}</p>;
  const offered = (service?.eservices ?? [])
    .map((id) => list.definitions.find((definition) => definition.id === id))
    .filter((definition) => definition !== undefined);
  return (
    <>
      {offered.length === 0 ? (
        <p>{t('assist.noneOffered')}</p>
      ) : (
        <ul className="assist-offered">
          {offered.map((definition) => (
            <li key={definition.id}>
              <button type="button" onClick={() => onStart(definition.id)}>
                {t('assist.start', { title: definition.title.pl })}
              </button>
              <span className="hint"> {definition.summary.pl}</span>
            </li>
          ))}
        </ul>
      )}
      {list.refused.map((refused) => (
        <div key={refused.file} className="assist-refused" role="note">
          <p>{t('assist.refused', { file: refused.file })}</p>
          <ul>
            {refused.problems.map((problem, index) => (
              <li key={index}>{describeProblem(problem, 'pl')}</li>
            ))}
          </ul>
        </div>
      ))}
    </>
  );
}

function ResumeForm({ counter, onFound }: { counter: number; onFound: (session: AssistedSessionDoc) => void }) {
  const t = useT();
  const { db, keepSessionDays } = useWorkstation();
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const session = await findByReference(db, code);
    if (!session || isExpired(session, Date.now()))
      return setProblem(t('assist.resume.unknown', { days: keepSessionDays }));
    if (ENDED_STATUSES.includes(session.status)) return setProblem(t('assist.resume.ended'));
    // Open at another counter: one clerk at a time; that clerk saves it or hands it over first.
    if (session.status === 'active' && session.counter !== counter)
      return setProblem(t('assist.resume.elsewhere', { counter: session.counter }));
    setProblem(null);
    onFound(session);
  };
  return (
    <form className="assist-inline-form" onSubmit={(event) => void submit(event)} noValidate>
      <label htmlFor="assist-resume-code">{t('assist.resume.code')}</label>
      <input
        id="assist-resume-code"
        value={code}
        autoComplete="off"
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? 'assist-resume-problem' : undefined}
        onChange={(event) => setCode(event.target.value)}
      />
      <button type="submit">{t('assist.resume')}</button>
      {problem && (
        <p id="assist-resume-problem" className="assist-error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
