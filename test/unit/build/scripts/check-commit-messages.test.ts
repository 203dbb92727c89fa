import { describe, expect, it } from 'vitest';
import { commitMessageProblems, MAX_SUBJECT } from '../../../../build/scripts/check-commit-messages';

describe('commit message rule', () => {
  const body = 'Why: the hub and the station imported the renderer.';

  it('accepts a subject of 72 characters with a body', () => {
    expect(commitMessageProblems({ hash: 'a', subject: 'x'.repeat(MAX_SUBJECT), body })).toEqual([]);
  });

  it('refuses a longer subject and names its length', () => {
    expect(commitMessageProblems({ hash: 'a', subject: 'x'.repeat(73), body })).toEqual([
      'subject is 73 characters (at most 72)',
    ]);
  });

  it('refuses a commit with no body, however short its subject', () => {
    expect(commitMessageProblems({ hash: 'a', subject: 'Fix', body: ' \n' })).toEqual(['no body: say why in the body']);
  });
});
