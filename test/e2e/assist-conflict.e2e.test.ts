/**
 * One saved assisted session changed at two counters while both were cut off from the office hub,
 * as clerks would meet it: counter 4 (browser host A) saves a session, counter 6 (host B, its own
 * data folder and hub token) finds it by the code on the slip once the hub has carried it over;
 * with the hub down each clerk resumes it and gives the same question another answer; when the
 * hub is back, the clerk who resumes it next sees both answers side by side, cannot go on until
 * one is chosen with the visitor, and the choice is what the other counter then sees too.
 */
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EServiceDefinition, Step } from '../../electron/common/eservices/definition';
import { SHIPPED_DEFINITIONS } from '../../electron/station/eservices/folders';
import { loadDefinitions } from '../../electron/station/eservices/load';
import { answerUntil, fillAnswer, pageHeading, resumeByCode, saveForLater } from '../support/assist-driver';
import {
  addReadyUser,
  createHubDatabase,
  createUpgradedToken,
  startHubProcess,
  type HubDatabase,
  type HubProcess,
} from '../support/hub-process';
import { openCounter, openPage, screenshotIfFailed, takeTicketAt } from '../support/pages';
import { artifactsDir, launchChromium, startHost, tempDir, type Host } from '../support/processes';

const TODAY = new Date().toISOString().slice(0, 10);
const TITLE = 'Potwierdzenie profilu zaufanego';
const CHECK = 'Sprawdź odpowiedzi';
/** The two logins the visitor gave at the two counters. */
const AT_A = 'jan.kowalski.parter';
const AT_B = 'jan.kowalski.pietro';
const CONFLICTS = 'Dwie różne odpowiedzi — wybierz z klientem właściwą';

let dir: Awaited<ReturnType<typeof tempDir>>;
let database: HubDatabase;
let hub: HubProcess;
let hostA: Host;
let hostB: Host;
let browser: Browser;
/** Each workstation its own browser context: no tab of one is ever behind a tab of the other. */
let contextA: BrowserContext;
let contextB: BrowserContext;
let counterA: Page;
let counterB: Page;
let shots: string;
let definition: EServiceDefinition;
let login: Step;
let code: string;

beforeAll(async () => {
  definition = (await loadDefinitions([SHIPPED_DEFINITIONS])).definitions.find(
    (candidate) => candidate.id === 'profil-zaufany',
  )!;
  login = definition.steps.find((step) => step.id === 'login')!;
  dir = await tempDir('e2e-assist-conflict');
  database = await createHubDatabase('pglite');
  // Enrolled before token kinds (as hub.e2e.test.ts): the demo office each workstation seeds
  // reaches the hub; the clerks sign in there.
  const tokenA = await createUpgradedToken(database, 'stanowisko-4');
  const tokenB = await createUpgradedToken(database, 'stanowisko-6');
  hub = await startHubProcess(database);
  // Clerks only: no authenticator code at sign-in.
  await addReadyUser(database, hub.url, tokenA, 'ewa', ['clerk']);
  await addReadyUser(database, hub.url, tokenB, 'piotr', ['clerk']);
  [hostA, hostB, browser, shots] = await Promise.all([
    startHost({ dataDir: path.join(dir.path, 'a'), args: ['--hub', hub.url], env: { OKIENKO_HUB_TOKEN: tokenA } }),
    startHost({ dataDir: path.join(dir.path, 'b'), args: ['--hub', hub.url], env: { OKIENKO_HUB_TOKEN: tokenB } }),
    launchChromium(),
    artifactsDir('e2e'),
  ]);
  contextA = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  contextB = await browser.newContext({ viewport: { width: 1280, height: 900 } });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([hostA?.stop(), hostB?.stop()]);
  await hub?.kill('SIGTERM').catch(() => undefined);
  await database?.remove();
  await dir?.remove();
});

afterEach(async (test) => {
  const named = (suffix: string) => ({ ...test, task: { ...test.task, name: `${test.task.name} ${suffix}` } });
  await screenshotIfFailed(named('A'), contextA, shots);
  await screenshotIfFailed(named('B'), contextB, shots);
});

function syncStatus(page: Page) {
  return page.getByRole('status').filter({ hasText: 'serwerem urzędu' });
}

async function connected(page: Page, timeout = 20_000): Promise<void> {
  await syncStatus(page)
    .filter({ hasText: /^Połączono z serwerem urzędu/ })
    .waitFor({ timeout });
}

/** The workstation's sync status says it reaches the hub and has nothing left to send. */
async function allSent(page: Page): Promise<void> {
  await expect
    .poll(() => syncStatus(page).textContent(), { timeout: 30_000 })
    .toMatch(/^Połączono z serwerem urzędu.*wszystko wysłane/);
}

/** The answer the check page shows for `step`. */
function answerShown(counter: Page, step: Step) {
  return counter.locator('.assist-summary > div').filter({ has: counter.getByText(step.title.pl, { exact: true }) });
}

/** The clerk calls the next visitor (the hub decides who) and starts serving them. */
async function serveNext(counter: Page, number: string): Promise<void> {
  await counter.bringToFront();
  await counter.getByRole('row', { name: new RegExp(`^${number}\\b`) }).waitFor({ timeout: 15_000 });
  await counter.getByRole('button', { name: /^Wywołaj następnego/ }).click();
  await counter.getByRole('button', { name: /^Rozpocznij obsługę/ }).click();
  await counter.getByRole('heading', { level: 2, name: 'Pomoc w e-usłudze' }).waitFor();
}

/** From the check page: "Zmień" the login, type `text`, back on the check page, and save. */
async function changeLogin(counter: Page, text: string): Promise<void> {
  await counter.getByRole('button', { name: `Zmień ${login.title.pl}` }).click();
  await counter.getByRole('heading', { level: 2, name: login.title.pl }).waitFor();
  await fillAnswer(counter, login, { kind: 'text', text }, 'pl');
  await counter.getByRole('button', { name: 'Dalej', exact: true }).click();
  await counter.getByRole('heading', { level: 2, name: CHECK }).waitFor();
  await expect.poll(() => answerShown(counter, login).textContent()).toContain(text);
  expect(await saveForLater(counter)).toBe(code);
}

describe('one assisted session changed at two counters while the hub was down', () => {
  it('counter 4 saves a session; counter 6 finds it by the code once the hub has carried it', async () => {
    counterA = await openPage(contextA, `${hostA.url}#/counter/4`, 'counter A');
    counterB = await openPage(contextB, `${hostB.url}#/counter/6`, 'counter B');
    await openCounter(counterA, 'ewa');
    await openCounter(counterB, 'piotr');
    for (const counter of [counterA, counterB]) await connected(counter);

    // Two visitors for the e-services desk take tickets at A's kiosk.
    const kiosk = await openPage(contextA, `${hostA.url}#/kiosk`, 'kiosk A');
    const numbers: string[] = [];
    for (let i = 0; i < 2; i++) numbers.push(await takeTicketAt(kiosk, 'Profil Zaufany i e-usługi'));
    await kiosk.close();
    await serveNext(counterA, numbers[0]!);
    await serveNext(counterB, numbers[1]!);

    await counterA.getByRole('button', { name: `Rozpocznij: ${TITLE}` }).click();
    await answerUntil(counterA, definition, CHECK, TODAY);
    code = await saveForLater(counterA);

    await resumeByCode(counterB, code, TITLE);
    expect(await pageHeading(counterB)).toBe(CHECK);
    expect(await answerShown(counterB, login).textContent()).toContain('jan.kowalski85');
    expect(await saveForLater(counterB)).toBe(code);
    await allSent(counterA);
    await allSent(counterB);
  });

  it('with the hub down, each counter resumes it and gives the login another answer', async () => {
    await hub.kill('SIGTERM');
    for (const counter of [counterA, counterB])
      await syncStatus(counter).filter({ hasText: 'Brak połączenia z serwerem urzędu' }).waitFor({ timeout: 20_000 });
    for (const [counter, text] of [
      [counterA, AT_A],
      [counterB, AT_B],
    ] as const) {
      await counter.bringToFront();
      await resumeByCode(counter, code, TITLE, 0);
      expect(await pageHeading(counter)).toBe(CHECK);
      await changeLogin(counter, text);
    }
  });

  it('back online, both answers are offered until one is chosen, and both counters then show it', async () => {
    await hub.restart();
    // Both send what they changed offline; the one whose push meets the other's change sends the
    // merge, and then neither has anything left to send.
    for (const counter of [counterA, counterB]) {
      await connected(counter, 30_000);
      await allSent(counter);
    }

    // Both answers are at A once both workstations have sent theirs and A has the hub's merge.
    await resumeByCode(counterA, code, TITLE, 0);
    const box = counterA.getByRole('region', { name: CONFLICTS });
    await box.waitFor({ timeout: 20_000 });
    const chooseA = box.getByRole('button', { name: `Wybierz: ${AT_A} (stanowisko 4, ewa)` });
    const chooseB = box.getByRole('button', { name: `Wybierz: ${AT_B} (stanowisko 6, piotr)` });
    await chooseA.waitFor();
    await chooseB.waitFor();
    await counterA.screenshot({ path: path.join(shots, 'assist-conflict.png') });

    await counterA.getByRole('button', { name: 'Dalej', exact: true }).click();
    const refused = counterA.getByRole('alert').filter({ hasText: 'Popraw, zanim przejdziesz dalej' });
    await expect
      .poll(() => refused.textContent())
      .toContain('Na dwóch stanowiskach podano różne odpowiedzi. Wybierz jedną przy każdym pytaniu.');
    expect(await pageHeading(counterA)).toBe(CHECK);

    await chooseB.click();
    await box.waitFor({ state: 'detached' });
    await expect.poll(() => answerShown(counterA, login).textContent()).toContain(AT_B);
    expect(await answerShown(counterA, login).textContent()).not.toContain(AT_A);
    expect(await saveForLater(counterA)).toBe(code);
    await allSent(counterA);

    await resumeByCode(counterB, code, TITLE, 0);
    expect(await pageHeading(counterB)).toBe(CHECK);
    await expect.poll(() => answerShown(counterB, login).textContent(), { timeout: 10_000 }).toContain(AT_B);
    await expect.poll(() => counterB.getByRole('region', { name: CONFLICTS }).count()).toBe(0);

    await counterB.getByText('Historia sesji', { exact: true }).click();
    const history = counterB.locator('.assist-history li');
    await expect
      .poll(() => history.allTextContents())
      .toEqual(
        expect.arrayContaining([
          expect.stringContaining('wznowiona — ewa, stanowisko 4'),
          expect.stringContaining('wznowiona — piotr, stanowisko 6'),
          expect.stringContaining('wybrano jedną z dwóch odpowiedzi — ewa, stanowisko 4'),
        ]),
      );
    await counterB.getByRole('button', { name: 'Dalej', exact: true }).click();
    await counterB.getByRole('heading', { level: 2, name: 'Potwierdzenie i podpis' }).waitFor();
  });
});
