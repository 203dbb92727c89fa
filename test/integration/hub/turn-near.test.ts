/**
 * "Your turn is near" (electron/hub/turn-near.ts) through hub processes, against a real SMTP
 * server (test/support/smtp-sink.ts) and a local server speaking SMSAPI.pl's API
 * (test/support/smsapi-server.ts), on both back ends:
 * - a kiosk leaves an e-mail address and a phone number for a ticket the hub has not yet received;
 *   nothing goes while more than N are ahead; once counters have called enough, one e-mail and
 *   one SMS (Polish without diacritics: one GSM part), and never again as the queue moves on;
 * - a refusal by each server is tried again after the back-off: one message each;
 * - a visitor called before their message was due gets none, and their address is gone;
 * - after the visits no address is left in the outbox; a counter's token may not ask;
 * - the hub killed mid-send (PGlite: its restart settles what it left): the SMS is sent again with
 *   its idx and dropped as a repeat, the e-mail is not sent again — one message each;
 * - the hourly purge deletes rows done with more than 90 days ago, with their attempts;
 * - OKIENKO_SMTP_REQUIRE_TLS: a server that offers no STARTTLS gets no message.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HUB_API_PREFIX, type CallNextResponse, type WireDocument } from '../../../electron/common/contract/hub';
import {
  TURN_NEAR_OFFER_PATH,
  TURN_NEAR_PATH,
  type TurnNearRequest,
} from '../../../electron/common/contract/hub-turn-near';
import { DEMO_COUNTERS, DEMO_OFFICE, DEMO_SERVICES } from '../../../electron/common/domain/demo-office';
import { officeDay } from '../../../electron/common/domain/office-time';
import { issueTicket, type Ticket } from '../../../electron/common/domain/ticket';
import { migrate } from '../../../electron/hub/migrations';
import { notificationSettings, NotificationConfigError } from '../../../electron/hub/notifications/config';
import { purgeDone } from '../../../electron/hub/notifications/outbox';
import { smtpSender } from '../../../electron/hub/notifications/smtp-sender';
import { openPglite } from '../../../electron/hub/sql';
import { createLogger } from '../../../electron/station/log';
import {
  createHubDatabase,
  createToken,
  enrolSignedIn,
  HUB_BACKENDS,
  hubClient,
  OFFICE_USER,
  startHubProcess,
  type HubBackend,
  type HubClient,
  type HubDatabase,
  type HubProcess,
} from '../../support/hub-process';
import { startSmsapiServer, type SmsapiServer } from '../../support/smsapi-server';
import { startSmtpSink, type SmtpSink } from '../../support/smtp-sink';
import { called, insert, update } from './documents';

const SMS_TOKEN = 'test-smsapi-token';
const AHEAD = 2;
const api = (path: string) => `${HUB_API_PREFIX}${path}`;
const waitFor = (check: () => void, timeout = 15_000) => vi.waitFor(check, { timeout, interval: 100 });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Office {
  readonly hub: HubProcess;
  readonly database: HubDatabase;
  readonly mail: SmtpSink;
  readonly sms: SmsapiServer;
  readonly kiosk: HubClient;
  readonly counter: HubClient;
  /** `count` waiting tickets of `service`, in order, as the kiosk issues them (not yet pushed). */
  make(service: string, count: number): Ticket[];
  /** The kiosk's push of its tickets. */
  push(tickets: readonly Ticket[]): Promise<void>;
  /** Issues `count` tickets of `service` at the kiosk and pushes them. */
  issue(service: string, count: number): Promise<Ticket[]>;
  /** The kiosk's request for `ticket`; the hub's status and answer. */
  ask(ticket: string, fields: Partial<TurnNearRequest>): Promise<{ status: number; body: Record<string, unknown> }>;
  /** The counter's call of its next visitor. */
  callNext(counter: number): Promise<string | null>;
  /** A query on the hub's database (on PGlite the hub stops for it and starts again). */
  inspect<R extends Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<R[]>;
  close(): Promise<void>;
}

async function openOffice(backend: HubBackend): Promise<Office> {
  const [mail, sms, database] = await Promise.all([
    startSmtpSink(),
    startSmsapiServer(SMS_TOKEN),
    createHubDatabase(backend),
  ]);
  const hub = await startHubProcess(database, {
    env: {
      OKIENKO_SMTP_URL: mail.url,
      OKIENKO_SMTP_FROM: 'Urząd Testowy <okienko@urzad.test>',
      OKIENKO_SMSAPI_TOKEN: SMS_TOKEN,
      OKIENKO_SMSAPI_URL: sms.url,
      OKIENKO_OUTBOX_POLL_MS: '200',
      OKIENKO_OUTBOX_RETRY_MS: '500',
      OKIENKO_TURN_NEAR_AHEAD: String(AHEAD),
    },
  });
  const counter = hubClient(hub.url, await enrolSignedIn(database, hub.url, 'stanowisko', OFFICE_USER));
  const kiosk = hubClient(hub.url, await createToken(database, 'kiosk-parter', 'kiosk'));
  const now = Date.now();
  const day = officeDay(now, DEMO_OFFICE.timeZone);
  await counter.push('office', [insert({ ...DEMO_OFFICE, priorityRule: { mode: 'strict' }, updatedAt: now })]);
  await counter.push(
    'services',
    DEMO_SERVICES.map((service) => insert({ ...service, updatedAt: now })),
  );
  await counter.push(
    'counters',
    DEMO_COUNTERS.map((desk) =>
      insert({
        id: String(desk.number),
        number: desk.number,
        name: desk.name,
        services: [...desk.services],
        mode: 'open',
        clerk: '',
        normalSinceLastPriority: 0,
        updatedAt: now,
      }),
    ),
  );
  const sequences = new Map<string, number>();
  let calls = 0;
  const make = (service: string, count: number): Ticket[] =>
    Array.from({ length: count }, () => {
      const seq = (sequences.get(service) ?? 0) + 1;
      sequences.set(service, seq);
      const letter = DEMO_SERVICES.find((candidate) => candidate.id === service)!.letter;
      return issueTicket(
        { id: randomUUID(), day, service, letter, seq, priority: null },
        { station: 'kiosk' },
        Date.now() - 600_000 + seq * 1000,
      );
    });
  const push = async (tickets: readonly Ticket[]) => {
    await kiosk.push(
      'tickets',
      tickets.map((ticket) => insert({ ...ticket, hubStamp: 0 })),
    );
  };
  return {
    hub,
    database,
    mail,
    sms,
    kiosk,
    counter,
    make,
    push,
    async issue(service, count) {
      const tickets = make(service, count);
      await push(tickets);
      return tickets;
    },
    async ask(ticket, fields) {
      const body = { ticket, channel: 'email', recipient: '', language: 'pl', consent: true, ...fields };
      const answer = await kiosk.request<Record<string, unknown>>('POST', api(TURN_NEAR_PATH), { body });
      return { status: answer.status, body: answer.body };
    },
    async callNext(number) {
      const answer = await counter.request<CallNextResponse>('POST', api('/queue/call-next'), {
        body: { counter: number, station: `ws-${number}`, clerk: 'Anna', requestId: `call-${++calls}-${Date.now()}` },
      });
      expect(answer.status).toBe(200);
      return answer.body.ticket?.id ?? null;
    },
    async inspect<R extends Record<string, unknown>>(text: string, params: readonly unknown[] = []) {
      if (backend === 'postgresql') return database.sql<R>(text, params);
      await hub.kill('SIGTERM');
      try {
        return await database.sql<R>(text, params);
      } finally {
        await hub.restart();
      }
    },
    async close() {
      await hub.kill('SIGTERM').catch(() => undefined);
      await Promise.all([mail.close(), sms.close()]);
      await database.remove();
    },
  };
}

const smsTo = (server: SmsapiServer, to: string, list = server.delivered) => list.filter((sms) => sms.fields.to === to);

describe.each(HUB_BACKENDS)('"your turn is near" from a hub process, on %s', (backend) => {
  let office: Office;

  beforeAll(async () => {
    office = await openOffice(backend);
  }, 120_000);

  afterAll(async () => {
    await office?.close();
  });

  it('tells the kiosk what it can send; refuses a counter, bad input and a ticket no longer waiting', async () => {
    const offer = await office.kiosk.request('GET', api(TURN_NEAR_OFFER_PATH));
    expect([offer.status, offer.body]).toEqual([200, { sms: true, email: true, ahead: AHEAD }]);

    const [ticket] = await office.issue('licences', 1);
    const body = { ticket: ticket!.id, channel: 'sms', recipient: '600 700 800', language: 'pl', consent: true };
    const fromCounter = await office.counter.request<{ error: string }>('POST', api(TURN_NEAR_PATH), { body });
    expect([fromCounter.status, fromCounter.body.error]).toEqual([403, 'forbidden-kind']);
    for (const wrong of [
      { recipient: '22 123 45 67' }, // a landline
      { channel: 'email' as const, recipient: 'not-an-address' },
      { consent: false as unknown as true },
    ]) {
      const refused = await office.ask(ticket!.id, { channel: 'sms', recipient: '600700800', ...wrong });
      expect([refused.status, refused.body.error]).toEqual([400, 'bad-request']);
    }
    // Called at counter 1 (licences): its visit has begun, so nothing is taken.
    expect(await office.callNext(1)).toBe(ticket!.id);
    const late = await office.ask(ticket!.id, { channel: 'sms', recipient: '600700800' });
    expect([late.status, late.body.error]).toEqual([409, 'not-waiting']);
  });

  it('sends once by e-mail and by SMS when no more than N are ahead, not before; a ticket may come after its request', async () => {
    const tickets = office.make('vehicles', 5);
    const [ahead, mine] = [tickets.slice(0, 4), tickets[4]!];
    await office.push(ahead);
    // The request comes first (the hub has not got the ticket yet); the kiosk's push follows.
    expect((await office.ask(mine.id, { recipient: 'anna@example.pl' })).status).toBe(200);
    expect((await office.ask(mine.id, { channel: 'sms', recipient: '+48 600 100 200' })).status).toBe(200);
    // Asked twice: still one row and one message.
    expect((await office.ask(mine.id, { recipient: 'anna@example.pl' })).status).toBe(200);
    await office.push([mine]);
    await pause(1_500);
    expect(office.mail.to('anna@example.pl')).toEqual([]);
    expect(smsTo(office.sms, '48600100200')).toEqual([]);

    // Four ahead, then three: still nothing (N is 2).
    expect(await office.callNext(1)).toBe(ahead[0]!.id);
    await pause(1_500);
    expect(office.mail.to('anna@example.pl')).toEqual([]);
    expect(smsTo(office.sms, '48600100200', office.sms.requests)).toEqual([]);
    // Two ahead: the message goes, at once.
    expect(await office.callNext(1)).toBe(ahead[1]!.id);
    await waitFor(() => expect(office.mail.to('anna@example.pl')).toHaveLength(1));
    await waitFor(() => expect(smsTo(office.sms, '48600100200')).toHaveLength(1));

    const mail = office.mail.to('anna@example.pl')[0]!;
    expect(mail.subject).toBe(`Twoja kolej się zbliża — ${DEMO_OFFICE.name.pl}`);
    expect(mail.text).toContain(`przed Tobą 2 osoby`);
    const sms = smsTo(office.sms, '48600100200')[0]!;
    expect(sms.fields.message).toMatch(
      new RegExp(`^Okienko: Twoja kolej sie zbliza\\. Bilet ${mine.number} - przed Toba 2 osoby\\. `),
    );
    expect(sms.fields.message).toMatch(/^[\x20-\x7e]{1,160}$/);
    expect(sms.fields.idx).toMatch(/^[0-9a-f-]{36}$/);

    // The queue moves on: no second message.
    await office.callNext(1);
    await office.callNext(1);
    await pause(1_500);
    expect(office.mail.to('anna@example.pl')).toHaveLength(1);
    expect(smsTo(office.sms, '48600100200', office.sms.requests)).toHaveLength(1);
  }, 60_000);

  it('tries again after a refusal: an SMTP 451 and an SMSAPI error, then one message each', async () => {
    office.mail.refuseNext(1, 451);
    office.sms.refuseNext(1, 8);
    const [ticket] = await office.issue('cashier', 1);
    expect((await office.ask(ticket!.id, { recipient: 'ola@example.pl', language: 'uk' })).status).toBe(200);
    expect(
      (await office.ask(ticket!.id, { channel: 'sms', recipient: '0048 501 222 333', language: 'en' })).status,
    ).toBe(200);
    await waitFor(() => expect(office.mail.to('ola@example.pl')).toHaveLength(1));
    await waitFor(() => expect(smsTo(office.sms, '48501222333')).toHaveLength(1));
    expect(office.mail.to('ola@example.pl')[0]!.text).toContain(`Квиток ${ticket!.number} наступний у черзі.`);
    const tries = smsTo(office.sms, '48501222333', office.sms.requests);
    expect(tries).toHaveLength(2);
    expect(tries[0]!.fields.idx).toBe(tries[1]!.fields.idx);
    expect(tries[1]!.fields.message).toContain(
      `Okienko: Your turn is near. Ticket ${ticket!.number} is next in the queue.`,
    );
  }, 30_000);

  it('a visitor called before the message was due gets none', async () => {
    const tickets = await office.issue('taxes', 5);
    const visitor = tickets[4]!;
    expect((await office.ask(visitor.id, { recipient: 'early@example.pl' })).status).toBe(200);
    expect((await office.ask(visitor.id, { channel: 'sms', recipient: '733 444 555' })).status).toBe(200);
    // The clerk at counter 5 calls this visitor out of turn (four were ahead, N is 2).
    const { documents } = await office.counter.pullAll('tickets');
    const master = documents.find((document) => document.id === visitor.id) as WireDocument;
    await office.counter.push('tickets', [update({ ...called(visitor, 5), hubStamp: 0 }, master)]);
    await pause(1_500);
    expect(office.mail.to('early@example.pl')).toEqual([]);
    expect(smsTo(office.sms, '48733444555', office.sms.requests)).toEqual([]);
  }, 30_000);

  it('after the visits no address is left, and every attempt is recorded', async () => {
    const rows = await office.inspect<{
      kind: string;
      state: string;
      recipient: string | null;
      error: string | null;
      outcomes: (string | null)[];
    }>(
      `SELECT o.kind, o.state, o.recipient, o.last_error AS error,
              array_remove(array_agg(a.outcome || ':' || coalesce(a.error_code, '') ORDER BY a.attempt), NULL) AS outcomes
         FROM outbox o LEFT JOIN outbox_attempts a ON a.outbox = o.id
        GROUP BY o.id ORDER BY o.created_at, o.channel`,
    );
    expect(rows.map(({ state, recipient, error, outcomes }) => [state, recipient, error, outcomes])).toEqual([
      ['sent', null, null, ['sent:']],
      ['sent', null, null, ['sent:']],
      ['sent', null, null, ['refused:smtp-451', 'sent:']],
      ['sent', null, null, ['refused:smsapi-8', 'sent:']],
      ['failed', null, 'contact-gone', []],
      ['failed', null, 'contact-gone', []],
    ]);
    expect(rows.every((row) => row.kind === 'turn-near')).toBe(true);
    const anywhere = await office.inspect<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbox WHERE payload::text ~ '@|600100200|501222333|733444555'`,
    );
    expect(anywhere).toEqual([{ n: 0 }]);
    for (const personal of ['anna@example.pl', 'ola@example.pl', '600 100 200', '600100200', '501222333', '733 444']) {
      expect(office.hub.output()).not.toContain(personal);
    }
  }, 60_000);
});

describe('"your turn is near" with the hub killed mid-send, on pglite', () => {
  let office: Office;

  beforeAll(async () => {
    office = await openOffice('pglite');
  }, 120_000);

  afterAll(async () => {
    await office?.close();
  });

  it('the e-mail is not sent again; the SMS is sent again with its idx and dropped as a repeat', async () => {
    const [first, second] = await office.issue('information', 2);
    const mailHeld = office.mail.holdNext();
    expect((await office.ask(first!.id, { recipient: 'jan@example.pl' })).status).toBe(200);
    await mailHeld;
    await office.hub.kill('SIGKILL');
    office.mail.release();
    await office.hub.restart();
    // Several worker runs (every 200 ms) after the restart.
    await pause(2_000);
    expect(office.mail.to('jan@example.pl')).toHaveLength(1);

    const smsHeld = office.sms.holdNext();
    expect((await office.ask(second!.id, { channel: 'sms', recipient: '600 500 600' })).status).toBe(200);
    await smsHeld;
    await office.hub.kill('SIGKILL');
    await office.hub.restart();
    await waitFor(() => expect(smsTo(office.sms, '48600500600', office.sms.requests)).toHaveLength(2));
    await pause(1_000);
    expect(smsTo(office.sms, '48600500600')).toHaveLength(1);
    const [once, again] = smsTo(office.sms, '48600500600', office.sms.requests);
    expect(again!.fields.idx).toBe(once!.fields.idx);
    const rows = await office.inspect<{ channel: string; state: string; error: string | null; outcomes: string[] }>(
      `SELECT o.channel, o.state, o.last_error AS error, array_agg(a.outcome ORDER BY a.attempt) AS outcomes
         FROM outbox o JOIN outbox_attempts a ON a.outbox = o.id GROUP BY o.id ORDER BY o.channel`,
    );
    expect(rows).toEqual([
      { channel: 'email', state: 'failed', error: 'interrupted', outcomes: ['interrupted'] },
      { channel: 'sms', state: 'sent', error: null, outcomes: ['interrupted', 'sent'] },
    ]);
  }, 90_000);
});

describe("the outbox's purge", () => {
  it('deletes rows sent or failed more than 90 days ago, with their attempts; keeps the rest', async () => {
    const db = await openPglite('memory://', createLogger({ level: 'error' }));
    try {
      await migrate(db);
      const now = Date.now();
      const day = 86_400_000;
      const row = (id: string, state: string, age: number) =>
        db.query(
          `INSERT INTO outbox (id, kind, channel, recipient, language, payload, state, next_attempt_at, created_at)
           VALUES ($1, 'turn-near', 'email', 'x@example.pl', 'pl', '{}', $2, $3, $3)`,
          [id, state, new Date(now - age)],
        );
      await row('old-sent', 'sent', 91 * day);
      await row('old-failed', 'failed', 120 * day);
      await row('old-pending', 'pending', 91 * day);
      await row('recent-sent', 'sent', 89 * day);
      await db.query(
        `INSERT INTO outbox_attempts (outbox, attempt, started_at, outcome) VALUES
           ('old-sent', 1, now(), 'sent'), ('recent-sent', 1, now(), 'sent')`,
      );
      expect(await purgeDone(db, now)).toBe(2);
      expect((await db.query<{ id: string }>('SELECT id FROM outbox ORDER BY id')).map((r) => r.id)).toEqual([
        'old-pending',
        'recent-sent',
      ]);
      expect(await db.query('SELECT outbox FROM outbox_attempts')).toEqual([{ outbox: 'recent-sent' }]);
    } finally {
      await db.close();
    }
  });
});

describe('OKIENKO_SMTP_REQUIRE_TLS', () => {
  it('sends nothing to a server without STARTTLS: the attempt is refused; without the setting it goes', async () => {
    const sink = await startSmtpSink();
    const message = { id: randomUUID(), recipient: 'tls@example.pl', subject: 'S', text: 'T', attachments: [] };
    const base = { OKIENKO_SMTP_URL: sink.url, OKIENKO_SMTP_FROM: 'okienko@urzad.test' };
    expect(() => notificationSettings({ ...base, OKIENKO_SMTP_REQUIRE_TLS: 'maybe' })).toThrow(NotificationConfigError);
    const strict = notificationSettings({ ...base, OKIENKO_SMTP_REQUIRE_TLS: '1' }).senders[0]!;
    const plain = smtpSender({ url: sink.url, from: 'okienko@urzad.test' });
    try {
      expect(await strict.send(message)).toMatchObject({ outcome: 'refused' });
      expect(sink.to('tls@example.pl')).toEqual([]);
      expect(await plain.send(message)).toMatchObject({ outcome: 'sent' });
      expect(sink.to('tls@example.pl')).toHaveLength(1);
    } finally {
      strict.close();
      plain.close();
      await sink.close();
    }
  });
});
