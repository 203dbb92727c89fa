/**
 * Documents the simulated reader can "swipe". ICAO's published specimens (Doc 9303 parts 4–7,
 * the Utopian Anna Maria Eriksson) and Polish samples of made-up people with valid document
 * numbers, PESELs and check digits — no real person's data. Plus the faults that matter: a swipe
 * cut off mid-line, a wrong check digit, something that is not an MRZ at all. The same lines are
 * in test/fixtures/mrz/ with their expected parse. Runs anywhere.
 */
import { encodeSwipe, type Framing } from './mrz-frame.codec';

export const SPECIMEN_NAMES = [
  'pl-id',
  'pl-id-2',
  'pl-residence',
  'passport',
  'td2',
  'icao-td1',
  'icao-td2',
  'icao-td3',
  'visa',
  'torn',
  'bad-check',
  'garbage',
] as const;
export type SpecimenName = (typeof SPECIMEN_NAMES)[number];

export function isSpecimenName(name: string): name is SpecimenName {
  return (SPECIMEN_NAMES as readonly string[]).includes(name);
}

export interface Specimen {
  readonly name: SpecimenName;
  /** What it is, for `help` and test names. */
  readonly description: string;
  /** The zone as printed; `garbage` has lines that are not MRZ lines. */
  readonly lines: readonly string[];
}

const PL_ID: readonly string[] = [
  'IDPOLZRK0204572<<<<<<<<<<<<<<<',
  '8502175F3306149POL850217123238',
  'NOWAKOWSKA<<ZOFIA<JADWIGA<<<<<',
];

export const SPECIMENS: Readonly<Record<SpecimenName, Specimen>> = {
  'pl-id': {
    name: 'pl-id',
    description: 'Polish ID card (TD1), woman born 1985, PESEL in line 2',
    lines: PL_ID,
  },
  'pl-id-2': {
    name: 'pl-id-2',
    description: 'Polish ID card (TD1), man born 2003 (PESEL month +20), double surname',
    lines: ['IDPOLDEW5813062<<<<<<<<<<<<<<<', '0307097M2803216POL032709045758', 'WOJCIK<ZELAZNY<<JEDRZEJ<<<<<<<'],
  },
  'pl-residence': {
    name: 'pl-residence',
    description: 'ID-size card issued by Poland to a Ukrainian national (a residence card, TD1)',
    lines: ['IRPOLRP55021793<<<<<<<<<<<<<<<', '9508303F2701150UKR<<<<<<<<<<<6', 'SHEVCHENKO<<OKSANA<<<<<<<<<<<<'],
  },
  passport: {
    name: 'passport',
    description: 'Polish passport (TD3), PESEL as the personal number',
    lines: ['P<POLLEWANDOWSKI<<PIOTR<PAWEL<<<<<<<<<<<<<<<', 'EM48271635POL6804233M310908568042303150<<<84'],
  },
  td2: {
    name: 'td2',
    description: 'Romanian ID card (TD2, 2×36)',
    lines: ['IDROUPOPESCU<<ION<ANDREI<<<<<<<<<<<<', 'RX10472585ROU9105126M2905121<<<<<<<0'],
  },
  'icao-td1': {
    name: 'icao-td1',
    description: 'ICAO 9303 part 5 TD1 specimen (Utopia; refused unless specimens are accepted)',
    lines: ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'],
  },
  'icao-td2': {
    name: 'icao-td2',
    description: 'ICAO 9303 part 6 TD2 specimen (Utopia)',
    lines: ['I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'D231458907UTO7408122F1204159<<<<<<<6'],
  },
  'icao-td3': {
    name: 'icao-td3',
    description: 'ICAO 9303 part 4 passport specimen (Utopia)',
    lines: ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'],
  },
  visa: {
    name: 'visa',
    description: 'ICAO 9303 part 7 MRV-A visa specimen: readable, but not a document the station takes',
    lines: ['V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L8988901C4XXX4009078F96121096ZE184226B<<<<<<'],
  },
  torn: {
    name: 'torn',
    description: 'pl-id pulled out too soon: the reader stops in the middle of line 2',
    lines: PL_ID,
  },
  'bad-check': {
    name: 'bad-check',
    description: 'pl-id with a misread birth date check digit (5 read as 6)',
    lines: [PL_ID[0]!, `${PL_ID[1]!.slice(0, 6)}6${PL_ID[1]!.slice(7)}`, PL_ID[2]!],
  },
  garbage: {
    name: 'garbage',
    description: 'a boarding pass barcode read by the same reader: text, but no MRZ',
    lines: ['M1KOWALSKI/JAN        EABC123 WAWFRALH 1234 100Y012C0001 100', 'THIS IS NOT A MACHINE READABLE ZONE'],
  },
};

/** Where `torn` stops: this many characters into line 2. */
const TORN_AFTER_CHARACTERS = 12;

/** The bytes a reader of the given framing sends when this document is swiped. */
export function specimenSwipe(name: SpecimenName, framing: Framing): Uint8Array {
  const specimen = SPECIMENS[name];
  const bytes = encodeSwipe(specimen.lines, framing);
  if (name !== 'torn') return bytes;
  const line2 = specimen.lines[1]!;
  const marker = Array.from(line2.slice(0, TORN_AFTER_CHARACTERS), (char) => char.charCodeAt(0));
  for (let at = 0; at + marker.length <= bytes.length; at++) {
    if (marker.every((byte, offset) => bytes[at + offset] === byte)) return bytes.slice(0, at + marker.length);
  }
  return bytes.slice(0, Math.floor(bytes.length / 2));
}
