import { describe, expect, it } from 'vitest';
import { SatisfactionFiguresSchema } from '../../../../../electron/common/contract/hub-reports';
import type { SatisfactionScore } from '../../../../../electron/common/domain/satisfaction';
import {
  figuresOfCounts,
  satisfactionFigures,
  satisfactionFiguresByService,
  satisfactionReport,
} from '../../../../../electron/common/reports/satisfaction-figures';

const answer = (service: string, score: SatisfactionScore, ...reasons: string[]) => ({
  service,
  score,
  reasons,
});

describe('satisfaction figures', () => {
  it('are empty, with five zero counts and no mean, for no answers', () => {
    expect(satisfactionFigures([])).toEqual({
      answers: 0,
      byScore: [0, 0, 0, 0, 0],
      mean: null,
      satisfiedShare: null,
      reasons: [],
    });
    expect(satisfactionFiguresByService([])).toEqual([]);
  });

  it('count answers by score, the mean, the share of 4 and 5, and the reasons most often first', () => {
    const figures = satisfactionFigures([
      answer('b', 5, 'staff-kindness', 'matter-settled'),
      answer('a', 4, 'staff-kindness'),
      answer('a', 1, 'waiting-time', 'hard-to-find-way'),
      answer('a', 2, 'waiting-time'),
      answer('b', 5),
    ]);
    expect(SatisfactionFiguresSchema.parse(figures)).toEqual(figures);
    expect(figures).toEqual({
      answers: 5,
      byScore: [1, 1, 0, 1, 2],
      mean: 17 / 5,
      satisfiedShare: 3 / 5,
      reasons: [
        { reason: 'staff-kindness', count: 2 },
        { reason: 'waiting-time', count: 2 },
        { reason: 'hard-to-find-way', count: 1 },
        { reason: 'matter-settled', count: 1 },
      ],
    });
  });

  it('give each service its own figures, by the service id', () => {
    const byService = satisfactionFiguresByService([answer('s10', 3), answer('s2', 4, 'other'), answer('s2', 2)]);
    expect(byService.map((figures) => [figures.service, figures.answers, figures.mean])).toEqual([
      ['s2', 2, 3],
      ['s10', 1, 3],
    ]);
    expect(byService[0]!.reasons).toEqual([{ reason: 'other', count: 1 }]);
  });

  it('count a reason given twice in one answer once', () => {
    expect(satisfactionFigures([answer('a', 3, 'other', 'other')]).reasons).toEqual([{ reason: 'other', count: 1 }]);
  });

  it('are the same from counts as from answers, which the hub relies on', () => {
    const answers = [answer('a', 1, 'other'), answer('a', 5), answer('a', 5, 'other', 'waiting-time')];
    expect(
      figuresOfCounts({
        byScore: [1, 0, 0, 0, 2],
        reasons: new Map([
          ['waiting-time', 1],
          ['other', 2],
        ]),
      }),
    ).toEqual(satisfactionFigures(answers));
    expect(satisfactionReport(answers).satisfactionByService).toEqual([
      { ...satisfactionFigures(answers), service: 'a' },
    ]);
  });
});
