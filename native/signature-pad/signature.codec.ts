/**
 * A captured signature as data, whatever captured it (a Topaz pad here, the on-screen field in
 * the renderer), and the three things the station does with one: draw it (SVG), bind it to the
 * text it acknowledges (SHA-256 over a canonical form), and strip the pen dynamics before keeping
 * it. Runs anywhere: no Node, no DOM; Web Crypto and TextEncoder are taken from `globalThis`,
 * where Node 20 and every browser have them.
 *
 * The JSON shape, shared with `renderer/app/signature/from-signature-pad.ts` (which produces it
 * from the screen and may not import this file) and with `SignatureSchema` in the contract:
 *
 *   { "width": 4096, "height": 4096, "rate": 120,
 *     "strokes": [ { "samples": [ { "t": 0, "x": 812, "y": 1930, "pressure": 1, "down": true }, … ] } ] }
 *
 * - `width`, `height`: the capture area in its own units (pad logical units, screen CSS pixels);
 *   x runs 0..width to the right, y 0..height downwards.
 * - `rate`: the nominal samples per second of the device; `t` is authoritative.
 * - `t`: milliseconds since the first sample of the signature, never decreasing.
 * - `pressure`: 0..1 (a Topaz serial pad knows only 0 and 1; a screen gives what the browser has).
 * - `down`: the pen touches. A stroke runs from pen down to the lift; a pad adds the lift itself
 *   as a last sample with `down: false`, a screen does not.
 * - Keys in exactly this order: the canonical form that is hashed is this JSON.
 *
 * These are the ISO/IEC 19794-7 channels (T, X, Y, F, tip switch). Timing and pressure are
 * biometric data: keep `withoutDynamics(signature)` unless they are stored encrypted.
 */

export interface InkSample {
  readonly x: number;
  readonly y: number;
  readonly down: boolean;
}

export interface SignatureSample extends InkSample {
  /** Milliseconds since the first sample of the signature. */
  readonly t: number;
  /** 0..1. */
  readonly pressure: number;
}

export interface Stroke {
  readonly samples: readonly SignatureSample[];
}

export interface Signature {
  readonly width: number;
  readonly height: number;
  /** Nominal samples per second. */
  readonly rate: number;
  readonly strokes: readonly Stroke[];
}

/** A signature without its dynamics (no time, no pressure, no rate): the image only. */
export interface SignatureInk {
  readonly width: number;
  readonly height: number;
  readonly strokes: readonly { readonly samples: readonly InkSample[] }[];
}

/** The capture area and speed of the device a signature comes from. */
export interface CaptureArea {
  readonly width: number;
  readonly height: number;
  readonly rate: number;
}

/**
 * A signature in canonical form: keys in the documented order, nothing but the documented
 * fields, empty strokes dropped. Everything the station builds or receives goes through here
 * before it is drawn or hashed.
 */
export function buildSignature(area: CaptureArea, strokes: readonly (readonly SignatureSample[])[]): Signature {
  return {
    width: area.width,
    height: area.height,
    rate: area.rate,
    strokes: strokes
      .filter((samples) => samples.length > 0)
      .map((samples) => ({
        samples: samples.map((sample) => ({
          t: sample.t,
          x: sample.x,
          y: sample.y,
          pressure: sample.pressure,
          down: sample.down,
        })),
      })),
  };
}

/** The image only: strokes keep x, y and down; time, pressure and the rate are gone. */
export function withoutDynamics(signature: Signature | SignatureInk): SignatureInk {
  return {
    width: signature.width,
    height: signature.height,
    strokes: signature.strokes.map((stroke) => ({
      samples: stroke.samples.map((sample) => ({ x: sample.x, y: sample.y, down: sample.down })),
    })),
  };
}

export function sampleCount(signature: Signature | SignatureInk): number {
  return signature.strokes.reduce((sum, stroke) => sum + stroke.samples.length, 0);
}

function hasDynamics(signature: Signature | SignatureInk): signature is Signature {
  return 'rate' in signature;
}

/**
 * The canonical serialisation that is hashed: JSON with keys in the documented order and only
 * the documented fields (a field the renderer added cannot change the digest, nor hide in it).
 * A signature without dynamics serialises without `rate`, `t` and `pressure`.
 */
export function canonicalSignatureJson(signature: Signature | SignatureInk): string {
  if (hasDynamics(signature)) {
    return JSON.stringify({
      width: signature.width,
      height: signature.height,
      rate: signature.rate,
      strokes: signature.strokes.map((stroke) => ({
        samples: stroke.samples.map((sample) => ({
          t: sample.t,
          x: sample.x,
          y: sample.y,
          pressure: sample.pressure,
          down: sample.down,
        })),
      })),
    });
  }
  return JSON.stringify(withoutDynamics(signature));
}

// ---------------------------------------------------------------------------------------------
// Binding to the document

/** Changes whenever the canonical form or the framing below changes, so old digests stay apart. */
const DIGEST_DOMAIN = 'okienko-signature/v1';

interface WebCryptoSubtle {
  digest(algorithm: 'SHA-256', data: Uint8Array): Promise<ArrayBuffer>;
}
interface Utf8Encoder {
  encode(text: string): Uint8Array;
}

function webCrypto(): { subtle: WebCryptoSubtle; encoder: Utf8Encoder } {
  const scope = globalThis as unknown as {
    crypto?: { subtle?: WebCryptoSubtle };
    TextEncoder?: new () => Utf8Encoder;
  };
  const subtle = scope.crypto?.subtle;
  if (!subtle || !scope.TextEncoder)
    throw new Error('Web Crypto (crypto.subtle) and TextEncoder are needed to bind a signature');
  return { subtle, encoder: new scope.TextEncoder() };
}

/**
 * SHA-256 (lowercase hex) over the signature's canonical JSON and the acknowledged text, exactly
 * as shown to the visitor (no normalisation: the same characters, the same digest). The framing
 * is `okienko-signature/v1 LF <canonical JSON> LF <text>`; JSON has no raw line feed, so no
 * other signature and text give the same bytes.
 *
 * Hash what you keep: store `withoutDynamics(signature)` and bind that, or the digest cannot be
 * checked against the stored signature later.
 */
export async function signatureDigest(signature: Signature | SignatureInk, documentText: string): Promise<string> {
  const { subtle, encoder } = webCrypto();
  const bytes = encoder.encode(`${DIGEST_DOMAIN}\n${canonicalSignatureJson(signature)}\n${documentText}`);
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

// ---------------------------------------------------------------------------------------------
// Drawing

export interface SvgOptions {
  /** Line width in the signature's own units; by default 1/200 of the larger side. */
  readonly strokeWidth?: number;
  /**
   * `pad` (default): the viewBox is the whole capture area. `ink`: the ink's bounding box with a
   * margin, so a signature written in one corner of a large pad fills the picture (the strokes
   * and their coordinates are unchanged).
   */
  readonly fit?: 'pad' | 'ink';
}

/** At most two decimals, no exponent, no `-0`: short, stable path data. */
function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '0';
  const rounded = Math.round(value * 100) / 100;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/**
 * Path data for the pen-down samples of one stroke: `M` where the pen touches, `L` while it
 * stays down, a fresh `M` after any lift inside the stroke. A touch without movement becomes a
 * zero-length segment, which round caps draw as a dot.
 */
export function strokePathData(samples: readonly InkSample[]): string {
  const parts: string[] = [];
  let run = 0;
  for (const sample of samples) {
    if (!sample.down) {
      if (run === 1) parts.push('l0 0');
      run = 0;
      continue;
    }
    parts.push(`${run === 0 ? 'M' : 'L'}${formatNumber(sample.x)} ${formatNumber(sample.y)}`);
    run++;
  }
  if (run === 1) parts.push('l0 0');
  return parts.join('');
}

/** [x, y, width, height] around the pen-down samples, with a margin; undefined without ink. */
function inkBox(
  signature: Signature | SignatureInk,
  strokeWidth: number,
): [number, number, number, number] | undefined {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const stroke of signature.strokes) {
    for (const sample of stroke.samples) {
      if (!sample.down || !Number.isFinite(sample.x) || !Number.isFinite(sample.y)) continue;
      minX = Math.min(minX, sample.x);
      maxX = Math.max(maxX, sample.x);
      minY = Math.min(minY, sample.y);
      maxY = Math.max(maxY, sample.y);
    }
  }
  if (minX > maxX) return undefined;
  const margin = Math.max(maxX - minX, maxY - minY) * 0.05 + strokeWidth;
  return [minX - margin, minY - margin, maxX - minX + 2 * margin, maxY - minY + 2 * margin];
}

/**
 * The signature as a standalone SVG document: one `<path>` per stroke that has ink, black, round
 * ends, `viewBox` = the capture area, no fixed size (it scales to where it is placed). Contains
 * no text and no script; place it with `<img src="data:image/svg+xml,…">` or in a PDF.
 */
export function toSvg(signature: Signature | SignatureInk, options: SvgOptions = {}): string {
  const width = signature.width > 0 ? signature.width : 1;
  const height = signature.height > 0 ? signature.height : 1;
  const strokeWidth = options.strokeWidth ?? Math.max(width, height) / 200;
  const paths = signature.strokes
    .map((stroke) => strokePathData(stroke.samples))
    .filter((data) => data.length > 0)
    .map((data) => `<path d="${data}"/>`);
  const box = options.fit === 'ink' ? inkBox(signature, strokeWidth) : undefined;
  const viewBox = box ? box.map(formatNumber).join(' ') : `0 0 ${formatNumber(width)} ${formatNumber(height)}`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${viewBox}">` +
    `<g fill="none" stroke="#000" stroke-width="${formatNumber(strokeWidth)}" stroke-linecap="round" stroke-linejoin="round">` +
    paths.join('') +
    '</g></svg>'
  );
}
