/**
 * Large-print A4 layout over a pdfkit document: a flow from the top of the page down, which starts
 * a new page when a block would not fit. Body text is 14 pt with generous line spacing, headings
 * larger and bold, everything black on white (the visitor may read it at home, with poor sight).
 */

/** Type sizes in points. Body text is never below 14 pt; only the hash and page numbers are 12 pt. */
export const TYPE = {
  reference: 20,
  title: 24,
  subtitle: 16,
  heading: 18,
  body: 14,
  small: 12,
} as const;

/** Extra space between the lines of one paragraph, as a fraction of the type size. */
const LINE_GAP = 0.25;

/** A4 in points, and the margins (about 17 mm at the sides). */
export const PAGE = { size: 'A4', width: 595.28, height: 841.89, margin: 48, top: 44, bottom: 52 } as const;

export type Face = 'regular' | 'bold';

export interface TextStyle {
  readonly size: number;
  readonly face?: Face;
  /** From the left margin. */
  readonly indent?: number;
  /** Defaults to the rest of the line from the indent. */
  readonly width?: number;
  readonly align?: 'left' | 'right' | 'center';
}

export class Flow {
  readonly doc: PDFKit.PDFDocument;

  constructor(doc: PDFKit.PDFDocument) {
    this.doc = doc;
    this.doc.y = PAGE.top;
  }

  get left(): number {
    return PAGE.margin;
  }

  /** The page's own size: a report's pages lie in landscape (render.ts). */
  get width(): number {
    return this.doc.page.width - 2 * PAGE.margin;
  }

  get y(): number {
    return this.doc.y;
  }

  set y(value: number) {
    this.doc.y = value;
  }

  /** The lowest point text may reach on this page. */
  get bottom(): number {
    return this.doc.page.height - PAGE.bottom;
  }

  /** Starts a new page unless `height` points still fit on this one. */
  ensure(height: number): void {
    if (this.y + height > this.bottom && this.y > PAGE.top) {
      this.doc.addPage();
      this.y = PAGE.top;
    }
  }

  gap(points: number): void {
    this.y += points;
  }

  #use(style: TextStyle): { x: number; options: PDFKit.Mixins.TextOptions } {
    this.doc.font(style.face ?? 'regular').fontSize(style.size);
    const indent = style.indent ?? 0;
    const width = style.width ?? this.width - indent;
    return { x: this.left + indent, options: { width, lineGap: style.size * LINE_GAP, align: style.align ?? 'left' } };
  }

  heightOf(text: string, style: TextStyle): number {
    const { options } = this.#use(style);
    return this.doc.heightOfString(text, options);
  }

  /** Writes the text at the flow's position (it runs on to a new page if it must); returns its bottom. */
  text(text: string, style: TextStyle, y = this.y): number {
    const { x, options } = this.#use(style);
    this.doc.text(text, x, y, options);
    return this.doc.y;
  }

  /** A thin line across the page at the flow's position. */
  rule(weight = 0.75, colour = '#555555'): void {
    this.doc
      .save()
      .moveTo(this.left, this.y)
      .lineTo(this.left + this.width, this.y)
      .lineWidth(weight)
      .strokeColor(colour)
      .stroke()
      .restore();
  }

  /** The page the flow is on (pages are buffered, so later ones may be revisited). */
  get pageIndex(): number {
    const range = this.doc.bufferedPageRange();
    return range.start + range.count - 1;
  }
}
