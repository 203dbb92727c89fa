/**
 * The words of each notification, in the resident's language (pl, en, uk), from an outbox row's
 * payload: the booking's code, day and time on the office's clock, the service and the office.
 * The confirmation carries the link that cancels or moves the booking and, by e-mail, the
 * calendar file (calendar-file.ts). "Your turn is near" names the ticket, how many are ahead and
 * the office (turn-near-messages.ts). Nothing of the resident but what the row was addressed to.
 */
import { bookingLink } from '../../common/contract/public';
import type { Language, Localized } from '../../common/domain/office';
import { bookingCalendar } from '../calendar-file';
import type { Attachment, Channel } from './sender';
import { renderTurnNear, type TurnNearNotice } from './turn-near-messages';

export type NoticeKind = 'booking-confirmation' | 'booking-reminder' | 'turn-near';

/** What a booking's notification says (an outbox row's payload). */
export interface BookingNotice {
  readonly appointmentId: string;
  readonly code: string;
  readonly at: number;
  readonly day: string;
  /** `HH:MM` on the office's clock. */
  readonly time: string;
  readonly minutes: number;
  readonly updatedAt: number;
  readonly serviceId: string;
  readonly serviceName: Localized;
  readonly officeName: Localized;
  readonly address: string;
  /** The confirmation's only: the manage key and where the booking page is; dropped once sent. */
  readonly key?: string;
  readonly origin?: string;
}

export interface RenderedNotice {
  readonly subject: string;
  readonly text: string;
  readonly attachments: readonly Attachment[];
}

interface Words {
  readonly confirmed: string;
  readonly reminder: string;
  readonly visit: (notice: BookingNotice, language: Language) => string;
  readonly code: (code: string) => string;
  readonly manage: (link: string) => string;
}

const WORDS: Readonly<Record<Language, Words>> = {
  pl: {
    confirmed: 'Potwierdzenie wizyty',
    reminder: 'Przypomnienie o wizycie',
    visit: (n, l) =>
      `${n.serviceName[l]}, ${n.officeName[l]}: ${n.day} o ${n.time}${n.address ? `, ${n.address}` : ''}.`,
    code: (code) => `Kod wizyty: ${code} — wpisz go w kiosku.`,
    manage: (link) => `Odwołanie lub zmiana terminu: ${link}`,
  },
  en: {
    confirmed: 'Your appointment is booked',
    reminder: 'Appointment reminder',
    visit: (n, l) =>
      `${n.serviceName[l]}, ${n.officeName[l]}: ${n.day} at ${n.time}${n.address ? `, ${n.address}` : ''}.`,
    code: (code) => `Appointment code: ${code} — enter it at the kiosk.`,
    manage: (link) => `Cancel or change the time: ${link}`,
  },
  uk: {
    confirmed: 'Візит заброньовано',
    reminder: 'Нагадування про візит',
    visit: (n, l) =>
      `${n.serviceName[l]}, ${n.officeName[l]}: ${n.day} о ${n.time}${n.address ? `, ${n.address}` : ''}.`,
    code: (code) => `Код візиту: ${code} — введіть його в кіоску.`,
    manage: (link) => `Скасувати або змінити час: ${link}`,
  },
};

/** What an outbox row's payload says, by its kind. */
export type NoticePayload = BookingNotice | TurnNearNotice;

/** The message for one outbox row. */
export function renderNotice(
  kind: NoticeKind,
  channel: Channel,
  language: Language,
  payload: NoticePayload,
): RenderedNotice {
  if (kind === 'turn-near') return renderTurnNear(channel, language, payload as TurnNearNotice);
  return renderBookingNotice(kind, channel, language, payload as BookingNotice);
}

function renderBookingNotice(
  kind: NoticeKind,
  channel: Channel,
  language: Language,
  notice: BookingNotice,
): RenderedNotice {
  const words = WORDS[language];
  const confirmation = kind === 'booking-confirmation';
  const link = confirmation && notice.key && notice.origin ? bookingLink(notice.origin, notice.code, notice.key) : null;
  const subject = `${confirmation ? words.confirmed : words.reminder} — ${notice.officeName[language]}`;
  const lines = [
    channel === 'sms' ? `${confirmation ? words.confirmed : words.reminder}:` : null,
    words.visit(notice, language),
    words.code(notice.code),
    link ? words.manage(link) : null,
  ].filter((line): line is string => line !== null);
  // The reminder's file too (without the link: its key is gone), so a calendar has the visit.
  const attachments = channel === 'email' ? [calendarAttachment(notice, language, link !== null)] : [];
  return { subject, text: lines.join(channel === 'sms' ? ' ' : '\n\n'), attachments };
}

function calendarAttachment(notice: BookingNotice, language: Language, withLink: boolean): Attachment {
  const content = bookingCalendar({
    booking: {
      code: notice.code,
      service: { id: notice.serviceId, name: notice.serviceName },
      at: notice.at,
      day: notice.day,
      time: notice.time,
      minutes: notice.minutes,
      state: 'booked',
      name: '',
    },
    appointmentId: notice.appointmentId,
    updatedAt: notice.updatedAt,
    key: withLink ? (notice.key ?? null) : null,
    language,
    office: { name: notice.officeName, address: notice.address },
    origin: notice.origin ?? '',
  });
  return {
    filename: `wizyta-${notice.code}.ics`,
    contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
    content,
  };
}
