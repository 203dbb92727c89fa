import { describe, expect, it } from 'vitest';
import { ContractFailure } from '../../../../../electron/common/contract/result';
import { parseSignatureSvg } from '../../../../../electron/station/documents/signature';
import { toSvg } from '../../../../../native/signature-pad/signature.codec';

const sample = (x: number, y: number, down = true) => ({ t: 0, x, y, pressure: 0.5, down });

describe("reading the station's signature SVG", () => {
  it('takes the viewBox, the stroke width and every stroke, a dot included', () => {
    const svg = toSvg(
      {
        width: 400,
        height: 200,
        rate: 100,
        strokes: [{ samples: [sample(10, 20), sample(30.25, -4.5), sample(50, 60)] }, { samples: [sample(70, 80)] }],
      },
      { fit: 'ink' },
    );
    const drawing = parseSignatureSvg(svg);
    expect(drawing.paths).toEqual(['M10 20L30.25 -4.5L50 60', 'M70 80l0 0']);
    expect(drawing.viewBox[2]).toBeGreaterThan(60);
    expect(drawing.strokeWidth).toBe(2);
  });

  it.each([
    ['a script', '<svg viewBox="0 0 1 1"><script>x()</script></svg>'],
    ['a curve', '<svg viewBox="0 0 1 1"><path d="M0 0C1 1 1 1 1 1"/></svg>'],
    ['a closed shape', '<svg viewBox="0 0 1 1"><path d="M0 0L1 1Z"/></svg>'],
    ['an image', '<svg viewBox="0 0 1 1"><image href="x.png"/></svg>'],
    ['no viewBox', '<svg><path d="M0 0L1 1"/></svg>'],
    ['an empty viewBox', '<svg viewBox="0 0 0 1"><path d="M0 0L1 1"/></svg>'],
  ])('refuses %s', (_what, svg) => {
    expect(() => parseSignatureSvg(svg)).toThrow(ContractFailure);
  });

  it('reads a long run of digits in linear time (no backtracking a counter window could use to stall the station)', () => {
    for (const digits of [400, 200_000]) {
      const svg = `<svg viewBox="0 0 100 50"><path stroke-width="2" d="M ${'1'.repeat(digits)}"/></svg>`;
      const started = performance.now();
      expect(() => parseSignatureSvg(svg)).toThrow(ContractFailure);
      // Generous for a shared CI machine: the old pattern took 13 s on 400 digits.
      expect(performance.now() - started).toBeLessThan(500);
    }
  });
});
