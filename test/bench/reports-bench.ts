/**
 * Reports (`BENCH_ONLY=reports`): a hub process on PGlite and on PostgreSQL holding a year of a
 * large office — 250,000 tickets over 250 working days, 20 services, 30 counters, 45 clerks, and
 * their appointments (test/support/report-office.ts, written straight into the database) — and a
 * supervisor asking for the year's report (GET /api/v1/reports) over and over: p95 of the answers
 * (goal ≤ 1 s), each the whole report as the screen gets it.
 */
import { readFileSync } from 'node:fs';
import { HUB_API_PREFIX } from '../../electron/common/contract/hub';
import type { Report } from '../../electron/common/contract/hub-reports';
import { createHubDatabase, enrolSignedIn, hubClient, startHubProcess, type HubBackend } from '../support/hub-process';
import { generateOffice, REPORT_TIME_ZONE, seedDocuments, workingDays } from '../support/report-office';
import { officeDoc } from '../integration/hub/documents';

const RUNS = Number(process.env.BENCH_REPORT_RUNS ?? 12);
const WARM_UP = 2;
export const REPORT_TICKETS = 250_000;
const DAYS = workingDays('2025-01-02', 250);

export interface ReportFigures {
  readonly backend: HubBackend;
  readonly tickets: number;
  readonly seedSeconds: number;
  readonly reportMs: number[];
  /**
   * CPU time the hub process spent on each report (Linux, /proc): on PGlite the whole report, the
   * database included; on PostgreSQL the hub's part only. What the report costs on a busy machine.
   */
  readonly hubCpuMs: number[];
}

/** The CPU time a process has used so far, in ms; 0 where /proc is not there. */
function cpuMsOf(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

export async function runReportsBench(backend: HubBackend, log: (line: string) => void): Promise<ReportFigures> {
  const office = generateOffice({
    days: DAYS,
    ticketsPerDay: REPORT_TICKETS / DAYS.length,
    services: 20,
    counters: 30,
    clerks: 45,
    seed: 2025,
  });
  const database = await createHubDatabase(backend);
  try {
    const seeding = performance.now();
    await seedDocuments(database, 'office', [{ ...officeDoc(), timeZone: REPORT_TIME_ZONE }]);
    await seedDocuments(database, 'tickets', office.tickets);
    await seedDocuments(database, 'appointments', office.appointments);
    const seedSeconds = Number(((performance.now() - seeding) / 1000).toFixed(1));
    log(
      `  ${backend}: ${office.tickets.length} tickets, ${office.appointments.length} appointments in ${seedSeconds} s`,
    );
    const hub = await startHubProcess(database);
    try {
      const supervisor = hubClient(hub.url, await enrolSignedIn(database, hub.url, 'kierownik'));
      const path = `${HUB_API_PREFIX}/reports?from=${DAYS[0]}&to=2026-01-01`;
      const reportMs: number[] = [];
      const hubCpuMs: number[] = [];
      for (let run = 0; run < RUNS + WARM_UP; run++) {
        const [start, cpu] = [performance.now(), cpuMsOf(hub.pid)];
        const answer = await supervisor.request<Report>('GET', path);
        const took = performance.now() - start;
        if (run >= WARM_UP) hubCpuMs.push(cpuMsOf(hub.pid) - cpu);
        if (answer.status !== 200 || answer.body.overall.tickets !== office.tickets.length)
          throw new Error(`the year's report: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
        if (run >= WARM_UP) reportMs.push(took);
      }
      return { backend, tickets: office.tickets.length, seedSeconds, reportMs, hubCpuMs };
    } finally {
      await hub.kill('SIGTERM').catch(() => undefined);
    }
  } finally {
    await database.remove();
  }
}
