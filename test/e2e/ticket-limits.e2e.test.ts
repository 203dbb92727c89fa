/**
 * A service's daily limit at the kiosk, end to end, as an office sets it: at its hub, where an
 * admin's workstation pushes the configuration (as the set-up screen does) with "Dowody osobiste"
 * limited to two tickets a day; the kiosk workstation takes it by sync, issues two tickets, and
 * then shows the matter as unavailable — the reason on a button that cannot be pressed (nor
 * reached by Tab), and above the matters what the visitor can do instead. axe at 100 % and 200 %
 * zoom, no horizontal scrolling at 200 %, every target at least 72 px.
 */
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WireDocument } from '../../electron/common/contract/hub';
import { demoConfiguration } from '../../electron/common/domain/demo-office';
import {
  createHubDatabase,
  createToken,
  enrolSignedIn,
  hubClient,
  startHubProcess,
  type HubDatabase,
  type HubProcess,
} from '../support/hub-process';
import { axeViolations, openPage, screenshotIfFailed, takeTicketAt } from '../support/pages';
import { artifactsDir, launchChromium, startHost, tempDir, type Host } from '../support/processes';

/** The kiosk's screen, and the same at 200 % zoom: its smallest size. */
const KIOSK = { width: 1280, height: 900 } as const;
const ZOOMED = { width: 640, height: 450 } as const;

let dir: Awaited<ReturnType<typeof tempDir>>;
let database: HubDatabase;
let hub: HubProcess;
let kioskHost: Host;
let browser: Browser;
let context: BrowserContext;
let shots: string;

beforeAll(async () => {
  dir = await tempDir('e2e-limits');
  database = await createHubDatabase('pglite');
  const kioskToken = await createToken(database, 'kiosk-parter', 'kiosk');
  hub = await startHubProcess(database);
  const admin = hubClient(hub.url, await enrolSignedIn(database, hub.url, 'stanowisko-admin'));
  const { office, services } = demoConfiguration();
  // No opening hours (an office set up before they were kept): no time limit, so the test runs
  // at any hour of any day, and only the daily limit counts.
  const { hours: _hours, closures: _closures, ...anyHour } = office;
  const limited = services.map((service) => (service.id === 'id-cards' ? { ...service, dailyLimit: 2 } : service));
  const row = (document: object) => ({
    newDocumentState: { ...document, updatedAt: 1, _deleted: false } as unknown as WireDocument,
  });
  expect((await admin.push('office', [row(anyHour)])).conflicts).toEqual([]);
  expect((await admin.push('services', limited.map(row))).conflicts).toEqual([]);
  [kioskHost, browser] = await Promise.all([
    startHost({
      dataDir: path.join(dir.path, 'kiosk'),
      args: ['--hub', hub.url],
      env: { OKIENKO_HUB_TOKEN: kioskToken },
    }),
    launchChromium(),
  ]);
  context = await browser.newContext({ viewport: KIOSK });
  shots = await artifactsDir('e2e');
}, 120_000);

afterEach(async (test) => {
  await screenshotIfFailed(test, context, shots);
});

afterAll(async () => {
  await browser?.close();
  await kioskHost?.stop();
  await hub?.kill('SIGTERM').catch(() => undefined);
  await database?.remove();
  await dir?.remove();
});

/** The text of every element Tab reaches on the page, once round. */
async function tabStops(page: Page): Promise<string[]> {
  const stops: string[] = [];
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('Tab');
    stops.push(await page.evaluate(() => document.activeElement?.textContent ?? ''));
  }
  return stops;
}

/** Buttons shown on the page smaller than a kiosk's 72 × 72 px, by their text. */
function smallKioskTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('button')]
      .map((button) => ({ button, box: button.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && (box.width < 72 || box.height < 72))
      .map(({ button }) => button.textContent ?? ''),
  );
}

describe("a service's daily limit at the kiosk", () => {
  it('two tickets, then the button says the limit is reached, cannot be pressed, and the screen says what to do', async () => {
    const kiosk = await openPage(context, `${kioskHost.url}#/kiosk`, 'kiosk');
    const matter = kiosk.getByRole('button', { name: /^Dowody osobiste/ });
    await matter.waitFor();
    for (let i = 0; i < 2; i++) expect(await takeTicketAt(kiosk, 'Dowody osobiste')).toMatch(/^C\d+$/);
    await kiosk.getByRole('button', { name: 'Gotowe', exact: true }).click();

    // The reason is inside the button: its accessible name, read with it.
    await kiosk.getByRole('button', { name: /^Dowody osobiste\s*Limit biletów na dziś wyczerpany$/ }).waitFor();
    expect(await matter.isDisabled()).toBe(true);
    const notice = kiosk.getByRole('region', { name: 'W niektórych sprawach nie wydajemy teraz biletów' });
    await notice.getByText('Zapraszamy w inny dzień pracy urzędu.').waitFor();
    await notice
      .getByText('Na wizytę możesz się też umówić przez internet lub telefonicznie: Dowody osobiste.')
      .waitFor();
    // Every other matter, and a booked visit's check-in, go on as before.
    expect(await kiosk.getByRole('button', { name: /^Meldunki/ }).isEnabled()).toBe(true);
    expect(await kiosk.getByRole('button', { name: /^Mam umówioną wizytę/ }).isEnabled()).toBe(true);
    await kiosk.screenshot({ path: path.join(shots, 'kiosk-limit-reached.png') });
    const stops = await tabStops(kiosk);
    expect(stops.some((text) => text.startsWith('Meldunki'))).toBe(true);
    expect(stops.some((text) => text.startsWith('Dowody osobiste'))).toBe(false);

    for (const [zoom, size] of [
      ['100 %', KIOSK],
      ['200 %', ZOOMED],
    ] as const) {
      await kiosk.setViewportSize(size);
      expect(await axeViolations(kiosk), `kiosk, limit reached, ${zoom}`).toEqual([]);
      expect(await smallKioskTargets(kiosk), `targets under 72 px at ${zoom}`).toEqual([]);
      expect(await kiosk.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.width);
    }
  });
});
