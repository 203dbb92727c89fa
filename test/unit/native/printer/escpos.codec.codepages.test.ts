import { describe, expect, it } from 'vitest';
import { createMemoryPortPair } from '../../../../native/port/memory-byte-port';
import { FIRMWARE_CODE_PAGES, encodeCodepageSelection, type Codepage } from '../../../../native/printer/escpos.codec';
import {
  PrinterSimulator,
  type PrinterSimulatorOptions,
  type SimulatedTicket,
} from '../../../../native/printer/ticket-printer.sim';
import {
  POLISH_LETTERS,
  codepageNumber,
  latinCodepage,
  layoutInit,
  layoutSelfTestPage,
  layoutTicket,
  printerFirmware,
  supportedPrinterModels,
} from '../../../../native/printer/ticket.layout';

// Written out here by hand rather than taken from any table in the code.
const CP852_POLISH = [
  0xa5, 0x86, 0xa9, 0x88, 0xe4, 0xa2, 0x98, 0xab, 0xbe, 0x20, 0xa4, 0x8f, 0xa8, 0x9d, 0xe3, 0xe0, 0x97, 0x8d, 0xbd,
];

function indexOf(haystack: Uint8Array, needle: readonly number[]): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** Runs bytes through a simulated printer and returns what came out. */
async function printOn(bytes: Uint8Array, options: PrinterSimulatorOptions): Promise<SimulatedTicket> {
  const pair = createMemoryPortPair('codepage');
  const sim = new PrinterSimulator(pair.device, options);
  await pair.app.write(bytes);
  await new Promise((resolve) => setImmediate(resolve));
  sim.detach();
  const ticket = sim.printed[0];
  if (!ticket) throw new Error('nothing printed');
  return ticket;
}

/** Without its accent, as a printer lacking the letter would show it. */
const plain = (char: string): string =>
  char === 'ł' ? 'l' : char === 'Ł' ? 'L' : char.normalize('NFD').replace(/\p{Mark}/gu, '');

/** Models whose encoder table has no page with Polish letters at all: accents are dropped there. */
const NO_POLISH_PAGE = ['bixolon-srp350', 'metapace-t1', 'mpt-ii'];

describe('code page per printer model', () => {
  it.each<[string, number, number | undefined]>([
    ['generic', 18, 45],
    ['epson-tm-t20iii', 18, 45],
    ['epson-tm-t88vi', 18, 45],
    ['generic-zjiang', 18, 72],
    ['pos-8360', 18, 72],
    ['generic-rongta', 18, 30],
    ['generic-xprinter', 18, undefined],
    ['xprinter-xp-n160ii', 18, undefined],
  ])('%s: PC852 is ESC t %i, WPC1250 is ESC t %s', (model, pc852, wpc1250) => {
    const options = { model, columns: 48 };
    expect(codepageNumber(options, 'cp852')).toBe(pc852);
    const ticket = layoutTicket(
      { office: 'Urząd', service: 'Wydział', number: 'A001', issued: '09:00', lines: [POLISH_LETTERS] },
      options,
    );
    expect(indexOf(ticket, [0x1b, 0x74, pc852])).toBeGreaterThan(0);
    expect(indexOf(ticket, CP852_POLISH)).toBeGreaterThan(0);
    if (wpc1250 === undefined) {
      expect(() => codepageNumber(options, 'windows1250')).toThrow(RangeError);
      expect(() =>
        layoutTicket(
          { office: 'U', service: 'W', number: 'A', issued: '', lines: [] },
          { ...options, latinCodepage: 'windows1250' },
        ),
      ).toThrow(/no code page/);
    } else {
      expect(codepageNumber(options, 'windows1250')).toBe(wpc1250);
      const windows = layoutTicket(
        { office: 'Urząd', service: 'W', number: 'A', issued: '', lines: [] },
        { ...options, latinCodepage: 'windows1250' },
      );
      expect(indexOf(windows, [0x1b, 0x74, wpc1250])).toBeGreaterThan(0);
      expect(indexOf(windows, [0x55, 0x72, 0x7a, 0xb9, 0x64])).toBeGreaterThan(0); // "Urząd", ą = B9
    }
  });

  it('names the firmware family of each model with a recorded table', () => {
    expect(printerFirmware('generic')).toBe('epson');
    expect(printerFirmware('epson-tm-t20iii')).toBe('epson');
    expect(printerFirmware('pos-5890')).toBe('zjiang');
    expect(printerFirmware('generic-rongta')).toBe('rongta');
    expect(printerFirmware('xprinter-xp-t80q')).toBe('xprinter');
    expect(printerFirmware('star-tsp650ii')).toBe('star-line');
    expect(printerFirmware('citizen-ct-s310ii')).toBeUndefined();
  });

  it('re-initialises with ESC @ and the Latin page of the model, or the configured one', () => {
    expect([...layoutInit({ model: 'generic', columns: 42 }).slice(0, 2)]).toEqual([0x1b, 0x40]);
    expect([...layoutInit({ model: 'generic', columns: 42 }).slice(-3)]).toEqual([0x1b, 0x74, 18]);
    expect([...layoutInit({ model: 'generic-zjiang', columns: 32, latinCodepage: 'windows1250' }).slice(-3)]).toEqual([
      0x1b, 0x74, 72,
    ]);
    expect([...layoutInit({ model: 'citizen-ct-s310ii', columns: 48 }).slice(-3)]).toEqual([0x1b, 0x74, 6]);
    expect(latinCodepage({ model: 'mpt-ii', columns: 48 })).toBe('cp437');
  });

  it('knows Star line mode selects pages with ESC GS t (PC852 = 5), and the simulator reads it so', async () => {
    expect([...encodeCodepageSelection('star-line', 5)]).toEqual([0x1b, 0x1d, 0x74, 5]);
    expect([...encodeCodepageSelection('epson', 18)]).toEqual([0x1b, 0x74, 18]);
    const bytes = Uint8Array.from([
      0x1b,
      0x40,
      ...encodeCodepageSelection('star-line', 5),
      ...CP852_POLISH,
      0x0a,
      0x1d,
      0x56,
      0x01,
    ]);
    expect((await printOn(bytes, { firmware: 'star-line' })).lines).toEqual([POLISH_LETTERS]);
    // An ESC/POS printer ignores the Star command and stays in CP437.
    expect((await printOn(bytes, { firmware: 'epson' })).lines[0]).not.toBe(POLISH_LETTERS);
  });

  it('decodes ESC t with the family table: 72 is WPC1250 on a Zjiang, nothing on an Epson', async () => {
    const wpc1250Polish = [0xb9, 0xe6, 0xea, 0xb3, 0xf1, 0xf3, 0x9c, 0x9f, 0xbf];
    const bytes = Uint8Array.from([0x1b, 0x40, 0x1b, 0x74, 72, ...wpc1250Polish, 0x0a, 0x1d, 0x56, 0x01]);
    expect((await printOn(bytes, { firmware: 'zjiang' })).lines).toEqual(['ąćęłńóśźż']);
    expect((await printOn(bytes, { firmware: 'epson' })).lines[0]).toMatch(/^\ufffd+$/);
  });

  describe.each(supportedPrinterModels())('self-test page on %s', (model) => {
    it('prints every Polish letter, read back by the simulator with that model’s table', async () => {
      const options = { model, columns: 42 };
      const page = layoutSelfTestPage(options);
      const latin = latinCodepage(options);
      const firmware = printerFirmware(model);
      // Models outside the recorded families: the simulator gets the encoder's number for the page.
      const codePages: Record<number, Codepage> = firmware
        ? { ...FIRMWARE_CODE_PAGES[firmware] }
        : { 0: 'cp437', [codepageNumber(options, latin)]: latin };
      const printed = await printOn(page, { codePages });
      expect(printed.lines.some((line) => line.includes(`model: ${model}`))).toBe(true);
      expect(printed.lines.some((line) => line.includes(`${latin} = ESC t ${codepageNumber(options, latin)}`))).toBe(
        true,
      );

      const polishLine = printed.lines.find(
        (line) => [...line].length === [...POLISH_LETTERS].length && line.includes(' '),
      );
      expect(polishLine).toBeDefined();
      if (NO_POLISH_PAGE.includes(model)) {
        expect(latin).toBe('cp437');
        [...POLISH_LETTERS].forEach((char, index) => expect([char, plain(char)]).toContain([...polishLine!][index]));
      } else {
        expect(polishLine).toBe(POLISH_LETTERS);
        expect(printed.lines).toContain('Zażółć gęślą jaźń');
      }
    });
  });
});
