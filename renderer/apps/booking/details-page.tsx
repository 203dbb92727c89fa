/**
 * The resident's name and, only if they want a reminder, a phone or an e-mail — with why we ask.
 * Checked before going on; each problem is said next to its field and listed in a summary at the
 * top (which takes the focus), GOV.UK style. What was typed is kept when going back.
 */
import { useId, useRef, useState, type FormEvent, type MouseEvent, type RefObject } from 'react';
import { useT, type MessageId } from '../../i18n/i18n';
import { checkDetails, DETAILS_FIELDS, type DetailsField } from './details';
import type { Details } from './flow';
import { BackButton, PageHeading } from './page-parts';

type Errors = ReadonlyMap<DetailsField, MessageId>;

export function DetailsPage({
  details,
  onDone,
  onBack,
}: {
  details: Details;
  onDone: (details: Details) => void;
  onBack: (details: Details) => void;
}) {
  const t = useT();
  const [typed, setTyped] = useState(details);
  const [errors, setErrors] = useState<Errors>(new Map());
  const summary = useRef<HTMLDivElement>(null);
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkDetails(typed);
    if (checked.ok) return onDone(typed);
    setErrors(checked.errors);
    requestAnimationFrame(() => summary.current?.focus());
  };
  const field = (name: DetailsField) => ({
    id: `${id}-${name}`,
    value: typed[name],
    error: errors.get(name),
    onChange: (value: string) => setTyped((current) => ({ ...current, [name]: value })),
  });
  return (
    <>
      <BackButton onBack={() => onBack(typed)} />
      <PageHeading>{t('booking.details.title')}</PageHeading>
      <ErrorSummary errors={errors} idOf={(name) => `${id}-${name}`} summary={summary} />
      <form className="booking-form" noValidate onSubmit={submit}>
        <TextField
          {...field('name')}
          label={t('booking.details.name')}
          hint={t('booking.details.nameHint')}
          autoComplete="name"
        />
        <fieldset className="booking-fieldset" aria-describedby={`${id}-why`}>
          <legend>{t('booking.details.contact')}</legend>
          <p id={`${id}-why`} className="booking-hint">
            {t('booking.details.contactWhy')}
          </p>
          <TextField {...field('phone')} label={t('booking.details.phone')} type="tel" autoComplete="tel" />
          <TextField {...field('email')} label={t('booking.details.email')} type="email" autoComplete="email" />
        </fieldset>
        <button type="submit" className="primary booking-submit">
          {t('booking.details.continue')}
        </button>
      </form>
    </>
  );
}

/** The problems of the details, each a link to its field; takes the focus when shown (GOV.UK style). */
export function ErrorSummary({
  errors,
  idOf,
  summary,
}: {
  errors: Errors;
  idOf: (field: DetailsField) => string;
  summary: RefObject<HTMLDivElement | null>;
}) {
  const t = useT();
  if (errors.size === 0) return null;
  return (
    <div className="booking-error-summary" ref={summary} tabIndex={-1} role="alert">
      <h2>{t('booking.error.title')}</h2>
      <ul>
        {DETAILS_FIELDS.filter((name) => errors.has(name)).map((name) => (
          <li key={name}>
            <a href={`#${idOf(name)}`} onClick={(event) => focusField(event, idOf(name))}>
              {t(errors.get(name)!)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The summary's links go to their field without touching the address (which is the page's route). */
function focusField(event: MouseEvent, id: string): void {
  event.preventDefault();
  document.getElementById(id)?.focus();
}

/** One labelled field with its hint and its problem, as the booking page and the clerk's screen ask. */
export function TextField({
  id,
  label,
  hint,
  value,
  error,
  onChange,
  type = 'text',
  autoComplete,
}: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  error: MessageId | undefined;
  onChange: (value: string) => void;
  type?: 'text' | 'tel' | 'email';
  autoComplete: string;
}) {
  const t = useT();
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className={error ? 'booking-field booking-field-error' : 'booking-field'}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="booking-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="booking-field-problem">
          {t(error)}
        </p>
      ) : null}
      <input
        id={id}
        type={type}
        value={value}
        autoComplete={autoComplete}
        aria-invalid={error ? true : undefined}
        aria-describedby={described || undefined}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}
