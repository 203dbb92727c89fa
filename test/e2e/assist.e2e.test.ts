/**
 * Assisted e-services end to end, as a clerk and a visitor go through them: every shipped
 * e-service from the visit being served to the printed summary, with the customer screen open
 * beside the counter and answers typed on both; axe on every page of every e-service, on both
 * screens, at 100 % and 200 % zoom; the summary PDF read back with poppler; a session saved,
 * resumed by another clerk at another counter and completed; one e-service by keyboard alone; a
 * broken definition in the office's folder refused with its step and field named while the
 * others are still offered.
 */
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EServiceDefinition, SigningPath } from '../../electron/common/eservices/definition';
import { loadDefinitions } from '../../electron/station/eservices/load';
import { SHIPPED_DEFINITIONS } from '../../electron/station/eservices/folders';
import { addLocalAccount } from '../support/accounts';
import {
  answerByKeyboard,
  currentStep,
  fillAnswer,
  IDENTITY_LABELS,
  pageHeading,
  sampleAnswer,
  tabTo,
  VISITOR,
} from '../support/assist-driver';
import { coveringPaths, type Overrides } from '../support/assist-coverage';
import { startE2eStation, type E2eStation } from '../support/e2e-station';
import { axeViolations, openPage, screenshotIfFailed, signIn, smallTargets, takeTicketAt } from '../support/pages';

const run = promisify(execFile);

const COUNTER = 6;
const TODAY = new Date().toISOString().slice(0, 10);

let station: E2eStation;
let definitions: EServiceDefinition[];
let context: BrowserContext;
/** The visitor's screen is another window: Chromium slows the timers of a tab behind another in one window. */
let customerContext: BrowserContext;
let counter: Page;
let customer: Page;
let kiosk: Page;

/** A definition an office dropped in with a condition naming a question that does not exist. */
const BROKEN = `id: zepsuta
version: 1
title: {pl: Zepsuta, en: Broken, uk: Зламана}
summary: {pl: Test, en: Test, uk: Тест}
steps:
  - id: pierwszy
    title: {pl: Pytanie?, en: Question?, uk: Питання?}
    when: {question: nie-ma-takiego, equals: tak}
    question: {id: odpowiedz, kind: text}
fee: {amount: 0}
nextSteps: {pl: Nic, en: Nothing, uk: Нічого}
outcome: {kind: referral, to: {pl: Gdzie indziej, en: Elsewhere, uk: Деінде}}
signing: [unable]
`;

beforeAll(async () => {
  definitions = [...(await loadDefinitions([SHIPPED_DEFINITIONS])).definitions];
  station = await startE2eStation(
    'assist',
    () => [],
    { stationId: 'e2e-assist', signIn: { reauthMinutes: 30, idleLockMinutes: 60, offlineDays: 7 } },
    async (dataDir) => {
      await addLocalAccount(dataDir, 'ewa', ['clerk'], { displayName: 'Ewa Zielińska' });
      await addLocalAccount(dataDir, 'piotr', ['clerk'], { displayName: 'Piotr Wiśniewski' });
      await mkdir(path.join(dataDir, 'eservices'), { recursive: true });
      await writeFile(path.join(dataDir, 'eservices', 'zepsuta.yaml'), BROKEN);
    },
  );
  context = await station.browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  kiosk = await openPage(context, `${station.host.url}#/kiosk`, 'kiosk');
  counter = await openPage(context, `${station.host.url}#/counter/${COUNTER}`, 'counter');
  customerContext = await station.browser.newContext({ viewport: { width: 1280, height: 900 } });
  // What the visitor's screen says aloud, as `lang|text` (the speech itself needs no sound card here).
  await customerContext.addInitScript(() => {
    const spoken: string[] = [];
    Object.assign(window, { spoken });
    speechSynthesis.speak = (utterance: SpeechSynthesisUtterance) => {
      spoken.push(`${utterance.lang}|${utterance.text}`);
      setTimeout(() => utterance.onend?.(new Event('end') as SpeechSynthesisEvent), 10);
    };
  });
  customer = await openPage(customerContext, `${station.host.url}#/customer/${COUNTER}`, 'customer');
  await signIn(counter, 'ewa');
  await counter.getByRole('button', { name: 'Otwórz stanowisko' }).click();
  await counter.getByText('Stanowisko otwarte').waitFor();
}, 120_000);

afterAll(async () => {
  await context?.close();
  await customerContext?.close();
  await station?.stop();
});

afterEach(async (test) => {
  if (await screenshotIfFailed(test, context, station.shots))
    await customer.screenshot({
      path: path.join(station.shots, `failed-${test.task.name.replace(/\W+/g, '-')}-customer.png`),
    });
});

/** A visitor takes a ticket for the e-services desk, and the clerk calls and starts serving them. */
async function serveNextVisitor(service = 'Profil Zaufany i e-usługi'): Promise<string> {
  await kiosk.bringToFront();
  const number = await takeTicketAt(kiosk, service);
  // The kiosk and the counter share a window (and so the workstation's database, with no hub).
  await counter.bringToFront();
  await counter.getByRole('button', { name: /^Wywołaj następnego/ }).click();
  await counter.locator('.counter-number', { hasText: number }).waitFor();
  await counter.getByRole('button', { name: /^Rozpocznij obsługę/ }).click();
  return number;
}

async function finishVisit(): Promise<void> {
  await counter.getByRole('button', { name: /^Zakończ obsługę/ }).click();
  await counter.getByRole('button', { name: /^Wywołaj następnego/ }).waitFor();
}

/** What a visitor touches: buttons, fields, and each option's whole row. */
const VISITOR_TARGETS = 'button, input:not([type=radio]):not([type=checkbox]), label.assist-choice';

/** The pages axe has passed, as `<e-service>: <heading>`: a later walk checks only the pages new to it. */
const checked = new Set<string>();

/**
 * axe on both screens at 100 % and at 200 % zoom (half the CSS width and height); on the visitor's
 * screen, every target at least 44 × 44 px and no horizontal scrolling at 320 CSS px.
 */
async function expectAccessible(label: string): Promise<void> {
  if (checked.has(label)) return;
  for (const page of [counter, customer]) {
    const name = page === counter ? 'counter' : 'customer';
    expect(await axeViolations(page), `${label} (${name}, 100 %)`).toEqual([]);
    await page.setViewportSize({ width: 640, height: 450 });
    expect(await axeViolations(page), `${label} (${name}, 200 %)`).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 900 });
  }
  expect(await smallTargets(customer, VISITOR_TARGETS), `${label}: targets under 44 px`).toEqual([]);
  await customer.setViewportSize({ width: 320, height: 640 });
  const width = await customer.evaluate(() => document.documentElement.scrollWidth);
  await customer.setViewportSize({ width: 1280, height: 900 });
  expect(width, `${label}: the visitor's screen at 320 px`).toBeLessThanOrEqual(320);
  checked.add(label);
}

/** The customer screen shows the page the clerk is on: its heading and its progress. */
async function expectMirrored(heading: string): Promise<void> {
  await customer.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
  await sameProgress();
}

/** The visitor's screen is on the clerk's page: the same "Krok N z M" (every page before the end has it). */
async function sameProgress(): Promise<void> {
  const progress = await counter.locator('.assist-progress').first().textContent();
  await expect.poll(() => customer.locator('.assist-progress').first().textContent()).toBe(progress);
}

interface WalkOptions {
  readonly safety?: boolean;
  /** Stop on this page's heading (before answering it) instead of going to the end. */
  readonly stopAt?: string;
  /** Stop after this many pages, on the next one (before answering it). */
  readonly stopAfter?: number;
  /** Whether the visitor's screen of this counter is open (false at counter 3: the clerk types all). */
  readonly mirrored?: boolean;
  readonly axe?: boolean;
  /** Answers other than the sample ones, by question id (coveringPaths). */
  readonly answers?: Overrides;
  /** How the visitor signs (the definition's first signing path unless named). */
  readonly signing?: SigningPath;
  /** A proxy acts for the visitor. */
  readonly proxy?: boolean;
}

/** Through the pages of `definition`, answering every question; every other answer typed by the visitor. */
async function walk(definition: EServiceDefinition, options: WalkOptions = {}): Promise<string[]> {
  const seen: string[] = [];
  for (let guard = 0; guard < 60; guard++) {
    const heading = await pageHeading(counter);
    if (heading === options.stopAt || heading === 'Sprawa załatwiona' || seen.length === options.stopAfter) return seen;
    seen.push(heading);
    if (options.axe !== false) {
      // axe on the visitor's screen only once it shows this page.
      if (options.mirrored !== false) await sameProgress();
      await expectAccessible(`${definition.id}: ${heading}`);
    }
    await answerPage(definition, heading, seen.length, options);
    await counter.locator('.assist-question, #assist-done-title').filter({ hasNotText: heading }).first().waitFor();
  }
  throw new Error(`${definition.id}: no end after 60 pages`);
}

async function answerPage(definition: EServiceDefinition, heading: string, index: number, options: WalkOptions) {
  const mirrored = options.mirrored !== false;
  const step = await currentStep(counter, definition);
  if (step)
    return answerQuestion(step, index, mirrored, options.answers?.[step.question.id], {
      label: `${definition.id}: ${heading}`,
      axe: options.axe !== false,
    });
  if (heading === 'Zanim zaczniemy') {
    if (options.proxy) await actAsProxy(definition, options);
    await counter.getByRole('checkbox', { name: 'Klient się zgadza' }).check();
    if (options.safety) await counter.getByRole('checkbox', { name: /poradę, jak rozpoznać oszustwo/ }).check();
  } else if (heading === 'Dane klienta') {
    for (const field of definition.identity) {
      const label = {
        givenNames: 'Imiona',
        surname: 'Nazwisko',
        pesel: 'PESEL',
        documentNumber: 'Numer dokumentu',
        birthDate: 'Data urodzenia',
        nationality: 'Obywatelstwo',
      }[field];
      await counter.getByLabel(label, { exact: true }).fill(VISITOR[field]);
    }
    if (mirrored) await customer.getByRole('heading', { level: 1, name: 'Twoje dane' }).waitFor();
  } else if (heading === 'Potwierdzenie i podpis') {
    return sign(definition, options);
  } else if (heading === 'Sprawdź odpowiedzi' && mirrored) {
    await customer.getByRole('heading', { level: 1, name: 'Sprawdź swoje odpowiedzi' }).waitFor();
  }
  await counter.getByRole('button', { name: 'Dalej', exact: true }).click();
}

async function answerQuestion(
  step: EServiceDefinition['steps'][number],
  index: number,
  mirrored: boolean,
  chosen: Overrides[string] | undefined,
  check: { readonly label: string; readonly axe: boolean },
) {
  if (mirrored) await expectMirrored(step.title.pl);
  const answer = chosen ?? sampleAnswer(step.question, TODAY);
  if (mirrored && index % 2 === 0) {
    await counter.getByRole('radio', { name: 'Klient na swoim ekranie' }).check();
    await customer.getByText('Teraz Ty wpisujesz odpowiedź.').waitFor();
    // The visitor's screen as the visitor uses it: its fields and buttons, and once a problem shown.
    if (check.axe) await expectAccessible(`${check.label} (klient wpisuje)`);
    const required = !('optional' in step.question && step.question.optional);
    if (check.axe && required && answer.kind === 'text' && !checked.has(VISITOR_PROBLEM)) await visitorProblem(step);
    await fillAnswer(customer, step, answer, 'pl');
    await customer.getByRole('button', { name: 'Dalej', exact: true }).click();
  } else {
    await fillAnswer(counter, step, answer, 'pl');
    await counter.getByRole('button', { name: 'Dalej', exact: true }).click();
  }
}

const VISITOR_PROBLEM = "a problem on the visitor's screen";

/** "Dalej" on the visitor's screen with the answer left empty: the problem shown there, and checked. */
async function visitorProblem(step: EServiceDefinition['steps'][number]): Promise<void> {
  await customer.getByLabel(step.title.pl, { exact: true }).fill('');
  await customer.getByRole('button', { name: 'Dalej', exact: true }).click();
  await customer.getByRole('alert').first().waitFor();
  await expectAccessible(VISITOR_PROBLEM);
}

/** The signing paths' radio buttons on "Potwierdzenie i podpis". */
const SIGNING_LABELS: Readonly<Record<SigningPath, string>> = {
  online: 'Sam, online: Profilem Zaufanym lub e-dowodem',
  handwritten: 'Własnoręcznym podpisem na wydrukowanym wniosku',
  pad: 'Podpisem na tablecie',
  unable: 'Klient nie może się podpisać (notatka urzędnika, art. 63 § 3 KPA)',
};

/** The button that ends the walk, named after what it does. */
const SUBMIT = { online: 'Potwierdź złożenie online', paper: 'Złóż wniosek', referral: 'Zakończ i skieruj dalej' };

/**
 * Signs the way `path` says, axe on the page as that path shows it: online, the visitor's own
 * steps ticked; by hand, the application printed; on the pad, drawn on the screen (no pad here);
 * unable, the clerk's note of why.
 */
async function sign(definition: EServiceDefinition, options: WalkOptions) {
  const path = options.signing ?? definition.signing[0]!;
  if (options.mirrored !== false) await customer.getByRole('heading', { level: 1, name: 'Potwierdzenie' }).waitFor();
  await counter.getByRole('radio', { name: SIGNING_LABELS[path] }).check();
  if (options.axe !== false) await expectAccessible(`${definition.id}: signing ${path}`);
  if (path === 'online') {
    const boxes = counter.locator('.assist-checklist input[type=checkbox]');
    for (let i = 0; i < (await boxes.count()); i++) await boxes.nth(i).check();
  } else if (path === 'pad') {
    return signOnScreen();
  } else if (path === 'handwritten') {
    await counter.getByRole('button', { name: 'Drukuj wniosek do podpisu' }).click();
    await counter.getByRole('link', { name: 'Wniosek do podpisu (PDF)', exact: true }).waitFor();
  } else {
    await counter
      .getByLabel('Dlaczego klient nie może się podpisać (notatka urzędnika)')
      .fill('Niedowład prawej ręki.');
  }
  await counter.getByRole('button', { name: SUBMIT[definition.outcome.kind] }).click();
}

/** "Pełnomocnik klienta", with the proxy's name, document and power of attorney. */
async function actAsProxy(definition: EServiceDefinition, options: WalkOptions) {
  await counter.getByRole('radio', { name: 'Pełnomocnik klienta' }).check();
  await counter.getByLabel('Imię i nazwisko pełnomocnika').fill('Anna Kowalska');
  await counter.getByLabel('Numer dokumentu tożsamości pełnomocnika').fill('ABA300000');
  await counter.getByLabel('Pełnomocnictwo (data i zakres)').fill('Notarialne, 2026-11-20, sprawy meldunkowe');
  if (options.axe !== false) await expectAccessible(`${definition.id}: Zanim zaczniemy (pełnomocnik)`);
}

/** No pad at this counter: the visitor signs on the screen; the station binds it to the summary's hash. */
async function signOnScreen() {
  await counter.getByRole('radio', { name: 'Podpisem na tablecie' }).check();
  await counter.getByRole('button', { name: 'Podpis na ekranie' }).click();
  const box = (await counter.getByRole('group', { name: 'Podpis' }).locator('canvas').boundingBox())!;
  await counter.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.6);
  await counter.mouse.down();
  for (const [x, y] of [
    [0.3, 0.3],
    [0.5, 0.7],
    [0.7, 0.3],
    [0.9, 0.6],
  ] as const)
    await counter.mouse.move(box.x + box.width * x, box.y + box.height * y, { steps: 6 });
  await counter.mouse.up();
  await counter.getByRole('button', { name: 'Zatwierdź podpis' }).click();
  await counter.getByRole('img', { name: 'Podpis klienta' }).waitFor();
  await counter.getByRole('button', { name: 'Złóż wniosek' }).click();
}

/** The summary, downloaded as the visitor's copy and read back with poppler. */
async function summaryText(reference: string): Promise<string> {
  await counter.getByRole('button', { name: 'Drukuj podsumowanie' }).click();
  const [download] = await Promise.all([
    counter.waitForEvent('download'),
    counter.getByRole('link', { name: 'Podsumowanie dla klienta (PDF)', exact: true }).click(),
  ]);
  const file = path.join(station.shots, `summary-${reference}.pdf`);
  await download.saveAs(file);
  // In a browser the same PDF also opens in a tab of its own, for the browser's viewer to print.
  const open = counter.getByRole('link', { name: 'Otwórz do wydruku: Podsumowanie dla klienta (PDF)' });
  expect(await open.getAttribute('target')).toBe('_blank');
  expect(await open.getAttribute('href')).toBe(
    await counter.getByRole('link', { name: 'Podsumowanie dla klienta (PDF)', exact: true }).getAttribute('href'),
  );
  await run('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', file, file.replace(/\.pdf$/, '')]);
  // One space for every run of white space: a long title wraps onto two lines.
  return (await run('pdftotext', ['-layout', file, '-'])).stdout.replace(/\s+/g, ' ');
}

describe('assisted e-services, end to end', () => {
  it('offers the shipped e-services and names the broken file with its step and field', async () => {
    await serveNextVisitor();
    for (const definition of definitions)
      await counter.getByRole('button', { name: `Rozpocznij: ${definition.title.pl}` }).waitFor();
    const refused = counter.getByRole('note').filter({ hasText: 'zepsuta.yaml' });
    await expect.poll(() => refused.textContent()).toMatch(/Krok „pierwszy”, pole „when\.question”/);
    expect(await customer.getByRole('heading', { level: 1, name: `Stanowisko ${COUNTER}` }).count()).toBe(1);
    await finishVisit();
  });

  it.each(['profil-zaufany', 'dowod-osobisty', 'zameldowanie', 'karta-duzej-rodziny', 'ceeb-deklaracja'])(
    '%s: completed with the customer screen beside the counter, axe-clean on every page, summary printed',
    async (id) => {
      const definition = definitions.find((candidate) => candidate.id === id)!;
      await serveNextVisitor();
      await counter.getByRole('button', { name: `Rozpocznij: ${definition.title.pl}` }).click();
      const pages = await walk(definition, { safety: id === 'profil-zaufany' });
      expect(pages.length).toBeGreaterThan(4);
      const reference = (await counter.locator('.assist-panel-done .assist-reference').textContent())!;
      expect(reference).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
      await customer.locator('.assist-reference', { hasText: reference }).waitFor();
      await expectAccessible(`${id}: confirmation`);
      const text = await summaryText(reference);
      expect(text).toContain(reference);
      expect(text).toContain(definition.title.pl);
      // The printout carries the hash the session recorded when it ended (and the visitor confirmed).
      const digest = (await counter.locator('.assist-digest code').textContent())!;
      expect(digest).toMatch(/^[0-9a-f]{64}$/);
      expect(text).toContain(`Skrót dokumentu (SHA-256): ${digest}`);
      if (id === 'profil-zaufany') expect(text).toContain('Jak rozpoznać oszustwo');
      // Signed on the screen: the signature is in the summary, under the visitor's name for it.
      if (id === 'dowod-osobisty') expect(text).toContain('Podpis klienta');
      await counter.getByRole('button', { name: 'Zakończ pomoc' }).click();
      // Between visits the visitor's screen shows nothing personal.
      await customer.getByRole('heading', { level: 1, name: `Stanowisko ${COUNTER}` }).waitFor();
      expect(await customer.getByText(VISITOR.surname).count()).toBe(0);
      await finishVisit();
    },
    240_000,
  );

  it.each(['profil-zaufany', 'dowod-osobisty', 'zameldowanie', 'karta-duzej-rodziny', 'ceeb-deklaracja'])(
    '%s: the steps only other answers show, every signing path and a proxy, axe-clean where not seen yet',
    async (id) => {
      const definition = definitions.find((candidate) => candidate.id === id)!;
      const paths = coveringPaths(definition, TODAY);
      const otherSigning = definition.signing.slice(1);
      const proxy = definition.proxy;
      for (let walkNo = 0; walkNo < Math.max(paths.length, otherSigning.length, proxy ? 1 : 0); walkNo++) {
        await serveNextVisitor();
        await counter.getByRole('button', { name: `Rozpocznij: ${definition.title.pl}` }).click();
        const signing = otherSigning[walkNo] ?? definition.signing[0]!;
        await walk(definition, { answers: paths[walkNo], signing, proxy: proxy && walkNo === 0 });
        await counter.locator('.assist-panel-done .assist-reference').waitFor();
        await counter.getByRole('button', { name: 'Zakończ pomoc' }).click();
        await finishVisit();
      }
      // Every step of the definition was on screen, and axe passed it on both screens.
      for (const step of definition.steps) expect(checked, step.id).toContain(`${id}: ${step.title.pl}`);
      for (const path of definition.signing) expect(checked, path).toContain(`${id}: signing ${path}`);
    },
    240_000,
  );

  it('profil-zaufany by keyboard alone, from the start button to the confirmation', async () => {
    const definition = definitions.find((candidate) => candidate.id === 'profil-zaufany')!;
    await serveNextVisitor();
    await tabTo(counter, counter.getByRole('button', { name: `Rozpocznij: ${definition.title.pl}` }));
    await counter.keyboard.press('Enter');
    for (let guard = 0; guard < 20; guard++) {
      const heading = await pageHeading(counter);
      if (heading === 'Sprawa załatwiona') break;
      // Each new page hands the focus to its heading, so Tab starts from the question.
      await expect.poll(() => counter.evaluate(() => document.activeElement?.textContent)).toBe(heading);
      await keyboardPage(definition, heading);
      await counter.locator('.assist-question, #assist-done-title').filter({ hasNotText: heading }).first().waitFor();
    }
    await counter.locator('.assist-panel-done .assist-reference').waitFor();
    await tabTo(counter, counter.getByRole('button', { name: 'Zakończ pomoc' }));
    await counter.keyboard.press('Enter');
    await finishVisit();
  });
});

describe('saving, resuming and handing over', () => {
  it('ewa saves at counter 6 with a slip; piotr resumes it at counter 3, sees its history, and completes it', async () => {
    const definition = definitions.find((candidate) => candidate.id === 'dowod-osobisty')!;
    await serveNextVisitor();
    await counter.getByRole('button', { name: `Rozpocznij: ${definition.title.pl}` }).click();
    await walk(definition, { axe: false, stopAfter: 4 });
    const stoppedAt = await pageHeading(counter);
    await counter.getByRole('button', { name: 'Zapisz i dokończ później' }).click();
    const saved = counter.getByRole('status').filter({ hasText: 'Kod do wznowienia' });
    const code = /([2-9A-Z]{4}-[2-9A-Z]{4})/.exec((await saved.textContent()) ?? '')![1]!;
    const slip = await station.sim.waitFor(
      (event) => event.event === 'printed' && (event.large as string[]).some((line) => line.includes(code)),
    );
    expect((slip.text as string[]).join('\n')).toContain('Pokaż ten kod przy okienku.');
    // The visitor's screen shows nothing of a saved session.
    await customer.getByRole('heading', { level: 1, name: `Stanowisko ${COUNTER}` }).waitFor();
    await finishVisit();
    await switchClerk('piotr', 3);

    await serveNextVisitor('Dowody osobiste');
    await counter.getByLabel('Kod z kartki klienta').fill(code.toLowerCase().replace('-', ' '));
    await counter.getByRole('button', { name: 'Wznów', exact: true }).click();
    // It goes on where ewa stopped, and its history says who did what, where.
    expect(await pageHeading(counter)).toBe(stoppedAt);
    await counter.getByText('Historia sesji').click();
    const history = counter.locator('.assist-history');
    await expect.poll(() => history.textContent()).toMatch(/zapisana — ewa, stanowisko 6/);
    expect(await history.textContent()).toMatch(/wznowiona — piotr, stanowisko 3/);
    await walk(definition, { axe: false, mirrored: false });
    await counter.locator('.assist-panel-done .assist-reference', { hasText: code }).waitFor();
    await counter.getByRole('button', { name: 'Zakończ pomoc' }).click();
    await finishVisit();
  }, 120_000);

  it('piotr hands a session over to ewa, who finds it waiting for her', async () => {
    const definition = definitions.find((candidate) => candidate.id === 'zameldowanie')!;
    await serveNextVisitor('Meldunki');
    await counter.getByRole('button', { name: `Rozpocznij: ${definition.title.pl}` }).click();
    await pageHeading(counter);
    await counter.getByRole('button', { name: 'Przekaż koledze' }).click();
    await counter.getByLabel('Login kolegi lub koleżanki').fill('ewa');
    await counter.getByRole('button', { name: 'Przekaż', exact: true }).click();
    const message = counter.getByRole('status').filter({ hasText: 'czeka teraz na: ewa' });
    const code = /Sesja ([2-9A-Z]{4}-[2-9A-Z]{4})/.exec((await message.textContent()) ?? '')![1]!;
    await finishVisit();
    await switchClerk('ewa', COUNTER);
    await serveNextVisitor();
    await counter.getByRole('button', { name: `Wznów ${code} — ${definition.title.pl}` }).click();
    expect(await pageHeading(counter)).toBe('Zanim zaczniemy');
    await counter.getByRole('button', { name: 'Przerwij', exact: true }).click();
    await counter.getByLabel('Powód').selectOption('visitor-left');
    await counter.getByRole('button', { name: 'Przerwij sesję' }).click();
    await counter.getByRole('status').filter({ hasText: 'Sesję przerwano' }).waitFor();
    await finishVisit();
  }, 120_000);
});

describe("the visitor's screen", () => {
  it('speaks Ukrainian for the visitor while the clerk works in Polish, reads aloud, and has a senior mode', async () => {
    const definition = definitions.find((candidate) => candidate.id === 'karta-duzej-rodziny')!;
    await serveNextVisitor();
    await counter.getByRole('button', { name: `Rozpocznij: ${definition.title.pl}` }).click();
    await customer.getByRole('button', { name: 'Українська' }).click();
    await customer.getByRole('heading', { level: 1, name: definition.title.uk }).waitFor();
    await walk(definition, { axe: false, mirrored: false, stopAt: definition.steps[0]!.title.pl });
    await customer.getByRole('heading', { level: 1, name: definition.steps[0]!.title.uk }).waitFor();
    // The clerk's screen stays Polish.
    await counter.getByRole('heading', { name: definition.steps[0]!.title.pl }).waitFor();
    await customer.getByRole('button', { name: 'Прочитати вголос' }).click();
    await expect
      .poll(() => customer.evaluate(() => (window as unknown as { spoken: string[] }).spoken))
      .toEqual([expect.stringContaining(`uk-UA|Крок`)]);
    expect((await customer.evaluate(() => (window as unknown as { spoken: string[] }).spoken))[0]).toContain(
      definition.steps[0]!.title.uk,
    );
    await customer.getByRole('button', { name: 'Великий текст і контраст' }).click();
    await customer.getByRole('button', { name: 'Більший текст' }).click();
    expect(await customer.locator('main.customer-contrast').getAttribute('style')).toContain('font-size: 160%');
    expect(await axeViolations(customer), 'senior mode').toEqual([]);
    // Every target a visitor touches is at least 44 × 44 px: buttons, fields, and each option's whole row.
    expect(await smallTargets(customer, VISITOR_TARGETS), 'senior mode').toEqual([]);
    await customer.setViewportSize({ width: 320, height: 640 });
    expect(await customer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await customer.setViewportSize({ width: 1280, height: 900 });
    await counter.getByRole('button', { name: 'Przerwij', exact: true }).click();
    await counter.getByRole('button', { name: 'Przerwij sesję' }).click();
    await finishVisit();
  }, 120_000);
});

/** Signs the person at the workstation out and `login` in, at counter `number`, opened for them. */
async function switchClerk(login: string, number: number): Promise<void> {
  await counter.getByRole('button', { name: 'Wyloguj' }).click();
  // Signed out for certain before going on: a bar still up would read as somebody signed in.
  await counter.getByRole('heading', { name: 'Zaloguj się' }).waitFor();
  await counter.goto(`${station.host.url}#/counter/${number}`);
  await signIn(counter, login);
  const open = counter.getByRole('button', { name: 'Otwórz stanowisko' });
  if (await open.isVisible()) await open.click();
  await counter.getByText('Stanowisko otwarte').waitFor();
}

/** One page by keyboard: tick or type what it asks, then Tab to "Dalej" (or the named button) and Enter. */
async function keyboardPage(definition: EServiceDefinition, heading: string): Promise<void> {
  const step = await currentStep(counter, definition);
  if (step) await answerByKeyboard(counter, step, sampleAnswer(step.question, TODAY));
  if (heading === 'Zanim zaczniemy') {
    await tabTo(counter, counter.getByRole('checkbox', { name: 'Klient się zgadza' }));
    await counter.keyboard.press('Space');
  }
  if (heading === 'Dane klienta')
    for (const field of definition.identity) {
      await tabTo(counter, counter.getByLabel(IDENTITY_LABELS[field], { exact: true }));
      await counter.keyboard.type(VISITOR[field]);
    }
  if (heading === 'Potwierdzenie i podpis') {
    const boxes = counter.locator('.assist-checklist input[type=checkbox]');
    for (let i = 0; i < (await boxes.count()); i++) {
      await tabTo(counter, boxes.nth(i));
      await counter.keyboard.press('Space');
    }
    await tabTo(counter, counter.getByRole('button', { name: 'Potwierdź złożenie online' }));
  } else {
    await tabTo(counter, counter.getByRole('button', { name: 'Dalej', exact: true }));
  }
  await counter.keyboard.press('Enter');
}
