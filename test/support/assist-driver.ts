/**
 * Going through an assisted e-service the way a clerk and a visitor do, by role and name: a valid
 * answer for any question of a definition, filled on the clerk's page or on the visitor's screen,
 * and "Dalej". The e2e tests and the benchmark use it for every shipped e-service.
 */
import type { Page } from 'playwright-core';
import { peselCheckDigit, isValidPolishIdNumber } from '../../electron/common/domain/identity';
import type { Language } from '../../electron/common/domain/office';
import type { EServiceDefinition, Question, Step } from '../../electron/common/eservices/definition';
import { resolveDateLimit } from '../../electron/common/eservices/flow';

/** A visitor's identity that passes every check: Jan Kowalski, born 1 May 1985. */
export const VISITOR = {
  givenNames: 'Jan',
  surname: 'Kowalski',
  pesel: `8505011234${peselCheckDigit('8505011234')}`,
  documentNumber: 'ZRK020457',
  birthDate: '1985-05-01',
  nationality: 'POL',
} as const;
if (!isValidPolishIdNumber(VISITOR.documentNumber)) throw new Error('the test ID number must be valid');

/** A child's PESEL (born 3 March 2015), different from the visitor's. */
const CHILD_PESEL = `1523031234${peselCheckDigit('1523031234')}`;

/** Answers a pattern asks for, by question id (the rest of a text question takes plain words). */
const PATTERNED: Readonly<Record<string, string>> = {
  login: 'jan.kowalski85',
  'numer-ksiegi': 'WA1M/00012345/6',
  'pesel-kolejnych-dzieci': CHILD_PESEL,
};

export type Answer =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'options'; readonly values: readonly string[] }
  | { readonly kind: 'tick' }
  | { readonly kind: 'address'; readonly parts: Readonly<Record<string, string>> };

function dateFor(question: Extract<Question, { kind: 'date' }>, today: string): string {
  if (question.notBefore) return resolveDateLimit(question.notBefore, today);
  if (question.notAfter) return resolveDateLimit(question.notAfter, today);
  return today;
}

/** A valid answer to `question`: the first option, "no", the limits of a date, a valid PESEL… */
export function sampleAnswer(question: Question, today: string): Answer {
  switch (question.kind) {
    case 'choice':
      return { kind: 'options', values: [question.options[0]!.value] };
    case 'yes-no':
      return { kind: 'options', values: ['no'] };
    case 'declaration':
      return { kind: 'tick' };
    case 'address':
      return {
        kind: 'address',
        parts: { street: 'Lipowa', building: '12', flat: '3', postcode: '00-950', town: 'Warszawa' },
      };
    case 'date':
      return { kind: 'text', text: dateFor(question, today) };
    case 'pesel':
      return { kind: 'text', text: question.fromIdentity ? VISITOR.pesel : CHILD_PESEL };
    case 'document-number':
      return { kind: 'text', text: VISITOR.documentNumber };
    case 'email':
      return { kind: 'text', text: 'jan.kowalski@example.pl' };
    case 'phone':
      return { kind: 'text', text: '600 100 200' };
    case 'number':
      return { kind: 'text', text: String(Math.max(question.min ?? 1, 3)) };
    case 'text':
      return { kind: 'text', text: PATTERNED[question.id] ?? 'Odpowiedź testowa' };
  }
}

const YES_NO: Readonly<Record<Language, { yes: string; no: string }>> = {
  pl: { yes: 'Tak', no: 'Nie' },
  en: { yes: 'Yes', no: 'No' },
  uk: { yes: 'Так', no: 'Ні' },
};

const ADDRESS_LABELS: Readonly<Record<string, string>> = {
  street: 'Ulica (jeśli jest)',
  building: 'Numer domu',
  flat: 'Numer mieszkania (jeśli jest)',
  postcode: 'Kod pocztowy',
  town: 'Miejscowość',
};

/** Fills `answer` to `step` on `page` (the clerk's or the visitor's) in `language`, as a person would. */
export async function fillAnswer(page: Page, step: Step, answer: Answer, language: Language): Promise<void> {
  const question = step.question;
  if (answer.kind === 'text') {
    await page.getByLabel(step.title[language], { exact: true }).fill(answer.text);
  } else if (answer.kind === 'tick' && question.kind === 'declaration') {
    await page.getByRole('checkbox', { name: question.statement[language], exact: true }).check();
  } else if (answer.kind === 'address') {
    for (const [part, value] of Object.entries(answer.parts))
      await page.getByLabel(ADDRESS_LABELS[part]!, { exact: true }).fill(value);
  } else if (answer.kind === 'options') {
    for (const value of answer.values) await optionOf(page, question, value, language).check();
  }
}

function optionOf(page: Page, question: Question, value: string, language: Language) {
  if (question.kind === 'yes-no') {
    const words = YES_NO[language];
    return page.getByRole('radio', { name: value === 'yes' ? words.yes : words.no, exact: true });
  }
  if (question.kind !== 'choice') throw new Error(`no options in a ${question.kind} question`);
  const label = question.options.find((option) => option.value === value)!.label[language];
  return page.getByRole(question.multiple ? 'checkbox' : 'radio', { name: label, exact: true });
}

/** The step whose page the clerk is on, from the page's question heading; null on the other pages. */
export async function currentStep(counter: Page, definition: EServiceDefinition): Promise<Step | null> {
  const heading = (await counter.locator('.assist-question').first().textContent())?.trim() ?? '';
  return definition.steps.find((step) => step.title.pl === heading) ?? null;
}

/** The clerk's question heading, once it shows (any page of the walk). */
export async function pageHeading(counter: Page): Promise<string> {
  const heading = counter.locator('.assist-question, #assist-done-title').first();
  await heading.waitFor();
  return (await heading.textContent())?.trim() ?? '';
}
