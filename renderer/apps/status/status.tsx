/**
 * A ticket's status page (`#/status/<id>`), what the QR code on the ticket opens on a visitor's
 * phone: the hub serves it with no sign-in, no station and no local database, and it asks only the
 * hub's public route on its own origin. Large, plain text, Polish first with English and Ukrainian
 * a tap away; the call is announced to a screen reader (role=status) the moment it comes.
 */
import { useEffect, useState } from 'react';
import type { TicketStatus } from '../../../electron/common/contract/public';
import type { Language } from '../../../electron/common/domain/office';
import { LanguageProvider, useT, type Translate } from '../../i18n/i18n';
import type { StatusView } from './status-poller';
import { useTicketStatus } from './use-ticket-status';
import './status.css';
import { LanguageButtons } from '../../app/language-buttons';

export function StatusPage({ id }: { id: string }) {
  const [language, setLanguage] = useState<Language>('pl');
  const view = useTicketStatus(id);
  return (
    <LanguageProvider language={language}>
      <StatusScreen view={view} language={language} onLanguage={setLanguage} />
    </LanguageProvider>
  );
}

function StatusScreen({
  view,
  language,
  onLanguage,
}: {
  view: StatusView;
  language: Language;
  onLanguage: (language: Language) => void;
}) {
  const t = useT();
  const { status } = view;
  useDocumentTitle(view, t);
  const office = status?.office[language];
  return (
    <main className="status" lang={language} aria-busy={!status && !view.unknown && !view.lost}>
      <div className="status-top">
        {office ? <p className="status-office">{office}</p> : null}
        <LanguageButtons className="status-languages" language={language} onLanguage={onLanguage} />
      </div>
      {view.unknown ? (
        <UnknownTicket />
      ) : status ? (
        <TicketPlace status={status} language={language} />
      ) : (
        <>
          <h1 className="status-heading">{t('status.title')}</h1>
          <p className="status-line">{t('status.loading')}</p>
        </>
      )}
      <Connection view={view} language={language} />
    </main>
  );
}

/** The number, the matter, and where the ticket stands; the last part is a live region. */
function TicketPlace({ status, language }: { status: TicketStatus; language: Language }) {
  const t = useT();
  return (
    <>
      <h1 className="status-heading status-number">{t('status.number', { number: status.number })}</h1>
      <p className="status-service">{status.service[language]}</p>
      {/* One element for every state, so a screen reader announces each change, the call above all. */}
      <div className="status-now" role="status">
        <StateLines status={status} />
      </div>
    </>
  );
}

function StateLines({ status }: { status: TicketStatus }) {
  const t = useT();
  switch (status.state) {
    case 'waiting':
      return (
        <>
          <p className="status-line status-ahead">{t('status.ahead', { count: status.ahead })}</p>
          {status.ahead > 0 && status.estimatedMinutes > 0 ? (
            <p className="status-line">{t('status.wait', { minutes: status.estimatedMinutes })}</p>
          ) : null}
        </>
      );
    case 'called':
      return <p className="status-call">{t('status.called', { counter: status.counter })}</p>;
    case 'serving':
      return <p className="status-line">{t('status.serving', { counter: status.counter })}</p>;
    case 'done':
      return <p className="status-line">{t('status.done')}</p>;
    case 'gone':
      return <p className="status-line">{t('status.gone')}</p>;
  }
}

function UnknownTicket() {
  const t = useT();
  return (
    <>
      <h1 className="status-heading">{t('status.unknown')}</h1>
      <p className="status-line">{t('status.unknown.hint')}</p>
    </>
  );
}

/**
 * When the page last heard from the hub, and, in a live region present from the start, that the
 * connection is lost and the page keeps trying.
 */
function Connection({ view, language }: { view: StatusView; language: Language }) {
  const t = useT();
  const time =
    view.checkedAt === null
      ? null
      : new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' }).format(view.checkedAt);
  return (
    <footer className="status-footer">
      <div role="status">{view.lost ? <p className="status-lost">{t('status.lost')}</p> : null}</div>
      {time ? <p className="status-updated">{t('status.updated', { time })}</p> : null}
    </footer>
  );
}

/** The tab's title says the news too: a visitor in another tab sees "Zapraszamy do stanowiska 4". */
function useDocumentTitle(view: StatusView, t: Translate): void {
  const { status } = view;
  const title = !status
    ? t(view.unknown ? 'status.unknown' : 'status.title')
    : status.state === 'called'
      ? `${t('status.called', { counter: status.counter })} — ${status.number}`
      : `${status.number} — ${t('status.title')}`;
  useEffect(() => {
    document.title = title;
  }, [title]);
}
