/**
 * The queue end to end, as people use it: a visitor takes a ticket at the kiosk, the simulated
 * thermal printer (a separate process on a socat pseudo-terminal) prints it, a clerk calls it at
 * a counter, and the waiting-room board shows and announces it. Driven by accessible role and
 * name in Debian's Chromium against the browser host.
 */
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startE2eStation, type E2eStation } from '../support/e2e-station';
import { nextTotpCode, TEST_PASSWORD, TEST_TOTP_SECRET, totpAt } from '../support/accounts';
import {
  axeViolations,
  E2E_PERSON,
  openCounter,
  openPage,
  screenshotIfFailed,
  signIn,
  takeTicketAt,
  ticketNumber,
} from '../support/pages';
import { installSpeechStandIn } from '../support/speech-standin';

/** A morning in Warsaw (CET, before summer time): the demo office's bookings run from 09:00 to 13:00. */
const CHECK_IN_MORNING = new Date('2026-03-10T10:20:00+01:00');

let station: E2eStation;
let context: BrowserContext;

beforeAll(async () => {
  // Every sensitive action asks for the password again (the office's choice of "a few minutes": none).
  // Listening beyond the loopback: a TV on the office network pairs with it (the last tests).
  station = await startE2eStation('e2e', () => ['--bind', '0.0.0.0'], {
    stationId: 'e2e-queue',
    signIn: { reauthMinutes: 0, idleLockMinutes: 5, offlineDays: 7 },
  });
});

afterAll(async () => {
  await station?.stop();
});

afterEach(async (test) => {
  await screenshotIfFailed(test, context, station.shots);
  await context?.close();
});

async function open(route: string): Promise<Page> {
  if (!context) await newContext();
  return openPage(context, `${station.host.url}#/${route}`, route);
}

/** The board logs a call only once its speech ended: headless Chromium has no voice, so a stand-in speaks. */
async function newContext(): Promise<void> {
  context = await station.browser.newContext({ viewport: { width: 1280, height: 900 } });
  await installSpeechStandIn(context);
}

/** This host as another machine on the office network reaches it: by its own address, not the loopback. */
function otherMachineUrl(): string {
  const own = Object.values(networkInterfaces())
    .flat()
    .find((entry) => entry?.family === 'IPv4' && !entry.internal)?.address;
  if (!own) throw new Error('no non-loopback address to play the other machine from');
  return station.host.url.replace('127.0.0.1', own);
}

/** Presses a pairing button on the device screen, confirms with the password, and reads the code shown. */
async function pairingCode(admin: Page, button: string): Promise<string> {
  await admin.getByRole('button', { name: button }).click();
  const dialog = admin.getByRole('dialog', { name: 'Potwierdź hasłem', exact: true });
  await dialog.getByLabel('Hasło').fill(TEST_PASSWORD);
  await dialog.getByRole('button', { name: 'Potwierdź' }).click();
  const shown = await admin
    .getByRole('status')
    .filter({ hasText: /^Kod: \d{6}/ })
    .textContent();
  return /Kod: (\d{6})/.exec(shown ?? '')?.[1] ?? '';
}

describe('the queue, end to end', () => {
  it('kiosk ticket is printed, called at a counter and shown on the board', async () => {
    await newContext();
    const board = await open('board');
    await board.getByRole('heading', { name: 'Teraz zapraszamy' }).waitFor();

    const kiosk = await open('kiosk');
    await kiosk.getByRole('button', { name: /^Dowody osobiste/ }).click();
    await kiosk.getByRole('button', { name: 'Nie — zwykły bilet' }).click();
    const number = await ticketNumber(kiosk);
    await expect.poll(() => kiosk.getByRole('status').filter({ hasText: 'Weź bilet z drukarki.' }).count()).toBe(1);
    await kiosk.screenshot({ path: path.join(station.shots, 'kiosk.png') });

    const printed = await station.sim.waitFor(
      (event) => event.event === 'printed' && (event.large as string[]).some((line) => line.includes(number)),
    );
    const text = (printed.text as string[]).join('\n');
    expect(text).toContain('Dowody osobiste');
    // CP852 has no em dash: it is transliterated, the Polish letters arrive intact.
    expect(text).toContain('Urząd Miasta - Biuro Obsługi Mieszkańców');
    expect(text).toMatch(/Przed Tobą: nikt/);
    // The ticket's QR code opens its status page on the hub (the demo office's statusUrl).
    expect(printed.qr).toMatch(/^https:\/\/hub\.urzad\.local:8090\/#\/status\/[0-9a-f-]{36}$/);
    expect(printed.cut).not.toBe('none');

    const counter = await open('counter/3');
    await openCounter(counter);
    await expect.poll(() => counter.getByRole('row', { name: new RegExp(`^${number}\\b`) }).count()).toBe(1);
    // The clerk calls by keyboard: Alt+N is "call next".
    await counter.keyboard.press('Alt+KeyN');
    await counter
      .getByRole('status')
      .filter({ hasText: `Wywołano ${number}.` })
      .waitFor();
    await counter.screenshot({ path: path.join(station.shots, 'counter.png') });

    const now = board.getByRole('region', { name: 'Teraz zapraszamy' });
    await expect.poll(() => now.textContent()).toMatch(new RegExp(`${number}.*stanowisko 3`));
    const spoken = `Numer ${number[0]} ${number.slice(1)}, stanowisko 3.`;
    // Logged once its speech ended: after the chime and the voice.
    await expect
      .poll(() => board.getByRole('log', { name: 'Odczytane wywołania' }).getByRole('listitem').allTextContents(), {
        timeout: 10_000,
      })
      .toEqual([spoken]);
    await board.screenshot({ path: path.join(station.shots, 'board.png') });

    // Serving and finishing by keyboard, then the counter is free again.
    await counter.keyboard.press('Alt+KeyS');
    await counter.getByText('w obsłudze').waitFor();
    await counter.keyboard.press('Alt+KeyD');
    await counter.getByText('Nikogo teraz nie obsługujesz.').waitFor();
  });

  it('two counters calling at the same moment get different visitors, and the board reads both in turn', async () => {
    await newContext();
    const board = await open('board');
    await board.getByRole('heading', { name: 'Teraz zapraszamy' }).waitFor();
    const kiosk = await open('kiosk');
    const numbers: string[] = [];
    for (let i = 0; i < 2; i++) numbers.push(await takeTicketAt(kiosk, 'Prawa jazdy'));
    const first = await open('counter/1');
    await openCounter(first);
    const second = await open('counter/2');
    await openCounter(second);
    await Promise.all([
      first.getByRole('button', { name: /Wywołaj następnego/ }).click(),
      second.getByRole('button', { name: /Wywołaj następnego/ }).click(),
    ]);
    const calledAt = async (page: Page) =>
      /Wywołano ([A-Z]\d+)\./.exec(
        (await page.getByRole('status').filter({ hasText: 'Wywołano' }).textContent()) ?? '',
      )?.[1];
    const called = [await calledAt(first), await calledAt(second)];
    expect(new Set(called)).toEqual(new Set(numbers));
    const log = board.getByRole('log', { name: 'Odczytane wywołania' }).getByRole('listitem');
    await expect.poll(() => log.count(), { timeout: 10_000 }).toBe(2);
    const announced = await log.allTextContents();
    expect(announced.map((text) => /Numer ([A-Z]) (\d+)/.exec(text)?.slice(1).join(''))).toEqual(
      expect.arrayContaining(numbers),
    );
  });

  it('out of paper: the number is still issued and shown, nothing printed, the supervisor is alerted', async () => {
    await newContext();
    await station.sim.command('paper-out', (event) => event.event === 'mode' && event.mode === 'paper-out');
    const printedBefore = station.sim.events.filter((event) => event.event === 'printed').length;

    const kiosk = await open('kiosk');
    await kiosk.getByRole('button', { name: /^Podatki i opłaty lokalne/ }).click();
    await kiosk.getByRole('button', { name: 'Tak — osoba w wieku 75+' }).click();
    const number = await ticketNumber(kiosk);
    const failure = kiosk.getByRole('status').filter({ hasText: 'nie udało się wydrukować' });
    await expect.poll(() => failure.textContent()).toContain(`w drukarce skończył się papier`);
    expect(await failure.textContent()).toContain(`Zapamiętaj swój numer: ${number}`);
    await kiosk.screenshot({ path: path.join(station.shots, 'kiosk-paper-out.png') });
    expect(station.sim.events.filter((event) => event.event === 'printed').length).toBe(printedBefore);

    const supervisor = await open('supervisor');
    await signIn(supervisor);
    const alerts = supervisor.getByRole('region', { name: 'Alerty' });
    await expect
      .poll(() => alerts.textContent())
      .toContain(`bilet ${number} nie został wydrukowany — w drukarce skończył się papier`);
    await supervisor.screenshot({ path: path.join(station.shots, 'supervisor-alert.png') });
    await alerts.getByRole('button', { name: 'Przyjąłem do wiadomości' }).click();
    await alerts.getByText('Brak nowych alertów.').waitFor();

    // The ticket is in the queue like any other: a priority ticket for counter 5.
    const counter = await open('counter/5');
    await openCounter(counter);
    await expect
      .poll(() => counter.getByRole('row', { name: new RegExp(`^${number}`) }).textContent())
      .toContain('pierwszeństwo');

    await station.sim.command('ready', (event) => event.event === 'mode' && event.mode === 'ready');
  });

  it('a visitor can take a ticket with the keyboard alone, in Ukrainian', async () => {
    await newContext();
    const kiosk = await open('kiosk');
    await kiosk.getByRole('heading', { name: 'W jakiej sprawie przychodzisz?' }).waitFor();
    const pressUntilFocused = async (name: RegExp) => {
      for (let i = 0; i < 25; i++) {
        await kiosk.keyboard.press('Tab');
        const focused = await kiosk.evaluate(() => document.activeElement?.textContent ?? '');
        if (name.test(focused)) return;
      }
      throw new Error(`could not reach ${name} with Tab`);
    };
    await pressUntilFocused(/^Українська$/);
    await kiosk.keyboard.press('Enter');
    await kiosk.getByRole('heading', { name: 'З якою справою Ви прийшли?' }).waitFor();
    await pressUntilFocused(/^Каса/);
    await kiosk.keyboard.press('Enter');
    await pressUntilFocused(/^Ні — звичайний квиток$/);
    await kiosk.keyboard.press('Enter');
    const heading = kiosk.getByRole('heading', { level: 1, name: /Ваш номер/ });
    await heading.waitFor();
    const number = /(K\d+)$/.exec((await heading.textContent()) ?? '')?.[1];
    expect(number).toBeDefined();
    await kiosk.getByRole('status').filter({ hasText: 'Візьміть квиток із принтера.' }).waitFor();
    const printed = await station.sim.waitFor(
      (event) => event.event === 'printed' && (event.large as string[]).some((line) => line.includes(number ?? '?')),
    );
    expect((printed.text as string[]).join('\n')).toMatch(/Каса|Kasa/);
  });

  it('a booked visitor checks in with their code on the keypad, once; a late one queues like everyone else', async () => {
    await newContext();
    // The pages' clock starts at 10:20 in Warsaw and runs on from there: the 10:30 booking still
    // holds its time (until 10:45), the 09:30 one is past its 15 minutes' grace.
    await context.clock.install({ time: CHECK_IN_MORNING });
    const supervisor = await open('supervisor');
    await signIn(supervisor);
    const appointments = supervisor.getByRole('region', { name: 'Wizyty umówione na dziś' });
    const booking = async (time: string) => {
      const row = appointments.getByRole('row', { name: new RegExp(`^${time}`) });
      await row.waitFor();
      const cells = await row.getByRole('cell').allTextContents();
      const code = cells[1] ?? '';
      expect(code).toMatch(/^\d{6}$/);
      expect(cells[2]).toBe('oczekuje');
      return { row, code };
    };
    const onTime = await booking('10:30');
    const late = await booking('09:30');

    const kiosk = await open('kiosk');
    const checkIn = async (code: string) => {
      await kiosk.getByRole('button', { name: /^Mam umówioną wizytę/ }).click();
      await kiosk.getByRole('heading', { name: 'Wpisz kod wizyty' }).waitFor();
      for (const digit of code) await kiosk.getByRole('button', { name: digit, exact: true }).click();
      expect(await kiosk.getByLabel('Kod wizyty', { exact: true }).inputValue()).toBe(code);
      await kiosk.getByRole('button', { name: 'Potwierdź' }).click();
    };

    // In time: the booked time holds.
    await checkIn(onTime.code);
    const number = await ticketNumber(kiosk);
    expect(number).toMatch(/^F\d+$/);
    await kiosk.getByText('Wizyta umówiona na 10:30', { exact: false }).waitFor();
    expect(await kiosk.getByText('Minęła umówiona godzina', { exact: false }).count()).toBe(0);
    await kiosk.getByRole('status').filter({ hasText: 'Weź bilet z drukarki.' }).waitFor();
    await kiosk.screenshot({ path: path.join(station.shots, 'kiosk-appointment.png') });
    await expect.poll(() => onTime.row.getByRole('cell').nth(2).textContent()).toBe(`przybył(a) — ${number}`);
    await kiosk.getByRole('button', { name: 'Gotowe' }).click();

    // Too late: the visitor queues like everyone else.
    await checkIn(late.code);
    const lateNumber = await ticketNumber(kiosk);
    expect(lateNumber).toMatch(/^C\d+$/);
    await kiosk.getByText('Minęła umówiona godzina', { exact: false }).waitFor();
    expect(await kiosk.getByText('Wizyta umówiona na', { exact: false }).count()).toBe(0);
    await kiosk.getByRole('status').filter({ hasText: 'Weź bilet z drukarki.' }).waitFor();
    await expect.poll(() => late.row.getByRole('cell').nth(2).textContent()).toBe(`przybył(a) — ${lateNumber}`);
    await kiosk.getByRole('button', { name: 'Gotowe' }).click();

    // A code checks in once.
    await checkIn(onTime.code);
    await kiosk.getByRole('alert').filter({ hasText: 'Ta wizyta została już potwierdzona.' }).waitFor();
  });

  it("closing the day asks for the password again and the supervisor's code; a wrong one closes nothing", async () => {
    await newContext();
    const kiosk = await open('kiosk');
    await kiosk.getByRole('button', { name: /^Prawa jazdy/ }).click();
    await kiosk.getByRole('button', { name: 'Nie — zwykły bilet' }).click();
    const number = await ticketNumber(kiosk);
    const supervisor = await open('supervisor');
    await signIn(supervisor);
    await supervisor.getByRole('button', { name: 'Zamknij dzień' }).click();
    await supervisor.getByRole('button', { name: 'Tak, zamknij dzień' }).click();
    const dialog = supervisor.getByRole('dialog', { name: 'Potwierdź hasłem i kodem' });
    const code = dialog.getByLabel('Kod z aplikacji uwierzytelniającej');
    await dialog.getByLabel('Hasło').fill('not the password');
    // The app's code of this moment: with the wrong password it is never checked, so never used up.
    await code.fill(totpAt(TEST_TOTP_SECRET, Date.now()));
    await dialog.getByRole('button', { name: 'Potwierdź' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'Nieprawidłowy login lub hasło.' }).waitFor();
    expect(await axeViolations(supervisor), 'password and code dialog').toEqual([]);
    // The right password with a wrong code closes nothing either.
    await dialog.getByLabel('Hasło').fill(TEST_PASSWORD);
    await code.fill('000000');
    await dialog.getByRole('button', { name: 'Potwierdź' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'Kod jest nieprawidłowy' }).waitFor();
    await code.fill(await nextTotpCode(E2E_PERSON.login));
    await dialog.getByRole('button', { name: 'Potwierdź' }).click();
    await supervisor
      .getByRole('status')
      .filter({ hasText: /^Wygas/ })
      .waitFor();
    expect(await dialog.count()).toBe(0);
    const counter = await open('counter/1');
    await signIn(counter);
    expect(await counter.getByRole('row', { name: new RegExp(`^${number}\\b`) }).count()).toBe(0);
  });

  it('an admin adds an account; its one-time password is replaced at the first sign-in; a clerk is offered no account, device or day-closing controls', async () => {
    await newContext();
    const admin = await open('settings/accounts');
    await signIn(admin);
    await admin.getByLabel('Login').fill('jan');
    await admin.getByLabel('Imię i nazwisko').fill('Jan Kowalski');
    await admin.getByRole('button', { name: 'Dodaj konto' }).click();
    // Account changes are an admin's: the password and the authenticator code again.
    const dialog = admin.getByRole('dialog', { name: 'Potwierdź hasłem i kodem' });
    await dialog.getByLabel('Hasło').fill(TEST_PASSWORD);
    await dialog.getByLabel('Kod z aplikacji uwierzytelniającej').fill(await nextTotpCode(E2E_PERSON.login));
    await dialog.getByRole('button', { name: 'Potwierdź' }).click();
    const shown = admin.getByRole('status').filter({ hasText: 'Hasło jednorazowe dla jan:' });
    const oneTime = /jan: ([a-z2-9-]{19})\./.exec((await shown.textContent()) ?? '')?.[1] ?? '';
    expect(oneTime).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    const row = admin.getByRole('row', { name: /^jan Jan Kowalski/ });
    await expect.poll(() => row.textContent()).toContain('czeka na zmianę hasła');
    expect(await axeViolations(admin), '#/settings/accounts').toEqual([]);

    await admin.getByRole('button', { name: 'Wyloguj' }).click();
    await admin.getByRole('heading', { name: 'Zaloguj się' }).waitFor();
    await admin.getByLabel('Login').fill('jan');
    await admin.getByLabel('Hasło', { exact: true }).fill(oneTime);
    await admin.getByRole('button', { name: 'Zaloguj' }).click();
    await admin.getByRole('alert').filter({ hasText: 'To hasło jednorazowe. Ustaw teraz własne hasło.' }).waitFor();
    await admin.getByLabel('Nowe hasło').fill('długie nowe hasło 2026');
    await admin.getByRole('button', { name: 'Zaloguj' }).click();
    await admin.getByRole('region', { name: 'Zalogowano: Jan Kowalski' }).waitFor();
    // A clerk reads who manages the accounts instead of a form and a list the station would refuse.
    await admin
      .getByRole('main')
      .getByText(/^Kontami zarządza administrator\./)
      .waitFor();
    expect(await admin.getByRole('form', { name: 'Dodaj konto' }).count()).toBe(0);
    expect(await admin.getByRole('table', { name: 'Konta' }).count()).toBe(0);
    expect(await admin.getByRole('main').getByRole('button').count()).toBe(0);
    expect(await admin.getByRole('alert').count()).toBe(0);
    expect(await axeViolations(admin), '#/settings/accounts, a clerk').toEqual([]);

    // On the device screen the clerk sees the devices' state, and not one control.
    const devices = await open('settings/devices');
    await devices.getByRole('region', { name: 'Zalogowano: Jan Kowalski' }).waitFor();
    const main = devices.getByRole('main');
    await main.getByText(/^Urządzenia ustawia kierownik lub administrator\./).waitFor();
    await expect
      .poll(() => main.getByRole('listitem').filter({ hasText: 'Drukarka biletów' }).textContent())
      .toMatch(/^Drukarka biletów: .*gotowa/);
    expect(await main.getByRole('button').count()).toBe(0);
    expect(await main.getByRole('textbox').count()).toBe(0);
    expect(await axeViolations(devices), '#/settings/devices, a clerk').toEqual([]);

    // The overview is the clerk's to read; the daily close is not offered.
    const supervisor = await open('supervisor');
    await supervisor.getByRole('heading', { name: 'Podgląd kierownika' }).waitFor();
    await supervisor.getByText('Dzień zamyka kierownik lub administrator.').waitFor();
    expect(await supervisor.getByRole('button', { name: 'Zamknij dzień' }).count()).toBe(0);

    await admin.getByRole('button', { name: 'Wyloguj' }).click();
    await signIn(admin);
  });

  it('a new supervisor scans a QR code at the first sign-in, is shown recovery codes once, and signs in with one', async () => {
    await newContext();
    const admin = await open('settings/accounts');
    await signIn(admin);
    await admin.getByLabel('Login').fill('ewa');
    await admin.getByLabel('Imię i nazwisko').fill('Ewa Wiśniewska');
    const form = admin.getByRole('form', { name: 'Dodaj konto' });
    await form.getByRole('checkbox', { name: 'Urzędnik' }).uncheck();
    await form.getByRole('checkbox', { name: 'Kierownik' }).check();
    await admin.getByRole('button', { name: 'Dodaj konto' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Potwierdź hasłem i kodem' });
    await dialog.getByLabel('Hasło').fill(TEST_PASSWORD);
    await dialog.getByLabel('Kod z aplikacji uwierzytelniającej').fill(await nextTotpCode(E2E_PERSON.login));
    await dialog.getByRole('button', { name: 'Potwierdź' }).click();
    const shown = admin.getByRole('status').filter({ hasText: 'Hasło jednorazowe dla ewa:' });
    const oneTime = /ewa: ([a-z2-9-]{19})\./.exec((await shown.textContent()) ?? '')?.[1] ?? '';
    await admin.getByRole('button', { name: 'Wyloguj' }).click();
    await admin.getByRole('heading', { name: 'Zaloguj się' }).waitFor();

    await admin.getByLabel('Login').fill('ewa');
    await admin.getByLabel('Hasło', { exact: true }).fill(oneTime);
    await admin.getByRole('button', { name: 'Zaloguj' }).click();
    await admin.getByLabel('Nowe hasło').fill('hasło kierowniczki 2026');
    await admin.getByRole('button', { name: 'Zaloguj' }).click();
    // The app is added as a person would: the QR code, or the key typed into the app.
    await admin.getByRole('heading', { name: 'Dodaj aplikację uwierzytelniającą' }).waitFor();
    await admin.getByRole('img', { name: 'Kod QR do zeskanowania aplikacją uwierzytelniającą' }).waitFor();
    expect(await axeViolations(admin), 'enrolment').toEqual([]);
    const key = ((await admin.locator('.second-factor-secret').textContent()) ?? '').replace(/\s/g, '');
    expect(key).toMatch(/^[A-Z2-7]{32}$/);
    await admin.getByLabel('Kod z aplikacji uwierzytelniającej').fill(await nextTotpCode('ewa', key));
    await admin.getByRole('button', { name: 'Zaloguj' }).click();
    const codes = admin.getByRole('list', { name: 'Kody zapasowe' }).getByRole('listitem');
    await expect.poll(() => codes.count()).toBe(10);
    const recovery = ((await codes.first().textContent()) ?? '').trim();
    expect(await axeViolations(admin), 'recovery codes').toEqual([]);
    await admin.getByRole('button', { name: 'Zapisałem kody, dalej' }).click();
    await admin.getByRole('region', { name: 'Zalogowano: Ewa Wiśniewska' }).waitFor();

    // Without the phone, a recovery code signs her in, once.
    for (const expected of ['bar', 'refused'] as const) {
      await admin.getByRole('button', { name: 'Wyloguj' }).click();
      await admin.getByRole('heading', { name: 'Zaloguj się' }).waitFor();
      await admin.getByLabel('Login').fill('ewa');
      await admin.getByLabel('Hasło', { exact: true }).fill('hasło kierowniczki 2026');
      await admin.getByRole('button', { name: 'Zaloguj' }).click();
      await admin.getByLabel('Kod z aplikacji uwierzytelniającej').fill(recovery);
      await admin.getByRole('button', { name: 'Zaloguj' }).click();
      if (expected === 'bar') await admin.getByRole('region', { name: 'Zalogowano: Ewa Wiśniewska' }).waitFor();
      else await admin.getByRole('alert').filter({ hasText: 'Kod jest nieprawidłowy' }).waitFor();
    }
    await signIn(admin);
  });

  it('a TV on another machine pairs with a code from the device screen and shows the board, and nothing else', async () => {
    await newContext();
    const tv = await openPage(context, `${otherMachineUrl()}#/pair`, 'tv');
    await tv.getByRole('heading', { name: 'Sparuj ten ekran' }).waitFor();
    expect(await axeViolations(tv), '#/pair').toEqual([]);
    await tv.getByLabel('Kod (6 cyfr)').fill('123456');
    await tv.getByRole('button', { name: 'Sparuj' }).click();
    await tv.getByRole('alert').filter({ hasText: 'Kod jest błędny albo stracił ważność.' }).waitFor();

    const admin = await open('settings/devices');
    await signIn(admin);
    const code = await pairingCode(admin, 'Kod dla tablicy w poczekalni');

    await tv.getByLabel('Kod (6 cyfr)').fill(code);
    await tv.getByRole('button', { name: 'Sparuj' }).click();
    await tv.getByRole('heading', { name: 'Teraz zapraszamy' }).waitFor({ timeout: 20_000 });
    // What a paired board may and may not ask is the host's integration test (test/integration/host).
    expect(await axeViolations(tv), 'paired board').toEqual([]);
  });

  it("a customer screen on another machine pairs for its counter and opens that counter's screen", async () => {
    await newContext();
    const admin = await open('settings/devices');
    await signIn(admin);
    // Without the counter's number there is no code, and the screen says what to type.
    await admin.getByRole('button', { name: 'Kod dla ekranu klienta' }).click();
    await admin.getByRole('alert').filter({ hasText: 'Wpisz numer stanowiska' }).waitFor();
    expect(await axeViolations(admin), 'counter number missing').toEqual([]);
    await admin.getByLabel('Numer stanowiska dla ekranu klienta').fill('4');
    const code = await pairingCode(admin, 'Kod dla ekranu klienta');
    await admin.getByRole('status').filter({ hasText: 'ekran klienta przy stanowisku 4' }).waitFor();

    // Its own browser, as on a thin client (a cookie of its own).
    const thinClient = await station.browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const screen = await openPage(thinClient, `${otherMachineUrl()}#/pair`, 'customer-screen');
      await screen.getByLabel('Kod (6 cyfr)').fill(code);
      await screen.getByRole('button', { name: 'Sparuj' }).click();
      await screen.getByRole('heading', { name: 'Stanowisko 4' }).waitFor({ timeout: 20_000 });
      expect(new URL(screen.url()).hash).toBe('#/customer/4');
      // Which counter's visitor it may see is the host's integration test (test/integration/host).
      expect(await axeViolations(screen), 'paired customer screen').toEqual([]);
    } finally {
      await thinClient.close();
    }
    await admin.reload();
    await admin.getByRole('listitem').filter({ hasText: 'Ekran klienta — stanowisko 4' }).waitFor();
  });

  it('every screen passes the automated WCAG 2.2 AA checks', async () => {
    await newContext();
    // The sign-in and the lock first: what a clerk sees before the counter.
    const personal = await open('counter/1');
    await signIn(personal);
    await personal.getByRole('button', { name: 'Zablokuj ekran (Alt+L)' }).click();
    await personal.getByRole('heading', { name: 'Ekran zablokowany' }).waitFor();
    expect(await axeViolations(personal), 'lock screen').toEqual([]);
    await personal.getByLabel('Hasło').fill(TEST_PASSWORD);
    await personal.getByRole('button', { name: 'Odblokuj' }).click();
    await personal.getByRole('button', { name: 'Wyloguj' }).click();
    await personal.getByRole('heading', { name: 'Zaloguj się' }).waitFor();
    expect(await axeViolations(personal), 'sign-in').toEqual([]);
    await signIn(personal);
    for (const route of ['kiosk', 'counter/1', 'board', 'supervisor', '']) {
      const page = await open(route);
      await page.waitForLoadState('networkidle');
      await page.locator('main:not([aria-busy])').first().waitFor();
      expect(await axeViolations(page), `#/${route}`).toEqual([]);
    }
  });
});
