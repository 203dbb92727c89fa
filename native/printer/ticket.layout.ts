/**
 * The queue ticket on paper, as ESC/POS bytes. Encoding is done by
 * `@point-of-sale/receipt-printer-encoder`, which carries per-model code page tables we would
 * otherwise have to maintain; this file only decides what goes on the ticket and in which code
 * page. Runs anywhere. The completion fence is not part of the layout: the driver adds it, so a
 * reprint gets a fresh one.
 */
import ReceiptPrinterEncoder, { type ReceiptPrinterEncoderOptions } from '@point-of-sale/receipt-printer-encoder';
import { fitToCodepages, latinizeCyrillic, transliterate, type Codepage, type PrinterFirmware } from './escpos.codec';
import type { TicketLayoutInput } from './ticket-printer';

/** A printer the encoder has no table for: laid out with Epson's code page numbers. */
export const GENERIC_PRINTER_MODEL = 'generic';

type EncoderOptions = ReceiptPrinterEncoderOptions;
type PrinterModel = NonNullable<EncoderOptions['printerModel']>;

/**
 * Clones with no model of their own in the encoder, by the firmware whose `ESC t` numbers they
 * follow. Zjiang's table is the encoder's POS-5890 one (CP852 = 18, WPC1250 = 72); Rongta's is
 * written out here (CP852 = 18, WPC1250 = 30) and has no Cyrillic page we can vouch for, so
 * Cyrillic is romanised there.
 */
const GENERIC_FAMILIES: Readonly<
  Record<
    string,
    { readonly firmware: PrinterFirmware; readonly codepageMapping: NonNullable<EncoderOptions['codepageMapping']> }
  >
> = {
  [GENERIC_PRINTER_MODEL]: { firmware: 'epson', codepageMapping: 'epson' },
  'generic-zjiang': { firmware: 'zjiang', codepageMapping: 'pos-5890' },
  'generic-xprinter': { firmware: 'xprinter', codepageMapping: 'xprinter' },
  'generic-rongta': { firmware: 'rongta', codepageMapping: { cp437: 0, cp852: 18, windows1250: 30 } },
};

/**
 * The firmware family whose code page numbers are known for a model (`PRINTER_FIRMWARES`), when it
 * is one of them; the simulator decodes with that family's table.
 */
export function printerFirmware(model: string): PrinterFirmware | undefined {
  const family = GENERIC_FAMILIES[model];
  if (family) return family.firmware;
  if (model.startsWith('epson-')) return 'epson';
  if (model === 'pos-5890' || model === 'pos-8360') return 'zjiang';
  if (model.startsWith('xprinter-')) return 'xprinter';
  if (model.startsWith('star-') && ReceiptPrinterEncoder.printerModels.some((known) => known.id === model)) {
    return new ReceiptPrinterEncoder({ printerModel: model as PrinterModel }).language === 'star-line'
      ? 'star-line'
      : undefined;
  }
  return undefined;
}

/** Characters per line the encoder accepts (font A): 58 mm paper is 32, 80 mm is 42 or 48. */
export const PAPER_COLUMNS: readonly number[] = [32, 35, 42, 44, 48];

export interface TicketLayoutOptions {
  /** An encoder printer model id (`epson-tm-t20iii`, …) or `generic`. */
  readonly model: string;
  readonly columns: number;
  /** Overrides the code page for Latin text (default: the first of CP852, WPC1250, ISO 8859-2 the model has). */
  readonly latinCodepage?: Codepage | undefined;
  /** Overrides the code page for Cyrillic text, or `latin` to romanise it. */
  readonly cyrillicCodepage?: Codepage | 'latin' | undefined;
}

/** The models `layoutTicket` accepts: `generic`, the generic clone families, and the encoder's ESC/POS models. */
export function supportedPrinterModels(): string[] {
  const escPos = ReceiptPrinterEncoder.printerModels
    .map((model) => model.id)
    .filter((id) => new ReceiptPrinterEncoder({ printerModel: id as PrinterModel }).language === 'esc-pos');
  return [...Object.keys(GENERIC_FAMILIES), ...escPos];
}

function encoderOptions(model: string, columns: number): EncoderOptions {
  if (!PAPER_COLUMNS.includes(columns)) {
    throw new RangeError(`A ticket is ${PAPER_COLUMNS.join(', ')} columns wide, not ${columns}`);
  }
  const family = GENERIC_FAMILIES[model];
  if (family) {
    // Most office printers that are not Epsons are Epson-compatible clones; four lines is the
    // usual distance from the print head to the cutter, so the last line is not cut through.
    return { language: 'esc-pos', codepageMapping: family.codepageMapping, columns, feedBeforeCut: 4 };
  }
  if (!ReceiptPrinterEncoder.printerModels.some((known) => known.id === model)) {
    throw new RangeError(`Unknown printer model "${model}"; use one of supportedPrinterModels()`);
  }
  const options: EncoderOptions = { printerModel: model as PrinterModel, columns };
  if (new ReceiptPrinterEncoder(options).language !== 'esc-pos') {
    // The driver speaks ESC/POS (status, fence); a Star in its native mode would not answer.
    throw new RangeError(
      `Printer model "${model}" does not speak ESC/POS; set it to ESC/POS emulation and choose "generic"`,
    );
  }
  return options;
}

// Polish first: CP852 is the preferred page for Polish, and nearly every ESC/POS printer has it.
// CP437 is the last resort every ESC/POS printer has; Polish letters then lose their accents.
const LATIN_PAGES: readonly Codepage[] = ['cp852', 'windows1250', 'epson/iso8859-2', 'iso8859-2', 'cp437'];

// Cyrillic (Ukrainian visitors are the common case): WPC1251 first because it covers Ukrainian,
// Russian and Belarusian and is in the tables of Epson and of most clones (Xprinter, POS-58/80,
// HP, Bixolon); CP1125 is the Ukrainian DOS page on Epsons; CP866 and CP855 lack і/ї/є/ґ, so they
// are chosen only when the text happens not to need those letters. A page is taken only if it
// covers every Cyrillic letter on the ticket; otherwise the text is romanised, because a ticket
// in Latin letters is readable and one full of `?` is not.
const CYRILLIC_PAGES: readonly Codepage[] = ['windows1251', 'cp1125', 'cp866', 'cp855'];

function supportedPages(options: EncoderOptions, candidates: readonly Codepage[]): Codepage[] {
  const probe = new ReceiptPrinterEncoder(options);
  return candidates.filter((page) => {
    try {
      probe.codepage(page);
      return true;
    } catch {
      return false;
    }
  });
}

interface CodepagePlan {
  readonly latin: Codepage;
  readonly cyrillic: Codepage | 'latin' | undefined;
}

function planCodepages(options: EncoderOptions, layout: TicketLayoutOptions, texts: readonly string[]): CodepagePlan {
  for (const page of [layout.latinCodepage, layout.cyrillicCodepage]) {
    // A page outside the model's table would make the encoder emit `ESC t undefined`.
    if (page && page !== 'latin' && supportedPages(options, [page]).length === 0) {
      throw new RangeError(`Printer model "${layout.model}" has no code page ${page}`);
    }
  }
  const latin = layout.latinCodepage ?? supportedPages(options, LATIN_PAGES)[0];
  if (!latin) throw new RangeError('The printer model has no code page for Latin text');

  const cyrillicLetters = [...new Set(texts.join('').match(/\p{Script=Cyrillic}/gu) ?? [])].join('');
  if (cyrillicLetters.length === 0) return { latin, cyrillic: undefined };
  if (layout.cyrillicCodepage) return { latin, cyrillic: layout.cyrillicCodepage };

  const covering = supportedPages(options, CYRILLIC_PAGES).find(
    (page) => fitToCodepages(cyrillicLetters, [page]) === cyrillicLetters,
  );
  return { latin, cyrillic: covering ?? 'latin' };
}

/** Builds an encoder whose automatic code page choice is limited to the plan's pages. */
function createEncoder(
  layout: TicketLayoutOptions,
  texts: readonly string[],
): { encoder: ReceiptPrinterEncoder; prepare: (text: string) => string } {
  const options = encoderOptions(layout.model, layout.columns);
  const transliterated = texts.map(transliterate);
  const plan = planCodepages(options, layout, transliterated);
  const pages = plan.cyrillic && plan.cyrillic !== 'latin' ? [plan.latin, plan.cyrillic] : [plan.latin];
  const romanise = plan.cyrillic === 'latin';
  const encoder = new ReceiptPrinterEncoder({ ...options, codepageCandidates: pages });
  const prepare = (text: string): string => {
    const plain = transliterate(text);
    return fitToCodepages(romanise ? latinizeCyrillic(plain) : plain, pages);
  };
  return { encoder, prepare };
}

/** The QR store command carries bytes as ASCII; a URL with other characters is percent-encoded. */
function qrPayload(data: string): string {
  return data.replace(/[^\x20-\x7e]/gu, (char) => encodeURIComponent(char));
}

/** The biggest character size (1..6) at which the number still fits on one line. */
function numberSize(number: string, columns: number): number {
  return Math.max(1, Math.min(6, Math.floor(columns / Math.max(1, [...number].length))));
}

/** The encoder ends with a line feed after the cut; dropping it saves a blank line on the next ticket. */
function withoutFeedAfterCut(bytes: Uint8Array): Uint8Array {
  const n = bytes.length;
  const endsWithCutThenNewline =
    n >= 5 && bytes[n - 5] === 0x1d && bytes[n - 4] === 0x56 && bytes[n - 2] === 0x0a && bytes[n - 1] === 0x0d;
  return endsWithCutThenNewline ? bytes.slice(0, n - 2) : bytes;
}

/**
 * The ticket: office, service, the number very large, when it was issued, the extra lines, a QR
 * code to follow the queue on a phone, a note, then a partial cut (a partial cut leaves the ticket
 * hanging so the next visitor does not find it on the floor).
 */
export function layoutTicket(input: TicketLayoutInput, options: TicketLayoutOptions): Uint8Array {
  const texts = [
    input.office,
    input.service,
    input.number,
    input.issued,
    ...input.lines,
    input.note ?? '',
    input.duplicate ?? '',
  ];
  const { encoder, prepare } = createEncoder(options, texts);

  encoder.initialize().codepage('auto').align('center');
  encoder.bold(true).line(prepare(input.office)).bold(false);
  encoder.line(prepare(input.service));
  encoder.newline();

  if (input.duplicate) {
    encoder.bold(true).size(2, 2).line(prepare(input.duplicate)).size(1, 1).bold(false);
  }

  const number = prepare(input.number);
  const size = numberSize(number, options.columns);
  encoder.bold(true).size(size, size).line(number).size(1, 1).bold(false);
  encoder.newline();

  encoder.line(prepare(input.issued));
  for (const line of input.lines) encoder.line(prepare(line));

  if (input.qr) {
    encoder.newline().qrcode(qrPayload(input.qr), { model: 2, size: options.columns >= 42 ? 6 : 4, errorlevel: 'm' });
  }
  if (input.note) encoder.newline().line(prepare(input.note));

  encoder.cut('partial');
  return withoutFeedAfterCut(encoder.encode());
}

/** Every Polish letter, small then capital: the line a self-test page must print right. */
export const POLISH_LETTERS = 'ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ';

/** The `ESC t` number the model's table gives `page`; the encoder decides, this reads it back. */
export function codepageNumber(options: Pick<TicketLayoutOptions, 'model' | 'columns'>, page: Codepage): number {
  const encoderOpts = encoderOptions(options.model, options.columns);
  const probe = new ReceiptPrinterEncoder({ ...encoderOpts, codepageCandidates: [page] });
  let bytes: Uint8Array;
  try {
    bytes = probe.codepage(page).text('A').encode();
  } catch {
    throw new RangeError(`Printer model "${options.model}" has no code page ${page}`);
  }
  for (let i = 0; i + 2 < bytes.length; i++) {
    const n = bytes[i + 2];
    if (bytes[i] === 0x1b && bytes[i + 1] === 0x74 && n !== undefined) return n;
  }
  throw new RangeError(`Printer model "${options.model}" has no code page ${page}`);
}

/** The Latin code page a model's tickets use: the configured one, else the first of CP852, WPC1250, ISO 8859-2, CP437. */
export function latinCodepage(options: TicketLayoutOptions): Codepage {
  return planCodepages(encoderOptions(options.model, options.columns), options, []).latin;
}

/**
 * What to send after every (re)connect: `ESC @` (with the encoder's font and Kanji reset) and the
 * model's Latin code page, so a printer that was power-cycled or left in another page by someone
 * else is back where tickets expect it. Every ticket starts the same way; this covers the
 * printer's idle time, and is harmless twice.
 */
export function layoutInit(options: TicketLayoutOptions): Uint8Array {
  const encoder = new ReceiptPrinterEncoder(encoderOptions(options.model, options.columns));
  const reset = encoder.initialize().encode();
  const select = Uint8Array.of(0x1b, 0x74, codepageNumber(options, latinCodepage(options)));
  const bytes = new Uint8Array(reset.length + select.length);
  bytes.set(reset);
  bytes.set(select, reset.length);
  return bytes;
}

/**
 * A page to check a printer's settings from the service screen: it names the code pages chosen
 * for the model and their `ESC t` numbers, then every Polish letter (they must come out right),
 * then a Cyrillic line (shows whether the model's Cyrillic page works) and typography CP852 lacks.
 */
export function layoutSelfTestPage(options: TicketLayoutOptions, title = 'Okienko - test drukarki'): Uint8Array {
  const polish = POLISH_LETTERS;
  const pangram = 'Zażółć gęślą jaźń';
  const ukrainian = 'Гей, хлопці, бійці ґречні! Їжте ще цих м’яких булок';
  const typography = '„cudzysłów” – półpauza … 10 €';
  const texts = [title, polish, pangram, ukrainian, typography];
  const plan = planCodepages(encoderOptions(options.model, options.columns), options, texts.map(transliterate));
  const pages = [plan.latin, ...(plan.cyrillic && plan.cyrillic !== 'latin' ? [plan.cyrillic] : [])];
  const pageLine = pages.map((page) => `${page} = ESC t ${codepageNumber(options, page)}`).join(', ');
  const { encoder, prepare } = createEncoder(options, texts);
  encoder.initialize().codepage('auto').align('left');
  encoder.bold(true).line(prepare(title)).bold(false);
  encoder.line(`model: ${options.model}, ${options.columns} col.`);
  encoder.line(`code pages: ${pageLine}${plan.cyrillic === 'latin' ? ', Cyrillic romanised' : ''}`);
  encoder.newline();
  encoder.line(prepare(polish));
  encoder.line(prepare(pangram));
  encoder.line(prepare(ukrainian));
  encoder.line(prepare(typography));
  encoder.newline();
  encoder.size(2, 2).line('A012').size(1, 1);
  encoder.cut('partial');
  return withoutFeedAfterCut(encoder.encode());
}
