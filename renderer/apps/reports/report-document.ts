/**
 * A report as a printable document (contract/documents.ts, kind `report`) for the station to lay out
 * as a PDF (electron/station/documents/): the office and the period at the top, the key figures,
 * the tables by service, counter and clerk — the clerks' always after the notice that staff know
 * they are measured —, tickets per hour with bars, the appointments and the visitors' satisfaction.
 * Every word is composed here, in Polish (staff screens are Polish). Pure.
 */
import type { PrintableDocumentInput } from '../../../electron/common/contract/documents';
import type { Report } from '../../../electron/common/contract/hub-reports';
import type { Translate } from '../../i18n/i18n';
import { hoursChart, scoresChart, waitsChart } from './charts';
import type { ChartData } from './bar-chart';
import {
  appointmentsTable,
  clerksTable,
  countersTable,
  hoursTable,
  keyFigures,
  reasonsTable,
  satisfactionByServiceTable,
  satisfactionFigures,
  serviceHoursTable,
  servicesTable,
  type TextTable,
} from './tables';
import { lastDayOf } from './range';
import type { ReportNames } from './words';

export interface ReportDocumentOptions {
  readonly office: string;
  readonly names: ReportNames;
  /** Whether a message id exists (a reason's words). */
  readonly has: (id: string) => boolean;
  /** Today's figures from this workstation's copy: the sentence that says so. */
  readonly localNotice?: string;
  /** ISO 8601: when it was made (the PDF's creation date). */
  readonly at?: string;
}

const UNIT = ' min';

/**
 * The table for A4: a column of durations says "(min)" once in its heading, not in every cell, so
 * ten columns of figures fit across the page.
 */
function table(text: TextTable): { columns: string[]; rows: string[][] } {
  const inMinutes = text.columns.map(
    (_, column) =>
      column > 0 &&
      text.rows.some((row) => row[column]!.endsWith(UNIT)) &&
      text.rows.every((row) => row[column]!.endsWith(UNIT) || !/\d/.test(row[column]!)),
  );
  return {
    columns: text.columns.map((column, index) => (inMinutes[index] ? `${column} (min)` : column)),
    rows: text.rows.map((row) => row.map((cell, index) => (inMinutes[index] ? cell.replace(UNIT, '') : cell))),
  };
}
const bars = (chart: ChartData) =>
  chart.bars.map((bar) => ({
    label: bar.label,
    value: bar.value,
    text: bar.markText ? `${bar.valueText} / ${bar.markText}` : bar.valueText,
  }));

export function reportDocument(t: Translate, report: Report, options: ReportDocumentOptions): PrintableDocumentInput {
  const last = lastDayOf(report.to);
  const period = report.from === last ? report.from : `${report.from} – ${last}`;
  const rows = (figures: [string, string][]) => figures.map(([label, value]) => ({ label, value }));
  const clerks = clerksTable(t, report);
  const waits = waitsChart(t, report, options.names);
  const sections: PrintableDocumentInput['sections'] = [
    {
      heading: t('reports.summary'),
      ...(options.localNotice ? { paragraphs: [options.localNotice] } : {}),
      rows: rows(keyFigures(t, report)),
    },
    { heading: t('reports.services'), table: table(servicesTable(t, report, options.names)) },
    ...(waits.bars.length
      ? [{ heading: waits.title, paragraphs: [waits.legend!.join(' / ')], bars: bars(waits) }]
      : []),
    { heading: t('reports.counters'), table: table(countersTable(t, report, options.names)) },
    ...(clerks
      ? [{ heading: t('reports.clerks'), paragraphs: [t('reports.clerks.notice')], table: table(clerks) }]
      : []),
    { heading: t('reports.hours'), bars: bars(hoursChart(t, report)), table: table(hoursTable(t, report)) },
    ...serviceHoursSections(t, report, options.names),
    { heading: t('reports.appointments'), table: table(appointmentsTable(t, report, options.names)) },
    satisfactionSection(t, report, options.has),
    ...(report.satisfaction.answers > 0
      ? [
          {
            heading: t('reports.satisfaction.byService'),
            table: table(satisfactionByServiceTable(t, report, options.names)),
          },
        ]
      : []),
  ];
  return {
    kind: 'report',
    language: 'pl',
    title:
      report.from === last
        ? t('reports.headingDay', { day: period })
        : t('reports.heading', { from: report.from, to: last }),
    subtitle: `${t('reports.pdf.office', { office: options.office })}. ${t('reports.target.note', { minutes: report.targetMinutes })}`,
    reference: period,
    referenceLabel: t('reports.pdf.period'),
    sections,
    footer: { lines: [t('reports.pdf.footer')] },
    hashLabel: t('reports.pdf.hash'),
    ...(options.at ? { at: options.at } : {}),
  };
}

/** The page holds a service and 13 hours across; a longer day is cut into parts of 13 hours. */
const HOURS_ACROSS = 13;

function serviceHoursSections(t: Translate, report: Report, names: ReportNames): PrintableDocumentInput['sections'] {
  const whole = serviceHoursTable(t, report, names);
  const sections: PrintableDocumentInput['sections'] = [];
  for (let first = 1; first === 1 || first < whole.columns.length; first += HOURS_ACROSS) {
    const pick = (cells: readonly string[]) => [cells[0]!, ...cells.slice(first, first + HOURS_ACROSS)];
    sections.push({
      heading: t('reports.serviceHours'),
      table: { columns: pick(whole.columns), rows: whole.rows.map(pick) },
    });
  }
  return sections;
}

function satisfactionSection(
  t: Translate,
  report: Report,
  has: (id: string) => boolean,
): PrintableDocumentInput['sections'][number] {
  const heading = t('reports.satisfaction');
  if (report.satisfaction.answers === 0) return { heading, paragraphs: [t('reports.satisfaction.none')] };
  const reasons = reasonsTable(t, report, has);
  return {
    heading,
    rows: satisfactionFigures(t, report).map(([label, value]) => ({ label, value })),
    bars: bars(scoresChart(t, report)),
    ...(reasons.rows.length ? { table: table(reasons) } : { paragraphs: [t('reports.satisfaction.reasonsNone')] }),
  };
}
