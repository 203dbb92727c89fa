/**
 * Visitors' satisfaction in a supervisor's report (contract/hub-reports.ts `satisfaction`,
 * `satisfactionByService`): the answers of a range of office days (domain/satisfaction.ts), counted
 * in SQL per service and score and per service and reason — a few dozen rows, whatever the range —
 * and made figures by the same code as today's offline report (reports/satisfaction-figures.ts), so
 * the two never disagree. It reads `satisfaction_counts` (migration 10: the answers counted per
 * day, service and score or reason, kept by a trigger on `documents`), so a year of a large office
 * sums a few thousand rows, not every answer.
 */
import type { Report } from '../common/contract/hub-reports';
import { figuresOfCounts } from '../common/reports/satisfaction-figures';
import type { SqlQueryable } from './sql';

/** $1 from, $2 to (office days, [from, to)): per service, a row per score and a row per reason. */
const SATISFACTION_SQL = `
  SELECT service, nullif(score, 0) AS score, nullif(reason, '') AS reason, sum(answers) AS answers
    FROM satisfaction_counts
   WHERE day >= $1 AND day < $2
   GROUP BY service, score, reason
  HAVING sum(answers) > 0`;

interface SatisfactionRow extends Record<string, unknown> {
  service: string;
  score: number | string | null;
  reason: string | null;
  answers: number | string;
}

interface Counts {
  byScore: number[];
  reasons: Map<string, number>;
}

const emptyCounts = (): Counts => ({ byScore: [0, 0, 0, 0, 0], reasons: new Map() });

function addRow(counts: Counts, row: SatisfactionRow): void {
  const answers = Number(row.answers);
  if (row.reason !== null) counts.reasons.set(row.reason, (counts.reasons.get(row.reason) ?? 0) + answers);
  else counts.byScore[Number(row.score) - 1]! += answers;
}

export type SatisfactionPart = Pick<Report, 'satisfaction' | 'satisfactionByService'>;

/** The figures of the office and of each service with answers, from the rows of SATISFACTION_SQL. */
export function satisfactionOf(rows: readonly SatisfactionRow[]): SatisfactionPart {
  const office = emptyCounts();
  const services = new Map<string, Counts>();
  for (const row of rows) {
    addRow(office, row);
    const service = services.get(row.service) ?? emptyCounts();
    addRow(service, row);
    services.set(row.service, service);
  }
  return {
    satisfaction: figuresOfCounts(office),
    satisfactionByService: [...services]
      .map(([service, counts]) => ({ ...figuresOfCounts(counts), service }))
      .sort((a, b) => a.service.localeCompare(b.service, 'en', { numeric: true })),
  };
}

/** The satisfaction figures of [from, to). */
export async function satisfactionReport(db: SqlQueryable, from: string, to: string): Promise<SatisfactionPart> {
  return satisfactionOf(await db.query<SatisfactionRow>(SATISFACTION_SQL, [from, to]));
}
