import { describe, expect, it } from 'vitest';
import {
  ANSWER_FIELDS,
  answerProblem,
  isRated,
  normaliseReasons,
  satisfactionAnswer,
} from '../../../../../electron/common/domain/satisfaction';

const WARSAW = 'Europe/Warsaw';
// 2026-03-10 14:37:12.345 in Warsaw (UTC+1).
const AT = Date.UTC(2026, 2, 10, 13, 37, 12, 345);

describe('satisfaction answers', () => {
  it('hold the office day, the service and the score — the time cut to the start of the day, nothing else', () => {
    const answer = satisfactionAnswer({
      id: 'a1',
      service: 'dowody',
      score: 4,
      reasons: ['other', 'waiting-time', 'other', 'not-a-reason'],
      at: AT,
      timeZone: WARSAW,
    });
    expect(answer).toEqual({
      id: 'a1',
      day: '2026-03-10',
      service: 'dowody',
      score: 4,
      reasons: ['waiting-time', 'other'],
      updatedAt: Date.UTC(2026, 2, 9, 23),
    });
    expect(Object.keys(answer).sort()).toEqual([...ANSWER_FIELDS].sort());
    expect(answerProblem(answer)).toBeNull();
  });

  it('take the office day of the office time zone, across midnight', () => {
    const late = Date.UTC(2026, 6, 1, 22, 30); // 00:30 on 2 July in Warsaw (UTC+2)
    const answer = satisfactionAnswer({ id: 'a', service: 's', score: 1, reasons: [], at: late, timeZone: WARSAW });
    expect(answer.day).toBe('2026-07-02');
    expect(answer.updatedAt).toBe(Date.UTC(2026, 6, 1, 22));
  });

  it('refuse a score outside 1–5', () => {
    expect(() =>
      satisfactionAnswer({ id: 'a', service: 's', score: 6 as never, reasons: [], at: AT, timeZone: WARSAW }),
    ).toThrow(RangeError);
  });

  it('are refused with anything that could name the visit, or out of range', () => {
    const good = satisfactionAnswer({ id: 'a', service: 's', score: 5, reasons: [], at: AT, timeZone: WARSAW });
    expect(answerProblem({ ...good, ticket: 't1' })).toMatch(/ticket/);
    expect(answerProblem({ ...good, counter: 3 })).toMatch(/counter/);
    expect(answerProblem({ ...good, clerk: 'ewa' })).toMatch(/clerk/);
    expect(answerProblem({ ...good, updatedAt: AT })).toMatch(/whole hour/);
    expect(answerProblem({ ...good, score: 0 })).toMatch(/score/);
    expect(answerProblem({ ...good, score: 2.5 })).toMatch(/score/);
    expect(answerProblem({ ...good, reasons: ['bribe'] })).toMatch(/reason/);
    expect(answerProblem({ ...good, reasons: ['other', 'other'] })).toMatch(/once/);
    expect(answerProblem({ ...good, hour: 14 })).toMatch(/hour/);
    expect(answerProblem({ ...good, day: '10.03.2026' })).toMatch(/day/);
  });

  it('keep the reasons in the domain order, each once', () => {
    expect(normaliseReasons(['other', 'staff-kindness', 'staff-kindness'])).toEqual(['staff-kindness', 'other']);
  });

  it('mark a visit rated by its ticket event only', () => {
    expect(isRated({ events: [{ type: 'issued' }, { type: 'done' }] })).toBe(false);
    expect(isRated({ events: [{ type: 'done' }, { type: 'rated' }] })).toBe(true);
  });
});
