/**
 * The visitor's documents composed from a session, in the visitor's language: the summary to take
 * home and the application printed for a handwritten signature. The station lays them out as a PDF
 * and returns the content's SHA-256 (electron/station/documents/); the renderer has the words.
 */
import type { PrintableDocumentInput } from '../../../electron/common/contract/documents';
import type { Language } from '../../../electron/common/domain/office';
import type { EServiceDefinition } from '../../../electron/common/eservices/definition';
import { answersInForce, answerText, visibleSteps } from '../../../electron/common/eservices/flow';
import { answerMap, type AssistedSessionDoc } from '../../../electron/common/eservices/session';
import { translator, type MessageId, type Translate } from '../../i18n/i18n';

export interface DocumentContext {
  readonly definition: EServiceDefinition;
  readonly session: AssistedSessionDoc;
  readonly language: Language;
  readonly office: string;
  /** The clerk's identifier (login), never more. */
  readonly clerk: string;
  /** When the document was made: the same for the hash and for the signed copy. */
  readonly at: number;
  readonly signatureSvg?: string;
}

/** What a session's documents say of where and by whom they were made. */
export interface DocumentOrigin {
  readonly definition: EServiceDefinition;
  readonly office: string;
  readonly clerk: string;
}

/** The pad's signature held in memory, with the summary's hash it was bound to. */
export interface HeldSignature {
  readonly svg: string;
  readonly digest: string;
}

/**
 * The context of a session's documents, built from the session as stored. Once it is signed, the
 * date is the signing's (`at` only before): the hash the visitor acknowledged covers the date, so a
 * summary printed after the window reloaded, or at another counter, is the document they signed.
 * The signature image is the one the session keeps with its digest (signatureToPrint).
 */
export function documentContext(
  origin: DocumentOrigin,
  session: AssistedSessionDoc,
  at: number,
  held?: HeldSignature | null,
): DocumentContext {
  const svg = signatureToPrint(session, held ?? null);
  return {
    definition: origin.definition,
    office: origin.office,
    clerk: origin.clerk,
    session,
    language: session.language,
    at: session.signing?.at ?? at,
    ...(svg ? { signatureSvg: svg } : {}),
  };
}

/**
 * The signature image a session's summary shows: the one stored in its signing, so it survives a
 * reload; else one still held in memory (too long to store), but only when it is bound to the
 * signing's digest — an image never goes on a document other than the one it was bound to.
 */
export function signatureToPrint(session: AssistedSessionDoc, held: HeldSignature | null): string | undefined {
  const signing = session.signing;
  if (signing?.path !== 'pad') return undefined;
  if (signing.svg) return signing.svg;
  return held && held.digest === signing.digest ? held.svg : undefined;
}

/** The safety advice's points, in the order shown on the page and printed. */
export const SAFETY_POINTS = ['sms', 'links', 'never', 'bank', 'call'] as const;

function whoRows(context: DocumentContext, t: Translate) {
  const { session, definition } = context;
  const rows = definition.identity
    .filter((field) => session.identity[field])
    .map((field) => ({ label: t(`visitor.field.${field}` as MessageId), value: session.identity[field]! }));
  if (session.acting.kind === 'proxy')
    rows.push(
      { label: t('assist.proxy.name'), value: session.acting.name },
      { label: t('assist.proxy.document'), value: session.acting.document },
      { label: t('assist.proxy.authorisation'), value: session.acting.authorisation },
    );
  return rows;
}

function answerRows(context: DocumentContext) {
  const answers = answersInForce(context.definition, answerMap(context.session));
  return visibleSteps(context.definition, answers)
    .filter((step) => answers[step.question.id] !== undefined)
    .map((step) => ({
      label: step.title[context.language],
      value: answerText(step.question, answers[step.question.id], context.language),
    }));
}

function feeText(definition: EServiceDefinition, language: Language, t: Translate): string {
  const amount =
    definition.fee.amount === 0
      ? t('assist.fee.free')
      : t('assist.fee.amount', { amount: (definition.fee.amount / 100).toFixed(2).replace('.', ',') });
  return definition.fee.note ? `${amount}. ${definition.fee.note[language]}` : amount;
}

function outcomeSection(definition: EServiceDefinition, language: Language, t: Translate) {
  const outcome = definition.outcome;
  if (outcome.kind === 'online')
    return { heading: t('assist.doc.online'), checklist: outcome.checklist.map((item) => item[language]) };
  if (outcome.kind === 'referral')
    return {
      heading: t('assist.doc.referral'),
      paragraphs: [outcome.to[language], ...(outcome.address ? [outcome.address[language]] : [])],
    };
  return { heading: t('assist.doc.registered'), paragraphs: [outcome.registeredBy[language]] };
}

function signingParagraph(session: AssistedSessionDoc, t: Translate): string[] {
  const signing = session.signing;
  if (!signing) return [];
  const path = t(`assist.sign.path.${signing.path}` as MessageId);
  return signing.note ? [path, t('assist.doc.unableNote', { note: signing.note })] : [path];
}

function common(context: DocumentContext, t: Translate) {
  const date = new Date(context.at).toLocaleString(context.language === 'uk' ? 'uk-UA' : `${context.language}-PL`);
  return {
    language: context.language,
    title: context.definition.title[context.language],
    reference: context.session.reference,
    referenceLabel: t('assist.doc.reference'),
    footer: {
      lines: [context.office, t('assist.doc.clerk', { clerk: context.clerk }), t('assist.doc.date', { date })],
    },
    hashLabel: t('assist.doc.hash'),
    at: new Date(context.at).toISOString(),
  };
}

/** The summary the visitor takes home, in large print. */
export function summaryDocument(context: DocumentContext): PrintableDocumentInput {
  const t = translator(context.language);
  const { definition, session, language } = context;
  const sections = [
    { heading: t('assist.doc.who'), rows: whoRows(context, t) },
    { heading: t('assist.doc.answers'), rows: answerRows(context) },
    { heading: t('assist.doc.next'), paragraphs: [definition.nextSteps[language]] },
    ...(definition.documents.length > 0
      ? [{ heading: t('assist.doc.bring'), checklist: definition.documents.map((item) => item[language]) }]
      : []),
    { heading: t('assist.doc.fee'), paragraphs: [feeText(definition, language, t)] },
    outcomeSection(definition, language, t),
    ...(session.signing ? [{ heading: t('assist.doc.signing'), paragraphs: signingParagraph(session, t) }] : []),
    ...(session.safetyShown
      ? [
          {
            heading: t('assist.safety.title'),
            items: SAFETY_POINTS.map((point) => t(`assist.safety.${point}` as MessageId)),
          },
        ]
      : []),
  ];
  return {
    kind: 'summary',
    ...common(context, t),
    subtitle: t('assist.doc.summary'),
    sections: sections.filter((section) => !('rows' in section) || (section.rows?.length ?? 0) > 0),
    ...(context.signatureSvg ? { signature: { svg: context.signatureSvg, caption: t('assist.doc.signature') } } : {}),
    ...(definition.source ? { qr: { text: definition.source, caption: t('assist.doc.qr') } } : {}),
  };
}

/** The application printed for the visitor to sign by hand; the office registers it. */
export function applicationDocument(context: DocumentContext): PrintableDocumentInput {
  const t = translator(context.language);
  return {
    kind: 'application',
    ...common(context, t),
    subtitle: t('assist.doc.application'),
    sections: [
      { heading: t('assist.doc.who'), rows: whoRows(context, t) },
      { heading: t('assist.doc.answers'), rows: answerRows(context) },
      { heading: t('assist.doc.declaration'), paragraphs: [t('assist.doc.declarationText')] },
    ],
    signature: { caption: t('assist.doc.signHere') },
  };
}

/** The text the visitor's signature is bound to: the matter, its code and the summary's hash. */
export function acknowledgedText(context: Pick<DocumentContext, 'definition' | 'session'>, digest: string): string {
  return `${context.definition.title.pl} — ${context.session.reference} — SHA-256 ${digest}`;
}
