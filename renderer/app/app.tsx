import { useEffect, useState, type ReactNode } from 'react';
import { formatRoute, type Route } from '../../electron/common/routes';
import { Board } from '../apps/board/board';
import { Counter } from '../apps/counter/counter';
import { CustomerScreen } from '../apps/assist/customer';
import { Home } from '../apps/home/home';
import { Kiosk } from '../apps/kiosk/kiosk';
import { Feedback } from '../apps/feedback/feedback';
import { Accounts } from '../apps/settings/accounts';
import { Appointments } from '../apps/appointments/appointments';
import { Reports } from '../apps/reports/reports';
import { OfficeSetup } from '../apps/office/office';
import { PairScreen } from '../apps/settings/pairing';
import { Devices } from '../apps/settings/devices';
import { Supervisor } from '../apps/supervisor/supervisor';
import { HubBoard } from '../apps/board/hub-board';
import { StatusPage } from '../apps/status/status';
import { BookingPage } from '../apps/booking/booking';
import { LanguageProvider, translator, useT } from '../i18n/i18n';
import { useRoute } from './router';
import { SignInGate } from './session';
import { SyncStatusBar } from './sync-status';
import { OfficeGate } from './office-gate';
import { startWorkstation, WorkstationContext, type Workstation } from './workstation';

/**
 * Where this page runs: on a workstation (Electron or the browser host, with a station behind it)
 * or on the office hub, which serves the board to waiting-room TVs and has no station.
 */
async function detectRuntime(): Promise<'workstation' | 'hub'> {
  try {
    const response = await fetch('./runtime.json', { cache: 'no-store' });
    if (!response.ok) return 'workstation';
    const body = (await response.json()) as { mode?: unknown };
    return body.mode === 'hub' ? 'hub' : 'workstation';
  } catch {
    return 'workstation';
  }
}

export function App() {
  const route = useRoute();
  const [runtime, setRuntime] = useState<'workstation' | 'hub' | null>(null);
  useEffect(() => {
    void detectRuntime().then(setRuntime);
  }, []);
  // A ticket's status page talks to the hub's public route only: no station, no database, no wait.
  if (route.screen === 'status') return <StatusPage key={route.id} id={route.id} />;
  // So does the public booking page: a resident's browser with nothing installed.
  if (route.screen === 'booking') return <BookingPage key={route.manage ?? ''} manage={route.manage} />;
  if (runtime === null) return <main className="screen-message" aria-busy="true" />;
  // A screen on another machine pairs first: no station answers it before.
  if (route.screen === 'pair')
    return (
      <LanguageProvider language="pl">
        <PairScreen />
      </LanguageProvider>
    );
  if (runtime === 'hub') {
    return route.screen === 'board' ? (
      <HubBoard />
    ) : (
      <LanguageProvider language="pl">
        <HubHome />
      </LanguageProvider>
    );
  }
  return <WorkstationApp />;
}

function HubHome() {
  const t = useT();
  return (
    <main className="home">
      <h1>{t('hub.title')}</h1>
      <p>{t('hub.explain')}</p>
      <p>
        <a href={formatRoute({ screen: 'board' })}>{t('app.home.board')}</a>
      </p>
      <p>
        <a href={formatRoute({ screen: 'booking' })}>{t('booking.title')}</a>
      </p>
    </main>
  );
}

function WorkstationApp() {
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
      <WorkstationScreen route={route} />
    </WorkstationContext.Provider>
  );
}

/** A staff screen: in Polish, with the sync status, behind the sign-in. */
function StaffScreen({ children, signIn = true }: { children: ReactNode; signIn?: boolean }) {
  return (
    <LanguageProvider language="pl">
      <SyncStatusBar />
      {signIn ? <SignInGate>{children}</SignInGate> : children}
    </LanguageProvider>
  );
}

/** The screen a route names; the queue's screens wait for the office to be set up (office-gate.tsx). */
function WorkstationScreen({ route }: { route: Route }) {
  switch (route.screen) {
    case 'kiosk':
      return (
        <OfficeGate audience="visitor">
          <Kiosk />
        </OfficeGate>
      );
    case 'customer':
      return (
        <OfficeGate audience="visitor">
          <CustomerScreen counter={route.number} />
        </OfficeGate>
      );
    case 'board':
      return (
        <OfficeGate audience="visitor">
          <Board />
        </OfficeGate>
      );
    case 'feedback':
      return (
        <OfficeGate audience="visitor">
          <Feedback />
        </OfficeGate>
      );
    case 'counter':
      return (
        <StaffScreen signIn={false}>
          <OfficeGate audience="staff">
            <Counter number={route.number} />
          </OfficeGate>
        </StaffScreen>
      );
    case 'supervisor':
      return (
        <StaffScreen>
          <OfficeGate audience="staff">
            <Supervisor />
          </OfficeGate>
        </StaffScreen>
      );
    case 'appointments':
    case 'reports':
      return (
        <StaffScreen>
          <OfficeGate audience="staff">{route.screen === 'reports' ? <Reports /> : <Appointments />}</OfficeGate>
        </StaffScreen>
      );
    case 'office':
      return (
        <StaffScreen>
          <OfficeSetup />
        </StaffScreen>
      );
    case 'devices':
      return (
        <LanguageProvider language="pl">
          <SignInGate>
            <Devices />
          </SignInGate>
        </LanguageProvider>
      );
    case 'accounts':
      return (
        <LanguageProvider language="pl">
          <SignInGate>
            <Accounts />
          </SignInGate>
        </LanguageProvider>
      );
    default:
      return (
        <StaffScreen signIn={false}>
          <Home notFound={route.screen === 'not-found'} />
        </StaffScreen>
      );
  }
}
