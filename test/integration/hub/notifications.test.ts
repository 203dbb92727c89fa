/**
 * Residents' notifications sent by the hub from its outbox (electron/hub/notifications/), against
 * a real SMTP server (`smtp-server`, test/support/smtp-sink.ts) and a local server speaking
 * SMSAPI.pl's API (test/support/smsapi-server.ts):
 * - through hub processes on both back ends: a booking's confirmation by e-mail with the calendar
 *   file and by SMS, in the resident's language; a refusal by each server tried again after the
 *   back-off; every attempt recorded, and no address left in the outbox or in the hub's log;
 * - the hub killed mid-send (PGlite: one process, so its restart settles what it left): an e-mail
 *   held at the end of DATA is not sent again (at most once); an SMS held after SMSAPI took it is
 *   sent again with the same idx, which SMSAPI refuses as a repeat — one message either way;
 * - two hub nodes' workers on one PostgreSQL (FOR UPDATE SKIP LOCKED): each message sent once;
 * - against the store with a fixed clock: the reminder the day before, sent by the worker; the
 *   contact's purge after the visit takes the address out of whatever the outbox still had.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HUB_API_PREFIX } from '../../../electron/common/contract/hub';
import type { BookingCreated, BookingRequest, Slots } from '../../../electron/common/contract/public';
import { addDays, WEEKDAYS } from '../../../electron/common/domain/calendar';
import { demoConfiguration } from '../../../electron/common/domain/demo-office';
import { officeDay, officeTime } from '../../../electron/common/domain/office-time';
import { appointmentTick } from '../../../electron/hub/appointment-timer';
import { bookSlot, moveBooking } from '../../../electron/hub/bookings';
import { migrate } from '../../../electron/hub/migrations';
import { DEFAULT_RETRY, enqueue } from '../../../electron/hub/notifications/outbox';
import { smtpSender } from '../../../electron/hub/notifications/smtp-sender';
import { NotificationWorker } from '../../../electron/hub/notifications/worker';
import { openPglite, openPostgres, type SqlClient } from '../../../electron/hub/sql';
import { HubStore } from '../../../electron/hub/store';
import { createLogger } from '../../../electron/station/log';
import {
  createHubDatabase,
  enrolSignedIn,
  HUB_BACKENDS,
  hubClient,
  startHubProcess,
  type HubBackend,
  type HubClient,
  type HubDatabase,
  type HubProcess,
} from '../../support/hub-process';
import { icsLines } from '../../support/ics';
import { createTestDatabase, type TestDatabase } from '../../support/postgres';
import { startSmsapiServer, type SmsapiServer } from '../../support/smsapi-server';
import { startSmtpSink, type SmtpSink } from '../../support/smtp-sink';
import { insert, update } from './documents';
import { issueTicket, transition } from '../../../electron/common/domain/ticket';
import type { WireDocument } from '../../../electron/common/contract/hub';

const ZONE = 'Europe/Warsaw';
const SMS_TOKEN = 'test-smsapi-token';
const api = (path: string) => `${HUB_API_PREFIX}${path}`;
const waitFor = (check: () => void, timeout = 15_000) => vi.waitFor(check, { timeout, interval: 100 });

/** The demo office, open every day 07:00–20:00. */
function configuration() {
  const demo = demoConfiguration();
  const hours = Object.fromEntries(WEEKDAYS.map((weekday) => [weekday, [{ from: '07:00', to: '20:00' }]]));
  return {
    office: { ...demo.office, address: 'ul. Przykładowa 1, 00-950 Warszawa', hours, updatedAt: 1 },
    services: demo.services.map((service) => ({ ...service, updatedAt: 1 })),
  };
}

interface Office {
  readonly hub: HubProcess;
  readonly database: HubDatabase;
  readonly mail: SmtpSink;
  readonly sms: SmsapiServer;
  /** Books the next free slot of id-cards with this contact; the hub's answer. */
  book(contact: Partial<BookingRequest>): Promise<BookingCreated>;
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
      OKIENKO_HUB_PUBLIC_RATE: '0',
      OKIENKO_SMTP_URL: mail.url,
      OKIENKO_SMTP_FROM: 'Urząd Testowy <okienko@urzad.test>',
      OKIENKO_SMSAPI_TOKEN: SMS_TOKEN,
      OKIENKO_SMSAPI_URL: sms.url,
      OKIENKO_OUTBOX_POLL_MS: '200',
      OKIENKO_OUTBOX_RETRY_MS: '500',
    },
  });
  const staff: HubClient = hubClient(hub.url, await enrolSignedIn(database, hub.url, 'stanowisko-1'));
  const { office, services } = configuration();
  await staff.push('office', [insert(office)]);
  await staff.push('services', services.map(insert));
  const resident = hubClient(hub.url, null, '');
  const from = addDays(officeDay(Date.now(), ZONE), 2);
  const slots = (
    await resident.request<Slots>('GET', api(`/public/slots?service=id-cards&from=${from}&days=14`), {
      token: null,
      version: null,
    })
  ).body.slots;
  let next = 0;
  return {
    hub,
    database,
    mail,
    sms,
    async book(contact) {
      const body = { service: 'id-cards', at: slots[next++]!.at, name: 'Anna Nowak', language: 'pl', ...contact };
      const answer = await hubClient(hub.url, null, '').request<BookingCreated>('POST', api('/public/bookings'), {
        token: null,
        version: null,
        body,
      });
      expect(answer.status).toBe(200);
      return answer.body;
    },
    async close() {
      await hub.kill('SIGTERM').catch(() => undefined);
      await Promise.all([mail.close(), sms.close()]);
      await database.remove();
    },
  };
}

describe.each(HUB_BACKENDS)('notifications from a hub process, on %s', (backend) => {
  let office: Office;

  beforeAll(async () => {
    office = await openOffice(backend);
  }, 90_000);

  afterAll(async () => {
    await office?.close();
  });

  it('confirms a booking by e-mail with the calendar file and by SMS, in the resident’s language', async () => {
    const booked = await office.book({ email: 'anna@example.pl', phone: '+48 600 100 200', language: 'en' });
    await waitFor(() => expect(office.mail.to('anna@example.pl')).toHaveLength(1));
    await waitFor(() => expect(office.sms.delivered.filter((sms) => sms.fields.to === '48600100200')).toHaveLength(1));

    const mail = office.mail.to('anna@example.pl')[0]!;
    expect(mail.subject).toMatch(/^Your appointment is booked — /);
    expect(mail.text).toContain(`Appointment code: ${booked.code}`);
    expect(mail.text).toContain(`/#/booking/${booked.code}-${booked.key}`);
    expect(mail.messageId).toMatch(/^<[0-9a-f-]{36}@okienko\.outbox>$/);
    const [calendar] = mail.attachments;
    expect(calendar).toMatchObject({ contentType: 'text/calendar', filename: `wizyta-${booked.code}.ics` });
    const lines = icsLines(calendar!.content.toString('utf8'));
    expect(lines.get('DTSTART')).toBe(new Date(booked.at).toISOString().replace(/[-:]|\.\d{3}/g, ''));
    expect(lines.get('STATUS')).toBe('CONFIRMED');

    const sms = office.sms.delivered.find((entry) => entry.fields.to === '48600100200')!;
    expect(sms.authorization).toBe(`Bearer ${SMS_TOKEN}`);
    expect(sms.fields).toMatchObject({ encoding: 'utf-8', format: 'json', check_idx: '1' });
    expect(sms.fields.idx).toMatch(/^[0-9a-f-]{36}$/);
    expect(sms.fields.message).toContain(booked.code);
    expect(sms.fields.message).toMatch(/^Your appointment is booked:/);
  });

  it('tries again after a refusal: an SMTP 451 and an SMSAPI error, then one message each', async () => {
    office.mail.refuseNext(1, 451);
    office.sms.refuseNext(1, 8);
    const booked = await office.book({ email: 'ola@example.pl', phone: '+48 600 300 400', language: 'uk' });
    await waitFor(() => expect(office.mail.to('ola@example.pl')).toHaveLength(1));
    await waitFor(() => expect(office.sms.delivered.filter((sms) => sms.fields.to === '48600300400')).toHaveLength(1));
    expect(office.mail.to('ola@example.pl')[0]!.subject).toMatch(/^Візит заброньовано/);
    const tries = office.sms.requests.filter((sms) => sms.fields.to === '48600300400');
    expect(tries).toHaveLength(2);
    expect(tries[0]!.fields.idx).toBe(tries[1]!.fields.idx);
    expect(tries[1]!.fields.message).toContain(booked.code);
  });

  it('records every attempt and keeps no address: not in the outbox, not in the log', async () => {
    await office.hub.kill('SIGTERM');
    const rows = await office.database.sql<{ state: string; recipient: string | null; key: boolean; tries: string[] }>(
      `SELECT o.state, o.recipient, o.payload ? 'key' AS key,
              array_agg(a.outcome || ':' || coalesce(a.error_code, '') ORDER BY a.attempt) AS tries
         FROM outbox o JOIN outbox_attempts a ON a.outbox = o.id GROUP BY o.id ORDER BY o.created_at, o.channel`,
    );
    expect(rows.map((row) => [row.state, row.recipient, row.key])).toEqual(Array(4).fill(['sent', null, false]));
    expect(rows.map((row) => row.tries)).toEqual([
      ['sent:'],
      ['sent:'],
      ['refused:smtp-451', 'sent:'],
      ['refused:smsapi-8', 'sent:'],
    ]);
    for (const personal of ['anna@example.pl', 'ola@example.pl', '600 100 200', '600100200', 'Anna Nowak']) {
      expect(office.hub.output()).not.toContain(personal);
    }
    await office.hub.restart();
  }, 30_000);
});

describe('the hub killed mid-send, on pglite', () => {
  let office: Office;

  beforeAll(async () => {
    office = await openOffice('pglite');
  }, 90_000);

  afterAll(async () => {
    await office?.close();
  });

  const outboxOf = (channel: string) =>
    office.database.sql<{ state: string; last_error: string | null; outcomes: string[] }>(
      `SELECT o.state, o.last_error, array_agg(a.outcome ORDER BY a.attempt) AS outcomes
         FROM outbox o JOIN outbox_attempts a ON a.outbox = o.id WHERE o.channel = $1 GROUP BY o.id`,
      [channel],
    );

  it('an e-mail the server took before the hub died is not sent again: one message (at most once)', async () => {
    const held = office.mail.holdNext();
    await office.book({ email: 'jan@example.pl' });
    await held;
    await office.hub.kill('SIGKILL');
    office.mail.release();
    await office.hub.restart();
    // Several worker runs (every 200 ms) after the restart.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(office.mail.to('jan@example.pl')).toHaveLength(1);
    await office.hub.kill('SIGTERM');
    expect(await outboxOf('email')).toEqual([
      { state: 'failed', last_error: 'interrupted', outcomes: ['interrupted'] },
    ]);
    await office.hub.restart();
  }, 60_000);

  it('an SMS SMSAPI took before the hub died is sent again with its idx and dropped as a repeat: one message', async () => {
    const held = office.sms.holdNext();
    await office.book({ phone: '+48 600 500 600' });
    await held;
    await office.hub.kill('SIGKILL');
    await office.hub.restart();
    const to = (list: typeof office.sms.requests) => list.filter((sms) => sms.fields.to === '48600500600');
    await waitFor(() => expect(to(office.sms.requests)).toHaveLength(2));
    expect(to(office.sms.delivered)).toHaveLength(1);
    expect(to(office.sms.requests)[1]!.fields.idx).toBe(to(office.sms.requests)[0]!.fields.idx);
    // A graceful stop waits for the run under way to record its outcome.
    await office.hub.kill('SIGTERM');
    expect(await outboxOf('sms')).toEqual([{ state: 'sent', last_error: null, outcomes: ['interrupted', 'sent'] }]);
    await office.hub.restart();
  }, 60_000);
});

describe('two hub nodes on one PostgreSQL', () => {
  const log = createLogger({ level: 'error' });
  let database: TestDatabase;
  let mail: SmtpSink;
  const nodes: SqlClient[] = [];

  beforeAll(async () => {
    [database, mail] = await Promise.all([createTestDatabase('okienko_outbox'), startSmtpSink()]);
    for (let node = 0; node < 2; node++) nodes.push(await openPostgres({ url: database.url, log }));
    await migrate(nodes[0]!);
  }, 30_000);

  afterAll(async () => {
    for (const node of nodes) await node.close();
    await database?.drop();
    await mail?.close();
  });

  it('claim each row once: every message sent exactly once between them', async () => {
    const notice = {
      appointmentId: 'a',
      code: '123456',
      at: Date.now() + 86_400_000,
      day: '2026-03-10',
      time: '09:00',
      minutes: 15,
      updatedAt: 1,
      serviceId: 'id-cards',
      serviceName: { pl: 'Dowody', en: 'ID cards', uk: 'Посвідчення' },
      officeName: { pl: 'Urząd', en: 'Office', uk: 'Офіс' },
      address: '',
    };
    const notices = Array.from({ length: 40 }, (_, index) => ({
      appointment: `appointment-${index}`,
      kind: 'booking-reminder' as const,
      channel: 'email' as const,
      recipient: `resident-${index}@example.pl`,
      language: 'pl' as const,
      payload: { ...notice, appointmentId: `appointment-${index}` },
      notBefore: Date.now(),
      expiresAt: null,
    }));
    expect(await enqueue(nodes[0]!, notices)).toBe(40);
    const workers = nodes.map(
      (node) =>
        new NotificationWorker(node, [smtpSender({ url: mail.url, from: 'okienko@urzad.test' })], {
          log,
          policy: DEFAULT_RETRY,
          pollMs: 50,
          batch: 3,
        }),
    );
    await Promise.all(workers.map((worker) => worker.start()));
    await waitFor(() => expect(mail.messages).toHaveLength(40));
    await new Promise((resolve) => setTimeout(resolve, 500));
    await Promise.all(workers.map((worker) => worker.stop()));
    expect(mail.messages).toHaveLength(40);
    expect(new Set(mail.messages.map((message) => message.messageId)).size).toBe(40);
    expect(await database.query('SELECT state, count(*)::int AS n FROM outbox GROUP BY state')).toEqual([
      { state: 'sent', n: 40 },
    ]);
  }, 60_000);
});

describe('reminders and the contact’s purge, against the store with a fixed clock', () => {
  const log = createLogger({ level: 'error' });
  /** Monday 2 March 2026, 10:00 in Warsaw. */
  const NOW = officeTime('2026-03-02', '10:00', ZONE);
  const at = (day: string, time: string) => officeTime(day, time, ZONE);
  let db: SqlClient;
  let store: HubStore;
  let mail: SmtpSink;

  beforeAll(async () => {
    mail = await startSmtpSink();
    db = await openPglite('memory://', log);
    await migrate(db);
    store = new HubStore(db, 'node-a');
    const { office, services } = configuration();
    await store.push('office', [insert(office)]);
    await store.push('services', services.map(insert));
  }, 30_000);

  afterAll(async () => {
    await db?.close();
    await mail?.close();
  });

  /** Sends what is due at `now` through the real SMTP server, as the hub's worker does. */
  async function sendDue(now: number): Promise<void> {
    const worker = new NotificationWorker(db, [smtpSender({ url: mail.url, from: 'okienko@urzad.test' })], {
      log,
      policy: DEFAULT_RETRY,
      pollMs: 60_000,
      now: () => now,
    });
    await worker.start();
    await worker.stop();
  }

  const request = (slot: number, email: string): BookingRequest => ({
    service: 'id-cards',
    at: slot,
    name: 'Jan Kowalski',
    email,
    language: 'pl',
  });

  it('reminds the day before the slot, once, in the resident’s language', async () => {
    const slot = at('2026-03-10', '09:00');
    const { answer } = await bookSlot(store, request(slot, 'reminder@example.pl'), NOW, 'https://urzad.test');
    await sendDue(NOW);
    expect(mail.to('reminder@example.pl').map((message) => message.subject)).toEqual([
      expect.stringMatching(/^Potwierdzenie wizyty/),
    ]);
    // Two days before: nothing yet; within a day: one reminder, and only one however often the timer runs.
    expect((await appointmentTick(store, slot - 48 * 3_600_000)).reminders).toBe(0);
    expect((await appointmentTick(store, slot - 23 * 3_600_000)).reminders).toBe(1);
    expect((await appointmentTick(store, slot - 22 * 3_600_000)).reminders).toBe(0);
    await sendDue(slot - 22 * 3_600_000);
    const reminder = mail.to('reminder@example.pl')[1]!;
    expect(reminder.subject).toMatch(/^Przypomnienie o wizycie/);
    expect(reminder.text).toContain(`Kod wizyty: ${answer.code}`);
    expect(reminder.text).toContain('2026-03-10 o 09:00');
    expect(reminder.text).not.toContain(answer.key);
    // The reminder brings the calendar file too: the same event (UID, time), with no link to manage it.
    const [calendar] = reminder.attachments;
    expect(calendar).toMatchObject({ contentType: 'text/calendar', filename: `wizyta-${answer.code}.ics` });
    const lines = icsLines(calendar!.content.toString('utf8'));
    expect(lines.get('DTSTART')).toBe(new Date(slot).toISOString().replace(/[-:]|\.\d{3}/g, ''));
    expect(lines.get('UID')).toMatch(/@okienko$/);
    expect(lines.get('DESCRIPTION')).toContain(`Kod wizyty: ${answer.code}`);
    expect(lines.has('URL')).toBe(false);
    expect(calendar!.content.toString('utf8')).not.toContain(answer.key);
  });

  it('a moved booking sends nothing that names the old time, and is reminded of the new one', async () => {
    const { answer, written } = await bookSlot(store, request(at('2026-03-16', '09:00'), 'moved@example.pl'), NOW);
    const id = written[0]!.document.id;
    const slot = at('2026-03-17', '10:00');
    await moveBooking(store, answer.code, 'staff', slot, NOW + 1);
    expect(await db.query('SELECT kind, state, last_error FROM outbox WHERE appointment = $1', [id])).toEqual([
      { kind: 'booking-confirmation', state: 'failed', last_error: 'moved' },
    ]);
    expect((await appointmentTick(store, slot - 23 * 3_600_000)).reminders).toBe(1);
    await sendDue(slot - 23 * 3_600_000);
    expect(mail.to('moved@example.pl').map((message) => message.text)).toEqual([
      expect.stringContaining('2026-03-17 o 10:00'),
    ]);
  });

  it('a visit served: its phone and address go at the next tick, and the unsent confirmation with them', async () => {
    const slot = at('2026-03-11', '09:00');
    const { written } = await bookSlot(store, request(slot, 'served@example.pl'), NOW, 'https://urzad.test');
    const booked = written[0]!.document as unknown as WireDocument;
    const by = { station: 'ws-counter', counter: 1 };
    const issued = issueTicket(
      { id: 'served-visit', day: '2026-03-11', service: 'id-cards', letter: 'B', seq: 1, priority: null },
      { station: 'kiosk' },
      slot - 60_000,
    );
    const called = transition(issued, { type: 'call', counter: 1 }, by, slot);
    const started = transition(called, { type: 'start' }, by, slot + 30_000);
    await store.push('tickets', [insert(started)]);
    await store.push('appointments', [
      update({ ...booked, state: 'checked-in', ticket: issued.id, updatedAt: slot - 60_000 }, booked),
    ]);
    // Checked in and being served: the visit goes on, the address stays.
    await appointmentTick(store, slot + 60_000);
    expect(await db.query('SELECT email FROM booking_contacts WHERE appointment = $1', [booked.id])).toEqual([
      { email: 'served@example.pl' },
    ]);
    const stored = (await store.pull('tickets', { stamp: 0, id: '' }, 1000)).documents.find(
      (document) => document.id === issued.id,
    )!;
    await store.push('tickets', [update(transition(started, { type: 'done' }, by, slot + 600_000), stored)]);
    await appointmentTick(store, slot + 601_000);
    expect(
      await db.query('SELECT name, phone, email FROM booking_contacts WHERE appointment = $1', [booked.id]),
    ).toEqual([{ name: 'Jan Kowalski', phone: null, email: null }]);
    expect(
      await db.query(
        `SELECT kind, state, recipient FROM outbox WHERE appointment = $1 AND state = 'pending' OR recipient = $2`,
        [booked.id, 'served@example.pl'],
      ),
    ).toEqual([]);
  });

  it('after the visit the contact is gone, and so is the address of whatever was not sent', async () => {
    const slot = at('2026-03-12', '09:00');
    const { written } = await bookSlot(store, request(slot, 'gone@example.pl'), NOW, 'https://urzad.test');
    const id = written[0]!.document.id;
    // Never sent (no worker ran): the confirmation waits with the address.
    expect(await db.query('SELECT recipient FROM outbox WHERE appointment = $1', [id])).toEqual([
      { recipient: 'gone@example.pl' },
    ]);
    await appointmentTick(store, at('2026-03-13', '00:00'));
    expect(await db.query('SELECT 1 FROM booking_contacts WHERE appointment = $1', [id])).toEqual([]);
    expect(
      await db.query(`SELECT state, recipient, last_error, payload ? 'key' AS key FROM outbox WHERE appointment = $1`, [
        id,
      ]),
    ).toEqual([{ state: 'failed', recipient: null, last_error: 'contact-gone', key: false }]);
    const none = await db.query(
      "SELECT count(*)::int AS n FROM outbox WHERE recipient LIKE '%@%' AND state <> 'pending'",
    );
    expect(none).toEqual([{ n: 0 }]);
  });
});
