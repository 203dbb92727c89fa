/**
 * A supervisor's report (contract/hub-reports.ts) in SQL, over `ticket_facts` (migrations 7, 11: one
 * narrow row per ticket, kept by a trigger on `documents`) and the range's appointments. Nothing but
 * the figures leaves the database.
 *
 * What costs is sorting: `percentile_cont` sorts the durations of each group, and each grouping
 * sorts the year by its key. One pass takes the office, each service, each counter and each clerk
 * (GROUPING SETS) with the wait's median and 90th percentile, and every duration's mean and longest;
 * the walk's and the service's medians would triple the sorting, past a year's report within a
 * second on PGlite (measured). A second pass counts each service by hour of the day by hash, with
 * no sort. Durations are int milliseconds (migration 11: a bigint costs an allocation per value in
 * PGlite's 32-bit build) until the end. Both run in one transaction with enough `work_mem` to sort
 * a year in memory, and no JIT (it costs more than it saves here). A year of a large office:
 * `BENCH_ONLY=reports`.
 */
import {
  DEFAULT_TARGET_MINUTES,
  type AppointmentFigures,
  type Counts,
  type Figures,
  type Mean,
  type Report,
  type ReportQuery,
} from '../common/contract/hub-reports';
import { officeDocument, timeZoneOf } from './booking-reads';
import { satisfactionReport } from './satisfaction-report';
import type { SqlClient } from './sql';

/** The counts every group has: $1 from, $2 to (office days), $3 the target wait in ms. */
const COUNTS = `count(*) AS tickets,
         count(*) FILTER (WHERE outcome = 'served') AS served,
         count(*) FILTER (WHERE outcome = 'no-show') AS no_show,
         count(*) FILTER (WHERE outcome = 'left') AS left_,
         count(wait_ms) AS called,
         count(*) FILTER (WHERE wait_ms <= $3) AS within_target`;

/** The durations, kept as int milliseconds (migration 11): 0 wait, 1 walk, 2 service. */
const DURATIONS = ['wait_ms', 'walk_ms', 'service_ms'] as const;

/** Each duration's mean (an exact integer sum, then one division, as any program would) and longest. */
const MEANS = DURATIONS.map(
  (duration, n) =>
    `sum(${duration})::float8 / nullif(count(${duration}), 0) AS mean_${n}, max(${duration}) AS longest_${n}`,
).join(',\n         ');

/** The wait's median and 90th percentile. */
const WAIT_PERCENTILES = `percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY wait_ms) AS wait_percentiles`;

/** GROUPING(service, counter, clerk): a bit set for each column a row is NOT grouped by. */
const GROUPS = { overall: 7, service: 3, counter: 5, clerk: 6 } as const;

/** The office, each service, each counter and each clerk, with their figures. */
const FIGURES_SQL = `
  SELECT GROUPING(service, counter, clerk) AS grouping, service, counter, clerk, ${COUNTS}, ${MEANS},
         ${WAIT_PERCENTILES}
    FROM ticket_facts
   WHERE day >= $1 AND day < $2
   GROUP BY GROUPING SETS ((), (service), (counter), (clerk))`;

/** Each service by the hour of the day (the hours of the day are its sums: counts add up). */
const HOURS_SQL = `
  SELECT service, hour, ${COUNTS}
    FROM ticket_facts
   WHERE day >= $1 AND day < $2
   GROUP BY service, hour`;

/** Numbers arrive as strings from `pg` (bigint, numeric) and as numbers from PGlite. */
type Num = number | string | null;

interface CountsRow extends Record<string, unknown> {
  tickets: Num;
  served: Num;
  no_show: Num;
  left_: Num;
  called: Num;
  within_target: Num;
}

/** mean_n, longest_n of the durations 0 wait, 1 walk, 2 service. */
type DurationColumns = Record<`${'mean' | 'longest'}_${0 | 1 | 2}`, Num>;

interface FiguresRow extends CountsRow, DurationColumns {
  grouping: Num;
  service: string | null;
  counter: Num;
  clerk: string | null;
  wait_percentiles: Num[] | null;
}

interface HourRow extends CountsRow {
  service: string;
  hour: Num;
}

const num = (value: Num | undefined): number | null => (value === null || value === undefined ? null : Number(value));
const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);
const seconds = (ms: Num | undefined): number | null => (ms === null || ms === undefined ? null : Number(ms) / 1000);

function countsOf(row: CountsRow): Counts {
  const [tickets, served, noShow, left, called, withinTarget] = [
    row.tickets,
    row.served,
    row.no_show,
    row.left_,
    row.called,
    row.within_target,
  ].map(Number) as [number, number, number, number, number, number];
  return {
    ...{ tickets, served, noShow, left, called, withinTarget },
    noShowRate: ratio(noShow, tickets),
    leftRate: ratio(left, tickets),
    withinTargetShare: ratio(withinTarget, called),
  };
}

const mean = (row: DurationColumns, n: 0 | 1 | 2): Mean => ({
  mean: seconds(row[`mean_${n}`]),
  longest: seconds(row[`longest_${n}`]),
});

function figuresOf(row: FiguresRow): Figures {
  const [median, p90] = row.wait_percentiles ?? [];
  return {
    ...countsOf(row),
    waitTime: { ...mean(row, 0), median: seconds(median), p90: seconds(p90) },
    walkTime: mean(row, 1),
    serviceTime: mean(row, 2),
  };
}

const byKey =
  <K extends string>(key: K) =>
  (a: Record<K, string | number>, b: Record<K, string | number>) =>
    String(a[key]).localeCompare(String(b[key]), 'en', { numeric: true });

/** One grouping's rows, sorted by its key; a null key (a ticket no counter dealt with) left out. */
function groupRows<K extends 'service' | 'counter' | 'clerk', V extends string | number>(
  rows: readonly FiguresRow[],
  key: K,
  value: (row: FiguresRow) => V | null,
): (Figures & Record<K, V>)[] {
  return rows
    .filter((row) => Number(row.grouping) === GROUPS[key] && value(row) !== null)
    .map((row) => ({ ...figuresOf(row), [key]: value(row) }) as Figures & Record<K, V>)
    .sort(byKey(key));
}

const COUNT_COLUMNS = ['tickets', 'served', 'no_show', 'left_', 'called', 'within_target'] as const;

function hoursOf(serviceHours: readonly HourRow[]): Pick<Report, 'byHour' | 'byServiceHour'> {
  const perHour = new Map<number, CountsRow>();
  for (const row of serviceHours) {
    const sum = perHour.get(Number(row.hour)) ?? {
      tickets: 0,
      served: 0,
      no_show: 0,
      left_: 0,
      called: 0,
      within_target: 0,
    };
    for (const column of COUNT_COLUMNS) sum[column] = Number(sum[column]) + Number(row[column]);
    perHour.set(Number(row.hour), sum);
  }
  return {
    byHour: [...perHour].map(([hour, sum]) => ({ ...countsOf(sum), hour })).sort((a, b) => a.hour - b.hour),
    byServiceHour: serviceHours
      .map((row) => ({ service: row.service, hour: Number(row.hour), tickets: Number(row.tickets) }))
      .sort((a, b) => a.service.localeCompare(b.service, 'en') || a.hour - b.hour),
  };
}

interface AppointmentRow extends Record<string, unknown> {
  service: string | null;
  booked: Num;
  kept: Num;
  missed: Num;
  cancelled: Num;
}

const APPOINTMENTS_SQL = `
  SELECT data->>'service' AS service,
         count(*) FILTER (WHERE data->>'state' = 'booked') AS booked,
         count(*) FILTER (WHERE data->>'state' = 'checked-in') AS kept,
         count(*) FILTER (WHERE data->>'state' = 'no-show') AS missed,
         count(*) FILTER (WHERE data->>'state' = 'cancelled') AS cancelled
    FROM documents
   WHERE collection = 'appointments' AND NOT deleted AND data->>'day' >= $1 AND data->>'day' < $2
   GROUP BY ROLLUP (data->>'service')`;

function appointmentFigures(row: AppointmentRow | undefined): AppointmentFigures {
  return {
    booked: num(row?.booked) ?? 0,
    kept: num(row?.kept) ?? 0,
    missed: num(row?.missed) ?? 0,
    cancelled: num(row?.cancelled) ?? 0,
  };
}

function appointmentsOf(rows: readonly AppointmentRow[]): Pick<Report, 'appointments' | 'appointmentsByService'> {
  return {
    appointments: appointmentFigures(rows.find((row) => row.service === null)),
    appointmentsByService: rows
      .filter((row) => row.service !== null)
      .map((row) => ({ ...appointmentFigures(row), service: row.service! }))
      .sort((a, b) => a.service.localeCompare(b.service, 'en')),
  };
}

/** The report of [from, to); `withClerks` false leaves the per-clerk figures out (null). */
export async function officeReport(db: SqlClient, query: ReportQuery, withClerks: boolean): Promise<Report> {
  const office = await officeDocument(db);
  const timeZone = timeZoneOf(office);
  // The office's target wait (its documents are checked against the schema: an integer, 1–480).
  const target = query.target ?? office?.targetWaitMinutes ?? DEFAULT_TARGET_MINUTES;
  const range = [query.from, query.to, target * 60_000];
  const [figures, hours, appointments, satisfaction] = await db.transaction(async (tx) => {
    await tx.exec(`SET LOCAL work_mem = '64MB'; SET LOCAL jit = off`);
    return [
      await tx.query<FiguresRow>(FIGURES_SQL, range),
      await tx.query<HourRow>(HOURS_SQL, range),
      await tx.query<AppointmentRow>(APPOINTMENTS_SQL, [query.from, query.to]),
      await satisfactionReport(tx, query.from, query.to),
    ] as const;
  });
  // The empty grouping set gives its row even for a range without tickets.
  const overall = figures.find((row) => Number(row.grouping) === GROUPS.overall)!;
  return {
    ...{ from: query.from, to: query.to, targetMinutes: target, timeZone },
    overall: figuresOf(overall),
    byService: groupRows(figures, 'service', (row) => row.service),
    byCounter: groupRows(figures, 'counter', (row) => num(row.counter)),
    byClerk: withClerks ? groupRows(figures, 'clerk', (row) => row.clerk) : null,
    ...hoursOf(hours),
    ...appointmentsOf(appointments),
    ...satisfaction,
  };
}
