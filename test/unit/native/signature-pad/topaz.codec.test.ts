import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  TOPAZ_MAX_COORDINATE,
  TopazDecoder,
  decodeTopazPacket,
  encodeTopazPacket,
  type TopazPacket,
} from '../../../../native/signature-pad/topaz.codec';
import { chunked } from '../../../support/chunked';

function concat(...parts: ArrayLike<number>[]): Uint8Array {
  return Uint8Array.from(parts.flatMap((part) => Array.from(part)));
}

function decodeAll(chunks: readonly Uint8Array[]): TopazPacket[] {
  const decoder = new TopazDecoder();
  return chunks.flatMap((chunk) => decoder.push(chunk));
}

const packetArbitrary: fc.Arbitrary<TopazPacket> = fc.record({
  near: fc.boolean(),
  down: fc.boolean(),
  type: fc.integer({ min: 0, max: 7 }),
  x: fc.integer({ min: 0, max: TOPAZ_MAX_COORDINATE }),
  y: fc.integer({ min: 0, max: TOPAZ_MAX_COORDINATE }),
});

/** Line noise that carries no sync bit, so it can never start a packet. */
const dataNoise = fc.uint8Array({ maxLength: 12 }).map((bytes) => bytes.map((byte) => byte & 0x7f));

describe('Topaz packets', () => {
  it('lay out sync, pen near, type and pen down in byte 0 and 7 + 5 bits of each coordinate after it', () => {
    const bytes = encodeTopazPacket({ near: true, down: true, type: 0, x: 0x5a3, y: 0x0ff });
    expect([...bytes]).toEqual([0xc1, 0x23, 0x0b, 0x7f, 0x01]);
    // x = (b2 & 0x1F) << 7 | (b1 & 0x7F), y likewise from b3/b4
    expect(decodeTopazPacket([0xc1, 0x23, 0x0b, 0x7f, 0x01])).toEqual({
      near: true,
      down: true,
      type: 0,
      x: 0x5a3,
      y: 0x0ff,
    });
    expect(decodeTopazPacket([0x9c, 0x7f, 0x1f, 0x7f, 0x1f])).toEqual({
      near: false,
      down: false,
      type: 7,
      x: 4095,
      y: 4095,
    });
  });

  it('round-trip every report', () => {
    fc.assert(
      fc.property(packetArbitrary, (packet) => {
        expect(decodeTopazPacket(encodeTopazPacket(packet))).toEqual(packet);
      }),
    );
  });

  it('refuse five bytes that cannot be a report', () => {
    expect(decodeTopazPacket([0x41, 0, 0, 0, 0])).toBeUndefined(); // no sync bit
    expect(decodeTopazPacket([0xc1, 0x80, 0, 0, 0])).toBeUndefined(); // a second sync inside
    expect(decodeTopazPacket([0xc1, 0, 0x20, 0, 0])).toBeUndefined(); // x above 12 bits
    expect(decodeTopazPacket([0xc1, 0, 0, 0, 0x40])).toBeUndefined(); // y above 12 bits
    expect(decodeTopazPacket([0xc1, 0, 0, 0])).toBeUndefined();
  });

  it('clamp what they are asked to encode to 12 bits', () => {
    expect(decodeTopazPacket(encodeTopazPacket({ near: true, down: true, type: 9, x: 5000, y: -3 }))).toEqual({
      near: true,
      down: true,
      type: 7,
      x: 4095,
      y: 0,
    });
  });
});

describe('TopazDecoder', () => {
  const a: TopazPacket = { near: true, down: false, type: 0, x: 100, y: 200 };
  const b: TopazPacket = { near: true, down: true, type: 0, x: 1500, y: 2600 };
  const c: TopazPacket = { near: true, down: true, type: 0, x: 4000, y: 17 };

  it('decodes reports cut anywhere by the serial line', () => {
    const bytes = concat(encodeTopazPacket(a), encodeTopazPacket(b), encodeTopazPacket(c));
    for (let cut = 0; cut <= bytes.length; cut++) {
      expect(decodeAll([bytes.slice(0, cut), bytes.slice(cut)])).toEqual([a, b, c]);
    }
    expect(decodeAll([...bytes].map((byte) => Uint8Array.of(byte)))).toEqual([a, b, c]);
  });

  it('skips noise before the first sync byte, as after opening the port mid-report', () => {
    const decoder = new TopazDecoder();
    // The tail of a report the pad sent before we listened: three data bytes.
    expect(decoder.push(concat([0x12, 0x05, 0x7f], encodeTopazPacket(a)))).toEqual([a]);
    expect(decoder.discardedBytes).toBe(3);
  });

  it('drops a torn report when the next sync byte arrives and carries on from it', () => {
    const torn = encodeTopazPacket(b).slice(0, 3);
    const decoder = new TopazDecoder();
    expect(decoder.push(concat(torn, encodeTopazPacket(c), encodeTopazPacket(a)))).toEqual([c, a]);
    expect(decoder.discardedBytes).toBe(3);
  });

  it('drops a report whose coordinates run past 12 bits (noise on the line) and stays in step', () => {
    const damaged = [0xc1, 0x10, 0x7f, 0x10, 0x01]; // bits 5–6 of byte 2 set
    expect(decodeAll([concat(encodeTopazPacket(a), damaged, encodeTopazPacket(b))])).toEqual([a, b]);
  });

  it('forgets a half report on reset (the port was reopened)', () => {
    const decoder = new TopazDecoder();
    decoder.push(encodeTopazPacket(b).slice(0, 4));
    decoder.reset();
    // Without the reset this data byte would complete the old report.
    expect(decoder.push(Uint8Array.of(0x01))).toEqual([]);
    expect(decoder.push(encodeTopazPacket(c))).toEqual([c]);
  });

  it('gives the same reports however the stream is chunked', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.array(fc.nat(), { maxLength: 20 }), (bytes, cuts) => {
        expect(decodeAll(chunked(bytes, cuts))).toEqual(decodeAll([bytes]));
      }),
    );
  });

  it('never throws and never reports anything outside the 12-bit range, whatever arrives', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 30 }), (chunks) => {
        const decoder = new TopazDecoder();
        let total = 0;
        for (const chunk of chunks) {
          total += chunk.length;
          for (const packet of decoder.push(chunk)) {
            expect(packet.x).toBeGreaterThanOrEqual(0);
            expect(packet.x).toBeLessThanOrEqual(TOPAZ_MAX_COORDINATE);
            expect(packet.y).toBeGreaterThanOrEqual(0);
            expect(packet.y).toBeLessThanOrEqual(TOPAZ_MAX_COORDINATE);
            expect(packet.type).toBeGreaterThanOrEqual(0);
            expect(packet.type).toBeLessThanOrEqual(7);
            expect(Number.isInteger(packet.x) && Number.isInteger(packet.y)).toBe(true);
          }
        }
        expect(decoder.discardedBytes).toBeLessThanOrEqual(total);
      }),
    );
  });

  it('finds every report between noise without a sync bit, in order and nothing more', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(dataNoise, packetArbitrary), { maxLength: 20 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (items, cuts) => {
          const bytes = concat(...items.flatMap(([noise, packet]) => [noise, encodeTopazPacket(packet)]));
          expect(decodeAll(chunked(bytes, cuts))).toEqual(items.map(([, packet]) => packet));
        },
      ),
    );
  });

  it('still finds every report between arbitrary garbage (which may hold reports of its own)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.uint8Array({ maxLength: 12 }), packetArbitrary), { maxLength: 20 }), (items) => {
        const decoded = decodeAll([concat(...items.flatMap(([noise, packet]) => [noise, encodeTopazPacket(packet)]))]);
        // The real reports appear in order as a subsequence of what was decoded.
        let at = 0;
        for (const [, packet] of items) {
          while (at < decoded.length && JSON.stringify(decoded[at]) !== JSON.stringify(packet)) at++;
          expect(at).toBeLessThan(decoded.length);
          at++;
        }
      }),
    );
  });
});
