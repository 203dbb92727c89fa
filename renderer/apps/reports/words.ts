/**
 * A report's figures in people's words: durations (seconds in the contract) as minutes with one
 * decimal, shares as percentages, services and counters by their names, and the CSV files' column
 * headings. Pure: the screen, the PDF's document and the tests share it.
 */
import type { Report } from '../../../electron/common/contract/hub-reports';
import type { CsvHeadings, ReportTable } from '../../../electron/common/reports/report-csv';
import type { MessageId, Translate } from '../../i18n/i18n';

/** How a report names what its rows key by: service ids and counter numbers. */
export interface ReportNames {
  readonly service: (id: string) => string;
  readonly counter: (number: number) => string;
}

const LOCALE = 'pl-PL';
const minutesFormat = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const shareFormat = new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: 0 });
const meanFormat = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 1, maximumFractionDigits: 2 });

/** Seconds as "11,5 min"; "—" when there is no such duration. */
export function minutes(t: Translate, seconds: number | null): string {
  return seconds === null ? t('reports.none') : t('reports.minutes', { minutes: minutesFormat.format(seconds / 60) });
}

/** Seconds as minutes, a bare number for a chart's scale (0 when none). */
export function minutesValue(seconds: number | null): number {
  return seconds === null ? 0 : Math.round(seconds / 6) / 10;
}

export function share(t: Translate, value: number | null): string {
  return value === null ? t('reports.none') : shareFormat.format(value);
}

export function score(t: Translate, value: number | null): string {
  return value === null ? t('reports.none') : meanFormat.format(value);
}

export function count(value: number): string {
  return new Intl.NumberFormat(LOCALE).format(value);
}

/** A reason's words; an unknown code (a newer workstation's) as it is. */
export function reasonWords(t: Translate, reason: string, has: (id: string) => boolean): string {
  const id = `reports.reason.${reason}`;
  return has(id) ? t(id as MessageId) : reason;
}

export function hourWords(t: Translate, hour: number): string {
  return t('reports.hour', { hour: String(hour).padStart(2, '0') });
}

/** The column headings of the CSV files, in the reader's language; durations are seconds there. */
export function csvHeadings(t: Translate): CsvHeadings {
  return {
    key: {
      byService: t('reports.col.service'),
      byCounter: t('reports.col.counter'),
      byClerk: t('reports.col.clerk'),
      byHour: t('reports.col.hour'),
    },
    tickets: t('reports.col.tickets'),
    served: t('reports.col.served'),
    noShow: t('reports.col.noShow'),
    left: t('reports.col.left'),
    called: t('reports.col.called'),
    withinTarget: t('reports.col.withinTarget'),
    noShowRate: t('reports.col.noShowRate'),
    leftRate: t('reports.col.leftRate'),
    withinTargetShare: t('reports.col.withinTargetShare'),
    duration: (measure, figure) =>
      t('reports.csv.seconds', {
        heading: t('reports.duration', {
          measure: t(`reports.measure.${measure}`),
          figure: t(`reports.spread.${figure}`),
        }),
      }),
  };
}

/** A report whose keys read as people name them: a service's name, not its id (for the CSV files). */
export function namedReport(report: Report, names: ReportNames): Report {
  return {
    ...report,
    byService: report.byService.map((row) => ({ ...row, service: names.service(row.service) })),
  };
}

/** The name of a table, for its CSV button and file. */
export const TABLE_TITLES: Readonly<Record<ReportTable, MessageId>> = {
  byService: 'reports.services',
  byCounter: 'reports.counters',
  byClerk: 'reports.clerks',
  byHour: 'reports.hours',
};

/** The file's name part of a table: plain ASCII, as a file name travels best. */
export const TABLE_FILES: Readonly<Record<ReportTable, string>> = {
  byService: 'uslugi',
  byCounter: 'stanowiska',
  byClerk: 'pracownicy',
  byHour: 'godziny',
};

/** `raport-2026-11-01-2026-11-30-uslugi.csv`: the inclusive days, as people chose them. */
export function fileName(from: string, last: string, part: string, extension: 'csv' | 'pdf'): string {
  return `raport-${from}-${last}${part ? `-${part}` : ''}.${extension}`;
}
