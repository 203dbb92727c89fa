/**
 * Who a visitor is, as the station records it from a swiped document or from the clerk's manual
 * entry: one type, one validator, so both paths accept exactly the same data. Runs anywhere. The
 * zod schemas here are the only definition: the types are inferred from them, and the contract
 * checks what crosses to the screens with the same schemas.
 *
 * Polish rules: PESEL — weights 1 3 7 9 1 3 7 9 1 3, check = (10 − sum mod 10) mod 10, the month
 * carries the century (+80 1800s, +0 1900s, +20 2000s, +40 2100s, +60 2200s), the 10th digit is
 * odd for men. ID-card number `AAA999999` — weights 7 3 1 9 7 3 1 7 3 over all nine characters
 * (A = 10 … Z = 35), sum mod 10 = 0; the 4th character is the check digit, and since 9 ≡ −1
 * (mod 10) this is the same as "check digit = weighted sum of the other eight mod 10".
 *
 * Problems are codes tied to a field, never sentences: the UI words them in the visitor's and the
 * clerk's language, and no personal data ever ends up in a message or a log line.
 */
import { z } from 'zod';

export const SexSchema = z.enum(['female', 'male', 'unspecified']);
export type Sex = z.infer<typeof SexSchema>;

/** What the document is, as far as the station cares: it decides which number rules apply. */
export const DOCUMENT_KINDS = ['id-card', 'passport', 'residence-permit', 'other'] as const;
export const DocumentKindSchema = z.enum(DOCUMENT_KINDS);
export type DocumentKind = z.infer<typeof DocumentKindSchema>;

/** A visitor's identity. The fields stand in the order of the form, which is the order problems are reported in. */
export const VisitorIdentitySchema = z.object({
  /** All given names, separated by single spaces, as on the document. */
  givenNames: z.string(),
  surname: z.string(),
  documentKind: DocumentKindSchema,
  /** Without spaces, upper case: `ZRK020457`. */
  documentNumber: z.string(),
  /** ICAO code of the issuing state or organisation (`POL`, `D` for Germany, `UTO`…). */
  issuingState: z.string(),
  /** ICAO code (`POL`, `UKR`, `XXA` stateless…). */
  nationality: z.string(),
  /**
   * ISO 8601: `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` when the document itself leaves the day or the
   * month unknown (ICAO allows it). Empty when not known at all — which the validator refuses.
   */
  birthDate: z.string(),
  sex: SexSchema,
  /** Polish national identification number, when the visitor has one. */
  pesel: z.string().optional(),
  /** `YYYY-MM-DD`; absent for a document printed without an expiry date. */
  expiryDate: z.string().optional(),
});
export type VisitorIdentity = Readonly<z.infer<typeof VisitorIdentitySchema>>;

export const IdentityFieldSchema = VisitorIdentitySchema.keyof();
export type IdentityField = z.infer<typeof IdentityFieldSchema>;
/** Every field of an identity, in the order of the form. */
export const IDENTITY_FIELDS: readonly IdentityField[] = IdentityFieldSchema.options;

/**
 * The fields a service may ask for (its `identityFields`): what a clerk may need to know about a
 * visitor. The rest of a swiped document (expiry, issuing state, sex) is never kept for a matter.
 */
export const SERVICE_IDENTITY_FIELDS = [
  'givenNames',
  'surname',
  'pesel',
  'documentNumber',
  'birthDate',
  'nationality',
] as const satisfies readonly IdentityField[];
export type ServiceIdentityField = (typeof SERVICE_IDENTITY_FIELDS)[number];

export const IdentityProblemCodeSchema = z.enum([
  /** Empty, or missing where the document requires it (PESEL on a Polish ID card). */
  'required',
  /** Wrong shape: length, characters, not a date, not an ICAO code. */
  'format',
  /** Shape right, check digit wrong: most likely a typo. */
  'check-digit',
  /** A date that does not exist (31 April) or a PESEL whose date does not. */
  'invalid-date',
  /** A birth date after today. */
  'future-date',
  /** The document expired before today. */
  'expired',
  /** Birth date or sex that disagree with the PESEL. */
  'pesel-mismatch',
  'too-long',
]);
export type IdentityProblemCode = z.infer<typeof IdentityProblemCodeSchema>;

/** A field the clerk should look at, and why (`{field: 'sex', problem: 'pesel-mismatch'}`). */
export const IdentityProblemSchema = z.object({ field: IdentityFieldSchema, problem: IdentityProblemCodeSchema });
export type IdentityProblem = Readonly<z.infer<typeof IdentityProblemSchema>>;

// ---------------------------------------------------------------------------------------------
// PESEL

const PESEL_WEIGHTS = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3] as const;

/** Month offsets per century, in the order PESEL uses them. */
const PESEL_CENTURIES: readonly { readonly offset: number; readonly century: number }[] = [
  { offset: 0, century: 1900 },
  { offset: 20, century: 2000 },
  { offset: 40, century: 2100 },
  { offset: 60, century: 2200 },
  { offset: 80, century: 1800 },
];

/** The check digit for the first ten digits of a PESEL. */
export function peselCheckDigit(firstTen: string): number {
  if (!/^\d{10}$/.test(firstTen)) throw new RangeError('A PESEL check digit is computed over exactly ten digits');
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += Number(firstTen[i]) * PESEL_WEIGHTS[i]!;
  return (10 - (sum % 10)) % 10;
}

export interface PeselFacts {
  /** `YYYY-MM-DD` */
  readonly birthDate: string;
  readonly sex: 'female' | 'male';
}

/** Birth date and sex encoded in a PESEL, whether or not its check digit is right. */
function peselFacts(pesel: string): PeselFacts | undefined {
  if (!/^\d{11}$/.test(pesel)) return undefined;
  const yy = Number(pesel.slice(0, 2));
  const encodedMonth = Number(pesel.slice(2, 4));
  const day = Number(pesel.slice(4, 6));
  const century = PESEL_CENTURIES.find(({ offset }) => encodedMonth > offset && encodedMonth <= offset + 12);
  if (!century) return undefined;
  const year = century.century + yy;
  const month = encodedMonth - century.offset;
  if (!isCalendarDate(year, month, day)) return undefined;
  return {
    birthDate: `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`,
    sex: Number(pesel[9]) % 2 === 1 ? 'male' : 'female',
  };
}

/** What is wrong with a PESEL, or undefined when it is valid. */
export function peselProblem(pesel: string): 'format' | 'check-digit' | 'invalid-date' | undefined {
  if (!/^\d{11}$/.test(pesel)) return 'format';
  if (peselCheckDigit(pesel.slice(0, 10)) !== Number(pesel[10])) return 'check-digit';
  if (!peselFacts(pesel)) return 'invalid-date';
  return undefined;
}

export function isValidPesel(pesel: string): boolean {
  return peselProblem(pesel) === undefined;
}

/** Birth date and sex from a valid PESEL; undefined for an invalid one. */
export function decodePesel(pesel: string): PeselFacts | undefined {
  return isValidPesel(pesel) ? peselFacts(pesel) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Polish ID card number

const ID_NUMBER_WEIGHTS = [7, 3, 1, 9, 7, 3, 1, 7, 3] as const;

/** A = 10 … Z = 35, digits as themselves (the ICAO character values). */
function characterValue(char: string): number {
  const code = char.charCodeAt(0);
  return code >= 0x41 && code <= 0x5a ? code - 0x41 + 10 : code - 0x30;
}

/** What is wrong with a Polish ID card number (`AAA999999`), or undefined when it is valid. */
export function polishIdNumberProblem(number: string): 'format' | 'check-digit' | undefined {
  if (!/^[A-Z]{3}\d{6}$/.test(number)) return 'format';
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += characterValue(number[i]!) * ID_NUMBER_WEIGHTS[i]!;
  return sum % 10 === 0 ? undefined : 'check-digit';
}

export function isValidPolishIdNumber(number: string): boolean {
  return polishIdNumberProblem(number) === undefined;
}

// ---------------------------------------------------------------------------------------------
// MRZ against PESEL

/**
 * Whether an MRZ's birth date (`YYMMDD`, `<` for unknown digits) and sex agree with a PESEL.
 * Unknown MRZ digits and an unspecified sex do not count as disagreement. An invalid PESEL is
 * reported as such and nothing is compared.
 */
export function crossCheckMrzWithPesel(
  mrz: { readonly birthDate: string; readonly sex: Sex },
  pesel: string,
): IdentityProblem[] {
  const problem = peselProblem(pesel);
  if (problem) return [{ field: 'pesel', problem }];
  const facts = peselFacts(pesel);
  if (!facts) return [{ field: 'pesel', problem: 'invalid-date' }];
  const problems: IdentityProblem[] = [];
  const peselYymmdd = facts.birthDate.slice(2, 4) + facts.birthDate.slice(5, 7) + facts.birthDate.slice(8, 10);
  const birthAgrees =
    /^[0-9<]{6}$/.test(mrz.birthDate) &&
    [...mrz.birthDate].every((char, index) => char === '<' || char === peselYymmdd[index]);
  if (!birthAgrees) problems.push({ field: 'birthDate', problem: 'pesel-mismatch' });
  if (mrz.sex !== 'unspecified' && mrz.sex !== facts.sex) problems.push({ field: 'sex', problem: 'pesel-mismatch' });
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Validation

const MAX_NAME_LENGTH = 100;
/** Letters of any script, combining marks, and the separators names really contain. */
const NAME_PATTERN = /^[\p{L}\p{M}]+(?:[ '\u2019-][\p{L}\p{M}]+)*$/u;
const ICAO_CODE_PATTERN = /^[A-Z]{1,3}$/;
const DOCUMENT_NUMBER_PATTERN = /^[A-Z0-9]{1,20}$/;

export interface ValidationOptions {
  /** Today as `YYYY-MM-DD` (the office's local date), for future birth dates and expiry. */
  readonly today: string;
}

/**
 * Every problem with an identity, in field order; an empty list means the station may use it.
 * A Polish ID card must carry a valid ID number and PESEL; a PESEL, wherever given, must be valid
 * and agree with the birth date and sex.
 */
export function validateVisitorIdentity(identity: VisitorIdentity, options: ValidationOptions): IdentityProblem[] {
  const problems: IdentityProblem[] = [];
  const add = (field: IdentityField, problem: IdentityProblemCode | undefined): void => {
    if (problem) problems.push({ field, problem });
  };

  add('givenNames', nameProblem(identity.givenNames));
  add('surname', nameProblem(identity.surname));

  if (!DOCUMENT_KINDS.includes(identity.documentKind)) add('documentKind', 'format');
  const polishIdCard = identity.documentKind === 'id-card' && identity.issuingState === 'POL';
  if (identity.documentNumber === '') add('documentNumber', 'required');
  else if (polishIdCard) add('documentNumber', polishIdNumberProblem(identity.documentNumber));
  else if (!DOCUMENT_NUMBER_PATTERN.test(identity.documentNumber)) add('documentNumber', 'format');

  add('issuingState', codeProblem(identity.issuingState));
  add('nationality', codeProblem(identity.nationality));

  const birth = partialDateProblem(identity.birthDate);
  add('birthDate', birth);
  if (!birth && identity.birthDate.slice(0, 10) > options.today) add('birthDate', 'future-date');

  if (!SexSchema.options.includes(identity.sex)) add('sex', 'format');

  if (identity.pesel === undefined || identity.pesel === '') {
    if (polishIdCard) add('pesel', 'required');
  } else {
    const peselIssue = peselProblem(identity.pesel);
    add('pesel', peselIssue);
    const facts = peselIssue ? undefined : peselFacts(identity.pesel);
    if (facts) {
      if (!birth && !facts.birthDate.startsWith(identity.birthDate)) add('birthDate', 'pesel-mismatch');
      if (identity.sex !== 'unspecified' && identity.sex !== facts.sex) add('sex', 'pesel-mismatch');
    }
  }

  if (identity.expiryDate !== undefined && identity.expiryDate !== '') {
    if (!isIsoDate(identity.expiryDate)) add('expiryDate', isoShaped(identity.expiryDate) ? 'invalid-date' : 'format');
    else if (identity.expiryDate < options.today) add('expiryDate', 'expired');
  }

  // Keep the order of the form, so the UI can focus the first field named.
  return problems.sort((a, b) => IDENTITY_FIELDS.indexOf(a.field) - IDENTITY_FIELDS.indexOf(b.field));
}

function nameProblem(name: string): IdentityProblemCode | undefined {
  const trimmed = name.trim();
  if (trimmed === '') return 'required';
  if (trimmed.length > MAX_NAME_LENGTH) return 'too-long';
  return NAME_PATTERN.test(trimmed.replace(/\s+/g, ' ')) ? undefined : 'format';
}

function codeProblem(code: string): IdentityProblemCode | undefined {
  if (code === '') return 'required';
  return ICAO_CODE_PATTERN.test(code) ? undefined : 'format';
}

function partialDateProblem(value: string): IdentityProblemCode | undefined {
  if (value === '') return 'required';
  if (/^\d{4}$/.test(value)) return undefined;
  if (/^\d{4}-\d{2}$/.test(value)) {
    const month = Number(value.slice(5, 7));
    return month >= 1 && month <= 12 ? undefined : 'invalid-date';
  }
  if (!isoShaped(value)) return 'format';
  return isIsoDate(value) ? undefined : 'invalid-date';
}

const isoShaped = (value: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(value);

function isIsoDate(value: string): boolean {
  if (!isoShaped(value)) return false;
  return isCalendarDate(Number(value.slice(0, 4)), Number(value.slice(5, 7)), Number(value.slice(8, 10)));
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

// ---------------------------------------------------------------------------------------------
// From a read MRZ

/**
 * A document read from its MRZ, fillers removed, dates as the MRZ has them. The MRZ codec
 * (native/id-reader/mrz.codec.ts) produces it; it is defined here, where the codec can import it,
 * because the domain imports nothing from devices.
 */
export interface MrzDocument {
  readonly format: 'TD1' | 'TD2' | 'TD3';
  /** `I`, `ID`, `IR`, `P`, `PN`…: the one or two letters of the document code, fillers removed. */
  readonly documentCode: string;
  readonly issuingState: string;
  readonly documentNumber: string;
  /** `YYMMDD`; `<` marks a digit the document leaves unknown. */
  readonly birthDate: string;
  readonly sex: Sex;
  /** `YYMMDD`; all `<` for a document without an expiry date. */
  readonly expiryDate: string;
  readonly nationality: string;
  /** Name components separated by spaces (the MRZ's `<`). */
  readonly lastName: string;
  readonly firstName: string;
  /** TD1: line 1 optional data; TD2: the optional data; TD3: the personal number. */
  readonly optional1: string;
  /** TD1: line 2 optional data (the PESEL on a Polish ID card); empty for TD2 and TD3. */
  readonly optional2: string;
}

/** Where a Polish document keeps the PESEL: line 2, 19–29 on the ID card, the personal number in a passport. */
export function peselFromMrz(mrz: MrzDocument): string | undefined {
  if (mrz.issuingState !== 'POL') return undefined;
  const candidate = mrz.format === 'TD1' ? mrz.optional2 : mrz.format === 'TD3' ? mrz.optional1 : '';
  return /^\d{11}$/.test(candidate) ? candidate : undefined;
}

/**
 * The document kind from its MRZ: `P…` is a passport; an ID-size document issued by Poland to a
 * foreigner is a residence card (karta pobytu) — Poland issues ID cards only to its citizens.
 */
export function documentKindFromMrz(
  mrz: Pick<MrzDocument, 'documentCode' | 'issuingState' | 'nationality'>,
): DocumentKind {
  const first = mrz.documentCode.charAt(0);
  if (first === 'P') return 'passport';
  if (first === 'I' || first === 'A' || first === 'C') {
    return mrz.issuingState === 'POL' && mrz.nationality !== 'POL' ? 'residence-permit' : 'id-card';
  }
  return 'other';
}

/**
 * A visitor's identity from a read MRZ, and what is wrong with it. The two-digit years get their
 * century from the PESEL when there is one, otherwise a birth year is never in the future and an
 * expiry year is taken from 2000 on (until today's year + 60). A PESEL that disagrees with the
 * MRZ is reported on the birth date or sex.
 */
export function visitorIdentityFromMrz(
  mrz: MrzDocument,
  options: ValidationOptions,
): { identity: VisitorIdentity; problems: IdentityProblem[] } {
  const pesel = peselFromMrz(mrz);
  const todayYear = Number(options.today.slice(0, 4));
  const peselBirth = pesel ? peselFacts(pesel)?.birthDate : undefined;

  let birthDate = '';
  const yy = mrz.birthDate.slice(0, 2);
  if (/^\d\d$/.test(yy)) {
    let year: number;
    if (peselBirth && peselBirth.slice(2, 4) === yy) year = Number(peselBirth.slice(0, 4));
    else {
      year = Math.floor(todayYear / 100) * 100 + Number(yy);
      // Born this year at the latest: a later year means the previous century.
      if (`${pad(year, 4)}${mrz.birthDate.slice(2)}`.replaceAll('<', '0') > options.today.replaceAll('-', ''))
        year -= 100;
    }
    birthDate = isoFromYymmdd(year, mrz.birthDate.slice(2, 4), mrz.birthDate.slice(4, 6));
  }

  let expiryDate: string | undefined;
  if (/^\d{6}$/.test(mrz.expiryDate)) {
    let year = 2000 + Number(mrz.expiryDate.slice(0, 2));
    if (year > todayYear + 60) year -= 100;
    expiryDate = isoFromYymmdd(year, mrz.expiryDate.slice(2, 4), mrz.expiryDate.slice(4, 6));
  }

  const identity: VisitorIdentity = {
    givenNames: mrz.firstName.trim().replace(/\s+/g, ' '),
    surname: mrz.lastName.trim().replace(/\s+/g, ' '),
    documentKind: documentKindFromMrz(mrz),
    documentNumber: mrz.documentNumber,
    issuingState: mrz.issuingState,
    nationality: mrz.nationality,
    birthDate,
    sex: mrz.sex,
    ...(pesel ? { pesel } : {}),
    ...(expiryDate ? { expiryDate } : {}),
  };
  return { identity, problems: validateVisitorIdentity(identity, options) };
}

/** `YYYY-MM-DD`, shortened to `YYYY-MM` or `YYYY` where the MRZ leaves the day or month unknown. */
function isoFromYymmdd(year: number, month: string, day: string): string {
  if (!/^\d\d$/.test(month)) return pad(year, 4);
  if (!/^\d\d$/.test(day)) return `${pad(year, 4)}-${month}`;
  return `${pad(year, 4)}-${month}-${day}`;
}
