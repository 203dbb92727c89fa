/**
 * The kiosk's service finder over the demo office: a table of what visitors type — Polish word
 * forms, typos, English and Ukrainian, prefixes typed so far — and the matter that must come first,
 * or nothing at all; the word folding and stemming underneath; where "I don't know" leads.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_SERVICES } from '../../../../../electron/common/domain/demo-office';
import { foldText, stemsOf } from '../../../../../electron/common/domain/search-words';
import {
  createServiceFinder,
  informationService,
  type FindableService,
} from '../../../../../electron/common/domain/service-finder';

const finder = createServiceFinder(DEMO_SERVICES);

describe('the service finder over the demo office', () => {
  it.each([
    // Polish, as typed and inflected
    ['zgubiłem dowód', 'id-cards'],
    ['zgubiłam dowód', 'id-cards'],
    ['dowodu', 'id-cards'],
    ['dowodem', 'id-cards'],
    ['dowód osobisty', 'id-cards'],
    ['zgubilem dowod', 'id-cards'],
    ['meldunek', 'residence'],
    ['meldunku', 'residence'],
    ['zameldować', 'residence'],
    ['zameldowanie dziecka', 'residence'],
    ['rejestracja auta', 'vehicles'],
    ['rejestracji samochodu', 'vehicles'],
    ['tablice', 'vehicles'],
    ['prawa jazdy', 'licences'],
    ['podatku od nieruchomości', 'taxes'],
    ['śmieci', 'taxes'],
    ['profil zaufany', 'trusted-profile'],
    ['800 plus', 'trusted-profile'],
    ['800+', 'trusted-profile'],
    ['800plus', 'trusted-profile'],
    ['zapłacić', 'cashier'],
    // typos
    ['rejstracja auta', 'vehicles'],
    ['paszprt', 'information'],
    ['zameldowaie', 'residence'],
    ['dowud osobisty', 'id-cards'],
    // prefixes, as the visitor types
    ['zgub', 'id-cards'],
    ['dowo', 'id-cards'],
    ['melde', 'residence'],
    // English
    ['lost ID card', 'id-cards'],
    ['register a car', 'vehicles'],
    ['driving licence', 'licences'],
    ['property tax', 'taxes'],
    ['passport', 'information'],
    // Ukrainian
    ['посвідчення', 'id-cards'],
    ['посвідчення особи', 'id-cards'],
    ['реєстрація авто', 'vehicles'],
    ['прописка', 'residence'],
    ['посвідчення водія', 'licences'],
    ['податок', 'taxes'],
    ['800 плюс', 'trusted-profile'],
  ])('"%s" → %s first', (query, expected) => {
    expect(finder.find(query)[0]).toBe(expected);
  });

  it.each(['', ' ', 'x', 'pizza', 'kebab z frytkami', 'weather forecast', 'гарна погода', '12345', '???', 'w na do'])(
    '"%s" finds nothing',
    (query) => {
      expect(finder.find(query)).toEqual([]);
    },
  );

  it('suggests a few matters at most, best first, and never an inactive one', () => {
    expect(finder.find('rejestracja').length).toBeLessThanOrEqual(4);
    const closed = createServiceFinder(DEMO_SERVICES.map((s) => (s.id === 'id-cards' ? { ...s, active: false } : s)));
    expect(closed.find('zgubiłem dowód')).not.toContain('id-cards');
  });

  it('finds by names alone when an office gave no search words', () => {
    const bare = createServiceFinder(DEMO_SERVICES.map(({ searchWords: _words, ...service }) => service));
    expect(bare.find('dowody osobiste')[0]).toBe('id-cards');
    expect(bare.find('Реєстрація транспортних засобів')[0]).toBe('vehicles');
  });
});

describe('where "I don\'t know" leads', () => {
  const service = (id: string, pl: string, active = true): FindableService => ({
    id,
    name: { pl, en: pl, uk: pl },
    active,
  });

  it('is the service with the id "information", else one named as information, else none', () => {
    expect(createServiceFinder(DEMO_SERVICES).information).toBe('information');
    expect(informationService([service('a', 'Kasa'), service('pi', 'Punkt informacyjny')])).toBe('pi');
    expect(informationService([service('information', 'Pytania'), service('pi', 'Punkt informacyjny')])).toBe(
      'information',
    );
    expect(informationService([service('pi', 'Punkt informacyjny', false), service('a', 'Kasa')])).toBeNull();
  });
});

describe('the words underneath', () => {
  it('folds case and diacritics, ł included, and reads "+" as plus', () => {
    expect(foldText('Zażółć GĘŚLĄ jaźń')).toBe('zazolc gesla jazn');
    expect(foldText('800+').trim()).toBe('800 plus');
  });

  it('gives the forms of one word one stem, in Polish, English and Ukrainian', () => {
    for (const forms of [
      ['dowód', 'dowodu', 'dowodem', 'dowody', 'dowodów'],
      ['meldunek', 'meldunku', 'meldunki'],
      ['zameldować', 'zameldowanie', 'zameldowania'],
      ['rejestracja', 'rejestracji', 'rejestrację', 'rejestracją'],
      ['zgubiłem', 'zgubiłam', 'zgubiła'],
      ['card', 'cards'],
      ['реєстрація', 'реєстрації', 'реєстрацію'],
      ['посвідчення', 'посвідченням'],
    ])
      expect(new Set(forms.flatMap(stemsOf)), forms.join(', ')).toHaveLength(1);
  });

  it('drops words that say nothing and keeps numbers whole', () => {
    expect(stemsOf('chcę na do w')).toEqual([]);
    expect(stemsOf('800 plus')[0]).toBe('800');
  });
});
