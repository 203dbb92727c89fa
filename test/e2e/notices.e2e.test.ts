/**
 * The supervisor's notices (issue 13), as an office uses them: posted at the supervisor's screen,
 * shown in a band on the board and the kiosk and read aloud once — not again when the board is
 * reloaded —, and an urgent one that takes the whole board until it is withdrawn. The board reads
 * with the stand-in voice (test/support/speech-standin.ts); headless Chromium has none.
 */
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startE2eStation, type E2eStation } from '../support/e2e-station';
import { expectAxeAtBothZooms, openPage, screenshotIfFailed, signIn } from '../support/pages';
import { installSpeechStandIn, spokenOn } from '../support/speech-standin';

const LIFT = {
  pl: 'Winda jest dziś nieczynna.',
  en: 'The lift is out of order today.',
  uk: 'Ліфт сьогодні не працює.',
};
const FIRE = {
  pl: 'Alarm pożarowy. Proszę opuścić budynek.',
  en: 'Fire alarm. Please leave the building.',
  uk: 'Пожежна тривога. Залиште будівлю.',
};

let station: E2eStation;
let context: BrowserContext;

beforeAll(async () => {
  station = await startE2eStation('e2e-notices');
  context = await station.browser.newContext({ viewport: { width: 1280, height: 900 } });
  await installSpeechStandIn(context);
});

afterEach(async (test) => {
  await screenshotIfFailed(test, context, station.shots);
});

afterAll(async () => {
  await context?.close();
  await station?.stop();
});

async function open(route: string): Promise<Page> {
  return openPage(context, `${station.host.url}#/${route}`, route);
}

async function post(supervisor: Page, text: typeof LIFT, urgent: boolean): Promise<void> {
  const form = supervisor.getByRole('form', { name: 'Nowy komunikat' });
  await form.getByLabel('Treść po polsku').fill(text.pl);
  await form.getByLabel('Treść po angielsku').fill(text.en);
  await form.getByLabel('Treść po ukraińsku').fill(text.uk);
  if (urgent) await form.getByLabel(/^Pilny/).check();
  await form.getByRole('button', { name: 'Opublikuj komunikat' }).click();
  await supervisor.getByRole('status').filter({ hasText: 'Komunikat opublikowany.' }).waitFor();
  if (urgent) await form.getByLabel(/^Pilny/).uncheck();
}

/** What the board logged as read out to its end. */
const readOut = (board: Page) =>
  board.getByRole('log', { name: 'Odczytane wywołania' }).getByRole('listitem').allTextContents();

/** axe at 100 % and 200 % (a 1280 × 900 window at half its CSS size), then back. */
async function expectAccessible(page: Page, label: string): Promise<void> {
  await expectAxeAtBothZooms(page, label);
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('notices in the waiting room', () => {
  it('a notice shows on the board and the kiosk and is read once; an urgent one takes the board until withdrawn', async () => {
    const supervisor = await open('supervisor');
    await signIn(supervisor);
    const notices = supervisor.getByRole('region', { name: 'Komunikaty w poczekalni' });
    await notices.getByText('Brak komunikatów.').waitFor();
    // Staff screens: nothing of the notices' section reaches past 320 CSS px (the whole screen is
    // checked at 320 px in the counters' test below).
    await supervisor.setViewportSize({ width: 320, height: 700 });
    const widest = await notices.evaluate((section) =>
      Math.max(...[section, ...section.querySelectorAll('*')].map((element) => element.getBoundingClientRect().right)),
    );
    expect(widest).toBeLessThanOrEqual(320);
    await expectAccessible(supervisor, 'supervisor with the notice form');

    await post(supervisor, LIFT, false);
    await notices.getByText(LIFT.pl).waitFor();

    const board = await open('board');
    await board.getByRole('region', { name: 'Komunikaty' }).getByText(LIFT.pl).waitFor();
    await board.getByRole('heading', { name: 'Teraz zapraszamy' }).waitFor();
    await expect.poll(() => readOut(board), { timeout: 10_000 }).toEqual([LIFT.pl, LIFT.en, LIFT.uk]);
    expect((await spokenOn(board)).map((utterance) => utterance.lang)).toEqual(['pl-PL', 'en-GB', 'uk-UA']);
    await expectAccessible(board, 'board with a notice');

    const kiosk = await open('kiosk');
    await kiosk.getByRole('region', { name: 'Komunikaty' }).getByText(LIFT.pl).waitFor();
    await expectAccessible(kiosk, 'kiosk with a notice');

    // Read once per display: a reload shows it again and does not read it again.
    await board.reload();
    await board.getByRole('region', { name: 'Komunikaty' }).getByText(LIFT.pl).waitFor();
    await board.waitForTimeout(1500);
    expect(await spokenOn(board)).toEqual([]);

    await post(supervisor, FIRE, true);
    const urgent = board.getByRole('region', { name: 'Pilny komunikat' });
    await urgent.getByText(FIRE.pl).waitFor();
    expect(await board.getByRole('heading', { name: 'Teraz zapraszamy' }).count()).toBe(0);
    await expect.poll(() => readOut(board), { timeout: 10_000 }).toEqual([FIRE.pl, FIRE.en, FIRE.uk]);
    await board.screenshot({ path: path.join(station.shots, 'board-urgent-notice.png') });
    await expectAccessible(board, 'board taken by an urgent notice');

    await notices
      .getByRole('listitem')
      .filter({ hasText: FIRE.pl })
      .getByRole('button', { name: /^Wycofaj komunikat/ })
      .click();
    await supervisor.getByRole('status').filter({ hasText: 'Komunikat wycofany.' }).waitFor();
    await board.getByRole('heading', { name: 'Teraz zapraszamy' }).waitFor();
    expect(await urgent.count()).toBe(0);
    await board.getByRole('region', { name: 'Komunikaty' }).getByText(LIFT.pl).waitFor();
  });
});

describe('the counters, live', () => {
  it('a supervisor opens a counter, moves it to other services and closes it; the counter follows at once', async () => {
    const supervisor = await open('supervisor');
    await signIn(supervisor);
    const counter = await open('counter/1');
    await signIn(counter);
    await counter.getByText('Stanowisko zamknięte').waitFor();

    const counters = supervisor.getByRole('region', { name: 'Stanowiska', exact: true });
    await counters.getByText('Nikt nie ma przerwy.').waitFor();
    await counters.getByRole('button', { name: 'Otwórz stanowisko 1' }).click();
    await supervisor.getByRole('status').filter({ hasText: 'Stanowisko 1 jest otwarte.' }).waitFor();
    await counter.getByText(/^Stanowisko otwarte/).waitFor();
    // Who is on a break shows at once.
    await counter.getByRole('button', { name: 'Przerwa', exact: true }).click();
    await counters.getByText('Na przerwie: 1 stanowisko.').waitFor();
    await counters
      .getByRole('row', { name: /Stanowisko 1/ })
      .getByText('Przerwa')
      .waitFor();
    await counter.getByRole('button', { name: 'Wróć z przerwy' }).click();
    await counters.getByText('Nikt nie ma przerwy.').waitFor();

    await counters.getByRole('button', { name: 'Zmień sprawy stanowiska 1' }).click();
    const move = supervisor.getByRole('form', { name: 'Sprawy stanowiska 1' });
    // None ticked is refused, and says so; nothing is written.
    await move.getByRole('checkbox', { name: 'Rejestracja pojazdów (Wydział Komunikacji)' }).uncheck();
    await move.getByRole('checkbox', { name: 'Prawa jazdy' }).uncheck();
    await move.getByRole('button', { name: 'Zapisz sprawy' }).click();
    await move.getByRole('alert').filter({ hasText: 'Zaznacz przynajmniej jedną sprawę.' }).waitFor();
    await move.getByRole('checkbox', { name: 'Kasa' }).check();
    await move.getByRole('checkbox', { name: 'Prawa jazdy' }).check();
    await expectAccessible(supervisor, 'supervisor-counters-move');
    await move.getByRole('button', { name: 'Zapisz sprawy' }).press('Enter');
    await supervisor
      .getByRole('status')
      .filter({ hasText: 'Stanowisko 1 obsługuje teraz: Prawa jazdy, Kasa.' })
      .waitFor();
    await counter.getByText('Sprawy: Prawa jazdy, Kasa').waitFor();

    await counters.getByRole('button', { name: 'Zamknij stanowisko 1' }).click();
    await counter.getByText('Stanowisko zamknięte').waitFor();
    // At 320 CSS px the whole screen stays within the window: wide tables scroll in their own box.
    await supervisor.setViewportSize({ width: 320, height: 700 });
    const table = counters.getByRole('region', { name: 'Tabela: Stanowiska' });
    expect(await table.evaluate((element) => element.getBoundingClientRect().right)).toBeLessThanOrEqual(320);
    expect(await supervisor.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await supervisor.setViewportSize({ width: 1280, height: 900 });
  });
});
