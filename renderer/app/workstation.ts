/**
 * Start-up of one window: reach the station, open the local database, join the office hub when
 * one is configured (without waiting for it: the queue works offline), seed the demo office on a
 * fresh install started with `--demo`, and run the daily close for days that ended while nobody
 * was here. Without `--demo` a fresh install starts empty: the office arrives from the hub, or an
 * admin sets it up (app.tsx shows the set-up screen until then).
 */
import { DEFAULT_KEEP_DAYS } from '../../electron/common/eservices/session';
import { createContext, useContext } from 'react';
import type { StationInfo } from '../../electron/common/contract/contract';
import type { SettingsProblem } from '../../electron/common/contract/settings';
import { stationApi, type StationApi } from '../api/api';
import { createOkienkoDatabase, type OkienkoDatabase } from '../db/database';
import { Queue } from '../db/queue';
import { purgeExpiredSessions } from '../db/assisted';
import { seedDemoAppointments, seedDemoOffice } from '../db/seed';
import { DEMO_OFFICE } from '../../electron/common/domain/demo-office';
import { officeDay } from '../../electron/common/domain/office-time';
import { connectHub, type HubLink } from '../db/sync/connect';
import { HubCredential } from './hub-credential';
import { SessionStore } from './session-store';
import type { SyncHandle } from '../db/sync/replication';

export interface Workstation {
  readonly db: OkienkoDatabase;
  readonly queue: Queue;
  readonly api: StationApi;
  readonly station: StationInfo;
  readonly settingsProblems: readonly SettingsProblem[];
  /** How many days a saved assisted session keeps the visitor's data (settings `assisted.keepDays`). */
  readonly keepSessionDays: number;
  /** The hub replication, or null when this workstation works alone. */
  readonly sync: SyncHandle | null;
  /** The office's time: this computer's clock, corrected by the hub's when there is one. */
  readonly now: () => number;
  /** Who is signed in at this workstation, and whether its screens are locked. */
  readonly session: SessionStore;
}

export const WorkstationContext = createContext<Workstation | null>(null);

export function useWorkstation(): Workstation {
  const workstation = useContext(WorkstationContext);
  if (!workstation) throw new Error('useWorkstation outside WorkstationContext');
  return workstation;
}

export function newId(): string {
  return crypto.randomUUID();
}

/** How often a window looks for assisted sessions whose personal data is past its time. */
const SESSION_PURGE_MS = 15 * 60_000;

/** Saved sessions not resumed in time lose the visitor's data here too, not only at the hub. */
function keepPurgingSessions(db: OkienkoDatabase, now: () => number): void {
  const purge = () =>
    void purgeExpiredSessions(db, now()).catch((error: unknown) => console.error('purge failed', error));
  purge();
  setInterval(purge, SESSION_PURGE_MS);
}

/** How long a first start waits for the hub's configuration before it seeds the demo office. */
const FIRST_SYNC_WAIT_MS = 5000;

export async function startWorkstation(): Promise<Workstation> {
  const api = stationApi();
  const session = new SessionStore(api);
  await session.refresh();
  const [info, settings, connection, db] = await Promise.all([
    api.station.info({}),
    api.settings.get({}),
    api.hub.connection({}),
    createOkienkoDatabase(),
  ]);
  // Without the station this window cannot print, but the queue still works: name it locally.
  const station: StationInfo = info.ok
    ? info.value
    : { version: 'unknown', host: 'browser', stationId: fallbackStationId() };
  const hubConnection = connection.ok ? connection.value : null;
  let hub: HubLink | null = null;
  if (hubConnection) {
    const credential = new HubCredential(api, hubConnection);
    hub = connectHub(
      db,
      {
        url: hubConnection.url,
        token: credential.current,
        slot: hubConnection.slot,
        onUnauthorized: () => void credential.refresh(),
      },
      { appVersion: station.version, offsetStore: localOffsetStore() },
    );
    if (!(await db.office.findOne().exec())) {
      // A fresh workstation takes the office's configuration from the hub, if it answers soon.
      await Promise.race([
        hub.sync.awaitInitialSync(),
        new Promise((resolve) => setTimeout(resolve, FIRST_SYNC_WAIT_MS)),
      ]);
    }
  }
  const clock = hub?.clock;
  const now = clock ? () => clock.now() : Date.now;
  if (station.demo) await seedDemoOffice(db, now());
  const queue = new Queue(db, {
    now,
    station: station.stationId,
    newId,
    person: session.person,
    ...(hub ? { numbers: hub.numbers, remote: hub.remote } : {}),
  });
  const office = await db.office.findOne().exec();
  if (office) {
    const today = officeDay(now(), office.timeZone);
    await queue.closeDays(today, false);
    // Alone only: with a hub, bookings are the hub's to make (a pushed one would be refused).
    if (station.demo && !hub && office.id === DEMO_OFFICE.id)
      await seedDemoAppointments(db, today, office.timeZone, now());
  }
  keepPurgingSessions(db, now);
  // Only in the benchmark build (`vite build --mode bench`); the constant is false in every other
  // build, so production bundles do not contain this line at all.
  if (import.meta.env.MODE === 'bench') Object.assign(window, { okienkoBench: { db, queue } });
  return {
    db,
    queue,
    api,
    station,
    settingsProblems: settings.ok ? settings.value.problems : [],
    keepSessionDays: settings.ok ? settings.value.settings.assisted.keepDays : DEFAULT_KEEP_DAYS,
    sync: hub?.sync ?? null,
    now,
    session,
  };
}

function localOffsetStore() {
  const key = 'okienko.hubClockOffset';
  return {
    load: () => {
      const value = Number(localStorage.getItem(key));
      return Number.isFinite(value) ? value : null;
    },
    save: (offset: number) => localStorage.setItem(key, String(offset)),
  };
}

function fallbackStationId(): string {
  const key = 'okienko.stationId';
  let id = localStorage.getItem(key);
  if (!id) {
    id = `browser-${newId().slice(0, 8)}`;
    localStorage.setItem(key, id);
  }
  return id;
}
