/**
 * MRZ lines to a document, with every check digit verified. Parsing is the `mrz` package's (ICAO
 * 9303, every format); this file decides what the station may trust: a document comes out only
 * when all its check digits verify, every other field holds a legal value and the format is one
 * the station reads (TD1, TD2, TD3). Runs anywhere.
 *
 * Failure reasons, for the UI to word:
 *   torn         the swipe did not deliver a complete set of lines (`part`: the first bad line)
 *   check-digit  a check digit does not match (`part`: its field), or a 3M frame's BCC
 *   unsupported  a well-formed MRZ of a kind the station does not read: a visa, the old French
 *                ID card, a document code outside A/C/I/P, a state code not in ICAO's list
 *   garbage      nothing MRZ-like, or a field no check digit covers holds an impossible value
 *                (a 13th month, a sex other than F/M/X/<, digits in a name)
 * No result carries text from the document except `document` itself.
 */
import { parse, type Details, type FieldName, type ParseResult } from 'mrz';
import type { MrzDocument } from '../../electron/common/domain/identity';
import { frameSwipe, type Framing, type FramingHint, type LinePart, type MrzFormat } from './mrz-frame.codec';

export type { Framing, FramingHint, LinePart, MrzFormat };

/** A document read from its MRZ; the domain defines it, since it turns one into a visitor's identity. */
export type { MrzDocument };

/** Whether each check digit verifies. `personalNumber` exists only in TD3. */
export interface MrzChecks {
  readonly documentNumber: boolean;
  readonly birthDate: boolean;
  readonly expiryDate: boolean;
  readonly personalNumber?: boolean;
  readonly composite: boolean;
}

export type CheckedField = 'documentNumber' | 'birthDate' | 'expiryDate' | 'personalNumber' | 'composite';
export type MrzField = Exclude<keyof MrzDocument, 'format'>;

export type MrzReadResult =
  | { readonly ok: true; readonly document: MrzDocument; readonly checks: MrzChecks }
  | {
      readonly ok: false;
      readonly reason: 'torn';
      readonly part: LinePart;
      readonly format: MrzFormat | undefined;
      readonly completeLines: number;
      readonly expectedLines: number | undefined;
    }
  | { readonly ok: false; readonly reason: 'check-digit'; readonly part: CheckedField; readonly checks: MrzChecks }
  | { readonly ok: false; readonly reason: 'check-digit'; readonly part: 'frame-bcc' }
  | {
      readonly ok: false;
      readonly reason: 'unsupported';
      readonly part: 'format' | 'documentCode' | 'issuingState' | 'nationality';
    }
  | { readonly ok: false; readonly reason: 'garbage'; readonly part: 'swipe' | MrzField };

export type MrzReadFailure = Extract<MrzReadResult, { ok: false }>;
export type MrzFailureReason = MrzReadFailure['reason'];

export interface MrzDecodeOptions {
  /**
   * Accept `UTO` (Utopia, the state of ICAO's specimen documents) as a state code. For tests and
   * demonstrations: no real document carries it, so the station leaves it off.
   */
  readonly acceptSpecimens?: boolean;
}

const SPECIMEN_STATE = 'UTO';

/** Which `mrz` detail holds which of our fields, per format. */
const CHECK_FIELDS: Readonly<Record<CheckedField, FieldName>> = {
  documentNumber: 'documentNumberCheckDigit',
  birthDate: 'birthDateCheckDigit',
  expiryDate: 'expirationDateCheckDigit',
  personalNumber: 'personalNumberCheckDigit',
  composite: 'compositeCheckDigit',
};

const CHECK_ORDER: readonly CheckedField[] = [
  'documentNumber',
  'birthDate',
  'expiryDate',
  'personalNumber',
  'composite',
];

const VALUE_FIELDS: Readonly<Record<MrzFormat, Readonly<Record<MrzField, FieldName>>>> = {
  TD1: {
    documentCode: 'documentCode',
    issuingState: 'issuingState',
    documentNumber: 'documentNumber',
    birthDate: 'birthDate',
    sex: 'sex',
    expiryDate: 'expirationDate',
    nationality: 'nationality',
    lastName: 'lastName',
    firstName: 'firstName',
    optional1: 'optional1',
    optional2: 'optional2',
  },
  TD2: {
    documentCode: 'documentCode',
    issuingState: 'issuingState',
    documentNumber: 'documentNumber',
    birthDate: 'birthDate',
    sex: 'sex',
    expiryDate: 'expirationDate',
    nationality: 'nationality',
    lastName: 'lastName',
    firstName: 'firstName',
    optional1: 'optional',
    optional2: 'optional2',
  },
  TD3: {
    documentCode: 'documentCode',
    issuingState: 'issuingState',
    documentNumber: 'documentNumber',
    birthDate: 'birthDate',
    sex: 'sex',
    expiryDate: 'expirationDate',
    nationality: 'nationality',
    lastName: 'lastName',
    firstName: 'firstName',
    optional1: 'personalNumber',
    optional2: 'optional2',
  },
};

/** Where the sex character, the document number check digit and the state codes sit, per format. */
const POSITIONS: Readonly<
  Record<
    MrzFormat,
    { sex: [number, number]; numberCheck: [number, number]; overflow: [number, number]; nationality: [number, number] }
  >
> = {
  TD1: { sex: [1, 7], numberCheck: [0, 14], overflow: [0, 15], nationality: [1, 15] },
  TD2: { sex: [1, 20], numberCheck: [1, 9], overflow: [1, 28], nationality: [1, 10] },
  TD3: { sex: [1, 20], numberCheck: [1, 9], overflow: [1, 28], nationality: [1, 10] },
};

const FORMATS_BY_SHAPE: Readonly<Record<string, MrzFormat>> = { '3x30': 'TD1', '2x36': 'TD2', '2x44': 'TD3' };

const charAt = (lines: readonly string[], [line, column]: [number, number]): string =>
  lines[line]?.charAt(column) ?? '';
const clean = (text: string): string => text.replace(/<+$/, '').replaceAll('<', ' ');

/** Reads complete MRZ lines (from `frameSwipe`, or typed in). Never throws. */
export function decodeMrzLines(input: readonly string[], options: MrzDecodeOptions = {}): MrzReadResult {
  const shape = `${input.length}x${input[0]?.length ?? 0}`;
  const format = FORMATS_BY_SHAPE[shape];
  if (!format || !input.every((line) => line.length === input[0]?.length && /^[A-Z0-9<]+$/.test(line))) {
    return { ok: false, reason: 'garbage', part: 'swipe' };
  }
  const positions = POSITIONS[format];

  // ICAO 9303 (8th edition) writes an unspecified sex as `X`; `mrz` knows only `<`. No check digit
  // covers the sex, so reading `X` as `<` changes nothing else.
  const lines = [...input];
  const [sexLine, sexColumn] = positions.sex;
  if (charAt(lines, positions.sex) === 'X') {
    const line = lines[sexLine]!;
    lines[sexLine] = `${line.slice(0, sexColumn)}<${line.slice(sexColumn + 1)}`;
  }

  let parsed: ParseResult;
  try {
    parsed = parse(lines);
  } catch {
    return { ok: false, reason: 'unsupported', part: 'format' };
  }
  // A 36-character zone with digits where TD2 has names is the old French ID card.
  if (parsed.format !== format) return { ok: false, reason: 'unsupported', part: 'format' };

  const detail = (field: FieldName): Details | undefined => parsed.details.find((entry) => entry.field === field);
  const valid = (field: FieldName): boolean => detail(field)?.valid ?? false;

  if (!valid('documentCode')) return { ok: false, reason: 'unsupported', part: 'documentCode' };

  const checkValid = (field: CheckedField): boolean => {
    if (!valid(CHECK_FIELDS[field])) return false;
    if (field === 'documentNumber' && charAt(lines, positions.numberCheck) === '<') {
      // `<` there means the number continues in the optional data; without a continuation it is
      // not a check digit at all (and `mrz` would compare against an empty string).
      return /[A-Z0-9]/.test(charAt(lines, positions.overflow));
    }
    return true;
  };
  const checks: MrzChecks = {
    documentNumber: checkValid('documentNumber'),
    birthDate: checkValid('birthDate'),
    expiryDate: checkValid('expiryDate'),
    ...(format === 'TD3' ? { personalNumber: checkValid('personalNumber') } : {}),
    composite: checkValid('composite'),
  };
  const failed = CHECK_ORDER.find((field) => checks[field] === false);
  if (failed) return { ok: false, reason: 'check-digit', part: failed, checks };

  const fields = VALUE_FIELDS[format];
  const stateAt = (field: 'issuingState' | 'nationality'): string | undefined => {
    if (valid(fields[field])) return parsed.fields[fields[field]] ?? undefined;
    const raw =
      field === 'issuingState'
        ? (lines[0] ?? '').slice(2, 5)
        : (lines[positions.nationality[0]] ?? '').slice(positions.nationality[1], positions.nationality[1] + 3);
    return options.acceptSpecimens && raw === SPECIMEN_STATE ? SPECIMEN_STATE : undefined;
  };
  const issuingState = stateAt('issuingState');
  if (issuingState === undefined) return { ok: false, reason: 'unsupported', part: 'issuingState' };
  const nationality = stateAt('nationality');
  if (nationality === undefined) return { ok: false, reason: 'unsupported', part: 'nationality' };

  const value = (field: MrzField): string | undefined => {
    const name = fields[field];
    if (format !== 'TD1' && field === 'optional2') return '';
    return valid(name) ? (parsed.fields[name] ?? '') : undefined;
  };
  const others: readonly MrzField[] = [
    'documentNumber',
    'birthDate',
    'sex',
    'expiryDate',
    'lastName',
    'firstName',
    'optional1',
    'optional2',
  ];
  for (const field of others) {
    if (value(field) === undefined) return { ok: false, reason: 'garbage', part: field };
  }

  const sex = value('sex');
  const document: MrzDocument = {
    format,
    documentCode: value('documentCode') ?? clean((lines[0] ?? '').slice(0, 2)),
    issuingState,
    documentNumber: value('documentNumber') ?? '',
    birthDate: value('birthDate') ?? '',
    sex: sex === 'male' || sex === 'female' ? sex : 'unspecified',
    expiryDate: value('expiryDate') ?? '',
    nationality,
    lastName: value('lastName') ?? '',
    firstName: value('firstName') ?? '',
    optional1: value('optional1') ?? '',
    optional2: value('optional2') ?? '',
  };
  return { ok: true, document, checks };
}

/** A swipe's bytes to a document: framing, then the lines. Never throws. */
export function decodeSwipe(
  bytes: Uint8Array,
  options: MrzDecodeOptions & { readonly framing?: FramingHint } = {},
): MrzReadResult & { readonly framing: Framing } {
  const frame = frameSwipe(bytes, options.framing ?? 'auto');
  if (!frame.ok) {
    const { framing } = frame;
    switch (frame.reason) {
      case 'torn':
        return {
          ok: false,
          reason: 'torn',
          part: frame.part,
          format: frame.format,
          completeLines: frame.completeLines,
          expectedLines: frame.expectedLines,
          framing,
        };
      case 'check-digit':
        return { ok: false, reason: 'check-digit', part: 'frame-bcc', framing };
      case 'garbage':
        return { ok: false, reason: 'garbage', part: 'swipe', framing };
    }
  }
  return { ...decodeMrzLines(frame.lines, options), framing: frame.framing };
}
