/**
 * A report's tables as CSV (electron/common/reports/report-csv.ts), read back with a CSV parser of
 * its own (csv-parse, not the writer's library): the byte-order mark, CRLF line ends, Polish
 * letters, names holding the separator, a quote or a line break, numbers in both dialects, a
 * formula kept from running in Excel, and the clerks' table withheld.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { ReportSchema, type Figures, type Report } from '../../../../../electron/common/contract/hub-reports';
import { CSV_BOM, reportCsv, textTableCsv, type CsvHeadings } from '../../../../../electron/common/reports/report-csv';

const HEADINGS: CsvHeadings = {
  key: { byService: 'Usługa', byCounter: 'Stanowisko', byClerk: 'Urzędnik', byHour: 'Godzina' },
  tickets: 'Bilety',
  served: 'Obsłużeni',
  noShow: 'Nieobecni',
  left: 'Odeszli przed wywołaniem',
  called: 'Wywołani',
  withinTarget: 'W docelowym czasie',
  noShowRate: 'Odsetek nieobecnych',
  leftRate: 'Odsetek odchodzących',
  withinTargetShare: 'Udział w docelowym czasie',
  duration: (measure, figure) =>
    `${{ waitTime: 'Czas oczekiwania', walkTime: 'Czas dojścia', serviceTime: 'Czas obsługi' }[measure]} – ${
      { mean: 'średnia', median: 'mediana', p90: '90. centyl', longest: 'najdłuższy' }[figure]
    } (s)`,
};

/** The wait's median, 90th percentile, mean and longest; the walk's and the service's mean and longest. */
const DURATION_HEADINGS = [
  ...['mediana', '90. centyl', 'średnia', 'najdłuższy'].map((figure) => `Czas oczekiwania – ${figure} (s)`),
  ...['Czas dojścia', 'Czas obsługi'].flatMap((measure) => [`${measure} – średnia (s)`, `${measure} – najdłuższy (s)`]),
];

const figures = (tickets: number): Figures => ({
  tickets,
  served: tickets - 2,
  noShow: 1,
  left: 1,
  called: tickets - 1,
  withinTarget: tickets - 3,
  noShowRate: 1 / tickets,
  leftRate: 1 / tickets,
  withinTargetShare: (tickets - 3) / (tickets - 1),
  waitTime: { mean: 612.5, median: 600.25, p90: 1500.125, longest: 3599.996 },
  walkTime: { mean: 40.5, longest: 89.5 },
  serviceTime: { mean: 480, longest: null },
});

const REPORT: Report = ReportSchema.parse({
  from: '2026-01-01',
  to: '2027-01-01',
  targetMinutes: 15,
  timeZone: 'Europe/Warsaw',
  overall: figures(30),
  byService: [
    { ...figures(10), service: 'Dowody osobiste — zażółć gęślą jaźń' },
    { ...figures(20), service: 'Rejestracja, "pojazdów"\nnowych' },
  ],
  byCounter: [{ ...figures(30), counter: 7 }],
  byClerk: [{ ...figures(30), clerk: '=HYPERLINK("http://zło.example")' }],
  byHour: [{ ...(({ waitTime: _w, walkTime: _k, serviceTime: _s, ...c }) => c)(figures(30)), hour: 8 }],
  byServiceHour: [],
  appointments: { booked: 0, kept: 0, missed: 0, cancelled: 0 },
  appointmentsByService: [],
  satisfaction: { answers: 0, byScore: [0, 0, 0, 0, 0], mean: null, satisfiedShare: null, reasons: [] },
  satisfactionByService: [],
});

/** The rows of `text`, after checking its BOM and that only `quotedLineFeeds` LFs are not CRLF. */
function readBack(text: string, delimiter: string, quotedLineFeeds = 0): string[][] {
  expect(text.startsWith(CSV_BOM)).toBe(true);
  expect(text.replace(/\r\n/g, '').match(/\n/g)?.length ?? 0).toBe(quotedLineFeeds);
  return parse(text, { bom: true, delimiter, relax_column_count: false }) as string[][];
}

describe('a report as CSV', () => {
  it('writes RFC 4180 with a BOM: the services table read back field for field', () => {
    const rows = readBack(reportCsv(REPORT, 'byService', HEADINGS)!, ',', 1);
    expect(rows[0]).toEqual([
      'Usługa',
      'Bilety',
      'Obsłużeni',
      'Nieobecni',
      'Odeszli przed wywołaniem',
      'Wywołani',
      'W docelowym czasie',
      'Odsetek nieobecnych',
      'Odsetek odchodzących',
      'Udział w docelowym czasie',
      ...DURATION_HEADINGS,
    ]);
    expect(rows.slice(1).map((row) => row[0])).toEqual([
      'Dowody osobiste — zażółć gęślą jaźń',
      'Rejestracja, "pojazdów"\nnowych',
    ]);
    expect(rows[2]!.slice(1, 10).map(Number)).toEqual([20, 18, 1, 1, 19, 17, 0.05, 0.05, 17 / 19]);
    expect(rows[2]!.slice(10)).toEqual(['600.25', '1500.125', '612.5', '3599.996', '40.5', '89.5', '480', '']);
  });

  it('writes semicolons and decimal commas for a Polish Excel', () => {
    const rows = readBack(reportCsv(REPORT, 'byService', HEADINGS, 'excel-pl')!, ';', 1);
    expect(rows[1]!.slice(10, 14)).toEqual(['600,25', '1500,125', '612,5', '3599,996']);
    expect(rows.every((row) => row.length === rows[0]!.length)).toBe(true);
  });

  it("counters and clerks have the same columns as services; a clerk's name cannot run as a formula", () => {
    const rows = readBack(reportCsv(REPORT, 'byClerk', HEADINGS)!, ',');
    expect(rows[0]!.slice(10)).toEqual(DURATION_HEADINGS);
    expect(rows[1]!.slice(10, 12)).toEqual(['600.25', '1500.125']);
    expect(rows[1]![0]).toBe(`'=HYPERLINK("http://zło.example")`);
  });

  it("writes any of the screen's other tables as shown: BOM, the dialect, names made inert", () => {
    const columns = ['Sprawa', 'Odpowiedzi', 'Średnia ocena (1–5)', 'Zadowoleni (ocena 4 lub 5)'];
    const rows = [
      ['Dowody osobiste — zażółć gęślą jaźń', '3', '4,33', '67%'],
      ['=SUM(A1:A9)', '1', '5,00', '100%'],
    ];
    const polish = readBack(textTableCsv(columns, rows, 'excel-pl'), ';');
    expect(polish).toEqual([columns, rows[0], ["'=SUM(A1:A9)", '1', '5,00', '100%']]);
    // RFC 4180: a field with the comma is quoted, and reads back whole.
    expect(readBack(textTableCsv(columns, rows), ',')[1]).toEqual(rows[0]);
  });

  it('gives no clerks table to whom the hub withheld it', () => {
    expect(reportCsv({ ...REPORT, byClerk: null }, 'byClerk', HEADINGS)).toBeNull();
  });
});
