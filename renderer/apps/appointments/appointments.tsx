/**
 * The clerk's appointments screen (`#/appointments`), opened from a counter or a supervisor's
 * desk: book a visit for a caller on the phone or at the counter, or find one by its code to move
 * or cancel it. All of it happens at the office hub, which gives each slot once, in one
 * transaction (contract/hub-appointments.ts); without the hub the screen says why it cannot book
 * and offers nothing that would look like booking. One thing per page, as on the booking page
 * (apps/booking), whose pickers, page parts and reducers serve here too.
 */
import { useContext, useState, type MouseEvent } from 'react';
import { useIntl } from 'react-intl';
import type { PublicOffice } from '../../../electron/common/contract/public';
import type { Language } from '../../../electron/common/domain/office';
import { formatRoute } from '../../../electron/common/routes';
import { useT } from '../../i18n/i18n';
import { HeadingFocus, headingFocusSwitch, PageHeading } from '../booking/page-parts';
import { FindForm } from './find-form';
import { FoundAppointment } from './found-appointment';
import { NewAppointment } from './new-appointment';
import type { StaffClient } from './staff-client';
import { useHubAccess, type HubState } from './use-hub-access';
import { denialWords } from './words';
import '../booking/booking.css';
import './appointments.css';

export function Appointments() {
  const [focus] = useState(headingFocusSwitch);
  const hub = useHubAccess();
  const ready = hub.state.state === 'ready';
  return (
    <HeadingFocus value={focus}>
      <main className="booking appointments">
        <LeaveLink />
        {ready ? null : <HubNotice state={hub.state} onRetry={hub.retry} />}
        {/* Kept while the hub is away, so what was chosen and typed is there when it is back; hidden
            and out of reach meanwhile, so nothing looks as if it could still be booked. */}
        {hub.office ? (
          <div hidden={!ready} inert={!ready}>
            <Work client={hub.client} office={hub.office} />
          </div>
        ) : null}
      </main>
    </HeadingFocus>
  );
}

/** Back to the screen this one was opened from (a counter, the supervisor's), or the list of screens. */
function LeaveLink() {
  const t = useT();
  const leave = (event: MouseEvent) => {
    if (history.length < 2) return;
    event.preventDefault();
    history.back();
  };
  return (
    <p className="appointments-leave">
      <a href={formatRoute({ screen: 'home' })} onClick={leave}>
        <span aria-hidden="true">‹ </span>
        {t('appointments.leave')}
      </a>
    </p>
  );
}

/** Why the screen cannot book now: checking, no hub, no answer, a refusal, no office. */
function HubNotice({ state, onRetry }: { state: HubState; onRetry: () => void }) {
  const t = useT();
  if (state.state === 'checking')
    return (
      <>
        <PageHeading>{t('appointments.title')}</PageHeading>
        <p className="booking-loading" role="status">
          {t('appointments.checking')}
        </p>
      </>
    );
  const [title, text] =
    state.state === 'alone'
      ? (['appointments.alone.title', 'appointments.alone.text'] as const)
      : state.state === 'denied'
        ? (['appointments.denied.title', denialWords(state.code)] as const)
        : state.state === 'no-office'
          ? (['appointments.noOffice.title', 'appointments.noOffice.text'] as const)
          : (['appointments.offline.title', 'appointments.offline.text'] as const);
  return (
    <div className="appointments-notice">
      <PageHeading>{t(title)}</PageHeading>
      <div role="alert">
        <p>{t(text)}</p>
      </div>
      {state.state === 'offline' ? <p>{t('appointments.offline.meanwhile')}</p> : null}
      {state.state === 'alone' ? null : (
        <button type="button" className="primary" onClick={onRetry}>
          {t('appointments.retry')}
        </button>
      )}
    </div>
  );
}

type Mode =
  | { readonly mode: 'start' }
  | { readonly mode: 'book' }
  /** `search` counts the searches, so the same code typed again is asked again. */
  | { readonly mode: 'found'; readonly code: string; readonly search: number };

function Work({ client, office }: { client: StaffClient; office: PublicOffice }) {
  const [mode, setMode] = useState<Mode>({ mode: 'start' });
  const [searches, setSearches] = useState(0);
  const focus = useContext(HeadingFocus);
  const language = useIntl().locale as Language;
  const go = (next: Mode) => {
    focus.arm();
    setMode(next);
  };
  const start = () => go({ mode: 'start' });
  const find = (code: string) => {
    setSearches(searches + 1);
    go({ mode: 'found', code, search: searches + 1 });
  };
  switch (mode.mode) {
    case 'start':
      return <StartPage onBook={() => go({ mode: 'book' })} onFind={find} />;
    case 'book':
      return <NewAppointment client={client} office={office} language={language} onLeave={start} />;
    case 'found':
      return (
        <FoundAppointment
          key={mode.search}
          client={client}
          office={office}
          language={language}
          code={mode.code}
          onFind={find}
          onLeave={start}
        />
      );
  }
}

function StartPage({ onBook, onFind }: { onBook: () => void; onFind: (code: string) => void }) {
  const t = useT();
  return (
    <>
      <PageHeading>{t('appointments.title')}</PageHeading>
      <p>{t('appointments.intro')}</p>
      <button type="button" className="primary large" onClick={onBook}>
        {t('appointments.book')}
      </button>
      <section className="appointments-find" aria-labelledby="appointments-find-title">
        <h2 id="appointments-find-title">{t('appointments.find.title')}</h2>
        <FindForm onFind={onFind} />
      </section>
    </>
  );
}
