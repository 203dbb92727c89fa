/**
 * The walk through an e-service (flow.ts) on the shipped definitions: which pages a visitor sees
 * for their answers, "step n of m", which answers stay in force when a step is hidden again, why
 * an answer is refused (per kind of question, with date limits relative to today), and how an
 * answer reads in Polish, English and Ukrainian.
 */
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { peselCheckDigit } from '../../../../../electron/common/domain/identity';
import { LANGUAGES } from '../../../../../electron/common/domain/office';
import type { EServiceDefinition, Question, Step } from '../../../../../electron/common/eservices/definition';
import {
  answerProblem,
  answersInForce,
  answerText,
  emptyAddress,
  firstUnanswered,
  formatAddress,
  isRealDate,
  pageKey,
  pagesOf,
  progressOf,
  resolveDateLimit,
  visibleSteps,
  type AddressValue,
  type Answers,
} from '../../../../../electron/common/eservices/flow';
import { loadDefinitions } from '../../../../../electron/station/eservices/load';
import { repoRoot } from '../../../../support/repo-root';

let definitions: Map<string, EServiceDefinition>;

beforeAll(async () => {
  const loaded = await loadDefinitions([path.join(repoRoot, 'build', 'eservices')]);
  expect(loaded.refused).toEqual([]);
  definitions = new Map(loaded.definitions.map((definition) => [definition.id, definition]));
});

const definition = (id: string): EServiceDefinition => {
  const found = definitions.get(id);
  if (!found) throw new Error(`no shipped definition ${id}`);
  return found;
};
const stepIds = (id: string, answers: Answers) => visibleSteps(definition(id), answers).map((step) => step.id);
const question = (id: string, step: string): Question => {
  const found = definition(id).steps.find((one) => one.id === step);
  if (!found) throw new Error(`no step ${step} in ${id}`);
  return found.question;
};

/** A valid PESEL for the first ten digits (the check digit computed). */
const pesel = (firstTen: string) => `${firstTen}${peselCheckDigit(firstTen)}`;

const TODAY = '2025-06-15';
const address = (parts: Partial<AddressValue>): AddressValue => ({ ...emptyAddress(), ...parts });

// ---------------------------------------------------------------------------------------------

describe('pages of the identity card application (dowod-osobisty)', () => {
  it('with no answers yet: only the steps that are always asked', () => {
    expect(stepIds('dowod-osobisty', {})).toEqual(['dla-kogo', 'powod', 'zdjecie', 'telefon', 'email', 'oswiadczenie']);
  });

  it('for a child whose card was lost, photo with dark glasses: the child’s and the loss’s steps', () => {
    const answers = { 'dla-kogo': 'dla-dziecka', powod: 'utrata', zdjecie: 'ciemne-okulary' };
    expect(stepIds('dowod-osobisty', answers)).toEqual([
      'dla-kogo',
      'kim-pan-jest',
      'pesel-dziecka',
      'dziecko-12-lat',
      'powod',
      'numer-utraconego',
      'kradziez-zgloszona',
      'zdjecie',
      'orzeczenie-wzrok',
      'telefon',
      'email',
      'oswiadczenie',
    ]);
  });

  it('for oneself after a change of details: the condition with `all` and `in` holds', () => {
    const answers = { 'dla-kogo': 'dla-siebie', powod: 'zmiana-danych', zdjecie: 'nakrycie-glowy' };
    expect(stepIds('dowod-osobisty', answers)).toEqual([
      'dla-kogo',
      'powod',
      'jakie-dane',
      'dokument-zmiany',
      'numer-obecnego',
      'podpis-osobisty',
      'zdjecie',
      'zaswiadczenie-wyznanie',
      'telefon',
      'email',
      'oswiadczenie',
    ]);
  });

  it('for oneself, a first card: no current card number to ask for (`in` fails)', () => {
    const steps = stepIds('dowod-osobisty', { 'dla-kogo': 'dla-siebie', powod: 'pierwszy' });
    expect(steps).toContain('podpis-osobisty');
    expect(steps).not.toContain('numer-obecnego');
  });

  it('pages: start, the visitor’s details, one page per question, safety if offered, check, sign, confirmation', () => {
    const pages = pagesOf(definition('dowod-osobisty'), {}, true).map(pageKey);
    expect(pages).toEqual([
      'start',
      'identity',
      'question:dla-kogo',
      'question:powod',
      'question:zdjecie',
      'question:telefon',
      'question:email',
      'question:oswiadczenie',
      'safety',
      'check',
      'sign',
      'confirmation',
    ]);
    expect(pagesOf(definition('dowod-osobisty'), {}, false).map(pageKey)).not.toContain('safety');
  });
});

describe('pages of the heat-source declaration (ceeb-deklaracja)', () => {
  it('form A, same address, district heating only: no conditional step but the building kind', () => {
    const answers = { formularz: 'a', 'ten-sam-adres': 'yes', zrodla: ['siec-cieplownicza'] };
    expect(stepIds('ceeb-deklaracja', answers)).toEqual([
      'formularz',
      'rola',
      'rodzaj-budynku',
      'adres-budynku',
      'ten-sam-adres',
      'zrodla',
      'data-uruchomienia',
      'telefon',
      'oswiadczenie',
    ]);
  });

  it('form B, another address, a manual boiler and "other": every step that these answers open', () => {
    const answers = { formularz: 'b', 'ten-sam-adres': 'no', zrodla: ['kociol-reczny', 'inne'] };
    expect(stepIds('ceeb-deklaracja', answers)).toEqual([
      'formularz',
      'rola',
      'przeznaczenie',
      'adres-budynku',
      'ten-sam-adres',
      'adres-skladajacego',
      'zrodla',
      'inne-zrodlo',
      'paliwa',
      'klasa-kotla',
      'data-uruchomienia',
      'telefon',
      'oswiadczenie',
    ]);
  });

  it('a fireplace asks for the fuel but not the boiler class (a choice of several counts when it includes the value)', () => {
    const steps = stepIds('ceeb-deklaracja', { zrodla: ['gaz', 'kominek'] });
    expect(steps).toContain('paliwa');
    expect(steps).not.toContain('klasa-kotla');
    expect(steps).not.toContain('inne-zrodlo');
  });

  it('a yes-no condition on "no": the applicant’s address only when it differs', () => {
    expect(stepIds('ceeb-deklaracja', { 'ten-sam-adres': 'yes' })).not.toContain('adres-skladajacego');
    expect(stepIds('ceeb-deklaracja', { 'ten-sam-adres': 'no' })).toContain('adres-skladajacego');
  });
});

describe('progress: "step n of m"', () => {
  it('counts every page before the confirmation, and grows when an answer opens steps', () => {
    const ceeb = definition('ceeb-deklaracja');
    const few = pagesOf(ceeb, { formularz: 'a', 'ten-sam-adres': 'yes', zrodla: ['gaz'] }, false);
    // start, identity, 9 questions, check, sign
    expect(progressOf(few, 'start')).toEqual({ step: 1, of: 13 });
    expect(progressOf(few, 'identity')).toEqual({ step: 2, of: 13 });
    expect(progressOf(few, 'question:formularz')).toEqual({ step: 3, of: 13 });
    expect(progressOf(few, 'check')).toEqual({ step: 12, of: 13 });
    expect(progressOf(few, 'sign')).toEqual({ step: 13, of: 13 });
    const many = pagesOf(ceeb, { formularz: 'b', 'ten-sam-adres': 'no', zrodla: ['kociol-reczny', 'inne'] }, true);
    expect(progressOf(many, 'question:zrodla')).toEqual({ step: 9, of: 18 });
    expect(progressOf(many, 'safety')).toEqual({ step: 16, of: 18 });
  });

  it('the confirmation, or a page that is not there (hidden by a changed answer), counts as the last', () => {
    const pages = pagesOf(definition('dowod-osobisty'), { 'dla-kogo': 'dla-siebie' }, false);
    const of = pages.length - 1;
    expect(progressOf(pages, 'confirmation')).toEqual({ step: of, of });
    expect(progressOf(pages, 'question:kim-pan-jest')).toEqual({ step: of, of });
  });
});

describe('answers in force', () => {
  it('drops the answers of steps a changed answer hid, and empty answers', () => {
    const dowod = definition('dowod-osobisty');
    const given: Answers = {
      'dla-kogo': 'dla-dziecka',
      'kim-pan-jest': 'rodzic',
      'pesel-dziecka': pesel('1523150123'),
      'dziecko-12-lat': 'no',
      powod: 'pierwszy',
      zdjecie: 'zwykle',
      telefon: '  ',
      email: undefined,
    };
    expect(Object.keys(answersInForce(dowod, given))).toEqual([
      'dla-kogo',
      'kim-pan-jest',
      'pesel-dziecka',
      'dziecko-12-lat',
      'powod',
      'zdjecie',
    ]);
    const changed = answersInForce(dowod, { ...given, 'dla-kogo': 'dla-siebie', 'podpis-osobisty': 'yes' });
    expect(changed).toEqual({
      'dla-kogo': 'dla-siebie',
      powod: 'pierwszy',
      'podpis-osobisty': 'yes',
      zdjecie: 'zwykle',
    });
  });

  it('keeps nothing of a question the definition does not ask', () => {
    expect(answersInForce(definition('ceeb-deklaracja'), { 'nie-ma-takiego': 'x', formularz: 'a' })).toEqual({
      formularz: 'a',
    });
  });

  it('the first unanswered visible step is where the walk resumes', () => {
    const dowod = definition('dowod-osobisty');
    expect(firstUnanswered(dowod, {}, TODAY)?.id).toBe('dla-kogo');
    expect(firstUnanswered(dowod, { 'dla-kogo': 'dla-dziecka', powod: 'pierwszy' }, TODAY)?.id).toBe('kim-pan-jest');
    const all = {
      'dla-kogo': 'dla-siebie',
      powod: 'pierwszy',
      'podpis-osobisty': 'no',
      zdjecie: 'zwykle',
      oswiadczenie: 'yes',
    };
    // telefon and email are optional.
    expect(firstUnanswered(dowod, all, TODAY)).toBeNull();
    expect(firstUnanswered(dowod, { ...all, email: 'nie-email' }, TODAY)?.id).toBe('email');
  });
});

// ---------------------------------------------------------------------------------------------

describe('answer problems', () => {
  const check = (q: Question, value: Parameters<typeof answerProblem>[1], today = TODAY) =>
    answerProblem(q, value, today);

  it('required unless optional; a declaration is never optional', () => {
    const text: Question = { id: 'x', kind: 'text' };
    expect(check(text, undefined)).toBe('required');
    expect(check(text, '   ')).toBe('required');
    expect(check({ ...text, optional: true }, '')).toBeNull();
    const declaration: Question = { id: 'd', kind: 'declaration', statement: { pl: 'a', en: 'a', uk: 'a' } };
    expect(check({ ...declaration, optional: true }, undefined)).toBe('required');
    expect(check(declaration, 'no')).toBe('required');
    expect(check(declaration, 'yes')).toBeNull();
  });

  it('PESEL: format, check digit, a date that does not exist', () => {
    const q = question('dowod-osobisty', 'pesel-dziecka');
    expect(check(q, '44051401359')).toBeNull();
    expect(check(q, ' 44051401359 ')).toBeNull();
    expect(check(q, '44051401358')).toBe('check-digit');
    expect(check(q, '4405140135')).toBe('format');
    expect(check(q, '4405140135x')).toBe('format');
    expect(check(q, pesel('0422290123'))).toBeNull(); // 29 February 2004
    expect(check(q, pesel('0522290123'))).toBe('invalid-date'); // 29 February 2005
    expect(check(q, pesel('9913010123'))).toBe('invalid-date'); // month 13
  });

  it('a Polish ID number by its check digit, as typed (lower case, spaces); another document by its shape', () => {
    const q = question('dowod-osobisty', 'numer-utraconego');
    expect(check(q, 'ABA300000')).toBeNull();
    expect(check(q, 'aba 300000')).toBeNull();
    expect(check(q, 'ABA300001')).toBe('check-digit');
    expect(check(q, 'EK1234567')).toBeNull(); // a passport number: shape only
    expect(check(q, 'AB12')).toBe('format');
    expect(check(q, 'ABC-12345')).toBe('format');
    expect(check(q, '')).toBeNull(); // optional in the definition: the clerk finds it in the register
  });

  it('email', () => {
    const q = question('dowod-osobisty', 'email');
    expect(check(q, 'jan.kowalski@example.pl')).toBeNull();
    expect(check(q, 'ołena@приклад.укр')).toBeNull();
    for (const bad of ['jan@', '@example.pl', 'jan kowalski@example.pl', 'jan@example', 'jan@example.p']) {
      expect(check(q, bad), bad).toBe('format');
    }
  });

  it('phone: 9 to 15 digits, a leading +, spaces and hyphens allowed', () => {
    const q = question('dowod-osobisty', 'telefon');
    for (const good of ['600100200', '+48 600 100 200', '600-100-200', '+380 44 123 45 67']) {
      expect(check(q, good), good).toBeNull();
    }
    for (const bad of ['12345', '600 100 20a', '+48 (600) 100 200', '1234567890123456']) {
      expect(check(q, bad), bad).toBe('format');
    }
  });

  it('dates: the format, a day that does not exist, 29 February', () => {
    const q: Question = { id: 'd', kind: 'date' };
    expect(check(q, '2024-02-29')).toBeNull();
    expect(check(q, '2023-02-29')).toBe('invalid-date');
    expect(check(q, '2025-04-31')).toBe('invalid-date');
    expect(check(q, '2025-13-01')).toBe('invalid-date');
    expect(check(q, '15.06.2025')).toBe('format');
    expect(check(q, '2025-6-15')).toBe('format');
  });

  it('dates: `today` as a limit (the heat source’s start date: not in the future)', () => {
    const q = question('ceeb-deklaracja', 'data-uruchomienia');
    expect(check(q, TODAY)).toBeNull();
    expect(check(q, '1998-01-01')).toBeNull();
    expect(check(q, '2025-06-16')).toBe('too-late');
  });

  it('dates: `-18y` on 29 February means 28 February 18 years before, not 1 March', () => {
    const adult: Question = { id: 'urodzony', kind: 'date', notAfter: '-18y' };
    expect(resolveDateLimit('-18y', '2024-02-29')).toBe('2006-02-28');
    expect(check(adult, '2006-02-28', '2024-02-29')).toBeNull();
    expect(check(adult, '2006-03-01', '2024-02-29')).toBe('too-late'); // 18 only tomorrow
    expect(check(adult, '2006-06-15', '2024-06-15')).toBeNull(); // 18 today
    expect(check(adult, '2006-06-16', '2024-06-15')).toBe('too-late');
    // Born on 29 February: 18 on 1 March of a common year, not on 28 February.
    expect(check(adult, '2008-02-29', '2026-02-28')).toBe('too-late');
    expect(check(adult, '2008-02-29', '2026-03-01')).toBeNull();
    // Four years on, a leap year again: the day itself.
    expect(resolveDateLimit('-4y', '2024-02-29')).toBe('2020-02-29');
  });

  it('dates: `+30d` across the end of February, and months that keep the last day', () => {
    const soon: Question = { id: 'termin', kind: 'date', notBefore: 'today', notAfter: '+30d' };
    expect(resolveDateLimit('+30d', '2024-02-29')).toBe('2024-03-30');
    expect(resolveDateLimit('+30d', '2025-02-01')).toBe('2025-03-03');
    expect(resolveDateLimit('-30d', '2025-03-01')).toBe('2025-01-30');
    expect(check(soon, '2024-03-30', '2024-02-29')).toBeNull();
    expect(check(soon, '2024-03-31', '2024-02-29')).toBe('too-late');
    expect(check(soon, '2024-02-28', '2024-02-29')).toBe('too-early');
    expect(resolveDateLimit('+1m', '2025-01-31')).toBe('2025-02-28');
    expect(resolveDateLimit('+1m', '2024-01-31')).toBe('2024-02-29');
    expect(resolveDateLimit('-13m', '2025-03-31')).toBe('2024-02-29');
    expect(resolveDateLimit('+8y', '2025-06-15')).toBe('2033-06-15');
    expect(resolveDateLimit('2026-01-01', '2025-06-15')).toBe('2026-01-01');
  });

  it('numbers: whole numbers within the range', () => {
    const q = question('karta-duzej-rodziny', 'liczba-dzieci'); // 3…30
    expect(check(q, '3')).toBeNull();
    expect(check(q, '30')).toBeNull();
    expect(check(q, '2')).toBe('too-small');
    expect(check(q, '-1')).toBe('too-small');
    expect(check(q, '31')).toBe('too-large');
    for (const bad of ['3.5', '3,5', 'trzy', '1e3', '1234567890']) expect(check(q, bad), bad).toBe('format');
  });

  it('text: the whole answer matches the pattern; the length limit', () => {
    // [A-Z]{2}[0-9][A-Z]/[0-9]{8}/[0-9], at most 15 characters, optional
    const q = question('zameldowanie', 'numer-ksiegi');
    if (q.kind !== 'text') throw new Error('numer-ksiegi is a text question');
    expect(check(q, 'KR1P/00012345/6')).toBeNull();
    expect(check(q, ' KR1P/00012345/6 ')).toBeNull();
    expect(check(q, 'KR1P/0001234/6')).toBe('pattern');
    expect(check(q, 'kr1p/00012345/6')).toBe('pattern');
    expect(check(q, 'KR1P/00012345/67')).toBe('too-long');
    expect(check({ ...q, maxLength: 100 }, 'xKR1P/00012345/6')).toBe('pattern');
    expect(check({ ...q, maxLength: 100 }, 'KR1P/00012345/67')).toBe('pattern');
    expect(check(q, '')).toBeNull();
    const either: Question = { id: 'x', kind: 'text', pattern: 'ab|cd' };
    expect(check(either, 'ab')).toBeNull();
    expect(check(either, 'abcd')).toBe('pattern'); // the alternation is anchored as a whole
    const short = question('dowod-osobisty', 'dokument-zmiany'); // maxLength 200
    expect(check(short, 'a'.repeat(200))).toBeNull();
    expect(check(short, 'a'.repeat(201))).toBe('too-long');
    expect(check({ id: 'x', kind: 'text' }, 'a'.repeat(501))).toBe('too-long');
  });

  it('choices: only the definition’s options; several only where several may be chosen', () => {
    const one = question('dowod-osobisty', 'powod');
    expect(check(one, 'utrata')).toBeNull();
    expect(check(one, 'nieznany')).toBe('unknown-option');
    expect(check(one, ['utrata'])).toBe('unknown-option');
    const several = question('ceeb-deklaracja', 'zrodla');
    expect(check(several, ['gaz', 'kominek'])).toBeNull();
    expect(check(several, ['gaz', 'atom'])).toBe('unknown-option');
    expect(check(several, [])).toBe('required');
    const yesNo = question('ceeb-deklaracja', 'ten-sam-adres');
    expect(check(yesNo, 'yes')).toBeNull();
    expect(check(yesNo, 'no')).toBeNull();
    expect(check(yesNo, 'tak')).toBe('unknown-option');
  });

  it('address: building, postcode NN-NNN and town required; the street may be empty (a village)', () => {
    const q = question('ceeb-deklaracja', 'adres-budynku');
    const good = address({ street: 'ul. Długa', building: '5', flat: '2', postcode: '00-950', town: 'Warszawa' });
    expect(check(q, good)).toBeNull();
    expect(check(q, { ...good, street: '', flat: '' })).toBeNull();
    expect(check(q, { ...good, postcode: '00950' })).toBe('postcode');
    expect(check(q, { ...good, postcode: '0-0950' })).toBe('postcode');
    expect(check(q, { ...good, postcode: '' })).toBe('required');
    expect(check(q, { ...good, building: ' ' })).toBe('required');
    expect(check(q, { ...good, town: 'W'.repeat(101) })).toBe('too-long');
    expect(check(q, emptyAddress())).toBe('required');
  });
});

// ---------------------------------------------------------------------------------------------

describe('how an answer reads', () => {
  it('a choice by its label, in each language; several joined; an unknown value as it is', () => {
    const powod = question('dowod-osobisty', 'powod');
    expect(LANGUAGES.map((language) => answerText(powod, 'utrata', language))).toEqual([
      'Dowód zginął albo został skradziony',
      'The card was lost or stolen',
      'Картку загублено або викрадено',
    ]);
    const zrodla = question('ceeb-deklaracja', 'zrodla');
    expect(answerText(zrodla, ['gaz', 'pompa-ciepla'], 'pl')).toBe('Kocioł lub podgrzewacz gazowy, Pompa ciepła');
    expect(answerText(zrodla, ['gaz', 'pompa-ciepla'], 'en')).toBe('Gas boiler or water heater, Heat pump');
    expect(answerText(zrodla, ['gaz', 'pompa-ciepla'], 'uk')).toBe('Газовий котел або водонагрівач, Тепловий насос');
    expect(answerText(powod, 'dawny-powod', 'en')).toBe('dawny-powod');
  });

  it('yes and no, and a declaration, in each language', () => {
    const yesNo = question('dowod-osobisty', 'podpis-osobisty');
    expect(LANGUAGES.map((language) => answerText(yesNo, 'yes', language))).toEqual(['Tak', 'Yes', 'Так']);
    expect(LANGUAGES.map((language) => answerText(yesNo, 'no', language))).toEqual(['Nie', 'No', 'Ні']);
    expect(answerText(question('dowod-osobisty', 'oswiadczenie'), 'yes', 'uk')).toBe('Так');
  });

  it('an address on one line: with and without a street or a flat', () => {
    const q = question('ceeb-deklaracja', 'adres-budynku');
    const full = address({ street: ' ul. Długa ', building: '5', flat: '2', postcode: '00-950', town: 'Warszawa' });
    for (const language of LANGUAGES) expect(answerText(q, full, language)).toBe('ul. Długa 5/2, 00-950 Warszawa');
    expect(formatAddress({ ...full, flat: '' })).toBe('ul. Długa 5, 00-950 Warszawa');
    expect(formatAddress({ ...full, street: '', flat: '' })).toBe('5, 00-950 Warszawa');
  });

  it('an empty answer is a dash; text as typed, trimmed', () => {
    const q = question('dowod-osobisty', 'telefon');
    expect(answerText(q, undefined, 'pl')).toBe('—');
    expect(answerText(q, '  ', 'en')).toBe('—');
    expect(answerText(q, ' +48 600 100 200 ', 'uk')).toBe('+48 600 100 200');
    expect(answerText(question('ceeb-deklaracja', 'adres-budynku'), emptyAddress(), 'pl')).toBe('—');
  });
});

// ---------------------------------------------------------------------------------------------

describe('properties', () => {
  const MIN_DAY = Date.UTC(1900, 0, 1);
  const MAX_DAY = Date.UTC(2199, 11, 31);
  const day = fc
    .integer({ min: MIN_DAY / 86_400_000, max: MAX_DAY / 86_400_000 })
    .map((days) => new Date(days * 86_400_000).toISOString().slice(0, 10));
  const relative = fc
    .tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 999 }), fc.constantFrom('d', 'm', 'y'))
    .map(([sign, amount, unit]) => `${sign}${amount}${unit}`);
  const limit = fc.oneof(fc.constant('today'), relative, day);

  it('a date limit is always a real date, and a day limit moves by exactly that many days', () => {
    fc.assert(
      fc.property(day, limit, (today, rule) => {
        const resolved = resolveDateLimit(rule, today);
        expect(isRealDate(resolved), `${rule} from ${today}: ${resolved}`).toBe(true);
        const match = /^([+-])(\d+)([dmy])$/.exec(rule);
        if (!match) return;
        // `+ 0` turns -0 (from "-0d") into 0, which toBe tells apart.
        const amount = Number(match[2]) * (match[1] === '-' ? -1 : 1) + 0;
        const days = (Date.parse(resolved) - Date.parse(today)) / 86_400_000;
        if (match[3] === 'd') expect(days).toBe(amount);
        else expect(Math.sign(days)).toBe(Math.sign(amount));
        // Months and years keep the day of the month, or stop at the month's last day.
        if (match[3] !== 'd') expect(Number(resolved.slice(8))).toBeLessThanOrEqual(Number(today.slice(8)));
      }),
    );
  });

  it('a relative date limit is in the direction it says, so `-18y` never lets a younger person through', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 120 }), (today, years) => {
        const before = resolveDateLimit(`-${years}y`, today);
        const after = resolveDateLimit(`+${years}y`, today);
        expect(before < today && today < after).toBe(true);
        // Exactly `years` calendar years earlier (or the month's last day).
        expect(Number(before.slice(0, 4))).toBe(Number(today.slice(0, 4)) - years);
        expect(before.slice(5, 7)).toBe(today.slice(5, 7));
      }),
    );
  });

  /** Answers drawn from each question's own options (and some nonsense), for any shipped definition. */
  function answersFor(steps: readonly Step[]): fc.Arbitrary<Answers> {
    const entries = steps.map((step) => {
      const q = step.question;
      const values: fc.Arbitrary<Answers[string]> =
        q.kind === 'choice'
          ? q.multiple
            ? fc.subarray(q.options.map((option) => option.value))
            : fc.constantFrom(...q.options.map((option) => option.value), 'inny-niz-wszystkie')
          : q.kind === 'yes-no' || q.kind === 'declaration'
            ? fc.constantFrom('yes', 'no')
            : fc.string({ maxLength: 5 });
      return [q.id, fc.option(values, { nil: undefined })] as const;
    });
    return fc.record(Object.fromEntries(entries)) as fc.Arbitrary<Answers>;
  }

  it('visible steps are the definition’s steps, in its order, and the pages follow them', () => {
    for (const id of definitions.keys()) {
      const shipped = definition(id);
      fc.assert(
        fc.property(answersFor(shipped.steps), fc.boolean(), (answers, safety) => {
          const visible = visibleSteps(shipped, answers);
          const positions = visible.map((step) => shipped.steps.indexOf(step));
          expect(positions.every((position) => position >= 0)).toBe(true);
          expect(positions).toEqual([...positions].sort((a, b) => a - b));
          expect(new Set(positions).size).toBe(positions.length);
          // Steps without a condition are always there.
          for (const step of shipped.steps) if (step.when === undefined) expect(visible).toContain(step);
          const pages = pagesOf(shipped, answers, safety);
          expect(pages.filter((page) => page.kind === 'question').map(pageKey)).toEqual(
            visible.map((step) => `question:${step.id}`),
          );
          expect(progressOf(pages, 'sign')).toEqual({ step: pages.length - 1, of: pages.length - 1 });
          // What stays in force is answered, and shown.
          const visibleIds = new Set(visible.map((step) => step.question.id));
          for (const key of Object.keys(answersInForce(shipped, answers))) expect(visibleIds.has(key)).toBe(true);
        }),
        { numRuns: 200 },
      );
    }
  });
});
