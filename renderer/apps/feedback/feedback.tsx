/**
 * The tablet by the exit (`#/feedback`, a kiosk-kind workstation): the visitor types the number
 * from their ticket — or scans its QR code, whose status address names the ticket — and answers
 * the five-face question (apps/assist/satisfaction-question.tsx) for that visit, if it finished
 * within the hour (a scanned code: today) and nobody answered for it yet. A wrong number is said plainly and stays in the field to
 * correct. The answer is written as on the customer screen (renderer/db/satisfaction.ts).
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Language } from '../../../electron/common/domain/office';
import { useOffice, useToday } from '../../app/data';
import { newId, useWorkstation } from '../../app/workstation';
import { answerVisit, keepReleasingAnswers, type VisitAnswer } from '../../db/satisfaction';
import { findVisit, type Found } from './find-visit';
import type { TicketDoc } from '../../db/schemas';
import { LanguageProvider, useT } from '../../i18n/i18n';
import { SatisfactionQuestion } from '../assist/satisfaction-question';
import './feedback.css';
import { LanguageButtons } from '../../app/language-buttons';

export function Feedback() {
  const [language, setLanguage] = useState<Language>('pl');
  return (
    <LanguageProvider language={language}>
      <FeedbackScreen language={language} onLanguage={setLanguage} />
    </LanguageProvider>
  );
}

function FeedbackScreen({ language, onLanguage }: { language: Language; onLanguage: (language: Language) => void }) {
  const { db, now, station, sync } = useWorkstation();
  const office = useOffice();
  const today = useToday(office);
  const [asking, setAsking] = useState<TicketDoc | null>(null);
  const [round, setRound] = useState(0);

  useEffect(() => keepReleasingAnswers(db), [db]);

  const answer = async (visit: VisitAnswer) => {
    if (!asking || !office) return false;
    const context = { now, newId, station: station.stationId, timeZone: office.timeZone, withHub: sync !== null };
    await answerVisit(db, asking.id, visit, context);
    return true;
  };
  const done = () => {
    setAsking(null);
    setRound((n) => n + 1);
  };

  return (
    <main className="feedback" lang={language}>
      {asking ? (
        <SatisfactionQuestion key={asking.id} language={language} onAnswer={answer} onDone={done} />
      ) : (
        <NumberForm
          key={round}
          language={language}
          onLanguage={onLanguage}
          find={(typed) => findVisit(db, today, typed, Date.now())}
          onVisit={setAsking}
          focus={round > 0}
        />
      )}
    </main>
  );
}

/** The number from the ticket (or its QR code's address), checked against today's finished visits. */
function NumberForm({
  language,
  onLanguage,
  find,
  onVisit,
  focus,
}: {
  language: Language;
  onLanguage: (language: Language) => void;
  find: (typed: string) => Promise<Found>;
  onVisit: (ticket: TicketDoc) => void;
  /** Back from a question: the heading takes the focus, for the next visitor's keyboard. */
  focus: boolean;
}) {
  const t = useT();
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<'empty' | 'unknown' | null>(null);
  const [already, setAlready] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) heading.current?.focus();
  }, [focus]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAlready(false);
    if (typed.trim() === '') return setProblem('empty');
    const found = await find(typed);
    setProblem(found ? null : 'unknown');
    if (found?.kind === 'already') setAlready(true);
    if (found?.kind === 'visit') onVisit(found.ticket);
  };

  return (
    <>
      <LanguageButtons className="feedback-languages" language={language} onLanguage={onLanguage} />
      <h1 ref={heading} tabIndex={-1}>
        {t('satisfaction.kiosk.title')}
      </h1>
      <p id="feedback-intro">{t('satisfaction.kiosk.intro')}</p>
      <form className="feedback-form" onSubmit={(event) => void submit(event)} noValidate>
        <label htmlFor="feedback-number">{t('satisfaction.kiosk.number')}</label>
        <input
          id="feedback-number"
          value={typed}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          aria-invalid={problem !== null}
          aria-describedby={problem ? 'feedback-intro feedback-problem' : 'feedback-intro'}
          onChange={(event) => setTyped(event.target.value)}
        />
        {problem && (
          <p id="feedback-problem" className="feedback-problem" role="alert">
            {problem === 'empty'
              ? t('satisfaction.kiosk.empty')
              : t('satisfaction.kiosk.unknown', { number: typed.trim().toUpperCase() })}
          </p>
        )}
        <button type="submit" className="primary">
          {t('satisfaction.kiosk.next')}
        </button>
      </form>
      {already && (
        <p className="feedback-already" role="status">
          {t('satisfaction.already')}
        </p>
      )}
    </>
  );
}
