/**
 * ESC/POS protocol facts as pure functions: the real-time status request and its answers, the
 * `GS ( H` completion fence, and the text conversions a thermal printer needs. Runs anywhere (no
 * Node, no DOM), so the same code serves the driver, the simulator and any future transport.
 * Byte values are those of Epson's ESC/POS command reference.
 */
import CodepageEncoder, { type Codepage } from '@point-of-sale/codepage-encoder';
import type { PrinterCondition } from './ticket-printer';

export type { Codepage };

// ---------------------------------------------------------------------------------------------
// Real-time status: DLE EOT n

/** The four DLE EOT questions: 1 printer, 2 offline cause, 3 error cause, 4 roll paper sensor. */
export type StatusRequest = 1 | 2 | 3 | 4;
export const STATUS_REQUESTS: readonly StatusRequest[] = [1, 2, 3, 4];

export function encodeStatusRequest(n: StatusRequest): Uint8Array {
  return Uint8Array.of(0x10, 0x04, n);
}

/**
 * Every DLE EOT answer has the shape 0xx1xx10b: bit 4 and bit 1 set, bits 7 and 0 clear. Checking
 * the shape lets a driver tell a status byte from noise (wrong baud rate) and from fence answers.
 */
export function isStatusByte(byte: number): boolean {
  return (byte & 0x93) === 0x12;
}

/** The flags of the four answers that matter to a ticket kiosk. */
export interface PrinterStatus {
  /** n=1 0x08 */
  readonly offline: boolean;
  /** n=1 0x20: an error happened and the printer waits to be brought back online. */
  readonly waitingForRecovery: boolean;
  /** n=2 0x04 */
  readonly coverOpen: boolean;
  /** n=2 0x20 */
  readonly stoppedByPaperEnd: boolean;
  /** n=2 0x40 */
  readonly error: boolean;
  /** n=3 0x08 */
  readonly autocutterError: boolean;
  /** n=3 0x20 */
  readonly unrecoverableError: boolean;
  /** n=3 0x40 */
  readonly autoRecoverableError: boolean;
  /** n=4 0x0C (either bit: some models set only one of the pair) */
  readonly paperNearEnd: boolean;
  /** n=4 0x60 (either bit) */
  readonly paperEnd: boolean;
}

/** The one-byte answers to DLE EOT 1..4, in order. */
export type StatusReplies = readonly [number, number, number, number];

/** Decodes the four answers; `undefined` when any byte is not a status byte (noise, wrong baud). */
export function decodeStatus(replies: StatusReplies): PrinterStatus | undefined {
  if (!replies.every(isStatusByte)) return undefined;
  const [printer, offlineCause, errorCause, paper] = replies;
  return {
    offline: (printer & 0x08) !== 0,
    waitingForRecovery: (printer & 0x20) !== 0,
    coverOpen: (offlineCause & 0x04) !== 0,
    stoppedByPaperEnd: (offlineCause & 0x20) !== 0,
    error: (offlineCause & 0x40) !== 0,
    autocutterError: (errorCause & 0x08) !== 0,
    unrecoverableError: (errorCause & 0x20) !== 0,
    autoRecoverableError: (errorCause & 0x40) !== 0,
    paperNearEnd: (paper & 0x0c) !== 0,
    paperEnd: (paper & 0x60) !== 0,
  };
}

/**
 * The single word the station shows. Order matters: a printer without paper also reports itself
 * offline, so the specific causes come before the general one, and the one a visitor or clerk can
 * fix (paper, cover) before the one they cannot.
 */
export function conditionFromStatus(status: PrinterStatus): Exclude<PrinterCondition, 'no-answer'> {
  if (status.paperEnd || status.stoppedByPaperEnd) return 'paper-out';
  if (status.coverOpen) return 'cover-open';
  if (status.error || status.autocutterError || status.unrecoverableError || status.autoRecoverableError)
    return 'error';
  if (status.offline || status.waitingForRecovery) return 'offline';
  if (status.paperNearEnd) return 'paper-near-end';
  return 'ready';
}

/** Answers that are not status bytes mean we are not talking to a printer: `no-answer`. */
export function conditionFromReplies(replies: StatusReplies): PrinterCondition {
  const status = decodeStatus(replies);
  return status ? conditionFromStatus(status) : 'no-answer';
}

/** Conditions in which a ticket must not be sent: it would be lost or stuck in the printer. */
export function conditionBlocksPrinting(
  condition: PrinterCondition,
): condition is Exclude<PrinterCondition, 'ready' | 'paper-near-end'> {
  return condition !== 'ready' && condition !== 'paper-near-end';
}

// ---------------------------------------------------------------------------------------------
// Completion fence: GS ( H fn48 → 37 22 d1 d2 d3 d4 00

const FENCE_ANSWER_HEADER = 0x37;
const FENCE_ANSWER_ID = 0x22;
const FENCE_ID_LENGTH = 4;
const FENCE_ANSWER_LENGTH = 2 + FENCE_ID_LENGTH + 1;

function isFenceIdByte(byte: number): boolean {
  // Epson allows 32..126; the same range keeps NUL (the answer's terminator) out of the id.
  return byte >= 0x20 && byte <= 0x7e;
}

/** True for exactly four characters in the range the printer echoes back (printable ASCII). */
export function isValidFenceId(id: string): boolean {
  if (id.length !== FENCE_ID_LENGTH) return false;
  for (let i = 0; i < id.length; i++) if (!isFenceIdByte(id.charCodeAt(i))) return false;
  return true;
}

const FENCE_ID_SPACE = 36 ** FENCE_ID_LENGTH;

/** A fence id from a counter: four base-36 characters, wrapping after 1 679 616. */
export function fenceIdFromCounter(counter: number): string {
  const value = ((Math.trunc(counter) % FENCE_ID_SPACE) + FENCE_ID_SPACE) % FENCE_ID_SPACE;
  return value.toString(36).toUpperCase().padStart(FENCE_ID_LENGTH, '0');
}

/** `1D 28 48 06 00 30 30 d1 d2 d3 d4`: answered once everything sent before it is processed. */
export function encodeFence(id: string): Uint8Array {
  if (!isValidFenceId(id))
    throw new RangeError(`A fence id is four printable ASCII characters, got ${JSON.stringify(id)}`);
  const bytes = Uint8Array.of(0x1d, 0x28, 0x48, 0x06, 0x00, 0x30, 0x30, 0, 0, 0, 0);
  for (let i = 0; i < FENCE_ID_LENGTH; i++) bytes[7 + i] = id.charCodeAt(i);
  return bytes;
}

/** The answer a printer sends to `encodeFence(id)`; the simulator uses it. */
export function encodeFenceAnswer(id: string): Uint8Array {
  if (!isValidFenceId(id))
    throw new RangeError(`A fence id is four printable ASCII characters, got ${JSON.stringify(id)}`);
  const bytes = Uint8Array.of(FENCE_ANSWER_HEADER, FENCE_ANSWER_ID, 0, 0, 0, 0, 0x00);
  for (let i = 0; i < FENCE_ID_LENGTH; i++) bytes[2 + i] = id.charCodeAt(i);
  return bytes;
}

/** What a printer may send back, as recognised in its byte stream. */
export type PrinterReply =
  | { readonly kind: 'status'; readonly byte: number }
  | { readonly kind: 'fence'; readonly id: string }
  /** A byte that belongs to nothing we asked for (noise, an old answer's remains, ASB frames). */
  | { readonly kind: 'unknown'; readonly byte: number };

/**
 * Splits the printer's byte stream into status bytes and fence answers. Serial reads arrive in
 * arbitrary chunks, so a fence answer may be cut anywhere; status bytes may come between answers.
 * A fence answer starts with 0x37, which is never a status byte, so the two cannot be confused at
 * the start. When a half-read answer turns out to be something else, the bytes after its first
 * are read again, so nothing that follows is lost and no fence is reported that was not sent
 * contiguously.
 */
export class PrinterReplyParser {
  #pending: number[] = [];

  push(chunk: Uint8Array): PrinterReply[] {
    const replies: PrinterReply[] = [];
    for (const byte of chunk) this.#feed(byte, replies);
    return replies;
  }

  /** Forget a half-read answer, e.g. after the port was reopened. */
  reset(): void {
    this.#pending = [];
  }

  #feed(byte: number, replies: PrinterReply[]): void {
    const pending = this.#pending;
    if (pending.length === 0) {
      if (byte === FENCE_ANSWER_HEADER) pending.push(byte);
      else if (isStatusByte(byte)) replies.push({ kind: 'status', byte });
      else replies.push({ kind: 'unknown', byte });
      return;
    }

    const position = pending.length;
    const fits =
      position === 1
        ? byte === FENCE_ANSWER_ID
        : position < FENCE_ANSWER_LENGTH - 1
          ? isFenceIdByte(byte)
          : byte === 0x00;
    if (fits) {
      pending.push(byte);
      if (pending.length === FENCE_ANSWER_LENGTH) {
        this.#pending = [];
        replies.push({ kind: 'fence', id: String.fromCharCode(...pending.slice(2, 2 + FENCE_ID_LENGTH)) });
      }
      return;
    }

    // Not a fence answer after all: drop its header byte and read the rest again.
    this.#pending = [];
    replies.push({ kind: 'unknown', byte: FENCE_ANSWER_HEADER });
    for (const again of [...pending.slice(1), byte]) this.#feed(again, replies);
  }
}

// ---------------------------------------------------------------------------------------------
// Code pages

/**
 * `ESC t n` numbers on Epson firmware for the pages this product uses or may meet (Epson's ESC t
 * table). The simulator plays an Epson, so this is its firmware table, kept apart from the
 * encoder's own mapping on purpose: a wrong number in either would show up in tests.
 */
export const EPSON_CODE_PAGES: Readonly<Record<number, Codepage>> = {
  0: 'cp437',
  2: 'cp850',
  16: 'windows1252',
  17: 'cp866',
  18: 'cp852',
  19: 'cp858',
  34: 'cp855',
  44: 'cp1125',
  45: 'windows1250',
  46: 'windows1251',
};

/**
 * Printer firmware families whose code page numbers are known, beside Epson. Only the numbers
 * known for sure (and CP437 at 0, which every ESC/POS printer has) are listed:
 * a page missing here reads as unknown in the simulator, so a layout that relies on it shows up.
 */
export type PrinterFirmware = 'epson' | 'zjiang' | 'rongta' | 'xprinter' | 'star-line';

export const PRINTER_FIRMWARES: readonly PrinterFirmware[] = ['epson', 'zjiang', 'rongta', 'xprinter', 'star-line'];

export const FIRMWARE_CODE_PAGES: Readonly<Record<PrinterFirmware, Readonly<Record<number, Codepage>>>> = {
  epson: EPSON_CODE_PAGES,
  zjiang: { 0: 'cp437', 18: 'cp852', 72: 'windows1250' },
  rongta: { 0: 'cp437', 18: 'cp852', 30: 'windows1250' },
  xprinter: { 0: 'cp437', 18: 'cp852' },
  // Star line mode selects with ESC GS t n, and numbers its pages differently.
  'star-line': { 1: 'cp437', 5: 'cp852' },
};

/** `ESC t n`, or `ESC GS t n` on a Star in line mode. */
export function encodeCodepageSelection(firmware: PrinterFirmware, n: number): Uint8Array {
  if (!Number.isInteger(n) || n < 0 || n > 255) throw new RangeError(`A code page number is 0..255, not ${n}`);
  return firmware === 'star-line' ? Uint8Array.of(0x1b, 0x1d, 0x74, n) : Uint8Array.of(0x1b, 0x74, n);
}

const codepointCache = new Map<Codepage, readonly number[]>();

function codepoints(page: Codepage): readonly number[] {
  let table = codepointCache.get(page);
  if (!table) {
    table = CodepageEncoder.getCodepoints(page, true);
    codepointCache.set(page, table);
  }
  return table;
}

const coverageCache = new Map<Codepage, ReadonlySet<number>>();

function coverage(page: Codepage): ReadonlySet<number> {
  let set = coverageCache.get(page);
  if (!set) {
    // Only printable positions count: the low 32 bytes are control codes on a printer, even where
    // the code page table gives them a glyph.
    set = new Set(codepoints(page).filter((codepoint, byte) => byte >= 0x20 && byte !== 0x7f && codepoint !== 0xfffd));
    coverageCache.set(page, set);
  }
  return set;
}

export function isSupportedCodepage(page: string): page is Codepage {
  return CodepageEncoder.supports(page);
}

/** Whether every character of `text` has a byte in `page`. */
export function codepageCovers(page: Codepage, text: string): boolean {
  const set = coverage(page);
  for (const char of text) if (!set.has(char.codePointAt(0) ?? -1)) return false;
  return true;
}

/**
 * Bytes in a code page back to text, as the printer would draw them. Control bytes (below 0x20)
 * and unknown positions become U+FFFD so a test notices them.
 */
export function decodeCodepage(bytes: Uint8Array, page: Codepage): string {
  const table = codepoints(page);
  let text = '';
  for (const byte of bytes) {
    const codepoint = byte < 0x20 || byte === 0x7f ? 0xfffd : (table[byte] ?? 0xfffd);
    text += String.fromCodePoint(codepoint);
  }
  return text;
}

// ---------------------------------------------------------------------------------------------
// Text for paper

/**
 * Typography that CP852 and the Cyrillic pages lack, or that prints badly: each to what a typist
 * would write. Spaces that `Intl` puts into Polish numbers and dates (U+00A0, U+202F) become plain
 * spaces so they do not depend on the printer's glyph for 0xFF.
 */
const TYPOGRAPHY: Readonly<Record<string, string>> = {
  '\u201e': '"', // „
  '\u201c': '"', // “
  '\u201d': '"', // ”
  '\u201f': '"', // ‟
  '\u2033': '"', // ″
  '\u201a': "'", // ‚
  '\u2018': "'", // ‘
  '\u2019': "'", // ’
  '\u201b': "'", // ‛
  '\u2032': "'", // ′
  '\u2039': '<', // ‹
  '\u203a': '>', // ›
  '\u2010': '-', // ‐ hyphen
  '\u2011': '-', // ‑ non-breaking hyphen
  '\u2012': '-', // ‒
  '\u2013': '-', // –
  '\u2014': '-', // —
  '\u2015': '-', // ―
  '\u2212': '-', // − minus
  '\u2026': '...', // …
  '\u20ac': 'EUR', // €
  '\u2022': '*', // •
  '\u2023': '>', // ‣
  '\u25cf': '*', // ●
  '\u2192': '->', // →
  '\u2190': '<-', // ←
  '\u00a9': '(c)', // ©
  '\u00ae': '(R)', // ®
  '\u2122': 'TM', // ™
  '\u00a0': ' ', // no-break space
  '\u2007': ' ', // figure space
  '\u2009': ' ', // thin space
  '\u202f': ' ', // narrow no-break space
  '\u200b': '', // zero width space
  '\u200c': '', // zero width non-joiner
  '\u200d': '', // zero width joiner
  '\u2060': '', // word joiner
  '\ufeff': '', // byte order mark
  '\u00ad': '', // soft hyphen
  '\t': ' ',
};

/**
 * Replaces typographic characters CP852 lacks („ ” “ – — … € …) with ASCII and normalises to NFC,
 * so `ó` typed as `o` + combining accent still finds its byte. Letters — Polish, Cyrillic, any
 * other — are kept: choosing a code page for them is the layout's job. Line breaks become spaces:
 * a ticket line never breaks where the data says.
 */
export function transliterate(text: string): string {
  let result = '';
  for (const char of text.normalize('NFC')) {
    const replacement = TYPOGRAPHY[char];
    if (replacement !== undefined) result += replacement;
    else if (char === '\n' || char === '\r') result += ' ';
    else result += char;
  }
  return result;
}

// Ukrainian national romanisation (Cabinet of Ministers resolution 55 of 2010), extended with the
// Russian and Belarusian letters, for printers without a Cyrillic code page.
const CYRILLIC_TO_LATIN: Readonly<Record<string, readonly [initial: string, other: string]>> = {
  а: ['a', 'a'],
  б: ['b', 'b'],
  в: ['v', 'v'],
  г: ['h', 'h'],
  ґ: ['g', 'g'],
  д: ['d', 'd'],
  е: ['e', 'e'],
  є: ['ye', 'ie'],
  ж: ['zh', 'zh'],
  з: ['z', 'z'],
  и: ['y', 'y'],
  і: ['i', 'i'],
  ї: ['yi', 'i'],
  й: ['y', 'i'],
  к: ['k', 'k'],
  л: ['l', 'l'],
  м: ['m', 'm'],
  н: ['n', 'n'],
  о: ['o', 'o'],
  п: ['p', 'p'],
  р: ['r', 'r'],
  с: ['s', 's'],
  т: ['t', 't'],
  у: ['u', 'u'],
  ф: ['f', 'f'],
  х: ['kh', 'kh'],
  ц: ['ts', 'ts'],
  ч: ['ch', 'ch'],
  ш: ['sh', 'sh'],
  щ: ['shch', 'shch'],
  ь: ['', ''],
  ю: ['yu', 'iu'],
  я: ['ya', 'ia'],
  ё: ['yo', 'io'],
  ы: ['y', 'y'],
  э: ['e', 'e'],
  ъ: ['', ''],
  ў: ['u', 'u'],
};

const isCyrillicLetter = (char: string | undefined): boolean => char !== undefined && /\p{Script=Cyrillic}/u.test(char);

/** Cyrillic to Latin letters, for printers that have no Cyrillic code page. */
export function latinizeCyrillic(text: string): string {
  const chars = [...text];
  let result = '';
  chars.forEach((char, index) => {
    const lower = char.toLowerCase();
    const pair = CYRILLIC_TO_LATIN[lower];
    if (!pair) {
      // The apostrophe inside a Ukrainian word marks separate pronunciation; romanisation drops it.
      if ((char === "'" || char === 'ʼ') && isCyrillicLetter(chars[index - 1]) && isCyrillicLetter(chars[index + 1]))
        return;
      result += char;
      return;
    }
    const previous = chars[index - 1];
    const afterApostrophe = (previous === "'" || previous === 'ʼ') && isCyrillicLetter(chars[index - 2]);
    const wordInitial = !isCyrillicLetter(previous) && !afterApostrophe;
    // "зг" is romanised "zgh" so that it is not read as the digraph "zh".
    let latin = lower === 'г' && previous?.toLowerCase() === 'з' ? 'gh' : pair[wordInitial ? 0 : 1];
    if (char !== lower && latin.length > 0) {
      // A capital next to another capital is part of a word in capitals: ЖИТОМИР → ZHYTOMYR, not ZhYTOMYR.
      const isCapital = (neighbour: string | undefined): boolean =>
        isCyrillicLetter(neighbour) && neighbour !== neighbour?.toLowerCase();
      latin =
        isCapital(previous) || isCapital(chars[index + 1])
          ? latin.toUpperCase()
          : latin.charAt(0).toUpperCase() + latin.slice(1);
    }
    result += latin;
  });
  return result;
}

/** Latin letters whose stroke is not an accent, so Unicode gives them no plain form. */
const UNDECOMPOSABLE: Readonly<Record<string, string>> = {
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  Ø: 'O',
  ø: 'o',
  Ħ: 'H',
  ħ: 'h',
  ß: 'ss',
  Æ: 'AE',
  æ: 'ae',
  Œ: 'OE',
  œ: 'oe',
};

/**
 * Makes every character printable in one of `pages`: kept when some page has it, else its
 * compatibility decomposition without accents (ñ → n, ł → l, № → No, ﬁ → fi), else `?`. The printer
 * would print `?` anyway; doing it here keeps the choice visible and testable.
 */
export function fitToCodepages(text: string, pages: readonly Codepage[]): string {
  const printable = (value: string): boolean => pages.some((page) => codepageCovers(page, value));
  let result = '';
  for (const char of text) {
    if (printable(char)) {
      result += char;
      continue;
    }
    const plain = (UNDECOMPOSABLE[char] ?? char).normalize('NFKD').replace(/\p{Mark}/gu, '');
    result += plain.length > 0 && [...plain].every(printable) ? plain : '?';
  }
  return result;
}
