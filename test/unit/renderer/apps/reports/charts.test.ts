/**
 * The report's charts (renderer/apps/reports/bar-chart.tsx, charts.ts) rendered by React to HTML:
 * each an SVG image with its name in words and one bar per figure, followed by a real table whose
 * cells are the report's numbers; and the range presets people pick from (range.ts).
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../../../../electron/common/contract/hub-reports';
import { todayReport } from '../../../../../electron/common/reports/today-report';
import type { Ticket } from '../../../../../electron/common/domain/ticket';
import { BarChart, type ChartData } from '../../../../../renderer/apps/reports/bar-chart';
import { hoursChart, scoresChart, waitsChart } from '../../../../../renderer/apps/reports/charts';
import { presetRange, reportQuery } from '../../../../../renderer/apps/reports/range';
import { serviceHoursTable } from '../../../../../renderer/apps/reports/tables';
import { translator } from '../../../../../renderer/i18n/i18n';

const t = translator('pl');
const DAY = '2026-11-10';
const at = (time: string) => Date.parse(`${DAY}T${time}:00+01:00`);

/** Called after `wait` minutes; `hour` the hour (Warsaw). */
function ticket(id: string, service: string, issued: string, called: string | null): Ticket {
  const by = { station: 's', counter: 1, user: 'anna' };
  const events = [
    { type: 'issued' as const, at: at(issued), by: { station: 'kiosk' } },
    ...(called ? [{ type: 'called' as const, at: at(called), by }] : []),
  ];
  return {
    ...{ id, day: DAY, service, number: id, seq: 1, priority: null, appointment: null, appointmentAt: 0 },
    ...{ state: called ? 'called' : 'waiting', issuedAt: at(issued), queuedAt: at(issued), counter: 1 },
    ...{ targetCounter: 0, calledAt: 0, recalls: 0, legs: [{ service, since: at(issued) }], events, updatedAt: 0 },
  } as Ticket;
}

const REPORT: Report = {
  ...todayReport({
    day: DAY,
    timeZone: 'Europe/Warsaw',
    targetMinutes: 15,
    tickets: [
      ticket('A1', 'dowody', '08:00', '08:06'),
      ticket('A2', 'dowody', '08:20', '08:50'),
      ticket('B1', 'meldunki', '09:10', '09:13'),
    ],
    appointments: [],
    withClerks: true,
  }),
  satisfaction: { answers: 4, byScore: [1, 0, 0, 1, 2], mean: 3.75, satisfiedShare: 0.75, reasons: [] },
};

const names = {
  service: (id: string) => ({ dowody: 'Dowody osobiste', meldunki: 'Meldunki' })[id] ?? id,
  counter: String,
};

function rendered(data: ChartData) {
  const html = renderToStaticMarkup(createElement(BarChart, { data }));
  const cells = (part: string) =>
    [...part.matchAll(/<tr>(.*?)<\/tr>/g)].map((row) =>
      [...row[1]!.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((cell) => cell[1]),
    );
  const table = html.slice(html.indexOf('<table'));
  return {
    html,
    svg: html.slice(html.indexOf('<svg'), html.indexOf('</svg>')),
    label: /<svg[^>]*aria-label="([^"]*)"/.exec(html)?.[1],
    head: cells(table.slice(0, table.indexOf('</thead>')))[0],
    body: cells(table.slice(table.indexOf('<tbody>'))),
  };
}

describe('the report charts with their tables', () => {
  it('tickets per hour: a bar per hour, the busiest hour named, the counts in the table', () => {
    const chart = rendered(hoursChart(t, REPORT));
    expect(chart.svg).toContain('role="img"');
    expect(chart.label).toBe(
      'Bilety według godziny wydania. Wykres słupkowy. Najwięcej biletów, 2, wydano o godzinie 08:00. Dane w tabeli poniżej.',
    );
    expect(chart.svg.match(/<rect/g)).toHaveLength(2);
    expect(chart.head).toEqual(['Godzina', 'Bilety']);
    expect(chart.body).toEqual([
      ['08:00', '2'],
      ['09:00', '1'],
    ]);
  });

  it('wait by service: the median as a bar, the 90th percentile as a tick, both in the table in minutes', () => {
    const chart = rendered(waitsChart(t, REPORT, names));
    expect(chart.svg.match(/<rect/g)).toHaveLength(2);
    expect(chart.svg.match(/<line/g)).toHaveLength(2);
    expect(chart.html).toContain('mediana (słupek)');
    expect(chart.head).toEqual(['Sprawa', 'Oczekiwanie – mediana', 'Oczekiwanie – 90. percentyl']);
    // dowody waited 6 and 30 min: median 18, p90 6 + 0.9 × 24 = 27.6; meldunki 3.
    expect(chart.body).toEqual([
      ['Dowody osobiste', '18,0 min', '27,6 min'],
      ['Meldunki', '3,0 min', '3,0 min'],
    ]);
  });

  it("visitors' scores: five bars and five rows; none without answers", () => {
    const chart = rendered(scoresChart(t, REPORT));
    expect(chart.svg.match(/<rect/g)).toHaveLength(5);
    expect(chart.body).toEqual([
      ['1 – bardzo niezadowolony', '1'],
      ['2 – niezadowolony', '0'],
      ['3 – ani tak, ani nie', '0'],
      ['4 – zadowolony', '1'],
      ['5 – bardzo zadowolony', '2'],
    ]);
    const empty = renderToStaticMarkup(
      createElement(BarChart, {
        data: scoresChart(t, { ...REPORT, satisfaction: { ...REPORT.satisfaction, answers: 0 } }),
      }),
    );
    expect(empty).not.toContain('<svg');
    expect(empty).toContain('Brak odpowiedzi odwiedzających w tym okresie.');
  });
});

describe('tickets by service and hour', () => {
  it('has a column per hour that had tickets and a row per service, zeros where none', () => {
    expect(serviceHoursTable(t, REPORT, names)).toEqual({
      columns: ['Sprawa', '08:00', '09:00'],
      rows: [
        ['Dowody osobiste', '2', '0'],
        ['Meldunki', '0', '1'],
      ],
    });
  });
});

describe('the report period', () => {
  it('gives the presets as inclusive days around today (a Tuesday)', () => {
    expect(presetRange('week', DAY)).toEqual({ from: '2026-11-09', last: DAY });
    expect(presetRange('month', DAY)).toEqual({ from: '2026-11-01', last: DAY });
    expect(presetRange('lastMonth', DAY)).toEqual({ from: '2026-10-01', last: '2026-10-31' });
    expect(presetRange('lastMonth', '2026-01-15')).toEqual({ from: '2025-12-01', last: '2025-12-31' });
    expect(presetRange('year', DAY)).toEqual({ from: '2026-01-01', last: DAY });
    expect(presetRange('custom', DAY)).toBeNull();
  });

  it("turns the inclusive last day into the contract's exclusive end, and says what is wrong", () => {
    expect(reportQuery('2026-11-01', '2026-11-30', '15')).toEqual({
      ok: true,
      query: { from: '2026-11-01', to: '2026-12-01', target: 15 },
    });
    expect(reportQuery('2026-11-31', '2026-12-01', '15')).toEqual({ ok: false, problem: 'day' });
    expect(reportQuery('2026-11-02', '2026-11-01', '15')).toEqual({ ok: false, problem: 'order' });
    expect(reportQuery('2023-01-01', '2026-11-01', '15')).toEqual({ ok: false, problem: 'long' });
    expect(reportQuery('2026-11-01', '2026-11-01', '0')).toEqual({ ok: false, problem: 'target' });
    expect(reportQuery('2026-11-01', '2026-11-01', '1,5')).toEqual({ ok: false, problem: 'target' });
  });
});
