import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FRAMINGS, encodeSwipe, frameSwipe } from '../../../../native/id-reader/mrz-frame.codec';
import {
  decodeMrzLines,
  decodeSwipe,
  type CheckedField,
  type MrzReadResult,
} from '../../../../native/id-reader/mrz.codec';
import { SPECIMENS, SPECIMEN_NAMES, specimenSwipe } from '../../../../native/id-reader/specimens';
import {
  visitorIdentityFromMrz,
  type IdentityProblem,
  type VisitorIdentity,
} from '../../../../electron/common/domain/identity';
import {
  MRZ_ALPHABET,
  everyCheckDigitVerifies,
  icaoCheckDigit,
  withChar,
  withValidChecks,
} from '../../../support/mrz-oracle';

interface FixtureDocument {
  readonly name: string;
  readonly source: string;
  readonly lines: readonly string[];
  readonly expected: MrzReadResult;
  readonly expectedIdentity?: VisitorIdentity;
  readonly expectedProblems?: IdentityProblem[];
}
interface FixtureFile {
  readonly today: string;
  readonly documents: readonly FixtureDocument[];
}

const fixture = (name: string): FixtureFile =>
  JSON.parse(readFileSync(new URL(`../../../fixtures/mrz/${name}`, import.meta.url), 'utf8')) as FixtureFile;
const icao = fixture('icao-9303-specimens.json');
const synthetic = fixture('synthetic-samples.json');

const TD1 = SPECIMENS['pl-id'].lines;
const TD2 = SPECIMENS.td2.lines;
const TD3 = SPECIMENS.passport.lines;

describe('the fixtures', () => {
  it.each([
    ...icao.documents.map((doc) => ['icao', doc] as const),
    ...synthetic.documents.map((doc) => ['synthetic', doc] as const),
  ])('%s %s parses as recorded', (set, doc) => {
    const acceptSpecimens = set === 'icao';
    expect(decodeMrzLines(doc.lines, { acceptSpecimens })).toEqual(doc.expected);
    if (doc.expected.ok) {
      expect(everyCheckDigitVerifies(doc.lines)).toBe(true);
      const { identity, problems } = visitorIdentityFromMrz(doc.expected.document, {
        today: (set === 'icao' ? icao : synthetic).today,
      });
      expect(identity).toEqual(doc.expectedIdentity);
      expect(problems).toEqual(doc.expectedProblems);
    }
    // Through every framing the swipe reads the same.
    for (const framing of FRAMINGS) {
      expect(decodeSwipe(encodeSwipe(doc.lines, framing), { acceptSpecimens }), framing).toEqual({
        ...doc.expected,
        framing,
      });
    }
  });

  it('the simulator swipes the same documents as the fixtures record', () => {
    for (const doc of synthetic.documents)
      expect(SPECIMENS[doc.name as keyof typeof SPECIMENS].lines).toEqual(doc.lines);
    expect(SPECIMENS['icao-td1'].lines).toEqual(icao.documents.find((doc) => doc.name === 'td1')?.lines);
    expect(SPECIMENS['icao-td3'].lines).toEqual(icao.documents.find((doc) => doc.name === 'td3')?.lines);
  });

  it('refuses the ICAO specimens unless told to accept the specimen state', () => {
    expect(decodeMrzLines(SPECIMENS['icao-td1'].lines)).toEqual({
      ok: false,
      reason: 'unsupported',
      part: 'issuingState',
    });
    expect(decodeMrzLines(SPECIMENS['icao-td1'].lines, { acceptSpecimens: true })).toMatchObject({ ok: true });
  });

  it('every specimen the simulator knows decodes to what its name promises', () => {
    const outcome = Object.fromEntries(SPECIMEN_NAMES.map((name) => [name, decodeSwipe(specimenSwipe(name, 'desko'))]));
    expect(outcome['pl-id']).toMatchObject({ ok: true });
    expect(outcome['pl-id-2']).toMatchObject({ ok: true });
    expect(outcome['pl-residence']).toMatchObject({ ok: true });
    expect(outcome.passport).toMatchObject({ ok: true });
    expect(outcome.td2).toMatchObject({ ok: true });
    expect(outcome['icao-td1']).toMatchObject({ ok: false, reason: 'unsupported', part: 'issuingState' });
    expect(outcome.visa).toMatchObject({ ok: false, reason: 'unsupported', part: 'documentCode' });
    expect(outcome.torn).toMatchObject({ ok: false, reason: 'torn', part: 'line-2', format: 'TD1', completeLines: 1 });
    expect(outcome['bad-check']).toMatchObject({ ok: false, reason: 'check-digit', part: 'birthDate' });
    expect(outcome.garbage).toMatchObject({ ok: false, reason: 'garbage', part: 'swipe' });
  });
});

describe('check digits', () => {
  const CHECK_POSITIONS: readonly (readonly [string, readonly string[], CheckedField, number, number])[] = [
    ['TD1', TD1, 'documentNumber', 0, 14],
    ['TD1', TD1, 'birthDate', 1, 6],
    ['TD1', TD1, 'expiryDate', 1, 14],
    ['TD1', TD1, 'composite', 1, 29],
    ['TD2', TD2, 'documentNumber', 1, 9],
    ['TD2', TD2, 'birthDate', 1, 19],
    ['TD2', TD2, 'expiryDate', 1, 27],
    ['TD2', TD2, 'composite', 1, 35],
    ['TD3', TD3, 'documentNumber', 1, 9],
    ['TD3', TD3, 'birthDate', 1, 19],
    ['TD3', TD3, 'expiryDate', 1, 27],
    ['TD3', TD3, 'personalNumber', 1, 42],
    ['TD3', TD3, 'composite', 1, 43],
  ];

  it.each(CHECK_POSITIONS)('%s: a wrong %s check digit is refused and named', (_format, lines, field, line, column) => {
    for (let delta = 1; delta < 10; delta++) {
      const digit = String((Number(lines[line]![column]) + delta) % 10);
      const result = decodeMrzLines(withChar(lines, line, column, digit));
      expect(result).toMatchObject({ ok: false, reason: 'check-digit', part: field });
      if (!result.ok && result.reason === 'check-digit' && result.part !== 'frame-bcc') {
        expect(result.checks[field]).toBe(false);
        // Every check before it in the zone still verifies.
        const order: CheckedField[] = ['documentNumber', 'birthDate', 'expiryDate', 'personalNumber', 'composite'];
        for (const earlier of order.slice(0, order.indexOf(field))) expect(result.checks[earlier]).not.toBe(false);
      }
    }
    for (const notADigit of ['<', 'A']) {
      expect(decodeMrzLines(withChar(lines, line, column, notADigit))).toMatchObject({
        ok: false,
        reason: 'check-digit',
        part: field,
      });
    }
  });

  it.each([
    ['document number', TD1, 0, 8, 'documentNumber'],
    ['birth date', TD1, 1, 3, 'birthDate'],
    ['expiry date', TD1, 1, 10, 'expiryDate'],
    ['PESEL (optional data: composite only)', TD1, 1, 22, 'composite'],
    ['personal number', TD3, 1, 30, 'personalNumber'],
  ] as const)('a misread digit in the %s is caught by its check digit', (_label, lines, line, column, field) => {
    const original = lines[line]![column]!;
    const changed = original === '9' ? '8' : String(Number(original) + 1);
    expect(decodeMrzLines(withChar(lines, line, column, changed))).toMatchObject({
      ok: false,
      reason: 'check-digit',
      part: field,
    });
  });

  it('reads a document number that overflows into the optional data (ICAO part 5)', () => {
    const lines = [
      'I<UTOD23145890<1233<<<<<<<<<<<',
      '7408122F1204159UTO<<<<<<<<<<<2',
      'ERIKSSON<<ANNA<MARIA<<<<<<<<<<',
    ];
    expect(everyCheckDigitVerifies(lines)).toBe(true);
    expect(decodeMrzLines(lines, { acceptSpecimens: true })).toMatchObject({
      ok: true,
      document: { documentNumber: 'D23145890123' },
    });
  });

  it('does not take a filler in the check digit place for a check digit when nothing overflows', () => {
    // A number whose check digit is 0, written with `<` instead of 0 and no continuation.
    const number = Array.from({ length: 10 }, (_, digit) => `ZRK02045${digit}`).find(
      (candidate) => icaoCheckDigit(candidate) === 0,
    )!;
    const valid = withValidChecks([`IDPOL${number}0${'<'.repeat(15)}`, TD1[1]!, TD1[2]!]);
    expect(decodeMrzLines(valid)).toMatchObject({ ok: true });
    // `<` counts 0 in the composite too, so only the document number check can refuse this; the
    // `mrz` package alone takes it as valid (number "ZRK02045x<<<<…").
    expect(decodeMrzLines(withChar(valid, 0, 14, '<'))).toMatchObject({
      ok: false,
      reason: 'check-digit',
      part: 'documentNumber',
    });
  });
});

describe('documents the station does not take, and impossible fields', () => {
  it('calls visas and the old French ID card unsupported', () => {
    expect(decodeMrzLines(SPECIMENS.visa.lines, { acceptSpecimens: true })).toEqual({
      ok: false,
      reason: 'unsupported',
      part: 'documentCode',
    });
    expect(decodeMrzLines(['IDFRADOUEL<<<<<<<<<<<<<<<<<<<<932013', '0506932020438CHRISTIANE<<NI2906209F3'])).toEqual({
      ok: false,
      reason: 'unsupported',
      part: 'format',
    });
    expect(decodeMrzLines(withValidChecks(withChar(TD1, 0, 0, 'P')))).toEqual({
      ok: false,
      reason: 'unsupported',
      part: 'documentCode',
    });
  });

  it('calls unknown state codes unsupported', () => {
    expect(decodeMrzLines(withChar(TD1, 0, 3, '0'))).toEqual({
      ok: false,
      reason: 'unsupported',
      part: 'issuingState',
    });
    expect(decodeMrzLines(withValidChecks(withChar(TD1, 1, 15, 'Q')))).toEqual({
      ok: false,
      reason: 'unsupported',
      part: 'nationality',
    });
  });

  it('calls a field no check digit vouches for garbage when its value is impossible', () => {
    expect(decodeMrzLines(withChar(TD1, 1, 7, 'Q'))).toEqual({ ok: false, reason: 'garbage', part: 'sex' });
    expect(decodeMrzLines(withChar(TD1, 2, 4, '0'))).toEqual({ ok: false, reason: 'garbage', part: 'lastName' });
    // Month 13 with check digits that fit it.
    expect(decodeMrzLines(withValidChecks(withChar(withChar(TD1, 1, 2, '1'), 1, 3, '3')))).toEqual({
      ok: false,
      reason: 'garbage',
      part: 'birthDate',
    });
  });

  it('reads X (ICAO 8th edition) as an unspecified sex', () => {
    expect(decodeMrzLines(withChar(TD1, 1, 7, 'X'))).toMatchObject({ ok: true, document: { sex: 'unspecified' } });
    expect(decodeMrzLines(withChar(TD3, 1, 20, 'X'))).toMatchObject({ ok: true, document: { sex: 'unspecified' } });
    expect(decodeMrzLines(withChar(TD1, 1, 7, '<'))).toMatchObject({ ok: true, document: { sex: 'unspecified' } });
  });

  it('refuses lines of the wrong shape without throwing', () => {
    expect(decodeMrzLines([])).toEqual({ ok: false, reason: 'garbage', part: 'swipe' });
    expect(decodeMrzLines([TD1[0]!, TD1[1]!])).toEqual({ ok: false, reason: 'garbage', part: 'swipe' });
    expect(decodeMrzLines([TD1[0]!, TD1[1]!, TD1[2]!.toLowerCase()])).toEqual({
      ok: false,
      reason: 'garbage',
      part: 'swipe',
    });
    expect(decodeMrzLines([TD3[0]!, TD2[1]!])).toEqual({ ok: false, reason: 'garbage', part: 'swipe' });
  });

  it('keeps document text out of every failure', () => {
    for (const name of ['torn', 'bad-check', 'garbage', 'visa'] as const) {
      const text = JSON.stringify(decodeSwipe(specimenSwipe(name, 'desko')));
      for (const secret of ['NOWAKOWSKA', 'ZOFIA', 'ZRK020457', '85021712323', 'ERIKSSON', 'KOWALSKI'])
        expect(text).not.toContain(secret);
    }
  });
});

describe('properties', () => {
  const mrzChar = fc.constantFrom(...MRZ_ALPHABET);
  const valid = fc.constantFrom(
    TD1,
    TD2,
    TD3,
    SPECIMENS['pl-id-2'].lines,
    SPECIMENS['pl-residence'].lines,
    SPECIMENS['icao-td2'].lines,
    SPECIMENS['icao-td3'].lines,
  );

  it('a zone with random characters changed is ok only when every check digit still verifies', () => {
    fc.assert(
      fc.property(
        valid,
        fc.array(fc.tuple(fc.nat(), fc.nat(), mrzChar), { minLength: 1, maxLength: 3 }),
        (lines, changes) => {
          let changed = [...lines];
          for (const [line, column, char] of changes)
            changed = withChar(changed, line % changed.length, column % changed[0]!.length, char);
          const result = decodeMrzLines(changed, { acceptSpecimens: true });
          if (result.ok) expect(everyCheckDigitVerifies(changed)).toBe(true);
          if (!everyCheckDigitVerifies(changed)) expect(result.ok).toBe(false);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('random zones of every shape never throw and are ok only when every check digit verifies', () => {
    const shape = fc.constantFrom([3, 30], [2, 36], [2, 44]);
    fc.assert(
      fc.property(
        shape.chain(([count, length]) =>
          fc.array(fc.string({ unit: mrzChar, minLength: length, maxLength: length }), {
            minLength: count,
            maxLength: count,
          }),
        ),
        (lines) => {
          const result = decodeMrzLines(lines, { acceptSpecimens: true });
          if (result.ok) expect(everyCheckDigitVerifies(lines)).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('random bytes never throw and never give a document whose check digits fail', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.constantFrom('auto', ...FRAMINGS), (stream, framing) => {
        const result = decodeSwipe(stream, { framing, acceptSpecimens: true });
        if (result.ok) {
          const frame = frameSwipe(stream, framing);
          expect(frame.ok && everyCheckDigitVerifies(frame.lines)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('every well-formed passport with correct check digits is read back field for field', () => {
    const letters = (min: number, max: number) =>
      fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), minLength: min, maxLength: max });
    const alnum = fc.string({
      unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'),
      minLength: 1,
      maxLength: 9,
    });
    const date = fc
      .date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2049-12-31T00:00:00Z'), noInvalidDate: true })
      .map((value) => value.toISOString().slice(2, 10).replaceAll('-', ''));
    fc.assert(
      fc.property(
        letters(1, 15),
        letters(1, 15),
        alnum,
        date,
        date,
        fc.constantFrom('M', 'F'),
        fc.constantFrom('POL', 'UKR', 'DEU', 'D<<'),
        (surname, given, number, birth, expiry, sex, state) => {
          const l1 = `P<${state}${surname}<<${given}`.padEnd(44, '<');
          const l2 = `${number.padEnd(9, '<')}0${state}${birth}0${sex}${expiry}0${'<'.repeat(14)}<0`;
          const lines = withValidChecks([l1, l2]);
          const result = decodeMrzLines(lines);
          expect(result).toMatchObject({
            ok: true,
            document: {
              format: 'TD3',
              documentNumber: number,
              birthDate: birth,
              expiryDate: expiry,
              lastName: surname,
              firstName: given,
              sex: sex === 'M' ? 'male' : 'female',
              issuingState: state.replaceAll('<', ''),
            },
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});
