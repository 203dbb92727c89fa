/**
 * What a waiting-room TV shows, read from the hub's documents: the office, the active services, the
 * latest confirmed calls of today and how many visitors wait per service. Public (no token), so it
 * carries only what a TV shows: the office's name and time zone, each service's name and letter, a
 * call's number, counter, service and time, and the notices not over — their words, times and
 * urgency, never who posted them — no personal data, no address, no note.
 */
import type { BoardSnapshot, SyncCollection } from '../common/contract/hub';
import { isPendingOrActive, toPublicNotice, type Notice } from '../common/domain/notice';
import { officeDay } from '../common/domain/office-time';
import type { SqlQueryable } from './sql';

export const BOARD_CALLS = 8;
export const BOARD_COLLECTIONS: readonly SyncCollection[] = ['tickets', 'office', 'services', 'notices'];
/** Until an office document has been pushed, the day is computed in Polish time. */
export const DEFAULT_TIME_ZONE = 'Europe/Warsaw';

type Data = Record<string, unknown>;

export async function boardSnapshot(db: SqlQueryable, now: number): Promise<BoardSnapshot> {
  const offices = await db.query<{ data: Data }>(
    "SELECT data FROM documents WHERE collection = 'office' AND NOT deleted ORDER BY stamp DESC LIMIT 1",
  );
  const office = offices[0]?.data ?? null;
  const timeZone =
    typeof office?.timeZone === 'string' && isTimeZone(office.timeZone) ? office.timeZone : DEFAULT_TIME_ZONE;
  const day = officeDay(now, timeZone);

  const services = (
    await db.query<{ data: Data }>("SELECT data FROM documents WHERE collection = 'services' AND NOT deleted")
  )
    .map((row) => row.data)
    .filter((service) => service.active === true)
    .sort((a, b) => Number(a.position ?? 0) - Number(b.position ?? 0) || String(a.id).localeCompare(String(b.id)));

  const calls = await db.query<{ id: string; number: string; counter: number; called_at: number; service: string }>(
    `SELECT id, data->>'number' AS number, (data->>'counter')::int AS counter,
            (data->>'calledAt')::float8 AS called_at, data->>'service' AS service
       FROM documents
      WHERE collection = 'tickets' AND NOT deleted AND data->>'day' = $1
        AND data->>'state' IN ('called', 'serving') AND (data->>'calledAt')::float8 > 0
      ORDER BY (data->>'calledAt')::float8 DESC, id
      LIMIT $2`,
    [day, BOARD_CALLS],
  );

  const waitingRows = await db.query<{ service: string; waiting: string | number }>(
    `SELECT data->>'service' AS service, count(*) AS waiting
       FROM documents
      WHERE collection = 'tickets' AND NOT deleted AND data->>'day' = $1 AND data->>'state' = 'waiting'
      GROUP BY 1`,
    [day],
  );
  const waiting: Record<string, number> = {};
  for (const service of services) waiting[String(service.id)] = 0;
  for (const row of waitingRows) waiting[row.service] = Number(row.waiting);

  return {
    office: office && pick(office, OFFICE_ON_BOARD),
    services: services.map((service) => pick(service, SERVICE_ON_BOARD)),
    calls: calls.map((call) => ({
      id: call.id,
      number: call.number,
      counter: Number(call.counter),
      calledAt: Number(call.called_at),
      service: call.service,
    })),
    waiting,
    day,
    notices: await boardNotices(db, now),
  };
}

/**
 * Notices not withdrawn and not over, those still to come included: the snapshot is sent on a
 * change, not when a notice's time comes, so the TV starts and ends each by its own clock.
 */
async function boardNotices(db: SqlQueryable, now: number): Promise<BoardSnapshot['notices']> {
  const rows = await db.query<{ data: Notice }>(
    "SELECT data FROM documents WHERE collection = 'notices' AND NOT deleted AND (data->>'until')::float8 > $1",
    [now],
  );
  return rows
    .map((row) => row.data)
    .filter((notice) => isPendingOrActive(notice, now))
    .map(toPublicNotice)
    .sort((a, b) => a.from - b.from || a.id.localeCompare(b.id));
}

/** What a TV shows of the office and its services, and nothing more (the route is public). */
const OFFICE_ON_BOARD = ['id', 'name', 'timeZone'] as const;
const SERVICE_ON_BOARD = ['id', 'name', 'letter', 'active', 'position'] as const;

function pick(data: Data, keys: readonly string[]): Data {
  return Object.fromEntries(keys.filter((key) => key in data).map((key) => [key, data[key]]));
}

function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}
