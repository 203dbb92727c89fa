/**
 * The public booking page as a resident meets it: the hub's own address on a phone, nothing
 * installed, no sign-in. The hub holds the demo office (its identity cards and residence services
 * have availability rules), pushed by a signed-in admin's workstation as the set-up screen would.
 * A resident books a slot by role and name, gets the code and the calendar file, opens the manage
 * link, moves the booking and cancels it; a slot taken by someone else in between is said in words
 * and another picked; a lost connection keeps what was typed; the whole flow once by keyboard
 * alone. axe at 100 % and 200 % zoom on every page, no horizontal scrolling at 320 CSS px, targets
 * of 44 px.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WireDocument } from '../../electron/common/contract/hub';
import type { Booking, BookingCreated, Slots } from '../../electron/common/contract/public';
import { demoConfiguration } from '../../electron/common/domain/demo-office';
import { officeTime } from '../../electron/common/domain/office-time';
import {
  createHubDatabase,
  enrolSignedIn,
  hubClient,
  startHubProcess,
  type HubDatabase,
  type HubProcess,
} from '../support/hub-process';
import { icsLines } from '../support/ics';
import { expectPhonePageAccessible, openPage, screenshotIfFailed } from '../support/pages';
import { artifactsDir, launchChromium } from '../support/processes';

const ZONE = 'Europe/Warsaw';
const PHONE = { width: 390, height: 844 } as const;

let database: HubDatabase;
let hub: HubProcess;
let browser: Browser;
let phone: BrowserContext;
let desk: BrowserContext;
let shots: string;

beforeAll(async () => {
  database = await createHubDatabase('pglite');
  // No per-address limit: every request of this test comes from 127.0.0.1 (the limit has its own tests).
  [hub, browser] = await Promise.all([
    startHubProcess(database, { env: { OKIENKO_HUB_PUBLIC_RATE: '0' } }),
    launchChromium(),
  ]);
  const admin = hubClient(hub.url, await enrolSignedIn(database, hub.url, 'stanowisko-admin'));
  const { office, services } = demoConfiguration();
  const row = (document: object) => ({
    newDocumentState: { ...document, updatedAt: 1, _deleted: false } as unknown as WireDocument,
  });
  await admin.push('office', [row(office)]);
  await admin.push('services', services.map(row));
  phone = await browser.newContext({ viewport: PHONE, hasTouch: true, timezoneId: ZONE, acceptDownloads: true });
  desk = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: ZONE });
  shots = await artifactsDir('e2e');
}, 90_000);

afterEach(async (test) => {
  await screenshotIfFailed(test, phone, shots);
  await screenshotIfFailed(test, desk, shots);
});

afterAll(async () => {
  await browser?.close();
  await hub?.kill('SIGTERM').catch(() => undefined);
  await database?.remove();
});

/** axe at 100/200 %, 320 px, 44 px targets (test/support/pages.ts), back to the phone's size after. */
function expectAccessible(page: Page, label: string): Promise<void> {
  return expectPhonePageAccessible(page, label, { targets: 'button, a.booking-link-button', after: PHONE });
}

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });
/** The choices of a page (services, days, times): the buttons of its list. */
const choices = (page: Page) => page.getByRole('list').getByRole('button');

async function waitForChoices(page: Page, title: string): Promise<Locator> {
  await heading(page, title).waitFor();
  await choices(page).first().waitFor();
  return choices(page);
}

/** The six-digit code and the manage key the confirmation shows. */
async function confirmation(page: Page): Promise<{ code: string; key: string; link: string }> {
  await heading(page, 'Wizyta zarezerwowana').waitFor();
  const code = (await page.getByText(/^\d{6}$/).textContent())!;
  const link = (await page.getByRole('link', { name: /#\/booking\/\d{6}-/ }).textContent())!;
  const match = /#\/booking\/(\d{6})-([A-Z0-9]{10})$/.exec(link);
  expect(match?.[1], link).toBe(code);
  return { code, key: match![2]!, link };
}

async function bookingAtHub(code: string, key: string): Promise<Booking> {
  const response = await fetch(`${hub.url}api/v1/public/bookings/${code}?key=${key}`);
  expect(response.status).toBe(200);
  return (await response.json()) as Booking;
}

const utc = (at: number) =>
  new Date(at)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** The day picked on the day page, as its button names it ("poniedziałek, 7 grudnia 2026, …"). */
async function pickDay(page: Page, which: 'first' | 'last'): Promise<string> {
  const days = await waitForChoices(page, 'Wybierz dzień');
  const day = which === 'first' ? days.first() : days.last();
  const name = (await day.textContent())!;
  await day.click();
  return name;
}

/** Picks the time page's first time (or the first other than `not`); resolves to it, `HH:MM`. */
async function pickTime(page: Page, not?: string): Promise<string> {
  const times = await waitForChoices(page, 'Wybierz godzinę');
  const names = await times.allTextContents();
  const index = names.findIndex((name) => !not || !name.startsWith(not));
  await times.nth(index).click();
  return names[index]!.slice(0, 5);
}

describe('the public booking page, served by the hub', () => {
  it('books a visit on a phone, gives the code and the calendar file, then moves and cancels it', async () => {
    const page = await openPage(phone, `${hub.url}#/booking`);
    await waitForChoices(page, 'W jakiej sprawie chcesz się umówić?');
    expect(await choices(page).allTextContents()).toEqual(['Dowody osobiste', 'Meldunki (Ewidencja Ludności)']);
    await page.getByText('Urząd Miasta').first().waitFor();
    await expectAccessible(page, 'services');
    // Ukrainian and English a tap away, Polish first.
    await page.getByRole('button', { name: 'Українська' }).click();
    await heading(page, 'З якої справи ви хочете записатися?').waitFor();
    await page.getByRole('button', { name: 'Посвідчення особи' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('uk');
    await page.getByRole('button', { name: 'English' }).click();
    await heading(page, 'What do you want to book a visit for?').waitFor();
    await page.getByRole('button', { name: 'Polski' }).click();
    await page.getByRole('button', { name: 'Dowody osobiste' }).click();

    await waitForChoices(page, 'Wybierz dzień');
    expect(await choices(page).first().textContent()).toMatch(/\d+ woln(a|e|ych) godzin/);
    await page.screenshot({ path: path.join(shots, 'booking-days.png'), fullPage: true });
    await expectAccessible(page, 'days');
    // Two weeks on and back again.
    await page.getByRole('button', { name: 'Następne dwa tygodnie' }).click();
    await page.getByRole('button', { name: 'Poprzednie dwa tygodnie' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Poprzednie dwa tygodnie' }).count()).toBe(0);
    const day = await pickDay(page, 'first');

    await waitForChoices(page, 'Wybierz godzinę');
    await page.getByText(day.split(',').slice(0, 2).join(',')).waitFor();
    await page.screenshot({ path: path.join(shots, 'booking-times.png'), fullPage: true });
    await expectAccessible(page, 'times');
    const time = await pickTime(page);

    await heading(page, 'Twoje dane').waitFor();
    await page.getByText('Do niczego innego ich nie użyjemy.', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Dalej' }).click();
    await page.getByRole('alert').filter({ hasText: 'Wpisz imię i nazwisko' }).waitFor();
    await page.screenshot({ path: path.join(shots, 'booking-details-problem.png'), fullPage: true });
    await expectAccessible(page, 'details with a problem');
    await page.getByLabel('Imię i nazwisko').fill('Jan Kowalski');
    await page.getByLabel('Numer telefonu').fill('600 123 456');
    await page.getByRole('button', { name: 'Dalej' }).click();

    await heading(page, 'Sprawdź, zanim zarezerwujesz').waitFor();
    await page.getByText(`godz. ${time}`).waitFor();
    await page.getByText('Jan Kowalski').waitFor();
    await page.screenshot({ path: path.join(shots, 'booking-check.png'), fullPage: true });
    await expectAccessible(page, 'check');
    await page.getByRole('button', { name: 'Zarezerwuj' }).click();

    const { code, key, link } = await confirmation(page);
    expect(link).toBe(`${hub.url.replace(/\/$/, '')}/#/booking/${code}-${key}`);
    await page.getByText('Podaj ten kod w kiosku, kiedy przyjdziesz do urzędu.').waitFor();
    await page.getByText('ul. Przykładowa 1, 00-950 Warszawa').waitFor();
    await page.getByText(/Zachowaj ten link/).waitFor();
    await page.screenshot({ path: path.join(shots, 'booking-confirmation.png'), fullPage: true });
    await expectAccessible(page, 'confirmation');
    const booked = await bookingAtHub(code, key);
    expect([booked.time, booked.state, booked.name]).toEqual([time, 'booked', 'Jan Kowalski']);
    expect(officeTime(booked.day, time, ZONE)).toBe(booked.at);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Pobierz plik do kalendarza (.ics)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`wizyta-${code}.ics`);
    const calendar = icsLines(await readFile((await download.path())!, 'utf8'));
    expect(calendar.get('DTSTART')).toBe(utc(booked.at));

    // The manage link, opened later (another tab): the booking, then another time.
    const manage = await openPage(phone, link);
    await heading(manage, 'Twoja wizyta').waitFor();
    await manage.getByText(code).waitFor();
    await manage.getByText('zarezerwowana').waitFor();
    await manage.screenshot({ path: path.join(shots, 'booking-manage.png'), fullPage: true });
    await expectAccessible(manage, 'manage');
    await manage.getByRole('button', { name: 'Zmień termin' }).click();
    // Its own day first: the booked time has one place left of two, and says so.
    await pickDay(manage, 'first');
    await manage.getByRole('button', { name: new RegExp(`^${time}\\W+ostatnie wolne miejsce$`) }).waitFor();
    await manage.getByRole('button', { name: 'Wstecz' }).click();
    await pickDay(manage, 'last');
    const later = await pickTime(manage, time);
    await heading(manage, 'Zmienić termin wizyty?').waitFor();
    await expectAccessible(manage, 'move check');
    await manage.getByRole('button', { name: 'Tak, zmień termin' }).click();
    await heading(manage, 'Termin zmieniony').waitFor();
    await manage.getByText(`Kod wizyty się nie zmienia: ${code}.`, { exact: false }).waitFor();
    await expectAccessible(manage, 'moved');
    const moved = await bookingAtHub(code, key);
    expect([moved.time, moved.state]).toEqual([later, 'booked']);
    expect(moved.day > booked.day).toBe(true);

    await manage.getByRole('button', { name: 'Wróć do wizyty' }).click();
    await manage.getByRole('button', { name: 'Odwołaj wizytę' }).click();
    await heading(manage, 'Czy na pewno odwołać wizytę?').waitFor();
    await expectAccessible(manage, 'cancel check');
    await manage.getByRole('button', { name: 'Tak, odwołaj wizytę' }).click();
    await heading(manage, 'Wizyta odwołana').waitFor();
    await expectAccessible(manage, 'cancelled');
    expect((await bookingAtHub(code, key)).state).toBe('cancelled');

    // Opened again, the link shows the cancelled booking with nothing to change.
    await manage.reload();
    await manage.getByText('odwołana').first().waitFor();
    expect(await manage.getByRole('button', { name: 'Odwołaj wizytę' }).count()).toBe(0);
    await page.close();
    await manage.close();
  });

  it('says plainly that a link names no booking, a wrong key as an unknown code', async () => {
    for (const segment of ['123456-ABCDEFGHJK', 'zgadywanka']) {
      const page = await openPage(phone, `${hub.url}#/booking/${segment}`);
      await heading(page, 'Nie znaleźliśmy takiej rezerwacji.').waitFor();
      await page.getByText(/Sprawdź, czy link jest cały/).waitFor();
      if (segment === 'zgadywanka') await expectAccessible(page, 'unknown');
      await page.close();
    }
  });

  it('says a slot taken meanwhile in words, lets another be picked, and keeps what was typed offline', async () => {
    const page = await openPage(phone, `${hub.url}#/booking`);
    await waitForChoices(page, 'W jakiej sprawie chcesz się umówić?');
    await page.getByRole('button', { name: 'Meldunki (Ewidencja Ludności)' }).click();
    await pickDay(page, 'first');
    const times = await waitForChoices(page, 'Wybierz godzinę');
    const first = (await times.first().textContent())!.slice(0, 5);
    await times.first().click();

    // Someone else takes every place left of that slot (the earliest free one) through the hub's public route.
    const slotsAnswer = await fetch(`${hub.url}api/v1/public/slots?service=residence&days=14`);
    const slot = ((await slotsAnswer.json()) as Slots).slots[0]!;
    expect(slot.time).toBe(first);
    for (let place = 0; place < slot.left; place++) {
      const taken = await fetch(`${hub.url}api/v1/public/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ service: 'residence', at: slot.at, name: 'Ktoś Inny' }),
      });
      expect(((await taken.json()) as BookingCreated).code).toMatch(/^\d{6}$/);
    }

    await page.getByLabel('Imię i nazwisko').fill('Anna Nowak');
    await page.getByLabel('Adres e-mail').fill('anna@example.pl');
    await page.getByRole('button', { name: 'Dalej' }).click();
    await page.getByRole('button', { name: 'Zarezerwuj' }).click();
    await page.getByRole('alert').filter({ hasText: 'Ktoś właśnie zajął ten termin. Wybierz inny.' }).waitFor();
    const fresh = await waitForChoices(page, 'Wybierz godzinę');
    expect((await fresh.allTextContents()).some((name) => name.startsWith(first))).toBe(false);
    await page.screenshot({ path: path.join(shots, 'booking-slot-taken.png'), fullPage: true });
    await expectAccessible(page, 'slot taken');
    const other = await pickTime(page);

    // What was typed is kept; the connection drops at "Zarezerwuj": said, kept, sent again.
    expect(await page.getByLabel('Imię i nazwisko').inputValue()).toBe('Anna Nowak');
    await page.getByRole('button', { name: 'Dalej' }).click();
    await heading(page, 'Sprawdź, zanim zarezerwujesz').waitFor();
    await page.getByText(`godz. ${other}`).waitFor();
    await phone.setOffline(true);
    await page.getByRole('button', { name: 'Zarezerwuj' }).click();
    await page.getByRole('alert').filter({ hasText: 'To, co wpisano, jest zachowane' }).waitFor();
    await page.getByText('anna@example.pl').waitFor();
    await phone.setOffline(false);
    await page.getByRole('button', { name: 'Zarezerwuj' }).click();
    const { code, key } = await confirmation(page);
    expect((await bookingAtHub(code, key)).time).toBe(other);
    await page.close();
  });

  it('books, moves and cancels with the keyboard alone', async () => {
    const page = await openPage(desk, `${hub.url}#/booking`);
    /** Presses Tab until `target` has the focus, then `key`. */
    const reach = async (target: Locator, key = 'Enter') => {
      await target.waitFor();
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        if (await target.evaluate((element) => element === document.activeElement)) {
          if (key) await page.keyboard.press(key);
          return;
        }
      }
      throw new Error(`could not reach ${target.toString()} with Tab`);
    };
    await waitForChoices(page, 'W jakiej sprawie chcesz się umówić?');
    await reach(page.getByRole('button', { name: 'Dowody osobiste' }));
    await reach((await waitForChoices(page, 'Wybierz dzień')).first());
    const times = await waitForChoices(page, 'Wybierz godzinę');
    const time = (await times.first().textContent())!.slice(0, 5);
    await reach(times.first(), ' ');
    await heading(page, 'Twoje dane').waitFor();
    await reach(page.getByLabel('Imię i nazwisko'), '');
    await page.keyboard.type('Ewa Wiśniewska');
    await reach(page.getByRole('button', { name: 'Dalej' }));
    await heading(page, 'Sprawdź, zanim zarezerwujesz').waitFor();
    await reach(page.getByRole('button', { name: 'Zarezerwuj' }));
    const { code, key } = await confirmation(page);
    expect((await bookingAtHub(code, key)).name).toBe('Ewa Wiśniewska');

    await reach(page.getByRole('link', { name: /#\/booking\/\d{6}-/ }));
    await heading(page, 'Twoja wizyta').waitFor();
    await reach(page.getByRole('button', { name: 'Zmień termin' }));
    await reach((await waitForChoices(page, 'Wybierz dzień')).last());
    const later = await waitForChoices(page, 'Wybierz godzinę');
    const names = await later.allTextContents();
    await reach(later.nth(names.findIndex((name) => !name.startsWith(time))));
    await reach(page.getByRole('button', { name: 'Tak, zmień termin' }));
    await heading(page, 'Termin zmieniony').waitFor();
    await reach(page.getByRole('button', { name: 'Wróć do wizyty' }));
    await reach(page.getByRole('button', { name: 'Odwołaj wizytę' }));
    await heading(page, 'Czy na pewno odwołać wizytę?').waitFor();
    await reach(page.getByRole('button', { name: 'Tak, odwołaj wizytę' }));
    await heading(page, 'Wizyta odwołana').waitFor();
    expect((await bookingAtHub(code, key)).state).toBe('cancelled');
    await page.close();
  });
});
