/**
 * A clerk books a visit for a caller, as at a counter with the phone ringing: a counter
 * workstation (the browser host, with the simulated ticket printer) enrolled at a real office hub
 * that holds the demo office's services and availability (pushed by an admin's workstation, as
 * the set-up would). Signed in as a clerk, from the counter's "Wizyty": book by role and name —
 * the service, a day, a time, the caller's details and language — read the code, print its slip;
 * find the booking by its code, move it, cancel it; the hub holds each step, and the kiosk of the
 * same workstation, from its own replicated copy, says the visit was cancelled. A code the hub does
 * not know is said in the clerk's words; with the hub stopped the screen says why it cannot book
 * and offers nothing that would. axe at 100 % and 200 % zoom, no horizontal scrolling at 320 CSS
 * px, targets of 44 px.
 */
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HUB_API_PREFIX, type WireDocument } from '../../electron/common/contract/hub';
import type { Booking } from '../../electron/common/contract/public';
import { demoConfiguration } from '../../electron/common/domain/demo-office';
import {
  addReadyUser,
  createHubDatabase,
  createToken,
  enrolSignedIn,
  hubClient,
  startHubProcess,
  type HubDatabase,
  type HubProcess,
} from '../support/hub-process';
import { expectPhonePageAccessible, openPage, screenshotIfFailed, signIn } from '../support/pages';
import { artifactsDir, launchChromium, startHost, tempDir, type Host } from '../support/processes';
import { startSimProcess, type SimProcess } from '../support/sim-process';

const ZONE = 'Europe/Warsaw';
const DESK = { width: 1280, height: 900 } as const;
const CLERK = 'jan';

let dir: Awaited<ReturnType<typeof tempDir>>;
let database: HubDatabase;
let hub: HubProcess;
let sim: SimProcess;
let host: Host;
let browser: Browser;
let context: BrowserContext;
let shots: string;
/** An admin's session at the hub, to read what the hub holds. */
let adminSession: string;

beforeAll(async () => {
  dir = await tempDir('e2e-appointments');
  database = await createHubDatabase('pglite');
  const counterToken = await createToken(database, 'stanowisko-3', 'counter');
  // Every request of this test comes from 127.0.0.1: no per-address limit on the public routes.
  [hub, sim, browser] = await Promise.all([
    startHubProcess(database, { env: { OKIENKO_HUB_PUBLIC_RATE: '0' } }),
    startSimProcess(['--dir', path.join(dir.path, 'sim')]),
    launchChromium(),
  ]);
  adminSession = await enrolSignedIn(database, hub.url, 'stanowisko-admin');
  const admin = hubClient(hub.url, adminSession);
  const { office, services, counters } = demoConfiguration();
  const row = (document: object) => ({
    newDocumentState: { ...document, updatedAt: 1, _deleted: false } as unknown as WireDocument,
  });
  // An office of its own id: the workstation seeds no demo appointments of its own for it.
  await admin.push('office', [row({ ...office, id: 'um-e2e-wizyty' })]);
  await admin.push('services', services.map(row));
  await admin.push(
    'counters',
    counters.map((counter) =>
      row({ ...counter, id: String(counter.number), mode: 'closed', clerk: '', normalSinceLastPriority: 0 }),
    ),
  );
  await addReadyUser(database, hub.url, counterToken, CLERK, ['clerk']);
  host = await startHost({
    dataDir: path.join(dir.path, 'counter'),
    printerPath: String(sim.ready.printer),
    args: ['--hub', hub.url],
    env: { OKIENKO_HUB_TOKEN: counterToken },
  });
  context = await browser.newContext({ viewport: DESK, timezoneId: ZONE });
  shots = await artifactsDir('e2e');
}, 120_000);

afterEach(async (test) => {
  await screenshotIfFailed(test, context, shots);
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await sim?.stop();
  await hub?.kill('SIGTERM').catch(() => undefined);
  await database?.remove();
  await dir?.remove();
});

/** axe at 100/200 %, 320 px, 44 px targets (test/support/pages.ts), back to the desk's size after. */
function expectAccessible(page: Page, label: string): Promise<void> {
  return expectPhonePageAccessible(page, label, {
    targets: 'button, a, .appointments-languages label, input:not([type=radio])',
    after: DESK,
  });
}

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });
/** The choices of a page (services, days, times): the buttons of its list. */
const choices = (page: Page) => page.getByRole('main').getByRole('list').getByRole('button');

async function waitForChoices(page: Page, title: string): Promise<Locator> {
  await heading(page, title).waitFor();
  await choices(page).first().waitFor();
  return choices(page);
}

/** Picks the day page's first or last day, then that day's first time other than `not`; resolves to it. */
async function pickSlot(page: Page, which: 'first' | 'last', not?: string): Promise<string> {
  const days = await waitForChoices(page, 'Wybierz dzień');
  await (which === 'first' ? days.first() : days.last()).click();
  const times = await waitForChoices(page, 'Wybierz godzinę');
  const names = await times.allTextContents();
  const index = names.findIndex((name) => !not || !name.startsWith(not));
  await times.nth(index).click();
  return names[index]!.slice(0, 5);
}

/** Presses Tab until `target` has the focus, then `key` (none: ''), as a person with a keyboard alone. */
async function reach(page: Page, target: Locator, key = 'Enter'): Promise<void> {
  await target.waitFor();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((element) => element === document.activeElement)) {
      if (key) await page.keyboard.press(key);
      return;
    }
  }
  throw new Error(`could not reach ${target.toString()} with Tab`);
}

/** The booking as the hub holds it, asked through its staff route as any signed-in desk would. */
async function atHub(code: string): Promise<Booking> {
  const response = await hubClient(hub.url, adminSession).request<Booking>(
    'GET',
    `${HUB_API_PREFIX}/appointments/${code}`,
  );
  expect(response.status).toBe(200);
  return response.body;
}

describe('a clerk books, moves and cancels a visit for a caller', () => {
  it('from the counter: books with a code to read out, finds it by code, moves and cancels it', async () => {
    const page = await openPage(context, `${host.url}#/counter/3`);
    await page.getByRole('status').filter({ hasText: 'Połączono z serwerem urzędu' }).waitFor({ timeout: 20_000 });
    await signIn(page, CLERK);
    await page.getByRole('link', { name: 'Wizyty', exact: true }).click();
    await heading(page, 'Wizyty').waitFor();
    // The hub asked first (the workstation's kind, the person's roles, the office): then the choices.
    await page.getByRole('button', { name: 'Umów wizytę' }).waitFor();
    await page.screenshot({ path: path.join(shots, 'appointments-start.png'), fullPage: true });
    await expectAccessible(page, 'start');

    // Only the services with availability rules can be booked.
    await page.getByRole('button', { name: 'Umów wizytę' }).click();
    await waitForChoices(page, 'W jakiej sprawie jest wizyta?');
    expect(await choices(page).allTextContents()).toEqual(['Dowody osobiste', 'Meldunki (Ewidencja Ludności)']);
    await page.getByRole('button', { name: 'Dowody osobiste' }).click();
    const time = await pickSlot(page, 'first');

    await heading(page, 'Dane osoby').waitFor();
    await page.getByLabel('Imię i nazwisko').fill('Jan Kowalski');
    await page.getByLabel('Numer telefonu').fill('600 123 456');
    await page.getByRole('radio', { name: 'Українська' }).check();
    await page.screenshot({ path: path.join(shots, 'appointments-details.png'), fullPage: true });
    await expectAccessible(page, 'details');
    await page.getByRole('button', { name: 'Dalej' }).click();
    await heading(page, 'Przeczytaj osobie i zarezerwuj').waitFor();
    await page.getByText(`godz. ${time}`).waitFor();
    await expectAccessible(page, 'check');
    await page.getByRole('button', { name: 'Zarezerwuj' }).click();

    await heading(page, 'Wizyta zarezerwowana').waitFor();
    const code = (await page.getByText(/^\d{6}$/).textContent())!;
    await page.screenshot({ path: path.join(shots, 'appointments-booked.png'), fullPage: true });
    await expectAccessible(page, 'booked');
    const booked = await atHub(code);
    expect([booked.time, booked.state, booked.name, booked.service.id]).toEqual([
      time,
      'booked',
      'Jan Kowalski',
      'id-cards',
    ]);
    // The slip: the code where a ticket's number goes, in the caller's language.
    const printedFrom = sim.events.length;
    await page.getByRole('button', { name: 'Wydrukuj potwierdzenie z kodem' }).click();
    await page.getByRole('status').filter({ hasText: 'Potwierdzenie wydrukowane.' }).waitFor();
    const printed = await sim.waitFor(
      (event) => event.event === 'printed' && (event.large as string[]).some((line) => line.includes(code)),
      printedFrom,
    );
    expect((printed.text as string[]).join('\n')).toContain(time);
    await page.getByRole('button', { name: 'Gotowe' }).click();

    // Found by its code alone (typed, with the keyboard alone), moved to another day.
    await reach(page, page.getByLabel('Kod wizyty', { exact: true }), '');
    await page.keyboard.type(code);
    await page.keyboard.press('Enter');
    await heading(page, `Wizyta ${code}`).waitFor();
    await page.getByText('zarezerwowana').waitFor();
    await page.getByText('Jan Kowalski').waitFor();
    await expectAccessible(page, 'found');
    await page.getByRole('button', { name: 'Zmień termin' }).click();
    const later = await pickSlot(page, 'last', time);
    await heading(page, 'Zmienić termin wizyty?').waitFor();
    await page.getByRole('button', { name: 'Tak, zmień termin' }).click();
    await heading(page, 'Termin zmieniony').waitFor();
    await page.getByText(`Kod wizyty się nie zmienia: ${code}.`, { exact: false }).waitFor();
    const moved = await atHub(code);
    expect([moved.time, moved.state]).toEqual([later, 'booked']);
    expect(moved.day > booked.day).toBe(true);

    // Cancelled, after a confirmation: with the keyboard alone.
    await reach(page, page.getByRole('button', { name: 'Wróć do wizyty' }));
    await reach(page, page.getByRole('button', { name: 'Odwołaj wizytę' }));
    await heading(page, `Odwołać wizytę ${code}?`).waitFor();
    await expectAccessible(page, 'cancel');
    await reach(page, page.getByRole('button', { name: 'Tak, odwołaj wizytę' }));
    await heading(page, 'Wizyta odwołana').waitFor();
    expect((await atHub(code)).state).toBe('cancelled');

    // A code the hub does not know, in the clerk's words.
    await page.getByRole('button', { name: 'Gotowe' }).click();
    await page.getByLabel('Kod wizyty', { exact: true }).fill(code === '000000' ? '000001' : '000000');
    await page.getByRole('button', { name: 'Znajdź wizytę' }).click();
    await heading(page, /^Nie ma wizyty o kodzie \d{6}$/).waitFor();
    await page.getByRole('alert').filter({ hasText: 'Sprawdź kod z osobą' }).waitFor();

    // The supervisor's screen leads here too.
    const overview = await openPage(context, `${host.url}#/supervisor`);
    await overview.getByRole('link', { name: 'Wizyty', exact: true }).click();
    await overview.getByRole('button', { name: 'Umów wizytę' }).waitFor();
    await overview.close();

    // The kiosk of this workstation, from its own copy: the visit is cancelled.
    const kiosk = await openPage(context, `${host.url}#/kiosk`);
    await kiosk.getByRole('button', { name: /^Mam umówioną wizytę/ }).click();
    await kiosk.getByLabel('Kod wizyty', { exact: true }).fill(code);
    const cancelled = kiosk.getByRole('alert').filter({ hasText: 'Ta wizyta została odwołana.' });
    await expect
      .poll(
        async () => {
          await kiosk.getByRole('button', { name: 'Potwierdź' }).click();
          return cancelled.isVisible();
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    await kiosk.close();
    await page.close();
  }, 180_000);

  it('says plainly that booking needs the office server while the hub is away, keeping the draft for its return', async () => {
    const page = await openPage(context, `${host.url}#/appointments`);
    await signIn(page, CLERK);
    await page.getByRole('button', { name: 'Umów wizytę' }).click();
    await page.getByRole('button', { name: 'Meldunki (Ewidencja Ludności)' }).click();
    await waitForChoices(page, 'Wybierz dzień');

    await hub.kill('SIGTERM');
    await heading(page, 'Brak połączenia z serwerem urzędu').waitFor({ timeout: 30_000 });
    await page.getByRole('alert').filter({ hasText: 'Bez niego dwie osoby mogłyby dostać ten sam termin.' }).waitFor();
    // Nothing that would look as if it could still book: the days are out of sight and reach.
    expect(await heading(page, 'Wybierz dzień').count()).toBe(0);
    expect(await choices(page).count()).toBe(0);
    await page.screenshot({ path: path.join(shots, 'appointments-offline.png'), fullPage: true });
    await expectAccessible(page, 'offline');
    // Asked again while it is still down: the same.
    await page.getByRole('button', { name: 'Sprawdź ponownie' }).click();
    await heading(page, 'Brak połączenia z serwerem urzędu').waitFor();

    // The hub back: the days chosen from are there again.
    await hub.restart();
    const days = heading(page, 'Wybierz dzień');
    const retry = page.getByRole('button', { name: 'Sprawdź ponownie' });
    await expect
      .poll(
        async () => {
          if (await retry.isVisible()) await retry.click();
          return days.isVisible();
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBe(true);
    await page.close();
  }, 90_000);
});
