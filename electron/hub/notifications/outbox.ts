/**
 * The outbox's rows (migration 8): what is to be sent, claimed by one sender at a time, and the
 * record of every attempt. The steps, each its own transaction:
 *   enqueue    — in the transaction that decides what is to be said (a booking: bookings.ts);
 *   claimDue   — due `pending` rows become `sending` (`claimed_at`, attempts + 1, an attempt row),
 *                `FOR UPDATE SKIP LOCKED`, so two hub nodes never claim one row;
 *   settle     — the attempt's outcome: `sent`, back to `pending` after a back-off, or `failed`;
 *   recover    — rows left `sending` by a hub that died mid-send: tried again only on a channel
 *                whose provider drops a repeat (SMS with idx), otherwise `failed` (e-mail: at
 *                most once); see worker.ts.
 * A row that is sent or failed loses its recipient and manage key by the database's trigger, and
 * is deleted with its attempts `DONE_KEEP_DAYS` later (`purgeDone`, the hub's hourly purge).
 * A kiosk's "turn is near" row (migration 9) starts `waiting`, not due: turn-near.ts makes it
 * `pending` when few enough are ahead of its ticket, or fails it when the visit is over.
 */
import { randomUUID } from 'node:crypto';
import type { Language } from '../../common/domain/office';
import type { SqlClient, SqlQueryable } from '../sql';
import type { BookingNotice, NoticeKind, NoticePayload } from './messages';
import type { Channel, SendOutcome } from './sender';

export interface NewNotice {
  readonly appointment: string | null;
  readonly kind: NoticeKind;
  readonly channel: Channel;
  readonly recipient: string;
  readonly language: Language;
  readonly payload: BookingNotice;
  /** Not before this instant (epoch ms). */
  readonly notBefore: number;
  /** Never after this instant: a reminder after the visit is worse than none. */
  readonly expiresAt: number | null;
}

export interface ClaimedNotice {
  readonly id: string;
  readonly kind: NoticeKind;
  readonly channel: Channel;
  readonly recipient: string;
  readonly language: Language;
  readonly payload: NoticePayload;
  readonly attempts: number;
}

export interface RetryPolicy {
  readonly maxAttempts: number;
  /** The wait after the first failed attempt; it doubles with each one after, up to `maxMs`. */
  readonly baseMs: number;
  readonly maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 6, baseMs: 60_000, maxMs: 60 * 60_000 };

export function backoffMs(policy: RetryPolicy, attempts: number): number {
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
}

/** Adds the notices, one statement; one of the same appointment, kind, channel and slot already there is kept. */
export async function enqueue(tx: SqlQueryable, notices: readonly NewNotice[]): Promise<number> {
  if (notices.length === 0) return 0;
  const column = <T>(pick: (notice: NewNotice) => T) => notices.map(pick);
  const rows = await tx.query(
    `INSERT INTO outbox (id, appointment, kind, channel, recipient, language, payload, next_attempt_at, expires_at)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[],
                          $8::timestamptz[], $9::timestamptz[])
     ON CONFLICT (appointment, kind, channel, (payload->>'at')) DO NOTHING RETURNING id`,
    [
      column(() => randomUUID()),
      column((notice) => notice.appointment),
      column((notice) => notice.kind),
      column((notice) => notice.channel),
      column((notice) => notice.recipient),
      column((notice) => notice.language),
      column((notice) => JSON.stringify(notice.payload)),
      column((notice) => new Date(notice.notBefore).toISOString()),
      column((notice) => (notice.expiresAt === null ? null : new Date(notice.expiresAt).toISOString())),
    ],
  );
  return rows.length;
}

/** Due rows of `channels` claimed for sending at `now` (at most `limit`); expired ones fail first. */
export async function claimDue(
  db: SqlClient,
  channels: readonly Channel[],
  now: number,
  limit: number,
): Promise<ClaimedNotice[]> {
  if (channels.length === 0) return [];
  const at = new Date(now);
  return db.transaction(async (tx) => {
    await tx.query(
      `UPDATE outbox SET state = 'failed', last_error = 'expired'
        WHERE state = 'pending' AND expires_at <= $1 AND channel = ANY($2::text[])`,
      [at, channels],
    );
    const claimed = await tx.query<ClaimedNotice & Record<string, unknown>>(
      `UPDATE outbox SET state = 'sending', claimed_at = $1, attempts = attempts + 1
        WHERE id IN (SELECT id FROM outbox
                      WHERE state = 'pending' AND next_attempt_at <= $1 AND channel = ANY($2::text[])
                      ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
        RETURNING id, kind, channel, recipient, language, payload, attempts`,
      [at, channels, limit],
    );
    if (claimed.length > 0) {
      await tx.query(
        `INSERT INTO outbox_attempts (outbox, attempt, started_at)
         SELECT * FROM unnest($1::text[], $2::int[], $3::timestamptz[])`,
        [claimed.map((row) => row.id), claimed.map((row) => row.attempts), claimed.map(() => at.toISOString())],
      );
    }
    return claimed;
  });
}

/** What becomes of a row after an attempt's `outcome`. */
export function nextState(
  outcome: SendOutcome,
  attempts: number,
  policy: RetryPolicy,
  resendIsDeduplicated: boolean,
): 'sent' | 'pending' | 'failed' {
  if (outcome.outcome === 'sent') return 'sent';
  const mayRetry = outcome.outcome === 'refused' || resendIsDeduplicated;
  return mayRetry && attempts < policy.maxAttempts ? 'pending' : 'failed';
}

/** Records the attempt and moves the row on; only a row still `sending` (a recovery may have taken it). */
export async function settle(
  db: SqlClient,
  row: ClaimedNotice,
  outcome: SendOutcome,
  state: 'sent' | 'pending' | 'failed',
  next: { readonly now: number; readonly retryAt: number },
): Promise<void> {
  const code = outcome.outcome === 'sent' ? null : outcome.code;
  const providerId = outcome.outcome === 'sent' ? outcome.providerId : null;
  await db.transaction(async (tx) => {
    await tx.query(
      `UPDATE outbox_attempts SET finished_at = $3, outcome = $4, provider_id = $5, error_code = $6
        WHERE outbox = $1 AND attempt = $2 AND outcome IS NULL`,
      [row.id, row.attempts, new Date(next.now), outcome.outcome, providerId, code],
    );
    await tx.query(
      `UPDATE outbox SET state = $2, claimed_at = NULL, next_attempt_at = $3, last_error = $4,
              sent_at = CASE WHEN $2 = 'sent' THEN $5::timestamptz ELSE sent_at END
        WHERE id = $1 AND state = 'sending'`,
      [row.id, state, new Date(next.retryAt), code, new Date(next.now)],
    );
  });
}

export interface Recovered {
  readonly id: string;
  readonly state: 'pending' | 'failed';
}

/**
 * Rows left `sending` since before `claimedBefore` (a hub that died mid-send): their attempt is
 * recorded as interrupted; on a channel of `resendable` (the provider drops a repeat) the row is
 * due again at once, otherwise it fails — the message may have gone, and is not sent twice.
 */
export async function recoverInterrupted(
  db: SqlClient,
  claimedBefore: number,
  resendable: readonly Channel[],
  policy: RetryPolicy,
  now: number,
): Promise<Recovered[]> {
  return db.transaction(async (tx) => {
    await tx.query(
      `UPDATE outbox_attempts a SET outcome = 'interrupted', finished_at = $2, error_code = 'interrupted'
         FROM outbox o
        WHERE a.outbox = o.id AND a.attempt = o.attempts AND a.outcome IS NULL
          AND o.state = 'sending' AND o.claimed_at < $1`,
      [new Date(claimedBefore), new Date(now)],
    );
    return tx.query<Recovered & Record<string, unknown>>(
      `UPDATE outbox SET claimed_at = NULL, next_attempt_at = $2, last_error = 'interrupted',
              state = CASE WHEN channel = ANY($3::text[]) AND attempts < $4 THEN 'pending' ELSE 'failed' END
        WHERE state = 'sending' AND claimed_at < $1
        RETURNING id, state`,
      [new Date(claimedBefore), new Date(now), resendable, policy.maxAttempts],
    );
  });
}

/** Rows of `appointment` still to be sent fail with `reason` (a moved booking: their time is wrong). */
export async function dropPending(db: SqlQueryable, appointment: string, reason: string): Promise<number> {
  const rows = await db.query(
    `UPDATE outbox SET state = 'failed', last_error = $2 WHERE appointment = $1 AND state = 'pending' RETURNING id`,
    [appointment, reason],
  );
  return rows.length;
}

/**
 * Rows still to be sent whose appointment's contact no longer holds their address (deleted the day
 * after the visit, or cleared by a cancellation) fail with `contact-gone`, and so lose it too.
 */
export async function forgetGoneContacts(db: SqlQueryable): Promise<number> {
  const rows = await db.query(
    `UPDATE outbox o SET state = 'failed', last_error = 'contact-gone'
      WHERE o.state = 'pending' AND o.appointment IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM booking_contacts c
                         WHERE c.appointment = o.appointment
                           AND (CASE o.channel WHEN 'email' THEN c.email ELSE c.phone END) = o.recipient)
      RETURNING o.id`,
  );
  return rows.length;
}

/** How long a row that is done with (sent or failed) is kept, with its attempts, for questions about it. */
export const DONE_KEEP_DAYS = 90;

/** Deletes sent or failed rows made more than `days` ago, with their attempts (ON DELETE CASCADE). */
export async function purgeDone(db: SqlQueryable, now: number, days = DONE_KEEP_DAYS): Promise<number> {
  const rows = await db.query(`DELETE FROM outbox WHERE state IN ('sent', 'failed') AND created_at < $1 RETURNING id`, [
    new Date(now - days * 86_400_000),
  ]);
  return rows.length;
}
