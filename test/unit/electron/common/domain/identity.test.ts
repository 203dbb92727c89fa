import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  crossCheckMrzWithPesel,
  decodePesel,
  documentKindFromMrz,
  isValidPesel,
  isValidPolishIdNumber,
  peselCheckDigit,
  peselFromMrz,
  peselProblem,
  polishIdNumberProblem,
  validateVisitorIdentity,
  visitorIdentityFromMrz,
  type MrzDocument,
  type VisitorIdentity,
} from '../../../../../electron/common/domain/identity';

const today = '2025-06-01';

/** Builds a PESEL for a date and sex, independently of the module (the test's own oracle). */
function makePesel(year: number, month: number, day: number, serial: number, male: boolean): string {
  const offset = year < 1900 ? 80 : year < 2000 ? 0 : year < 2100 ? 20 : year < 2200 ? 40 : 60;
  const sexDigit = (serial % 5) * 2 + (male ? 1 : 0);
  const first10 = `${String(year % 100).padStart(2, '0')}${String(month + offset).padStart(2, '0')}${String(day).padStart(2, '0')}${String(serial).padStart(3, '0').slice(-3)}${sexDigit}`;
  const weights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
  const sum = [...first10].reduce((total, digit, index) => total + Number(digit) * weights[index]!, 0);
  return `${first10}${(10 - (sum % 10)) % 10}`;
}

describe('PESEL', () => {
  it('accepts well-known valid numbers and decodes birth date and sex', () => {
    // The example PESEL of the Polish government's own documentation (ur. 1944-05-14, man).
    expect(peselProblem('44051401359')).toBeUndefined();
    expect(decodePesel('44051401359')).toEqual({ birthDate: '1944-05-14', sex: 'male' });
    expect(decodePesel('85021712323')).toEqual({ birthDate: '1985-02-17', sex: 'female' });
  });

  it.each([
    ['1800s, month +80', 1899, 12, 31],
    ['1900s, month as is', 1900, 1, 1],
    ['2000s, month +20', 2000, 2, 29],
    ['2100s, month +40', 2101, 3, 15],
    ['2200s, month +60', 2299, 11, 30],
  ])('decodes the century encoding: %s', (_label, year, month, day) => {
    const pesel = makePesel(year, month, day, 123, year % 2 === 0);
    expect(peselProblem(pesel)).toBeUndefined();
    expect(decodePesel(pesel)).toEqual({
      birthDate: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      sex: year % 2 === 0 ? 'male' : 'female',
    });
  });

  it('reads the sex from the parity of the 10th digit', () => {
    for (let digit = 0; digit < 10; digit++) {
      const first10 = `850217123${digit}`;
      const pesel = `${first10}${peselCheckDigit(first10)}`;
      expect(decodePesel(pesel)?.sex).toBe(digit % 2 === 1 ? 'male' : 'female');
    }
  });

  it('refuses the wrong shape, a wrong check digit and dates that do not exist', () => {
    expect(peselProblem('')).toBe('format');
    expect(peselProblem('4405140135')).toBe('format');
    expect(peselProblem('440514013599')).toBe('format');
    expect(peselProblem('4405140135A')).toBe('format');
    expect(peselProblem('44051401358')).toBe('check-digit');
    // 2001-02-29 (month 22) does not exist; 1900-02-29 neither (not a leap year).
    const notLeap2001 = `0122290123`;
    expect(peselProblem(`${notLeap2001}${peselCheckDigit(notLeap2001)}`)).toBe('invalid-date');
    const notLeap1900 = `0002290123`;
    expect(peselProblem(`${notLeap1900}${peselCheckDigit(notLeap1900)}`)).toBe('invalid-date');
    const month13 = `8513010123`;
    expect(peselProblem(`${month13}${peselCheckDigit(month13)}`)).toBe('invalid-date');
    const day0 = `8501000123`;
    expect(peselProblem(`${day0}${peselCheckDigit(day0)}`)).toBe('invalid-date');
    expect(decodePesel('44051401358')).toBeUndefined();
  });

  it('every PESEL built for a real date is valid and decodes back (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1800-01-01T00:00:00Z'), max: new Date('2299-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.nat(999),
        fc.boolean(),
        (date, serial, male) => {
          const pesel = makePesel(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), serial, male);
          expect(isValidPesel(pesel)).toBe(true);
          expect(decodePesel(pesel)).toEqual({
            birthDate: date.toISOString().slice(0, 10),
            sex: male ? 'male' : 'female',
          });
        },
      ),
    );
  });

  it('any change of one digit is caught (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.nat(999),
        fc.nat(10),
        fc.integer({ min: 1, max: 9 }),
        (date, serial, position, delta) => {
          const pesel = makePesel(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), serial, true);
          const changed = `${pesel.slice(0, position)}${(Number(pesel[position]) + delta) % 10}${pesel.slice(position + 1)}`;
          // Weights 1 3 7 9 are coprime with 10, so one changed digit always changes the sum mod 10.
          expect(isValidPesel(changed)).toBe(false);
        },
      ),
    );
  });
});

describe('Polish ID card number', () => {
  it('accepts the published specimen numbers and the samples, refuses a changed character', () => {
    expect(polishIdNumberProblem('ABA300000')).toBeUndefined();
    expect(polishIdNumberProblem('ZZC003483')).toBeUndefined();
    expect(polishIdNumberProblem('ZRK020457')).toBeUndefined();
    expect(polishIdNumberProblem('DEW581306')).toBeUndefined();
    expect(polishIdNumberProblem('ABA300001')).toBe('check-digit');
    expect(polishIdNumberProblem('ABB300000')).toBe('check-digit');
  });

  it('refuses the wrong shape', () => {
    for (const number of [
      '',
      'AB300000',
      'ABA30000',
      'ABA3000000',
      'AB1300000',
      'aba300000',
      'ABA 30000',
      '123456789',
    ]) {
      expect(polishIdNumberProblem(number)).toBe('format');
    }
  });

  it('agrees with the weights 7 3 1 9 7 3 1 7 3: check digit (4th) = weighted sum of the other eight mod 10 (property)', () => {
    const letter = fc.integer({ min: 0, max: 25 }).map((code) => String.fromCharCode(0x41 + code));
    fc.assert(
      fc.property(
        fc.tuple(letter, letter, letter),
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 5, maxLength: 5 }),
        (letters, digits) => {
          const value = (char: string): number => (/\d/.test(char) ? Number(char) : char.charCodeAt(0) - 55);
          const others = [...letters, ...digits.map(String)];
          const weights = [7, 3, 1, 7, 3, 1, 7, 3];
          const check = others.reduce((sum, char, index) => sum + value(char) * weights[index]!, 0) % 10;
          const number = `${letters.join('')}${check}${digits.join('')}`;
          expect(isValidPolishIdNumber(number)).toBe(true);
          expect(isValidPolishIdNumber(`${letters.join('')}${(check + 1) % 10}${digits.join('')}`)).toBe(false);
        },
      ),
    );
  });
});

describe('MRZ against PESEL', () => {
  it('finds nothing wrong when birth date and sex agree', () => {
    expect(crossCheckMrzWithPesel({ birthDate: '850217', sex: 'female' }, '85021712323')).toEqual([]);
    expect(crossCheckMrzWithPesel({ birthDate: '030709', sex: 'male' }, '03270904575')).toEqual([]);
  });

  it('names the birth date or the sex that disagree', () => {
    expect(crossCheckMrzWithPesel({ birthDate: '850218', sex: 'female' }, '85021712323')).toEqual([
      { field: 'birthDate', problem: 'pesel-mismatch' },
    ]);
    expect(crossCheckMrzWithPesel({ birthDate: '850217', sex: 'male' }, '85021712323')).toEqual([
      { field: 'sex', problem: 'pesel-mismatch' },
    ]);
    // The century is in the PESEL only; 2003 and 1903 share YYMMDD, a different month does not.
    expect(crossCheckMrzWithPesel({ birthDate: '032709', sex: 'male' }, '03270904575')).toEqual([
      { field: 'birthDate', problem: 'pesel-mismatch' },
    ]);
  });

  it('does not count unknown MRZ digits or an unspecified sex as disagreement', () => {
    expect(crossCheckMrzWithPesel({ birthDate: '8502<<', sex: 'unspecified' }, '85021712323')).toEqual([]);
  });

  it('reports an invalid PESEL instead of comparing', () => {
    expect(crossCheckMrzWithPesel({ birthDate: '850217', sex: 'female' }, '85021712324')).toEqual([
      { field: 'pesel', problem: 'check-digit' },
    ]);
  });
});

const valid: VisitorIdentity = {
  givenNames: 'Zofia Jadwiga',
  surname: 'Nowakowska-Żelazna',
  documentKind: 'id-card',
  documentNumber: 'ZRK020457',
  issuingState: 'POL',
  nationality: 'POL',
  birthDate: '1985-02-17',
  sex: 'female',
  pesel: '85021712323',
  expiryDate: '2033-06-14',
};

describe('validateVisitorIdentity', () => {
  it('accepts a complete Polish identity with diacritics', () => {
    expect(validateVisitorIdentity(valid, { today })).toEqual([]);
  });

  it('names each wrong field with a code, in form order', () => {
    const problems = validateVisitorIdentity(
      {
        ...valid,
        givenNames: ' ',
        surname: 'Nowak3',
        documentNumber: 'ZRK020458',
        nationality: 'pl',
        birthDate: '1985-02-30',
        pesel: '85021712324',
        expiryDate: '2024-12-31',
      },
      { today },
    );
    expect(problems).toEqual([
      { field: 'givenNames', problem: 'required' },
      { field: 'surname', problem: 'format' },
      { field: 'documentNumber', problem: 'check-digit' },
      { field: 'nationality', problem: 'format' },
      { field: 'birthDate', problem: 'invalid-date' },
      { field: 'pesel', problem: 'check-digit' },
      { field: 'expiryDate', problem: 'expired' },
    ]);
  });

  it('requires the PESEL on a Polish ID card only', () => {
    expect(validateVisitorIdentity({ ...valid, pesel: undefined }, { today })).toEqual([
      { field: 'pesel', problem: 'required' },
    ]);
    expect(
      validateVisitorIdentity(
        { ...valid, pesel: '', documentKind: 'passport', documentNumber: 'EM4827163' },
        { today },
      ),
    ).toEqual([]);
  });

  it('cross-checks birth date and sex against the PESEL', () => {
    expect(validateVisitorIdentity({ ...valid, birthDate: '1985-02-18', sex: 'male' }, { today })).toEqual([
      { field: 'birthDate', problem: 'pesel-mismatch' },
      { field: 'sex', problem: 'pesel-mismatch' },
    ]);
    // A partial birth date agrees with a PESEL that starts with it.
    expect(validateVisitorIdentity({ ...valid, birthDate: '1985-02' }, { today })).toEqual([]);
  });

  it('refuses a birth date after today and accepts one of today', () => {
    const newborn = makePesel(2025, 6, 1, 42, false);
    expect(validateVisitorIdentity({ ...valid, birthDate: '2025-06-01', pesel: newborn }, { today })).toEqual([]);
    expect(
      validateVisitorIdentity(
        { ...valid, birthDate: '2025-06-02', pesel: undefined, documentKind: 'passport', documentNumber: 'X1' },
        { today },
      ),
    ).toEqual([{ field: 'birthDate', problem: 'future-date' }]);
  });

  it('applies the Polish number rule only to Polish ID cards', () => {
    const foreign = {
      ...valid,
      issuingState: 'ROU',
      nationality: 'ROU',
      documentNumber: 'RX1047258',
      pesel: undefined,
    };
    expect(validateVisitorIdentity(foreign, { today })).toEqual([]);
    expect(validateVisitorIdentity({ ...foreign, documentNumber: 'RX 104' }, { today })).toEqual([
      { field: 'documentNumber', problem: 'format' },
    ]);
  });

  it('keeps personal data out of its answers: codes and field names only', () => {
    const problems = validateVisitorIdentity({ ...valid, surname: 'Kowalski1', pesel: '85021712324' }, { today });
    const text = JSON.stringify(problems);
    expect(text).not.toContain('Kowalski');
    expect(text).not.toContain('85021712324');
  });
});

describe('visitorIdentityFromMrz', () => {
  const plId: MrzDocument = {
    format: 'TD1',
    documentCode: 'ID',
    issuingState: 'POL',
    documentNumber: 'DEW581306',
    birthDate: '030709',
    sex: 'male',
    expiryDate: '280321',
    nationality: 'POL',
    lastName: 'WOJCIK ZELAZNY',
    firstName: 'JEDRZEJ',
    optional1: '',
    optional2: '03270904575',
  };

  it('takes the PESEL from TD1 line 2 and the century from it', () => {
    const { identity, problems } = visitorIdentityFromMrz(plId, { today });
    expect(problems).toEqual([]);
    expect(identity).toMatchObject({
      birthDate: '2003-07-09',
      pesel: '03270904575',
      expiryDate: '2028-03-21',
      documentKind: 'id-card',
      surname: 'WOJCIK ZELAZNY',
    });
  });

  it('takes the century from the PESEL even for a centenarian (1800s encoding in the PESEL, not guessable from YY)', () => {
    const pesel = makePesel(1899, 12, 31, 7, false);
    const { identity, problems } = visitorIdentityFromMrz(
      { ...plId, birthDate: '991231', sex: 'female', optional2: pesel },
      { today },
    );
    expect(identity.birthDate).toBe('1899-12-31');
    expect(problems).toEqual([]);
  });

  it('reports a PESEL that disagrees with the MRZ', () => {
    const { problems } = visitorIdentityFromMrz({ ...plId, sex: 'female' }, { today });
    expect(problems).toEqual([{ field: 'sex', problem: 'pesel-mismatch' }]);
  });

  it('without a PESEL, puts the birth year in the past and the expiry year from 2000 up to today + 60', () => {
    const foreign: MrzDocument = {
      ...plId,
      issuingState: 'ROU',
      nationality: 'ROU',
      documentNumber: 'RX1047258',
      birthDate: '250602',
      expiryDate: '850101',
      optional2: '',
    };
    const { identity } = visitorIdentityFromMrz(foreign, { today });
    expect(identity.birthDate).toBe('1925-06-02');
    expect(identity.expiryDate).toBe('2085-01-01');
    expect(visitorIdentityFromMrz({ ...foreign, expiryDate: '990101' }, { today }).identity.expiryDate).toBe(
      '1999-01-01',
    );
    expect(visitorIdentityFromMrz({ ...foreign, birthDate: '250601' }, { today }).identity.birthDate).toBe(
      '2025-06-01',
    );
  });

  it('keeps unknown day and month as a shorter ISO date, and no expiry as none', () => {
    const { identity, problems } = visitorIdentityFromMrz(
      { ...plId, issuingState: 'SOM', nationality: 'SOM', birthDate: '79<<<<', expiryDate: '<<<<<<', optional2: '' },
      { today },
    );
    expect(identity.birthDate).toBe('1979');
    expect(identity.expiryDate).toBeUndefined();
    expect(problems).toEqual([]);
  });

  it('tells passports, ID cards and Polish residence cards apart', () => {
    expect(documentKindFromMrz({ documentCode: 'P', issuingState: 'POL', nationality: 'POL' })).toBe('passport');
    expect(documentKindFromMrz({ documentCode: 'ID', issuingState: 'POL', nationality: 'POL' })).toBe('id-card');
    expect(documentKindFromMrz({ documentCode: 'IR', issuingState: 'POL', nationality: 'UKR' })).toBe(
      'residence-permit',
    );
    expect(documentKindFromMrz({ documentCode: 'I', issuingState: 'D', nationality: 'D' })).toBe('id-card');
    expect(documentKindFromMrz({ documentCode: 'V', issuingState: 'UTO', nationality: 'XXX' })).toBe('other');
  });

  it('finds the PESEL only on Polish documents, in the personal number of a passport', () => {
    expect(peselFromMrz({ ...plId, format: 'TD3', optional1: '68042303150', optional2: '' })).toBe('68042303150');
    expect(peselFromMrz({ ...plId, issuingState: 'ROU' })).toBeUndefined();
    expect(peselFromMrz({ ...plId, optional2: '0327090457' })).toBeUndefined();
  });
});
