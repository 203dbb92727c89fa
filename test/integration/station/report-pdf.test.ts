/**
 * A supervisor's report as a PDF (kind `report`): the document the report screen composes
 * (renderer/apps/reports/report-document.ts) from today's figures of a handful of tickets, laid out
 * by the station (electron/station/documents/) and read back with poppler's `pdftotext`: Polish
 * letters, the period and office, the key figures and the tables in minutes, the bars, and the
 * notice that staff know they are measured — there whenever the figures per clerk are, and not
 * otherwise.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrintableDocumentSchema, RenderedDocumentSchema } from '../../../electron/common/contract/documents';
import type { Report } from '../../../electron/common/contract/hub-reports';
import type { Ticket, TicketEvent } from '../../../electron/common/domain/ticket';
import { todayReport } from '../../../electron/common/reports/today-report';
import { renderDocument } from '../../../electron/station/documents/render';
import { reportDocument } from '../../../renderer/apps/reports/report-document';
import { MESSAGES, translator } from '../../../renderer/i18n/i18n';
import { artifactsDir } from '../../support/processes';

const run = promisify(execFile);
const t = translator('pl');
const DAY = '2026-11-10';
const at = (time: string) => Date.parse(`${DAY}T${time}:00+01:00`);
const NOTICE = 'Pracownicy zostali poinformowani, że ich praca jest mierzona';

let dir: string;
/** The first report's PDF is kept for a person to look at: test-artifacts/documents/report.pdf. */
let artifacts: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'okienko-report-pdf-'));
  artifacts = await artifactsDir('documents');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true }).catch(() => undefined);
});

function ticket(id: string, service: string, issued: string, steps: [TicketEvent['type'], string][]): Ticket {
  const by = { station: 's', counter: 2, user: 'łucja.żółć' };
  const events: TicketEvent[] = [
    { type: 'issued', at: at(issued), by: { station: 'kiosk' } },
    ...steps.map(([type, time]) => ({ type, at: at(time), by })),
  ];
  return {
    ...{ id, day: DAY, service, number: id, seq: 1, priority: null, appointment: null, appointmentAt: 0 },
    ...{ state: 'done', issuedAt: at(issued), queuedAt: at(issued), counter: 2, targetCounter: 0, calledAt: 0 },
    ...{ recalls: 0, legs: [{ service, since: at(issued) }], events, updatedAt: 0 },
  };
}

const REPORT: Report = {
  ...todayReport({
    day: DAY,
    timeZone: 'Europe/Warsaw',
    targetMinutes: 15,
    // Waits 6 and 30 min, service 10 and 4 min.
    tickets: [
      ticket('A1', 'gesla', '08:00', [
        ['called', '08:06'],
        ['serving', '08:07'],
        ['done', '08:17'],
      ]),
      ticket('A2', 'gesla', '08:20', [
        ['called', '08:50'],
        ['serving', '08:52'],
        ['done', '08:56'],
      ]),
    ],
    appointments: [{ day: DAY, service: 'gesla', state: 'checked-in' }],
    withClerks: true,
  }),
  satisfaction: {
    answers: 3,
    byScore: [0, 0, 1, 0, 2],
    mean: 13 / 3,
    satisfiedShare: 2 / 3,
    reasons: [{ reason: 'staff-kindness', count: 2 }],
  },
  satisfactionByService: [
    {
      service: 'gesla',
      answers: 3,
      byScore: [0, 0, 1, 0, 2],
      mean: 13 / 3,
      satisfiedShare: 2 / 3,
      reasons: [{ reason: 'staff-kindness', count: 2 }],
    },
  ],
};

const OPTIONS = {
  office: 'Urząd Miasta Łódź',
  names: { service: () => 'Zażółć gęślą jaźń', counter: (number: number) => `Okienko nr ${number}` },
  has: (id: string) => id in MESSAGES.pl,
  at: '2026-11-10T18:00:00+01:00',
};

async function pdfText(report: Report, name: string): Promise<{ plain: string; layout: string; pages: number }> {
  const document = PrintableDocumentSchema.parse(reportDocument(t, report, OPTIONS));
  const reply = RenderedDocumentSchema.parse(await renderDocument(document));
  const file = path.join(dir, `${name}.pdf`);
  await writeFile(file, Buffer.from(reply.pdf, 'base64'));
  if (name === 'report') await writeFile(path.join(artifacts, 'report.pdf'), Buffer.from(reply.pdf, 'base64'));
  const [plain, layout] = await Promise.all([
    run('pdftotext', [file, '-']).then((out) => out.stdout.replace(/\s+/g, ' ')),
    run('pdftotext', ['-layout', file, '-']).then((out) => out.stdout),
  ]);
  return { plain, layout, pages: reply.pages };
}

describe("a supervisor's report as a PDF", () => {
  it('holds the period, the office, the key figures and the tables, Polish letters intact', async () => {
    const { plain, layout } = await pdfText(REPORT, 'report');
    expect(plain).toContain('Okres: 2026-11-10');
    expect(plain).toContain('Raport z dnia 2026-11-10');
    expect(plain).toContain('Urząd: Urząd Miasta Łódź');
    expect(plain).toContain('Najważniejsze liczby');
    expect(plain).toContain('Oczekiwanie – mediana 18,0 min');
    expect(plain).toContain('Oczekiwanie – najdłużej 30,0 min');
    expect(plain).toContain('Obsługa – średnio 7,0 min');
    // Counters and clerks have the wait's median and 90th percentile too.
    expect(layout).toMatch(/Okienko nr 2\s+2\s+2\s+0%\s+0%\s+50%\s+18,0\s+27,6\s+30,0/);
    expect(plain).toContain('Wywołani w ciągu 15 min 50%');
    // The services' table: the name, 2 tickets, 2 served, …, the wait's median and 90th percentile.
    // In the PDF a column of durations says "(min)" once, in its heading.
    const serviceRow = layout.split('\n').find((line) => /Zażółć gęślą jaźń\s+2\s/.test(line));
    expect(serviceRow?.replace(/\s+/g, ' ').trim()).toBe('Zażółć gęślą jaźń 2 2 0% 0% 50% 18,0 27,6 30,0 1,5 7,0');
    expect(layout).toMatch(/Oczekiwanie\s+Oczekiwanie\s+Oczekiwanie/);
    expect(layout).toMatch(/–\s+mediana\s+–\s+90\./);
    // The wait's bars: the median and the 90th percentile beside each service.
    expect(plain).toContain('18,0 min / 27,6 min');
    expect(plain).toContain('Okienko nr 2');
    expect(plain).toContain('Bilety według godzin');
    expect(plain).toContain('08:00');
    expect(layout.split('\n').some((line) => /Zażółć gęślą jaźń\s+2$/.test(line.trim()))).toBe(true);
    expect(plain).toContain('Bilety według spraw i godzin');
    expect(plain).toContain('Zadowolenie odwiedzających');
    expect(plain).toContain('uprzejmość pracowników');
    // Each service's answers: how many, the mean score, the share satisfied.
    expect(plain).toContain('Zadowolenie według spraw');
    const satisfied = layout.split('\n').find((line) => /Zażółć gęślą jaźń\s+3\s/.test(line));
    expect(satisfied?.replace(/\s+/g, ' ').trim()).toBe('Zażółć gęślą jaźń 3 4,33 67%');
    expect(plain).toContain('Skrót dokumentu (SHA-256)');
  });

  it('puts the notice that staff know they are measured before the figures per clerk', async () => {
    const { plain } = await pdfText(REPORT, 'report-clerks');
    expect(plain).toContain('Według pracowników');
    expect(plain).toContain(NOTICE);
    expect(plain).toContain('art. 22² i 22³ Kodeksu pracy');
    expect(plain.indexOf(NOTICE)).toBeLessThan(plain.indexOf('łucja.żółć'));
    expect(plain.indexOf('Według pracowników')).toBeLessThan(plain.indexOf(NOTICE));
  });

  it('without figures per clerk has neither the clerks nor the notice', async () => {
    const { plain } = await pdfText({ ...REPORT, byClerk: null }, 'report-no-clerks');
    expect(plain).not.toContain('Według pracowników');
    expect(plain).not.toContain(NOTICE);
    expect(plain).not.toContain('łucja.żółć');
    expect(plain).toContain('Według stanowisk');
  });
});
