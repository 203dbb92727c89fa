/**
 * The visitor's documents as PDFs (electron/station/documents/), read back with Debian's
 * poppler-utils as a person's viewer would: the text with its Polish and Ukrainian letters, the
 * reference and the content hash (recomputed here on its own), the embedded font and the size of
 * the body text, the signature and the QR code on the rendered page, several pages for a long one.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PrintableDocumentSchema,
  RenderedDocumentSchema,
  type PrintableDocument,
} from '../../../electron/common/contract/documents';
import { ContractFailure } from '../../../electron/common/contract/result';
import { documentDigest, renderDocument } from '../../../electron/station/documents/render';
import { QR_SIDE } from '../../../electron/station/documents/sections';
import { POLISH, signatureSvg, summary, UKRAINIAN } from '../../support/documents/summary';
import { artifactsDir } from '../../support/processes';

const run = promisify(execFile);
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'okienko-documents-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The canonical JSON, written here apart from the station's: keys sorted at every level. */
function expectedDigest(document: PrintableDocument): string {
  const { signature: _signature, ...content } = document;
  const sorted = JSON.stringify(content, (_key, value: unknown) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  );
  return createHash('sha256').update(sorted, 'utf8').digest('hex');
}

async function rendered(document: PrintableDocument, name: string) {
  const reply = RenderedDocumentSchema.parse(await renderDocument(document));
  const file = path.join(dir, `${name}.pdf`);
  const pdf = Buffer.from(reply.pdf, 'base64');
  await writeFile(file, pdf);
  return { reply, file, pdf };
}

async function text(file: string, page?: number): Promise<string> {
  const pages = page ? ['-f', String(page), '-l', String(page)] : [];
  return (await run('pdftotext', ['-layout', ...pages, file, '-'])).stdout;
}

const words = (value: string) => value.replace(/\s+/g, ' ').trim();

/** Each word on page 1 with its type size: its box's height over the font's ascent + descent. */
async function wordSizes(file: string, pdf: Buffer): Promise<{ word: string; size: number }[]> {
  const ascent = Number(/\/Ascent (-?\d+)/.exec(pdf.toString('latin1'))?.[1]);
  const descent = Number(/\/Descent (-?\d+)/.exec(pdf.toString('latin1'))?.[1]);
  const { stdout } = await run('pdftotext', ['-bbox', '-f', '1', '-l', '1', file, '-']);
  return [...stdout.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)].map(
    ([, yMin, yMax, word]) => ({ word: word!, size: (Number(yMax) - Number(yMin)) / ((ascent - descent) / 1000) }),
  );
}

/** How many of the page's pixels are dark, from `pdftoppm -gray` (a PGM). */
async function darkPixels(file: string, name: string): Promise<number> {
  const out = path.join(dir, name);
  await run('pdftoppm', ['-gray', '-r', '60', '-f', '1', '-l', '1', '-singlefile', file, out]);
  const pgm = await readFile(`${out}.pgm`);
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.toString('latin1', 0, 40));
  if (!header) throw new Error('not a PGM');
  const pixels = pgm.subarray(header[0].length);
  return pixels.reduce((count, value) => count + (value < 128 ? 1 : 0), 0);
}

describe('a summary in large print', () => {
  it('carries the Polish and Ukrainian letters, the reference at the top and the content hash', async () => {
    const document = summary();
    const { reply, file } = await rendered(document, 'summary');
    const all = await text(file);
    for (const expected of [POLISH, UKRAINIAN, 'Zofia Żółkiewska-Łęcka', 'Przyjdź z tym wydrukiem', 'Łódź'])
      expect(words(all)).toContain(expected);
    const firstLines = all
      .split('\n')
      .filter((line) => line.trim())
      .slice(0, 2);
    expect(words(firstLines[0]!)).toBe('Numer sprawy: K7M3-Q9XT');
    expect(words(firstLines[1]!)).toBe('Podsumowanie wizyty');

    const hash = expectedDigest(document);
    expect(reply.sha256).toBe(hash);
    expect(documentDigest(document)).toBe(hash);
    const last = await text(file, reply.pages);
    expect(words(last)).toContain(`Skrót dokumentu (SHA-256): ${hash}`);
    expect(reply.bytes).toBe(Buffer.from(reply.pdf, 'base64').length);
    const info = (await run('pdfinfo', [file])).stdout;
    expect(info).toMatch(new RegExp(`^Pages:\\s+${reply.pages}$`, 'm'));
    expect(info).toMatch(/^Page size:\s+595\.28 x 841\.89 pts \(A4\)$/m);
  });

  it('embeds its own font (Noto Sans) and uses no standard PDF font', async () => {
    const { file } = await rendered(summary(), 'fonts');
    const fonts = (await run('pdffonts', [file])).stdout.trim().split('\n').slice(2);
    expect(fonts.map((line) => line.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual([
      'NotoSans-Bold',
      'NotoSans-Regular',
    ]);
    for (const line of fonts) expect(line).toMatch(/\byes\s+yes\s+yes\b/); // embedded, subset, ToUnicode
  });

  it('sets the body in 14 pt or more; only the hash and the page numbers are smaller', async () => {
    const document = summary();
    const { file, pdf } = await rendered(document, 'sizes');
    const sizes = await wordSizes(file, pdf);
    const size = (word: string) => sizes.find((entry) => entry.word === word)?.size;
    expect(size('Zofia')).toBeCloseTo(14, 1);
    expect(size('Podsumowanie')).toBeGreaterThan(20);
    expect(size('odpowiedzi')).toBeGreaterThan(16);
    const small = sizes.filter((entry) => entry.size < 13.95).map((entry) => entry.word);
    const allowed = new Set([...'Skrót dokumentu (SHA-256):'.split(' '), documentDigest(document), 'K7M3-Q9XT', '·']);
    expect(small.filter((word) => !allowed.has(word) && !/^\d+\/\d+$/.test(word))).toEqual([]);
  });

  it('keeps the same bytes for the same document, and writes its date', async () => {
    const document = summary({ signature: true, qr: true });
    const [first, second] = [await renderDocument(document), await renderDocument(document)];
    expect(second.pdf).toBe(first.pdf);
    const { file } = await rendered(document, 'dated');
    expect((await run('pdfinfo', ['-isodates', file])).stdout).toMatch(/^CreationDate:\s+2026-12-04T09:15:00Z$/m);
  });
});

describe('a signature and a QR code', () => {
  it('draws both on page 1 (saved as a picture in test-artifacts/documents/)', async () => {
    // Five answers: the whole summary, signature and QR code included, is on one page.
    const signed = summary({ signature: true, qr: true, answers: 5 });
    const { reply, file } = await rendered(signed, 'signed');
    expect(reply.pages).toBe(1);
    const out = await artifactsDir('documents');
    await run('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      file,
      path.join(out, 'summary-signed'),
    ]);
    const picture = path.join(out, 'summary-signed.png');
    expect((await stat(picture)).size).toBeGreaterThan(10_000);

    // The QR code adds its dark modules' area; the signature's strokes add ink beside an empty box.
    const unsigned = summary({ answers: 5 });
    const withQr = summary({ qr: true, answers: 5 });
    const emptyBox = { ...signed, signature: { caption: 'Podpis wnioskodawcy' } };
    const dark = {
      none: await darkPixels((await rendered(unsigned, 'none')).file, 'none'),
      qr: await darkPixels((await rendered(withQr, 'qr')).file, 'qr'),
      box: await darkPixels((await rendered(emptyBox, 'box')).file, 'box'),
      signed: await darkPixels(file, 'signed'),
    };
    const symbol = QRCode.create(signed.qr!.text, { errorCorrectionLevel: 'M' }).modules;
    const modules = [...symbol.data].filter(Boolean).length;
    const cellPixels = ((QR_SIDE / (symbol.size + 8)) * 60) / 72;
    expect(dark.qr - dark.none).toBeGreaterThan(modules * cellPixels ** 2 * 0.7);
    expect(dark.signed - dark.box).toBeGreaterThan(150);
  });

  it('leaves the content hash as it was, so a signature can be bound to it', async () => {
    const plain = summary({ qr: true });
    const signed = { ...plain, signature: { svg: signatureSvg(), caption: 'Podpis wnioskodawcy' } };
    const [before, after] = [await renderDocument(plain), await renderDocument(signed)];
    expect(after.sha256).toBe(before.sha256);
    expect(after.pdf).not.toBe(before.pdf);
  });

  it('refuses an SVG that is not a signature the station drew', async () => {
    const svg = (body: string) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">${body}</svg>`;
    for (const bad of [
      svg('<script>alert(1)</script><path d="M1 1L2 2"/>'),
      svg('<path d="M1 1C2 2 3 3 4 4"/>'),
      svg('<image href="file:///etc/passwd"/>'),
      '<svg><path d="M1 1L2 2"/></svg>',
    ]) {
      const document = { ...summary(), signature: { svg: bad, caption: 'Podpis' } };
      await expect(renderDocument(document), bad).rejects.toBeInstanceOf(ContractFailure);
      await expect(renderDocument(document), bad).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    }
  });
});

describe('a long document', () => {
  it('runs on over several pages, numbered, with the hash on the last one only', async () => {
    const document = summary({ signature: true, qr: true, extraSections: 8 });
    const { reply, file } = await rendered(document, 'long');
    expect(reply.pages).toBeGreaterThan(2);
    const hashLine = `Skrót dokumentu (SHA-256): ${reply.sha256}`;
    for (let page = 1; page <= reply.pages; page++) {
      const onPage = words(await text(file, page));
      expect(onPage).toContain(`K7M3-Q9XT · ${page}/${reply.pages}`);
      if (page < reply.pages) expect(onPage).not.toContain(reply.sha256);
      else expect(onPage).toContain(hashLine);
    }
  });

  it('renders a slip on one page, and an application with an empty line to sign by hand', async () => {
    const slip = PrintableDocumentSchema.parse({
      kind: 'slip',
      language: 'uk',
      title: 'Продовжити пізніше',
      reference: 'K7M3-Q9XT',
      sections: [{ heading: 'Що далі', items: ['Покажіть цей код у будь-якому віконці.'] }],
      footer: { lines: [] },
      hashLabel: 'Хеш документа (SHA-256)',
    });
    const { reply, file } = await rendered(slip, 'slip');
    expect(reply.pages).toBe(1);
    expect(words(await text(file))).toContain('Покажіть цей код у будь-якому віконці.');
    const application = { ...summary(), kind: 'application' as const, signature: { caption: 'Czytelny podpis' } };
    const signedByHand = await rendered(application, 'application');
    expect(words(await text(signedByHand.file))).toContain('Czytelny podpis');
  });
});
