/**
 * Renders a printable document (electron/common/contract/documents.ts) to an A4 PDF in large
 * print, with pdfkit and an embedded Noto Sans (fonts.ts). The words come from the renderer; this
 * lays them out: the reference at the top, the sections, the signature and the QR code, the
 * footer, and on the last page the content hash.
 *
 * The output is deterministic: the same document gives the same bytes (the creation date is the
 * document's `at`, or a fixed one; pdfkit's file id derives from it; font subsets are named by order).
 */
import type PDFDocumentClass from 'pdfkit';
import type { PrintableDocument, RenderedDocument } from '../../common/contract/documents';
import { documentDigest } from './digest';
import { documentFonts } from './fonts';
import { Flow, PAGE } from './layout';
import { drawFooterAndHash, drawHeader, drawSection, drawSignatureAndQr, stampPages } from './sections';
import { parseSignatureSvg } from './signature';

export { canonicalJson, documentDigest } from './digest';

type PdfKitClass = typeof PDFDocumentClass;

let pdfkit: Promise<PdfKitClass> | undefined;

/**
 * pdfkit and its font engine (about 2 MB of code) load on the first document, not when the
 * station starts.
 */
function loadPdfKit(): Promise<PdfKitClass> {
  pdfkit ??= import('pdfkit').then((module) => module.default);
  return pdfkit;
}

/**
 * The creation date of a document given without `at`. pdfkit always writes one (in the info and
 * the XMP metadata, and derives the file id from it); a fixed one keeps the bytes the same for the
 * same document, where the station's clock would not.
 */
export const UNDATED = new Date(Date.UTC(2000, 0, 1));

async function newPdf(document: PrintableDocument): Promise<PDFKit.PDFDocument> {
  const [PDFDocument, fonts] = await Promise.all([loadPdfKit(), documentFonts()]);
  const pdf = new PDFDocument({
    size: PAGE.size,
    // A report's tables have ten columns of figures: across the long side of the sheet.
    layout: document.kind === 'report' ? 'landscape' : 'portrait',
    margins: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.margin, right: PAGE.margin },
    bufferPages: true,
    // pdfkit takes a font's bytes here too (its types say a name or path only); without one it
    // would load Helvetica, which has no Polish letters and is not in the Electron bundle.
    font: fonts.regular as unknown as string,
    lang: document.language,
    displayTitle: true,
    pdfVersion: '1.7',
    info: {
      Title: document.title,
      Subject: document.kind,
      Creator: 'Okienko',
      Producer: 'Okienko (pdfkit)',
      CreationDate: document.at ? new Date(document.at) : UNDATED,
    },
  });
  pdf.registerFont('regular', fonts.regular);
  pdf.registerFont('bold', fonts.bold);
  return pdf;
}

function collect(pdf: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
}

/** The document as a PDF, with its content hash; a BAD_REQUEST failure for a signature it cannot read. */
export async function renderDocument(document: PrintableDocument): Promise<RenderedDocument> {
  const sha256 = documentDigest(document);
  const signature = document.signature?.svg ? parseSignatureSvg(document.signature.svg) : undefined;
  const pdf = await newPdf(document);
  const bytes = collect(pdf);
  const flow = new Flow(pdf);
  drawHeader(flow, document);
  for (const section of document.sections) drawSection(flow, section);
  drawSignatureAndQr(flow, document, signature);
  drawFooterAndHash(flow, document, sha256);
  stampPages(flow, document.reference);
  const pages = pdf.bufferedPageRange().count;
  pdf.end();
  const data = await bytes;
  return { pdf: data.toString('base64'), sha256, pages, bytes: data.length };
}
