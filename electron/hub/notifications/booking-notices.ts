/**
 * A booking's notifications as outbox rows: the confirmation, enqueued in the transaction that
 * books (bookings.ts), and the reminder, enqueued by the minute timer a day before the slot
 * (appointment-timer.ts). One row per channel the resident left an address for; each expires at
 * the slot (a reminder after the visit is worse than none).
 */
import type { Booking } from '../../common/contract/public';
import type { Appointment } from '../../common/domain/appointment';
import type { Language, Localized } from '../../common/domain/office';
import type { BookingNotice, NoticeKind } from './messages';
import type { NewNotice } from './outbox';

/** A reminder goes this long before the slot, to bookings made earlier than that. */
export const REMINDER_LEAD_MS = 24 * 60 * 60_000;

export interface NoticeOffice {
  readonly name: Localized;
  readonly address?: string | undefined;
}

export interface NoticeContact {
  readonly email: string | null;
  readonly phone: string | null;
  readonly language: Language;
}

/** What a notification of `booking` says; `manage` (the confirmation's) adds the link's key and origin. */
export function bookingNotice(
  booking: Booking,
  appointment: Pick<Appointment, 'id' | 'updatedAt'>,
  office: NoticeOffice,
  manage?: { readonly key: string; readonly origin: string },
): BookingNotice {
  return {
    appointmentId: appointment.id,
    code: booking.code,
    at: booking.at,
    day: booking.day,
    time: booking.time,
    minutes: booking.minutes,
    updatedAt: appointment.updatedAt,
    serviceId: booking.service.id,
    serviceName: booking.service.name,
    officeName: office.name,
    address: office.address ?? '',
    ...(manage ? { key: manage.key, origin: manage.origin } : {}),
  };
}

/** The rows of one notice: one per channel `contact` has an address for, due at `now`. */
export function noticesFor(contact: NoticeContact, kind: NoticeKind, notice: BookingNotice, now: number): NewNotice[] {
  const channels = [
    { channel: 'email', recipient: contact.email },
    { channel: 'sms', recipient: contact.phone },
  ] as const;
  return channels.flatMap(({ channel, recipient }) =>
    recipient
      ? [
          {
            appointment: notice.appointmentId,
            kind,
            channel,
            recipient,
            language: contact.language,
            payload: notice,
            notBefore: now,
            expiresAt: notice.at,
          },
        ]
      : [],
  );
}
