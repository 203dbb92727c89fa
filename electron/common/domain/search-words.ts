/**
 * The words of a visitor's query and of a service's names, made comparable: lower case, no
 * diacritics, and each word cut to a rough stem, so "dowodu", "dowodem" and "dowód" meet, and so do
 * "реєстрації" and "реєстрація". A light suffix-stripper, not a linguist: it only has to treat the
 * office's words and the visitor's alike. No maintained Polish stemmer exists for JavaScript
 * (Orama's and the Snowball ports have none); typos are left to the search's fuzzy matching.
 */

/** Words that say nothing about the matter, after folding (pl, en, uk). */
const STOP_WORDS = new Set([
  // pl
  'na',
  'do',
  'od',
  'po',
  'za',
  'ze',
  'we',
  'sie',
  'nie',
  'moj',
  'moja',
  'moje',
  'jak',
  'co',
  'dla',
  'chce',
  'mam',
  // en
  'an',
  'the',
  'my',
  'to',
  'of',
  'for',
  'in',
  'on',
  'and',
  'want',
  'need',
  'how',
  // uk
  'на',
  'до',
  'від',
  'мии',
  'моя',
  'моє',
  'для',
  'як',
  'що',
  'хочу',
]);

/** Endings cut from Latin-script words (Polish inflection, English plurals), longest first. */
const LATIN_ENDINGS = [
  'owaniem',
  'owania',
  'owanie',
  'owaniu',
  'owalem',
  'owalam',
  'owac',
  'ami',
  'ach',
  'ego',
  'emu',
  'ych',
  'ymi',
  'imi',
  'owi',
  'owa',
  'owe',
  'owy',
  'ow',
  'om',
  'em',
  'am',
  'es',
  'ie',
  'ia',
  'iu',
  'ej',
  'a',
  'e',
  'i',
  'o',
  'u',
  'y',
  's',
];

/** Endings cut from Cyrillic words (Ukrainian inflection, after folding й→и, ї→і), longest first. */
const CYRILLIC_ENDINGS = [
  'анням',
  'енням',
  'анні',
  'енні',
  'анню',
  'енню',
  'ання',
  'ення',
  'ами',
  'ями',
  'ими',
  'ого',
  'ому',
  'ові',
  'еві',
  'ах',
  'ях',
  'ам',
  'ям',
  'ом',
  'ем',
  'ою',
  'ею',
  'ів',
  'іи',
  'ии',
  'оі',
  'ти',
  'а',
  'я',
  'у',
  'ю',
  'і',
  'и',
  'о',
  'е',
  'ь',
];

/** A stem keeps at least this many letters, so short words are not cut to nothing. */
const MIN_STEM = 3;

/** Lower case without diacritics (ł too, which Unicode does not decompose); "800+" reads "800 plus". */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .replaceAll('ł', 'l')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replaceAll('+', ' plus ')
    .replace(/(\p{N})(\p{L})/gu, '$1 $2')
    .replace(/(\p{L})(\p{N})/gu, '$1 $2');
}

/** The words of a text, folded, in order. */
export function wordsOf(text: string): string[] {
  return foldText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
}

/** A folded word's stem, or null for a word that says nothing (a stop word, a lone letter). */
export function stemOf(word: string): string | null {
  if (/^\p{N}+$/u.test(word)) return word;
  if (word.length < 2 || STOP_WORDS.has(word)) return null;
  const cyrillic = /\p{Script=Cyrillic}/u.test(word);
  // The Polish mobile e: "meldunek" and "meldunku", "podatek" and "podatki" share "meldunk", "podatk".
  const base = !cyrillic && word.length > 5 && word.endsWith('ek') ? `${word.slice(0, -2)}k` : word;
  for (const ending of cyrillic ? CYRILLIC_ENDINGS : LATIN_ENDINGS) {
    if (base.endsWith(ending) && base.length - ending.length >= MIN_STEM) return base.slice(0, -ending.length);
  }
  return base;
}

/** The stems of a text. */
export function stemsOf(text: string): string[] {
  return wordsOf(text).flatMap((word) => stemOf(word) ?? []);
}

/**
 * What the finder indexes and searches for one folded word: its stem, and the word itself when it
 * differs — a typo in an ending ("zameldowaie") is then one letter from the whole word, though its
 * stem is far from the stem.
 */
export function termsOf(word: string): string[] {
  const stem = stemOf(word);
  if (stem === null) return [];
  return stem === word ? [stem] : [stem, word];
}
