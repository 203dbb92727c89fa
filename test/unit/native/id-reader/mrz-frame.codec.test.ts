import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CR,
  ETX,
  FRAMINGS,
  FS,
  GS,
  LF,
  SOH,
  STX,
  detectFraming,
  encodeSwipe,
  findFrameEnd,
  frameSwipe,
  type Framing,
  type FramingHint,
} from '../../../../native/id-reader/mrz-frame.codec';
import { SPECIMENS, specimenSwipe } from '../../../../native/id-reader/specimens';
import { bytes } from '../../../support/mrz-oracle';

const TD1 = SPECIMENS['pl-id'].lines;
const TD2 = SPECIMENS.td2.lines;
const TD3 = SPECIMENS.passport.lines;
const DOCUMENTS = { TD1, TD2, TD3 } as const;

/** A 3M frame built by hand, as the RTE native protocol lays it out. */
function threeM(slots: readonly string[], { flag = 0x30, bccXor = 0, includeSohInBcc = false } = {}): Uint8Array {
  const body = [...bytes('OU', STX, flag), ...slots.flatMap((slot) => [...bytes(slot, CR)]), ETX];
  const length = body.length + 1;
  const block = [length & 0xff, length >> 8, ...body];
  const bcc = block.reduce((xor, byte) => xor ^ byte, includeSohInBcc ? SOH : 0) ^ bccXor;
  return bytes(SOH, block, bcc);
}

describe('frameSwipe: every vendor framing', () => {
  it.each(
    FRAMINGS.flatMap((framing) =>
      Object.entries(DOCUMENTS).map(([format, lines]) => [framing, format, lines] as const),
    ),
  )('%s framing carries a %s zone', (framing, format, lines) => {
    const frame = frameSwipe(encodeSwipe(lines, framing));
    expect(frame).toEqual({ ok: true, framing, format, lines });
    // Told the framing, it reads the same.
    expect(frameSwipe(encodeSwipe(lines, framing), framing)).toEqual({ ok: true, framing, format, lines });
  });

  it('DESKO: whatever the SOD/EOD bytes are (the values are not published), only STX…ETX counts', () => {
    for (const [sod, eod] of [
      [0x0e, 0x0f],
      [0x1b, 0x1b],
      [0x01, 0x04],
      [
        [0x1b, 0x4f],
        [0x1b, 0x4f],
      ],
    ] as const) {
      const frame = bytes(sod, STX, TD1[0]!, CR, TD1[1]!, CR, TD1[2]!, CR, ETX, eod);
      expect(frameSwipe(frame)).toMatchObject({ ok: true, format: 'TD1', lines: TD1 });
    }
    // DESKO sends no CR for a missing third line: a passport is two lines and ETX.
    expect(frameSwipe(bytes(0x0e, STX, TD3[0]!, CR, TD3[1]!, CR, ETX, 0x0f))).toMatchObject({
      ok: true,
      framing: 'desko',
      format: 'TD3',
    });
  });

  it('3M: skips the flag byte, strips the `_` padding and reads two-line documents from the bottom slots', () => {
    const td1 = threeM(
      TD1.map((line) => line.padEnd(30, '_')),
      { flag: 0x41 },
    );
    expect(frameSwipe(td1)).toEqual({ ok: true, framing: '3m', format: 'TD1', lines: TD1 });
    const td2 = threeM(['', ...TD2.map((line) => line.padEnd(44, '_'))]);
    expect(frameSwipe(td2)).toEqual({ ok: true, framing: '3m', format: 'TD2', lines: TD2 });
  });

  it('3M: verifies the BCC (with or without SOH in the XOR) and refuses a corrupted frame', () => {
    expect(frameSwipe(threeM(['', ...TD3]))).toMatchObject({ ok: true });
    expect(frameSwipe(threeM(['', ...TD3], { includeSohInBcc: true }))).toMatchObject({ ok: true });
    expect(frameSwipe(threeM(['', ...TD3], { bccXor: 0x10 }))).toEqual({
      ok: false,
      framing: '3m',
      reason: 'check-digit',
      part: 'frame-bcc',
    });
    // One data byte changed on the line, BCC as sent: the BCC catches it before the check digits do.
    const corrupted = threeM(['', ...TD3]);
    corrupted[20] = corrupted[20]! ^ 0x02;
    expect(frameSwipe(corrupted)).toMatchObject({ ok: false, reason: 'check-digit', part: 'frame-bcc' });
  });

  it('3M: an empty top slot in a three-line document is line 1 missing (the bottom line is always line 3)', () => {
    expect(frameSwipe(threeM(['', TD1[1]!, TD1[2]!]))).toMatchObject({
      ok: false,
      reason: 'torn',
      part: 'line-1',
      format: 'TD1',
      completeLines: 2,
    });
  });

  it('plain text: CR, LF or CR LF between lines, and a zone sent without any line break', () => {
    for (const separator of ['\r', '\n', '\r\n', '\n\r']) {
      expect(frameSwipe(bytes(TD1.join(separator), separator))).toMatchObject({
        ok: true,
        framing: 'plain',
        lines: TD1,
      });
    }
    expect(frameSwipe(bytes(TD1.join('')))).toMatchObject({ ok: true, format: 'TD1', lines: TD1 });
    expect(frameSwipe(bytes(TD3.join('')))).toMatchObject({ ok: true, format: 'TD3', lines: TD3 });
  });

  it('turns every control character into a line break', () => {
    expect(frameSwipe(bytes(TD2[0]!, 0x09, TD2[1]!, 0x00))).toMatchObject({ ok: true, format: 'TD2', lines: TD2 });
    expect(frameSwipe(bytes(0x7f, TD2[0]!, 0x1e, TD2[1]!))).toMatchObject({ ok: true, format: 'TD2', lines: TD2 });
  });

  it('ignores noise around a frame and short fragments between its lines', () => {
    expect(frameSwipe(bytes(0xff, 0x00, 'xyz', FS, TD1.join('\r'), CR, GS, 0x55))).toMatchObject({
      ok: true,
      framing: 'access-is',
      lines: TD1,
    });
    expect(frameSwipe(bytes('~~', CR, TD3[0]!, CR, 'OK', CR, TD3[1]!, CR, 0x80, 0x81))).toMatchObject({
      ok: true,
      framing: 'plain',
      lines: TD3,
    });
    expect(frameSwipe(bytes('NOISE1', CR, TD3[0]!, CR, TD3[1]!, CR))).toMatchObject({ ok: true, lines: TD3 });
  });

  it('never joins the end of a torn swipe and the next swipe into one set of lines', () => {
    // Found by the driver's property test: line 1 of one card, then the next card's swipe whose
    // first line came glued to noise; its lines 2 and 3 with the first card's line 1 once passed
    // every check digit — a document number of one person with another's birth date and name.
    const first = SPECIMENS['pl-id'].lines;
    const second = SPECIMENS['pl-id-2'].lines;
    const swipe = bytes(
      0x0e,
      0x02,
      first[0]!,
      CR,
      first[1]!.slice(0, 12),
      '  [ [',
      second[0]!,
      CR,
      LF,
      second[1]!,
      CR,
      LF,
      second[2]!,
      CR,
      LF,
    );
    const framed = frameSwipe(swipe);
    expect(framed.ok).toBe(false);
    expect(framed).toMatchObject({ reason: 'torn' });
  });

  it('detects the framing from the first marker', () => {
    expect(detectFraming(encodeSwipe(TD1, 'desko'))).toBe('desko');
    expect(detectFraming(encodeSwipe(TD1, '3m'))).toBe('3m');
    expect(detectFraming(encodeSwipe(TD1, 'access-is'))).toBe('access-is');
    expect(detectFraming(encodeSwipe(TD1, 'plain'))).toBe('plain');
    expect(detectFraming(bytes(SOH, 0x5a))).toBe('3m');
  });
});

describe('frameSwipe: format detection and torn swipes', () => {
  it('tells TD1, TD2 and TD3 apart by their lines', () => {
    expect(frameSwipe(bytes(TD1.join('\r')))).toMatchObject({ format: 'TD1' });
    expect(frameSwipe(bytes(TD2.join('\r')))).toMatchObject({ format: 'TD2' });
    expect(frameSwipe(bytes(TD3.join('\r')))).toMatchObject({ format: 'TD3' });
  });

  it.each(FRAMINGS)('%s: a swipe cut inside line k is torn at line k', (framing) => {
    for (const [format, lines] of Object.entries(DOCUMENTS)) {
      const encoded = encodeSwipe(lines, framing);
      lines.forEach((line, index) => {
        if (framing === '3m' && index > 0) return; // 3M: cut frames align from the top like the rest
        const at = indexOfText(encoded, line) + Math.floor(line.length / 2);
        const frame = frameSwipe(encoded.slice(0, at));
        expect(frame, `${format} cut in line ${index + 1}`).toMatchObject({
          ok: false,
          reason: 'torn',
          part: `line-${index + 1}`,
          completeLines: index,
          // Cut in line 1, not one line is whole: the format cannot be told yet.
          format: index > 0 ? format : undefined,
          expectedLines: index > 0 ? lines.length : undefined,
        });
      });
    }
  });

  it('names the line that is missing at the end of an otherwise whole frame', () => {
    expect(frameSwipe(encodeSwipe(TD1.slice(0, 2), 'desko'))).toMatchObject({
      ok: false,
      reason: 'torn',
      part: 'line-3',
      format: 'TD1',
      completeLines: 2,
      expectedLines: 3,
    });
    expect(frameSwipe(encodeSwipe(TD3.slice(0, 1), 'access-is'))).toMatchObject({
      ok: false,
      reason: 'torn',
      part: 'line-2',
      format: 'TD3',
      completeLines: 1,
    });
  });

  it('takes a line with an unreadable character as incomplete', () => {
    const damaged = [TD1[0]!, `${TD1[1]!.slice(0, 10)}?${TD1[1]!.slice(11)}`, TD1[2]!];
    expect(frameSwipe(encodeSwipe(damaged, 'desko'))).toMatchObject({
      ok: false,
      reason: 'torn',
      part: 'line-2',
      completeLines: 2,
    });
  });

  it('a TD3 line cut to 30 characters does not pass for a TD1 line', () => {
    expect(frameSwipe(bytes(TD3[0]!, CR, TD3[1]!.slice(0, 30), CR))).toMatchObject({
      ok: false,
      reason: 'torn',
      part: 'line-2',
      format: 'TD3',
    });
  });

  it('calls a swipe without anything MRZ-like garbage', () => {
    expect(frameSwipe(new Uint8Array(0))).toMatchObject({ ok: false, reason: 'garbage', part: 'swipe' });
    expect(frameSwipe(specimenSwipe('garbage', 'desko'))).toEqual({
      ok: false,
      framing: 'desko',
      reason: 'garbage',
      part: 'swipe',
    });
    expect(frameSwipe(bytes(STX, ETX))).toMatchObject({ ok: false, reason: 'garbage' });
  });
});

describe('findFrameEnd', () => {
  it('ends DESKO and 3M frames one byte after ETX, Access-IS at GS', () => {
    for (const framing of ['desko', '3m', 'access-is'] as const) {
      const frame = encodeSwipe(TD1, framing);
      expect(findFrameEnd(frame), framing).toBe(frame.length);
      expect(findFrameEnd(frame, framing), framing).toBe(frame.length);
      expect(findFrameEnd(frame.slice(0, -1)), framing).toBeUndefined();
      expect(findFrameEnd(bytes(frame, 'NEXT')), framing).toBe(frame.length);
    }
  });

  it('ends a DESKO frame at ETX when no control byte (EOD) follows it', () => {
    const frame = bytes(STX, TD1.join('\r'), CR, ETX);
    expect(findFrameEnd(bytes(frame, 'A'))).toBe(frame.length);
  });

  it('ends plain text only when told the reader sends plain text, after the line break that completes the set', () => {
    const frame = encodeSwipe(TD1, 'plain');
    expect(findFrameEnd(frame)).toBeUndefined();
    expect(findFrameEnd(frame, 'plain')).toBe(frame.length);
    expect(findFrameEnd(frame.slice(0, -1), 'plain')).toBe(frame.length - 1);
    expect(findFrameEnd(frame.slice(0, -2), 'plain')).toBeUndefined();
    expect(findFrameEnd(bytes(TD1[0]!, LF, TD1[1]!, LF), 'plain')).toBeUndefined();
  });
});

describe('frameSwipe and findFrameEnd: properties', () => {
  const hint = fc.constantFrom<FramingHint>('auto', ...FRAMINGS);

  it('never throw on any bytes, and an ok frame always holds one complete set of MRZ lines', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), hint, (stream, framing) => {
        const frame = frameSwipe(stream, framing);
        const end = findFrameEnd(stream, framing);
        if (end !== undefined) expect(end).toBeGreaterThan(0);
        if (end !== undefined) expect(end).toBeLessThanOrEqual(stream.length);
        if (frame.ok) {
          const length = { TD1: 30, TD2: 36, TD3: 44 }[frame.format];
          expect(frame.lines).toHaveLength(frame.format === 'TD1' ? 3 : 2);
          for (const line of frame.lines) expect(line).toMatch(new RegExp(`^[A-Z0-9<]{${length}}$`));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('never throw on MRZ-heavy streams either (MRZ characters, separators, markers, underscores)', () => {
    const symbol = fc.constantFrom(...bytes('ABCXYZ0189<<<<_', CR, LF, STX, ETX, SOH, FS, GS, 'OU'));
    fc.assert(
      fc.property(fc.array(symbol, { maxLength: 300 }), hint, (symbols, framing) => {
        expect(() => frameSwipe(Uint8Array.from(symbols), framing)).not.toThrow();
        expect(() => findFrameEnd(Uint8Array.from(symbols), framing)).not.toThrow();
      }),
      { numRuns: 1000 },
    );
  });

  it('read a framed zone whatever noise (without start markers) comes before it', () => {
    const noise = fc
      .uint8Array({ maxLength: 40 })
      .map((noiseBytes) => noiseBytes.filter((byte) => ![SOH, STX, FS].includes(byte)));
    const framed = fc.constantFrom<Framing>('desko', '3m', 'access-is');
    fc.assert(
      fc.property(noise, framed, fc.constantFrom(TD1, TD2, TD3), (prefix, framing, lines) => {
        expect(frameSwipe(bytes(prefix, encodeSwipe(lines, framing)))).toMatchObject({ ok: true, framing, lines });
      }),
    );
  });
});

function indexOfText(haystack: Uint8Array, text: string): number {
  const needle = bytes(text);
  for (let at = 0; at + needle.length <= haystack.length; at++) {
    if (needle.every((byte, offset) => haystack[at + offset] === byte)) return at;
  }
  throw new Error('not found');
}
