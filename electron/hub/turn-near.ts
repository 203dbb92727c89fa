/**
 * "Your turn is near": a kiosk's visitor leaves a phone number or an e-mail address, with their
 * consent, for one message when few people are left ahead of their ticket
 * (contract/hub-turn-near.ts). The address goes to the hub alone, never into the replicated
 * ticket, and lives in one outbox row (notifications/outbox.ts, migration 9):
 *
 *   register — the kiosk's request: a row `waiting` (not due) for its ticket. A ticket the hub does
 *              not know yet is accepted all the same (the kiosk pushes it right after issuing it):
 *              the row waits for it at most `TICKET_WAIT_MS`, then fails `no-ticket`;
 *   advance  — the worker's step before every run (notifications/worker.ts), which runs on every
 *              ticket change the hub commits or hears of (hub.ts wakes it) and every poll: a row
 *              whose ticket has `ahead` or fewer people before it becomes `pending` (due now),
 *              with the ticket's number and the count in its payload; a row whose ticket is no
 *              longer waiting (called, served, cancelled, expired, an earlier office day) fails
 *              `contact-gone` — not sent, and its address is gone (the outbox's trigger). A row
 *              already `pending` whose visitor was called meanwhile is dropped the same way.
 *
 * "Ahead" is the ticket status page's count (ticket-status.ts): the counters' own order.
 * Each open row costs a handful of indexed queries per run; open rows are the few visitors of
 * the day who asked and are still waiting, so a run stays cheap.
 */
import { randomUUID } from 'node:crypto';
import { recipientFor, type TurnNearRequest } from '../common/contract/hub-turn-near';
import type { Localized } from '../common/domain/office';
import { HubFailure } from './errors';
import type { Channel } from './notifications/sender';
import type { SqlQueryable } from './sql';
import { ticketStatus } from './ticket-status';

/** A row may wait this long for its ticket to reach the hub by sync; then it fails `no-ticket`. */
export const TICKET_WAIT_MS = 15 * 60_000;
/** No ticket waits longer than an office day: a row still open after this fails `expired`. */
const ROW_LIFE_MS = 24 * 60 * 60_000;

export interface TurnNearSettings {
  /** The channels this hub has a sender for. */
  readonly channels: readonly Channel[];
  /** The message goes when this many people or fewer are ahead (`OKIENKO_TURN_NEAR_AHEAD`). */
  readonly ahead: number;
}

export const TURN_NEAR_OFF: TurnNearSettings = { channels: [], ahead: 0 };

/** Takes the kiosk's request: one waiting row for the ticket and channel (a repeat changes nothing). */
export async function registerTurnNear(
  db: SqlQueryable,
  settings: TurnNearSettings,
  request: TurnNearRequest,
  now: number,
): Promise<void> {
  if (!settings.channels.includes(request.channel)) {
    throw new HubFailure(503, 'channel-off', `This hub sends no ${request.channel} messages`);
  }
  const recipient = recipientFor(request.channel, request.recipient);
  if (recipient === null) throw new HubFailure(400, 'bad-request', 'The recipient does not fit the channel');
  const status = await ticketStatus(db, request.ticket, now);
  if (status && status.state !== 'waiting') {
    throw new HubFailure(409, 'not-waiting', 'The ticket is no longer waiting');
  }
  await db.query(
    `INSERT INTO outbox (id, ticket, kind, channel, recipient, language, payload, state, next_attempt_at, expires_at)
     VALUES ($1, $2, 'turn-near', $3, $4, $5, $6::jsonb, 'waiting', $7, $8)
     ON CONFLICT (ticket, channel) WHERE kind = 'turn-near' DO NOTHING`,
    [
      randomUUID(),
      request.ticket,
      request.channel,
      recipient,
      request.language,
      JSON.stringify({ ticket: request.ticket }),
      new Date(now),
      new Date(now + ROW_LIFE_MS),
    ],
  );
}

export interface Advanced {
  /** Rows made due. */
  readonly due: number;
  /** Rows failed: the visit is over, the ticket never came, or too old. */
  readonly dropped: number;
}

interface OpenRow extends Record<string, unknown> {
  readonly id: string;
  readonly ticket: string;
  readonly state: 'waiting' | 'pending';
  readonly created_at: Date | string;
}

/** Makes due the rows whose ticket has `settings.ahead` or fewer before it; fails those whose visit is over. */
export async function advanceTurnNear(db: SqlQueryable, settings: TurnNearSettings, now: number): Promise<Advanced> {
  const expired = await db.query(
    `UPDATE outbox SET state = 'failed', last_error = 'expired'
      WHERE kind = 'turn-near' AND state = 'waiting' AND expires_at <= $1 RETURNING id`,
    [new Date(now)],
  );
  const open = await db.query<OpenRow>(
    `SELECT id, ticket, state, created_at FROM outbox
      WHERE kind = 'turn-near' AND state IN ('waiting', 'pending') ORDER BY created_at, id`,
  );
  let due = 0;
  let dropped = expired.length;
  for (const [ticket, rows] of byTicket(open)) {
    const status = await ticketStatus(db, ticket, now);
    if (!status) {
      const late = rows.filter((row) => new Date(row.created_at).getTime() <= now - TICKET_WAIT_MS);
      dropped += await fail(db, late, 'no-ticket');
    } else if (status.state !== 'waiting') {
      dropped += await fail(db, rows, 'contact-gone');
    } else if (status.ahead <= settings.ahead) {
      const waiting = rows.filter((row) => row.state === 'waiting');
      const payload = { ticket, number: status.number, ahead: status.ahead, officeName: status.office };
      due += await makeDue(db, waiting, payload, now);
    }
  }
  return { due, dropped };
}

function byTicket(rows: readonly OpenRow[]): Map<string, OpenRow[]> {
  const grouped = new Map<string, OpenRow[]>();
  for (const row of rows) grouped.set(row.ticket, [...(grouped.get(row.ticket) ?? []), row]);
  return grouped;
}

/** Only rows still waiting or pending: one a worker has claimed meanwhile is on its way. */
async function fail(db: SqlQueryable, rows: readonly OpenRow[], reason: string): Promise<number> {
  if (rows.length === 0) return 0;
  const failed = await db.query(
    `UPDATE outbox SET state = 'failed', last_error = $2
      WHERE id = ANY($1::text[]) AND state IN ('waiting', 'pending') RETURNING id`,
    [rows.map((row) => row.id), reason],
  );
  return failed.length;
}

async function makeDue(
  db: SqlQueryable,
  rows: readonly OpenRow[],
  payload: { ticket: string; number: string; ahead: number; officeName: Localized },
  now: number,
): Promise<number> {
  if (rows.length === 0) return 0;
  const made = await db.query(
    `UPDATE outbox SET state = 'pending', next_attempt_at = $2, payload = $3::jsonb
      WHERE id = ANY($1::text[]) AND state = 'waiting' RETURNING id`,
    [rows.map((row) => row.id), new Date(now), JSON.stringify(payload)],
  );
  return made.length;
}
