import { describe, expect, it } from 'vitest';
import {
  GENERIC_PRINTER_MODEL,
  layoutSelfTestPage,
  layoutTicket,
  supportedPrinterModels,
} from '../../../../native/printer/ticket.layout';
import type { TicketLayoutInput } from '../../../../native/printer/ticket-printer';

// CP852 bytes written out here by hand rather than taken from a library, so a wrong
// table anywhere in the chain shows up.
const CP852: Readonly<Record<string, number>> = {
  ą: 0xa5,
  ć: 0x86,
  ę: 0xa9,
  ł: 0x88,
  ń: 0xe4,
  ó: 0xa2,
  ś: 0x98,
  ź: 0xab,
  ż: 0xbe,
  Ą: 0xa4,
  Ć: 0x8f,
  Ę: 0xa8,
  Ł: 0x9d,
  Ń: 0xe3,
  Ó: 0xe0,
  Ś: 0x97,
  Ź: 0x8d,
  Ż: 0xbd,
};

function cp852(text: string): number[] {
  return [...text].map((char) => {
    const code = char.charCodeAt(0);
    if (code < 0x80) return code;
    const byte = CP852[char];
    if (byte === undefined) throw new Error(`no CP852 byte for ${char} in this test`);
    return byte;
  });
}

function indexOf(haystack: Uint8Array, needle: readonly number[], from = 0): number {
  outer: for (let i = from; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

function lastIndexOf(haystack: Uint8Array, needle: readonly number[], before: number): number {
  for (let i = Math.min(before, haystack.length - needle.length); i >= 0; i--) {
    if (needle.every((byte, j) => haystack[i + j] === byte)) return i;
  }
  return -1;
}

const ticket: TicketLayoutInput = {
  office: 'Urząd Miasta Łódź — Biuro Obsługi Mieszkańców',
  service: 'Dowody osobiste — Ewidencja Ludności',
  number: 'A012',
  issued: '14.03.2025, 09:12',
  lines: ['Przed Tobą: 3 osoby', 'Szacowany czas: ok. 15 min', 'Zażółć gęślą jaźń', 'ZAŻÓŁĆ GĘŚLĄ JAŹŃ'],
  qr: 'https://okienko.example/kolejka/A012',
  note: 'Zachowaj bilet „do końca” wizyty…',
};

const generic = { model: GENERIC_PRINTER_MODEL, columns: 42 };

describe('layoutTicket', () => {
  const bytes = layoutTicket(ticket, generic);

  it('starts by initialising the printer and selects CP852 (ESC t 18) before any Polish letter', () => {
    expect([...bytes.slice(0, 2)]).toEqual([0x1b, 0x40]);
    const codepage = indexOf(bytes, [0x1b, 0x74, 0x12]);
    expect(codepage).toBeGreaterThan(0);
    expect(codepage).toBeLessThan(indexOf(bytes, cp852('Urząd')));
  });

  it('writes every Polish letter as its CP852 byte', () => {
    expect(indexOf(bytes, cp852('Zażółć gęślą jaźń'))).toBeGreaterThan(0);
    expect(indexOf(bytes, cp852('ZAŻÓŁĆ GĘŚLĄ JAŹŃ'))).toBeGreaterThan(0);
    expect(indexOf(bytes, cp852('Mieszkańców'))).toBeGreaterThan(0);
    expect(indexOf(bytes, cp852('Ludności'))).toBeGreaterThan(0);
  });

  it('transliterates typography CP852 lacks instead of printing ?', () => {
    expect(indexOf(bytes, cp852('Łódź - Biuro'))).toBeGreaterThan(0);
    expect(indexOf(bytes, cp852('"do końca" wizyty...'))).toBeGreaterThan(0);
    // The QR URL has no "?", so any 0x3F would be a character the printer could not print.
    expect(bytes.includes(0x3f)).toBe(false);
  });

  it('prints the number large (GS ! n) and bold, on one line', () => {
    const number = indexOf(bytes, cp852('A012'));
    expect(number).toBeGreaterThan(0);
    const size = lastIndexOf(bytes, [0x1d, 0x21], number);
    expect(size).toBeGreaterThan(0);
    const n = bytes[size + 2]!;
    expect((n >> 4) + 1).toBeGreaterThanOrEqual(3);
    expect((n & 0x0f) + 1).toBeGreaterThanOrEqual(3);
    // Nothing but bold on, more size commands or centring spaces between the size and the number.
    const bold = lastIndexOf(bytes, [0x1b, 0x45, 0x01], number);
    expect(bold).toBeGreaterThan(0);
    expect(bold).toBeGreaterThan(lastIndexOf(bytes, [0x1b, 0x45, 0x00], number));
    // And back to normal size right after it.
    expect(indexOf(bytes.slice(number + 4, number + 10), [0x1d, 0x21, 0x00])).toBeGreaterThanOrEqual(0);
  });

  it('keeps a long number on one line by choosing a smaller size', () => {
    const long = layoutTicket({ ...ticket, number: 'WYD-12345' }, generic);
    const number = indexOf(long, cp852('WYD-12345'));
    expect(number).toBeGreaterThan(0);
    const n = long[lastIndexOf(long, [0x1d, 0x21], number) + 2]!;
    expect(((n >> 4) + 1) * 9).toBeLessThanOrEqual(42);
  });

  it('stores a model 2 QR code with the data and prints it', () => {
    const data = cp852(ticket.qr!);
    const store = indexOf(bytes, [0x1d, 0x28, 0x6b]);
    expect(indexOf(bytes, [0x1d, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00])).toBeGreaterThan(0);
    const storeData = indexOf(bytes, [0x31, 0x50, 0x30, ...data]);
    expect(storeData).toBeGreaterThan(store);
    const pL = bytes[storeData - 2]!;
    const pH = bytes[storeData - 1]!;
    expect(pL + 256 * pH).toBe(data.length + 3);
    expect(indexOf(bytes, [0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30], storeData)).toBeGreaterThan(storeData);
  });

  it('percent-encodes QR data the printer cannot store as ASCII', () => {
    const withAccent = layoutTicket({ ...ticket, qr: 'https://okienko.example/łódź' }, generic);
    expect(indexOf(withAccent, cp852('https://okienko.example/%C5%82%C3%B3d%C5%BA'))).toBeGreaterThan(0);
  });

  it('leaves out the QR code, the note and the duplicate mark when not given', () => {
    const plain = layoutTicket({ ...ticket, qr: undefined, note: undefined }, generic);
    expect(indexOf(plain, [0x1d, 0x28, 0x6b])).toBe(-1);
    expect(indexOf(plain, cp852('Zachowaj'))).toBe(-1);
    expect(indexOf(plain, cp852('DUPLIKAT'))).toBe(-1);
  });

  it('marks a reprint above the number', () => {
    const duplicate = layoutTicket({ ...ticket, duplicate: 'DUPLIKAT' }, generic);
    const mark = indexOf(duplicate, cp852('DUPLIKAT'));
    expect(mark).toBeGreaterThan(0);
    expect(mark).toBeLessThan(indexOf(duplicate, cp852('A012')));
  });

  it('ends with a partial cut and carries no fence (the driver adds it)', () => {
    expect([...bytes.slice(-3)]).toEqual([0x1d, 0x56, 0x01]);
    expect(indexOf(bytes, [0x1d, 0x28, 0x48])).toBe(-1);
    // Paper is fed before the cut so the last line is not cut through.
    expect([...bytes.slice(-7, -3)]).toEqual([0x0a, 0x0d, 0x0a, 0x0d]);
  });

  it('uses the model table: CP852 is ESC t 18 on a TM-T20III too, with its 48 columns', () => {
    const epson = layoutTicket(ticket, { model: 'epson-tm-t20iii', columns: 48 });
    expect(indexOf(epson, [0x1b, 0x74, 0x12])).toBeGreaterThan(0);
    expect(indexOf(epson, cp852('Zażółć gęślą jaźń'))).toBeGreaterThan(0);
  });
});

describe('layoutTicket with Ukrainian text', () => {
  const ukrainian: TicketLayoutInput = {
    ...ticket,
    service: 'Паспорти — Їжак, ґанок, Єва, і',
    lines: ['Перед вами: 3 особи'],
    note: 'Збережіть квиток',
  };

  it('selects WPC1251 (ESC t 46) for Cyrillic on an Epson-compatible printer', () => {
    const bytes = layoutTicket(ukrainian, generic);
    expect(indexOf(bytes, [0x1b, 0x74, 0x2e])).toBeGreaterThan(0);
    // Ї ж а к in Windows-1251.
    expect(indexOf(bytes, [0xaf, 0xe6, 0xe0, 0xea])).toBeGreaterThan(0);
    // ґ і є
    expect(bytes.includes(0xb4) && bytes.includes(0xb3) && bytes.includes(0xaa)).toBe(true);
    // Polish still in CP852, switched back after the Cyrillic line.
    expect(indexOf(bytes, cp852('Urząd Miasta Łódź'))).toBeGreaterThan(0);
    expect(bytes.includes(0x3f)).toBe(false);
  });

  it('romanises Cyrillic when the printer has no page with Ukrainian letters', () => {
    // The Citizen table has CP866 only, which lacks і, ї, є and ґ.
    const bytes = layoutTicket(ukrainian, { model: 'citizen-ct-s310ii', columns: 48 });
    expect(indexOf(bytes, cp852('Pasporty - Yizhak, ganok, Yeva, i'))).toBeGreaterThan(0);
    expect(bytes.includes(0x3f)).toBe(false);
  });

  it('romanises on request', () => {
    const bytes = layoutTicket(ukrainian, { ...generic, cyrillicCodepage: 'latin' });
    expect(indexOf(bytes, [0x1b, 0x74, 0x2e])).toBe(-1);
    expect(indexOf(bytes, cp852('Zberezhit kvytok'))).toBeGreaterThan(0);
  });

  it('survives every script without throwing', () => {
    const mixed = { ...ticket, service: 'Обслуговування 中文 العربية 😀 ñ' };
    expect(() => layoutTicket(mixed, generic)).not.toThrow();
    expect(() => layoutTicket(mixed, { model: 'pos-5890', columns: 32 })).not.toThrow();
  });
});

describe('layout options', () => {
  it('refuses an unknown model, a Star in its native mode and an impossible width', () => {
    expect(() => layoutTicket(ticket, { model: 'no-such-printer', columns: 42 })).toThrow(RangeError);
    expect(() => layoutTicket(ticket, { model: 'star-tsp650', columns: 42 })).toThrow(/ESC\/POS/);
    expect(() => layoutTicket(ticket, { model: GENERIC_PRINTER_MODEL, columns: 40 })).toThrow(RangeError);
    expect(() =>
      layoutTicket(ticket, { model: 'citizen-ct-s310ii', columns: 48, cyrillicCodepage: 'windows1251' }),
    ).toThrow(/no code page/);
  });

  it('takes a configured Latin code page: WPC1250 is ESC t 45 on Epson, ą is B9 there', () => {
    const bytes = layoutTicket(ticket, { ...generic, latinCodepage: 'windows1250' });
    expect(indexOf(bytes, [0x1b, 0x74, 0x2d])).toBeGreaterThan(0);
    expect(indexOf(bytes, [0x55, 0x72, 0x7a, 0xb9, 0x64])).toBeGreaterThan(0);
    expect(indexOf(bytes, [0x1b, 0x74, 0x12])).toBe(-1);
  });

  it('lists generic and the ESC/POS models, not the Star ones', () => {
    const models = supportedPrinterModels();
    expect(models).toContain(GENERIC_PRINTER_MODEL);
    expect(models).toContain('epson-tm-t88vi');
    expect(models).not.toContain('star-tsp650');
    for (const model of models) expect(() => layoutTicket(ticket, { model, columns: 42 })).not.toThrow();
  });

  it('prints a self-test page with the Polish letters in CP852', () => {
    const page = layoutSelfTestPage(generic);
    expect(indexOf(page, cp852('ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ'))).toBeGreaterThan(0);
    expect([...page.slice(-3)]).toEqual([0x1d, 0x56, 0x01]);
  });
});
