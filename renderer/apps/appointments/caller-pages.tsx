/**
 * The clerk's own pages of a new booking, where the booking page's speak to the resident: the
 * service (only those the hub lets anyone book: with availability rules), the caller's details
 * with their language, and the check page to read back before "Zarezerwuj". The fields, the
 * problem summary and the facts list are the booking page's.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import type { PublicOffice } from '../../../electron/common/contract/public';
import { LANGUAGES, type Language } from '../../../electron/common/domain/office';
import { useT, type MessageId, type Translate } from '../../i18n/i18n';
import { checkDetails, type DetailsField } from '../booking/details';
import { ErrorSummary, TextField } from '../booking/details-page';
import type { Details, Draft } from '../booking/flow';
import { checkFacts, type Changeable } from '../booking/check-page';
import { BackButton, Facts, PageHeading, ProblemBox, Sending, type Fact } from '../booking/page-parts';
import type { Problem } from '../booking/problems';
import { clerkWords } from './words';

export function ServiceChoicePage({
  office,
  language,
  problem,
  onPick,
  onBack,
}: {
  office: PublicOffice;
  language: Language;
  problem: Problem | null;
  onPick: (service: string) => void;
  onBack: () => void;
}) {
  const t = useT();
  return (
    <>
      <BackButton onBack={onBack} />
      <PageHeading>{t('appointments.service.title')}</PageHeading>
      <ProblemBox problem={problem} words={problem ? clerkWords(problem) : undefined} />
      {office.services.length === 0 ? (
        <p>{t('appointments.service.none')}</p>
      ) : (
        <ul className="booking-choices">
          {office.services.map((service) => (
            <li key={service.id}>
              <button type="button" className="booking-choice" onClick={() => onPick(service.id)}>
                {service.name[language]}
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

type Errors = ReadonlyMap<DetailsField, MessageId>;

/** The caller's name, a phone or an e-mail only if they want a reminder, and their language. */
export function CallerDetailsPage({
  details,
  language,
  onDone,
  onBack,
}: {
  details: Details;
  language: Language;
  onDone: (details: Details, language: Language) => void;
  onBack: (details: Details, language: Language) => void;
}) {
  const t = useT();
  const [typed, setTyped] = useState(details);
  const [spoken, setSpoken] = useState(language);
  const [errors, setErrors] = useState<Errors>(new Map());
  const summary = useRef<HTMLDivElement>(null);
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkDetails(typed);
    if (checked.ok) return onDone(typed, spoken);
    setErrors(checked.errors);
    requestAnimationFrame(() => summary.current?.focus());
  };
  // Someone else's details: the browser must not offer the clerk's own.
  const field = (name: DetailsField) => ({
    id: `${id}-${name}`,
    value: typed[name],
    error: errors.get(name),
    autoComplete: 'off',
    onChange: (value: string) => setTyped((current) => ({ ...current, [name]: value })),
  });
  return (
    <>
      <BackButton onBack={() => onBack(typed, spoken)} />
      <PageHeading>{t('appointments.details.title')}</PageHeading>
      <ErrorSummary errors={errors} idOf={(name) => `${id}-${name}`} summary={summary} />
      <form className="booking-form" noValidate onSubmit={submit}>
        <TextField {...field('name')} label={t('booking.details.name')} hint={t('appointments.details.nameHint')} />
        <fieldset className="booking-fieldset" aria-describedby={`${id}-why`}>
          <legend>{t('appointments.details.contact')}</legend>
          <p id={`${id}-why`} className="booking-hint">
            {t('appointments.details.contactWhy')}
          </p>
          <TextField {...field('phone')} label={t('booking.details.phone')} type="tel" />
          <TextField {...field('email')} label={t('booking.details.email')} type="email" />
        </fieldset>
        <LanguageChoice language={spoken} onLanguage={setSpoken} />
        <button type="submit" className="primary booking-submit">
          {t('booking.details.continue')}
        </button>
      </form>
    </>
  );
}

function LanguageChoice({ language, onLanguage }: { language: Language; onLanguage: (language: Language) => void }) {
  const t = useT();
  const name = useId();
  return (
    <fieldset className="booking-fieldset appointments-languages">
      <legend>{t('appointments.details.language')}</legend>
      {LANGUAGES.map((code) => (
        <label key={code} lang={code}>
          <input type="radio" name={name} value={code} checked={language === code} onChange={() => onLanguage(code)} />
          {t(`language.${code}` as MessageId)}
        </label>
      ))}
    </fieldset>
  );
}

/** Everything read back to the caller, each with its "change", then "Zarezerwuj". */
export function CallerCheckPage({
  draft,
  office,
  language,
  caller,
  sending,
  onBook,
  onChange,
  onBack,
}: {
  draft: Draft;
  office: PublicOffice;
  language: Language;
  caller: Language;
  sending: boolean;
  onBook: () => void;
  onChange: (step: Changeable) => void;
  onBack: () => void;
}) {
  const t = useT();
  return (
    <>
      <BackButton onBack={onBack} />
      <PageHeading>{t('appointments.check.title')}</PageHeading>
      <Facts facts={callerFacts(draft, office, language, caller, t, onChange)} />
      <ProblemBox problem={draft.problem} words={draft.problem ? clerkWords(draft.problem) : undefined} />
      <button type="button" className="primary large booking-submit" disabled={sending} onClick={onBook}>
        {t('booking.check.book')}
      </button>
      <Sending sending={sending} />
    </>
  );
}

function callerFacts(
  draft: Draft,
  office: PublicOffice,
  language: Language,
  caller: Language,
  t: Translate,
  onChange: (step: Changeable) => void,
): Fact[] {
  return [
    ...checkFacts(draft, office, language, t, onChange),
    {
      label: t('appointments.check.language'),
      value: <span lang={caller}>{t(`language.${caller}` as MessageId)}</span>,
      action: (
        <button type="button" className="booking-change" onClick={() => onChange('details')}>
          {t('appointments.check.changeLanguage')}
        </button>
      ),
    },
  ];
}
