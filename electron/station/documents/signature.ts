/**
 * The visitor's signature on a document: the SVG the station's signature capture made
 * (native/signature-pad/signature.codec.ts `toSvg`) read back to its path data and drawn with
 * pdfkit's own paths, scaled into a box. Nothing else of the SVG is used: the string crossed the
 * renderer, so it is parsed strictly — a viewBox, a stroke width and `M`/`L`/`l` path data — and
 * anything else is refused.
 */
import { ContractFailure } from '../../common/contract/result';

export interface SignatureDrawing {
  /** min-x, min-y, width, height of the SVG's viewBox. */
  readonly viewBox: readonly [number, number, number, number];
  readonly strokeWidth: number;
  /** One path-data string per stroke. */
  readonly paths: readonly string[];
}

// Unambiguous on purpose: a run of digits can be read one way only (no `\d+\.?\d*`), and two
// numbers need a separator or a minus between them, so a long digit run cannot backtrack.
const NUMBER = String.raw`-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?`;
const PATH_DATA = new RegExp(String.raw`^(?:\s*[MLl]\s*${NUMBER}(?:[\s,]+|(?=-))${NUMBER}\s*)+$`);
const VIEW_BOX = new RegExp(
  String.raw`\bviewBox="\s*(${NUMBER})[\s,]+(${NUMBER})[\s,]+(${NUMBER})[\s,]+(${NUMBER})\s*"`,
);
const STROKE_WIDTH = new RegExp(String.raw`\bstroke-width="(${NUMBER})"`);
const ELEMENT = /<\s*\/?\s*([a-zA-Z]+)/g;

function refuse(why: string): never {
  throw new ContractFailure('BAD_REQUEST', `signature.svg: ${why}`);
}

/** The drawing in a signature SVG made by the station; a BAD_REQUEST failure for anything else. */
export function parseSignatureSvg(svg: string): SignatureDrawing {
  for (const [, name] of svg.matchAll(ELEMENT)) {
    if (name !== 'svg' && name !== 'g' && name !== 'path') refuse(`unexpected element <${name}>`);
  }
  const box = VIEW_BOX.exec(svg);
  if (!box) refuse('no viewBox');
  const viewBox = [Number(box[1]), Number(box[2]), Number(box[3]), Number(box[4])] as const;
  if (!viewBox.every(Number.isFinite) || viewBox[2] <= 0 || viewBox[3] <= 0) refuse('an empty viewBox');
  const width = Number(STROKE_WIDTH.exec(svg)?.[1] ?? Math.max(viewBox[2], viewBox[3]) / 200);
  const paths = [...svg.matchAll(/<path\b([^>]*)>/g)].map(([, attributes]) => {
    const data = /\bd="([^"]*)"/.exec(attributes ?? '')?.[1];
    if (data === undefined || !PATH_DATA.test(data)) refuse('a path that is not a signature stroke');
    return data;
  });
  return { viewBox, strokeWidth: Number.isFinite(width) && width > 0 ? width : 1, paths };
}

/** Draws the strokes into the box, keeping their proportions, centred. */
export function drawSignature(
  doc: PDFKit.PDFDocument,
  drawing: SignatureDrawing,
  box: { x: number; y: number; width: number; height: number },
): void {
  const [minX, minY, width, height] = drawing.viewBox;
  const scale = Math.min(box.width / width, box.height / height);
  const left = box.x + (box.width - width * scale) / 2;
  const top = box.y + (box.height - height * scale) / 2;
  doc.save();
  doc.translate(left, top).scale(scale).translate(-minX, -minY);
  doc.lineWidth(drawing.strokeWidth).lineCap('round').lineJoin('round').strokeColor('black');
  for (const data of drawing.paths) doc.path(data).stroke();
  doc.restore();
}
