/**
 * What e2e tests do on a page the way a person would: open it, read the ticket number off the
 * kiosk, sign in, open a counter, and run axe's WCAG 2.2 AA rules.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { nextTotpCode, TEST_PASSWORD } from './accounts';

const require = createRequire(import.meta.url);

/** A new page in `context` at `url`; an uncaught error in the page is logged under `label`. */
export async function openPage(context: BrowserContext, url: string, label = url): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[${label}] page error:`, error.message));
  await page.goto(url);
  return page;
}

/** The number on the kiosk's ticket screen, read from its heading ("Twój numer C1"). */
export async function ticketNumber(kiosk: Page): Promise<string> {
  const heading = kiosk.getByRole('heading', { level: 1, name: /Twój numer/ });
  await heading.waitFor();
  const match = /([A-Z]\d+)\s*$/.exec((await heading.textContent()) ?? '');
  if (!match?.[1]) throw new Error(`no number in heading: ${await heading.textContent()}`);
  return match[1];
}

/**
 * A visitor at the kiosk takes a plain ticket for the service whose button starts with `service`;
 * resolves to its number. The previous visitor's ticket may still be on the screen (it goes back to
 * the start by itself only after a while): "Gotowe" first, as the next visitor would press.
 */
export async function takeTicketAt(kiosk: Page, service: string): Promise<string> {
  const done = kiosk.getByRole('button', { name: 'Gotowe', exact: true });
  if (await done.isVisible()) await done.click();
  await kiosk.getByRole('button', { name: new RegExp(`^${service}`) }).click();
  await kiosk.getByRole('button', { name: 'Nie — zwykły bilet' }).click();
  return ticketNumber(kiosk);
}

/** The person every e2e workstation has an account for: a one-person office's clerk, supervisor and admin. */
export const E2E_PERSON = {
  login: 'anna',
  displayName: 'Anna Nowak',
  roles: ['clerk', 'supervisor', 'admin'],
} as const;

/**
 * Signs in on a personal screen (counter, supervisor, devices) as a person would: login, password,
 * "Zaloguj". A workstation has one person at a time, so a page of a workstation someone is already
 * signed in at shows their bar instead, and nothing is typed.
 */
export async function signIn(page: Page, login: string = E2E_PERSON.login, password = TEST_PASSWORD): Promise<void> {
  const form = page.getByRole('heading', { name: 'Zaloguj się' });
  const bar = page.getByRole('region', { name: /^Zalogowano:/ });
  await form.or(bar).first().waitFor();
  if (await bar.isVisible()) return;
  await page.getByLabel('Login').fill(login);
  await page.getByLabel('Hasło', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Zaloguj' }).click();
  // A supervisor or an admin is asked for the code of their authenticator app next.
  const code = page.getByLabel('Kod z aplikacji uwierzytelniającej');
  await bar.or(code).first().waitFor();
  // A code the hub saw used already (the test made one for this person elsewhere) is refused: the
  // app shows the next one, as a person would wait for it.
  const refused = page.getByRole('alert').filter({ hasText: 'Kod jest nieprawidłowy' });
  for (let attempt = 0; attempt < 3 && (await code.isVisible()); attempt++) {
    await code.fill(await nextTotpCode(login));
    await page.getByRole('button', { name: 'Zaloguj' }).click();
    const signedIn = await bar.waitFor({ timeout: 5_000 }).then(
      () => true,
      () => false,
    );
    if (signedIn || !(await refused.isVisible())) break;
  }
  await bar.waitFor();
}

/** Signs in at a counter's screen and opens the counter for that person. */
export async function openCounter(page: Page, login: string = E2E_PERSON.login): Promise<void> {
  await signIn(page, login);
  await page.getByRole('button', { name: 'Otwórz stanowisko' }).click();
  await page.getByText('Stanowisko otwarte').waitFor();
}

let axeCode: string | null = null;
async function axeSource(): Promise<string> {
  axeCode ??= await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  return axeCode;
}

/** axe-core's WCAG 2.0–2.2 A/AA violations on the page as it is now, one line each. */
export async function axeViolations(page: Page): Promise<string[]> {
  // evaluate() runs through the DevTools protocol, so the page's strict CSP does not block it; once
  // per document (a test that checks every step of a walk would otherwise parse axe each time).
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(await axeSource());
  const results = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            context: Document,
            options: object,
          ) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    return axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
  });
  return results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
}

/** After a failed test: a screenshot of every page still open, named after the test. */
export async function screenshotIfFailed(
  test: { task: { name: string; result?: { state?: string } | undefined } },
  context: BrowserContext | undefined,
  shots: string,
): Promise<boolean> {
  if (test.task.result?.state !== 'fail') return false;
  for (const [index, page] of (context?.pages() ?? []).entries()) {
    await page
      .screenshot({ path: path.join(shots, `failed-${test.task.name.replace(/\W+/g, '-')}-${index}.png`) })
      .catch(() => undefined);
  }
  return true;
}

/** What a person touches (the elements matching `selector`, shown) that is under 44 × 44 px, by its text. */
export async function smallTargets(page: Page, selector: string): Promise<string[]> {
  return page.evaluate(
    (targets) =>
      [...document.querySelectorAll(targets)]
        .map((element) => ({ element, box: element.getBoundingClientRect() }))
        .filter(({ box }) => box.width > 0 && (box.height < 44 || box.width < 44))
        .map(({ element }) => element.textContent || element.outerHTML.slice(0, 80)),
    selector,
  );
}

/**
 * A page a resident opens on a phone: axe at 100 % and at 200 % zoom (a 1280 × 900 window at half
 * its CSS size), no horizontal scrolling at 320 CSS px, every one of `targets` at least 44 × 44 px;
 * then back to the phone's size `after`.
 */
/** axe at 100 % and 200 % zoom (a 1280 × 900 window, then at half its CSS size); the window stays at 200 %. */
export async function expectAxeAtBothZooms(page: Page, label: string): Promise<void> {
  for (const [zoom, size] of [
    ['100 %', { width: 1280, height: 900 }],
    ['200 %', { width: 640, height: 450 }],
  ] as const) {
    await page.setViewportSize(size);
    expect(await axeViolations(page), `${label} at ${zoom}`).toEqual([]);
  }
}

export async function expectPhonePageAccessible(
  page: Page,
  label: string,
  options: { readonly targets: string; readonly after: { width: number; height: number } },
): Promise<void> {
  await expectAxeAtBothZooms(page, label);
  await page.setViewportSize({ width: 320, height: 640 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${label}: 320 px`).toBeLessThanOrEqual(320);
  expect(await smallTargets(page, options.targets), `${label}: targets under 44 px`).toEqual([]);
  await page.setViewportSize(options.after);
}
