/**
 * `#/settings/office`: the admin sets the office up — the office and its hours, what tickets carry,
 * the priority rule in words, the services, the counters — as one draft of the configuration file
 * (domain/office-config.ts), checked whole by the file's own rules before anything is written, and
 * exported or imported as that file. Whoever is not an admin reads who sets the office up.
 */
import { useIntl } from 'react-intl';
import { SCREEN_ACTIONS } from '../../../electron/common/access/station-access';
import type { Language } from '../../../electron/common/domain/office';
import { useMayUse } from '../../app/use-may-use';
import { useT } from '../../i18n/i18n';
import { ConfigFileSection } from './config-file';
import { CountersSection } from './counters-section';
import { OfficeFormContext } from './form';
import { HoursSection } from './hours-section';
import { OfficeSection, TicketsSection } from './office-section';
import { OutcomeLine } from './outcome-line';
import { PriorityRuleEditor } from './priority-rule';
import { ProblemSummary } from './problem-summary';
import { ServicesSection } from './services-section';
import { useConfigFile } from './use-config-file';
import { useOfficeSetup } from './use-office-setup';
import './office.css';

export function OfficeSetup() {
  const t = useT();
  const maySetUp = useMayUse(SCREEN_ACTIONS['office.setUp']);
  if (maySetUp) return <OfficeEditor />;
  return (
    <main className="office">
      <h1>{t('office.title')}</h1>
      <p>{t('office.adminOnly')}</p>
    </main>
  );
}

function OfficeEditor() {
  const t = useT();
  const language = useIntl().locale as Language;
  const setup = useOfficeSetup();
  const file = useConfigFile(setup);
  const { form } = setup;
  if (!form)
    return (
      <main className="office" aria-busy="true">
        <h1>{t('office.title')}</h1>
        <p>{t('office.loading')}</p>
      </main>
    );
  return (
    <main className="office">
      <h1>{t('office.title')}</h1>
      <p>{t(form.saved ? 'office.explain' : 'office.explain.new')}</p>
      {setup.problems.length > 0 && <ProblemSummary problems={setup.problems} summaryRef={setup.summaryRef} />}
      <OfficeFormContext.Provider value={form}>
        <form onSubmit={setup.save} noValidate aria-label={t('office.form')}>
          <OfficeSection />
          <HoursSection />
          <TicketsSection />
          <PriorityRuleEditor />
          <ServicesSection language={language} />
          <CountersSection />
          <div className="office-save">
            <button type="submit" className="primary" disabled={setup.busy}>
              {t('office.save')}
            </button>
            <OutcomeLine outcome={setup.outcome} />
          </div>
        </form>
      </OfficeFormContext.Provider>
      <ConfigFileSection file={file} saved={form.saved} busy={setup.busy} />
      {setup.dialog}
    </main>
  );
}
