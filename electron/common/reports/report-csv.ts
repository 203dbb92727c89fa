/**
 * A supervisor's report (contract/hub-reports.ts) as CSV files, one per table, for Excel and any
 * other program: RFC 4180 (CRLF line ends, fields quoted when they hold the separator, a quote or a
 * line end, quotes doubled — written by papaparse), UTF-8 with a byte-order mark so Excel reads
 * Polish letters right. Column headings are given by the caller in the reader's language.
 *
 * Excel takes its separator from the system's list separator, a semicolon in Polish Windows: the
 * `excel-pl` dialect writes semicolons and decimal commas; the default is RFC 4180's comma and a
 * decimal point. Durations are seconds. Pure: the renderer makes the file, the hub is not asked.
 */
import Papa from 'papaparse';
import type { Counts, Mean, Report, Spread } from '../contract/hub-reports';

export const CSV_BOM = '\uFEFF';
export type CsvDialect = 'rfc4180' | 'excel-pl';
export type ReportTable = 'byService' | 'byCounter' | 'byClerk' | 'byHour';

/** The heading of each column, in the reader's language. */
export interface CsvHeadings {
  readonly key: Readonly<Record<ReportTable, string>>;
  readonly tickets: string;
  readonly served: string;
  readonly noShow: string;
  readonly left: string;
  readonly called: string;
  readonly withinTarget: string;
  readonly noShowRate: string;
  readonly leftRate: string;
  readonly withinTargetShare: string;
  /** e.g. `{measure} – {figure} (s)`: `Czas oczekiwania – mediana (s)`. */
  readonly duration: (measure: 'waitTime' | 'walkTime' | 'serviceTime', figure: keyof Spread) => string;
}

const COUNTS: readonly (keyof Counts)[] = [
  'tickets',
  'served',
  'noShow',
  'left',
  'called',
  'withinTarget',
  'noShowRate',
  'leftRate',
  'withinTargetShare',
];
const MEASURES = ['waitTime', 'walkTime', 'serviceTime'] as const;
type Measure = (typeof MEASURES)[number];
const KEYS = { byService: 'service', byCounter: 'counter', byClerk: 'clerk', byHour: 'hour' } as const;

type Row = Counts & Partial<Record<Measure, Mean | Spread>> & Record<string, unknown>;

/** The columns of each duration (none by the hour): the wait's spread, the others' mean and longest. */
function columnsOf(table: ReportTable): readonly [Measure, keyof Spread][] {
  if (table === 'byHour') return [];
  return MEASURES.flatMap((measure) =>
    (measure === 'waitTime' ? (['median', 'p90', 'mean', 'longest'] as const) : (['mean', 'longest'] as const)).map(
      (figure) => [measure, figure] as [Measure, keyof Spread],
    ),
  );
}

/**
 * A name that would start a formula in a spreadsheet (=, +, -, @, tab, CR) with a quote before it
 * (OWASP's advice): a service or clerk named `=HYPERLINK(…)` is shown, not run. Only names: a
 * negative number stays a number.
 */
function inert(name: string): string {
  return /^[=+\-@\t\r]/.test(name) ? `'${name}` : name;
}

/** One table of `report` as a CSV file's text, BOM first; null for the clerks' table when withheld. */
export function reportCsv(
  report: Report,
  table: ReportTable,
  headings: CsvHeadings,
  dialect: CsvDialect = 'rfc4180',
): string | null {
  const rows = report[table] as readonly Row[] | null;
  if (rows === null) return null;
  const columns = columnsOf(table);
  const fields = [
    headings.key[table],
    ...COUNTS.map((name) => headings[name]),
    ...columns.map(([measure, figure]) => headings.duration(measure, figure)),
  ];
  const number = (value: number | null | undefined) =>
    value === null || value === undefined
      ? ''
      : dialect === 'excel-pl'
        ? String(value).replace('.', ',')
        : String(value);
  const data = rows.map((row) => [
    inert(String(row[KEYS[table]])),
    ...COUNTS.map((name) => number(row[name])),
    ...columns.map(([measure, figure]) => number((row[measure] as Spread | undefined)?.[figure])),
  ]);
  return csvText(fields, data, dialect);
}

/**
 * Any other table of the report (the appointments, the satisfaction by service) as the screen
 * shows it — its headings and its figures in the reader's words — as a CSV file's text, BOM first.
 * The first cell of a row names it, made inert as above.
 */
export function textTableCsv(
  columns: readonly string[],
  rows: readonly (readonly string[])[],
  dialect: CsvDialect = 'rfc4180',
): string {
  return csvText(
    [...columns],
    rows.map(([name = '', ...cells]) => [inert(name), ...cells]),
    dialect,
  );
}

function csvText(fields: string[], data: string[][], dialect: CsvDialect): string {
  const csv = Papa.unparse(
    { fields, data },
    { delimiter: dialect === 'excel-pl' ? ';' : ',', newline: '\r\n', quotes: false },
  );
  return `${CSV_BOM}${csv}\r\n`;
}
