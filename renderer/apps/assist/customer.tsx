/**
 * The screen turned to the visitor at a counter (`#/customer/<counter>`): in Electron the counter's
 * second display, in the browser host a paired screen. It mirrors the page the clerk is on in large
 * text, in the visitor's own language (switched here, independently of the clerk's), reads it aloud
 * on request, lets the visitor answer when it is their turn to type, and has a senior mode — larger
 * text, high contrast. Between visits, and while the workstation is locked, it shows nothing personal;
 * when a visit ends it asks the visitor how it was (after-visit.tsx).
 */
import { useEffect, useState } from 'react';
import type { AssistView, EServiceList } from '../../../electron/common/contract/assist';
import type { Language } from '../../../electron/common/domain/office';
import type { EServiceDefinition } from '../../../electron/common/eservices/definition';
import { useWorkstation } from '../../app/workstation';
import { LanguageProvider, useT } from '../../i18n/i18n';
import { CustomerPage, pageText } from './customer-pages';
import { useDefinitions } from './use-definitions';
import { AfterVisit } from './after-visit';
import { speak, SPEECH_LANG } from '../../app/speech';
import { LanguageButtons } from '../../app/language-buttons';

/** The last view the counter's clerk published for this counter; a late (older) one is dropped. */
function useCounterView(counter: number): AssistView | null {
  const { api } = useWorkstation();
  const [view, setView] = useState<AssistView | null>(null);
  useEffect(() => {
    let live = true;
    const accept = (next: AssistView | null) =>
      setView((old) => (next && old && old.session === next.session && old.seq > next.seq ? old : next));
    void api.assist.current({ counter }).then((result) => live && result.ok && accept(result.value.view));
    const off = api.on('assist.view', (show) => {
      if (show.counter === counter) accept(show.view);
    });
    return () => {
      live = false;
      off();
    };
  }, [api, counter]);
  return view;
}

function useLocked(): boolean {
  const { api } = useWorkstation();
  const [locked, setLocked] = useState(false);
  useEffect(() => {
    void api.session.current({}).then((result) => result.ok && setLocked(result.value.locked));
    return api.on('session.changed', (info) => setLocked(info.locked));
  }, [api]);
  return locked;
}

export interface Senior {
  readonly scale: number;
  readonly contrast: boolean;
}

const PLAIN: Senior = { scale: 1, contrast: false };

export function CustomerScreen({ counter }: { counter: number }) {
  const view = useCounterView(counter);
  const locked = useLocked();
  const list = useDefinitions();
  const [chosen, setChosen] = useState<{ session: string; language: Language } | null>(null);
  // Senior mode, like the language, is the visitor's: the next visitor starts from the default.
  const [seniorOf, setSeniorOf] = useState<{ session: string; senior: Senior } | null>(null);
  const shown = locked ? null : view;
  const language = shown && chosen?.session === shown.session ? chosen.language : (shown?.language ?? 'pl');
  const senior = shown && seniorOf?.session === shown.session ? seniorOf.senior : PLAIN;
  const definition = list?.definitions.find((candidate) => candidate.id === shown?.eservice);
  return (
    <LanguageProvider language={language}>
      <main
        className={`customer${senior.contrast ? ' customer-contrast' : ''}`}
        style={{ fontSize: `${Math.round(senior.scale * 100)}%` }}
      >
        {shown && definition ? (
          <Mirrored
            counter={counter}
            view={shown}
            definition={definition}
            language={language}
            onLanguage={(next) => setChosen({ session: shown.session, language: next })}
            senior={senior}
            onSenior={(next) => setSeniorOf({ session: shown.session, senior: next })}
          />
        ) : (
          <AfterVisit counter={counter} language={language}>
            <Idle counter={counter} list={list} />
          </AfterVisit>
        )}
      </main>
    </LanguageProvider>
  );
}

function Idle({ counter, list }: { counter: number; list: EServiceList | null }) {
  const t = useT();
  return (
    <div className="customer-idle" aria-busy={list === null}>
      <h1>{t('customer.idle.title', { counter })}</h1>
      <p>{t('customer.idle.text')}</p>
    </div>
  );
}

function Mirrored({
  counter,
  view,
  definition,
  language,
  onLanguage,
  senior,
  onSenior,
}: {
  counter: number;
  view: AssistView;
  definition: EServiceDefinition;
  language: Language;
  onLanguage: (language: Language) => void;
  senior: Senior;
  onSenior: (senior: Senior) => void;
}) {
  const t = useT();
  const { api, keepSessionDays } = useWorkstation();
  const chooseLanguage = (next: Language) => {
    onLanguage(next);
    void api.assist.input({ counter, input: { kind: 'language', language: next } });
  };
  const readAloud = () =>
    void speak({ text: pageText(view, definition, language, t, keepSessionDays), lang: SPEECH_LANG[language] });
  return (
    <>
      <header className="customer-header">
        <p className="customer-title">{definition.title[language]}</p>
        <p className="assist-progress">{t('assist.progress', view.progress)}</p>
      </header>
      <nav className="customer-tools" aria-label={t('customer.tools')}>
        <LanguageButtons language={language} onLanguage={chooseLanguage} />
        <button type="button" onClick={readAloud}>
          {t('customer.readAloud')}
        </button>
        <button
          type="button"
          aria-pressed={senior.contrast}
          onClick={() => onSenior({ scale: senior.contrast ? 1 : 1.4, contrast: !senior.contrast })}
        >
          {t('customer.senior')}
        </button>
        <button type="button" onClick={() => onSenior({ ...senior, scale: Math.max(1, senior.scale - 0.2) })}>
          {t('customer.smaller')}
        </button>
        <button type="button" onClick={() => onSenior({ ...senior, scale: Math.min(2.4, senior.scale + 0.2) })}>
          {t('customer.larger')}
        </button>
      </nav>
      <CustomerPage counter={counter} view={view} definition={definition} language={language} />
    </>
  );
}
