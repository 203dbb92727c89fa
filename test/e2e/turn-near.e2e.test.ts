/**
 * "Your turn is near" at the kiosk, end to end: a kiosk workstation (browser host, kiosk token)
 * with an office hub whose SMTP server is a real one in this process (test/support/smtp-sink.ts).
 * After the ticket the kiosk asks; the visitor, by keyboard alone, types an address (first a wrong
 * one: said plainly, nothing lost), consents, and the step confirms; the hub sends the e-mail at
 * once (nobody is ahead). axe at 100 % and 200 % zoom. With the hub stopped the kiosk still issues
 * tickets but does not offer the step: it promises nothing it cannot keep.
 */
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_OFFICE, DEMO_SERVICES } from '../../electron/common/domain/demo-office';
import {
  createHubDatabase,
  createToken,
  enrolSignedIn,
  hubClient,
  OFFICE_USER,
  startHubProcess,
  type HubDatabase,
  type HubProcess,
} from '../support/hub-process';
import { axeViolations, openPage, screenshotIfFailed, ticketNumber } from '../support/pages';
import { artifactsDir, launchChromium, startHost, tempDir, type Host } from '../support/processes';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';

const KIOSK = { width: 1280, height: 900 } as const;
const ZOOMED = { width: 640, height: 450 } as const;
const QUESTION = 'Chcesz, żebyśmy dali znać e-mailem, gdy Twoja kolej będzie blisko?';

let dir: Awaited<ReturnType<typeof tempDir>>;
let database: HubDatabase;
let hub: HubProcess;
let mail: SmtpSink;
let kioskHost: Host;
let browser: Browser;
let context: BrowserContext;
let shots: string;

beforeAll(async () => {
  [dir, database, mail] = await Promise.all([tempDir('e2e-turn-near'), createHubDatabase('pglite'), startSmtpSink()]);
  hub = await startHubProcess(database, {
    env: {
      OKIENKO_SMTP_URL: mail.url,
      OKIENKO_SMTP_FROM: 'Urząd <okienko@urzad.test>',
      OKIENKO_OUTBOX_POLL_MS: '500',
    },
  });
  // The office's set-up reaches the hub from an admin's counter; the kiosk gets it by sync.
  const admin = hubClient(hub.url, await enrolSignedIn(database, hub.url, 'stanowisko-1', OFFICE_USER));
  const now = Date.now();
  const insert = (document: object) => ({ newDocumentState: { ...document, _deleted: false } as never });
  await admin.push('office', [insert({ ...DEMO_OFFICE, updatedAt: now })]);
  await admin.push(
    'services',
    DEMO_SERVICES.map((service) => insert({ ...service, updatedAt: now })),
  );
  kioskHost = await startHost({
    dataDir: path.join(dir.path, 'kiosk'),
    demo: false,
    args: ['--hub', hub.url],
    env: { OKIENKO_HUB_TOKEN: await createToken(database, 'kiosk-parter', 'kiosk') },
  });
  browser = await launchChromium();
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
  await mail?.close();
  await database?.remove();
  await dir?.remove();
});

/** Buttons and fields shown smaller than a kiosk's 72 × 72 px, by their text. */
function smallKioskTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('button, input')]
      .map((target) => ({ target, box: target.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && (box.width < 72 || box.height < 72))
      .map(({ target }) => target.textContent || target.outerHTML.slice(0, 80)),
  );
}

/** axe at 100 % and 200 % zoom, every target at least 72 px, no sideways scrolling. */
async function expectAccessible(page: Page, label: string): Promise<void> {
  for (const [zoom, size] of [
    ['100 %', KIOSK],
    ['200 %', ZOOMED],
  ] as const) {
    await page.setViewportSize(size);
    expect(await axeViolations(page), `${label} at ${zoom}`).toEqual([]);
    expect(await smallKioskTargets(page), `${label}: targets under 72 px at ${zoom}`).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.width);
  }
  await page.setViewportSize(KIOSK);
}

async function takeTicket(kiosk: Page): Promise<string> {
  await kiosk.getByRole('button', { name: /^Dowody osobiste/ }).click();
  await kiosk.getByRole('button', { name: 'Nie — zwykły bilet' }).click();
  return ticketNumber(kiosk);
}

describe('"your turn is near" at the kiosk', () => {
  it('offered after the ticket; an address typed by keyboard, consent, confirmed; the e-mail goes', async () => {
    const kiosk = await openPage(context, `${kioskHost.url}#/kiosk`, 'kiosk');
    const number = await takeTicket(kiosk);
    const question = kiosk.getByRole('region', { name: QUESTION });
    await question.waitFor({ timeout: 15_000 });
    await expect
      .poll(() => question.textContent())
      .toContain('Wyślemy jedną wiadomość, gdy przed Tobą zostaną 3 osoby.');
    await expectAccessible(kiosk, 'ticket with the question');

    await question.getByRole('button', { name: 'Tak, powiadom mnie' }).focus();
    await kiosk.keyboard.press('Enter');
    await kiosk.getByRole('heading', { level: 1, name: 'Powiadomienie, gdy Twoja kolej będzie blisko' }).waitFor();
    await kiosk.getByText(`Twój numer: ${number}`).waitFor();
    // From the heading, the field is the next stop; a half-typed address is refused, and kept.
    await kiosk.keyboard.press('Tab');
    await kiosk.keyboard.type('anna@');
    await kiosk.keyboard.press('Tab');
    await kiosk.keyboard.press('Space');
    await kiosk.keyboard.press('Tab');
    await kiosk.keyboard.press('Enter');
    const field = kiosk.getByRole('textbox', { name: 'Adres e-mail' });
    await kiosk.getByRole('alert').filter({ hasText: 'Wpisz adres e-mail, np. jan@example.pl.' }).waitFor();
    expect(await field.inputValue()).toBe('anna@');
    expect(await kiosk.evaluate(() => document.activeElement?.id)).toBe('turn-near-recipient');
    await expectAccessible(kiosk, 'contact form with a problem');
    await kiosk.screenshot({ path: path.join(shots, 'kiosk-turn-near-form.png') });

    await kiosk.keyboard.press('End');
    await kiosk.keyboard.type('example.');
    // The rest on the screen's own keys, as on a kiosk with no keyboard.
    const keys = kiosk.getByRole('group', { name: 'Klawiatura na ekranie' });
    await keys.getByRole('button', { name: 'p', exact: true }).click();
    await keys.getByRole('button', { name: 'l', exact: true }).click();
    expect(await field.inputValue()).toBe('anna@example.pl');
    await kiosk.getByRole('button', { name: 'Powiadom mnie' }).focus();
    await kiosk.keyboard.press('Enter');
    await kiosk.getByRole('heading', { level: 1, name: 'Gotowe — damy znać' }).waitFor();
    await kiosk.getByRole('status').filter({ hasText: 'Wyślemy e-mail na adres a…@example.pl.' }).waitFor();
    await expectAccessible(kiosk, 'confirmation');

    await vi.waitFor(() => expect(mail.to('anna@example.pl')).toHaveLength(1), { timeout: 20_000, interval: 200 });
    expect(mail.to('anna@example.pl')[0]!.text).toContain(`Bilet ${number} jest następny w kolejce.`);
    await kiosk.getByRole('button', { name: 'Gotowe', exact: true }).click();
    await kiosk.getByRole('heading', { level: 1, name: 'W jakiej sprawie przychodzisz?' }).waitFor();
  }, 90_000);

  it('with the hub stopped, the ticket is issued but nothing is offered', async () => {
    await hub.kill('SIGTERM');
    const kiosk = await openPage(context, `${kioskHost.url}#/kiosk`, 'kiosk offline');
    expect(await takeTicket(kiosk)).toMatch(/^C\d+$/);
    // Longer than the kiosk waits for the hub's offer.
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expect(await kiosk.getByRole('region', { name: QUESTION }).count()).toBe(0);
    expect(await kiosk.getByRole('button', { name: 'Tak, powiadom mnie' }).count()).toBe(0);
  }, 60_000);
});
