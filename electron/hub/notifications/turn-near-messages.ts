/**
 * The words of "your turn is near" (a kiosk's visitor, electron/hub/turn-near.ts) in the ticket's
 * language: the ticket's number, how many people are still ahead, the office.
 *
 * **SMS in Polish and English without diacritics.** One Polish letter (ą, ł, ż…) or a dash turns
 * the whole SMS from the GSM alphabet (160 characters a part) into UCS-2 (70 a part): the same
 * words would cost two or three parts instead of one, for every visitor, every day. So the Polish
 * and English SMS are written in the GSM alphabet (the office's name too: `toGsm`), which every
 * phone shows and every Polish reader reads without effort. Ukrainian needs Cyrillic, so its SMS
 * is UCS-2 and kept short. E-mail has no such cost: it keeps every letter.
 */
import type { Language, Localized } from '../../common/domain/office';
import type { RenderedNotice } from './messages';
import type { Channel } from './sender';

/** What a "turn is near" row's payload says once the hub made it due; the ticket's id before that. */
export interface TurnNearNotice {
  readonly ticket: string;
  readonly number?: string;
  readonly ahead?: number;
  readonly officeName?: Localized;
}

type Plural = Record<Intl.LDMLPluralRule, string>;

interface Words {
  readonly brand: string;
  readonly near: string;
  readonly subject: string;
  readonly next: (number: string) => string;
  readonly ahead: (number: string, people: string) => string;
  readonly people: Partial<Plural> & { readonly other: string };
  readonly come: string;
  readonly forgotten: string;
}

const WORDS: Readonly<Record<Language, Words>> = {
  pl: {
    brand: 'Okienko',
    near: 'Twoja kolej się zbliża.',
    subject: 'Twoja kolej się zbliża',
    next: (number) => `Bilet ${number} jest następny w kolejce.`,
    ahead: (number, people) => `Bilet ${number} — przed Tobą ${people}.`,
    people: { one: '# osoba', few: '# osoby', many: '# osób', other: '# osoby' },
    come: 'Podejdź bliżej stanowisk i patrz na ekran z numerami.',
    forgotten: 'To jedyna wiadomość: Twój adres usuwamy po wizycie.',
  },
  en: {
    brand: 'Okienko',
    near: 'Your turn is near.',
    subject: 'Your turn is near',
    next: (number) => `Ticket ${number} is next in the queue.`,
    ahead: (number, people) => `Ticket ${number} — ${people} ahead of you.`,
    people: { one: '# person', other: '# people' },
    come: 'Please come closer to the counters and watch the screen with the numbers.',
    forgotten: 'This is the only message: your address is deleted after the visit.',
  },
  uk: {
    brand: 'Okienko',
    near: 'Ваша черга наближається.',
    subject: 'Ваша черга наближається',
    next: (number) => `Квиток ${number} наступний у черзі.`,
    ahead: (number, people) => `Квиток ${number} — перед вами ${people}.`,
    people: { one: '# особа', few: '# особи', many: '# осіб', other: '# особи' },
    come: 'Підійдіть ближче до віконець і стежте за екраном з номерами.',
    forgotten: 'Це єдине повідомлення: вашу адресу видаляємо після візиту.',
  },
};

function people(words: Words, language: Language, count: number): string {
  const rule = new Intl.PluralRules(language).select(count);
  return (words.people[rule] ?? words.people.other).replace('#', String(count));
}

/** The message for a "turn is near" row. */
export function renderTurnNear(channel: Channel, language: Language, notice: TurnNearNotice): RenderedNotice {
  const words = WORDS[language];
  const number = notice.number ?? '';
  const ahead = notice.ahead ?? 0;
  const where = notice.officeName?.[language] ?? '';
  const place = ahead === 0 ? words.next(number) : words.ahead(number, people(words, language, ahead));
  const subject = where ? `${words.subject} — ${where}` : words.subject;
  if (channel === 'email') {
    const text = [words.near, place, words.come, where, words.forgotten].filter(Boolean).join('\n\n');
    return { subject, text, attachments: [] };
  }
  const sms = [`${words.brand}: ${words.near}`, place, where ? `${where}.` : ''].filter(Boolean).join(' ');
  return { subject, text: language === 'uk' ? sms : toGsm(sms), attachments: [] };
}

const GSM_FOR: Readonly<Record<string, string>> = {
  ą: 'a',
  ć: 'c',
  ę: 'e',
  ł: 'l',
  ń: 'n',
  ó: 'o',
  ś: 's',
  ź: 'z',
  ż: 'z',
  Ą: 'A',
  Ć: 'C',
  Ę: 'E',
  Ł: 'L',
  Ń: 'N',
  Ó: 'O',
  Ś: 'S',
  Ź: 'Z',
  Ż: 'Z',
  '—': '-',
  '–': '-',
  '„': '"',
  '”': '"',
  '’': "'",
};

/** Polish letters and typographic marks as their GSM-alphabet look-alikes; other letters lose their accents. */
export function toGsm(text: string): string {
  const mapped = [...text].map((char) => GSM_FOR[char] ?? char).join('');
  return mapped.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}
