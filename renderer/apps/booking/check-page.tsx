/**
 * The check page before booking: the service, the time, the name and the reminder, each with its
 * own "change" button, then "Zarezerwuj". A refusal that keeps the resident here (a lost
 * connection, too many requests) is said above the button, with what was typed kept.
 */
import type { PublicOffice } from '../../../electron/common/contract/public';
import type { Language } from '../../../electron/common/domain/office';
import { useT, type Translate } from '../../i18n/i18n';
import type { Draft } from './flow';
import { dayLabel } from './format';
import { BackButton, Facts, PageHeading, ProblemBox, Sending, type Fact } from './page-parts';
import { serviceName } from './pickers';
import { sendingWords } from './problems';

export type Changeable = 'service' | 'day' | 'details';

export function CheckPage({
  draft,
  office,
  language,
  sending,
  onBook,
  onChange,
  onBack,
}: {
  draft: Draft;
  office: PublicOffice;
  language: Language;
  sending: boolean;
  onBook: () => void;
  onChange: (step: Changeable) => void;
  onBack: () => void;
}) {
  const t = useT();
  return (
    <>
      <BackButton onBack={onBack} />
      <PageHeading>{t('booking.check.title')}</PageHeading>
      <Facts facts={checkFacts(draft, office, language, t, onChange)} />
      <ProblemBox problem={draft.problem} words={draft.problem ? sendingWords(draft.problem) : undefined} />
      <button type="button" className="primary large booking-submit" disabled={sending} onClick={onBook}>
        {t('booking.check.book')}
      </button>
      <Sending sending={sending} />
    </>
  );
}

/** The rows of the check page, each with its "change" button (the clerk's check page adds the language). */
export function checkFacts(
  draft: Draft,
  office: PublicOffice,
  language: Language,
  t: Translate,
  onChange: (step: Changeable) => void,
): Fact[] {
  const change = (step: Changeable, label: Parameters<Translate>[0]) => (
    <button type="button" className="booking-change" onClick={() => onChange(step)}>
      {t(label)}
    </button>
  );
  const { details, slot } = draft;
  const contact = [details.phone.trim(), details.email.trim()].filter(Boolean).join(', ');
  return [
    {
      label: t('booking.check.service'),
      value: serviceName(office, draft.service ?? '', language),
      action: change('service', 'booking.check.changeService'),
    },
    {
      label: t('booking.check.when'),
      value: slot ? t('booking.when', { day: dayLabel(slot.day, language), time: slot.time }) : '',
      action: change('day', 'booking.check.changeWhen'),
    },
    {
      label: t('booking.check.name'),
      value: details.name.trim(),
      action: change('details', 'booking.check.changeName'),
    },
    {
      label: t('booking.check.contact'),
      value: contact || t('booking.check.noContact'),
      action: change('details', 'booking.check.changeContact'),
    },
  ];
}
