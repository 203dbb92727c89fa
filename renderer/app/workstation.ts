/**
 * Start-up of one window: reach the station, open the local database, seed the demo office on a
 * fresh install, and run the daily close for days that ended while nobody was here.
 */
import { createContext, useContext } from 'react';
import type { StationInfo } from '../../electron/contract/contract';
import type { SettingsProblem } from '../../electron/contract/settings';
import { stationApi, type StationApi } from '../api/api';
import { createOkienkoDatabase, type OkienkoDatabase } from '../db/database';
import { Queue } from '../db/queue';
import { seedDemoAppointments, seedDemoOffice } from '../db/seed';
import { DEMO_OFFICE } from '../domain/demo-office';
import { officeDay } from '../domain/office-time';

export interface Workstation {
  readonly db: OkienkoDatabase;
  readonly queue: Queue;
  readonly api: StationApi;
  readonly station: StationInfo;
  readonly settingsProblems: readonly SettingsProblem[];
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

export async function startWorkstation(): Promise<Workstation> {
  const api = stationApi();
  const [info, settings, db] = await Promise.all([api.station.info({}), api.settings.get({}), createOkienkoDatabase()]);
  // Without the station this window cannot print, but the queue still works: name it locally.
  const station: StationInfo = info.ok ? info.value : { version: 'unknown', host: 'browser', stationId: fallbackStationId() };
  await seedDemoOffice(db, Date.now());
  const queue = new Queue(db, { now: Date.now, station: station.stationId, newId });
  const office = await queue.office();
  const today = officeDay(Date.now(), office.timeZone);
  await queue.closeDays(today, false);
  if (office.id === DEMO_OFFICE.id) await seedDemoAppointments(db, today, office.timeZone, Date.now());
  // Only in the benchmark build (`vite build --mode bench`); the constant is false in every other
  // build, so production bundles do not contain this line at all.
  if (import.meta.env.MODE === 'bench') Object.assign(window, { okienkoBench: { db, queue } });
  return { db, queue, api, station, settingsProblems: settings.ok ? settings.value.problems : [] };
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
