/**
 * A booking as a calendar file (RFC 5545), made with the `ics` package: one event at the slot's
 * instant for the slot's length, in UTC (every calendar shows it in its own time zone, so nothing
 * depends on the resident's device knowing the office's), titled with the service's and the
 * office's names in the booking's language, at the office's address, described with the kiosk
 * code and — when the manage key is at hand (the booking page, the confirmation) — the link that
 * cancels or moves it; the reminder's file has no link, its key being gone by then. A cancelled booking's file says CANCELLED, so a
 * calendar that imports it again drops the event. Nothing else of the resident is in it.
 */
import { createEvent } from 'ics';
import { bookingLink, type Booking } from '../common/contract/public';
import type { Language, Localized } from '../common/domain/office';

export interface CalendarInput {
  readonly booking: Booking;
  /** The appointment document's id, the event's stable UID. */
  readonly appointmentId: string;
  /** Moves the event's SEQUENCE on, so a calendar takes a moved booking's file as newer. */
  readonly updatedAt: number;
  /** The manage key; null: the file has no link (a reminder's: the key is kept only until the confirmation went). */
  readonly key: string | null;
  readonly language: Language;
  readonly office: { readonly name: Localized; readonly address: string };
  /** Where the hub's booking page is: `https://hub.urzad.local:8090`. */
  readonly origin: string;
}

const WORDS: Readonly<
  Record<Language, { readonly code: (code: string) => string; readonly link: (link: string) => string }>
> = {
  pl: {
    code: (code) => `Kod wizyty: ${code} — wpisz go w kiosku, gdy przyjdziesz.`,
    link: (link) => `Odwołanie lub zmiana terminu: ${link}`,
  },
  en: {
    code: (code) => `Appointment code: ${code} — enter it at the kiosk when you arrive.`,
    link: (link) => `Cancel or change the time: ${link}`,
  },
  uk: {
    code: (code) => `Код візиту: ${code} — введіть його в кіоску, коли прийдете.`,
    link: (link) => `Скасувати або змінити час: ${link}`,
  },
};

/** The calendar file's text (CRLF lines, as RFC 5545 has them). */
export function bookingCalendar(input: CalendarInput): string {
  const { booking, language, office } = input;
  const link = input.key && input.origin ? bookingLink(input.origin, booking.code, input.key) : null;
  const words = WORDS[language];
  const { error, value } = createEvent({
    uid: `${input.appointmentId}@okienko`,
    productId: 'okienko/booking',
    start: booking.at,
    startInputType: 'utc',
    startOutputType: 'utc',
    end: booking.at + booking.minutes * 60_000,
    endInputType: 'utc',
    endOutputType: 'utc',
    title: `${booking.service.name[language]} — ${office.name[language]}`,
    description: link ? `${words.code(booking.code)}\n${words.link(link)}` : words.code(booking.code),
    location: office.address || office.name[language],
    ...(link ? { url: link } : {}),
    status: booking.state === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
    sequence: Math.floor(input.updatedAt / 1000),
  });
  if (error || !value) throw new Error(`the calendar file could not be made: ${error?.message ?? 'no text'}`);
  return value;
}
