/**
 * A document the station prints for a visitor at the end of an assisted e-service: the summary
 * (large print, to take home), the application to sign by hand, or a short slip; or a supervisor's
 * report (tables and bars of figures, renderer/apps/reports/report-document.ts). The renderer
 * composes every word in the visitor's language (it has the translations); the station only lays
 * the words out on A4 and returns the PDF (electron/station/documents/).
 *
 * The reply's `sha256` is over the document's content — everything but `signature` — so the
 * renderer can ask for it first, bind the visitor's signature to it, and render again with the
 * signature: the hash stays the same.
 */
import { z } from 'zod';

/** A heading, a label, a caption: one line of words, wrapped if need be. */
const line = z.string().max(200);
/** An answer or a sentence. */
const text = z.string().max(2000);

export const DOCUMENT_KINDS = ['summary', 'application', 'slip', 'report'] as const;

export const DocumentRowSchema = z.object({ label: line, value: text }).strict();

/** A table of figures (a report's): headings, then rows of as many cells, each a short text. */
export const DocumentTableSchema = z
  .object({
    columns: z.array(line).min(1).max(14),
    rows: z.array(z.array(z.string().max(200)).max(14)).max(500),
  })
  .strict()
  .refine((table) => table.rows.every((row) => row.length === table.columns.length), {
    message: 'every row has a cell per column',
  });

/** Horizontal bars, each with its label and its value in words beside it (a report's chart). */
export const DocumentBarSchema = z.object({ label: line, value: z.number().min(0).max(1e12), text: line }).strict();

export const DocumentSectionSchema = z
  .object({
    heading: line,
    /** Label / value pairs: the visitor's answers. */
    rows: z.array(DocumentRowSchema).max(80).optional(),
    paragraphs: z.array(z.string().max(4000)).max(30).optional(),
    /** A bulleted list. */
    items: z.array(text).max(60).optional(),
    /** Things to do or bring, each with an empty box to tick by hand. */
    checklist: z.array(text).max(60).optional(),
    /** Bars drawn to the largest value, before the table. */
    bars: z.array(DocumentBarSchema).max(48).optional(),
    table: DocumentTableSchema.optional(),
  })
  .strict();

export const PrintableDocumentSchema = z
  .object({
    kind: z.enum(DOCUMENT_KINDS),
    language: z.enum(['pl', 'en', 'uk']),
    title: line.min(1),
    subtitle: z.string().max(300).optional(),
    /** The session's reference code (`K7M3-Q9XT`), printed large at the top of every page. */
    reference: z.string().min(1).max(40),
    /** The words before the reference ("Numer sprawy"); without them the code stands alone. */
    referenceLabel: z.string().max(60).optional(),
    sections: z.array(DocumentSectionSchema).max(40),
    signature: z
      .object({
        /**
         * The SVG the station's signature capture returned (`signature.capture`,
         * `signature.fromScreen`): only its paths are drawn. Absent: an empty box to sign by hand.
         */
        svg: z.string().max(1_000_000).optional(),
        caption: line,
      })
      .strict()
      .optional(),
    /** A QR code, e.g. the link to follow the matter online, with a caption beside it. */
    qr: z
      .object({ text: z.string().min(1).max(1000), caption: line })
      .strict()
      .optional(),
    footer: z.object({ lines: z.array(z.string().max(300)).max(10) }).strict(),
    /** The words before the content hash on the last page, e.g. "Skrót dokumentu (SHA-256)". */
    hashLabel: z.string().min(1).max(80),
    /**
     * When the document was made (ISO 8601), written as the PDF's creation date. Part of the
     * content, so the second render (with the signature) passes the same one. The station never
     * reads its own clock for it: the same document always gives the same bytes (absent, the PDF
     * says 2000-01-01, a date pdfkit cannot leave out).
     */
    at: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
export type PrintableDocument = z.infer<typeof PrintableDocumentSchema>;
export type PrintableDocumentInput = z.input<typeof PrintableDocumentSchema>;

export const RenderedDocumentSchema = z.object({
  /** The PDF, base64. */
  pdf: z.base64(),
  /** SHA-256 (hex) over the canonical JSON of the document without its signature. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  pages: z.number().int().positive(),
  bytes: z.number().int().positive(),
});
export type RenderedDocument = z.infer<typeof RenderedDocumentSchema>;

/** A rendered PDF to print through the system's print dialog (Electron only; a browser prints it itself). */
export const PrintRequestSchema = z.object({ pdf: z.base64().max(20_000_000) }).strict();
/** Where the station spooled it for the shell to open and print (then it is deleted). */
export const PrintSpoolSchema = z.object({ file: z.string() });
