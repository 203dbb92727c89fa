/**
 * The walk through an e-service: which pages the clerk and the visitor see, in order, for the
 * answers given so far; whether an answer is acceptable; how an answer reads on the check-answers
 * page and in the printed summary. Pure functions: the counter, the customer screen, the PDF
 * summary and the tests all ask the same questions here.
 *
 * Pages follow the GOV.UK patterns: the start (who is acting, the consent), the visitor's details
 * (read from the ID card), one question per page, the optional digital-safety page, check your
 * answers, the signing page (the declaration's button is named after the action), confirmation.
 */
import { peselProblem, polishIdNumberProblem } from '../domain/identity';
import type { Language } from '../domain/office';
import type { Condition, EServiceDefinition, Question, Step } from './definition';

/** A postal address as the address question takes it. */
export interface AddressValue {
  readonly street: string;
  readonly building: string;
  readonly flat: string;
  readonly postcode: string;
  readonly town: string;
}

/** An answer's value: text (text, date, PESEL, …, `yes`/`no`), chosen values, or an address. */
export type AnswerValue = string | readonly string[] | AddressValue;
export type Answers = Readonly<Record<string, AnswerValue | undefined>>;

export type Page =
  | { readonly kind: 'start' }
  | { readonly kind: 'identity' }
  | { readonly kind: 'question'; readonly step: Step }
  | { readonly kind: 'safety' }
  | { readonly kind: 'check' }
  | { readonly kind: 'sign' }
  | { readonly kind: 'confirmation' };

/** A page's stable key: `question:<step id>` for a question, else the kind. */
export function pageKey(page: Page): string {
  return page.kind === 'question' ? `question:${page.step.id}` : page.kind;
}

// ---------------------------------------------------------------------------------------------
// Conditions and pages

/** The values an answer stands for in a condition: the choices of a multiple choice, else the text. */
function valuesOf(value: AnswerValue | undefined): readonly string[] {
  if (value === undefined) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value as readonly string[];
  return [];
}

export function holds(condition: Condition, answers: Answers): boolean {
  if ('all' in condition) return condition.all.every((part) => holds(part, answers));
  if ('any' in condition) return condition.any.some((part) => holds(part, answers));
  if ('not' in condition) return !holds(condition.not, answers);
  const values = valuesOf(answers[condition.question]);
  const wanted = 'equals' in condition ? [condition.equals] : condition.in;
  return values.some((value) => wanted.includes(value));
}

/** The steps shown for these answers, in order; a step whose condition fails is skipped. */
export function visibleSteps(definition: EServiceDefinition, answers: Answers): Step[] {
  return definition.steps.filter((step) => step.when === undefined || holds(step.when, answers));
}

/** Every page of the walk for these answers. */
export function pagesOf(definition: EServiceDefinition, answers: Answers, offerSafety: boolean): Page[] {
  return [
    { kind: 'start' },
    ...(definition.identity.length > 0 ? [{ kind: 'identity' } as const] : []),
    ...visibleSteps(definition, answers).map((step) => ({ kind: 'question', step }) as const),
    ...(offerSafety ? [{ kind: 'safety' } as const] : []),
    { kind: 'check' },
    { kind: 'sign' },
    { kind: 'confirmation' },
  ];
}

/** "Krok 3 z 7": the page's place among the pages before the confirmation (1-based). */
export function progressOf(pages: readonly Page[], key: string): { readonly step: number; readonly of: number } {
  const counted = pages.filter((page) => page.kind !== 'confirmation');
  const at = counted.findIndex((page) => pageKey(page) === key);
  return { step: at === -1 ? counted.length : at + 1, of: counted.length };
}

/** The answers of visible steps only: what is summarised and kept when the walk ends. */
export function answersInForce(definition: EServiceDefinition, answers: Answers): Record<string, AnswerValue> {
  const kept: Record<string, AnswerValue> = {};
  for (const step of visibleSteps(definition, answers)) {
    const value = answers[step.question.id];
    if (value !== undefined && !isEmpty(value)) kept[step.question.id] = value;
  }
  return kept;
}

/** The first visible question step whose answer is not acceptable yet; null when all are. */
export function firstUnanswered(definition: EServiceDefinition, answers: Answers, today: string): Step | null {
  return (
    visibleSteps(definition, answers).find(
      (step) => answerProblem(step.question, answers[step.question.id], today) !== null,
    ) ?? null
  );
}

// ---------------------------------------------------------------------------------------------
// Answers

export const ANSWER_PROBLEMS = [
  'required',
  'format',
  'check-digit',
  'invalid-date',
  'too-early',
  'too-late',
  'too-long',
  'too-small',
  'too-large',
  'pattern',
  'unknown-option',
  'postcode',
] as const;
export type AnswerProblem = (typeof ANSWER_PROBLEMS)[number];

export function isEmpty(value: AnswerValue | undefined): boolean {
  if (value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  const address = value as AddressValue;
  return [address.street, address.building, address.postcode, address.town].every((part) => part.trim() === '');
}

/** Why an answer cannot be accepted (null: it can); `today` is `YYYY-MM-DD` in the office's time zone. */
export function answerProblem(question: Question, value: AnswerValue | undefined, today: string): AnswerProblem | null {
  if (isEmpty(value)) return question.optional === true && question.kind !== 'declaration' ? null : 'required';
  const text = typeof value === 'string' ? value.trim() : '';
  switch (question.kind) {
    case 'text':
      return textProblem(question, text);
    case 'choice':
      return choiceProblem(question, value);
    case 'date':
      return dateProblem(text, question.notBefore, question.notAfter, today);
    case 'address':
      return addressProblem(value as AddressValue);
    case 'pesel':
      return peselAnswerProblem(text);
    case 'document-number':
      return documentNumberProblem(text);
    case 'yes-no':
      return text === 'yes' || text === 'no' ? null : 'unknown-option';
    case 'declaration':
      return text === 'yes' ? null : 'required';
    case 'email':
      return /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/u.test(text) ? null : 'format';
    case 'phone':
      return /^\+?[0-9]{9,15}$/.test(text.replace(/[\s-]/g, '')) ? null : 'format';
    case 'number':
      return numberProblem(question, text);
  }
}

function textProblem(question: Extract<Question, { kind: 'text' }>, text: string): AnswerProblem | null {
  if (text.length > (question.maxLength ?? 500)) return 'too-long';
  if (question.pattern !== undefined && !new RegExp(`^(?:${question.pattern})$`, 'u').test(text)) return 'pattern';
  return null;
}

function choiceProblem(
  question: Extract<Question, { kind: 'choice' }>,
  value: AnswerValue | undefined,
): AnswerProblem | null {
  const chosen = valuesOf(value);
  if (!question.multiple && (typeof value !== 'string' || chosen.length !== 1)) return 'unknown-option';
  const known = new Set(question.options.map((option) => option.value));
  return chosen.every((one) => known.has(one)) ? null : 'unknown-option';
}

function peselAnswerProblem(text: string): AnswerProblem | null {
  const problem = peselProblem(text);
  return problem === undefined ? null : problem;
}

/** A Polish ID card number is checked by its check digit; a passport's or another document's only by shape. */
function documentNumberProblem(text: string): AnswerProblem | null {
  const number = text.replace(/\s/g, '').toUpperCase();
  if (/^[A-Z]{3}\d{6}$/.test(number)) return polishIdNumberProblem(number) ?? null;
  return /^[A-Z0-9]{5,20}$/.test(number) ? null : 'format';
}

function numberProblem(question: Extract<Question, { kind: 'number' }>, text: string): AnswerProblem | null {
  if (!/^-?\d{1,9}$/.test(text)) return 'format';
  const number = Number(text);
  if (question.min !== undefined && number < question.min) return 'too-small';
  if (question.max !== undefined && number > question.max) return 'too-large';
  return null;
}

function addressProblem(address: AddressValue): AnswerProblem | null {
  if ([address.building, address.postcode, address.town].some((part) => part.trim() === '')) return 'required';
  if (!/^\d{2}-\d{3}$/.test(address.postcode.trim())) return 'postcode';
  const tooLong = [address.street, address.building, address.flat, address.town].some((part) => part.length > 100);
  return tooLong ? 'too-long' : null;
}

// ---------------------------------------------------------------------------------------------
// Dates

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isRealDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * A date limit (`today`, `-18y`, `+30d`, `2026-01-01`) as a date relative to `today`. Years and
 * months keep the day of the month, or take the month's last day when it has no such day: 18 years
 * before 29 February 2024 is 28 February 2006 (someone born on 1 March 2006 is not 18 yet).
 */
export function resolveDateLimit(limit: string, today: string): string {
  if (limit === 'today') return today;
  if (ISO_DATE.test(limit)) return limit;
  const amount = Number(limit.slice(0, -1));
  const unit = limit.slice(-1);
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  if (unit === 'd') return utcDay(year, month - 1, day + amount);
  const months = year * 12 + (month - 1) + (unit === 'y' ? amount * 12 : amount);
  const [toYear, toMonth] = [Math.floor(months / 12), ((months % 12) + 12) % 12];
  const lastDay = utcDate(toYear, toMonth + 1, 0).getUTCDate();
  return utcDay(toYear, toMonth, Math.min(day, lastDay));
}

/** A UTC day; months and days past their end roll over, and any year is itself (Date.UTC takes 0–99 as 19xx). */
function utcDate(year: number, monthIndex: number, day: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  return date;
}

function utcDay(year: number, monthIndex: number, day: number): string {
  return utcDate(year, monthIndex, day).toISOString().slice(0, 10);
}

function dateProblem(
  text: string,
  notBefore: string | undefined,
  notAfter: string | undefined,
  today: string,
): AnswerProblem | null {
  if (!ISO_DATE.test(text)) return 'format';
  if (!isRealDate(text)) return 'invalid-date';
  if (notBefore !== undefined && text < resolveDateLimit(notBefore, today)) return 'too-early';
  if (notAfter !== undefined && text > resolveDateLimit(notAfter, today)) return 'too-late';
  return null;
}

// ---------------------------------------------------------------------------------------------
// Reading an answer

const YES_NO: Readonly<Record<Language, { yes: string; no: string }>> = {
  pl: { yes: 'Tak', no: 'Nie' },
  en: { yes: 'Yes', no: 'No' },
  uk: { yes: 'Так', no: 'Ні' },
};

/** How an answer reads on the check-answers page and in the summary, in `language`. */
export function answerText(question: Question, value: AnswerValue | undefined, language: Language): string {
  if (value === undefined || isEmpty(value)) return '—';
  switch (question.kind) {
    case 'choice': {
      const labels = new Map(question.options.map((option) => [option.value, option.label[language]]));
      return valuesOf(value)
        .map((one) => labels.get(one) ?? one)
        .join(', ');
    }
    case 'yes-no':
    case 'declaration':
      return value === 'yes' ? YES_NO[language].yes : YES_NO[language].no;
    case 'address':
      return formatAddress(value as AddressValue);
    default:
      return typeof value === 'string' ? value.trim() : valuesOf(value).join(', ');
  }
}

export function formatAddress(address: AddressValue): string {
  const number =
    address.flat.trim() === '' ? address.building.trim() : `${address.building.trim()}/${address.flat.trim()}`;
  const street = address.street.trim() === '' ? number : `${address.street.trim()} ${number}`;
  return `${street}, ${address.postcode.trim()} ${address.town.trim()}`;
}

export function emptyAddress(): AddressValue {
  return { street: '', building: '', flat: '', postcode: '', town: '' };
}
