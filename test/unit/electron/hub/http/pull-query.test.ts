import { describe, expect, it } from 'vitest';
import { HubFailure } from '../../../../../electron/hub/errors';
import { DEFAULT_PULL_LIMIT, parsePullQuery } from '../../../../../electron/hub/http/pull-query';

describe('pull parameters', () => {
  const parse = (query: string) => parsePullQuery(new URLSearchParams(query));
  const refused = (query: string) => {
    expect(() => parse(query)).toThrow(HubFailure);
    try {
      parse(query);
    } catch (error) {
      expect((error as HubFailure).status).toBe(400);
    }
  };

  it('read a checkpoint and a limit', () => {
    expect(parse('')).toEqual({ checkpoint: null, limit: DEFAULT_PULL_LIMIT });
    expect(parse('stamp=12&id=t-1&limit=50')).toEqual({ checkpoint: { stamp: 12, id: 't-1' }, limit: 50 });
    expect(parse('stamp=0&id=')).toEqual({ checkpoint: { stamp: 0, id: '' }, limit: DEFAULT_PULL_LIMIT });
    expect(parse('limit=100000').limit).toBe(1000);
  });

  it("refuse RxDB's default checkpoint, half a checkpoint, and nonsense", () => {
    for (const query of [
      'id=x&lwt=1700000000000',
      'stamp=5',
      'id=x',
      'stamp=-1&id=x',
      'stamp=1.5&id=x',
      'stamp=x&id=y',
      'limit=0',
      'limit=-3',
      'stamp=1&stamp=2&id=x',
      `stamp=1&id=${'x'.repeat(129)}`,
    ]) {
      refused(query);
    }
  });
});
