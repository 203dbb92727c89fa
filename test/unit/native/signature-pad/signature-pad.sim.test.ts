import { describe, expect, it } from 'vitest';
import { countInk, planSignature } from '../../../../native/signature-pad/signature-pad.sim';
import { TOPAZ_MAX_COORDINATE } from '../../../../native/signature-pad/topaz.codec';

describe('the simulated signature', () => {
  const plan = planSignature();

  it('is a name in several strokes, written in a few seconds at the pad rate', () => {
    expect(countInk(plan)).toEqual({ strokes: 6, samples: expect.any(Number) });
    expect(countInk(plan).samples).toBeGreaterThan(200);
    const duration = plan.at(-1)!.at;
    expect(duration).toBeGreaterThan(2000);
    expect(duration).toBeLessThan(6000);
    plan.forEach((report, index) => expect(report.at).toBeCloseTo((index * 1000) / 120, 1));
  });

  it('comes near before it touches, hovers between strokes and leaves out of range', () => {
    expect(plan[0]!.packet).toMatchObject({ near: true, down: false });
    expect(plan.at(-1)!.packet).toMatchObject({ near: false, down: false });
    plan.forEach((report, index) => {
      const next = plan[index + 1];
      // A lift is always followed by at least one hover report before the next touch.
      if (report.packet.down && next && !next.packet.down) expect(next.packet.near).toBe(true);
    });
  });

  it('moves smoothly: no jump between two reports faster than the pen could go', () => {
    for (let i = 1; i < plan.length; i++) {
      const a = plan[i - 1]!.packet;
      const b = plan[i]!.packet;
      if (!(a.down && b.down)) continue;
      // Peak speed 9000 units/s at 120 reports/s: 75 units a report, plus rounding.
      expect(Math.hypot(b.x - a.x, b.y - a.y)).toBeLessThan(80);
    }
    for (const { packet } of plan) {
      expect(packet.x).toBeGreaterThanOrEqual(0);
      expect(packet.x).toBeLessThanOrEqual(TOPAZ_MAX_COORDINATE);
      expect(packet.y).toBeGreaterThanOrEqual(0);
      expect(packet.y).toBeLessThanOrEqual(TOPAZ_MAX_COORDINATE);
    }
  });
});
