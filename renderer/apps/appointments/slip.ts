/**
 * A booking's slip on the counter's ticket printer, in the ticket's layout: the code where the
 * number goes, the service, the day and time on the office's clock, and what to do with the code
 * — all in the caller's language. No name, no contact: a slip is easily left on a desk.
 */
import type { Result } from '../../../electron/common/contract/result';
import type { BookingCreated, PublicOffice } from '../../../electron/common/contract/public';
import type { Language } from '../../../electron/common/domain/office';
import type { StationApi } from '../../api/api';
import { translator } from '../../i18n/i18n';
import { dayLabel } from '../booking/format';

export function printBookingSlip(
  api: StationApi,
  created: BookingCreated,
  office: PublicOffice,
  language: Language,
): Promise<Result<unknown>> {
  const t = translator(language);
  return api.printer.printSlip({
    ticketId: `booking-${created.code}-${created.at}`,
    language,
    office: office.name[language],
    service: created.service.name[language],
    number: created.code,
    issued: new Date().toLocaleString(language, { timeZone: office.timeZone }),
    lines: [
      t('booking.when', { day: dayLabel(created.day, language), time: created.time }),
      t('appointments.slip.hint'),
    ],
  });
}
