/**
 * The report's files reach the person as downloads: a CSV file per table (report-csv.ts, made
 * here, the hub is not asked) and the PDF the station lays out (documents.render). Both go through
 * a Blob and a link with `download`, which the browser host's browser saves and Electron offers
 * with its save dialog, as the assisted summary's PDF does (apps/assist/use-finishing.tsx).
 */
import type { Report } from '../../../electron/common/contract/hub-reports';
import {
  reportCsv,
  textTableCsv,
  type CsvDialect,
  type ReportTable,
} from '../../../electron/common/reports/report-csv';
import type { Translate } from '../../i18n/i18n';
import { lastDayOf } from './range';
import type { TextTable } from './tables';
import { csvHeadings, fileName, namedReport, TABLE_FILES, type ReportNames } from './words';

/** Saves `blob` as `name` through a link, as a person's click on it would. */
export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken the bytes by the time a minute has passed.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** One table of the report as a CSV file, in the reader's words; false when the table is withheld. */
export function saveCsv(
  t: Translate,
  report: Report,
  table: ReportTable,
  dialect: CsvDialect,
  names: ReportNames,
): boolean {
  const text = reportCsv(namedReport(report, names), table, csvHeadings(t), dialect);
  if (text === null) return false;
  saveFile(
    new Blob([text], { type: 'text/csv;charset=utf-8' }),
    fileName(report.from, lastDayOf(report.to), TABLE_FILES[table], 'csv'),
  );
  return true;
}

/** A table as the screen shows it (tables.ts) as a CSV file named `part`. */
export function saveTableCsv(report: Report, table: TextTable, part: string, dialect: CsvDialect): void {
  saveFile(
    new Blob([textTableCsv(table.columns, table.rows, dialect)], { type: 'text/csv;charset=utf-8' }),
    fileName(report.from, lastDayOf(report.to), part, 'csv'),
  );
}

/** The PDF the station rendered (base64) saved under the report's name. */
export function savePdf(report: Report, pdf: string): string {
  const bytes = Uint8Array.from(atob(pdf), (char) => char.charCodeAt(0));
  const name = fileName(report.from, lastDayOf(report.to), '', 'pdf');
  saveFile(new Blob([bytes], { type: 'application/pdf' }), name);
  return name;
}
