/**
 * Visitors' answers (domain/satisfaction.ts) as the report's figures (contract/hub-reports.ts
 * `SatisfactionFigures`), for the office and by service. Pure: today's offline report counts the
 * workstation's own answers with it, and the hub (electron/hub/satisfaction-report.ts) counts in
 * SQL and finishes with `figuresOfCounts`, so both give the same numbers to the last digit.
 */
import type { SatisfactionFigures } from '../contract/hub-reports';
import { SATISFIED_FROM, type SatisfactionAnswer } from '../domain/satisfaction';

/** What the figures are made of: answers per score 1…5 and how often each reason was picked. */
export interface SatisfactionCounts {
  /** Five numbers: answers of score 1 … 5. */
  readonly byScore: readonly number[];
  readonly reasons: ReadonlyMap<string, number>;
}

/** What the figures read of an answer; a reason code this version does not know is counted as it is. */
export interface AnswerForFigures extends Pick<SatisfactionAnswer, 'service' | 'score'> {
  readonly reasons: readonly string[];
}

const emptyCounts = (): { byScore: number[]; reasons: Map<string, number> } => ({
  byScore: [0, 0, 0, 0, 0],
  reasons: new Map(),
});

/** Most often first; a tie by the code, so every reader sees one order. */
function byCount(a: { reason: string; count: number }, b: { reason: string; count: number }): number {
  return b.count - a.count || (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0);
}

/** The figures of counts: the mean and the share from the five counts, so SQL and code agree. */
export function figuresOfCounts(counts: SatisfactionCounts): SatisfactionFigures {
  const byScore = [0, 1, 2, 3, 4].map((n) => counts.byScore[n] ?? 0);
  const answers = byScore.reduce((sum, count) => sum + count, 0);
  const total = byScore.reduce((sum, count, n) => sum + count * (n + 1), 0);
  const satisfied = byScore.slice(SATISFIED_FROM - 1).reduce((sum, count) => sum + count, 0);
  return {
    answers,
    byScore,
    mean: answers > 0 ? total / answers : null,
    satisfiedShare: answers > 0 ? satisfied / answers : null,
    reasons: [...counts.reasons]
      .filter(([, count]) => count > 0)
      .map(([reason, count]) => ({ reason, count }))
      .sort(byCount),
  };
}

function add(counts: ReturnType<typeof emptyCounts>, answer: AnswerForFigures): void {
  counts.byScore[answer.score - 1]! += 1;
  for (const reason of new Set(answer.reasons)) counts.reasons.set(reason, (counts.reasons.get(reason) ?? 0) + 1);
}

/** The office's figures of these answers. */
export function satisfactionFigures(answers: readonly AnswerForFigures[]): SatisfactionFigures {
  const counts = emptyCounts();
  for (const answer of answers) add(counts, answer);
  return figuresOfCounts(counts);
}

/** The figures of each service that has answers, by the service's id. */
export function satisfactionFiguresByService(
  answers: readonly AnswerForFigures[],
): (SatisfactionFigures & { service: string })[] {
  const perService = new Map<string, ReturnType<typeof emptyCounts>>();
  for (const answer of answers) {
    const counts = perService.get(answer.service) ?? emptyCounts();
    add(counts, answer);
    perService.set(answer.service, counts);
  }
  return [...perService]
    .map(([service, counts]) => ({ ...figuresOfCounts(counts), service }))
    .sort((a, b) => a.service.localeCompare(b.service, 'en', { numeric: true }));
}

/** Both, as the report holds them. */
export function satisfactionReport(answers: readonly AnswerForFigures[]): {
  satisfaction: SatisfactionFigures;
  satisfactionByService: (SatisfactionFigures & { service: string })[];
} {
  return { satisfaction: satisfactionFigures(answers), satisfactionByService: satisfactionFiguresByService(answers) };
}
