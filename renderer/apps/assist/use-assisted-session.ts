/**
 * The clerk's side of an assisted session: the session lives in the workstation's database (so it
 * survives a restart and syncs), the page being typed lives here (the draft, who types it, the
 * problem), and every change is shown on the visitor's screen through the station's relay. The
 * visitor's input comes back the same way and lands in the draft when it is their turn to type.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { map } from 'rxjs';
import type { AssistView, VisitorInput } from '../../../electron/common/contract/assist';
import type { Language } from '../../../electron/common/domain/office';
import type { EServiceDefinition } from '../../../electron/common/eservices/definition';
import {
  answerProblem,
  answersInForce,
  pageKey,
  pagesOf,
  progressOf,
  type AnswerProblem,
  type AnswerValue,
  type Page,
} from '../../../electron/common/eservices/flow';
import {
  answerMap,
  withAnswer,
  type AssistedSessionDoc,
  type Typist,
} from '../../../electron/common/eservices/session';
import { useObservable } from '../../app/use-rx';
import { useWorkstation } from '../../app/workstation';
import { changeSession } from '../../db/assisted';

export interface AssistContext {
  readonly definition: EServiceDefinition;
  readonly sessionId: string;
  readonly counter: number;
  readonly clerk: string;
  /** `YYYY-MM-DD` in the office's time zone, for date questions. */
  readonly today: string;
}

export interface AssistedSession {
  readonly session: AssistedSessionDoc | null;
  readonly pages: readonly Page[];
  readonly page: Page;
  readonly progress: { readonly step: number; readonly of: number };
  readonly draft: AnswerValue | null;
  readonly setDraft: (value: AnswerValue | null) => void;
  readonly problem: AnswerProblem | null;
  readonly typing: Typist;
  readonly setTyping: (typist: Typist) => void;
  /** Pages gone through, with who typed (`question:reason@visitor`), for the assistance record. */
  readonly visited: readonly string[];
  /** Checks and keeps the answer of a question page, then goes on (to the check page after a change). */
  readonly next: (given?: AnswerValue) => Promise<boolean>;
  readonly back: () => Promise<void>;
  readonly goTo: (key: string, returnToCheck?: boolean) => Promise<void>;
  readonly change: (change: (session: AssistedSessionDoc) => AssistedSessionDoc) => Promise<void>;
  readonly setLanguage: (language: Language) => Promise<void>;
}

function useLiveSession(sessionId: string): AssistedSessionDoc | null {
  const { db } = useWorkstation();
  return useObservable(
    () =>
      db.assistedSessions.findOne(sessionId).$.pipe(map((doc) => (doc ? (doc.toJSON() as AssistedSessionDoc) : null))),
    null,
    [db, sessionId],
  );
}

/** The draft a page starts with: the answer kept for it, or the visitor's identity where the question takes it. */
function initialDraft(page: Page, session: AssistedSessionDoc | null): AnswerValue | null {
  if (page.kind !== 'question' || !session) return null;
  const kept = answerMap(session)[page.step.question.id];
  if (kept !== undefined) return kept;
  const question = page.step.question;
  if (question.kind === 'pesel' && question.fromIdentity) return session.identity.pesel ?? null;
  if (question.kind === 'document-number' && question.fromIdentity) return session.identity.documentNumber ?? null;
  return null;
}

/** What is typed on the page being worked on: the draft, who types it, its problem. */
function usePageState(key: string, page: Page, session: AssistedSessionDoc | null) {
  const [draftState, setDraftState] = useState<{ key: string; value: AnswerValue | null } | null>(null);
  const [typingByPage, setTypingByPage] = useState<Record<string, Typist>>({});
  const [problemState, setProblemState] = useState<{ key: string; problem: AnswerProblem } | null>(null);
  const problem = problemState?.key === key ? problemState.problem : null;
  return {
    draft: draftState?.key === key ? draftState.value : initialDraft(page, session),
    typing: typingByPage[key] ?? 'clerk',
    typingOf: (at: string) => typingByPage[at] ?? 'clerk',
    problem,
    setDraft: (value: AnswerValue | null) => {
      setDraftState({ key, value });
      if (problem) setProblemState(null);
    },
    setTyping: (typist: Typist) => setTypingByPage((old) => ({ ...old, [key]: typist })),
    setProblem: (found: AnswerProblem) => setProblemState({ key, problem: found }),
  };
}

export function useAssistedSession(context: AssistContext): AssistedSession {
  const { db } = useWorkstation();
  const session = useLiveSession(context.sessionId);
  const answers = useMemo(() => (session ? answerMap(session) : {}), [session]);
  const safety = session?.safetyShown ?? false;
  const pages = useMemo(() => pagesOf(context.definition, answers, safety), [context.definition, answers, safety]);
  const key = session?.page ?? 'start';
  const page = pages.find((candidate) => pageKey(candidate) === key) ?? pages[0]!;
  const state = usePageState(key, page, session);
  const [visited, setVisited] = useState<string[]>([]);
  const [returnToCheck, setReturnToCheck] = useState(false);

  const change = async (apply: (session: AssistedSessionDoc) => AssistedSessionDoc) => {
    await changeSession(db, context.sessionId, apply);
  };
  /** Moves to `target`, with whatever else changes on the way in the same write (one write per page). */
  const goTo = async (target: string, toCheck = false, also = (session: AssistedSessionDoc) => session) => {
    setReturnToCheck(toCheck);
    setVisited((old) => [...old, `${key}@${state.typingOf(key)}`]);
    await change((current) => ({ ...also(current), page: target, updatedAt: Date.now() }));
  };
  const next = async (given?: AnswerValue) => {
    if (page.kind !== 'question') {
      const target = followingKey(pages, key, returnToCheck && page.kind !== 'check');
      if (target) await goTo(target);
      return true;
    }
    const draft = given ?? state.draft;
    if (given !== undefined) state.setDraft(given);
    const found = answerProblem(page.step.question, draft ?? undefined, context.today);
    if (found) {
      state.setProblem(found);
      return false;
    }
    const value = draft ?? '';
    const answer = { question: page.step.question.id, value, by: state.typing, ...who(context) };
    const after = pagesOf(context.definition, { ...answers, [answer.question]: value }, safety);
    await goTo(followingKey(after, key, returnToCheck) ?? key, false, (current) => withAnswer(current, answer));
    return true;
  };
  const back = async () => {
    const at = pages.findIndex((candidate) => pageKey(candidate) === key);
    if (at > 0) await goTo(pageKey(pages[at - 1]!));
  };
  // Once the matter ended, its summary (and the hash the visitor signed) stays in its language.
  const setLanguage = (language: Language) =>
    change((current) => (current.status === 'active' ? { ...current, language, updatedAt: Date.now() } : current));
  useVisitorInput(context.counter, context.sessionId, key, state.typing, {
    answer: (value) => state.setDraft(value),
    continue: (value) => void next(value),
    back: () => void back(),
    language: (language) => void setLanguage(language),
  });
  const progress = progressOf(pages, key);
  const inForce = answersInForce(context.definition, answers);
  useShowVisitor(context, session, {
    key,
    progress,
    typing: state.typing,
    draft: state.draft,
    problem: state.problem,
    answers: inForce,
  });

  const { typingOf: _typingOf, setProblem: _setProblem, ...pageState } = state;
  return {
    session,
    pages,
    page,
    progress,
    ...pageState,
    visited,
    next,
    back,
    goTo,
    change,
    setLanguage,
  };
}

function who(context: AssistContext) {
  return { clerk: context.clerk, counter: context.counter, at: Date.now() };
}

/** The page after `key` (the check page straight away after a change made from it); null at the end. */
function followingKey(pages: readonly Page[], key: string, toCheck: boolean): string | null {
  if (toCheck && pages.some((page) => page.kind === 'check')) return 'check';
  const at = pages.findIndex((page) => pageKey(page) === key);
  const following = pages[at + 1];
  return following ? pageKey(following) : null;
}

interface VisitorHandlers {
  readonly answer: (value: AnswerValue) => void;
  readonly continue: (value?: AnswerValue) => void;
  readonly back: () => void;
  readonly language: (language: Language) => void;
}

/** What the visitor does on their screen, for this session and page only. */
function useVisitorInput(counter: number, sessionId: string, key: string, typing: Typist, handlers: VisitorHandlers) {
  const { api } = useWorkstation();
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(
    () =>
      api.on('assist.input', ({ counter: at, input }) => {
        if (at !== counter) return;
        if (input.kind === 'language') return latest.current.language(input.language);
        if (input.session !== sessionId || input.page !== key) return;
        dispatchInput(input, typing, latest.current);
      }),
    [api, counter, sessionId, key, typing],
  );
}

/**
 * The visitor acts only on a question page it is their turn to type: their screen cannot skip the
 * consent, the identity check or the signature. "Dalej" brings the answer it was pressed with, so
 * an answer typed a moment before is never cut short.
 */
function dispatchInput(input: Exclude<VisitorInput, { kind: 'language' }>, typing: Typist, handlers: VisitorHandlers) {
  if (typing !== 'visitor' || !input.page.startsWith('question:')) return;
  if (input.kind === 'answer') handlers.answer(input.value);
  else if (input.kind === 'continue') handlers.continue(input.value);
  else handlers.back();
}

interface Shown {
  readonly key: string;
  readonly progress: { readonly step: number; readonly of: number };
  readonly typing: Typist;
  readonly draft: AnswerValue | null;
  readonly problem: AnswerProblem | null;
  readonly answers: Record<string, AnswerValue>;
}

/** A view's number grows with the clock, so a reloaded counter window never sends a "late" one. */
let viewSeq = 0;
function nextSeq(): number {
  viewSeq = Math.max(viewSeq + 1, Date.now() * 1000);
  return viewSeq;
}

/** Publishes the view on the visitor's screen whenever what it shows changes. */
function useShowVisitor(context: AssistContext, session: AssistedSessionDoc | null, shown: Shown) {
  const { api } = useWorkstation();
  const view = session ? buildView(context, session, shown) : null;
  const signature = JSON.stringify(view);
  useEffect(() => {
    if (!view) return;
    void api.assist.show({ counter: context.counter, view: { ...view, seq: nextSeq(), sentAt: Date.now() } });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the view's content (its JSON) is the dependency
  }, [api, context.counter, signature]);
}

export function buildView(
  context: AssistContext,
  session: AssistedSessionDoc,
  shown: Shown,
): Omit<AssistView, 'seq' | 'sentAt'> {
  const fields = context.definition.identity;
  return {
    session: session.id,
    reference: session.reference,
    eservice: session.eservice,
    language: session.language,
    page: shown.key,
    progress: shown.progress,
    typing: shown.typing,
    draft: shown.draft,
    problem: shown.problem,
    answers: Object.entries(shown.answers).map(([question, value]) => ({ question, value })),
    identity: fields
      .filter((field) => session.identity[field])
      .map((field) => ({ field, value: session.identity[field]! })),
    proxy: session.acting.kind === 'proxy',
    consent: session.consentAt > 0,
    signing: session.signing?.path ?? null,
    digest: session.signing?.digest ?? null,
  };
}

/** Nothing on the visitor's screen: the session ended, was saved, or the clerk left it. */
export async function clearVisitorScreen(
  api: ReturnType<typeof useWorkstation>['api'],
  counter: number,
): Promise<void> {
  await api.assist.show({ counter, view: null });
}
