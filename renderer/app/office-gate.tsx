/**
 * A fresh installation starts empty (no `--demo`): until the office is set up — by an admin here,
 * or by sync from the hub — the queue's screens say so instead of failing, and open by themselves
 * the moment the office arrives. Staff see how to set it up; a visitor's screen only that it is not
 * working yet. The settings screens (devices, accounts, the office's set-up) are never held back.
 */
import type { ReactNode } from 'react';
import { map } from 'rxjs';
import { formatRoute } from '../../electron/common/routes';
import { LANGUAGES } from '../../electron/common/domain/office';
import { LanguageProvider, translator, useT } from '../i18n/i18n';
import { useObservable } from './use-rx';
import { useWorkstation } from './workstation';
import './office-gate.css';

/** undefined while the database answers, then whether an office is set up. */
function useHasOffice(): boolean | undefined {
  const { db } = useWorkstation();
  return useObservable(() => db.office.findOne().$.pipe(map((doc) => doc !== null)), undefined, [db]);
}

export function OfficeGate({ audience, children }: { audience: 'staff' | 'visitor'; children: ReactNode }) {
  const hasOffice = useHasOffice();
  if (hasOffice === undefined) return <main className="screen-message" aria-busy="true" />;
  if (hasOffice) return <>{children}</>;
  return <LanguageProvider language="pl">{audience === 'staff' ? <NotSetUp /> : <NotWorkingYet />}</LanguageProvider>;
}

function NotSetUp() {
  const t = useT();
  return (
    <main className="screen-message office-not-set-up">
      <h1>{t('office.notSetUp.title')}</h1>
      <p>{t('office.notSetUp.explain')}</p>
      <p>{t('office.notSetUp.hub')}</p>
      <p>
        <a className="button" href={formatRoute({ screen: 'office' })}>
          {t('office.notSetUp.setUp')}
        </a>
      </p>
    </main>
  );
}

/** A kiosk, a board or a customer screen: in the visitor's three languages at once, nobody chose one yet. */
function NotWorkingYet() {
  return (
    <main className="screen-message">
      {LANGUAGES.map((language) => {
        const t = translator(language);
        return (
          <section key={language} lang={language}>
            <h1>{t('office.notWorking.title')}</h1>
            <p>{t('office.notWorking.explain')}</p>
          </section>
        );
      })}
    </main>
  );
}
