/**
 * SMS through SMSAPI.pl's HTTP API (`POST <base>/sms.do`, a bearer token, form fields `to`,
 * `message`, `from`, `encoding=utf-8`, `format=json`). Every attempt for one outbox row sends
 * the same `idx` (the row's id) with `check_idx=1`: SMSAPI refuses a second message with an idx
 * it has already taken (error 53), so an attempt whose end is unknown is simply sent again, and
 * the repeat is read as "sent". The base URL is configurable (`OKIENKO_SMSAPI_URL`), so the tests
 * point it at a local server that speaks the same API (test/support/smsapi-server.ts).
 */
import type { OutgoingMessage, Sender, SendOutcome } from './sender';

export const SMSAPI_URL = 'https://api.smsapi.pl';
/** SMSAPI's error for an idx it has already taken with check_idx=1: the message went before. */
export const SMSAPI_DUPLICATE_IDX = 53;

export interface SmsapiSettings {
  readonly token: string;
  readonly baseUrl?: string;
  /** A sender name registered with SMSAPI; without it the account's default. */
  readonly from?: string;
  readonly timeoutMs?: number;
}

interface SmsapiAnswer {
  readonly error?: number;
  readonly message?: string;
  readonly list?: ReadonlyArray<{ readonly id?: string; readonly error?: number | null }>;
}

export function smsapiSender(settings: SmsapiSettings): Sender {
  const endpoint = `${(settings.baseUrl ?? SMSAPI_URL).replace(/\/+$/, '')}/sms.do`;
  return {
    channel: 'sms',
    resendIsDeduplicated: true,
    async send(message: OutgoingMessage): Promise<SendOutcome> {
      const form = new URLSearchParams({
        // Digits only: SMSAPI takes 48XXXXXXXXX (and a bare nine-digit number as Polish).
        to: message.recipient.replace(/\D/g, ''),
        message: message.text,
        encoding: 'utf-8',
        format: 'json',
        idx: message.id,
        check_idx: '1',
      });
      if (settings.from) form.set('from', settings.from);
      let response: Response;
      try {
        response = await fetch(endpoint, {
          method: 'POST',
          headers: { Authorization: `Bearer ${settings.token}`, 'Content-Type': 'application/x-www-form-urlencoded' },
          body: form,
          signal: AbortSignal.timeout(settings.timeoutMs ?? 30_000),
        });
      } catch {
        return { outcome: 'unknown', code: 'smsapi-connection' };
      }
      return outcomeOf(response.status, await response.text().catch(() => ''));
    },
    close: () => undefined,
  };
}

/** SMSAPI's answer as an outcome: a list with an id is sent; `{error}` is a refusal (53: sent before). */
export function outcomeOf(status: number, body: string): SendOutcome {
  let answer: SmsapiAnswer | null = null;
  try {
    answer = JSON.parse(body) as SmsapiAnswer;
  } catch {
    answer = null;
  }
  const first = answer?.list?.[0];
  if (status < 300 && first?.id && !first.error) return { outcome: 'sent', providerId: String(first.id) };
  if (typeof answer?.error === 'number') {
    if (answer.error === SMSAPI_DUPLICATE_IDX) return { outcome: 'sent', providerId: null };
    return { outcome: 'refused', code: `smsapi-${answer.error}` };
  }
  // A server error without SMSAPI's answer: it may or may not have taken the message.
  return status >= 500
    ? { outcome: 'unknown', code: `http-${status}` }
    : { outcome: 'refused', code: `http-${status}` };
}
