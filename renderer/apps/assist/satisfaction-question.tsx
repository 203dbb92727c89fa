/**
 * The five-face question at the end of a visit (domain/satisfaction.ts), for the screen turned to
 * the visitor and the tablet by the exit: how was the visit (five buttons, each named in words —
 * the face is only a picture), then any number of reasons, then thanks. Skipping is always
 * possible: the question (nothing is written) and the reasons (the score alone is sent). It reads
 * itself aloud on request, speaks the visitor's language (switched here), and goes away by itself
 * after SATISFACTION_IDLE_MS without a touch, or when the next visitor is called: a score already
 * chosen is sent then, with the reasons picked so far.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  SATISFACTION_IDLE_MS,
  SATISFACTION_REASONS,
  SATISFACTION_SCORES,
  type SatisfactionReason,
  type SatisfactionScore,
} from '../../../electron/common/domain/satisfaction';
import type { Language } from '../../../electron/common/domain/office';
import { speak, SPEECH_LANG } from '../../app/speech';
import { LanguageProvider, useT } from '../../i18n/i18n';
import type { VisitAnswer } from '../../db/satisfaction';
import './satisfaction.css';
import { LanguageButtons } from '../../app/language-buttons';

/** Pictures only: each button says its score in words too. */
const FACES: Readonly<Record<SatisfactionScore, string>> = { 1: '😞', 2: '🙁', 3: '😐', 4: '🙂', 5: '😀' };
/** How long the thanks stay. */
const THANKS_MS = 5000;

type Stage =
  | { readonly kind: 'score' }
  | { readonly kind: 'reasons'; readonly score: SatisfactionScore; readonly reasons: readonly SatisfactionReason[] }
  | { readonly kind: 'thanks' };

export interface QuestionProps {
  /** The language the screen was in when the question came. */
  readonly language: Language;
  /** Writes the answer; false when it could not be saved. */
  readonly onAnswer: (answer: VisitAnswer) => Promise<boolean>;
  /** The question is over (answered, skipped or left). */
  readonly onDone: () => void;
  /** The next visitor was called: a score already chosen is sent, and the question goes. */
  readonly interrupted?: boolean;
}

export function SatisfactionQuestion(props: QuestionProps) {
  const [language, setLanguage] = useState<Language>(props.language);
  return (
    <LanguageProvider language={language}>
      <Question {...props} language={language} onLanguage={setLanguage} />
    </LanguageProvider>
  );
}

/**
 * Calls `onIdle` after `ms` without a touch or a key anywhere on the page, counted again from every
 * one and whenever `key` changes.
 */
function useIdle(ms: number, onIdle: () => void, key: string): void {
  const latest = useRef(onIdle);
  useEffect(() => {
    latest.current = onIdle;
  }, [onIdle]);
  useEffect(() => {
    let timer = setTimeout(() => latest.current(), ms);
    const reset = () => {
      clearTimeout(timer);
      timer = setTimeout(() => latest.current(), ms);
    };
    window.addEventListener('pointerdown', reset);
    window.addEventListener('keydown', reset);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('pointerdown', reset);
      window.removeEventListener('keydown', reset);
    };
  }, [ms, key]);
}

/** The stage shown, and the answer sent once: the thanks when saved, an error to retry when not. */
function useAnswering(onAnswer: QuestionProps['onAnswer']) {
  const [stage, setStage] = useState<Stage>({ kind: 'score' });
  const [failed, setFailed] = useState(false);
  const sent = useRef(false);
  const send = useCallback(
    async (score: SatisfactionScore, reasons: readonly SatisfactionReason[]) => {
      if (sent.current) return;
      sent.current = true;
      const saved = await onAnswer({ score, reasons }).catch(() => false);
      if (!saved) {
        sent.current = false;
        setFailed(true);
        return;
      }
      setStage({ kind: 'thanks' });
    },
    [onAnswer],
  );
  return { stage, setStage, failed, send };
}

function Question({
  language,
  onLanguage,
  onAnswer,
  onDone,
  interrupted,
}: QuestionProps & { onLanguage: (language: Language) => void }) {
  const t = useT();
  const { stage, setStage, failed, send } = useAnswering(onAnswer);
  const heading = useRef<HTMLHeadingElement>(null);
  const finish = useCallback(() => {
    if (stage.kind === 'reasons') void send(stage.score, stage.reasons).then(onDone);
    else onDone();
  }, [stage, send, onDone]);
  // The next visitor called: as if the time were up, at once.
  const idleMs = interrupted ? 0 : stage.kind === 'thanks' ? THANKS_MS : SATISFACTION_IDLE_MS;
  useIdle(idleMs, finish, stage.kind);
  useEffect(() => heading.current?.focus(), [stage.kind]);
  const readAloud = () => void speak({ text: spokenText(t, stage).join(' '), lang: SPEECH_LANG[language] });

  return (
    <section className="satisfaction" lang={language}>
      <QuestionTools language={language} onLanguage={onLanguage} onReadAloud={readAloud} />
      {failed && (
        <p role="alert" className="satisfaction-error">
          {t('satisfaction.failed')}
        </p>
      )}
      {stage.kind === 'score' && (
        <ScoreStage
          heading={heading}
          onScore={(score) => setStage({ kind: 'reasons', score, reasons: [] })}
          onSkip={onDone}
        />
      )}
      {stage.kind === 'reasons' && (
        <ReasonsStage
          heading={heading}
          chosen={stage.reasons}
          onToggle={(reason) =>
            setStage({
              ...stage,
              reasons: stage.reasons.includes(reason)
                ? stage.reasons.filter((r) => r !== reason)
                : [...stage.reasons, reason],
            })
          }
          onSend={() => void send(stage.score, stage.reasons)}
          onSkip={() => void send(stage.score, [])}
        />
      )}
      {stage.kind === 'thanks' && (
        <div className="satisfaction-thanks" role="status">
          <h1 ref={heading} tabIndex={-1}>
            {t('satisfaction.thanks')}
          </h1>
          <p>{t('satisfaction.thanks.text')}</p>
        </div>
      )}
    </section>
  );
}

function QuestionTools({
  language,
  onLanguage,
  onReadAloud,
}: {
  language: Language;
  onLanguage: (language: Language) => void;
  onReadAloud: () => void;
}) {
  const t = useT();
  return (
    <nav className="satisfaction-tools" aria-label={t('customer.tools')}>
      <LanguageButtons language={language} onLanguage={onLanguage} />
      <button type="button" onClick={onReadAloud}>
        {t('satisfaction.readAloud')}
      </button>
    </nav>
  );
}

/** What "read aloud" says on each stage: the words on the screen, the faces by their names. */
function spokenText(t: ReturnType<typeof useT>, stage: Stage): string[] {
  switch (stage.kind) {
    case 'score':
      return [
        t('satisfaction.question'),
        t('satisfaction.anonymous'),
        ...SATISFACTION_SCORES.map((score) => `${t(`satisfaction.score.${score}`)}.`),
      ];
    case 'reasons':
      return [
        t('satisfaction.reasons.question'),
        t('satisfaction.reasons.hint'),
        ...SATISFACTION_REASONS.map((reason) => `${t(`satisfaction.reason.${reason}`)}.`),
      ];
    case 'thanks':
      return [t('satisfaction.thanks'), t('satisfaction.thanks.text')];
  }
}

type HeadingRef = React.RefObject<HTMLHeadingElement | null>;

function ScoreStage({
  heading,
  onScore,
  onSkip,
}: {
  heading: HeadingRef;
  onScore: (score: SatisfactionScore) => void;
  onSkip: () => void;
}) {
  const t = useT();
  return (
    <>
      <h1 id="satisfaction-question" ref={heading} tabIndex={-1}>
        {t('satisfaction.question')}
      </h1>
      <p className="hint">{t('satisfaction.anonymous')}</p>
      <div className="satisfaction-faces" role="group" aria-labelledby="satisfaction-question">
        {SATISFACTION_SCORES.map((score) => (
          <button key={score} type="button" className="satisfaction-face" onClick={() => onScore(score)}>
            <span aria-hidden="true" className="satisfaction-emoji">
              {FACES[score]}
            </span>
            <span>{t(`satisfaction.score.${score}`)}</span>
          </button>
        ))}
      </div>
      <button type="button" className="satisfaction-skip" onClick={onSkip}>
        {t('satisfaction.skip')}
      </button>
    </>
  );
}

function ReasonsStage({
  heading,
  chosen,
  onToggle,
  onSend,
  onSkip,
}: {
  heading: HeadingRef;
  chosen: readonly SatisfactionReason[];
  onToggle: (reason: SatisfactionReason) => void;
  onSend: () => void;
  /** The reasons skipped: the score alone is sent. */
  onSkip: () => void;
}) {
  const t = useT();
  return (
    <>
      <h1 id="satisfaction-reasons" ref={heading} tabIndex={-1}>
        {t('satisfaction.reasons.question')}
      </h1>
      <p className="hint">{t('satisfaction.reasons.hint')}</p>
      <div className="satisfaction-reasons" role="group" aria-labelledby="satisfaction-reasons">
        {SATISFACTION_REASONS.map((reason) => (
          <button key={reason} type="button" aria-pressed={chosen.includes(reason)} onClick={() => onToggle(reason)}>
            {t(`satisfaction.reason.${reason}`)}
          </button>
        ))}
      </div>
      <div className="satisfaction-actions">
        <button type="button" className="primary" onClick={onSend}>
          {t('satisfaction.send')}
        </button>
        <button type="button" onClick={onSkip}>
          {t('satisfaction.skip')}
        </button>
      </div>
    </>
  );
}
