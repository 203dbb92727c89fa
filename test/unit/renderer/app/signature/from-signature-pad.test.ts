/**
 * The renderer's converter (signature_pad → Signature JSON) against the station's model: the
 * renderer may not import native/, so the two meet only here, and must agree byte for byte.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromSignaturePad, type ScreenStroke } from '../../../../../renderer/app/signature/from-signature-pad';
import {
  buildSignature,
  canonicalSignatureJson,
  signatureDigest,
  toSvg,
  type Signature,
} from '../../../../../native/signature-pad/signature.codec';

const T0 = 1_741_944_000_000; // epoch milliseconds, as signature_pad records them

const strokes: ScreenStroke[] = [
  {
    points: [
      { x: 10.04, y: 20.06, time: T0, pressure: 0.5 },
      { x: 15.55, y: 22.449, time: T0 + 16, pressure: 0.5 },
      { x: 21, y: 25, time: T0 + 33, pressure: 0.5 },
    ],
  },
  { points: [] },
  {
    points: [
      { x: 100, y: 50, time: T0 + 700, pressure: 0.2345 },
      { x: 120, y: 40, time: T0 + 716, pressure: 0 },
    ],
  },
];

describe('fromSignaturePad', () => {
  it('gives the documented shape: field size, rate, strokes of {t, x, y, pressure, down}', () => {
    const signature = fromSignaturePad(strokes, { width: 640.4, height: 240, rate: 60 });
    expect(JSON.stringify(signature)).toBe(
      '{"width":640,"height":240,"rate":60,"strokes":[' +
        '{"samples":[{"t":0,"x":10,"y":20.1,"pressure":0.5,"down":true},{"t":16,"x":15.6,"y":22.4,"pressure":0.5,"down":true},{"t":33,"x":21,"y":25,"pressure":0.5,"down":true}]},' +
        '{"samples":[{"t":700,"x":100,"y":50,"pressure":0.235,"down":true},{"t":716,"x":120,"y":40,"pressure":0,"down":true}]}]}',
    );
  });

  it('is null when nothing was drawn', () => {
    expect(fromSignaturePad([], { width: 100, height: 100 })).toBeNull();
    expect(fromSignaturePad([{ points: [] }], { width: 100, height: 100 })).toBeNull();
  });

  it('keeps points inside the field, times never decreasing, pressure within 0..1, and a sane rate', () => {
    const signature = fromSignaturePad(
      [
        {
          points: [
            { x: -5, y: 300, time: T0 + 50, pressure: 3 },
            { x: 700, y: -1, time: T0 + 40, pressure: -1 },
            { x: Number.NaN, y: 10, time: Number.NaN, pressure: Number.NaN },
          ],
        },
      ],
      { width: 640, height: 240, rate: 0 },
    );
    expect(signature?.rate).toBe(60);
    expect(signature?.strokes[0]?.samples).toEqual([
      { t: 0, x: 0, y: 240, pressure: 1, down: true },
      { t: 0, x: 640, y: 0, pressure: 0, down: true },
      { t: 0, x: 0, y: 10, pressure: 0, down: true },
    ]);
  });

  it('produces exactly the JSON the station builds from the same samples, so both hash alike', async () => {
    const fromScreen = fromSignaturePad(strokes, { width: 640, height: 240, rate: 60 });
    expect(fromScreen).not.toBeNull();
    const json = JSON.stringify(fromScreen);
    // What the station receives over IPC is this JSON, parsed.
    const received = JSON.parse(json) as Signature;
    expect(canonicalSignatureJson(received)).toBe(json);
    const station = buildSignature(
      { width: received.width, height: received.height, rate: received.rate },
      received.strokes.map((stroke) => stroke.samples),
    );
    expect(JSON.stringify(station)).toBe(json);
    expect(await signatureDigest(received, 'Potwierdzam odbiór.')).toBe(
      await signatureDigest(station, 'Potwierdzam odbiór.'),
    );
    expect(toSvg(received).match(/<path /g)).toHaveLength(2);
  });

  it('agrees with the station for any drawing', () => {
    const point = fc.record({
      x: fc.double({ min: -50, max: 900, noNaN: true }),
      y: fc.double({ min: -50, max: 400, noNaN: true }),
      time: fc.integer({ min: T0, max: T0 + 60_000 }),
      pressure: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(fc.record({ points: fc.array(point, { maxLength: 30 }) }), { maxLength: 8 }), (drawing) => {
        const signature = fromSignaturePad(drawing, { width: 800, height: 300 });
        if (!signature) {
          expect(drawing.every((stroke) => stroke.points.length === 0)).toBe(true);
          return;
        }
        const json = JSON.stringify(signature);
        expect(canonicalSignatureJson(JSON.parse(json) as Signature)).toBe(json);
      }),
    );
  });
});
