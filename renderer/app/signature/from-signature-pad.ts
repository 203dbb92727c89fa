/**
 * The on-screen signature field's strokes as the `Signature` JSON the station renders and binds
 * to a document. Pure: no DOM, no library code, so it is tested in Node.
 *
 * The shape is the one `native/signature-pad/signature.codec.ts` documents and hashes (the
 * renderer may not import native/, and does not need to: the station draws and hashes). It must
 * stay identical, key order included; `test/unit/renderer/app/signature/from-signature-pad.test.ts`
 * checks that the station's canonical form of this output is this output.
 *
 *   { width, height, rate, strokes: [ { samples: [ { t, x, y, pressure, down } ] } ] }
 *
 * width/height: the field in CSS pixels; rate: nominal samples per second; t: ms since the first
 * point; x, y: CSS pixels from the field's top left; pressure: 0..1; down: true (a screen reports
 * only points where the pen or finger touches).
 */

/** A point as signature_pad records it (`BasicPoint`): CSS pixels and epoch milliseconds. */
export interface ScreenPoint {
  readonly x: number;
  readonly y: number;
  readonly time: number;
  readonly pressure: number;
}

/** One stroke as signature_pad records it (`PointGroup`, of which only the points matter). */
export interface ScreenStroke {
  readonly points: readonly ScreenPoint[];
}

export interface SignatureSampleJson {
  readonly t: number;
  readonly x: number;
  readonly y: number;
  readonly pressure: number;
  readonly down: boolean;
}

export interface SignatureJson {
  readonly width: number;
  readonly height: number;
  readonly rate: number;
  readonly strokes: readonly { readonly samples: readonly SignatureSampleJson[] }[];
}

export interface ScreenField {
  /** The drawing area in CSS pixels. */
  readonly width: number;
  readonly height: number;
  /**
   * Nominal samples per second. signature_pad passes on at most one point per `throttle` (16 ms
   * by default), so about 60.
   */
  readonly rate?: number;
}

const finite = (value: number, fallback = 0): number => (Number.isFinite(value) ? value : fallback);
const clamp = (value: number, max: number): number => Math.min(Math.max(finite(value), 0), max);
/** Tenths of a CSS pixel: finer than any finger, and keeps the JSON short. */
const tenths = (value: number): number => Math.round(value * 10) / 10;

/**
 * Converts signature_pad's `toData()` to the signature JSON, or null when nothing was drawn.
 * Coordinates are clamped to the field, times made relative to the first point and never
 * decreasing, pressures clamped to 0..1; empty strokes are dropped.
 */
export function fromSignaturePad(strokes: readonly ScreenStroke[], field: ScreenField): SignatureJson | null {
  const width = Math.max(1, Math.round(finite(field.width, 1)));
  const height = Math.max(1, Math.round(finite(field.height, 1)));
  const rate = field.rate !== undefined && field.rate > 0 && Number.isFinite(field.rate) ? field.rate : 60;

  const drawn = strokes.filter((stroke) => stroke.points.length > 0);
  const first = drawn[0]?.points[0];
  if (!first) return null;
  const origin = finite(first.time);

  let lastT = 0;
  return {
    width,
    height,
    rate,
    strokes: drawn.map((stroke) => ({
      samples: stroke.points.map((point) => {
        lastT = Math.max(lastT, Math.round(finite(point.time, origin) - origin));
        return {
          t: lastT,
          x: tenths(clamp(point.x, width)),
          y: tenths(clamp(point.y, height)),
          pressure: Math.round(Math.min(Math.max(finite(point.pressure), 0), 1) * 1000) / 1000,
          down: true,
        };
      }),
    })),
  };
}
