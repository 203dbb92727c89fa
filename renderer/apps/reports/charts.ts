/**
 * The report's three charts as data (bar-chart.tsx draws them, report-document.ts prints them):
 * tickets per hour of the day, the wait by service (median, with the 90th percentile as a tick),
 * and how many visitors gave each of the five scores. Pure.
 */
import type { Report } from '../../../electron/common/contract/hub-reports';
import type { Translate } from '../../i18n/i18n';
import type { ChartData } from './bar-chart';
import { count, hourWords, minutes, minutesValue, type ReportNames } from './words';

export function hoursChart(t: Translate, report: Report): ChartData {
  const busiest = report.byHour.reduce<Report['byHour'][number] | null>(
    (top, row) => (top === null || row.tickets > top.tickets ? row : top),
    null,
  );
  return {
    title: t('reports.chart.hours'),
    summary: busiest
      ? t('reports.chart.hours.summary', { count: busiest.tickets, hour: String(busiest.hour).padStart(2, '0') })
      : t('reports.chart.empty'),
    bars: report.byHour.map((row) => ({
      label: hourWords(t, row.hour),
      value: row.tickets,
      valueText: count(row.tickets),
    })),
    columns: [t('reports.col.hour'), t('reports.col.tickets')],
    empty: t('reports.chart.empty'),
  };
}

export function waitsChart(t: Translate, report: Report, names: ReportNames): ChartData {
  const median = t('reports.duration', { measure: t('reports.measure.waitTime'), figure: t('reports.spread.median') });
  const p90 = t('reports.duration', { measure: t('reports.measure.waitTime'), figure: t('reports.spread.p90') });
  return {
    title: t('reports.chart.waits'),
    summary: t('reports.chart.waits.summary'),
    bars: report.byService
      .filter((row) => row.waitTime.median !== null)
      .map((row) => ({
        label: names.service(row.service),
        value: minutesValue(row.waitTime.median),
        valueText: minutes(t, row.waitTime.median),
        mark: minutesValue(row.waitTime.p90),
        markText: minutes(t, row.waitTime.p90),
      })),
    columns: [t('reports.col.service'), median, p90],
    legend: [t('reports.chart.median'), t('reports.chart.p90')],
    empty: t('reports.chart.empty'),
  };
}

export function scoresChart(t: Translate, report: Report): ChartData {
  const { byScore, answers } = report.satisfaction;
  return {
    title: t('reports.chart.scores'),
    summary: t('reports.chart.scores.summary'),
    bars:
      answers === 0
        ? []
        : byScore.map((value, index) => ({
            label: t(`reports.score.${(index + 1) as 1 | 2 | 3 | 4 | 5}`),
            value,
            valueText: count(value),
          })),
    columns: [t('reports.col.score'), t('reports.col.answers')],
    empty: t('reports.satisfaction.none'),
  };
}
