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

/** Presses Tab until `target` has the focus (as a keyboard user does), at most `max` times. */
export async function tabTo(page: Page, target: ReturnType<Page['locator']>, max = 80): Promise<void> {
  for (let presses = 0; presses < max; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${String(target)}`);
}

/** Answers `step` on the clerk's page with the keyboard alone: Tab, typing, arrows, Space. */
export async function answerByKeyboard(page: Page, step: Step, answer: Answer): Promise<void> {
  const question = step.question;
  if (answer.kind === 'text') {
    await tabTo(page, page.getByLabel(step.title.pl, { exact: true }));
    await page.keyboard.type(answer.text);
  } else if (answer.kind === 'tick' && question.kind === 'declaration') {
    await tabTo(page, page.getByRole('checkbox', { name: question.statement.pl, exact: true }));
    await page.keyboard.press('Space');
  } else if (answer.kind === 'options') {
    // A radio group is one Tab stop: arrows move between its options, Space picks the focused one.
    const target = optionOf(page, question, answer.values[0]!, 'pl');
    const first = page.locator(`input[name="q-${step.id}"]`).first();
    await tabTo(page, first);
    for (let moves = 0; moves < 12 && !(await target.evaluate((e) => e === document.activeElement)); moves++)
      await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
  } else {
    throw new Error(`no keyboard answer for a ${question.kind} question here`);
  }
}

/** The labels of the visitor's details on the clerk's "Dane klienta" page. */
export const IDENTITY_LABELS: Readonly<Record<keyof typeof VISITOR, string>> = {
  givenNames: 'Imiona',
  surname: 'Nazwisko',
  pesel: 'PESEL',
  documentNumber: 'Numer dokumentu',
  birthDate: 'Data urodzenia',
  nationality: 'Obywatelstwo',
};

/**
 * From the page the clerk is on, through the pages of `definition` up to the one headed `stopAt`,
 * the clerk typing everything: the visitor's consent, their details (VISITOR), and a valid answer
 * to each question (`answers` by question id, else sampleAnswer). Resolves to the headings passed.
 */
export async function answerUntil(
  counter: Page,
  definition: EServiceDefinition,
  stopAt: string,
  today: string,
  answers: Readonly<Record<string, Answer>> = {},
): Promise<string[]> {
  const seen: string[] = [];
  for (let guard = 0; guard < 40; guard++) {
    const heading = await pageHeading(counter);
    if (heading === stopAt) return seen;
    seen.push(heading);
    const step = await currentStep(counter, definition);
    if (step) await fillAnswer(counter, step, answers[step.question.id] ?? sampleAnswer(step.question, today), 'pl');
    else if (heading === 'Zanim zaczniemy') await counter.getByRole('checkbox', { name: 'Klient się zgadza' }).check();
    else if (heading === 'Dane klienta')
      for (const field of definition.identity)
        await counter.getByLabel(IDENTITY_LABELS[field], { exact: true }).fill(VISITOR[field]);
    await counter.getByRole('button', { name: 'Dalej', exact: true }).click();
    await counter.locator('.assist-question, #assist-done-title').filter({ hasNotText: heading }).first().waitFor();
  }
  throw new Error(`${definition.id}: no page "${stopAt}" after 40 pages`);
}

/** "Zapisz i dokończ później": resolves to the resume code the counter then shows. */
export async function saveForLater(counter: Page): Promise<string> {
  await counter.getByRole('button', { name: 'Zapisz i dokończ później' }).click();
  const saved = counter.getByRole('status').filter({ hasText: 'Zapisano. Kod do wznowienia:' });
  await saved.waitFor();
  const code = /Kod do wznowienia: ([2-9A-Z]{4}-[2-9A-Z]{4})/.exec((await saved.textContent()) ?? '')?.[1];
  if (!code) throw new Error(`no resume code in: ${await saved.textContent()}`);
  return code;
}

/**
 * "Kod z kartki klienta" and "Wznów" in the counter's "Pomoc w e-usłudze", as a clerk would try
 * again while the session is still on its way from another counter ("Nie ma zapisanej sesji…"),
 * until the session `title` opens or `timeoutMs` passes.
 */
export async function resumeByCode(counter: Page, code: string, title: string, timeoutMs = 15_000): Promise<void> {
  const opened = counter.getByRole('heading', { level: 2, name: title, exact: true });
  const until = Date.now() + timeoutMs;
  await counter.getByLabel('Kod z kartki klienta').fill(code);
  for (;;) {
    await counter.getByRole('button', { name: 'Wznów', exact: true }).click();
    // Found, it opens at once (a local read); not found, the form says so and stays.
    if (
      await opened.waitFor({ timeout: 1_000 }).then(
        () => true,
        () => false,
      )
    )
      return;
    await counter.getByRole('alert').filter({ hasText: 'Nie ma zapisanej sesji o takim kodzie' }).waitFor();
    if (Date.now() > until) throw new Error(`no session ${code} at this counter within ${timeoutMs} ms`);
  }
}
