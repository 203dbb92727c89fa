import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PrinterReplyParser,
  conditionBlocksPrinting,
  conditionFromReplies,
  decodeCodepage,
  decodeStatus,
  encodeFence,
  encodeFenceAnswer,
  encodeStatusRequest,
  fenceIdFromCounter,
  fitToCodepages,
  isStatusByte,
  isValidFenceId,
  latinizeCyrillic,
  transliterate,
  type PrinterReply,
  type PrinterStatus,
  type StatusReplies,
} from '../../../../native/printer/escpos.codec';
import { chunked } from '../../../support/chunked';

const HEALTHY: StatusReplies = [0x12, 0x12, 0x12, 0x12];

function withBit(n: 1 | 2 | 3 | 4, bits: number): StatusReplies {
  const replies = [...HEALTHY] as [number, number, number, number];
  replies[n - 1] = 0x12 | bits;
  return replies;
}

const fenceIdArbitrary = fc
  .array(fc.integer({ min: 0x20, max: 0x7e }), { minLength: 4, maxLength: 4 })
  .map((codes) => String.fromCharCode(...codes));

function parseAll(chunks: readonly Uint8Array[]): PrinterReply[] {
  const parser = new PrinterReplyParser();
  return chunks.flatMap((chunk) => parser.push(chunk));
}

function concat(...parts: ArrayLike<number>[]): Uint8Array {
  return Uint8Array.from(parts.flatMap((part) => Array.from(part)));
}

function containsAt(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

describe('DLE EOT status', () => {
  it('asks with 10 04 n', () => {
    expect([...encodeStatusRequest(1)]).toEqual([0x10, 0x04, 0x01]);
    expect([...encodeStatusRequest(4)]).toEqual([0x10, 0x04, 0x04]);
  });

  it('accepts exactly the bytes shaped 0xx1xx10b', () => {
    for (let byte = 0; byte < 256; byte++) {
      const shaped = (byte & 0x80) === 0 && (byte & 0x10) !== 0 && (byte & 0x02) !== 0 && (byte & 0x01) === 0;
      expect(isStatusByte(byte), `byte ${byte.toString(16)}`).toBe(shaped);
    }
  });

  it('reads a healthy printer as ready with no flag set', () => {
    const status = decodeStatus(HEALTHY);
    expect(status).toBeDefined();
    expect(Object.values(status!).every((flag) => flag === false)).toBe(true);
    expect(conditionFromReplies(HEALTHY)).toBe('ready');
  });

  // Every status bit the driver reads, each alone on a healthy printer.
  const bits: readonly [1 | 2 | 3 | 4, number, keyof PrinterStatus, string][] = [
    [1, 0x08, 'offline', 'offline'],
    [1, 0x20, 'waitingForRecovery', 'offline'],
    [2, 0x04, 'coverOpen', 'cover-open'],
    [2, 0x20, 'stoppedByPaperEnd', 'paper-out'],
    [2, 0x40, 'error', 'error'],
    [3, 0x08, 'autocutterError', 'error'],
    [3, 0x20, 'unrecoverableError', 'error'],
    [3, 0x40, 'autoRecoverableError', 'error'],
    [4, 0x0c, 'paperNearEnd', 'paper-near-end'],
    [4, 0x04, 'paperNearEnd', 'paper-near-end'],
    [4, 0x08, 'paperNearEnd', 'paper-near-end'],
    [4, 0x60, 'paperEnd', 'paper-out'],
    [4, 0x20, 'paperEnd', 'paper-out'],
    [4, 0x40, 'paperEnd', 'paper-out'],
  ];

  it.each(bits)('n=%i bit %s sets %s only, condition %s', (n, bit, flag, condition) => {
    const replies = withBit(n, bit);
    const status = decodeStatus(replies)!;
    for (const [name, value] of Object.entries(status)) expect(value, name).toBe(name === flag);
    expect(conditionFromReplies(replies)).toBe(condition);
  });

  it('reads the answers of a printer out of paper (1A 32 12 7E) as paper-out, not offline', () => {
    const replies: StatusReplies = [0x1a, 0x32, 0x12, 0x7e];
    const status = decodeStatus(replies)!;
    expect(status).toMatchObject({
      offline: true,
      stoppedByPaperEnd: true,
      paperEnd: true,
      paperNearEnd: true,
      coverOpen: false,
    });
    expect(conditionFromReplies(replies)).toBe('paper-out');
  });

  it('puts the cause a person can fix before the general fault', () => {
    expect(conditionFromReplies([0x1a, 0x16, 0x12, 0x1e])).toBe('cover-open');
    expect(conditionFromReplies([0x1a, 0x56, 0x12, 0x12])).toBe('cover-open');
    expect(conditionFromReplies([0x3a, 0x52, 0x1a, 0x12])).toBe('error');
    expect(conditionFromReplies([0x1a, 0x12, 0x12, 0x1e])).toBe('offline');
  });

  it('takes bytes that are not status answers for no answer (wrong baud, another device)', () => {
    expect(decodeStatus([0x12, 0x12, 0x00, 0x12])).toBeUndefined();
    expect(conditionFromReplies([0xff, 0x12, 0x12, 0x12])).toBe('no-answer');
    expect(conditionFromReplies([0x37, 0x22, 0x12, 0x12])).toBe('no-answer');
  });

  it('blocks printing for everything but ready and paper-near-end', () => {
    expect(conditionBlocksPrinting('ready')).toBe(false);
    expect(conditionBlocksPrinting('paper-near-end')).toBe(false);
    for (const condition of ['paper-out', 'cover-open', 'offline', 'error', 'no-answer'] as const) {
      expect(conditionBlocksPrinting(condition)).toBe(true);
    }
  });

  it('never throws on any four bytes, and answers no-answer exactly when a byte is malformed', () => {
    fc.assert(
      fc.property(fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)), (replies) => {
        const condition = conditionFromReplies(replies);
        expect(['ready', 'paper-near-end', 'paper-out', 'cover-open', 'offline', 'error', 'no-answer']).toContain(
          condition,
        );
        expect(condition === 'no-answer').toBe(!replies.every(isStatusByte));
      }),
    );
  });
});

describe('GS ( H completion fence', () => {
  it('encodes the request and the answer byte for byte', () => {
    expect([...encodeFence('A1B2')]).toEqual([0x1d, 0x28, 0x48, 0x06, 0x00, 0x30, 0x30, 0x41, 0x31, 0x42, 0x32]);
    expect([...encodeFenceAnswer('A1B2')]).toEqual([0x37, 0x22, 0x41, 0x31, 0x42, 0x32, 0x00]);
  });

  it('refuses ids the printer cannot echo', () => {
    for (const id of ['', 'ABC', 'ABCDE', 'AB\u0000C', 'ABCé', 'AB\u007fC']) {
      expect(isValidFenceId(id)).toBe(false);
      expect(() => encodeFence(id)).toThrow(RangeError);
    }
  });

  it('makes a valid, distinct id from each counter value and wraps around', () => {
    expect(fenceIdFromCounter(0)).toBe('0000');
    expect(fenceIdFromCounter(35)).toBe('000Z');
    expect(fenceIdFromCounter(36 ** 4)).toBe('0000');
    expect(fenceIdFromCounter(-1)).toBe('ZZZZ');
    const ids = new Set(Array.from({ length: 2000 }, (_, i) => fenceIdFromCounter(1_000_000 + i)));
    expect(ids.size).toBe(2000);
    for (const id of ids) expect(isValidFenceId(id)).toBe(true);
  });

  it('finds an answer in one chunk, among status bytes', () => {
    const replies = parseAll([concat([0x12], encodeFenceAnswer('0042'), [0x1a, 0x7e])]);
    expect(replies).toEqual([
      { kind: 'status', byte: 0x12 },
      { kind: 'fence', id: '0042' },
      { kind: 'status', byte: 0x1a },
      { kind: 'status', byte: 0x7e },
    ]);
  });

  it('finds an answer cut at every possible place', () => {
    const stream = concat([0x12], encodeFenceAnswer('K7#2'), [0x32], encodeFenceAnswer('K7#3'));
    for (let a = 0; a <= stream.length; a++) {
      for (let b = a; b <= stream.length; b++) {
        const replies = parseAll([stream.slice(0, a), stream.slice(a, b), stream.slice(b)]);
        expect(replies).toEqual([
          { kind: 'status', byte: 0x12 },
          { kind: 'fence', id: 'K7#2' },
          { kind: 'status', byte: 0x32 },
          { kind: 'fence', id: 'K7#3' },
        ]);
      }
    }
  });

  it('recovers from a broken answer without losing what follows', () => {
    // 37 22 41 then a status byte where the id should continue: not an answer. The status byte
    // and the real answer after it must both come through.
    const replies = parseAll([concat([0x37, 0x22, 0x41, 0x12], encodeFenceAnswer('ABCD'))]);
    expect(replies.filter((reply) => reply.kind !== 'unknown')).toEqual([
      { kind: 'status', byte: 0x12 },
      { kind: 'fence', id: 'ABCD' },
    ]);
  });

  it('does not take an answer without its NUL terminator', () => {
    const replies = parseAll([Uint8Array.of(0x37, 0x22, 0x41, 0x42, 0x43, 0x44, 0x45)]);
    expect(replies.some((reply) => reply.kind === 'fence')).toBe(false);
  });

  it('forgets a half-read answer on reset', () => {
    const parser = new PrinterReplyParser();
    parser.push(Uint8Array.of(0x37, 0x22, 0x41));
    parser.reset();
    expect(parser.push(Uint8Array.of(0x42, 0x43, 0x44, 0x00)).some((reply) => reply.kind === 'fence')).toBe(false);
  });

  it('never throws on random bytes and never reports a fence that was not sent contiguously', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.array(fc.nat(), { maxLength: 10 }), (stream, cuts) => {
        // 0x01 can continue no answer, so it makes the parser give up anything it still holds.
        const replies = parseAll([...chunked(stream, cuts), Uint8Array.of(0x01)]);
        for (const reply of replies) {
          if (reply.kind === 'fence') expect(containsAt(stream, encodeFenceAnswer(reply.id))).toBe(true);
        }
        // Every byte is accounted for: fences take seven, everything else one.
        const accounted = replies.reduce((sum, reply) => sum + (reply.kind === 'fence' ? 7 : 1), 0);
        expect(accounted).toBe(stream.length + 1);
      }),
      { numRuns: 500 },
    );
  });

  it('biased towards near-answers, still reports no false fence', () => {
    // Random streams rarely contain 37 22; build them from answer fragments to reach the hard cases.
    const fragment = fc.oneof(
      fc.uint8Array({ maxLength: 4 }),
      fenceIdArbitrary.chain((id) => fc.nat(7).map((length) => encodeFenceAnswer(id).slice(0, length))),
      fc.constant(Uint8Array.of(0x37, 0x22)),
      fc.constant(Uint8Array.of(0x00)),
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 6 }), (fragments, cuts) => {
        const stream = concat(...fragments);
        for (const reply of parseAll(chunked(stream, cuts))) {
          if (reply.kind === 'fence') expect(containsAt(stream, encodeFenceAnswer(reply.id))).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('always finds a real answer, whatever noise comes before or after and however it is cut', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 40 }),
        fenceIdArbitrary,
        fc.uint8Array({ maxLength: 40 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (before, id, after, cuts) => {
          const stream = concat(before, encodeFenceAnswer(id), after);
          const fences = parseAll(chunked(stream, cuts)).filter((reply) => reply.kind === 'fence');
          expect(fences).toContainEqual({ kind: 'fence', id });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('gives the same replies however the stream is chunked', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 120 }), fc.array(fc.nat(), { maxLength: 10 }), (stream, cuts) => {
        expect(parseAll(chunked(stream, cuts))).toEqual(parseAll([stream]));
      }),
      { numRuns: 300 },
    );
  });
});

describe('text for paper', () => {
  it('replaces the typography CP852 lacks with ASCII and keeps Polish letters', () => {
    expect(transliterate('„Zażółć gęślą jaźń” – “ZAŻÓŁĆ GĘŚLĄ JAŹŃ” — 10 € … ‘ok’')).toBe(
      '"Zażółć gęślą jaźń" - "ZAŻÓŁĆ GĘŚLĄ JAŹŃ" - 10 EUR ... \'ok\'',
    );
  });

  it('turns the spaces Intl puts into Polish numbers into plain spaces and drops invisible ones', () => {
    const formatted = new Intl.NumberFormat('pl-PL', { style: 'currency', currency: 'PLN' }).format(12345.5);
    expect(transliterate(formatted)).toBe('12 345,50 zł');
    expect(transliterate('a\u200bb\u00adc\ufeff')).toBe('abc');
  });

  it('composes decomposed letters so they find their CP852 byte', () => {
    expect(transliterate('o\u0301dz\u0301')).toBe('ódź');
  });

  it('leaves Cyrillic for the layout to place', () => {
    expect(transliterate('Паспорт — «Київ»')).toBe('Паспорт - «Київ»');
  });

  it('romanises Ukrainian by the national system', () => {
    expect(latinizeCyrillic('Київ')).toBe('Kyiv');
    expect(latinizeCyrillic('Житомир')).toBe('Zhytomyr');
    expect(latinizeCyrillic('ЖИТОМИР')).toBe('ZHYTOMYR');
    expect(latinizeCyrillic('Єнакієве')).toBe('Yenakiieve');
    expect(latinizeCyrillic('Юлія Щербак')).toBe('Yuliia Shcherbak');
    expect(latinizeCyrillic('Розгон')).toBe('Rozghon');
    expect(latinizeCyrillic("Знам'янка")).toBe('Znamianka');
    expect(latinizeCyrillic('Ґалаґан, Їжакевич, Йосипівка')).toBe('Galagan, Yizhakevych, Yosypivka');
    expect(latinizeCyrillic('Łódź A012')).toBe('Łódź A012');
  });

  it('fits text to code pages: keeps what a page has, strips accents, else ?', () => {
    expect(fitToCodepages('Łódź ñ № ﬁ 😀', ['cp852'])).toBe('Łódź n No fi ?');
    // CP437 has ó but no Ł or ź: a printer without a Polish page still prints a readable word.
    expect(fitToCodepages('Łódź', ['cp437'])).toBe('Lódz');
    expect(fitToCodepages('Київ Łódź', ['cp852', 'windows1251'])).toBe('Київ Łódź');
  });

  it('decodes CP852 with the bytes of the Polish letters, written out by hand', () => {
    const bytes = Uint8Array.of(
      0xa5,
      0x86,
      0xa9,
      0x88,
      0xe4,
      0xa2,
      0x98,
      0xab,
      0xbe,
      0x20,
      0xa4,
      0x8f,
      0xa8,
      0x9d,
      0xe3,
      0xe0,
      0x97,
      0x8d,
      0xbd,
    );
    expect(decodeCodepage(bytes, 'cp852')).toBe('ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ');
    expect(decodeCodepage(Uint8Array.of(0x41, 0x0a), 'cp852')).toBe('A\ufffd');
    expect(decodeCodepage(Uint8Array.of(0xaf, 0xb3, 0xb4, 0xba), 'windows1251')).toBe('Їіґє');
  });
});
