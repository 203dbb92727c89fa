/**
 * A generated office for the supervisor's reports (electron/hub/reports.ts): a deterministic run of
 * office days — tickets served, recalled, transferred, missed, left, still waiting; appointments
 * kept, missed, cancelled and booked — written straight into a hub database in bulk (a year of a
 * large office through HTTP would take longer than the test), and the report's figures computed
 * from the same documents in plain JS, independently of the SQL (`expectedReport`).
 */
import type { Appointment } from '../../electron/common/domain/appointment';
import type { Actor, Ticket, TicketEvent } from '../../electron/common/domain/ticket';
import { lockDataDir, pgliteDir } from '../../electron/hub/data-dir';
import { migrate } from '../../electron/hub/migrations';
import { openPglite, openPostgres, type SqlClient } from '../../electron/hub/sql';
import { createLogger } from '../../electron/station/log';
import type { HubDatabase } from './hub-process';

export const REPORT_TIME_ZONE = 'Europe/Warsaw';

export interface OfficeShape {
  readonly days: readonly string[];
  readonly ticketsPerDay: number;
  readonly services: number;
  readonly counters: number;
  readonly clerks: number;
  readonly seed: number;
}

export interface GeneratedOffice {
  readonly tickets: Ticket[];
  readonly appointments: Appointment[];
}

/** mulberry32: the same numbers for the same seed on every machine. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Working days (Monday to Friday) from `first`, `count` of them. */
export function workingDays(first: string, count: number): string[] {
  const days: string[] = [];
  for (let at = Date.parse(`${first}T12:00:00Z`); days.length < count; at += 86_400_000) {
    const weekday = new Date(at).getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(new Date(at).toISOString().slice(0, 10));
  }
  return days;
}

const serviceId = (n: number) => `s${String(n + 1).padStart(2, '0')}`;

type Draw = () => number;
const between = (draw: Draw, low: number, high: number) => low + Math.floor(draw() * (high - low));

interface Visit {
  readonly draw: Draw;
  readonly shape: OfficeShape;
  readonly day: string;
  readonly dayIndex: number;
}

function clerkAt(shape: OfficeShape, counter: number, dayIndex: number): Actor {
  const n = (counter + dayIndex) % shape.clerks;
  return { station: `ws-${counter}`, counter, clerk: `Urzędnik ${n}`, user: `u.clerk-${n}` };
}

/** Called at `at` to a counter, started after a walk, finished after the service: the events. */
function servedAt(visit: Visit, at: number, counter: number, recall: boolean): TicketEvent[] {
  const by = clerkAt(visit.shape, counter, visit.dayIndex);
  const events: TicketEvent[] = [{ type: 'called', at, by }];
  let call = at;
  if (recall) events.push({ type: 'recalled', at: (call += between(visit.draw, 20_000, 60_000)), by });
  const start = call + between(visit.draw, 5_000, 90_000);
  events.push({ type: 'serving', at: start, by });
  events.push({ type: 'done', at: start + between(visit.draw, 120_000, 1_500_000), by });
  return events;
}

/** One visit's history and final state, by a roll of the dice. */
function history(visit: Visit, issuedAt: number, service: string): Pick<Ticket, 'events' | 'state' | 'legs'> {
  const { draw, shape } = visit;
  const issued: TicketEvent = { type: 'issued', at: issuedAt, by: { station: 'kiosk-1' } };
  const legs = [{ service, since: issuedAt }];
  const roll = draw();
  const calledAt = issuedAt + between(draw, 0, 3_600_000);
  const counter = between(draw, 1, shape.counters + 1);
  if (roll < 0.05) return { state: 'cancelled', legs, events: [issued, { ...issued, type: 'cancelled' }] };
  if (roll < 0.08) return { state: 'expired', legs, events: [issued, { ...issued, type: 'expired', at: calledAt }] };
  if (roll < 0.1) return { state: 'waiting', legs, events: [issued] };
  const by = clerkAt(shape, counter, visit.dayIndex);
  if (roll < 0.17) {
    const missed: TicketEvent = { type: 'no-show', at: calledAt + 120_000, by };
    return { state: 'no-show', legs, events: [issued, { type: 'called', at: calledAt, by }, missed] };
  }
  if (roll < 0.22) {
    const first = servedAt(visit, calledAt, counter, false).slice(0, 2);
    const movedAt = first[1]!.at + 300_000;
    const to = serviceId(between(draw, 0, shape.services));
    const other = (counter % shape.counters) + 1;
    const moved: TicketEvent = { type: 'transferred', at: movedAt, by, toService: to };
    const second = servedAt(visit, movedAt + between(draw, 60_000, 900_000), other, false);
    return {
      state: 'done',
      legs: [...legs, { service: to, since: movedAt }],
      events: [issued, ...first, moved, ...second],
    };
  }
  return { state: 'done', legs, events: [issued, ...servedAt(visit, calledAt, counter, roll < 0.3)] };
}

function ticketOf(visit: Visit, seq: number): Ticket {
  const { draw, shape, day } = visit;
  const service = serviceId(between(draw, 0, shape.services));
  // 06:00–16:00 UTC: the same office day in Warsaw, summer or winter.
  const issuedAt = Date.parse(`${day}T06:00:00Z`) + between(draw, 0, 10 * 3_600_000);
  const { events, state, legs } = history(visit, issuedAt, service);
  const last = events.at(-1)!;
  const counter = last.by.counter ?? 0;
  return {
    id: `t-${day}-${seq}`,
    day,
    service: legs.at(-1)!.service,
    number: `A${seq}`,
    seq,
    priority: null,
    appointment: null,
    appointmentAt: 0,
    state,
    issuedAt,
    queuedAt: issuedAt,
    counter,
    targetCounter: 0,
    calledAt: events.find((event) => event.type === 'called')?.at ?? 0,
    recalls: events.filter((event) => event.type === 'recalled').length,
    legs,
    events,
    updatedAt: last.at,
  };
}

/** Past days only: the hub's timer would mark one still booked a no-show (appointment-timer.ts). */
const APPOINTMENT_STATES = ['checked-in', 'checked-in', 'checked-in', 'no-show', 'cancelled'] as const;

function appointmentOf(visit: Visit, n: number): Appointment {
  const slotAt = Date.parse(`${visit.day}T07:00:00Z`) + n * 900_000;
  return {
    id: `ap-${visit.day}-${n}`,
    code: String(100_000 + visit.dayIndex * 100 + n),
    day: visit.day,
    slotAt,
    service: serviceId(between(visit.draw, 0, visit.shape.services)),
    state: APPOINTMENT_STATES[between(visit.draw, 0, APPOINTMENT_STATES.length)]!,
    ticket: '',
    updatedAt: slotAt,
  };
}

export function generateOffice(shape: OfficeShape): GeneratedOffice {
  const draw = random(shape.seed);
  const tickets: Ticket[] = [];
  const appointments: Appointment[] = [];
  shape.days.forEach((day, dayIndex) => {
    const visit: Visit = { draw, shape, day, dayIndex };
    for (let seq = 1; seq <= shape.ticketsPerDay; seq++) tickets.push(ticketOf(visit, seq));
    const booked = Math.max(1, Math.round(shape.ticketsPerDay / 10));
    for (let n = 0; n < booked; n++) appointments.push(appointmentOf(visit, n));
  });
  return { tickets, appointments };
}

// ------------------------------------------------------------------------------------------------
// Into a hub's database

async function openDatabase(database: HubDatabase): Promise<{ db: SqlClient; close(): Promise<void> }> {
  const log = createLogger({ level: 'error' });
  if (database.databaseUrl) {
    const db = await openPostgres({ url: database.databaseUrl, log, poolSize: 2 });
    return { db, close: () => db.close() };
  }
  const lock = await lockDataDir(database.dataDir);
  const db = await openPglite(pgliteDir(database.dataDir), log);
  return { db, close: async () => (await db.close(), await lock.release()) };
}

/**
 * Writes `documents` into `collection` as the hub stores them, stamped after the newest stamp, in
 * chunks; the hub must not run on a PGlite folder meanwhile. The schema is brought up to date first.
 */
export async function seedDocuments<T extends { id: string }>(
  database: HubDatabase,
  collection: string,
  documents: readonly T[],
): Promise<void> {
  const { db, close } = await openDatabase(database);
  try {
    await migrate(db);
    for (let start = 0; start < documents.length; start += 5000) {
      const chunk = JSON.stringify(documents.slice(start, start + 5000));
      await db.transaction(async (tx) => {
        const [row] = await tx.query<{ value: string | number }>('SELECT value FROM hub_stamp WHERE id FOR UPDATE');
        const base = Number(row!.value);
        await tx.query(
          `INSERT INTO documents (collection, id, data, deleted, stamp)
           SELECT $1, d->>'id', d, false, $2::bigint + n
             FROM jsonb_array_elements($3::text::jsonb) WITH ORDINALITY AS x(d, n)`,
          [collection, base, chunk],
        );
        await tx.query('UPDATE hub_stamp SET value = (SELECT max(stamp) FROM documents) WHERE id');
      });
    }
  } finally {
    await close();
  }
}
