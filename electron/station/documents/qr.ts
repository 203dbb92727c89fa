/** A QR code drawn as filled squares, one per dark module, from `qrcode`'s module matrix. */
import QRCode from 'qrcode';

/** Modules of light margin around the symbol, as ISO/IEC 18004 asks. */
const QUIET_ZONE = 4;

/** The symbol for `text` (error correction M: survives a crease or a smudge on paper). */
export function qrModules(text: string): { size: number; dark: (row: number, column: number) => boolean } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  return { size: modules.size, dark: (row, column) => Boolean(modules.get(row, column)) };
}

/** Draws the code, quiet zone included, as a `side`-point square with its top-left at (x, y). */
export function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, side: number): void {
  const { size, dark } = qrModules(text);
  const cell = side / (size + 2 * QUIET_ZONE);
  doc.save();
  for (let row = 0; row < size; row++) {
    // A run of dark modules is one rectangle: no hairline seams between them in a viewer.
    for (let column = 0; column < size; column++) {
      if (!dark(row, column)) continue;
      const start = column;
      while (column + 1 < size && dark(row, column + 1)) column++;
      const top = y + (row + QUIET_ZONE) * cell;
      doc.rect(x + (start + QUIET_ZONE) * cell, top, (column - start + 1) * cell, cell);
    }
  }
  doc.fill('black');
  doc.restore();
}
