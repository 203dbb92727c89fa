/**
 * Printable documents for the documents tests and the bench: a realistic summary of an assisted
 * e-service (20 answers), in Polish with Ukrainian words, and a signature as the station's
 * signature capture draws it.
 */
import type { PrintableDocument } from '../../../electron/common/contract/documents';
import { PrintableDocumentSchema } from '../../../electron/common/contract/documents';
import { toSvg } from '../../../native/signature-pad/signature.codec';

export const POLISH = 'ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ';
export const UKRAINIAN = 'Їжак їсть ґанок, єнот — ні';

/** A handwritten-looking name: three strokes, the pen lifted between them, as a pad delivers it. */
export function signatureSvg(): string {
  const stroke = (from: number, to: number, phase: number) => ({
    samples: Array.from({ length: 60 }, (_, i) => ({
      t: i * 5,
      x: from + ((to - from) * i) / 59,
      y: 900 + Math.sin(i / 4 + phase) * 260 + i * 3,
      pressure: 0.6,
      down: true,
    })),
  });
  return toSvg(
    {
      width: 4000,
      height: 2000,
      rate: 200,
      strokes: [stroke(400, 1500, 0), stroke(1600, 2600, 1), stroke(2700, 3600, 2)],
    },
    { fit: 'ink' },
  );
}

const ANSWERS: readonly (readonly [string, string])[] = [
  ['Imię i nazwisko', 'Zofia Żółkiewska-Łęcka'],
  ['PESEL', '90090515836'],
  ['Data urodzenia', '5 września 1990'],
  ['Obywatelstwo', 'polskie'],
  ['Adres zameldowania', 'ul. Świętokrzyska 14 m. 7, 00-050 Warszawa'],
  ['Adres do korespondencji', 'taki sam jak adres zameldowania'],
  ['Telefon', '+48 600 100 200'],
  ['E-mail', 'zofia@example.org'],
  ['Powód wydania', 'upływ terminu ważności'],
  ['Poprzedni dowód', 'ABA 123456, ważny do 12.03.2026'],
  ['Zdjęcie', 'dostarczone w urzędzie'],
  ['Kolor oczu', 'piwne'],
  ['Wzrost', '168 cm'],
  ['Odbiór', 'osobiście w tym urzędzie'],
  ['Powiadomienie o odbiorze', 'SMS'],
  ['Język wizyty', 'polski, pomoc po ukraińsku'],
  ['Notatka tłumacza', UKRAINIAN],
  ['Opłata', 'bez opłaty (wymiana z urzędu)'],
  ['Zgoda na przetwarzanie danych', 'tak, udzielona 4.12.2026'],
  ['Znaki', POLISH],
];

export interface SummaryOptions {
  readonly signature?: boolean;
  readonly qr?: boolean;
  /** How many of the 20 answers (all by default). */
  readonly answers?: number;
  /** Extra sections of paragraphs, to run over several pages. */
  readonly extraSections?: number;
}

export function summary(options: SummaryOptions = {}): PrintableDocument {
  const rows = ANSWERS.slice(0, options.answers ?? ANSWERS.length).map(([label, value]) => ({ label, value }));
  const extra = Array.from({ length: options.extraSections ?? 0 }, (_, index) => ({
    heading: `Pouczenie ${index + 1}`,
    paragraphs: [
      'Dowód osobisty odbierasz osobiście. Jeżeli nie możesz przyjść, pełnomocnik odbierze go z ważnym ' +
        'pełnomocnictwem. Zachowaj ten wydruk do czasu odbioru dokumentu i okaż go w urzędzie.',
      'Jeśli zmienisz adres lub numer telefonu przed odbiorem, powiadom urząd. Zażółć gęślą jaźń.',
    ],
  }));
  return PrintableDocumentSchema.parse({
    kind: 'summary',
    language: 'pl',
    title: 'Podsumowanie wizyty',
    subtitle: 'Wniosek o wydanie dowodu osobistego',
    reference: 'K7M3-Q9XT',
    referenceLabel: 'Numer sprawy',
    sections: [
      { heading: 'Twoje odpowiedzi', rows: rows.slice(0, 10) },
      ...(rows.length > 10 ? [{ heading: 'Szczegóły wniosku', rows: rows.slice(10) }] : []),
      {
        heading: 'Co dalej',
        items: ['Dowód będzie gotowy do 30 dni.', 'Status sprawdzisz w aplikacji mObywatel.'],
        checklist: ['Zabierz stary dowód osobisty', 'Przyjdź z tym wydrukiem'],
      },
      ...extra,
    ],
    ...(options.signature ? { signature: { svg: signatureSvg(), caption: 'Podpis wnioskodawcy' } } : {}),
    ...(options.qr
      ? { qr: { text: 'https://www.gov.pl/web/gov/uzyskaj-dowod-osobisty', caption: 'Sprawdź status online' } }
      : {}),
    footer: { lines: ['Urząd Miasta Łodzi, ul. Piotrkowska 104, 90-926 Łódź', 'Stanowisko 3, obsługa: Anna Nowak'] },
    hashLabel: 'Skrót dokumentu (SHA-256)',
    at: '2026-12-04T10:15:00+01:00',
  });
}
