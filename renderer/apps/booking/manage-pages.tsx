/**
 * The pages of managing one booking: the booking itself with its two actions, the move's
 * confirmation and outcome, the cancellation's confirmation and outcome.
 */
import type { Booking, PublicOffice } from '../../../electron/common/contract/public';
import type { Language } from '../../../electron/common/domain/office';
import { useT, type MessageId, type Translate } from '../../i18n/i18n';
import { calendarAddress, type BookingHandle } from './booking-client';
import type { FreeSlot } from './days';
import { dayLabel } from './format';
import { BackButton, Facts, NewBookingLink, PageHeading, ProblemBox, Sending } from './page-parts';
import { sendingWords, type Problem } from './problems';

interface Common {
  readonly booking: Booking;
  readonly handle: BookingHandle;
  readonly office: PublicOffice;
  readonly language: Language;
  readonly problem: Problem | null;
}

function when(t: Translate, language: Language, at: { day: string; time: string }): string {
  return t('booking.when', { day: dayLabel(at.day, language), time: at.time });
}

export function ViewPage({ onMove, onCancel, ...common }: Common & { onMove: () => void; onCancel: () => void }) {
  const t = useT();
  const { booking, handle, office, language, problem } = common;
  const open = booking.state === 'booked';
  return (
    <>
      <PageHeading>{t('booking.manage.title')}</PageHeading>
      <ProblemBox problem={problem} />
      <Facts
        facts={[
          { label: t('booking.manage.code'), value: <span className="booking-code-small">{booking.code}</span> },
          { label: t('booking.check.service'), value: booking.service.name[language] },
          { label: t('booking.check.when'), value: when(t, language, booking) },
          { label: t('booking.done.address'), value: office.address || office.name[language] },
          ...(booking.name ? [{ label: t('booking.manage.name'), value: booking.name }] : []),
          { label: t('booking.manage.state'), value: t(`booking.manage.state.${booking.state}` as MessageId) },
        ]}
      />
      {open ? (
        <>
          <p>
            <a className="booking-link-button" href={calendarAddress(handle)} download={`wizyta-${booking.code}.ics`}>
              {t('booking.done.calendar')}
            </a>
          </p>
          <div className="booking-actions">
            <button type="button" className="primary" onClick={onMove}>
              {t('booking.manage.move')}
            </button>
            <button type="button" className="booking-danger-outline" onClick={onCancel}>
              {t('booking.manage.cancel')}
            </button>
          </div>
        </>
      ) : (
        <ClosedBooking problem={problem} />
      )}
    </>
  );
}

/** A booking checked in, cancelled or missed: nothing to change; a new one is a link away. */
function ClosedBooking({ problem }: { problem: Problem | null }) {
  const t = useT();
  return (
    <>
      {problem === 'booking-closed' ? null : <p>{t('booking.problem.booking-closed')}</p>}
      <NewBookingLink />
    </>
  );
}

export function MovePage({
  slot,
  sending,
  onConfirm,
  onBack,
  ...common
}: Common & { slot: FreeSlot; sending: boolean; onConfirm: () => void; onBack: () => void }) {
  const t = useT();
  const { booking, language, problem } = common;
  return (
    <>
      <BackButton onBack={onBack} />
      <PageHeading>{t('booking.move.title')}</PageHeading>
      <Facts
        facts={[
          { label: t('booking.check.service'), value: booking.service.name[language] },
          { label: t('booking.move.from'), value: when(t, language, booking) },
          { label: t('booking.move.to'), value: <strong>{when(t, language, slot)}</strong> },
        ]}
      />
      <ProblemBox problem={problem} words={problem ? sendingWords(problem) : undefined} />
      <button type="button" className="primary large booking-submit" disabled={sending} onClick={onConfirm}>
        {t('booking.move.confirm')}
      </button>
      <Sending sending={sending} />
    </>
  );
}

export function MovedPage({ onReturn, ...common }: Common & { onReturn: () => void }) {
  const t = useT();
  const { booking, handle, language } = common;
  return (
    <>
      <div className="booking-panel">
        <PageHeading>{t('booking.move.done')}</PageHeading>
        <p className="booking-panel-when">{when(t, language, booking)}</p>
      </div>
      <p>{t('booking.move.sameCode', { code: booking.code })}</p>
      <p>
        <a className="booking-link-button" href={calendarAddress(handle)} download={`wizyta-${booking.code}.ics`}>
          {t('booking.move.calendar')}
        </a>
      </p>
      <button type="button" onClick={onReturn}>
        {t('booking.manage.return')}
      </button>
    </>
  );
}

export function CancelPage({
  sending,
  onConfirm,
  onKeep,
  ...common
}: Common & { sending: boolean; onConfirm: () => void; onKeep: () => void }) {
  const t = useT();
  const { booking, language, problem } = common;
  return (
    <>
      <BackButton onBack={onKeep} />
      <PageHeading>{t('booking.cancel.title')}</PageHeading>
      <Facts
        facts={[
          { label: t('booking.check.service'), value: booking.service.name[language] },
          { label: t('booking.check.when'), value: when(t, language, booking) },
        ]}
      />
      <p>{t('booking.cancel.explain')}</p>
      <ProblemBox problem={problem} words={problem ? sendingWords(problem) : undefined} />
      <div className="booking-actions">
        <button type="button" className="danger" disabled={sending} onClick={onConfirm}>
          {t('booking.cancel.confirm')}
        </button>
        <button type="button" onClick={onKeep}>
          {t('booking.cancel.keep')}
        </button>
      </div>
      <Sending sending={sending} />
    </>
  );
}

export function CancelledPage() {
  const t = useT();
  return (
    <>
      <PageHeading>{t('booking.cancel.done')}</PageHeading>
      <p>{t('booking.cancel.thanks')}</p>
      <NewBookingLink />
    </>
  );
}
