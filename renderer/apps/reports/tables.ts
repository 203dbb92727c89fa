/**
 * The report's tables as headings and rows of words — by service, counter, clerk and hour, the
 * appointments and the satisfaction reasons — for the screen (report-view.tsx) and the PDF
 * (report-document.ts) alike. Times in minutes here (seconds only in the CSV files). Pure.
 */
import type { Figures, Report } from '../../../electron/common/contract/hub-reports';
import type { Translate } from '../../i18n/i18n';
import { count, hourWords, minutes, reasonWords, share, type ReportNames } from './words';

export interface TextTable {
  readonly columns: readonly string[];
  /** The first cell of a row names it (a row heading on screen). */
  readonly rows: readonly (readonly string[])[];
}

function duration(t: Translate, measure: 'waitTime' | 'walkTime' | 'serviceTime', figure: string): string {
  return t('reports.duration', { measure: t(`reports.measure.${measure}`), figure });
}

const countColumns = (t: Translate) => [
  t('reports.col.tickets'),
  t('reports.col.served'),
  t('reports.col.noShowRate'),
  t('reports.col.leftRate'),
  t('reports.col.withinTargetShare'),
];

const countCells = (t: Translate, row: Figures) => [
  count(row.tickets),
  count(row.served),
  share(t, row.noShowRate),
  share(t, row.leftRate),
  share(t, row.withinTargetShare),
];

/** A row per service, counter or clerk: the counts, the wait's spread, the walk's and service's mean. */
function figuresTable(t: Translate, key: string, rows: readonly [string, Figures][]): TextTable {
  const mean = t('reports.spread.mean');
  return {
    columns: [
      key,
      ...countColumns(t),
      duration(t, 'waitTime', t('reports.spread.median')),
      duration(t, 'waitTime', t('reports.spread.p90')),
      duration(t, 'waitTime', t('reports.spread.longest')),
      duration(t, 'walkTime', mean),
      duration(t, 'serviceTime', mean),
    ],
    rows: rows.map(([name, row]) => [
      name,
      ...countCells(t, row),
      minutes(t, row.waitTime.median),
      minutes(t, row.waitTime.p90),
      minutes(t, row.waitTime.longest),
      minutes(t, row.walkTime.mean),
      minutes(t, row.serviceTime.mean),
    ]),
  };
}

export function servicesTable(t: Translate, report: Report, names: ReportNames): TextTable {
  return figuresTable(
    t,
    t('reports.col.service'),
    report.byService.map((row) => [names.service(row.service), row]),
  );
}

export function countersTable(t: Translate, report: Report, names: ReportNames): TextTable {
  return figuresTable(
    t,
    t('reports.col.counter'),
    report.byCounter.map((row) => [names.counter(row.counter), row]),
  );
}

/** null when the hub withheld the clerks' figures. */
export function clerksTable(t: Translate, report: Report): TextTable | null {
  return (
    report.byClerk &&
    figuresTable(
      t,
      t('reports.col.clerk'),
      report.byClerk.map((row) => [row.clerk, row]),
    )
  );
}

export function hoursTable(t: Translate, report: Report): TextTable {
  return {
    columns: [
      t('reports.col.hour'),
      t('reports.col.tickets'),
      t('reports.col.served'),
      t('reports.col.noShow'),
      t('reports.col.left'),
      t('reports.col.withinTargetShare'),
    ],
    rows: report.byHour.map((row) => [
      hourWords(t, row.hour),
      count(row.tickets),
      count(row.served),
      count(row.noShow),
      count(row.left),
      share(t, row.withinTargetShare),
    ]),
  };
}

/** Tickets of each service (rows) in each hour of the day that had any (columns). */
export function serviceHoursTable(t: Translate, report: Report, names: ReportNames): TextTable {
  const hours = [...new Set(report.byServiceHour.map((row) => row.hour))].sort((a, b) => a - b);
  const services = [...new Set(report.byServiceHour.map((row) => row.service))];
  const tickets = (service: string, hour: number) =>
    report.byServiceHour.find((row) => row.service === service && row.hour === hour)?.tickets ?? 0;
  return {
    columns: [t('reports.col.service'), ...hours.map((hour) => hourWords(t, hour))],
    rows: services.map((service) => [names.service(service), ...hours.map((hour) => count(tickets(service, hour)))]),
  };
}

export function appointmentsTable(t: Translate, report: Report, names: ReportNames): TextTable {
  const cells = (row: Report['appointments']) => [row.booked, row.kept, row.missed, row.cancelled].map(count);
  return {
    columns: [
      t('reports.col.service'),
      t('reports.col.booked'),
      t('reports.col.kept'),
      t('reports.col.missed'),
      t('reports.col.cancelled'),
    ],
    rows: [
      ...report.appointmentsByService.map((row) => [names.service(row.service), ...cells(row)]),
      [t('reports.col.overall'), ...cells(report.appointments)],
    ],
  };
}

export function reasonsTable(t: Translate, report: Report, has: (id: string) => boolean): TextTable {
  return {
    columns: [t('reports.col.reason'), t('reports.col.count')],
    rows: report.satisfaction.reasons.map((row) => [reasonWords(t, row.reason, has), count(row.count)]),
  };
}

/** Each service's answers: how many, the mean score, the share satisfied. */
export function satisfactionByServiceTable(t: Translate, report: Report, names: ReportNames): TextTable {
  return {
    columns: [
      t('reports.col.service'),
      t('reports.satisfaction.answers'),
      t('reports.satisfaction.mean'),
      t('reports.satisfaction.share'),
    ],
    rows: report.satisfactionByService.map((row) => [
      names.service(row.service),
      count(row.answers),
      meanScore(t, row.mean),
      share(t, row.satisfiedShare),
    ]),
  };
}

const meanScore = (t: Translate, mean: number | null): string =>
  mean === null ? t('reports.none') : mean.toFixed(2).replace('.', ',');

/** The key figures of the whole office: label and value. */
export function keyFigures(t: Translate, report: Report): [string, string][] {
  const { overall } = report;
  return [
    [t('reports.figure.tickets'), count(overall.tickets)],
    [t('reports.figure.served'), count(overall.served)],
    [t('reports.figure.noShowRate'), share(t, overall.noShowRate)],
    [t('reports.figure.leftRate'), share(t, overall.leftRate)],
    [t('reports.figure.withinTarget', { minutes: report.targetMinutes }), share(t, overall.withinTargetShare)],
    [t('reports.figure.waitMedian'), minutes(t, overall.waitTime.median)],
    [t('reports.figure.waitP90'), minutes(t, overall.waitTime.p90)],
    [t('reports.figure.waitLongest'), minutes(t, overall.waitTime.longest)],
    [t('reports.figure.walk'), minutes(t, overall.walkTime.mean)],
    [t('reports.figure.service'), minutes(t, overall.serviceTime.mean)],
  ];
}

/** The satisfaction's own figures: answers, mean score, share satisfied. */
export function satisfactionFigures(t: Translate, report: Report): [string, string][] {
  const { satisfaction } = report;
  return [
    [t('reports.satisfaction.answers'), count(satisfaction.answers)],
    [t('reports.satisfaction.mean'), meanScore(t, satisfaction.mean)],
    [t('reports.satisfaction.share'), share(t, satisfaction.satisfiedShare)],
  ];
}
