/** The launcher a browser shows at `/`: every screen this workstation can be. */
import { formatRoute } from '../../../electron/common/routes';
import { useCounters } from '../../app/data';
import { useWorkstation } from '../../app/workstation';
import { useT } from '../../i18n/i18n';

export function Home({ notFound }: { notFound: boolean }) {
  const t = useT();
  const counters = useCounters();
  const { settingsProblems } = useWorkstation();
  return (
    <main className="home">
      <h1>{t('app.title')}</h1>
      {notFound && <p role="alert">{t('app.notFound')}</p>}
      {settingsProblems.map((problem) => (
        <p key={problem.field} role="alert" className="warning">
          {t('app.settingsProblem', { field: problem.field, message: problem.message })}
        </p>
      ))}
      <nav aria-label={t('app.home')}>
        <h2>{t('app.home')}</h2>
        <ul className="home-links">
          <li>
            <a href={formatRoute({ screen: 'kiosk' })}>{t('app.home.kiosk')}</a>
          </li>
          {counters.map((counter) => (
            <li key={counter.id}>
              <a href={formatRoute({ screen: 'counter', number: counter.number })}>
                {t('app.home.counter', { number: counter.number })}
              </a>{' '}
              (
              <a href={formatRoute({ screen: 'customer', number: counter.number })}>
                {t('app.home.customer', { number: counter.number })}
              </a>
              )
            </li>
          ))}
          <li>
            <a href={formatRoute({ screen: 'board' })}>{t('app.home.board')}</a>
          </li>
          <li>
            <a href={formatRoute({ screen: 'supervisor' })}>{t('app.home.supervisor')}</a>
          </li>
          <li>
            <a href={formatRoute({ screen: 'devices' })}>{t('app.home.devices')}</a>
          </li>
          <li>
            <a href={formatRoute({ screen: 'accounts' })}>{t('app.home.accounts')}</a>
          </li>
          <li>
            <a href={formatRoute({ screen: 'office' })}>{t('app.home.office')}</a>
          </li>
        </ul>
      </nav>
    </main>
  );
}
