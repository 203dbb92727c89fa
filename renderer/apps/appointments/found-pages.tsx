/**
 * The clerk's pages of one booking found by its code: the booking with its two actions, the
 * outcome of a move, the cancellation's confirmation and its outcome. (The move's confirmation
 * is the booking page's own: it says nothing the clerk would not.)
 */
import type { Booking } from '../../../electron/common/contract/public';
import type { Language } from '../../../electron/common/domain/office';
import { useT, type MessageId, type Translate } from '../../i18n/i18n';
import { dayLabel } from '../booking/format';
import { BackButton, Facts, PageHeading, ProblemBox, Sending, type Fact } from '../booking/page-parts';
import type { Problem } from '../booking/problems';
import { clerkWords } from './words';

interface Common {
  readonly booking: Booking;
  readonly language: Language;
  readonly problem: Problem | null;
}

function when(t: Translate, language: Language, at: { day: string; time: string }): string {
  return t('booking.when', { day: dayLabel(at.day, language), time: at.time });
}

function bookingFacts(t: Translate, booking: Booking, language: Language): Fact[] {
  return [
    { label: t('booking.manage.code'), value: <span className="booking-code-small">{booking.code}</span> },
    { label: t('booking.check.service'), value: booking.service.name[language] },
    { label: t('booking.check.when'), value: when(t, language, booking) },
    ...(booking.name ? [{ label: t('booking.manage.name'), value: booking.name }] : []),
    { label: t('booking.manage.state'), value: t(`booking.manage.state.${booking.state}` as MessageId) },
  ];
}

function Problems({ problem }: { problem: Problem | null }) {
  return <ProblemBox problem={problem} words={problem ? clerkWords(problem) : undefined} />;
}

export function ViewPage({
  onMove,
  onCancel,
  onLeave,
  booking,
  language,
  problem,
}: Common & { onMove: () => void; onCancel: () => void; onLeave: () => void }) {
  const t = useT();
  const open = booking.state === 'booked';
  return (
    <>
      <BackButton onBack={onLeave} />
      <PageHeading>{t('appointments.view.title', { code: booking.code })}</PageHeading>
      <Problems problem={problem} />
      <Facts facts={bookingFacts(t, booking, language)} />
      {open ? (
        <div className="booking-actions">
          <button type="button" className="primary" onClick={onMove}>
            {t('booking.manage.move')}
          </button>
          <button type="button" className="booking-danger-outline" onClick={onCancel}>
            {t('booking.manage.cancel')}
          </button>
        </div>
      ) : problem === 'booking-closed' ? null : (
        <p>{t('appointments.problem.booking-closed')}</p>
      )}
    </>
  );
}

export function MovedPage({
  onReturn,
  onLeave,
  booking,
  language,
}: Common & { onReturn: () => void; onLeave: () => void }) {
  const t = useT();
  return (
    <>
      <div className="booking-panel">
        <PageHeading>{t('booking.move.done')}</PageHeading>
        <p className="booking-panel-when">{when(t, language, booking)}</p>
      </div>
      <p>{t('appointments.moved.sameCode', { code: booking.code })}</p>
      <div className="booking-actions">
        <button type="button" onClick={onReturn}>
          {t('booking.manage.return')}
        </button>
        <button type="button" className="primary" onClick={onLeave}>
          {t('appointments.finish')}
        </button>
      </div>
    </>
  );
}

export function CancelPage({
  sending,
  onConfirm,
  onKeep,
  booking,
  language,
  problem,
}: Common & { sending: boolean; onConfirm: () => void; onKeep: () => void }) {
  const t = useT();
  return (
    <>
      <BackButton onBack={onKeep} />
      <PageHeading>{t('appointments.cancel.title', { code: booking.code })}</PageHeading>
      <Facts
        facts={[
          { label: t('booking.check.service'), value: booking.service.name[language] },
          { label: t('booking.check.when'), value: when(t, language, booking) },
          ...(booking.name ? [{ label: t('booking.manage.name'), value: booking.name }] : []),
        ]}
      />
      <p>{t('appointments.cancel.explain')}</p>
      <Problems problem={problem} />
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

export function CancelledPage({ booking, onLeave }: Common & { onLeave: () => void }) {
  const t = useT();
  return (
    <>
      <PageHeading>{t('booking.cancel.done')}</PageHeading>
      <p>{t('appointments.cancelled.text', { code: booking.code })}</p>
      <button type="button" className="primary" onClick={onLeave}>
        {t('appointments.finish')}
      </button>
    </>
  );
}
