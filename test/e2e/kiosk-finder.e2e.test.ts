/**
 * The kiosk's service finder, end to end in Chromium against the browser host: a visitor who does
 * not know the office's words types "zgubiłem dowód" and takes a ticket for identity cards from the
 * suggestions; another, by keyboard alone, types something the office does not know and goes by
 * "Nie wiem" to the information desk. axe at 100 % and 200 % zoom, every button at least 72 px.
 */
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startE2eStation, type E2eStation } from '../support/e2e-station';
import { axeViolations, openPage, screenshotIfFailed, ticketNumber } from '../support/pages';

/** The kiosk's screen, and the same at 200 % zoom. */
const KIOSK = { width: 1280, height: 900 } as const;
const ZOOMED = { width: 640, height: 450 } as const;

let station: E2eStation;
let context: BrowserContext;

beforeAll(async () => {
  station = await startE2eStation('e2e-finder');
  context = await station.browser.newContext({ viewport: KIOSK });
});

afterEach(async (test) => {
  await screenshotIfFailed(test, context, station.shots);
});

afterAll(async () => {
  await context?.close();
  await station?.stop();
});

/** Buttons and fields shown on the page smaller than a kiosk's 72 × 72 px, by their text. */
function smallKioskTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('button, input')]
      .map((target) => ({ target, box: target.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && (box.width < 72 || box.height < 72))
      .map(({ target }) => target.textContent || target.outerHTML.slice(0, 80)),
  );
}

async function openFinder(kiosk: Page): Promise<void> {
  await kiosk.getByRole('button', { name: /^Nie wiesz, którą sprawę wybrać\?/ }).click();
  await kiosk.getByRole('heading', { level: 1, name: 'Czego potrzebujesz?' }).waitFor();
}

describe("the kiosk's service finder", () => {
  it('"zgubiłem dowód" typed → identity cards suggested → a C ticket; accessible at 100 % and 200 %', async () => {
    const kiosk = await openPage(context, `${station.host.url}#/kiosk`, 'kiosk');
    await openFinder(kiosk);
    // Common needs to pick without typing, before anything is typed.
    await kiosk.getByRole('region', { name: 'Częste sprawy' }).getByRole('button', { name: 'Meldunek' }).waitFor();
    expect(await axeViolations(kiosk), 'finder before typing').toEqual([]);

    await kiosk.getByLabel('Twoja sprawa własnymi słowami').pressSequentially('zgubiłem dowód');
    const suggestions = kiosk.getByRole('region', { name: 'Pasujące sprawy — wybierz, aby pobrać bilet' });
    const idCards = suggestions.getByRole('button', { name: /^Dowody osobiste/ });
    await idCards.waitFor();
    expect(await suggestions.getByRole('button').first().textContent()).toMatch(/^Dowody osobiste/);
    await kiosk
      .getByRole('status')
      .filter({ hasText: /^Pasuj/ })
      .waitFor();
    await kiosk.screenshot({ path: path.join(station.shots, 'kiosk-finder.png') });

    for (const [zoom, size] of [
      ['100 %', KIOSK],
      ['200 %', ZOOMED],
    ] as const) {
      await kiosk.setViewportSize(size);
      expect(await axeViolations(kiosk), `finder with suggestions, ${zoom}`).toEqual([]);
      expect(await smallKioskTargets(kiosk), `targets under 72 px at ${zoom}`).toEqual([]);
      expect(await kiosk.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.width);
    }
    await kiosk.setViewportSize(KIOSK);

    await idCards.click();
    await kiosk.getByRole('button', { name: 'Nie — zwykły bilet' }).click();
    expect(await ticketNumber(kiosk)).toMatch(/^C\d+$/);
    await kiosk.getByText('Sprawa: Dowody osobiste').waitFor();
    await kiosk.getByRole('button', { name: 'Gotowe', exact: true }).click();
  });

  it('by keyboard alone: a matter the office does not know → said plainly → "Nie wiem" → an information ticket', async () => {
    const kiosk = await openPage(context, `${station.host.url}#/kiosk`, 'kiosk');
    await kiosk.getByRole('button', { name: /^Nie wiesz, którą sprawę wybrać\?/ }).focus();
    await kiosk.keyboard.press('Enter');
    await kiosk.getByRole('heading', { level: 1, name: 'Czego potrzebujesz?' }).waitFor();
    // The step's heading has the focus; the field is the next stop.
    await kiosk.keyboard.press('Tab');
    await kiosk.keyboard.type('pizza');
    await kiosk
      .getByRole('status')
      .filter({ hasText: 'Nie znaleźliśmy takiej sprawy. Weź bilet do informacji — tam pomogą.' })
      .waitFor();
    await kiosk.keyboard.press('Tab');
    expect(await kiosk.evaluate(() => document.activeElement?.textContent)).toBe('Nie wiem — zapytam w informacji');
    await kiosk.keyboard.press('Enter');
    await kiosk.getByRole('button', { name: 'Nie — zwykły bilet' }).waitFor();
    await kiosk.getByRole('button', { name: 'Nie — zwykły bilet' }).focus();
    await kiosk.keyboard.press('Enter');
    expect(await ticketNumber(kiosk)).toMatch(/^I\d+$/);
    await kiosk.getByText('Sprawa: Informacja').waitFor();
  });
});
