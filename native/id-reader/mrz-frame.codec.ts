/**
 * From the bytes of one swipe to the lines of a machine-readable zone, whatever the reader's
 * framing. Runs anywhere: no Node, no Buffer.
 *
 * Framings (from the vendors' manuals):
 *   DESKO      SOD STX line CR line CR [line CR] ETX EOD. The SOD/EOD byte values are in DESKO's
 *              confidential protocol description; nothing here depends on them — everything outside
 *              STX…ETX is ignored, and any control byte separates lines.
 *   3M         SOH lenLo lenHi "O" "U" STX flag line CR line CR line CR ETX BCC (RTE native
 *              protocol). Lines are padded with `_` to 30 (three lines) or 44 (two lines); with two
 *              lines the first slot is empty (the bottom line is always line 3). The flag byte is
 *              vendor-specific and skipped. BCC: the XOR of every byte after SOH up to and
 *              including ETX; the manual available to us is cut before it defines whether SOH is
 *              included, so both readings are accepted (they differ only in bit 0). The check
 *              digits catch what that one bit would. The length word is not relied on.
 *   Access-IS  FS(1C) … GS(1D), lines separated by CR.
 *   plain      lines separated by CR and/or LF (a reader in "text" mode).
 *
 * Robust rules, whatever the framing: control characters become line breaks; lines of 30, 36 or 44
 * characters of `[A-Z0-9<]` are MRZ lines; the format follows from them (TD1 3×30, TD2 2×36,
 * TD3 2×44); a swipe without a complete set of lines is `torn`, naming the first line that is
 * missing or incomplete.
 */

export type MrzFormat = 'TD1' | 'TD2' | 'TD3';
export type Framing = 'desko' | '3m' | 'access-is' | 'plain';
export type FramingHint = Framing | 'auto';
export type LinePart = 'line-1' | 'line-2' | 'line-3';

export const FRAMINGS: readonly Framing[] = ['desko', '3m', 'access-is', 'plain'];

export const MRZ_LAYOUTS: Readonly<Record<MrzFormat, { readonly lines: number; readonly length: number }>> = {
  TD1: { lines: 3, length: 30 },
  TD2: { lines: 2, length: 36 },
  TD3: { lines: 2, length: 44 },
};

const FORMAT_BY_LENGTH: Readonly<Record<number, MrzFormat>> = { 30: 'TD1', 36: 'TD2', 44: 'TD3' };

export const SOH = 0x01;
export const STX = 0x02;
export const ETX = 0x03;
export const CR = 0x0d;
export const LF = 0x0a;
export const FS = 0x1c;
export const GS = 0x1d;

export type SwipeFrame =
  | { readonly ok: true; readonly framing: Framing; readonly format: MrzFormat; readonly lines: readonly string[] }
  | {
      readonly ok: false;
      readonly framing: Framing;
      readonly reason: 'torn';
      /** The first line of the set that is missing or incomplete. */
      readonly part: LinePart;
      /** Undefined when not one line was complete, so the format could not be told. */
      readonly format: MrzFormat | undefined;
      readonly completeLines: number;
      readonly expectedLines: number | undefined;
    }
  /** Nothing in the swipe looks like an MRZ line. */
  | { readonly ok: false; readonly framing: Framing; readonly reason: 'garbage'; readonly part: 'swipe' }
  /** A 3M frame whose block check character does not match: the line corrupted bytes. */
  | { readonly ok: false; readonly framing: Framing; readonly reason: 'check-digit'; readonly part: 'frame-bcc' };

const isMrzChar = (code: number): boolean =>
  (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x3c;
const isControl = (code: number): boolean => code < 0x20 || code === 0x7f;
const MRZ_LINE = /^[A-Z0-9<]+$/;

/** The frame's layout within the buffer, found from its markers. */
interface Located {
  readonly framing: Framing;
  /** The bytes that carry the lines. */
  readonly payload: Uint8Array;
  /** Set for 3M frames: `_` padding to strip, bottom-aligned lines. */
  readonly threeM: boolean;
  /** Whether the end marker (and for 3M the BCC) arrived. */
  readonly complete: boolean;
  readonly bccValid?: boolean;
}

function indexOf(bytes: Uint8Array, value: number, from = 0): number {
  for (let i = from; i < bytes.length; i++) if (bytes[i] === value) return i;
  return -1;
}

/** Where a 3M frame starts: SOH, two length bytes, "OU", STX. */
function find3mStart(bytes: Uint8Array): number {
  for (let i = indexOf(bytes, SOH); i !== -1; i = indexOf(bytes, SOH, i + 1)) {
    if (bytes[i + 3] === 0x4f && bytes[i + 4] === 0x55 && bytes[i + 5] === STX) return i;
  }
  return -1;
}

/** Which framing the bytes use, from the first marker that identifies one. */
export function detectFraming(bytes: Uint8Array): Framing {
  const threeM = find3mStart(bytes);
  const stx = indexOf(bytes, STX);
  const fs = indexOf(bytes, FS);
  const soh = indexOf(bytes, SOH);
  const candidates: [number, Framing][] = [];
  if (threeM !== -1) candidates.push([threeM, '3m']);
  // A lone SOH near the end may be a 3M header still arriving.
  else if (soh !== -1 && soh >= bytes.length - 6) candidates.push([soh, '3m']);
  if (stx !== -1 && (threeM === -1 || stx !== threeM + 5)) candidates.push([stx, 'desko']);
  if (fs !== -1) candidates.push([fs, 'access-is']);
  candidates.sort((a, b) => a[0] - b[0]);
  return candidates[0]?.[1] ?? 'plain';
}

function locate(bytes: Uint8Array, hint: FramingHint): Located {
  const framing = hint === 'auto' ? detectFraming(bytes) : hint;
  switch (framing) {
    case '3m': {
      const start = find3mStart(bytes);
      if (start === -1) return { framing, payload: bytes, threeM: true, complete: false };
      const dataStart = start + 7; // after the flag byte
      const etx = indexOf(bytes, ETX, dataStart);
      if (etx === -1)
        return { framing, payload: bytes.subarray(Math.min(dataStart, bytes.length)), threeM: true, complete: false };
      const bcc = bytes[etx + 1];
      if (bcc === undefined) return { framing, payload: bytes.subarray(dataStart, etx), threeM: true, complete: false };
      let xor = 0;
      for (let i = start + 1; i <= etx; i++) xor ^= bytes[i]!;
      return {
        framing,
        payload: bytes.subarray(dataStart, etx),
        threeM: true,
        complete: true,
        bccValid: bcc === xor || bcc === (xor ^ SOH),
      };
    }
    case 'desko': {
      const stx = indexOf(bytes, STX);
      if (stx === -1) return { framing, payload: bytes, threeM: false, complete: false };
      const etx = indexOf(bytes, ETX, stx + 1);
      return etx === -1
        ? { framing, payload: bytes.subarray(stx + 1), threeM: false, complete: false }
        : { framing, payload: bytes.subarray(stx + 1, etx), threeM: false, complete: true };
    }
    case 'access-is': {
      const fs = indexOf(bytes, FS);
      if (fs === -1) return { framing, payload: bytes, threeM: false, complete: false };
      const gs = indexOf(bytes, GS, fs + 1);
      return gs === -1
        ? { framing, payload: bytes.subarray(fs + 1), threeM: false, complete: false }
        : { framing, payload: bytes.subarray(fs + 1, gs), threeM: false, complete: true };
    }
    case 'plain':
      return { framing, payload: bytes, threeM: false, complete: false };
  }
}

/** Pieces of text between control bytes. Bytes above 0x7E stay in as `?`: an unreadable character. */
function splitPieces(payload: Uint8Array): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const byte of payload) {
    if (isControl(byte)) {
      pieces.push(current);
      current = '';
    } else {
      current += byte < 0x7f ? String.fromCharCode(byte) : '?';
    }
  }
  pieces.push(current);
  return pieces;
}

/**
 * Whether a piece is (a possibly damaged or cut) MRZ line rather than noise: at least six
 * characters, nine in ten of them MRZ characters.
 */
const MIN_FRAGMENT = 6;

function isLineLike(piece: string): boolean {
  if (piece.length < MIN_FRAGMENT) return false;
  let good = 0;
  for (let i = 0; i < piece.length; i++) if (isMrzChar(piece.charCodeAt(i))) good++;
  return good >= piece.length * 0.9;
}

const isCompleteLine = (line: string): boolean => FORMAT_BY_LENGTH[line.length] !== undefined && MRZ_LINE.test(line);

/**
 * A reader that sends the whole zone without line breaks (some keyboard-mode readers do) gives
 * one piece of 90, 72 or 88 characters: cut it into its lines.
 */
function unjoin(piece: string): string[] {
  if (!MRZ_LINE.test(piece)) return [piece];
  for (const layout of Object.values(MRZ_LAYOUTS)) {
    if (piece.length === layout.lines * layout.length) {
      return Array.from({ length: layout.lines }, (_, i) => piece.slice(i * layout.length, (i + 1) * layout.length));
    }
  }
  return [piece];
}

function linePart(index: number): LinePart {
  return `line-${Math.min(index + 1, 3)}` as LinePart;
}

/** Turns one swipe's bytes into MRZ lines, or says why it cannot. Never throws. */
export function frameSwipe(bytes: Uint8Array, hint: FramingHint = 'auto'): SwipeFrame {
  const located = locate(bytes, hint);
  const { framing } = located;
  if (located.bccValid === false) return { ok: false, framing, reason: 'check-digit', part: 'frame-bcc' };

  // The lines in the order they came. A piece as long as a line fragment but not like one (a line
  // garbled, or glued to noise) stays as a break (null), so that lines of two swipes — the end of a
  // torn one, then another whose first line is damaged — never pass for one set: their check digits
  // would catch nine mixes in ten, and the tenth would be a person who does not exist. Shorter
  // noise between lines is skipped.
  const sequence: (string | null)[] = [];
  for (const raw of splitPieces(located.payload)) {
    const piece = located.threeM ? raw.replace(/_+$/, '') : raw;
    if (isLineLike(piece)) sequence.push(...unjoin(piece));
    else if (piece.length >= MIN_FRAGMENT && sequence.length > 0 && sequence.at(-1) !== null) sequence.push(null);
  }
  const lines = sequence.filter((line): line is string => line !== null);
  if (lines.length === 0) return { ok: false, framing, reason: 'garbage', part: 'swipe' };

  const firstComplete = lines.find(isCompleteLine);
  const format = firstComplete === undefined ? undefined : FORMAT_BY_LENGTH[firstComplete.length];
  if (format === undefined) {
    return {
      ok: false,
      framing,
      reason: 'torn',
      part: 'line-1',
      format: undefined,
      completeLines: 0,
      expectedLines: undefined,
    };
  }
  const layout = MRZ_LAYOUTS[format];
  const fits = (line: string | null | undefined): line is string =>
    typeof line === 'string' && line.length === layout.length && MRZ_LINE.test(line);

  // A complete set of consecutive lines anywhere in the swipe is the reading; stray fragments
  // around it are noise.
  for (let start = 0; start + layout.lines <= sequence.length; start++) {
    const window = sequence.slice(start, start + layout.lines);
    if (window.every(fits)) return { ok: true, framing, format, lines: window as string[] };
  }

  // Torn: which line of the set is missing or cut. A complete 3M frame puts the bottom line last
  // whatever is missing; everything else sends lines top down and stops where it was cut.
  const bottomAligned = located.threeM && located.complete;
  const slots: (string | undefined)[] = Array.from({ length: layout.lines }, (_, i) =>
    bottomAligned ? lines[lines.length - layout.lines + i] : lines[i],
  );
  const missing = slots.findIndex((line) => !fits(line));
  return {
    ok: false,
    framing,
    reason: 'torn',
    part: linePart(missing === -1 ? 0 : missing),
    format,
    completeLines: slots.filter(fits).length,
    expectedLines: layout.lines,
  };
}

/**
 * The index just past the end of the first complete frame in `bytes`, or undefined while none has
 * ended: lets a driver close a swipe at its end marker instead of waiting for the line to fall
 * silent. DESKO and 3M end with ETX and one more byte (EOD, BCC); Access-IS with GS. Plain text
 * has no end marker: with the `plain` hint the swipe ends after the line break that completes a
 * set of lines; in `auto` it is left to the inter-byte timeout.
 */
export function findFrameEnd(bytes: Uint8Array, hint: FramingHint = 'auto'): number | undefined {
  const framing = hint === 'auto' ? detectFraming(bytes) : hint;
  switch (framing) {
    case '3m': {
      const start = find3mStart(bytes);
      if (start === -1) return undefined;
      const etx = indexOf(bytes, ETX, start + 7);
      return etx !== -1 && etx + 1 < bytes.length ? etx + 2 : undefined;
    }
    case 'desko': {
      const stx = indexOf(bytes, STX);
      if (stx === -1) return undefined;
      const etx = indexOf(bytes, ETX, stx + 1);
      if (etx === -1 || etx + 1 >= bytes.length) return undefined;
      // EOD is whatever control byte follows ETX; a printable byte there belongs to the next frame.
      return isControl(bytes[etx + 1]!) ? etx + 2 : etx + 1;
    }
    case 'access-is': {
      const fs = indexOf(bytes, FS);
      if (fs === -1) return undefined;
      const gs = indexOf(bytes, GS, fs + 1);
      return gs === -1 ? undefined : gs + 1;
    }
    case 'plain': {
      if (hint !== 'plain') return undefined;
      // Only a line break that ends a full-length MRZ line can complete a set: try those alone, so
      // a burst of noise costs one pass.
      let pieceStart = 0;
      for (let i = 0; i < bytes.length; i++) {
        const byte = bytes[i]!;
        if (!isControl(byte)) continue;
        const endsFullLine = (byte === CR || byte === LF) && FORMAT_BY_LENGTH[i - pieceStart] !== undefined;
        pieceStart = i + 1;
        if (endsFullLine && frameSwipe(bytes.subarray(0, i), 'plain').ok)
          return byte === CR && bytes[i + 1] === LF ? i + 2 : i + 1;
      }
      return undefined;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Encoding: the reader's side, for the simulator and tests

/**
 * Placeholder start/end bytes for simulated DESKO frames. The real values are in DESKO's
 * confidential protocol description; the parser does not depend on them (see the top of this file).
 */
export const DESKO_SIMULATED_SOD = 0x0e;
export const DESKO_SIMULATED_EOD = 0x0f;

/** The flag byte after STX in simulated 3M frames (vendor-specific; the parser skips it). */
export const THREE_M_SIMULATED_FLAG = 0x30;

function ascii(text: string): number[] {
  return Array.from(text, (char) => char.charCodeAt(0) & 0xff);
}

/** One swipe's bytes as the given reader would send them for these lines. */
export function encodeSwipe(lines: readonly string[], framing: Framing): Uint8Array {
  switch (framing) {
    case 'desko':
      return Uint8Array.from([
        DESKO_SIMULATED_SOD,
        STX,
        ...lines.flatMap((line) => [...ascii(line), CR]),
        ETX,
        DESKO_SIMULATED_EOD,
      ]);
    case 'access-is':
      return Uint8Array.from([FS, ...lines.flatMap((line) => [...ascii(line), CR]), GS]);
    case 'plain':
      return Uint8Array.from(lines.flatMap((line) => [...ascii(line), CR, LF]));
    case '3m': {
      // Three slots, bottom-aligned; each line padded with `_` to 30 (three lines) or 44 (two).
      const width = lines.length >= 3 ? 30 : 44;
      const slots = [...Array<string>(Math.max(0, 3 - lines.length)).fill(''), ...lines.slice(-3)];
      const data = slots.flatMap((line) => [...ascii(line === '' ? '' : line.padEnd(width, '_')), CR]);
      const body = [0x4f, 0x55, STX, THREE_M_SIMULATED_FLAG, ...data, ETX];
      // Length: the bytes after the length word, BCC included.
      const length = body.length + 1;
      const block = [length & 0xff, (length >> 8) & 0x3f, ...body];
      const bcc = block.reduce((xor, byte) => xor ^ byte, 0);
      return Uint8Array.from([SOH, ...block, bcc]);
    }
  }
}
