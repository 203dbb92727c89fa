/** The booking page's counts in Polish and Ukrainian plurals (one/few/many), through the ICU messages. */
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../../../renderer/i18n/i18n';

const format = (language: 'pl' | 'uk' | 'en', id: keyof (typeof MESSAGES)['pl'], count: number) =>
  new IntlMessageFormat(MESSAGES[language][id], language).format({ count }) as string;

describe('booking counts', () => {
  it('counts free times of a day in Polish', () => {
    expect([1, 2, 5, 12, 22].map((count) => format('pl', 'booking.day.free', count))).toEqual([
      '1 wolna godzina',
      '2 wolne godziny',
      '5 wolnych godzin',
      '12 wolnych godzin',
      '22 wolne godziny',
    ]);
  });

  it('says the last place, or how few are left', () => {
    expect(format('pl', 'booking.time.few', 1)).toBe('ostatnie wolne miejsce');
    expect(format('pl', 'booking.time.few', 2)).toBe('2 wolne miejsca');
    expect(format('uk', 'booking.time.few', 1)).toBe('останнє вільне місце');
    expect(format('uk', 'booking.time.few', 2)).toBe('2 вільні місця');
    expect(format('en', 'booking.time.few', 2)).toBe('2 free places');
  });

  it('counts in Ukrainian', () => {
    expect([1, 3, 5, 21].map((count) => format('uk', 'booking.day.free', count))).toEqual([
      '1 вільний термін',
      '3 вільні терміни',
      '5 вільних термінів',
      '21 вільний термін',
    ]);
  });
});
