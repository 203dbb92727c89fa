/**
 * The ticket's status page as a visitor meets it: a ticket taken at a kiosk that works with the
 * office hub, its QR code opened on a phone (the hub's own address, nothing installed), the place
 * in the queue, and the call appearing by itself when a counter calls the ticket. A guessed address
 * says there is no such ticket. axe at 100 % and 200 % zoom, no horizontal scrolling at 320 CSS px,
 * targets of 44 px. One workstation (browser host) serves both the kiosk and the counter.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TICKET_ID_PATTERN } from '../../electron/common/contract/public';
import {
  addReadyUser,
  createHubDatabase,
  createUpgradedToken,
  startHubProcess,
  type HubDatabase,
  type HubProcess,
} from '../support/hub-process';
import {
  E2E_PERSON,
  expectPhonePageAccessible,
  openCounter,
  openPage,
  screenshotIfFailed,
  takeTicketAt,
} from '../support/pages';
import { artifactsDir, launchChromium, startHost, tempDir, type Host } from '../support/processes';
import { startSimProcess, type SimProcess } from '../support/sim-process';

let dir: Awaited<ReturnType<typeof tempDir>>;
let database: HubDatabase;
let hub: HubProcess;
let sim: SimProcess;
let host: Host;
let browser: Browser;
let desk: BrowserContext;
let phone: BrowserContext;
let shots: string;

beforeAll(async () => {
  dir = await tempDir('e2e-status');
  database = await createHubDatabase('pglite');
  // A token with every right: the demo office this workstation seeds reaches the hub.
  const token = await createUpgradedToken(database, 'stanowisko-parter');
  hub = await startHubProcess(database);
  sim = await startSimProcess(['--dir', path.join(dir.path, 'sim')]);
  [, host, browser] = await Promise.all([
    addReadyUser(database, hub.url, token, E2E_PERSON.login, E2E_PERSON.roles),
    startHost({
      dataDir: path.join(dir.path, 'station'),
      printerPath: String(sim.ready.printer),
      args: ['--hub', hub.url],
      env: { OKIENKO_HUB_TOKEN: token },
    }),
    launchChromium(),
  ]);
  desk = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  phone = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
  shots = await artifactsDir('e2e');
}, 120_000);

afterEach(async (test) => {
  await screenshotIfFailed(test, phone, shots);
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await sim?.stop();
  await hub?.kill('SIGTERM').catch(() => undefined);
  await database?.remove();
  await dir?.remove();
});

/** axe at 100/200 %, 320 px, 44 px targets (test/support/pages.ts), back to the phone's size after. */
function expectAccessible(page: Page, label: string): Promise<void> {
  return expectPhonePageAccessible(page, label, { targets: 'button', after: { width: 390, height: 844 } });
}

/** The ticket's id, read off the QR code the simulated printer printed for `number`. */
async function printedTicketId(number: string): Promise<string> {
  const printed = await sim.waitFor(
    (event) => event.event === 'printed' && (event.large as string[]).some((line) => line.includes(number)),
  );
  const qr = String(printed.qr);
  const match = /#\/status\/([^/]+)$/.exec(qr);
  expect(match, qr).not.toBeNull();
  const id = decodeURIComponent(match![1]!);
  expect(id).toMatch(TICKET_ID_PATTERN);
  return id;
}

/** Waits until the kiosk's ticket has reached the hub (the kiosk sends it by sync, soon after printing). */
async function reachedHub(id: string): Promise<void> {
  await expect
    .poll(async () => (await fetch(`${hub.url}api/v1/public/tickets/${id}`)).status, { timeout: 15_000 })
    .toBe(200);
}

describe("a ticket's status page, served by the hub", () => {
  it('shows the place in the queue, then the call by itself, in large plain text', async () => {
    const kiosk = await openPage(desk, `${host.url}#/kiosk`);
    const first = await takeTicketAt(kiosk, 'Dowody osobiste');
    const number = await takeTicketAt(kiosk, 'Dowody osobiste');
    const id = await printedTicketId(number);
    await reachedHub(await printedTicketId(first));
    await reachedHub(id);

    const status = await openPage(phone, `${hub.url}#/status/${id}`);
    await status.getByRole('heading', { level: 1, name: `Twój numer ${number}` }).waitFor();
    const now = status.getByRole('status').filter({ hasText: 'Przed Tobą' });
    await expect.poll(() => now.textContent(), { timeout: 10_000 }).toContain('Przed Tobą: 1 osoba');
    expect(await now.textContent()).toMatch(/Szacowany czas oczekiwania: ok\. \d+ min/);
    await status.getByText('Dowody osobiste').waitFor();
    expect(await status.title()).toContain(number);
    await status.screenshot({ path: path.join(shots, 'status-waiting.png') });
    await expectAccessible(status, 'waiting');

    // Ukrainian and English a tap away.
    await status.getByRole('button', { name: 'Українська' }).click();
    await status.getByRole('heading', { level: 1, name: `Ваш номер ${number}` }).waitFor();
    expect(await status.evaluate(() => document.documentElement.lang)).toBe('uk');
    await status.getByRole('button', { name: 'Polski' }).click();

    // The connection drops: the page says so, keeps what it knew, and recovers by itself.
    await phone.setOffline(true);
    await status.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await status.getByRole('status').filter({ hasText: 'Brak połączenia z serwerem urzędu' }).waitFor();
    await status.getByRole('heading', { level: 1, name: `Twój numer ${number}` }).waitFor();
    await phone.setOffline(false);
    await status.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect.poll(() => status.getByText('Brak połączenia').count(), { timeout: 10_000 }).toBe(0);

    const counter = await openPage(desk, `${host.url}#/counter/3`);
    await openCounter(counter);
    await expect
      .poll(() => counter.getByRole('row', { name: new RegExp(`^(${first}|${number})\\b`) }).count(), {
        timeout: 15_000,
      })
      .toBe(2);
    const callNext = counter.getByRole('button', { name: /Wywołaj następnego/ });
    await callNext.click();
    await counter
      .getByRole('status')
      .filter({ hasText: `Wywołano ${first}.` })
      .waitFor();
    // Shown again (a tab brought back asks at once): nobody is ahead any more.
    await expect
      .poll(
        async () => {
          await status.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
          return now.textContent();
        },
        { timeout: 10_000, interval: 500 },
      )
      .toContain('Przed Tobą: nikt');
    await counter.getByRole('button', { name: 'Zakończ obsługę' }).click();
    await callNext.click();

    // Nobody touches the phone: the next question to the hub brings the call.
    const call = status.getByRole('status').filter({ hasText: 'Zapraszamy do stanowiska 3' });
    await call.waitFor({ timeout: 25_000 });
    expect(await status.title()).toContain('Zapraszamy do stanowiska 3');
    await status.screenshot({ path: path.join(shots, 'status-called.png') });
    await expectAccessible(status, 'called');
  });

  it('says plainly that there is no such ticket at a guessed address', async () => {
    for (const guess of [randomUUID(), 'C12']) {
      const page = await openPage(phone, `${hub.url}#/status/${guess}`);
      await page.getByRole('heading', { level: 1, name: 'Nie ma takiego biletu.' }).waitFor();
      await page.getByText('Sprawdź adres z kodu QR.').waitFor();
      if (guess === 'C12') await expectAccessible(page, 'unknown');
      await page.close();
    }
  });
});
