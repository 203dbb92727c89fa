import { useEffect, useState } from 'react';
import { Board } from '../apps/board/board';
import { Counter } from '../apps/counter/counter';
import { Home } from '../apps/home/home';
import { Kiosk } from '../apps/kiosk/kiosk';
import { Supervisor } from '../apps/supervisor/supervisor';
import { LanguageProvider, translator } from '../i18n/i18n';
import { useRoute } from './router';
import { startWorkstation, WorkstationContext, type Workstation } from './workstation';

export function App() {
  const route = useRoute();
  const [workstation, setWorkstation] = useState<Workstation | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    startWorkstation().then(
      (started) => {
        if (!cancelled) setWorkstation(started);
      },
      (error: unknown) => {
        console.error('start-up failed', error);
        if (!cancelled) setFailure(error instanceof Error ? error.message : String(error));
      },
    );
    return () => {
      cancelled = true;
    };
  }, []);

  const t = translator('pl');
  if (failure) {
    return (
      <main className="screen-message" role="alert">
        <p>{t('app.failed', { reason: failure })}</p>
      </main>
    );
  }
  if (!workstation) {
    return (
      <main className="screen-message" aria-busy="true">
        <p>{t('app.loading')}</p>
      </main>
    );
  }
  return (
    <WorkstationContext.Provider value={workstation}>
      {route.screen === 'kiosk' ? (
        <Kiosk />
      ) : route.screen === 'counter' ? (
        <LanguageProvider language="pl">
          <Counter number={route.number} />
        </LanguageProvider>
      ) : route.screen === 'board' ? (
        <Board />
      ) : route.screen === 'supervisor' ? (
        <LanguageProvider language="pl">
          <Supervisor />
        </LanguageProvider>
      ) : (
        <LanguageProvider language="pl">
          <Home notFound={route.screen === 'not-found'} />
        </LanguageProvider>
      )}
    </WorkstationContext.Provider>
  );
}
