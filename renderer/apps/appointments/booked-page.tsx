/**
 * The booking made: its six-digit code in large type, to read out on the phone or hand over at
 * the counter, what was booked, and — where the counter has a ticket printer — a slip with the
 * code in the caller's language (slip.ts).
 */
import { useState } from 'react';
import type { BookingCreated, PublicOffice } from '../../../electron/common/contract/public';
import type { Language } from '../../../electron/common/domain/office';
import { usePrinterState } from '../../app/printer';
import { useWorkstation } from '../../app/workstation';
import { errorMessage } from '../../i18n/error-messages';
import { useT } from '../../i18n/i18n';
import { dayLabel } from '../booking/format';
import { Facts, PageHeading } from '../booking/page-parts';
import { printBookingSlip } from './slip';

export function BookedPage({
  created,
  office,
  language,
  caller,
  onAnother,
  onLeave,
}: {
  created: BookingCreated;
  office: PublicOffice;
  language: Language;
  caller: Language;
  onAnother: () => void;
  onLeave: () => void;
}) {
  const t = useT();
  return (
    <>
      <div className="booking-panel">
        <PageHeading>{t('booking.done.title')}</PageHeading>
        <p className="booking-code-label">{t('booking.manage.code')}</p>
        <p className="booking-code">{created.code}</p>
        <p className="booking-code-hint">{t('appointments.done.readOut')}</p>
      </div>
      <Facts
        facts={[
          { label: t('booking.check.service'), value: created.service.name[language] },
          {
            label: t('booking.check.when'),
            value: t('booking.when', { day: dayLabel(created.day, language), time: created.time }),
          },
          { label: t('booking.check.name'), value: created.name },
        ]}
      />
      <p>{t('appointments.done.manage')}</p>
      <PrintSlip created={created} office={office} caller={caller} />
      <div className="booking-actions">
        <button type="button" className="primary" onClick={onAnother}>
          {t('appointments.done.another')}
        </button>
        <button type="button" onClick={onLeave}>
          {t('appointments.finish')}
        </button>
      </div>
    </>
  );
}

/** "Wydrukuj potwierdzenie" where a printer is set up; what became of it, said. */
function PrintSlip({ created, office, caller }: { created: BookingCreated; office: PublicOffice; caller: Language }) {
  const t = useT();
  const { api } = useWorkstation();
  const printer = usePrinterState();
  const [outcome, setOutcome] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!printer || printer.status === 'not-configured') return null;
  const print = () => {
    setBusy(true);
    void printBookingSlip(api, created, office, caller).then((reply) => {
      setBusy(false);
      setOutcome(
        reply.ok
          ? t('appointments.done.printed')
          : t('appointments.done.notPrinted', { reason: t(errorMessage(reply.error.code, 'device')) }),
      );
    });
  };
  return (
    <div className="appointments-print">
      <button type="button" disabled={busy} onClick={print}>
        {t('appointments.done.print')}
      </button>
      <p role="status">{outcome ?? ''}</p>
    </div>
  );
}
