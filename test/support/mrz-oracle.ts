/**
 * The test's own ICAO 9303 check-digit arithmetic, written from the specification (0–9
 * as themselves, A–Z = 10–35, `<` = 0, weights 7 3 1, sum mod 10), independent of the `mrz`
 * package the code under test uses. Property tests hold every `ok` document to it.
 */
import type { BytePort } from '../../native/port/byte-port';

export const MRZ_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<';

export function icaoCheckDigit(text: string): number {
  let sum = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    const value = char === '<' ? 0 : /\d/.test(char) ? Number(char) : char.charCodeAt(0) - 55;
    sum += value * [7, 3, 1][i % 3]!;
  }
  return sum % 10;
}

const digitMatches = (text: string, check: string | undefined): boolean =>
  check !== undefined && /^\d$/.test(check) && Number(check) === icaoCheckDigit(text);

/**
 * The document number check. `<` in the check digit's place means the number goes on in the
 * optional data, whose last character before the first filler is then the check digit; ICAO does
 * not say whether the `<` counts, so either reading passes (as in the `mrz` package).
 */
function documentNumberVerifies(number: string, check: string | undefined, optional: string): boolean {
  if (check !== '<') return digitMatches(number, check);
  const filler = optional.indexOf('<');
  if (filler <= 0) return false;
  const tail = optional.slice(0, filler - 1);
  const digit = optional[filler - 1];
  return digitMatches(`${number}<${tail}`, digit) || digitMatches(`${number}${tail}`, digit);
}

/** Whether every check digit of these lines verifies (lines of a TD1, TD2 or TD3 shape). */
export function everyCheckDigitVerifies(lines: readonly string[]): boolean {
  const [l1 = '', l2 = ''] = lines;
  if (lines.length === 3 && l1.length === 30) {
    return (
      documentNumberVerifies(l1.slice(5, 14), l1[14], l1.slice(15, 30)) &&
      digitMatches(l2.slice(0, 6), l2[6]) &&
      digitMatches(l2.slice(8, 14), l2[14]) &&
      digitMatches(l1.slice(5, 30) + l2.slice(0, 7) + l2.slice(8, 15) + l2.slice(18, 29), l2[29])
    );
  }
  if (lines.length === 2 && (l1.length === 36 || l1.length === 44)) {
    const td3 = l1.length === 44;
    const end = td3 ? 43 : 35;
    const personalOk =
      !td3 ||
      (/^<+$/.test(l2.slice(28, 42)) ? l2[42] === '<' || l2[42] === '0' : digitMatches(l2.slice(28, 42), l2[42]));
    return (
      documentNumberVerifies(l2.slice(0, 9), l2[9], l2.slice(28, 35)) &&
      digitMatches(l2.slice(13, 19), l2[19]) &&
      digitMatches(l2.slice(21, 27), l2[27]) &&
      personalOk &&
      digitMatches(l2.slice(0, 10) + l2.slice(13, 20) + l2.slice(21, end), l2[end])
    );
  }
  return false;
}

/** Replaces the character at `index` of line `line`. */
export function withChar(lines: readonly string[], line: number, index: number, char: string): string[] {
  return lines.map((text, i) => (i === line ? `${text.slice(0, index)}${char}${text.slice(index + 1)}` : text));
}

export const ascii = (text: string): number[] => Array.from(text, (char) => char.charCodeAt(0));
export const bytes = (...parts: (number | string | readonly number[] | Uint8Array)[]): Uint8Array =>
  Uint8Array.from(
    parts.flatMap((part) => (typeof part === 'number' ? [part] : typeof part === 'string' ? ascii(part) : [...part])),
  );

/** A BytePort the test feeds by hand, synchronously: for driver tests under fake timers. */
export interface FedPort extends BytePort {
  push(chunk: Uint8Array): void;
  unplug(): void;
  readonly closed: boolean;
}

export function fedPort(): FedPort {
  const data = new Set<(chunk: Uint8Array) => void>();
  const close = new Set<(error?: Error) => void>();
  let open = true;
  return {
    description: 'fed',
    get isOpen() {
      return open;
    },
    get closed() {
      return !open;
    },
    async open() {
      open = true;
    },
    async write() {
      throw new Error('The reader never writes');
    },
    onData(listener) {
      data.add(listener);
      return () => data.delete(listener);
    },
    onClose(listener) {
      close.add(listener);
      return () => close.delete(listener);
    },
    async close() {
      if (!open) return;
      open = false;
      for (const listener of [...close]) listener();
    },
    push(chunk) {
      for (const listener of [...data]) listener(chunk);
    },
    unplug() {
      if (!open) return;
      open = false;
      for (const listener of [...close]) listener(new Error('unplugged'));
    },
  };
}

/** The same lines with every check digit recomputed (document number without overflow). */
export function withValidChecks(lines: readonly string[]): string[] {
  const set = (text: string, index: number, value: number): string =>
    `${text.slice(0, index)}${value}${text.slice(index + 1)}`;
  let [l1 = '', l2 = ''] = lines;
  if (lines.length === 3) {
    l1 = set(l1, 14, icaoCheckDigit(l1.slice(5, 14)));
    l2 = set(l2, 6, icaoCheckDigit(l2.slice(0, 6)));
    l2 = set(l2, 14, icaoCheckDigit(l2.slice(8, 14)));
    l2 = set(l2, 29, icaoCheckDigit(l1.slice(5, 30) + l2.slice(0, 7) + l2.slice(8, 15) + l2.slice(18, 29)));
    return [l1, l2, lines[2] ?? ''];
  }
  const td3 = l1.length === 44;
  const end = td3 ? 43 : 35;
  l2 = set(l2, 9, icaoCheckDigit(l2.slice(0, 9)));
  l2 = set(l2, 19, icaoCheckDigit(l2.slice(13, 19)));
  l2 = set(l2, 27, icaoCheckDigit(l2.slice(21, 27)));
  if (td3 && !/^<+$/.test(l2.slice(28, 42))) l2 = set(l2, 42, icaoCheckDigit(l2.slice(28, 42)));
  l2 = set(l2, end, icaoCheckDigit(l2.slice(0, 10) + l2.slice(13, 20) + l2.slice(21, end)));
  return [l1, l2];
}
