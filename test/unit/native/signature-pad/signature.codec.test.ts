import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildSignature,
  canonicalSignatureJson,
  sampleCount,
  signatureDigest,
  strokePathData,
  toSvg,
  withoutDynamics,
  type Signature,
  type SignatureSample,
} from '../../../../native/signature-pad/signature.codec';

const sample = (t: number, x: number, y: number, down = true, pressure = down ? 1 : 0): SignatureSample => ({
  t,
  x,
  y,
  pressure,
  down,
});

const signature: Signature = buildSignature({ width: 4096, height: 4096, rate: 120 }, [
  [sample(0, 100, 200), sample(8, 110, 210), sample(17, 130, 215), sample(25, 131, 215, false)],
  [sample(300, 500, 500), sample(308, 520, 480), sample(317, 540, 470, false)],
  [sample(600, 900, 300), sample(608, 900, 300, false)],
]);

const DOCUMENT = 'Potwierdzam odbiór dowodu osobistego nr ABC123456.';

describe('the signature model', () => {
  it('builds signatures in the documented key order, dropping empty strokes', () => {
    const built = buildSignature({ width: 10, height: 5, rate: 60 }, [
      [],
      [{ down: true, pressure: 0.5, y: 2, x: 1, t: 0 }],
      [],
    ]);
    expect(JSON.stringify(built)).toBe(
      '{"width":10,"height":5,"rate":60,"strokes":[{"samples":[{"t":0,"x":1,"y":2,"pressure":0.5,"down":true}]}]}',
    );
    expect(sampleCount(signature)).toBe(9);
  });

  it('serialises canonically: fixed key order, documented fields only', () => {
    const shuffled = {
      strokes: signature.strokes.map((stroke) => ({
        extra: 'x',
        samples: stroke.samples.map((s) => ({
          down: s.down,
          pressure: s.pressure,
          y: s.y,
          x: s.x,
          t: s.t,
          note: 'ignored',
        })),
      })),
      rate: 120,
      height: 4096,
      width: 4096,
      name: 'Jan Kowalski',
    } as unknown as Signature;
    expect(canonicalSignatureJson(shuffled)).toBe(canonicalSignatureJson(signature));
    expect(canonicalSignatureJson(signature)).toBe(JSON.stringify(signature));
  });
});

describe('withoutDynamics', () => {
  it('keeps x, y and down, and drops time, pressure and the rate', () => {
    const ink = withoutDynamics(signature);
    expect(ink).toEqual({
      width: 4096,
      height: 4096,
      strokes: signature.strokes.map((stroke) => ({
        samples: stroke.samples.map(({ x, y, down }) => ({ x, y, down })),
      })),
    });
    const json = JSON.stringify(ink);
    expect(json).not.toMatch(/"t"|"pressure"|"rate"/);
    expect(canonicalSignatureJson(ink)).toBe(json);
  });

  it('draws the same image as the full signature', () => {
    expect(toSvg(withoutDynamics(signature))).toBe(toSvg(signature));
  });
});

describe('toSvg', () => {
  it('is one SVG with the pad as its viewBox and one black round-capped path per stroke', () => {
    const svg = toSvg(signature);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4096 4096">')).toBe(true);
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(svg.match(/<path /g)).toHaveLength(3);
    expect(svg).toContain('stroke="#000"');
    expect(svg).toContain('fill="none"');
    expect(svg).toContain('stroke-linecap="round"');
    // Scaled to the area: 1/200 of the larger side.
    expect(svg).toContain('stroke-width="20.48"');
    expect(toSvg({ ...signature, width: 600, height: 200 })).toContain('stroke-width="3"');
    expect(toSvg(signature, { strokeWidth: 7 })).toContain('stroke-width="7"');
    expect(svg).not.toMatch(/<script|<text|href/);
  });

  it('fitted to the ink, frames the pen-down samples with a margin and leaves the strokes as they are', () => {
    const fitted = toSvg(signature, { fit: 'ink' });
    const box = /viewBox="([^"]+)"/.exec(fitted)![1]!.split(' ').map(Number);
    const down = signature.strokes.flatMap((stroke) => stroke.samples.filter((each) => each.down));
    const [x, y, width, height] = box as [number, number, number, number];
    for (const each of down) {
      expect(each.x).toBeGreaterThan(x);
      expect(each.x).toBeLessThan(x + width);
      expect(each.y).toBeGreaterThan(y);
      expect(each.y).toBeLessThan(y + height);
    }
    // Much smaller than the 4096² pad, and the same paths as the pad-sized picture.
    expect(width * height).toBeLessThan((4096 * 4096) / 4);
    expect(fitted.replace(/viewBox="[^"]+"/, '')).toBe(toSvg(signature).replace(/viewBox="[^"]+"/, ''));
    // No ink: the pad as it is.
    expect(toSvg({ width: 600, height: 200, strokes: [] }, { fit: 'ink' })).toContain('viewBox="0 0 600 200"');
  });

  it('draws only where the pen was down; the lift adds no line', () => {
    expect(strokePathData(signature.strokes[0]!.samples)).toBe('M100 200L110 210L130 215');
    // A touch without movement is a dot.
    expect(strokePathData(signature.strokes[2]!.samples)).toBe('M900 300l0 0');
    // A lift inside a stroke starts a new sub-path.
    expect(strokePathData([sample(0, 1, 1), sample(1, 2, 2), sample(2, 3, 3, false), sample(3, 4.125, 4.333)])).toBe(
      'M1 1L2 2M4.13 4.33l0 0',
    );
  });

  it('has no path for a stroke without ink and survives nonsense numbers', () => {
    const svg = toSvg({
      width: 0,
      height: -5,
      strokes: [{ samples: [{ x: 1, y: 1, down: false }] }, { samples: [{ x: Number.NaN, y: -0, down: true }] }],
    });
    expect(svg).toContain('viewBox="0 0 1 1"');
    expect(svg.match(/<path /g)).toHaveLength(1);
    expect(svg).toContain('d="M0 0l0 0"');
  });
});

describe('signatureDigest', () => {
  it('is SHA-256 in hex over the framed canonical form and the document text', async () => {
    const digest = await signatureDigest(signature, DOCUMENT);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    const expected = createHash('sha256')
      .update(`okienko-signature/v1\n${canonicalSignatureJson(signature)}\n${DOCUMENT}`, 'utf8')
      .digest('hex');
    expect(digest).toBe(expected);
    expect(await signatureDigest(signature, DOCUMENT)).toBe(digest);
  });

  it('changes when one sample changes: a coordinate, a time, a pressure, the pen state', async () => {
    const base = await signatureDigest(signature, DOCUMENT);
    const edit = (change: (s: SignatureSample) => SignatureSample): Signature => ({
      ...signature,
      strokes: signature.strokes.map((stroke, i) =>
        i === 1 ? { samples: stroke.samples.map((s, j) => (j === 1 ? change(s) : s)) } : stroke,
      ),
    });
    const variants = [
      edit((s) => ({ ...s, x: s.x + 1 })),
      edit((s) => ({ ...s, y: s.y - 1 })),
      edit((s) => ({ ...s, t: s.t + 1 })),
      edit((s) => ({ ...s, pressure: 0.5 })),
      edit((s) => ({ ...s, down: false })),
    ];
    const digests = await Promise.all(variants.map((variant) => signatureDigest(variant, DOCUMENT)));
    for (const digest of digests) expect(digest).not.toBe(base);
    expect(new Set(digests).size).toBe(digests.length);
    expect(await signatureDigest({ ...signature, width: 4095 }, DOCUMENT)).not.toBe(base);
    expect(await signatureDigest({ ...signature, strokes: signature.strokes.slice(0, 2) }, DOCUMENT)).not.toBe(base);
  });

  it('changes when one character of the document changes, Polish letters and white space included', async () => {
    const base = await signatureDigest(signature, 'Oświadczam, że zapoznałem się z treścią.');
    for (const text of [
      'Oświadczam, że zapoznałem się z treścią!',
      'Oswiadczam, że zapoznałem się z treścią.',
      'Oświadczam, że zapoznałem się z treścią. ',
      '',
    ]) {
      expect(await signatureDigest(signature, text)).not.toBe(base);
    }
  });

  it('cannot be matched by moving text between the signature and the document', async () => {
    // The framing separates the two: no signature/document pair shares bytes with another.
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.string(), async (first, second) => {
        fc.pre(first !== second);
        expect(await signatureDigest(signature, first)).not.toBe(await signatureDigest(signature, second));
      }),
    );
  });

  it('differs between a signature and its image alone: hash what you keep', async () => {
    const full = await signatureDigest(signature, DOCUMENT);
    const ink = await signatureDigest(withoutDynamics(signature), DOCUMENT);
    expect(ink).not.toBe(full);
    expect(await signatureDigest(withoutDynamics(signature), DOCUMENT)).toBe(ink);
  });
});
