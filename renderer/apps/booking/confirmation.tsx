/**
 * The confirmation: the six-digit code in large type ("Podaj ten kod w kiosku"), the day and time
 * on the office's clock, the address, the calendar file, and the link that manages the booking
 * with a plain warning to keep it — the code alone cannot change or cancel it.
 */
import type { BookingCreated, PublicOffice } from '../../../electron/common/contract/public';
import type { Language } from '../../../electron/common/domain/office';
import { useT } from '../../i18n/i18n';
import { calendarAddress } from './booking-client';
import { manageLink } from './booking-link';
import { dayLabel } from './format';
import { Facts, PageHeading } from './page-parts';

export function Confirmation({
  created,
  office,
  language,
  onAnother,
}: {
  created: BookingCreated;
  office: PublicOffice;
  language: Language;
  onAnother: () => void;
}) {
  const t = useT();
  const link = manageLink(location.origin, created);
  return (
    <>
      <div className="booking-panel">
        <PageHeading>{t('booking.done.title')}</PageHeading>
        <p className="booking-code-label">{t('booking.done.code')}</p>
        <p className="booking-code">{created.code}</p>
        <p className="booking-code-hint">{t('booking.done.codeHint')}</p>
      </div>
      <Facts
        facts={[
          { label: t('booking.check.service'), value: created.service.name[language] },
          {
            label: t('booking.check.when'),
            value: t('booking.when', { day: dayLabel(created.day, language), time: created.time }),
          },
          { label: t('booking.done.address'), value: office.address || office.name[language] },
        ]}
      />
      <p>
        <a className="booking-link-button" href={calendarAddress(created)} download={`wizyta-${created.code}.ics`}>
          {t('booking.done.calendar')}
        </a>
      </p>
      <section className="booking-keep" aria-labelledby="booking-keep-heading">
        <h2 id="booking-keep-heading">{t('booking.done.manage')}</h2>
        <p>
          <a href={link}>{link}</a>
        </p>
        <p className="booking-warning">
          <strong>{t('booking.done.keep')}</strong>
        </p>
      </section>
      <button type="button" onClick={onAnother}>
        {t('booking.done.another')}
      </button>
    </>
  );
}
