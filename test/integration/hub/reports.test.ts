/**
 * A supervisor's report (GET /api/v1/reports, electron/hub/reports.ts) from a real hub process, on
 * PGlite and on PostgreSQL, against a generated large office (test/support/report-office.ts: a
 * year of 250 working days, 20 services, 30 counters, 24 clerks; 12 tickets a day — the full 250,000
 * are the benchmark's) whose figures this file computes on its own, in plain JS over
 * the same documents: every count, rate, median, 90th percentile and longest, overall and by
 * service, counter, clerk and hour, and the appointments. Then: the range's ends, the target wait,
 * a ticket pushed, moved on and removed through sync reaching the figures (the trigger), a refused
 * query; and a hub upgraded with tickets already stored (the migration's backfill).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HUB_API_PREFIX } from '../../../electron/common/contract/hub';
import {
  ReportSchema,
  type Counts,
  type Figures,
  type Mean,
  type Report,
  type Spread,
} from '../../../electron/common/contract/hub-reports';
import type { Appointment } from '../../../electron/common/domain/appointment';
import { transition, type Ticket } from '../../../electron/common/domain/ticket';
import {
  createHubDatabase,
  enrolSignedIn,
  HUB_BACKENDS,
  hubClient,
  startHubProcess,
  type HubClient,
  type HubDatabase,
  type HubProcess,
} from '../../support/hub-process';
import { migrate, MIGRATIONS } from '../../../electron/hub/migrations';
import { officeReport } from '../../../electron/hub/reports';
import { openPglite } from '../../../electron/hub/sql';
import { createLogger } from '../../../electron/station/log';
import { generateOffice, REPORT_TIME_ZONE, seedDocuments, workingDays } from '../../support/report-office';
import { edited, insert, officeDoc, ticket as newTicket, update } from './documents';

// A year of the office's working days (both clock changes inside), thinly: the figures of a year's
// range are checked one by one here; a year at full size (250,000 tickets) is the benchmark's.
const TICKETS_PER_DAY = 12;
const DAYS = workingDays('2025-01-02', 250);
const OFFICE = generateOffice({
  days: DAYS,
  ticketsPerDay: TICKETS_PER_DAY,
  services: 20,
  counters: 30,
  clerks: 24,
  seed: 13,
});
/** The day after the year's last working day. */
const AFTER_THE_YEAR = new Date(Date.parse(`${DAYS.at(-1)!}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

// ------------------------------------------------------------------------------------------------
// The figures, computed here from the documents

interface Facts {
  readonly service: string;
  readonly counter: number | null;
  readonly clerk: string | null;
  readonly hour: number;
  readonly outcome: 'served' | 'no-show' | 'left' | 'other';
  readonly wait: number | null;
  readonly walk: number | null;
  readonly serve: number | null;
}

const hourFormat = new Intl.DateTimeFormat('en-GB', { timeZone: REPORT_TIME_ZONE, hour: '2-digit', hourCycle: 'h23' });
/** Whole milliseconds, as the hub keeps them; seconds only once the percentile is taken (`spread`). */
const millis = (to: number | undefined, from: number | undefined) =>
  to === undefined || from === undefined ? null : to - from;

function factsOf(ticket: Ticket): Facts {
  const times = (...types: string[]) => ticket.events.filter((e) => types.includes(e.type)).map((e) => e.at);
  const firstCall = Math.min(...times('called'));
  const called = Number.isFinite(firstCall) ? firstCall : undefined;
  const starts = called === undefined ? [] : times('serving').filter((at) => at >= called);
  const started = starts.length ? Math.min(...starts) : undefined;
  const answered = started === undefined ? [] : times('called', 'recalled').filter((at) => at <= started);
  const done = times('done').length ? Math.max(...times('done')) : undefined;
  const acts = ['called', 'recalled', 'serving', 'resumed', 'no-show', 'done'];
  const actor = ticket.events.filter((e) => acts.includes(e.type)).at(-1)?.by;
  const outcome =
    done !== undefined
      ? 'served'
      : times('no-show').length
        ? 'no-show'
        : called === undefined && ['cancelled', 'expired'].includes(ticket.state)
          ? 'left'
          : 'other';
  return {
    service: ticket.legs[0]!.service,
    counter: actor ? actor.counter || ticket.counter || null : null,
    clerk: actor ? (actor.user ?? actor.clerk ?? null) : null,
    hour: Number(hourFormat.format(ticket.issuedAt)),
    outcome,
    wait: millis(called, ticket.issuedAt),
    walk: millis(started, answered.length ? Math.max(...answered) : undefined),
    serve: millis(done, started),
  };
}

/** percentile_cont: linear between the two nearest ranks. */
function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const at = p * (sorted.length - 1);
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (at - low);
}

const toSeconds = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : ms / 1000);

function mean(values: readonly (number | null)[]): Mean {
  const known = values.filter((value): value is number => value !== null);
  const sum = known.reduce((total, value) => total + value, 0);
  return {
    mean: known.length ? toSeconds(sum / known.length) : null,
    longest: toSeconds(known.length ? Math.max(...known) : null),
  };
}

function spread(values: readonly (number | null)[]): Spread {
  const sorted = values.filter((value): value is number => value !== null).sort((a, b) => a - b);
  return { ...mean(sorted), median: toSeconds(percentile(sorted, 0.5)), p90: toSeconds(percentile(sorted, 0.9)) };
}

function figures(group: readonly Facts[], targetSeconds: number): Figures {
  const count = (outcome: Facts['outcome']) => group.filter((facts) => facts.outcome === outcome).length;
  const called = group.filter((facts) => facts.wait !== null);
  const withinTarget = called.filter((facts) => facts.wait! <= targetSeconds * 1000).length;
  const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);
  return {
    tickets: group.length,
    served: count('served'),
    noShow: count('no-show'),
    left: count('left'),
    called: called.length,
    withinTarget,
    noShowRate: share(count('no-show'), group.length),
    leftRate: share(count('left'), group.length),
    withinTargetShare: share(withinTarget, called.length),
    waitTime: spread(group.map((facts) => facts.wait)),
    walkTime: mean(group.map((facts) => facts.walk)),
    serviceTime: mean(group.map((facts) => facts.serve)),
  };
}

function countsOnly({ waitTime: _wait, walkTime: _walk, serviceTime: _service, ...counts }: Figures): Counts {
  return counts;
}

function groupBy<K>(all: readonly Facts[], key: (facts: Facts) => K | null): Map<K, Facts[]> {
  const groups = new Map<K, Facts[]>();
  for (const facts of all) {
    const value = key(facts);
    if (value !== null) groups.set(value, [...(groups.get(value) ?? []), facts]);
  }
  return groups;
}

interface Expected {
  readonly overall: Figures;
  readonly byService: Map<string, Figures>;
  readonly byCounter: Map<number, Figures>;
  readonly byClerk: Map<string, Figures>;
  readonly byHour: Map<number, Counts>;
  readonly byServiceHour: Map<string, number>;
  readonly appointments: Map<string, Record<'booked' | 'kept' | 'missed' | 'cancelled', number>>;
}

function expectedReport(from: string, to: string, targetMinutes: number): Expected {
  const inRange = (day: string) => day >= from && day < to;
  const all = OFFICE.tickets.filter((ticket) => inRange(ticket.day)).map(factsOf);
  const target = targetMinutes * 60;
  const each = <K>(groups: Map<K, Facts[]>) =>
    new Map([...groups].map(([key, group]) => [key, figures(group, target)]));
  const serviceHour = groupBy(all, (facts) => `${facts.service}@${facts.hour}`);
  return {
    overall: figures(all, target),
    byService: each(groupBy(all, (facts) => facts.service)),
    byCounter: each(groupBy(all, (facts) => facts.counter)),
    byClerk: each(groupBy(all, (facts) => facts.clerk)),
    byHour: new Map(
      [...groupBy(all, (facts) => facts.hour)].map(([hour, group]) => [hour, countsOnly(figures(group, target))]),
    ),
    byServiceHour: new Map([...serviceHour].map(([key, group]) => [key, group.length])),
    appointments: appointmentCounts(OFFICE.appointments.filter((appointment) => inRange(appointment.day))),
  };
}

function appointmentCounts(appointments: readonly Appointment[]) {
  const counts = new Map<string, Record<'booked' | 'kept' | 'missed' | 'cancelled', number>>();
  const names = { booked: 'booked', 'checked-in': 'kept', 'no-show': 'missed', cancelled: 'cancelled' } as const;
  for (const appointment of appointments) {
    for (const key of ['', appointment.service]) {
      const row = counts.get(key) ?? { booked: 0, kept: 0, missed: 0, cancelled: 0 };
      row[names[appointment.state]]++;
      counts.set(key, row);
    }
  }
  return counts;
}

// ------------------------------------------------------------------------------------------------
// The hub's answer beside them

/** Rows by their key, without it. */
function keyed<K extends string, R extends Record<K, string | number>>(rows: readonly R[], key: K) {
  return new Map(
    rows.map((row) => {
      const { [key]: value, ...rest } = row;
      return [value, rest];
    }),
  );
}

function expectSame(report: Report, expected: Expected): void {
  expect(report.overall).toEqual(expected.overall);
  expect(keyed(report.byService, 'service')).toEqual(expected.byService);
  expect(keyed(report.byCounter, 'counter')).toEqual(expected.byCounter);
  expect(keyed(report.byClerk ?? [], 'clerk')).toEqual(expected.byClerk);
  expect(new Map(report.byHour.map(({ hour, ...counts }) => [hour, counts]))).toEqual(expected.byHour);
  const serviceHour = new Map(report.byServiceHour.map((row) => [`${row.service}@${row.hour}`, row.tickets]));
  expect(serviceHour).toEqual(expected.byServiceHour);
  const { '': overall, ...byService } = Object.fromEntries(expected.appointments);
  expect(report.appointments).toEqual(overall);
  expect(Object.fromEntries(report.appointmentsByService.map(({ service, ...row }) => [service, row]))).toEqual(
    byService,
  );
}

const api = (path: string) => `${HUB_API_PREFIX}${path}`;

// Before 7 the tickets have no facts (7 draws them); before 11 their facts have no int durations.
it.each([7, 11])(
  'a hub upgraded from before migration %i with tickets stored counts them: the backfill',
  async (version) => {
    const db = await openPglite('memory://', createLogger({ level: 'error' }));
    try {
      await migrate(
        db,
        MIGRATIONS.filter((migration) => migration.version < version),
      );
      const days = DAYS.slice(0, 2);
      const tickets = OFFICE.tickets.filter((ticket) => days.includes(ticket.day));
      await db.query(
        `INSERT INTO documents (collection, id, data, deleted, stamp)
       SELECT 'tickets', d->>'id', d, false, n FROM jsonb_array_elements($1::text::jsonb) WITH ORDINALITY AS x(d, n)`,
        [JSON.stringify(tickets)],
      );
      await migrate(db);
      const report = await officeReport(db, { from: days[0]!, to: DAYS[2]!, target: 15 }, true);
      expect(report.overall).toEqual(expectedReport(days[0]!, DAYS[2]!, 15).overall);
    } finally {
      await db.close();
    }
  },
);

it("without a target asked for, the office's own target wait counts", async () => {
  const db = await openPglite('memory://', createLogger({ level: 'error' }));
  try {
    await migrate(db);
    const days = DAYS.slice(0, 3);
    const documents = [
      { collection: 'office', data: { ...officeDoc(), timeZone: REPORT_TIME_ZONE, targetWaitMinutes: 30 } },
      ...OFFICE.tickets.filter((ticket) => days.includes(ticket.day)).map((data) => ({ collection: 'tickets', data })),
    ];
    await db.query(
      `INSERT INTO documents (collection, id, data, deleted, stamp)
       SELECT x.d->>'collection', x.d->'data'->>'id', x.d->'data', false, n
         FROM jsonb_array_elements($1::text::jsonb) WITH ORDINALITY AS x(d, n)`,
      [JSON.stringify(documents)],
    );
    const report = await officeReport(db, { from: days[0]!, to: DAYS[3]! }, true);
    expect(report.targetMinutes).toBe(30);
    expect(report.overall).toEqual(expectedReport(days[0]!, DAYS[3]!, 30).overall);
    // Asked for, another target counts instead.
    expect((await officeReport(db, { from: days[0]!, to: DAYS[3]!, target: 5 }, true)).targetMinutes).toBe(5);
  } finally {
    await db.close();
  }
});

describe.each(HUB_BACKENDS)('supervisor reports at the hub, on %s', (backend) => {
  let database: HubDatabase;
  let hub: HubProcess;
  let supervisor: HubClient;

  beforeAll(async () => {
    database = await createHubDatabase(backend);
    await seedDocuments(database, 'office', [{ ...officeDoc(), timeZone: REPORT_TIME_ZONE }]);
    await seedDocuments(database, 'tickets', OFFICE.tickets);
    await seedDocuments(database, 'appointments', OFFICE.appointments);
    hub = await startHubProcess(database);
    supervisor = hubClient(hub.url, await enrolSignedIn(database, hub.url, 'kierownik'));
  }, 120_000);

  afterAll(async () => {
    await hub?.kill('SIGTERM').catch(() => undefined);
    await database?.remove();
  });

  const report = async (query: string) => {
    const answer = await supervisor.request<Report>('GET', api(`/reports?${query}`));
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return ReportSchema.parse(answer.body);
  };

  it('a year: every figure as computed independently', async () => {
    const from = DAYS[0]!;
    const to = AFTER_THE_YEAR;
    const answer = await report(`from=${from}&to=${to}`);
    expect(answer).toMatchObject({ from, to, targetMinutes: 15, timeZone: REPORT_TIME_ZONE });
    expect(answer.overall.tickets).toBe(OFFICE.tickets.length);
    expectSame(answer, expectedReport(from, to, 15));
  });

  it('a range counts only its own days, [from, to), with the target asked for', async () => {
    const [from, to] = [DAYS[3]!, DAYS[9]!];
    const answer = await report(`from=${from}&to=${to}&target=30`);
    expect(answer.overall.tickets).toBe(6 * TICKETS_PER_DAY);
    expectSame(answer, expectedReport(from, to, 30));
    expect(answer.overall.withinTarget).toBeGreaterThan(
      (await report(`from=${from}&to=${to}&target=5`)).overall.withinTarget,
    );
  });

  it('a range with no tickets: zeros and empty groups', async () => {
    const answer = await report('from=2030-01-01&to=2030-01-02');
    expect(answer.overall).toMatchObject({ tickets: 0, noShowRate: null, waitTime: { median: null, mean: null } });
    expect([answer.byService, answer.byCounter, answer.byClerk, answer.byHour]).toEqual([[], [], [], []]);
  });

  it('a ticket pushed and moved on through sync is in the figures at once', async () => {
    const day = '2030-02-04';
    const issued = { ...newTicket('t-live', 1, { day, service: 's07', at: Date.parse(`${day}T09:00:00Z`) }) };
    await supervisor.push('tickets', [insert(issued)]);
    expect((await report(`from=${day}&to=2030-02-05`)).overall).toMatchObject({ tickets: 1, called: 0, served: 0 });
    const by = { station: 'ws-hub-test', counter: 4 };
    const calledAt = issued.issuedAt + 600_000;
    const called = transition(issued, { type: 'call', counter: 4 }, by, calledAt);
    const done = transition(
      transition(called, { type: 'start' }, by, calledAt + 30_000),
      { type: 'done' },
      by,
      calledAt + 330_000,
    );
    const [master] = (await supervisor.pullAll('tickets')).documents.filter((document) => document.id === 't-live');
    await supervisor.push('tickets', [update(edited(master!, { ...done }), master!)]);
    const answer = await report(`from=${day}&to=2030-02-05`);
    expect(answer.overall).toMatchObject({ tickets: 1, served: 1, called: 1, withinTarget: 1 });
    expect(answer.overall.waitTime.median).toBe(600);
    expect(answer.overall.walkTime.mean).toBe(30);
    expect(answer.overall.serviceTime.mean).toBe(300);
    expect(answer.byCounter[0]?.waitTime.median).toBe(600);
    expect(answer.byCounter.map((row) => row.counter)).toEqual([4]);
    // The hub writes who acted from the session: the clerk is the signed-in person.
    expect(answer.byClerk?.map((row) => row.clerk)).toEqual(['u.kierownik']);
    // Removed (an admin's mending of the record): its tombstone takes it out of the figures.
    const [stored] = (await supervisor.pullAll('tickets')).documents.filter((document) => document.id === 't-live');
    await supervisor.push('tickets', [update(edited(stored!, {}), stored!, true)]);
    expect((await report(`from=${day}&to=2030-02-05`)).overall.tickets).toBe(0);
  });

  it('refuses a malformed range, naming the field', async () => {
    for (const query of [
      'from=2026-03-02',
      'from=2026-03-05&to=2026-03-01',
      'from=2026-03-02&to=2026-03-03&target=0',
    ]) {
      const answer = await supervisor.request<{ error: string; message: string }>('GET', api(`/reports?${query}`));
      expect([answer.status, answer.body.error], query).toEqual([400, 'bad-request']);
    }
  });
});
