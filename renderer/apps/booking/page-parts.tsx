/**
 * The pieces every page of the booking flow is made of: its heading (which takes the focus when
 * the page changes, so a screen reader reads the new page, and names the tab), the back button, a
 * problem said in words (an alert), loading and a failed load with "try again", the language
 * buttons, and a list of facts (service, time, …).
 */
import { createContext, useContext, useEffect, useRef, type ReactNode } from 'react';
import { formatRoute } from '../../../electron/common/routes';
import { useT, type MessageId } from '../../i18n/i18n';
import { problemWords, type Problem } from './problems';

/**
 * Whether the next page's heading takes the focus when it appears: armed by `useNavigate` when the
 * resident moves on, so the first page of a visit leaves the focus where the browser put it.
 */
export interface HeadingFocusSwitch {
  readonly arm: () => void;
  readonly armed: () => boolean;
}

export function headingFocusSwitch(): HeadingFocusSwitch {
  let armed = false;
  return { arm: () => (armed = true), armed: () => armed };
}

export const HeadingFocus = createContext<HeadingFocusSwitch>(headingFocusSwitch());

/** `dispatch`, arming the next page's heading to take the focus. */
export function useNavigate<A>(dispatch: (action: A) => void): (action: A) => void {
  const focus = useContext(HeadingFocus);
  return (action) => {
    focus.arm();
    dispatch(action);
  };
}

export function PageHeading({ children }: { children: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const focus = useContext(HeadingFocus);
  const t = useT();
  const suffix = t('booking.title');
  useEffect(() => {
    if (focus.armed()) heading.current?.focus();
  }, [focus]);
  useEffect(() => {
    document.title = children === suffix ? suffix : `${children} — ${suffix}`;
  }, [children, suffix]);
  return (
    <h1 className="booking-heading" ref={heading} tabIndex={-1}>
      {children}
    </h1>
  );
}

export function BackButton({ onBack }: { onBack: () => void }) {
  const t = useT();
  return (
    <button type="button" className="booking-back" onClick={onBack}>
      <span aria-hidden="true">‹ </span>
      {t('booking.back')}
    </button>
  );
}

/** A problem in words; `words` overrides the usual wording (e.g. "what you typed is kept"). */
export function ProblemBox({ problem, words }: { problem: Problem | null; words?: MessageId }) {
  const t = useT();
  return (
    <div role="alert" className="booking-alert-region">
      {problem ? <p className="booking-problem">{t(words ?? problemWords(problem))}</p> : null}
    </div>
  );
}

export function Loading() {
  const t = useT();
  return (
    <p className="booking-loading" role="status">
      {t('booking.loading')}
    </p>
  );
}

/** "Wysyłamy…" while a booking, a move or a cancellation is on its way; a live region from the start. */
export function Sending({ sending }: { sending: boolean }) {
  const t = useT();
  return (
    <p className="booking-loading" role="status">
      {sending ? t('booking.check.sending') : null}
    </p>
  );
}

/** A load that failed: why, and a button to ask again. */
export function Failed({ problem, onRetry }: { problem: Problem; onRetry: () => void }) {
  const t = useT();
  return (
    <div className="booking-failed">
      <ProblemBox problem={problem} />
      <button type="button" onClick={onRetry}>
        {t('booking.retry')}
      </button>
    </div>
  );
}

export interface Fact {
  readonly label: string;
  readonly value: ReactNode;
  /** A button after the value ("Zmień termin"). */
  readonly action?: ReactNode;
}

export function Facts({ facts }: { facts: readonly Fact[] }) {
  return (
    <dl className="booking-facts">
      {facts.map((fact) => (
        <div key={fact.label} className="booking-fact">
          <dt>{fact.label}</dt>
          <dd>{fact.value}</dd>
          {fact.action ? <dd className="booking-fact-action">{fact.action}</dd> : null}
        </div>
      ))}
    </dl>
  );
}

/** Where a booking's pages end when nothing more can be done with it: a new booking, a link away. */
export function NewBookingLink() {
  const t = useT();
  return (
    <p>
      <a className="booking-link-button" href={formatRoute({ screen: 'booking' })}>
        {t('booking.manage.new')}
      </a>
    </p>
  );
}
