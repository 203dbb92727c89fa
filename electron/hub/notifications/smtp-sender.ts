/**
 * E-mail over SMTP with nodemailer. `OKIENKO_SMTP_URL` as nodemailer reads it:
 * `smtp://user:password@host:587` (STARTTLS whenever the server offers it, or only with STARTTLS
 * when `requireTLS`) or `smtps://…:465`.
 * Every attempt for one outbox row carries the same Message-ID (`<row id@okienko.outbox>`), so a
 * copy is recognisable as one. SMTP has no way to ask "did you already take this?", so an
 * attempt whose end is unknown is never repeated: e-mail is sent at most once (worker.ts).
 */
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { OutgoingMessage, Sender, SendOutcome } from './sender';

export interface SmtpSettings {
  readonly url: string;
  /** `Urząd Miasta <okienko@urzad.example.pl>` */
  readonly from: string;
  /** Give up on a silent server after this long (ms). */
  readonly timeoutMs?: number;
  /** smtp:// only: STARTTLS or nothing (`OKIENKO_SMTP_REQUIRE_TLS`); a server without it gets no message. */
  readonly requireTLS?: boolean;
}

/** Errors raised before the server could have taken anything: no connection, no DNS, no greeting. */
const NOTHING_SENT = new Set(['ECONNECTION', 'EDNS', 'ETLS', 'EAUTH', 'ENOAUTH', 'EENVELOPE']);

export function messageIdOf(id: string): string {
  return `<${id}@okienko.outbox>`;
}

export function smtpSender(settings: SmtpSettings): Sender {
  const timeout = settings.timeoutMs ?? 60_000;
  const transport: Transporter = nodemailer.createTransport({
    ...serverOf(settings.url),
    ...(settings.requireTLS ? { requireTLS: true } : {}),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  return {
    channel: 'email',
    resendIsDeduplicated: false,
    async send(message: OutgoingMessage): Promise<SendOutcome> {
      try {
        const info = (await transport.sendMail({
          from: settings.from,
          to: message.recipient,
          subject: message.subject,
          text: message.text,
          messageId: messageIdOf(message.id),
          attachments: message.attachments.map((file) => ({ ...file })),
        })) as { response?: string };
        return { outcome: 'sent', providerId: queueIdOf(info.response) };
      } catch (error) {
        return outcomeOf(error);
      }
    },
    close: () => transport.close(),
  };
}

/** Host, port, TLS and login of `smtp://user:password@host:port` or `smtps://…`. */
export function serverOf(url: string): SMTPTransport.Options {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'smtps:';
  const user = decodeURIComponent(parsed.username);
  return {
    host: parsed.hostname.replace(/^\[|\]$/g, ''),
    port: parsed.port ? Number(parsed.port) : secure ? 465 : 587,
    secure,
    ...(user ? { auth: { user, pass: decodeURIComponent(parsed.password) } } : {}),
  };
}

/** A server's reply code means it refused; a failure before any exchange means nothing went out. */
export function outcomeOf(error: unknown): SendOutcome {
  const { responseCode, code } = (error ?? {}) as { responseCode?: number; code?: string };
  if (typeof responseCode === 'number') return { outcome: 'refused', code: `smtp-${responseCode}` };
  if (code && NOTHING_SENT.has(code)) return { outcome: 'refused', code: code.toLowerCase() };
  return { outcome: 'unknown', code: (code ?? 'error').toLowerCase() };
}

/** The queue id many servers put in their 250 reply (`250 2.0.0 Ok: queued as 4BC3F2`), when there is one. */
function queueIdOf(response: string | undefined): string | null {
  const match = /queued as\s+([\w.-]{1,100})/i.exec(response ?? '');
  return match?.[1] ?? null;
}
