/**
 * What the outbox makes of a sender's answer (electron/hub/notifications/): SMTP errors and
 * SMSAPI answers read as sent, refused (safe to try again) or unknown; what becomes of a row
 * after each, with the back-off; the settings read from the environment; the messages' words.
 */
import { describe, expect, it } from 'vitest';
import { notificationSettings, NotificationConfigError } from '../../../../../electron/hub/notifications/config';
import { renderNotice, type BookingNotice } from '../../../../../electron/hub/notifications/messages';
import { backoffMs, DEFAULT_RETRY, nextState } from '../../../../../electron/hub/notifications/outbox';
import { outcomeOf as smsOutcome } from '../../../../../electron/hub/notifications/smsapi-sender';
import { outcomeOf as smtpOutcome, serverOf } from '../../../../../electron/hub/notifications/smtp-sender';

describe('an SMTP attempt', () => {
  it('is refused when the server answered with a code, or nothing was ever exchanged', () => {
    expect(smtpOutcome(Object.assign(new Error('x'), { responseCode: 451, code: 'EMESSAGE' }))).toEqual({
      outcome: 'refused',
      code: 'smtp-451',
    });
    expect(smtpOutcome(Object.assign(new Error('x'), { code: 'ECONNECTION' }))).toEqual({
      outcome: 'refused',
      code: 'econnection',
    });
  });

  it('is unknown when the connection broke without an answer', () => {
    expect(smtpOutcome(Object.assign(new Error('x'), { code: 'ESOCKET' }))).toEqual({
      outcome: 'unknown',
      code: 'esocket',
    });
    expect(smtpOutcome(new Error('x'))).toEqual({ outcome: 'unknown', code: 'error' });
  });

  it('reads the server, TLS and login from the URL', () => {
    expect(serverOf('smtps://okienko%40urzad.pl:p%40ss@mail.urzad.pl')).toEqual({
      host: 'mail.urzad.pl',
      port: 465,
      secure: true,
      auth: { user: 'okienko@urzad.pl', pass: 'p@ss' },
    });
    expect(serverOf('smtp://127.0.0.1:2525')).toEqual({ host: '127.0.0.1', port: 2525, secure: false });
  });
});

describe('an SMSAPI answer', () => {
  it('is sent with the message id, or when the idx was taken before (error 53)', () => {
    expect(smsOutcome(200, JSON.stringify({ count: 1, list: [{ id: '17', error: null }] }))).toEqual({
      outcome: 'sent',
      providerId: '17',
    });
    expect(smsOutcome(400, JSON.stringify({ error: 53, message: 'Not unique idx' }))).toEqual({
      outcome: 'sent',
      providerId: null,
    });
  });

  it('is refused with SMSAPI’s error code; a server error without one is unknown', () => {
    expect(smsOutcome(200, JSON.stringify({ error: 13, message: 'No correct phone numbers' }))).toEqual({
      outcome: 'refused',
      code: 'smsapi-13',
    });
    expect(smsOutcome(502, '<html>')).toEqual({ outcome: 'unknown', code: 'http-502' });
    expect(smsOutcome(404, 'not found')).toEqual({ outcome: 'refused', code: 'http-404' });
  });
});

describe('a row after an attempt', () => {
  const refused = { outcome: 'refused', code: 'smtp-451' } as const;
  const unknown = { outcome: 'unknown', code: 'esocket' } as const;

  it('is tried again after a refusal until the last attempt, then fails', () => {
    expect(nextState(refused, 1, DEFAULT_RETRY, false)).toBe('pending');
    expect(nextState(refused, DEFAULT_RETRY.maxAttempts, DEFAULT_RETRY, false)).toBe('failed');
    expect(nextState({ outcome: 'sent', providerId: null }, 1, DEFAULT_RETRY, false)).toBe('sent');
  });

  it('after an unknown outcome is tried again only where the provider drops a repeat', () => {
    expect(nextState(unknown, 1, DEFAULT_RETRY, false)).toBe('failed');
    expect(nextState(unknown, 1, DEFAULT_RETRY, true)).toBe('pending');
  });

  it('waits twice as long after each failed attempt, at most an hour', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((attempts) => backoffMs(DEFAULT_RETRY, attempts) / 60_000)).toEqual([
      1, 2, 4, 8, 16, 32, 60, 60,
    ]);
  });
});

describe('the notification settings', () => {
  it('have no sender without an SMTP URL or an SMSAPI token', () => {
    expect(notificationSettings({}).senders).toEqual([]);
  });

  it('make a sender for each channel set', () => {
    const settings = notificationSettings({
      OKIENKO_SMTP_URL: 'smtp://127.0.0.1:2525',
      OKIENKO_SMTP_FROM: 'okienko@urzad.test',
      OKIENKO_SMSAPI_TOKEN: 'token',
      OKIENKO_OUTBOX_RETRY_MS: '500',
    });
    expect(settings.senders.map((sender) => [sender.channel, sender.resendIsDeduplicated])).toEqual([
      ['email', false],
      ['sms', true],
    ]);
    expect(settings.policy.baseMs).toBe(500);
    for (const sender of settings.senders) sender.close();
  });

  it('name what is wrong', () => {
    expect(() => notificationSettings({ OKIENKO_SMTP_URL: 'smtp://127.0.0.1' })).toThrow(/OKIENKO_SMTP_FROM/);
    expect(() => notificationSettings({ OKIENKO_SMTP_URL: 'http://x', OKIENKO_SMTP_FROM: 'a@b' })).toThrow(
      NotificationConfigError,
    );
    expect(() => notificationSettings({ OKIENKO_OUTBOX_POLL_MS: '0' })).toThrow(/OKIENKO_OUTBOX_POLL_MS/);
  });
});

describe('the words of a notification', () => {
  const notice: BookingNotice = {
    appointmentId: 'a1',
    code: '123456',
    at: Date.UTC(2026, 2, 10, 8, 0),
    day: '2026-03-10',
    time: '09:00',
    minutes: 15,
    updatedAt: 1,
    serviceId: 'id-cards',
    serviceName: { pl: 'Dowody osobiste', en: 'ID cards', uk: 'Посвідчення' },
    officeName: { pl: 'Urząd', en: 'Office', uk: 'Офіс' },
    address: 'ul. Przykładowa 1',
    key: 'ABCDEFGHJK',
    origin: 'https://urzad.test',
  };

  it('confirm by e-mail with the link and the calendar file, by SMS in one line', () => {
    const email = renderNotice('booking-confirmation', 'email', 'pl', notice);
    expect(email.subject).toBe('Potwierdzenie wizyty — Urząd');
    expect(email.text).toContain('https://urzad.test/#/booking/123456-ABCDEFGHJK');
    expect(email.attachments.map((file) => file.filename)).toEqual(['wizyta-123456.ics']);
    const sms = renderNotice('booking-confirmation', 'sms', 'en', notice);
    expect(sms.text).not.toContain('\n');
    expect(sms.text).toMatch(/^Your appointment is booked: ID cards, Office: 2026-03-10 at 09:00/);
    expect(sms.attachments).toEqual([]);
  });

  it('remind without the key: no link, and a calendar file without one', () => {
    const { key: _key, origin: _origin, ...reminder } = notice;
    const email = renderNotice('booking-reminder', 'email', 'uk', reminder);
    expect(email.subject).toBe('Нагадування про візит — Офіс');
    expect(email.text).not.toContain('#/booking/');
    expect(email.attachments).toHaveLength(1);
    const calendar = String(email.attachments[0]!.content);
    expect(calendar).toContain('UID:a1@okienko');
    expect(calendar).toContain('DESCRIPTION:Код візиту: 123456');
    expect(calendar).not.toContain('#/booking/');
    expect(renderNotice('booking-reminder', 'sms', 'uk', reminder).attachments).toEqual([]);
  });
});
