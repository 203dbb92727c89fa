/**
 * Day one of a real office, with a hub and no `--demo`: the hub and the workstation start empty,
 * the kiosk says it is not working yet and a counter says how the office is set up; the first
 * admin sets it up on `#/settings/office` (the hub takes it whole and every workstation gets it by
 * sync), and the kiosk at once issues a ticket for its one service. The configuration exported
 * from that screen is imported on a second, empty hub with the command line, and the second hub's
 * own export is the same file.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkConfigurationText } from '../../electron/common/domain/office-config';
import { nextTotpCode, TEST_PASSWORD } from '../support/accounts';
import {
  addReadyUser,
  createHubDatabase,
  createToken,
  runHubCli,
  startHubProcess,
  type HubDatabase,
  type HubProcess,
} from '../support/hub-process';
import { expectAxeAtBothZooms, openPage, screenshotIfFailed, signIn, takeTicketAt } from '../support/pages';
import { artifactsDir, launchChromium, startHost, tempDir, type Host } from '../support/processes';
import { startSimProcess, type SimProcess } from '../support/sim-process';

const ADMIN = 'ewa';

let dir: Awaited<ReturnType<typeof tempDir>>;
let database: HubDatabase;
let hub: HubProcess;
let sim: SimProcess;
let host: Host;
let browser: Browser;
let context: BrowserContext;
let shots: string;

beforeAll(async () => {
  dir = await tempDir('e2e-empty');
  database = await createHubDatabase('pglite');
  hub = await startHubProcess(database);
  const token = await createToken(database, 'stanowisko-1', 'counter');
  await addReadyUser(database, hub.url, token, ADMIN, ['admin']);
  sim = await startSimProcess(['--dir', path.join(dir.path, 'sim')]);
  host = await startHost({
    dataDir: path.join(dir.path, 'data'),
    printerPath: String(sim.ready.printer),
    args: ['--hub', hub.url],
    env: { OKIENKO_HUB_TOKEN: token },
    demo: false,
  });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  shots = await artifactsDir('e2e');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await sim?.stop();
  await hub?.kill('SIGTERM').catch(() => undefined);
  await database?.remove();
  await dir?.remove();
});

afterEach(async (test) => {
  if (await screenshotIfFailed(test, context, shots)) console.error(`host output:\n${host.output()}`);
});

async function open(route: string): Promise<Page> {
  return openPage(context, `${host.url}#/${route}`, route);
}

/** Fills the three languages of a text the set-up screen asks for in pl, en and uk. */
async function fillLocalized(page: Page | Locator, legend: string, [pl, en, uk]: readonly [string, string, string]) {
  await page.getByLabel(`${legend} — po polsku`).fill(pl);
  await page.getByLabel(`${legend} — po angielsku`).fill(en);
  await page.getByLabel(`${legend} — po ukraińsku`).fill(uk);
}

/** axe at 100 % and 200 % zoom, and no horizontal scrolling at 320 CSS px. */
async function expectAccessible(page: Page): Promise<void> {
  await expectAxeAtBothZooms(page, page.url());
  await page.setViewportSize({ width: 320, height: 640 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('a new office, set up from empty', () => {
  it('starts empty; the first admin sets it up; the kiosk issues a ticket for its service at once', async () => {
    const kiosk = await open('kiosk');
    await kiosk.getByRole('heading', { name: 'Ten ekran jeszcze nie działa' }).waitFor();
    await expectAccessible(kiosk);

    const counter = await open('counter/1');
    await counter.getByRole('heading', { name: 'Urząd nie jest jeszcze skonfigurowany' }).waitFor();
    await expectAccessible(counter);
    await counter.getByRole('link', { name: 'Skonfiguruj urząd (administrator)' }).click();
    await signIn(counter, ADMIN);
    const setUp = counter;
    await setUp.getByRole('heading', { level: 1, name: 'Ustawienia urzędu' }).waitFor();

    await setUp.getByLabel('Identyfikator urzędu').fill('um-nowe-miasto');
    await fillLocalized(setUp, 'Nazwa urzędu', [
      'Urząd Miasta Nowe Miasto',
      'Nowe Miasto City Hall',
      'Міська рада Нове Місто',
    ]);
    // A test must be able to issue at any hour: this office keeps no fixed opening hours.
    await setUp.getByRole('checkbox', { name: 'Urząd ma stałe godziny otwarcia' }).uncheck();
    await fillLocalized(setUp, 'Dopisek na bilecie', ['Zachowaj bilet.', 'Keep your ticket.', 'Збережіть квиток.']);
    // The tickets' QR codes lead to the hub's status page: the address is the hub's, not typed.
    expect(await setUp.getByLabel('Adres strony stanu biletu').inputValue()).toBe(
      `${hub.url.replace(/\/+$/, '')}/#/status/{id}`,
    );

    await setUp.getByRole('button', { name: 'Dodaj usługę' }).click();
    const service = setUp.getByRole('group', { name: /^Usługa 1:/ });
    await fillLocalized(service, 'Nazwa usługi', ['Meldunki', 'Residence registration', 'Реєстрація місця проживання']);
    await service.getByLabel('Przewidywany czas obsługi (minuty)').fill('10');

    await setUp.getByRole('button', { name: 'Dodaj stanowisko' }).click();
    const desk = setUp.getByRole('group', { name: /^Stanowisko 1:/ });
    await desk.getByRole('checkbox', { name: /— Meldunki$/ }).check();

    await setUp.getByRole('button', { name: 'Zapisz ustawienia urzędu' }).click();
    const dialog = setUp.getByRole('dialog', { name: 'Potwierdź hasłem i kodem' });
    if (await dialog.isVisible()) {
      await dialog.getByLabel('Hasło').fill(TEST_PASSWORD);
      await dialog.getByLabel('Kod z aplikacji uwierzytelniającej').fill(await nextTotpCode(ADMIN));
      await dialog.getByRole('button', { name: 'Potwierdź' }).click();
    }
    await setUp.getByRole('status').filter({ hasText: 'Zapisano ustawienia urzędu.' }).waitFor({ timeout: 20_000 });

    // The kiosk page left open comes alive by itself once the office arrives.
    const number = await takeTicketAt(kiosk, 'Meldunki');
    expect(number).toMatch(/^A\d+$/);
    await sim.waitFor(
      (event) => event.event === 'printed' && (event.large as string[]).some((line) => line.includes(number)),
    );
  });

  it("the screen's export, imported on a second empty hub, is the same configuration there", async () => {
    const page = await open('settings/office');
    await signIn(page, ADMIN);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Pobierz konfigurację do pliku' }).click(),
    ]);
    const exported = await readFile((await download.path())!, 'utf8');
    expect(checkConfigurationText(exported).ok).toBe(true);
    const file = path.join(dir.path, 'office.json');
    await writeFile(file, exported);

    const second = await createHubDatabase('pglite');
    try {
      expect((await runHubCli(second, ['office', 'import', file])).code).toBe(0);
      const again = await runHubCli(second, ['office', 'export']);
      expect(JSON.parse(again.stdout)).toEqual(JSON.parse(exported));
    } finally {
      await second.remove();
    }
  });
});
