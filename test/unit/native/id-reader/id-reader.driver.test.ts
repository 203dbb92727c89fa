import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IdRead } from '../../../../native/id-reader/id-reader';
import { MrzSwipeReader, type MrzSwipeReaderOptions } from '../../../../native/id-reader/id-reader.driver';
import { IdReaderSimulator } from '../../../../native/id-reader/id-reader.sim';
import { CR, FRAMINGS, STX, encodeSwipe, type Framing } from '../../../../native/id-reader/mrz-frame.codec';
import { decodeMrzLines, type MrzDocument } from '../../../../native/id-reader/mrz.codec';
import { SPECIMENS, specimenSwipe, type SpecimenName } from '../../../../native/id-reader/specimens';
import { createMemoryPortPair } from '../../../../native/port/memory-byte-port';
import { bytes, fedPort, type FedPort } from '../../../support/mrz-oracle';

let clock = 0;
const readers: MrzSwipeReader[] = [];

beforeEach(() => {
  vi.useFakeTimers();
  clock = 1_000_000;
});

afterEach(async () => {
  for (const reader of readers.splice(0)) await reader.close();
  vi.useRealTimers();
});

function setup(options: MrzSwipeReaderOptions = {}): { port: FedPort; reader: MrzSwipeReader; reads: IdRead[] } {
  const port = fedPort();
  const reader = new MrzSwipeReader(port, { now: () => clock, ...options });
  readers.push(reader);
  const reads: IdRead[] = [];
  reader.onRead((read) => reads.push(read));
  return { port, reader, reads };
}

/** Lets `ms` pass on both the fake timers and the injected clock. */
function wait(ms: number): void {
  clock += ms;
  vi.advanceTimersByTime(ms);
}

const document = (name: SpecimenName): MrzDocument => {
  const result = decodeMrzLines(SPECIMENS[name].lines);
  if (!result.ok) throw new Error(`${name} is not a valid specimen`);
  return result.document;
};

describe('MrzSwipeReader with the simulated reader on a memory line', () => {
  it.each(FRAMINGS)('reads a Polish ID card swiped in %s framing, at 9600 baud in chunks', async (framing) => {
    const pair = createMemoryPortPair('id');
    const reader = new MrzSwipeReader(pair.app, { now: () => Date.now() });
    readers.push(reader);
    const reads: IdRead[] = [];
    reader.onRead((read) => reads.push(read));
    const simulator = new IdReaderSimulator(pair.device, { baudRate: 9600, chunkBytes: 16 });

    const started = Date.now();
    const swiped = simulator.swipe('pl-id', framing);
    await vi.advanceTimersByTimeAsync(200);
    const swipe = await swiped;
    expect(swipe).toMatchObject({ document: 'pl-id', framing, complete: true });
    if (framing !== 'plain') expect(reads).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(150);

    expect(reads).toHaveLength(1);
    const read = reads[0]!;
    expect(read).toMatchObject({ framing, interrupted: false, bytes: swipe.bytes });
    expect(read.result).toEqual({
      ok: true,
      document: document('pl-id'),
      checks: { documentNumber: true, birthDate: true, expiryDate: true, composite: true },
    });
    // About 10 bit times per byte at 9600 baud: the simulator paces like a real line (the last
    // chunk's own time is not seen by the receiver; timers round to whole milliseconds).
    const lineTimeMs = ((swipe.bytes - 16) * 10 * 1000) / 9600;
    expect(read.receivedAt - read.startedAt).toBeGreaterThanOrEqual(lineTimeMs * 0.9);
    expect(read.receivedAt - read.startedAt).toBeLessThanOrEqual(lineTimeMs + 20);
    expect(read.startedAt).toBeGreaterThanOrEqual(started);
    expect(pair.appWrites).toHaveLength(0);
  });
});

describe('MrzSwipeReader framing by time and by end marker', () => {
  it('reports a framed swipe at its end marker, without waiting for the line to fall silent', () => {
    const { port, reads } = setup();
    port.push(encodeSwipe(SPECIMENS.passport.lines, 'desko'));
    expect(reads).toHaveLength(1);
    expect(reads[0]!.result).toMatchObject({ ok: true, document: { format: 'TD3' } });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('reports a plain swipe once the line has been silent for the inter-byte timeout (default 120 ms)', () => {
    const { port, reads } = setup();
    port.push(encodeSwipe(SPECIMENS.td2.lines, 'plain'));
    wait(119);
    expect(reads).toHaveLength(0);
    wait(1);
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ framing: 'plain', result: { ok: true, document: { format: 'TD2' } } });
  });

  it('takes the timeout from its options, and with the plain hint ends a plain swipe at its last line break', () => {
    const slow = setup({ interByteTimeoutMs: 300 });
    slow.port.push(encodeSwipe(SPECIMENS.td2.lines, 'plain'));
    wait(200);
    expect(slow.reads).toHaveLength(0);
    wait(100);
    expect(slow.reads).toHaveLength(1);

    const plain = setup({ framing: 'plain' });
    plain.port.push(encodeSwipe(SPECIMENS.td2.lines, 'plain'));
    expect(plain.reads).toHaveLength(1);
  });

  it('joins a swipe split into single bytes with pauses shorter than the timeout', () => {
    for (const framing of FRAMINGS) {
      const { port, reads } = setup();
      for (const byte of encodeSwipe(SPECIMENS['pl-id-2'].lines, framing)) {
        port.push(Uint8Array.of(byte));
        wait(100);
      }
      wait(150);
      expect(reads, framing).toHaveLength(1);
      expect(reads[0]!.result, framing).toEqual({ ok: true, document: document('pl-id-2'), checks: expect.anything() });
    }
  });

  it('splits two framed swipes that arrive in one chunk, and times each from its own first byte', () => {
    const { port, reads } = setup();
    port.push(bytes(encodeSwipe(SPECIMENS['pl-id'].lines, '3m'), encodeSwipe(SPECIMENS.passport.lines, 'access-is')));
    expect(reads.map((read) => [read.framing, read.result.ok])).toEqual([
      ['3m', true],
      ['access-is', true],
    ]);
  });

  it('reports the times of the first and last byte from the injected clock', () => {
    const { port, reads } = setup();
    const frame = encodeSwipe(SPECIMENS['pl-id'].lines, 'desko');
    const startedAt = clock;
    port.push(frame.subarray(0, 40));
    wait(40);
    port.push(frame.subarray(40));
    expect(reads[0]).toMatchObject({ startedAt, receivedAt: startedAt + 40, bytes: frame.length });
  });

  it('a pause longer than the timeout inside a swipe cuts it: the first part is torn', () => {
    const { port, reads } = setup();
    const frame = encodeSwipe(SPECIMENS['pl-id'].lines, 'plain');
    port.push(frame.subarray(0, 50));
    wait(130);
    port.push(frame.subarray(50));
    wait(130);
    expect(reads.map((read) => read.result)).toMatchObject([
      { ok: false, reason: 'torn', part: 'line-2' },
      { ok: false, reason: 'torn', part: 'line-1' },
    ]);
  });
});

describe('MrzSwipeReader and bad swipes', () => {
  it('ignores a burst shorter than the minimum, reports a longer one as garbage', () => {
    const { port, reads } = setup();
    port.push(bytes(0x00, 0xff, 'AB', 0x0d));
    wait(200);
    expect(reads).toHaveLength(0);
    port.push(bytes('line noise that goes on for a while', 0x0d, 0x0a));
    wait(200);
    expect(reads).toHaveLength(1);
    expect(reads[0]!.result).toEqual({ ok: false, reason: 'garbage', part: 'swipe' });
  });

  it('reports a swipe cut off mid-line as torn at that line', () => {
    const { port, reads } = setup();
    port.push(specimenSwipe('torn', 'desko'));
    wait(120);
    expect(reads[0]).toMatchObject({
      interrupted: false,
      result: { ok: false, reason: 'torn', part: 'line-2', format: 'TD1', completeLines: 1, expectedLines: 3 },
    });
  });

  it('reports a wrong check digit with the field, never the document', () => {
    const { port, reads } = setup();
    port.push(specimenSwipe('bad-check', '3m'));
    expect(reads[0]!.result).toMatchObject({
      ok: false,
      reason: 'check-digit',
      part: 'birthDate',
      checks: { documentNumber: true, birthDate: false },
    });
    expect(reads[0]!.result).not.toHaveProperty('document');
  });

  it('refuses the ICAO specimen state unless told to accept specimens', () => {
    const strict = setup();
    strict.port.push(specimenSwipe('icao-td1', 'desko'));
    expect(strict.reads[0]!.result).toEqual({ ok: false, reason: 'unsupported', part: 'issuingState' });
    const demo = setup({ acceptSpecimens: true });
    demo.port.push(specimenSwipe('icao-td1', 'desko'));
    expect(demo.reads[0]!.result).toMatchObject({ ok: true, document: { issuingState: 'UTO', lastName: 'ERIKSSON' } });
  });

  it('decodes an endless burst in pieces instead of buffering it forever', () => {
    const { port, reads } = setup({ maxSwipeBytes: 256 });
    for (let i = 0; i < 100; i++) {
      port.push(new Uint8Array(50).fill(0x41 + (i % 26)));
      wait(10);
    }
    expect(reads.length).toBeGreaterThanOrEqual(15);
    expect(Math.max(...reads.map((read) => read.bytes))).toBeLessThanOrEqual(256 + 50);
  });
});

describe('MrzSwipeReader when the port closes', () => {
  it('reports a swipe in progress as torn, interrupted, as soon as the cable is pulled', () => {
    const { port, reads } = setup({ interByteTimeoutMs: 5000 });
    port.push(specimenSwipe('torn', 'access-is'));
    wait(10);
    port.unplug();
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({
      interrupted: true,
      framing: 'access-is',
      result: { ok: false, reason: 'torn', part: 'line-2' },
    });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('reports even a swipe that had only begun (start marker, a few bytes) as torn at line 1', () => {
    const { port, reads } = setup();
    port.push(bytes(0x0e, STX, 'IDP'));
    port.unplug();
    expect(reads[0]).toMatchObject({
      interrupted: true,
      result: { ok: false, reason: 'torn', part: 'line-1', completeLines: 0 },
    });
  });

  it('stays silent about a few noise bytes when the cable is pulled', () => {
    const { port, reads } = setup();
    port.push(bytes(0x00, 'A'));
    port.unplug();
    expect(reads).toHaveLength(0);
  });

  it('reports complete data even when the end marker was lost with the cable', () => {
    const { port, reads } = setup();
    const lines = SPECIMENS['pl-id'].lines;
    port.push(bytes(STX, lines.join('\r'), CR));
    port.unplug();
    expect(reads[0]).toMatchObject({ interrupted: true, result: { ok: true } });
  });

  it('close() drops the swipe in progress, closes the port and leaves no timer behind', async () => {
    const { port, reader, reads } = setup();
    port.push(specimenSwipe('torn', 'plain'));
    await reader.close();
    wait(500);
    expect(reads).toHaveLength(0);
    expect(port.closed).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    await reader.close();
  });

  it('a listener that throws does not stop the others or the reader', () => {
    const { port, reader, reads } = setup();
    reader.onRead(() => {
      throw new Error('listener bug');
    });
    port.push(specimenSwipe('pl-id', 'desko'));
    port.push(specimenSwipe('passport', 'desko'));
    expect(reads).toHaveLength(2);
    expect(() => vi.runOnlyPendingTimers()).toThrow('listener bug');
  });
});

describe('MrzSwipeReader: properties', () => {
  const VALID: readonly SpecimenName[] = ['pl-id', 'pl-id-2', 'pl-residence', 'passport', 'td2'];
  const validDocuments = VALID.map(document);

  /** A piece of a line's traffic: noise, a whole or broken swipe, then a pause. */
  const piece = fc.oneof(
    fc.record({ data: fc.uint8Array({ maxLength: 120 }), gap: fc.nat(400) }),
    fc.record({
      data: fc
        .tuple(
          fc.constantFrom<SpecimenName>(...VALID, 'torn', 'bad-check', 'garbage', 'visa'),
          fc.constantFrom<Framing>(...FRAMINGS),
        )
        .map(([name, framing]) => specimenSwipe(name, framing)),
      gap: fc.nat(400),
    }),
  );

  it('random traffic never throws, never hangs, and every ok read is one of the valid documents', () => {
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 12 }),
        fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 5 }),
        fc.constantFrom('auto', ...FRAMINGS),
        (pieces, chunkSizes, framing) => {
          vi.clearAllTimers();
          const { port, reader, reads } = setup({ framing });
          let chunkIndex = 0;
          for (const { data, gap } of pieces) {
            for (let at = 0; at < data.length;) {
              const size = chunkSizes[chunkIndex++ % chunkSizes.length]!;
              port.push(data.subarray(at, at + size));
              at += size;
              wait(3);
            }
            wait(gap);
          }
          wait(121);
          // Nothing left waiting: the line is quiet and every swipe has been reported.
          expect(vi.getTimerCount()).toBe(0);
          for (const read of reads) {
            if (read.result.ok) expect(validDocuments).toContainEqual(read.result.document);
            expect(read.bytes).toBeGreaterThan(0);
          }
          void reader.close();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a valid swipe cut into any chunks, with pauses under the timeout, is read exactly once', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...VALID),
        fc.constantFrom(...FRAMINGS),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(110), { minLength: 1, maxLength: 8 }),
        (name, framing, sizes, gaps) => {
          vi.clearAllTimers();
          const { port, reader, reads } = setup();
          const frame = specimenSwipe(name, framing);
          for (let at = 0, i = 0; at < frame.length; i++) {
            const size = sizes[i % sizes.length]!;
            port.push(frame.subarray(at, at + size));
            at += size;
            wait(gaps[i % gaps.length]!);
          }
          wait(121);
          expect(reads).toHaveLength(1);
          expect(reads[0]!.result).toMatchObject({ ok: true, document: document(name) });
          void reader.close();
        },
      ),
      { numRuns: 300 },
    );
  });
});
