/**
 * The end of an assisted session: the summary's hash (the station renders the summary without a
 * signature and returns its SHA-256), the visitor's signature on the pad bound to that hash, the
 * application printed for a handwritten signature, the online checklist, the note when the visitor
 * cannot sign; then the session ends, its assistance record is written, and the summary PDF is
 * made with the signature in it (the same hash). The signature image is kept in the session's
 * signing with that hash (personal data: it goes with the session), so a summary printed after the
 * window reloaded, or at another counter, still shows it.
 */
import type { SignatureJson } from '../../app/signature/from-signature-pad';
import { useState } from 'react';
import type { RenderedDocument } from '../../../electron/common/contract/documents';
import type { EServiceDefinition, SigningPath } from '../../../electron/common/eservices/definition';
import {
  openConflicts,
  withSignatureImage,
  type AssistedSessionDoc,
  type Signing,
} from '../../../electron/common/eservices/session';
import { useWorkstation } from '../../app/workstation';
import { ended, recordAssistance } from '../../db/assisted';
import { errorMessage } from '../../i18n/error-messages';
import { useT } from '../../i18n/i18n';
import {
  acknowledgedText,
  applicationDocument,
  documentContext,
  summaryDocument,
  type HeldSignature,
} from './documents';
import type { AssistedSession } from './use-assisted-session';

export interface Pdf {
  readonly url: string;
  readonly name: string;
  readonly sha256: string;
}

export interface Finishing {
  readonly digest: string | null;
  /** The pad's signature, with the summary's hash it was bound to. */
  readonly signature: { readonly svg: string; readonly url: string; readonly digest: string } | null;
  readonly waiting: boolean;
  readonly application: Pdf | null;
  readonly summary: Pdf | null;
  readonly ticked: readonly number[];
  readonly tick: (index: number, on: boolean, total: number) => void;
  readonly note: string;
  readonly setNote: (note: string) => void;
  readonly problem: string | null;
  readonly signOnPad: () => Promise<void>;
  /** The visitor signed on the screen instead of the pad. */
  readonly signOnScreen: (drawn: SignatureJson) => Promise<void>;
  readonly printApplication: () => Promise<void>;
  readonly complete: (path: SigningPath) => Promise<void>;
  readonly printSummary: () => Promise<void>;
}

export interface FinishingContext {
  readonly definition: EServiceDefinition;
  readonly office: string;
  readonly clerk: string;
  readonly counter: number;
  /** The pages gone through and the time spent, for the assistance record. */
  readonly visited: () => readonly string[];
  readonly seconds: () => number;
}

function toPdf(rendered: RenderedDocument, name: string): Pdf {
  const bytes = Uint8Array.from(atob(rendered.pdf), (char) => char.charCodeAt(0));
  return { url: URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' })), name, sha256: rendered.sha256 };
}

/** Renders a document at the station; a failure is put into words for the clerk. */
function useRender(setProblem: (problem: string | null) => void) {
  const t = useT();
  const { api } = useWorkstation();
  return async (document: ReturnType<typeof summaryDocument>) => {
    const result = await api.documents.render(document);
    if (!result.ok) {
      setProblem(t(errorMessage(result.error.code, 'print')));
      return null;
    }
    return result.value;
  };
}

/**
 * Prints a rendered PDF: in Electron through the system's print dialog (the station spools it, the
 * shell prints it); in a browser the clerk opens the link and prints from the browser's viewer.
 */
function usePrint(setProblem: (problem: string | null) => void) {
  const t = useT();
  const { api, station } = useWorkstation();
  return async (rendered: RenderedDocument) => {
    if (station.host !== 'electron') return;
    const result = await api.documents.print({ pdf: rendered.pdf });
    if (!result.ok) setProblem(t(errorMessage(result.error.code, 'print')));
  };
}

/** The visitor's signature on the pad, bound to the summary's hash. */
function usePadSignature(context: FinishingContext, setProblem: (problem: string | null) => void) {
  const t = useT();
  const { api } = useWorkstation();
  const [signature, setSignature] = useState<Finishing['signature']>(null);
  const [waiting, setWaiting] = useState(false);
  const sign = async (session: AssistedSessionDoc, digest: string) => {
    setWaiting(true);
    setProblem(null);
    const document = acknowledgedText({ definition: context.definition, session }, digest);
    const result = await api.signature.capture({ document });
    setWaiting(false);
    if (!result.ok) return setProblem(t(errorMessage(result.error.code, 'device')));
    const url = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(result.value.svg)}`;
    setSignature({ svg: result.value.svg, url, digest });
  };
  /** Drawn on the screen instead: the station binds it to the same hash, as a pad's. */
  const signDrawn = async (session: AssistedSessionDoc, digest: string, drawn: SignatureJson) => {
    setProblem(null);
    const document = acknowledgedText({ definition: context.definition, session }, digest);
    const strokes = drawn.strokes.map((stroke) => ({ samples: [...stroke.samples] }));
    const result = await api.signature.fromScreen({ document, signature: { ...drawn, strokes } });
    if (!result.ok) return setProblem(t(errorMessage(result.error.code, 'device')));
    const url = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(result.value.svg)}`;
    setSignature({ svg: result.value.svg, url, digest });
  };
  return { signature, waiting, sign, signDrawn };
}

/** The online checklist: every step ticked before the session may end. */
function useChecklist() {
  const [ticked, setTicked] = useState<number[]>([]);
  const [total, setTotal] = useState(0);
  const tick = (index: number, on: boolean, of: number) => {
    setTotal(of);
    setTicked((old) => (on ? [...new Set([...old, index])] : old.filter((one) => one !== index)));
  };
  return { ticked, tick, complete: total > 0 && ticked.length >= total };
}

/** Why the session cannot end this way yet (null: it can). */
function refusal(
  path: SigningPath,
  done: {
    checklist: boolean;
    application: Pdf | null;
    pad: Finishing['signature'];
    note: string;
    session: AssistedSessionDoc | null;
  },
  t: ReturnType<typeof useT>,
): string | null {
  if (path === 'online' && !done.checklist) return t('assist.sign.onlineMissing');
  if (path === 'handwritten' && !done.application) return t('assist.sign.printFirst');
  if (path === 'pad' && !done.pad) return t('assist.sign.signFirst');
  if (path === 'unable' && !done.note.trim()) return t('ack.unable.noteRequired');
  if (done.session && openConflicts(done.session).length > 0) return t('assist.check.conflicts');
  return null;
}

export function useFinishing(assisted: AssistedSession, context: FinishingContext): Finishing {
  const t = useT();
  const { db } = useWorkstation();
  const session = assisted.session;
  const [at] = useState(() => session?.signing?.at ?? Date.now());
  const [digest, setDigest] = useState<string | null>(session?.signing?.digest ?? null);
  const [application, setApplication] = useState<Pdf | null>(null);
  const [summary, setSummary] = useState<Pdf | null>(null);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const render = useRender(setProblem);
  const print = usePrint(setProblem);
  const pad = usePadSignature(context, setProblem);
  const checklist = useChecklist();
  const contextFor = (current: AssistedSessionDoc, held?: HeldSignature | null) =>
    documentContext(context, current, at, held);
  /**
   * The hash the visitor acknowledges: of the summary exactly as it will be printed once the session
   * ends this way (its confirmation section included), without the signature image. Computed afresh
   * each time: an answer changed or another language gives another document.
   */
  const digestFor = async (current: AssistedSessionDoc, signing: Omit<Signing, 'digest'>): Promise<string | null> => {
    const rendered = await render(summaryDocument(contextFor({ ...current, signing: { ...signing, digest: '' } })));
    if (rendered) setDigest(rendered.sha256);
    return rendered?.sha256 ?? null;
  };
  const ready = (path: SigningPath) =>
    refusal(path, { checklist: checklist.complete, application, pad: pad.signature, note, session }, t);
  const complete = async (path: SigningPath) => {
    const refused = ready(path);
    setProblem(refused);
    if (refused || !session) return;
    const how = { path, at, ...(path === 'unable' ? { note: note.trim() } : {}) };
    const hash = await digestFor(session, how);
    if (!hash) return;
    // The pad's signature is bound to the document it saw: a change since means signing again.
    if (path === 'pad' && pad.signature?.digest !== hash) return setProblem(t('assist.sign.changedSinceSigned'));
    const who = { clerk: context.clerk, counter: context.counter, at: Date.now() };
    const status = context.definition.outcome.kind === 'referral' ? 'referred' : 'completed';
    // The image is kept with the digest it was bound to, so a reload before printing keeps it too.
    const signing = withSignatureImage({ ...how, digest: hash }, path === 'pad' ? pad.signature?.svg : undefined);
    await assisted.change((current) => ({ ...ended(current, who, status), signing, page: 'confirmation' }));
    await recordAssistance(
      db,
      { ...ended(session, who, status), signing },
      [...context.visited(), 'sign'],
      context.seconds(),
    );
  };
  const pdf = async (make: typeof summaryDocument, name: string, held?: HeldSignature | null) => {
    if (!session) return null;
    const rendered = await render(make(contextFor(session, held)));
    if (rendered) await print(rendered);
    return rendered ? toPdf(rendered, `${name}-${session.reference}.pdf`) : null;
  };
  return {
    digest,
    signature: pad.signature,
    waiting: pad.waiting,
    application,
    summary,
    ticked: checklist.ticked,
    tick: checklist.tick,
    note,
    setNote,
    problem,
    signOnPad: async () => {
      const hash = session ? await digestFor(session, { path: 'pad', at }) : null;
      if (session && hash) await pad.sign(session, hash);
    },
    signOnScreen: async (drawn) => {
      const hash = session ? await digestFor(session, { path: 'pad', at }) : null;
      if (session && hash) await pad.signDrawn(session, hash, drawn);
    },
    printApplication: async () => setApplication(await pdf(applicationDocument, 'wniosek')),
    complete,
    printSummary: async () => setSummary(await pdf(summaryDocument, 'podsumowanie', pad.signature)),
  };
}

/**
 * A PDF the station made, to save; in a browser also to open in a tab of its own, where the
 * browser's viewer prints it (Electron has already offered the system's print dialog).
 */
export function PdfLink({ pdf, label }: { pdf: Pdf; label: string }) {
  const t = useT();
  const { station } = useWorkstation();
  return (
    <p className="assist-pdf">
      <a href={pdf.url} download={pdf.name}>
        {label}
      </a>{' '}
      {station.host !== 'electron' && (
        <>
          <a href={pdf.url} target="_blank" rel="noopener noreferrer">
            {t('assist.pdf.open', { what: label })}
          </a>{' '}
        </>
      )}
      <span className="hint">SHA-256: {pdf.sha256.slice(0, 16)}…</span>
    </p>
  );
}
