/**
 * A zod issue as a problem a person can act on: what is wrong (a code with words in Polish,
 * English and Ukrainian) and where (the field's path, `services[2].letter`). One mapping for every
 * file a person writes or imports — an e-service definition (eservices/check.ts), the office's
 * configuration (domain/office-config.ts) — so the same mistake reads the same everywhere.
 */
import type { z } from 'zod';
import type { Language } from '../domain/office';

export const SCHEMA_PROBLEM_CODES = [
  'required',
  'wrong-type',
  'empty-text',
  'bad-id',
  'bad-format',
  'unknown-field',
  'too-few',
  'too-many',
  'too-small',
  'too-big',
  'too-long',
  'bad-value',
] as const;
export type SchemaProblemCode = (typeof SCHEMA_PROBLEM_CODES)[number];

export type Path = readonly (string | number)[];

export interface SchemaProblem {
  readonly code: SchemaProblemCode;
  readonly path: Path;
  /** What the problem is about: the unknown key, the allowed values, the limit. */
  readonly detail?: string;
}

export interface IssueOptions {
  /** Whether a bad string at this path is an identifier (said as "bad identifier", not "badly written"). */
  readonly isId?: (path: Path) => boolean;
  /** The values a union takes at `path`, to say what is allowed. */
  readonly unionChoices?: (path: Path) => string | undefined;
}

/**
 * Parses `raw`, or says every problem: the one way to run a schema over what a person wrote
 * (`reportInput`, so a missing field is told from a wrong one).
 */
export function parseOrProblems<T>(
  schema: z.ZodType<T>,
  raw: unknown,
  options: IssueOptions = {},
): { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly SchemaProblem[] } {
  const parsed = schema.safeParse(raw, { reportInput: true });
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, problems: parsed.error.issues.map((issue) => schemaProblem(issue, options)) };
}

/** The problem a zod issue stands for (from a parse with `reportInput: true`, see parseOrProblems). */
export function schemaProblem(issue: z.core.$ZodIssue, options: IssueOptions = {}): SchemaProblem {
  const path = issue.path.filter((part): part is string | number => typeof part !== 'symbol');
  const at = (code: SchemaProblemCode, detail?: string): SchemaProblem => ({
    code,
    path,
    ...(detail === undefined ? {} : { detail }),
  });
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? at('required') : at('wrong-type', issue.expected);
    case 'too_small':
      if (issue.origin === 'string') return at('empty-text');
      return issue.origin === 'array' ? at('too-few', String(issue.minimum)) : at('too-small', String(issue.minimum));
    case 'too_big':
      if (issue.origin === 'string') return at('too-long', String(issue.maximum));
      return issue.origin === 'array' ? at('too-many', String(issue.maximum)) : at('too-big', String(issue.maximum));
    case 'unrecognized_keys':
      return at('unknown-field', issue.keys.join(', '));
    case 'invalid_format':
      return options.isId?.(path)
        ? at('bad-id')
        : at('bad-format', issue.format === 'regex' ? issue.message : issue.format);
    case 'invalid_value':
      return at('bad-value', issue.values.map(String).join(', '));
    case 'invalid_union':
      return at('bad-value', options.unionChoices?.(path));
    default:
      return at('bad-value', issue.message);
  }
}

/** `steps[2].question.options[0]` */
export function formatPath(path: Path): string {
  return path.reduce<string>(
    (text, part) => (typeof part === 'number' ? `${text}[${part}]` : text === '' ? part : `${text}.${part}`),
    '',
  );
}

/** The words of each schema problem; `{detail}` stands for the problem's detail. */
export const SCHEMA_WORDS: Readonly<Record<Language, Readonly<Record<SchemaProblemCode, string>>>> = {
  pl: {
    required: 'brak wymaganego pola',
    'wrong-type': 'zły rodzaj wartości (oczekiwano: {detail})',
    'empty-text': 'pusty tekst — wpisz treść',
    'bad-id': 'zły identyfikator — tylko małe litery, cyfry i łączniki',
    'bad-format': 'zły zapis ({detail})',
    'unknown-field': 'nieznane pole: {detail}',
    'too-few': 'za mało pozycji (co najmniej {detail})',
    'too-many': 'za dużo pozycji (najwyżej {detail})',
    'too-small': 'za mała wartość (co najmniej {detail})',
    'too-big': 'za duża wartość (najwyżej {detail})',
    'too-long': 'za długi tekst (najwyżej {detail} znaków)',
    'bad-value': 'niedozwolona wartość (dozwolone: {detail})',
  },
  en: {
    required: 'a required field is missing',
    'wrong-type': 'wrong kind of value (expected: {detail})',
    'empty-text': 'empty text — write something',
    'bad-id': 'bad identifier — lower-case letters, digits and hyphens only',
    'bad-format': 'badly written ({detail})',
    'unknown-field': 'unknown field: {detail}',
    'too-few': 'too few items (at least {detail})',
    'too-many': 'too many items (at most {detail})',
    'too-small': 'too small (at least {detail})',
    'too-big': 'too big (at most {detail})',
    'too-long': 'text too long (at most {detail} characters)',
    'bad-value': 'value not allowed (allowed: {detail})',
  },
  uk: {
    required: 'бракує обовʼязкового поля',
    'wrong-type': 'неправильний тип значення (очікується: {detail})',
    'empty-text': 'порожній текст — впишіть зміст',
    'bad-id': 'неправильний ідентифікатор — лише малі літери, цифри й дефіси',
    'bad-format': 'неправильний запис ({detail})',
    'unknown-field': 'невідоме поле: {detail}',
    'too-few': 'замало позицій (щонайменше {detail})',
    'too-many': 'забагато позицій (щонайбільше {detail})',
    'too-small': 'замале значення (щонайменше {detail})',
    'too-big': 'завелике значення (щонайбільше {detail})',
    'too-long': 'задовгий текст (щонайбільше {detail} символів)',
    'bad-value': 'недозволене значення (дозволені: {detail})',
  },
};

/** How a place is named in each language: `pole „services[2].letter”`. */
export const PLACE_WORDS: Readonly<Record<Language, { field: string; quote: (text: string) => string }>> = {
  pl: { field: 'pole', quote: (text) => `„${text}”` },
  en: { field: 'field', quote: (text) => `“${text}”` },
  uk: { field: 'поле', quote: (text) => `«${text}»` },
};

/** The words with the detail put in (a dash when there is none). */
export function fillDetail(words: string, detail: string | undefined): string {
  return words.replace('{detail}', detail ?? '—');
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
