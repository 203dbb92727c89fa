/**
 * Documents (`BENCH_ONLY=documents`): the station renders the visitor's summary PDF — 20 answers,
 * a signature and a QR code, in large print — 50 times after 5 that warm up (the first loads
 * pdfkit and the font). Goal: p95 ≤ 300 ms, the pause a clerk accepts after "Drukuj podsumowanie".
 */
import { renderDocument } from '../../electron/station/documents/render';
import { summary } from '../support/documents/summary';

export const DOCUMENT_RUNS = Number(process.env.BENCH_DOCUMENT_RUNS ?? 50);
const WARM_UP = 5;

export interface DocumentsBench {
  readonly samples: number[];
  readonly pages: number;
  readonly bytes: number;
}

export async function runDocumentsBench(): Promise<DocumentsBench> {
  const document = summary({ signature: true, qr: true });
  const samples: number[] = [];
  let last = await renderDocument(document);
  for (let run = 0; run < WARM_UP + DOCUMENT_RUNS; run++) {
    const start = performance.now();
    last = await renderDocument(document);
    if (run >= WARM_UP) samples.push(performance.now() - start);
  }
  return { samples, pages: last.pages, bytes: last.bytes };
}
