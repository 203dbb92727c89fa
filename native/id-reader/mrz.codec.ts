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

/** Which `mrz` field holds which of ours: the same in every format but for the first optional data. */
const COMMON_VALUE_FIELDS: Readonly<Record<Exclude<MrzField, 'optional1'>, FieldName>> = {
  documentCode: 'documentCode',
  issuingState: 'issuingState',
  documentNumber: 'documentNumber',
  birthDate: 'birthDate',
  sex: 'sex',
  expiryDate: 'expirationDate',
  nationality: 'nationality',
  lastName: 'lastName',
  firstName: 'firstName',
  optional2: 'optional2',
};

const VALUE_FIELDS: Readonly<Record<MrzFormat, Readonly<Record<MrzField, FieldName>>>> = {
  TD1: { ...COMMON_VALUE_FIELDS, optional1: 'optional1' },
  TD2: { ...COMMON_VALUE_FIELDS, optional1: 'optional' },
  TD3: { ...COMMON_VALUE_FIELDS, optional1: 'personalNumber' },
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

/** The fields checked for a legal value beside the state codes, in the order they are reported. */
const OTHER_FIELDS: readonly MrzField[] = [
  'documentNumber',
  'birthDate',
  'sex',
  'expiryDate',
  'lastName',
  'firstName',
  'optional1',
  'optional2',
];

/** Lines of a known format, as `mrz` parsed them. */
interface Zone {
  readonly format: MrzFormat;
  readonly lines: readonly string[];
  readonly parsed: ParseResult;
}

type Failure<R extends MrzFailureReason> = Extract<MrzReadFailure, { reason: R }>;
const garbage = (part: Failure<'garbage'>['part']): Failure<'garbage'> => ({ ok: false, reason: 'garbage', part });
const unsupported = (part: Failure<'unsupported'>['part']): Failure<'unsupported'> => ({
  ok: false,
  reason: 'unsupported',
  part,
});

/** Reads complete MRZ lines (from `frameSwipe`, or typed in). Never throws. */
export function decodeMrzLines(input: readonly string[], options: MrzDecodeOptions = {}): MrzReadResult {
  const format = FORMATS_BY_SHAPE[`${input.length}x${input[0]?.length ?? 0}`];
  if (!format || !input.every((line) => line.length === input[0]?.length && /^[A-Z0-9<]+$/.test(line))) {
    return garbage('swipe');
  }
  const lines = withUnspecifiedSexAsFiller(input, format);
  let parsed: ParseResult;
  try {
    parsed = parse(lines);
  } catch {
    return unsupported('format');
  }
  // A 36-character zone with digits where TD2 has names is the old French ID card.
  if (parsed.format !== format) return unsupported('format');
  const zone: Zone = { format, lines, parsed };

  if (!isValid(zone, 'documentCode')) return unsupported('documentCode');
  const checks = checkDigits(zone);
  const failed = CHECK_ORDER.find((field) => checks[field] === false);
  if (failed) return { ok: false, reason: 'check-digit', part: failed, checks };
  return documentOf(zone, checks, options);
}

/**
 * ICAO 9303 (8th edition) writes an unspecified sex as `X`; `mrz` knows only `<`. No check digit
 * covers the sex, so reading `X` as `<` changes nothing else.
 */
function withUnspecifiedSexAsFiller(input: readonly string[], format: MrzFormat): string[] {
  const lines = [...input];
  const position = POSITIONS[format].sex;
  const [sexLine, sexColumn] = position;
  if (charAt(lines, position) === 'X') {
    const line = lines[sexLine]!;
    lines[sexLine] = `${line.slice(0, sexColumn)}<${line.slice(sexColumn + 1)}`;
  }
  return lines;
}

function isValid(zone: Zone, field: FieldName): boolean {
  return zone.parsed.details.find((entry: Details) => entry.field === field)?.valid ?? false;
}

function checkDigits(zone: Zone): MrzChecks {
  const positions = POSITIONS[zone.format];
  const checkValid = (field: CheckedField): boolean => {
    if (!isValid(zone, CHECK_FIELDS[field])) return false;
    if (field === 'documentNumber' && charAt(zone.lines, positions.numberCheck) === '<') {
      // `<` there means the number continues in the optional data; without a continuation it is
      // not a check digit at all (and `mrz` would compare against an empty string).
      return /[A-Z0-9]/.test(charAt(zone.lines, positions.overflow));
    }
    return true;
  };
  return {
    documentNumber: checkValid('documentNumber'),
    birthDate: checkValid('birthDate'),
    expiryDate: checkValid('expiryDate'),
    ...(zone.format === 'TD3' ? { personalNumber: checkValid('personalNumber') } : {}),
    composite: checkValid('composite'),
  };
}

/** A state code from ICAO's list, or the specimen state when it is accepted; undefined otherwise. */
function stateCode(zone: Zone, field: 'issuingState' | 'nationality', options: MrzDecodeOptions): string | undefined {
  const name = VALUE_FIELDS[zone.format][field];
  if (isValid(zone, name)) return zone.parsed.fields[name] ?? undefined;
  const [line, column] = POSITIONS[zone.format].nationality;
  const raw =
    field === 'issuingState' ? (zone.lines[0] ?? '').slice(2, 5) : (zone.lines[line] ?? '').slice(column, column + 3);
  return options.acceptSpecimens && raw === SPECIMEN_STATE ? SPECIMEN_STATE : undefined;
}

/** A field's value when it holds a legal one; undefined otherwise. */
function fieldValue(zone: Zone, field: MrzField): string | undefined {
  const name = VALUE_FIELDS[zone.format][field];
  if (zone.format !== 'TD1' && field === 'optional2') return '';
  return isValid(zone, name) ? (zone.parsed.fields[name] ?? '') : undefined;
}

/** The document, once its check digits verified: every other field must hold a legal value. */
function documentOf(zone: Zone, checks: MrzChecks, options: MrzDecodeOptions): MrzReadResult {
  const issuingState = stateCode(zone, 'issuingState', options);
  if (issuingState === undefined) return unsupported('issuingState');
  const nationality = stateCode(zone, 'nationality', options);
  if (nationality === undefined) return unsupported('nationality');
  const value = (field: MrzField): string | undefined => fieldValue(zone, field);
  const illegal = OTHER_FIELDS.find((field) => value(field) === undefined);
  if (illegal) return garbage(illegal);

  const sex = value('sex');
  const document: MrzDocument = {
    format: zone.format,
    documentCode: value('documentCode') ?? clean((zone.lines[0] ?? '').slice(0, 2)),
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
