/**
 * The notification settings, from the hub's environment (secrets stay off the command line, where
 * every user of the machine can read them):
 *   OKIENKO_SMTP_URL      smtp://user:password@host:587 (STARTTLS when offered) or smtps://…:465
 *   OKIENKO_SMTP_FROM     the From address, required with OKIENKO_SMTP_URL
 *   OKIENKO_SMTP_REQUIRE_TLS  1: never send over smtp:// without STARTTLS (a server that does not
 *                         offer it gets nothing; the attempt is refused `etls` and tried again)
 *   OKIENKO_SMSAPI_TOKEN  an SMSAPI.pl OAuth token: SMS through SMSAPI
 *   OKIENKO_SMSAPI_URL    another address of the same API (default https://api.smsapi.pl; tests)
 *   OKIENKO_SMS_FROM      a sender name registered at SMSAPI
 *   OKIENKO_OUTBOX_RETRY_MS, OKIENKO_OUTBOX_ATTEMPTS, OKIENKO_OUTBOX_POLL_MS
 *                         the first back-off (doubling, at most an hour), attempts, how often to look
 *   OKIENKO_TURN_NEAR_AHEAD  "your turn is near" goes when this many or fewer are ahead (default 3)
 * Neither channel set: no notifications are sent (the outbox still fills, and its rows expire).
 */
import { DEFAULT_RETRY, type RetryPolicy } from './outbox';
import type { Sender } from './sender';
import { smsapiSender } from './smsapi-sender';
import { smtpSender } from './smtp-sender';

export class NotificationConfigError extends Error {}

export interface NotificationSettings {
  readonly senders: readonly Sender[];
  readonly policy: RetryPolicy;
  readonly pollMs: number;
  /** A kiosk's "turn is near" goes when this many people or fewer are ahead of the ticket. */
  readonly turnNearAhead: number;
}

export const DEFAULT_TURN_NEAR_AHEAD = 3;

function whole(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value.trim() === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 100)
    throw new NotificationConfigError(`${name} must be a whole number from 0 to 100`);
  return parsed;
}

function flag(env: NodeJS.ProcessEnv, name: string): boolean {
  const value = (env[name] ?? '').trim().toLowerCase();
  if (['', '0', 'false', 'no'].includes(value)) return false;
  if (['1', 'true', 'yes'].includes(value)) return true;
  throw new NotificationConfigError(`${name} must be 1 or 0`);
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value.trim() === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1)
    throw new NotificationConfigError(`${name} must be a whole number above 0`);
  return parsed;
}

export function notificationSettings(env: NodeJS.ProcessEnv): NotificationSettings {
  const senders: Sender[] = [];
  if (env.OKIENKO_SMTP_URL) {
    if (!/^smtps?:\/\//.test(env.OKIENKO_SMTP_URL)) {
      throw new NotificationConfigError('OKIENKO_SMTP_URL must start with smtp:// or smtps://');
    }
    if (!env.OKIENKO_SMTP_FROM) throw new NotificationConfigError('OKIENKO_SMTP_FROM is needed with OKIENKO_SMTP_URL');
    const requireTLS = flag(env, 'OKIENKO_SMTP_REQUIRE_TLS');
    senders.push(smtpSender({ url: env.OKIENKO_SMTP_URL, from: env.OKIENKO_SMTP_FROM, requireTLS }));
  }
  if (env.OKIENKO_SMSAPI_TOKEN) {
    senders.push(
      smsapiSender({
        token: env.OKIENKO_SMSAPI_TOKEN,
        ...(env.OKIENKO_SMSAPI_URL ? { baseUrl: env.OKIENKO_SMSAPI_URL } : {}),
        ...(env.OKIENKO_SMS_FROM ? { from: env.OKIENKO_SMS_FROM } : {}),
      }),
    );
  }
  const policy: RetryPolicy = {
    ...DEFAULT_RETRY,
    baseMs: positive(env, 'OKIENKO_OUTBOX_RETRY_MS', DEFAULT_RETRY.baseMs),
    maxAttempts: positive(env, 'OKIENKO_OUTBOX_ATTEMPTS', DEFAULT_RETRY.maxAttempts),
  };
  return {
    senders,
    policy,
    pollMs: positive(env, 'OKIENKO_OUTBOX_POLL_MS', 5_000),
    turnNearAhead: whole(env, 'OKIENKO_TURN_NEAR_AHEAD', DEFAULT_TURN_NEAR_AHEAD),
  };
}
