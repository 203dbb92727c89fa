/** The blocks of a printable document, each drawn onto the flow: header, sections, signature, footer. */
import type { PrintableDocument } from '../../common/contract/documents';
import { TYPE, type Flow } from './layout';
import { drawQr } from './qr';
import { drawSignature, type SignatureDrawing } from './signature';
import { drawBars, drawTable } from './table';

type Section = PrintableDocument['sections'][number];

/** The reference in a framed band at the very top, then the title and the subtitle. */
export function drawHeader(flow: Flow, document: PrintableDocument): void {
  const { doc } = flow;
  const padding = 8;
  const top = flow.y;
  const size = TYPE.reference;
  doc.fontSize(size);
  const x = flow.left + padding + 4;
  const options = { width: flow.width - 2 * padding - 4, lineGap: 0 };
  if (document.referenceLabel) {
    doc.font('regular').text(`${document.referenceLabel}: `, x, top + padding, { ...options, continued: true });
    doc.font('bold').text(document.reference);
  } else {
    doc.font('bold').text(document.reference, x, top + padding, options);
  }
  const bottom = doc.y + padding - 2;
  doc
    .save()
    .rect(flow.left, top, flow.width, bottom - top)
    .lineWidth(2)
    .strokeColor('black')
    .stroke()
    .restore();
  flow.y = bottom + 12;
  flow.y = flow.text(document.title, { size: TYPE.title, face: 'bold' });
  if (document.subtitle) flow.y = flow.text(document.subtitle, { size: TYPE.subtitle }) + 2;
  flow.gap(6);
  flow.rule();
  flow.gap(10);
}

export function drawSection(flow: Flow, section: Section): void {
  const heading = { size: TYPE.heading, face: 'bold' } as const;
  // A heading is never left alone at the foot of a page.
  flow.ensure(flow.heightOf(section.heading, heading) + 2 * TYPE.body * 1.6);
  flow.y = flow.text(section.heading, heading) + 6;
  for (const row of section.rows ?? []) drawRow(flow, row.label, row.value);
  if (section.rows?.length) flow.gap(4);
  for (const paragraph of section.paragraphs ?? []) {
    flow.ensure(Math.min(flow.heightOf(paragraph, { size: TYPE.body }), TYPE.body * 3 * 1.6));
    flow.y = flow.text(paragraph, { size: TYPE.body }) + 8;
  }
  for (const item of section.items ?? []) drawMarked(flow, item, 'bullet');
  for (const item of section.checklist ?? []) drawMarked(flow, item, 'box');
  if (section.bars?.length) drawBars(flow, section.bars);
  if (section.table) drawTable(flow, section.table);
  flow.gap(10);
}

/** A label and its value side by side (40 % / 60 %), a light line under them. */
function drawRow(flow: Flow, label: string, value: string): void {
  const gutter = 14;
  const labelWidth = Math.round(flow.width * 0.4) - gutter;
  const labelStyle = { size: TYPE.body, face: 'bold', width: labelWidth } as const;
  const valueStyle = { size: TYPE.body, indent: labelWidth + gutter } as const;
  flow.ensure(Math.max(flow.heightOf(label, labelStyle), Math.min(flow.heightOf(value, valueStyle), 200)) + 8);
  const top = flow.y;
  const page = flow.pageIndex;
  const labelBottom = flow.text(label, labelStyle, top);
  const valueBottom = flow.text(value || '—', valueStyle, top);
  // A value too long for the page ran on to the next one: go on below it there.
  flow.y = (flow.pageIndex === page ? Math.max(labelBottom, valueBottom) : valueBottom) + 3;
  flow.rule(0.5, '#9a9a9a');
  flow.gap(4);
}

/** A list item after a bullet, or a checklist item after an empty box to tick. */
function drawMarked(flow: Flow, text: string, mark: 'bullet' | 'box'): void {
  const indent = 28;
  const style = { size: TYPE.body, indent } as const;
  flow.ensure(Math.min(flow.heightOf(text, style), TYPE.body * 3 * 1.6) + 6);
  const top = flow.y;
  const { doc } = flow;
  if (mark === 'box') {
    const side = TYPE.body * 0.95;
    doc
      .save()
      .rect(flow.left + 2, top + 2.5, side, side)
      .lineWidth(1.4)
      .strokeColor('black')
      .stroke()
      .restore();
  } else {
    doc
      .save()
      .circle(flow.left + 9, top + TYPE.body * 0.68, 3)
      .fill('black')
      .restore();
  }
  flow.y = flow.text(text, style, top) + (mark === 'box' ? 7 : 4);
}

/** The height of the space to sign in, and the side of the QR code, in points. */
export const SIGNATURE_HEIGHT = 88;
export const QR_SIDE = 104;
/** The QR code's column at the right, with its caption centred under it. */
const QR_COLUMN = 170;

/** The signature (drawn, or an empty line to sign by hand) on the left, the QR code on the right. */
export function drawSignatureAndQr(flow: Flow, document: PrintableDocument, signature?: SignatureDrawing): void {
  const { qr } = document;
  if (!document.signature && !qr) return;
  const signatureWidth = Math.min(300, flow.width - (qr ? QR_COLUMN : 0) - 24);
  const caption = (text: string, width: number) => flow.heightOf(text, { size: TYPE.body, width });
  const heights = [
    document.signature ? SIGNATURE_HEIGHT + 6 + caption(document.signature.caption, signatureWidth) : 0,
    qr ? QR_SIDE + 4 + caption(qr.caption, QR_COLUMN) : 0,
  ];
  const height = Math.max(...heights);
  flow.ensure(height + 8);
  const top = flow.y;
  if (document.signature) drawSignatureBlock(flow, document.signature.caption, signature, top, signatureWidth);
  if (qr) {
    drawQr(flow.doc, qr.text, flow.left + flow.width - QR_COLUMN + (QR_COLUMN - QR_SIDE) / 2, top, QR_SIDE);
    const style = { size: TYPE.body, indent: flow.width - QR_COLUMN, width: QR_COLUMN, align: 'center' } as const;
    flow.text(qr.caption, style, top + QR_SIDE + 4);
  }
  flow.y = top + height + 12;
}

/** The strokes above a line, or the line alone for a pen; the caption under it. */
function drawSignatureBlock(
  flow: Flow,
  caption: string,
  signature: SignatureDrawing | undefined,
  top: number,
  width: number,
): void {
  const { doc } = flow;
  const line = top + SIGNATURE_HEIGHT;
  if (signature) drawSignature(doc, signature, { x: flow.left, y: top + 4, width, height: SIGNATURE_HEIGHT - 8 });
  doc.save();
  doc
    .moveTo(flow.left, line)
    .lineTo(flow.left + width, line)
    .lineWidth(1)
    .strokeColor('black')
    .stroke();
  doc.restore();
  flow.text(caption, { size: TYPE.body, width }, line + 6);
}

/** The footer's lines, then the content hash: the last thing on the last page. */
export function drawFooterAndHash(flow: Flow, document: PrintableDocument, sha256: string): void {
  const hashLine = `${document.hashLabel}: ${sha256}`;
  const footerHeight = document.footer.lines.reduce((sum, line) => sum + flow.heightOf(line, { size: TYPE.body }), 0);
  flow.ensure(footerHeight + flow.heightOf(hashLine, { size: TYPE.small }) + 16);
  flow.rule();
  flow.gap(8);
  for (const line of document.footer.lines) flow.y = flow.text(line, { size: TYPE.body });
  flow.gap(8);
  flow.y = flow.text(hashLine, { size: TYPE.small });
}

/** On a document of more than one page: the reference and "n/N" at the foot of every page. */
export function stampPages(flow: Flow, reference: string): void {
  const { doc } = flow;
  const range = doc.bufferedPageRange();
  if (range.count < 2) return;
  for (let index = range.start; index < range.start + range.count; index++) {
    doc.switchToPage(index);
    // Below the bottom margin: pdfkit would otherwise start a new page for it.
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('regular')
      .fontSize(TYPE.small)
      .text(`${reference} · ${index - range.start + 1}/${range.count}`, flow.left, doc.page.height - 34, {
        width: flow.width,
        align: 'right',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottomMargin;
  }
}
