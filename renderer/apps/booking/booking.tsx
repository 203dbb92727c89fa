/**
 * The public booking page (`#/booking`, and `#/booking/<code>-<key>` for one booking), served by
 * the office hub to residents' browsers with no install, no sign-in, no station and no local
 * database: it asks only the hub's public routes on its own origin (booking-client.ts). Polish
 * first, English and Ukrainian a tap away; one thing per page.
 */
import { useState } from 'react';
import type { PublicOffice } from '../../../electron/common/contract/public';
import type { Language } from '../../../electron/common/domain/office';
import { LanguageProvider, useT } from '../../i18n/i18n';
import { browserClient, type BookingClient } from './booking-client';
import { parseManage } from './booking-link';
import { ManageBooking } from './manage';
import { NewBooking } from './new-booking';
import { LanguageButtons } from '../../app/language-buttons';
import { Failed, HeadingFocus, headingFocusSwitch, Loading, PageHeading } from './page-parts';
import { useLoaded, type Loaded } from './use-loaded';
import './booking.css';

/** `manage`: the `<code>-<key>` segment of a booking's link; absent for a new booking. */
export function BookingPage({ manage, client = browserClient }: { manage?: string; client?: BookingClient }) {
  const [language, setLanguage] = useState<Language>('pl');
  const [focus] = useState(headingFocusSwitch);
  const office = useLoaded('office', () => client.office());
  const ready = office.loaded.state === 'ready' ? office.loaded.value : null;
  return (
    <LanguageProvider language={language}>
      <HeadingFocus value={focus}>
        <main className="booking" lang={language}>
          <div className="booking-top">
            {ready ? <p className="booking-office">{ready.name[language]}</p> : null}
            <LanguageButtons className="booking-languages" language={language} onLanguage={setLanguage} />
          </div>
          {ready ? (
            <Flow client={client} office={ready} language={language} manage={manage} />
          ) : (
            <OfficeLoading loaded={office.loaded} onRetry={office.retry} />
          )}
        </main>
      </HeadingFocus>
    </LanguageProvider>
  );
}

function Flow({
  client,
  office,
  language,
  manage,
}: {
  client: BookingClient;
  office: PublicOffice;
  language: Language;
  manage: string | undefined;
}) {
  if (manage === undefined) return <NewBooking client={client} office={office} language={language} />;
  return <ManageBooking client={client} office={office} language={language} handle={parseManage(manage)} />;
}

function OfficeLoading({ loaded, onRetry }: { loaded: Loaded<PublicOffice>; onRetry: () => void }) {
  const t = useT();
  return (
    <>
      <PageHeading>{t('booking.title')}</PageHeading>
      {loaded.state === 'failed' ? <Failed problem={loaded.problem} onRetry={onRetry} /> : <Loading />}
    </>
  );
}
