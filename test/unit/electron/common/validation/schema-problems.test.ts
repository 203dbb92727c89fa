/**
 * A zod issue as a problem a person can act on: each kind of mistake in a small schema gives its
 * code, the field's path and the detail (the limit, the unknown key, the allowed values), and every
 * code has words in Polish, English and Ukrainian.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  formatPath,
  SCHEMA_PROBLEM_CODES,
  SCHEMA_WORDS,
  parseOrProblems,
  type SchemaProblem,
} from '../../../../../electron/common/validation/schema-problems';

const Schema = z.strictObject({
  id: z.string().regex(/^[a-z-]+$/),
  name: z.string().trim().min(1).max(10),
  minutes: z.number().int().min(5).max(240),
  days: z.array(z.number()).min(1).max(3),
  kind: z.enum(['a', 'b']),
  at: z.string().regex(/^\d\d:\d\d$/, 'HH:MM'),
});

const valid = { id: 'ok', name: 'Nazwa', minutes: 15, days: [1], kind: 'a', at: '08:00' };

function problemOf(change: Record<string, unknown>): SchemaProblem {
  const parsed = parseOrProblems(Schema, { ...valid, ...change }, { isId: (path) => path.at(-1) === 'id' });
  if (parsed.ok) throw new Error('expected a problem');
  expect(parsed.problems).toHaveLength(1);
  return parsed.problems[0]!;
}

describe('a schema issue as a problem', () => {
  it.each<[string, Record<string, unknown>, Partial<SchemaProblem>]>([
    ['a missing field', { minutes: undefined }, { code: 'required', path: ['minutes'] }],
    ['a wrong type', { minutes: 'dużo' }, { code: 'wrong-type', detail: 'number' }],
    ['an empty text', { name: '  ' }, { code: 'empty-text', path: ['name'] }],
    ['a text too long', { name: 'x'.repeat(11) }, { code: 'too-long', detail: '10' }],
    ['a bad identifier', { id: 'Źle' }, { code: 'bad-id', path: ['id'] }],
    ['a bad format', { at: '8' }, { code: 'bad-format', detail: 'HH:MM' }],
    ['an unknown field', { colour: 'red' }, { code: 'unknown-field', detail: 'colour' }],
    ['too few items', { days: [] }, { code: 'too-few', detail: '1' }],
    ['too many items', { days: [1, 2, 3, 4] }, { code: 'too-many', detail: '3' }],
    ['a number too small', { minutes: 1 }, { code: 'too-small', detail: '5' }],
    ['a number too big', { minutes: 500 }, { code: 'too-big', detail: '240' }],
    ['a value not allowed', { kind: 'c' }, { code: 'bad-value', detail: 'a, b' }],
  ])('%s', (_name, change, expected) => {
    expect(problemOf(change)).toMatchObject(expected);
  });

  it('every code has words in every language, with a place for the detail where it needs one', () => {
    for (const code of SCHEMA_PROBLEM_CODES)
      for (const language of ['pl', 'en', 'uk'] as const)
        expect(SCHEMA_WORDS[language][code].length).toBeGreaterThan(5);
  });

  it('a path joins names with dots and puts indexes in brackets', () => {
    expect(formatPath(['steps', 2, 'question', 'options', 0, 'label', 'uk'])).toBe(
      'steps[2].question.options[0].label.uk',
    );
    expect(formatPath([])).toBe('');
  });
});
