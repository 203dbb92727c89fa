/**
 * What sends a resident's notification: one implementation per channel (smtp-sender.ts for e-mail,
 * smsapi-sender.ts for SMS), the outbox's worker (worker.ts) the only caller. A sender tells what
 * became of a message, honestly: `sent`, `refused` (the provider said no: nothing went out, so
 * trying again later is safe), or `unknown` (the connection broke after the provider may have
 * taken it). Whether an unknown outcome may be tried again is the sender's `resendIsDeduplicated`:
 * true only where the provider itself drops a second message with the same key.
 */

export type Channel = 'email' | 'sms';
export const CHANNELS: readonly Channel[] = ['email', 'sms'];

export interface Attachment {
  readonly filename: string;
  readonly contentType: string;
  readonly content: string;
}

export interface OutgoingMessage {
  /** The outbox row's id: the e-mail's Message-ID and the SMS's idx, the same on every attempt. */
  readonly id: string;
  /** The address or number. Never logged. */
  readonly recipient: string;
  /** E-mail only. */
  readonly subject: string;
  readonly text: string;
  readonly attachments: readonly Attachment[];
}

export type SendOutcome =
  | { readonly outcome: 'sent'; readonly providerId: string | null }
  | { readonly outcome: 'refused'; readonly code: string }
  | { readonly outcome: 'unknown'; readonly code: string };

export interface Sender {
  readonly channel: Channel;
  /**
   * True when sending the same message id again cannot reach the recipient twice (the provider
   * keeps the key and refuses a repeat): then an interrupted or unknown attempt is tried again.
   * False: such an attempt is never repeated (at most once).
   */
  readonly resendIsDeduplicated: boolean;
  send(message: OutgoingMessage): Promise<SendOutcome>;
  close(): void;
}
