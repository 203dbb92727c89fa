/**
 * The supervisor's reports (issue 13) as an office uses them: a supervisor's workstation (the
 * browser host) enrolled at a real office hub holding the demo office and four of today's tickets
 * with known waits — two served, one missed, one that left. Signed in as the supervisor, from the
 * overview's "Raporty" by keyboard: today's figures computed by the hub, the wait chart's table in
 * minutes, a CSV file read back with papaparse (BOM, semicolons, Polish letters, seconds), the PDF
 * read back with pdftotext (the figures, the notice that staff know they are measured), axe at
 * 100 % and 200 % zoom and no horizontal scrolling at 320 CSS px. Then with the hub stopped: today's
 * figures from the workstation's own copy, saying plainly that is what they are.
 *
 * The tickets are written into the hub's database before it starts (as the report's integration
 * tests do): their waits are minutes long, which tickets served through the UI in a test are not.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import Papa from 'papaparse';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoConfiguration } from '../../electron/common/domain/demo-office';
import { officeDay } from '../../electron/common/domain/office-time';
import type { Ticket, TicketEvent, TicketState } from '../../electron/common/domain/ticket';
import { hourIn } from '../../electron/common/reports/today-report';
import {
  addReadyUser,
  createHubDatabase,
  createToken,
  startHubProcess,
  type HubDatabase,
  type HubProcess,
} from '../support/hub-process';
import { axeViolations, openPage, screenshotIfFailed, signIn } from '../support/pages';
import { artifactsDir, launchChromium, startHost, tempDir, type Host } from '../support/processes';
import { seedDocuments } from '../support/report-office';

const run = promisify(execFile);
const ZONE = 'Europe/Warsaw';
const DESK = { width: 1280, height: 900 } as const;
const SUPERVISOR = 'kierownik';
const MIN = 60_000;
const NOTICE = 'Pracownicy zostali poinformowani, że ich praca jest mierzona';

let dir: Awaited<ReturnType<typeof tempDir>>;
let database: HubDatabase;
let hub: HubProcess;
let host: Host;
let browser: Browser;
let context: BrowserContext;
let shots: string;

const NOW = Date.now();
const TODAY = officeDay(NOW, ZONE);
const ago = (minutes: number) => NOW - minutes * MIN;

/** A ticket of today issued `issued` minutes ago, with its steps (minutes ago) at a counter. */
function ticket(
  seq: number,
  service: string,
  issued: number,
  steps: [TicketEvent['type'], number][],
  state: TicketState,
  counter: number,
  user: string,
): Ticket {
  const by = { station: `ws-${counter}`, counter, clerk: user, user };
  const events: TicketEvent[] = [
    { type: 'issued', at: ago(issued), by: { station: 'kiosk-1' } },
    ...steps.map(([type, at]) => ({ type, at: ago(at), by: type === 'cancelled' ? { station: 'kiosk-1' } : by })),
  ];
  const called = steps.find(([type]) => type === 'called');
  return {
    ...{ id: `t-e2e-${seq}`, day: TODAY, service, number: `R${seq}`, seq, priority: null, appointment: null },
    ...{ appointmentAt: 0, state, issuedAt: ago(issued), queuedAt: ago(issued), targetCounter: 0, recalls: 0 },
    counter: state === 'cancelled' ? 0 : counter,
    calledAt: called ? ago(called[1]) : 0,
    legs: [{ service, since: ago(issued) }],
    events,
    updatedAt: events.at(-1)!.at,
  };
}

/**
 * Waits 5, 20 and 3 minutes (the fourth left uncalled): median 5, 90th percentile 17, longest 20;
 * Dowody osobiste waited 5 and 20 (median 12.5, p90 18.5), Meldunki 3.
 */
const TICKETS: Ticket[] = [
  ticket(
    1,
    'id-cards',
    60,
    [
      ['called', 55],
      ['serving', 54],
      ['done', 44],
    ],
    'done',
    3,
    'ewa.kowalczyk',
  ),
  ticket(
    2,
    'id-cards',
    50,
    [
      ['called', 30],
      ['serving', 28],
      ['done', 20],
    ],
    'done',
    3,
    'ewa.kowalczyk',
  ),
  ticket(
    3,
    'residence',
    45,
    [
      ['called', 42],
      ['no-show', 40],
    ],
    'no-show',
    4,
    'lukasz.zak',
  ),
  ticket(4, 'residence', 35, [['cancelled', 25]], 'cancelled', 4, 'lukasz.zak'),
];

beforeAll(async () => {
  dir = await tempDir('e2e-reports');
  database = await createHubDatabase('pglite');
  const token = await createToken(database, 'stanowisko-kierownika', 'supervisor');
  const { office, services, counters } = demoConfiguration();
  await seedDocuments(database, 'office', [{ ...office, id: 'um-e2e-raporty', updatedAt: 1 }]);
  await seedDocuments(
    database,
    'services',
    services.map((service) => ({ ...service, updatedAt: 1 })),
  );
  await seedDocuments(
    database,
    'counters',
    counters.map((counter) => ({
      ...counter,
      id: String(counter.number),
      mode: 'closed',
      clerk: '',
      normalSinceLastPriority: 0,
      updatedAt: 1,
    })),
  );
  await seedDocuments(database, 'tickets', TICKETS);
  [hub, browser] = await Promise.all([startHubProcess(database), launchChromium()]);
  await addReadyUser(database, hub.url, token, SUPERVISOR, ['supervisor']);
  host = await startHost({
    dataDir: path.join(dir.path, 'supervisor'),
    args: ['--hub', hub.url],
    env: { OKIENKO_HUB_TOKEN: token },
  });
  context = await browser.newContext({ viewport: DESK, timezoneId: ZONE, acceptDownloads: true });
  shots = await artifactsDir('e2e');
}, 120_000);

afterEach(async (test) => {
  await screenshotIfFailed(test, context, shots);
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await hub?.kill('SIGTERM').catch(() => undefined);
  await database?.remove();
  await dir?.remove();
});

/** The key figures as the screen shows them: label → value. */
function keyFigures(page: Page): Promise<Record<string, string>> {
  return page
    .getByRole('region', { name: 'Najważniejsze liczby' })
    .evaluate((section) =>
      Object.fromEntries(
        [...section.querySelectorAll('dl > div')].map((pair) => [
          pair.querySelector('dt')!.textContent,
          pair.querySelector('dd')!.textContent,
        ]),
      ),
    );
}

/** A table's body rows, cell by cell. */
function rowsOf(page: Page, name: string): Promise<string[][]> {
  return page
    .getByRole('table', { name, exact: true })
    .evaluate((table) =>
      [...table.querySelectorAll('tbody tr')].map((row) => [...row.children].map((cell) => cell.textContent ?? '')),
    );
}

/** axe at 100 % and 200 % zoom, and nothing of the page past 320 CSS px; back to the desk after. */
async function expectAccessible(page: Page, label: string): Promise<void> {
  for (const [zoom, size] of [
    ['100 %', DESK],
    ['200 %', { width: 640, height: 450 }],
  ] as const) {
    await page.setViewportSize(size);
    expect(await axeViolations(page), `${label} at ${zoom}`).toEqual([]);
  }
  await page.setViewportSize({ width: 320, height: 640 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${label}: 320 px`).toBeLessThanOrEqual(320);
  await page.setViewportSize(DESK);
}

const EXPECTED_FIGURES = {
  Bilety: '4',
  Obsłużone: '2',
  'Nie podeszli po wywołaniu': '25%',
  'Odeszli przed wywołaniem': '25%',
  'Wywołani w ciągu 15 min': '67%',
  'Oczekiwanie – mediana': '5,0 min',
  'Oczekiwanie – 90% osób nie dłużej niż': '17,0 min',
  'Oczekiwanie – najdłużej': '20,0 min',
  'Dojście do okienka – średnio': '1,5 min',
  'Obsługa – średnio': '9,0 min',
};

describe("the supervisor's reports", () => {
  it("shows today's figures from the hub, exports CSV and PDF, and today's own figures without the hub", async () => {
    const page = await openPage(context, `${host.url}#/supervisor`);
    await page.getByRole('status').filter({ hasText: 'Połączono z serwerem urzędu' }).waitFor({ timeout: 20_000 });
    await signIn(page, SUPERVISOR);
    // From the overview, by keyboard.
    await page.getByRole('link', { name: 'Raporty', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Raporty' }).waitFor();
    await page.getByRole('heading', { name: `Raport z dnia ${TODAY}` }).waitFor({ timeout: 20_000 });
    expect(await keyFigures(page)).toEqual(EXPECTED_FIGURES);

    // The wait chart: an image with its name in words, and its numbers in the table after it.
    const chart = 'Czas oczekiwania według spraw (minuty)';
    await page.getByRole('img', { name: new RegExp(`^${chart.replace(/[()]/g, '\\$&')}\\.`) }).waitFor();
    expect(await rowsOf(page, chart)).toEqual([
      ['Dowody osobiste', '12,5 min', '18,5 min'],
      ['Meldunki (Ewidencja Ludności)', '3,0 min', '3,0 min'],
    ]);
    const hours = new Map<number, number>();
    for (const { issuedAt } of TICKETS) hours.set(hourIn(issuedAt, ZONE), (hours.get(hourIn(issuedAt, ZONE)) ?? 0) + 1);
    expect(await rowsOf(page, 'Bilety według godziny wydania')).toEqual(
      [...hours]
        .sort(([a], [b]) => a - b)
        .map(([hour, count]) => [`${String(hour).padStart(2, '0')}:00`, String(count)]),
    );
    // Figures per clerk, after the notice that staff know they are measured.
    const clerks = page.getByRole('region', { name: 'Według pracowników', exact: true });
    await clerks.getByText(NOTICE).waitFor();
    expect((await rowsOf(page, 'Według pracowników')).map((row) => row.slice(0, 3))).toEqual([
      ['ewa.kowalczyk', '2', '2'],
      // The ticket that left before a call was dealt with by no clerk.
      ['lukasz.zak', '1', '0'],
    ]);
    await page.screenshot({ path: path.join(shots, 'reports-today.png'), fullPage: true });
    await expectAccessible(page, 'report of today');

    // CSV for Excel in Polish Windows: BOM, semicolons, decimal commas, Polish letters, seconds.
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Pobierz CSV: Według spraw' }).click(),
    ]);
    expect(csv.suggestedFilename()).toBe(`raport-${TODAY}-${TODAY}-uslugi.csv`);
    const text = await readFile((await csv.path())!, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const parsed = Papa.parse<string[]>(text.slice(1), { delimiter: ';', skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const [heading, ...rows] = parsed.data;
    const column = (name: string) => heading!.indexOf(name);
    expect(heading!.slice(0, 3)).toEqual(['Sprawa', 'Bilety', 'Obsłużone']);
    const cards = rows.find((row) => row[0] === 'Dowody osobiste')!;
    expect(cards[column('Bilety')]).toBe('2');
    expect(cards[column('Oczekiwanie – mediana (s)')]).toBe('750');
    expect(cards[column('Oczekiwanie – 90. percentyl (s)')]).toBe('1110');
    const residence = rows.find((row) => row[0] === 'Meldunki (Ewidencja Ludności)')!;
    expect(residence[column('Odsetek niepodejść')]).toBe('0,5');
    // The appointments' table too, as the screen shows it.
    const [visits] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Pobierz CSV: Wizyty umówione' }).click(),
    ]);
    expect(visits.suggestedFilename()).toBe(`raport-${TODAY}-${TODAY}-wizyty.csv`);
    const visitsText = await readFile((await visits.path())!, 'utf8');
    expect(visitsText.charCodeAt(0)).toBe(0xfeff);
    const visitRows = Papa.parse<string[]>(visitsText.slice(1), { delimiter: ';', skipEmptyLines: true }).data;
    expect(visitRows[0]).toEqual(
      await page.getByRole('table', { name: 'Wizyty umówione' }).getByRole('columnheader').allTextContents(),
    );
    expect(visitRows.at(-1)![0]).toBe('Razem');

    // The PDF, laid out by the station, read back with poppler.
    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Pobierz PDF' }).click(),
    ]);
    expect(pdf.suggestedFilename()).toBe(`raport-${TODAY}-${TODAY}.pdf`);
    const file = path.join(dir.path, 'raport.pdf');
    await pdf.saveAs(file);
    const printed = (await run('pdftotext', [file, '-'])).stdout.replace(/\s+/g, ' ');
    expect(printed).toContain(`Raport z dnia ${TODAY}`);
    expect(printed).toContain('Oczekiwanie – mediana 5,0 min');
    expect(printed).toContain('Meldunki (Ewidencja Ludności)');
    expect(printed).toContain(NOTICE);
    expect(printed).toContain('lukasz.zak');
    await page
      .getByRole('status')
      .filter({ hasText: `PDF pobrany: raport-${TODAY}-${TODAY}.pdf.` })
      .waitFor();

    // Without the hub: today's figures from this workstation's copy, said plainly.
    await hub.kill('SIGTERM');
    await page.reload();
    await page.getByRole('heading', { name: 'Dzisiejsze dane z tego stanowiska' }).waitFor({ timeout: 30_000 });
    await page.getByText('Raporty z wcześniejszych dni wymagają serwera urzędu.', { exact: false }).waitFor();
    expect(await keyFigures(page)).toEqual(EXPECTED_FIGURES);
    await page.screenshot({ path: path.join(shots, 'reports-offline.png'), fullPage: true });
    await expectAccessible(page, "today's report offline");
  }, 180_000);
});
