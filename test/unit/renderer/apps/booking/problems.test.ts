/** Every refusal in words, in every language, and where the resident goes on from it. */
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { BOOKING_REFUSALS } from '../../../../../electron/common/contract/public';
import {
  problemOf,
  problemWords,
  sendingWords,
  stepAfter,
  type Problem,
} from '../../../../../renderer/apps/booking/problems';
import { MESSAGES } from '../../../../../renderer/i18n/i18n';

const PROBLEMS: Problem[] = [...BOOKING_REFUSALS, 'lost', 'missing'];
const say = (problem: Problem, language: keyof typeof MESSAGES = 'pl') =>
  new IntlMessageFormat(MESSAGES[language][problemWords(problem)], language).format() as string;

describe('a refusal in words', () => {
  it('words every refusal of the contract, and a lost connection, in all three languages', () => {
    for (const language of ['pl', 'en', 'uk'] as const) {
      const words = PROBLEMS.map((problem) => say(problem, language));
      expect(new Set(words).size, language).toBe(PROBLEMS.length);
    }
  });

  it('says them plainly in Polish', () => {
    expect(say('slot-taken')).toBe('Ktoś właśnie zajął ten termin. Wybierz inny.');
    expect(say('too-many-requests')).toContain('Odczekaj minutę');
    expect(say('unknown-booking')).toBe('Nie znaleźliśmy takiej rezerwacji.');
    expect(say('lost')).toContain('Brak połączenia');
  });

  it('after sending, tells a lost connection that what was typed is kept', () => {
    expect(MESSAGES.pl[sendingWords('lost')]).toContain('To, co wpisano, jest zachowane');
    expect(sendingWords('slot-taken')).toBe(problemWords('slot-taken'));
  });
});

describe('where a refusal leads', () => {
  it('sends a taken slot back to the times, one no longer bookable to the days, a gone service to the services', () => {
    expect(stepAfter('slot-taken')).toBe('time');
    expect(stepAfter('not-bookable')).toBe('day');
    expect(stepAfter('unknown-service')).toBe('service');
  });

  it('keeps the resident where they are when waiting or trying again is the answer', () => {
    for (const problem of ['too-many-requests', 'lost', 'missing'] as const) expect(stepAfter(problem)).toBeNull();
  });

  it('reads the problem of an answer', () => {
    expect(problemOf({ kind: 'refused', refusal: 'slot-taken' })).toBe('slot-taken');
    expect(problemOf({ kind: 'lost' })).toBe('lost');
    expect(problemOf({ kind: 'missing' })).toBe('missing');
    expect(problemOf({ kind: 'ok', value: 1 })).toBeNull();
    expect(problemOf({ kind: 'aborted' })).toBeNull();
  });
});
