/**
 * Booking appointments at a real hub process, on PGlite and on PostgreSQL, through its HTTP routes
 * (contract/public.ts, contract/hub-appointments.ts): the office and free slots, book → find →
 * move → cancel, a wrong key read as an unknown code, slots that cannot be booked refused with
 * their code, malformed requests answered 400, the calendar file, a clerk booking for a caller,
 * a booking reaching a workstation's database by sync — and 200 residents asking at once for the
 * last places of a slot and of a day: exactly as many bookings as places, every other answer
 * `slot-taken`, no code twice. The rate limit on its own hub at the end. The timer and the purge at
 * a fixed moment: bookings-store.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HUB_API_PREFIX, type WireDocument } from '../../../electron/common/contract/hub';
import type { Booking, BookingCreated, PublicOffice, Slots } from '../../../electron/common/contract/public';
import type { AvailabilityRule } from '../../../electron/common/domain/availability';
import { addDays, holidayOn, WEEKDAYS } from '../../../electron/common/domain/calendar';
import { demoConfiguration } from '../../../electron/common/domain/demo-office';
import { officeDay, officeTime } from '../../../electron/common/domain/office-time';
import type { Service } from '../../../electron/common/domain/office';
import { APP_VERSION } from '../../../electron/station/version';
import type { OkienkoDatabase } from '../../../renderer/db/database';
import { connectHub, type HubLink } from '../../../renderer/db/sync/connect';
import {
  createHubDatabase,
  enrolSignedIn,
  HUB_BACKENDS,
  hubClient,
  startHubProcess,
  type HubClient,
  type HubDatabase,
  type HubProcess,
  type HubResponse,
} from '../../support/hub-process';
import { icsLines } from '../../support/ics';
import { createMemoryDatabase } from '../../support/memory-db';
import { insert } from './documents';

const ZONE = 'Europe/Warsaw';
const ADDRESS = 'ul. Przykładowa 1, 00-950 Warszawa';
const CONCURRENT = 200;

const rule = (id: string, rest: Partial<AvailabilityRule>): AvailabilityRule => ({
  id,
  weekdays: [...WEEKDAYS],
  from: '08:00',
  to: '12:00',
  slotMinutes: 15,
  parallel: 1,
  bookableDaysAhead: 30,
  closesMinutesBefore: 60,
  ...rest,
});

const trialService = (id: string, letter: string, availability: AvailabilityRule): Service => ({
  id,
  name: { pl: `Próba ${letter}`, en: `Trial ${letter}`, uk: `Проба ${letter}` },
  letter,
  position: 10 + letter.charCodeAt(0),
  averageMinutes: 10,
  allowsPriority: false,
  active: true,
  availability: [availability],
});

/** Three at once, five a day, up to 400 days ahead: always a holiday within reach. */
const PARALLEL = trialService(
  'test-parallel',
  'T',
  rule('caly-ranek', { parallel: 3, dailyLimit: 5, bookableDaysAhead: 400 }),
);
/** Closes five days before a slot: whatever is within three days is too late. */
const EARLY = trialService(
  'test-early',
  'U',
  rule('wczesnie', { to: '10:00', slotMinutes: 30, closesMinutesBefore: 7200 }),
);

/** The demo office, open every day 07:00–20:00 (so only holidays close it), and its services with two trial ones. */
function configuration() {
  const demo = demoConfiguration();
  const hours = Object.fromEntries(WEEKDAYS.map((weekday) => [weekday, [{ from: '07:00', to: '20:00' }]]));
  return {
    office: { ...demo.office, address: ADDRESS, hours, updatedAt: 1 },
    services: [...demo.services, PARALLEL, EARLY].map((service) => ({ ...service, updatedAt: 1 })),
  };
}

const today = () => officeDay(Date.now(), ZONE);
/** The first day from `from` on that is not a public holiday. */
function workingDayFrom(from: string): string {
  let day = from;
  while (holidayOn(day)) day = addDays(day, 1);
  return day;
}
function holidayAfter(from: string): string {
  let day = addDays(from, 1);
  while (!holidayOn(day)) day = addDays(day, 1);
  return day;
}

const api = (path: string) => `${HUB_API_PREFIX}${path}`;

describe.each(HUB_BACKENDS)('booking at the hub, on %s', (backend) => {
  let database: HubDatabase;
  let hub: HubProcess;
  let staff: HubClient;
  let resident: HubClient;

  beforeAll(async () => {
    database = await createHubDatabase(backend);
    hub = await startHubProcess(database, { env: { OKIENKO_HUB_PUBLIC_RATE: '0' } });
    staff = hubClient(hub.url, await enrolSignedIn(database, hub.url, 'stanowisko-1'));
    resident = hubClient(hub.url, null, '');
    const { office, services } = configuration();
    await staff.push('office', [insert(office)]);
    await staff.push('services', services.map(insert));
  }, 60_000);

  afterAll(async () => {
    await hub?.kill('SIGTERM').catch(() => undefined);
    await database?.remove();
  });

  const get = <T>(path: string) => resident.request<T>('GET', api(path), { token: null, version: null });
  const post = <T>(path: string, body?: unknown) =>
    resident.request<T>('POST', api(path), { token: null, version: null, ...(body === undefined ? {} : { body }) });
  const slotsOf = async (service: string, query = '') =>
    (await get<Slots>(`/public/slots?service=${service}${query}`)).body.slots;
  const book = (service: string, at: number, name = 'Jan Kowalski') =>
    post<BookingCreated & { refused?: string }>('/public/bookings', { service, at, name });

  it('shows the office and its bookable services, and their free slots', async () => {
    const office = await get<PublicOffice>('/public/office');
    expect(office.status).toBe(200);
    expect(office.body).toMatchObject({
      address: ADDRESS,
      timeZone: ZONE,
      name: { pl: expect.stringMatching(/Urząd/) },
    });
    expect(office.body.services.map((service) => service.id)).toEqual([
      'id-cards',
      'residence',
      'test-parallel',
      'test-early',
    ]);
    const slots = await slotsOf('id-cards', `&from=${addDays(today(), 1)}&days=7`);
    expect(slots.length).toBeGreaterThan(0);
    expect(slots.every((slot) => slot.day > today() && slot.left === 2 && slot.minutes === 15)).toBe(true);
    expect((await get<{ refused: string }>('/public/slots?service=vehicles')).body).toEqual({
      refused: 'unknown-service',
    });
  });

  it('books, finds, moves and cancels with the code and key; a wrong key answers as an unknown code', async () => {
    const [first, second] = await slotsOf('id-cards', `&from=${addDays(today(), 2)}&days=14`);
    const booked = await post<BookingCreated>('/public/bookings', {
      service: 'id-cards',
      at: first!.at,
      name: 'Anna Nowak',
      phone: '+48 600 100 200',
      language: 'uk',
    });
    expect(booked.status).toBe(200);
    const { code, key } = booked.body;
    expect(booked.body).toMatchObject({ at: first!.at, day: first!.day, time: first!.time, state: 'booked' });
    expect((await slotsOf('id-cards', `&from=${first!.day}&days=1`))[0]).toMatchObject({ at: first!.at, left: 1 });

    const found = await get<Booking>(`/public/bookings/${code}?key=${key}`);
    expect(found.body).toMatchObject({ code, name: 'Anna Nowak', state: 'booked' });
    const wrongKey = await get(`/public/bookings/${code}?key=${key.startsWith('A') ? 'B' : 'A'}${key.slice(1)}`);
    const unknownCode = await get(`/public/bookings/${code === '000000' ? '000001' : '000000'}?key=${key}`);
    expect([wrongKey.status, wrongKey.body]).toEqual([404, { refused: 'unknown-booking' }]);
    expect([unknownCode.status, unknownCode.body]).toEqual([wrongKey.status, wrongKey.body]);

    const moved = await post<Booking>(`/public/bookings/${code}/move?key=${key}`, { at: second!.at });
    expect([moved.status, moved.body.at, moved.body.code]).toEqual([200, second!.at, code]);
    const cancelled = await post<Booking>(`/public/bookings/${code}/cancel?key=${key}`);
    expect([cancelled.status, cancelled.body.state]).toEqual([200, 'cancelled']);
    expect((await post(`/public/bookings/${code}/cancel?key=${key}`)).body).toEqual({ refused: 'booking-closed' });
    expect((await get<Booking>(`/public/bookings/${code}?key=${key}`)).body.state).toBe('cancelled');
  });

  it('refuses a slot that cannot be booked: a holiday, too late, too far ahead, between slots', async () => {
    const refused = async (service: string, at: number) => {
      const answer = await book(service, at);
      return [answer.status, answer.body.refused];
    };
    const notBookable = [409, 'not-bookable'];
    expect(await refused('test-parallel', officeTime(holidayAfter(today()), '09:00', ZONE))).toEqual(notBookable);
    expect(await refused('test-early', officeTime(workingDayFrom(today()), '09:30', ZONE))).toEqual(notBookable);
    const far = workingDayFrom(addDays(today(), 401));
    expect(await refused('test-parallel', officeTime(far, '09:00', ZONE))).toEqual(notBookable);
    const [slot] = await slotsOf('test-parallel', `&from=${addDays(today(), 2)}`);
    expect(await refused('test-parallel', slot!.at + 60_000)).toEqual(notBookable);
    expect(await refused('vehicles', slot!.at)).toEqual([404, 'unknown-service']);
  });

  it('answers a malformed request with 400 and a sentence, never a stack', async () => {
    const answers: HubResponse<{ error?: string; message?: string }>[] = [
      await post('/public/bookings', { service: 'test-parallel' }),
      await post('/public/bookings', { service: 'test-parallel', at: 1, name: 'Jan', extra: true }),
      await post('/public/bookings', { service: 'test-parallel', at: 1, name: 'Jan', email: 'nie-email' }),
      await get('/public/slots?service=test-parallel&days=500'),
      await get('/public/slots?service=test-parallel&from=2026-02-31'),
      await get('/public/slots'),
      await get('/public/bookings/12345x?key=ABCDEFGHJK'),
      await get('/public/bookings/123456?key=short'),
      await get('/public/bookings/123456'),
      await post('/public/bookings/123456/move?key=ABCDEFGHJK', { at: 'soon' }),
    ];
    for (const answer of answers) {
      expect([answer.status, answer.body.error], JSON.stringify(answer.body)).toEqual([400, 'bad-request']);
      expect(answer.body.message).toMatch(/^[^\n]{10,300}$/);
    }
    const badJson = await resident.request<{ error: string }>('POST', api('/public/bookings'), {
      token: null,
      rawBody: '{"service":',
      headers: { 'content-type': 'application/json' },
    });
    expect([badJson.status, badJson.body.error]).toEqual([400, 'bad-json']);
  });

  it('gives a calendar file: the slot in UTC for its length, the service and office, the address', async () => {
    const [slot] = await slotsOf('id-cards', `&from=${addDays(today(), 3)}`);
    const { body } = await book('id-cards', slot!.at);
    const response = await fetch(`${hub.url}api/v1/public/bookings/${body.code}/calendar.ics?key=${body.key}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const lines = icsLines(await response.text());
    const utc = (at: number) =>
      new Date(at)
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d{3}/, '');
    expect(lines.get('DTSTART')).toBe(utc(slot!.at));
    expect(lines.get('DTEND')).toBe(utc(slot!.at + 15 * 60_000));
    expect(lines.get('SUMMARY')).toBe('Dowody osobiste — Urząd Miasta — Biuro Obsługi Mieszkańców');
    expect(lines.get('LOCATION')).toBe(ADDRESS.replace(',', '\\,'));
    expect(lines.get('DESCRIPTION')).toContain(`/#/booking/${body.code}-${body.key}`);
    const wrong = await fetch(`${hub.url}api/v1/public/bookings/${body.code}/calendar.ics?key=ABCDEFGHJK`);
    expect(wrong.status).toBe(404);
  });

  it('a clerk books for a caller, finds, moves and cancels by the code alone', async () => {
    const [first, second] = await slotsOf('residence', `&from=${addDays(today(), 2)}`);
    const booked = await staff.request<BookingCreated>('POST', api('/appointments'), {
      body: { service: 'residence', at: first!.at, name: 'Piotr Zieliński', phone: '500 600 700' },
    });
    expect(booked.status).toBe(200);
    expect(booked.body.key).toMatch(/^[A-HJ-NP-Z2-9]{10}$/);
    const { code } = booked.body;
    expect((await staff.request<Booking>('GET', api(`/appointments/${code}`))).body.name).toBe('Piotr Zieliński');
    const moved = await staff.request<Booking>('POST', api(`/appointments/${code}/move`), { body: { at: second!.at } });
    expect(moved.body.at).toBe(second!.at);
    const cancelled = await staff.request<Booking>('POST', api(`/appointments/${code}/cancel`));
    expect(cancelled.body.state).toBe('cancelled');
    const again = await staff.request('POST', api(`/appointments/${code}/cancel`));
    expect([again.status, again.body]).toEqual([409, { refused: 'booking-closed' }]);
  });

  it('the booked appointment reaches a connected workstation by sync, with nothing personal', async () => {
    const workstation: OkienkoDatabase = await createMemoryDatabase();
    const session = await enrolSignedIn(database, hub.url, 'stanowisko-2');
    const link: HubLink = connectHub(
      workstation,
      { url: hub.url, token: session },
      { appVersion: APP_VERSION, retryMs: 200 },
    );
    try {
      await link.sync.awaitInitialSync();
      const [slot] = await slotsOf('id-cards', `&from=${addDays(today(), 4)}`);
      const { body } = await book('id-cards', slot!.at, 'Zofia Wrona');
      await vi.waitFor(
        async () =>
          expect(await workstation.appointments.findOne({ selector: { code: body.code } }).exec()).not.toBeNull(),
        { timeout: 10_000, interval: 100 },
      );
      const local = (await workstation.appointments.findOne({ selector: { code: body.code } }).exec())!.toJSON();
      expect(local).toMatchObject({ service: 'id-cards', slotAt: slot!.at, state: 'booked', rule: 'przed-poludniem' });
      expect(JSON.stringify(local)).not.toContain('Wrona');
    } finally {
      await link.sync.stop().catch(() => undefined);
      await workstation.close().catch(() => undefined);
    }
  });

  it(`${CONCURRENT} residents at once for the last places of a slot and of a day: exactly as many bookings as places`, async () => {
    const [first] = await slotsOf('test-parallel', `&from=${addDays(today(), 3)}`);
    const day = first!.day;
    const slots = (await slotsOf('test-parallel', `&from=${day}&days=1`)).slice(0, 3);
    const [slotA, slotB, slotC] = slots as [(typeof slots)[0], (typeof slots)[0], (typeof slots)[0]];
    expect((await book('test-parallel', slotA.at)).status).toBe(200);

    // Two places left in A (three at once, one taken): 200 ask for them.
    const burst = async (ats: readonly number[]) => {
      const started = performance.now();
      const latencies: number[] = [];
      const answers = await Promise.all(
        ats.map(async (at, index) => {
          const answer = await book('test-parallel', at, `Mieszkaniec ${index}`);
          latencies.push(performance.now() - started);
          return answer;
        }),
      );
      const p95 = latencies.sort((a, b) => a - b)[Math.ceil(latencies.length * 0.95) - 1]!;
      return { answers, ms: `${Math.round(performance.now() - started)} ms (p95 ${Math.round(p95)} ms)` };
    };
    const forSlot = await burst(Array.from({ length: CONCURRENT }, () => slotA.at));
    // Two left of the day's five (three booked in A): 200 ask for B and C, which have three each.
    const forDay = await burst(
      Array.from({ length: CONCURRENT }, (_unused, index) => (index % 2 ? slotB.at : slotC.at)),
    );
    console.log(
      `[${backend}] ${CONCURRENT} concurrent bookings: last places of a slot in ${forSlot.ms}, of a day in ${forDay.ms}`,
    );

    for (const { answers } of [forSlot, forDay]) {
      const booked = answers.filter((answer) => answer.status === 200);
      expect(booked).toHaveLength(2);
      const others = answers.filter((answer) => answer.status !== 200);
      expect(new Set(others.map((answer) => `${answer.status} ${answer.body.refused}`))).toEqual(
        new Set(['409 slot-taken']),
      );
    }
    const all = (await staff.pullAll('appointments')).documents as (WireDocument & {
      code: string;
      day: string;
      slotAt: number;
      state: string;
      service: string;
    })[];
    const onDay = all.filter((appointment) => appointment.service === 'test-parallel' && appointment.day === day);
    expect(onDay.filter((appointment) => appointment.state === 'booked')).toHaveLength(5);
    const perSlot = new Map<number, number>();
    for (const appointment of onDay) perSlot.set(appointment.slotAt, (perSlot.get(appointment.slotAt) ?? 0) + 1);
    expect(Math.max(...perSlot.values())).toBeLessThanOrEqual(3);
    expect(perSlot.get(slotA.at)).toBe(3);
    const codes = all.map((appointment) => appointment.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect((await slotsOf('test-parallel', `&from=${day}&days=1`)).filter((slot) => slot.day === day)).toEqual([]);
  }, 120_000);
});

describe('the public routes are rate-limited per address', () => {
  let database: HubDatabase;
  let hub: HubProcess;

  beforeAll(async () => {
    database = await createHubDatabase('pglite');
    // Three writes a minute, twelve reads.
    hub = await startHubProcess(database, { env: { OKIENKO_HUB_PUBLIC_RATE: '3' } });
  }, 60_000);

  afterAll(async () => {
    await hub?.kill('SIGTERM').catch(() => undefined);
    await database?.remove();
  });

  it('answers 429 {refused: too-many-requests} past the limit, for writes and reads apart', async () => {
    const client = hubClient(hub.url, null, '');
    const write = () =>
      client.request<{ refused?: string }>('POST', api('/public/bookings'), {
        token: null,
        body: { service: 'x', at: 1, name: 'Jan Kowalski' },
      });
    const writes = [await write(), await write(), await write(), await write()];
    expect(writes.map((answer) => answer.status)).toEqual([404, 404, 404, 429]);
    expect(writes[3]!.body).toEqual({ refused: 'too-many-requests' });
    expect(Number(writes[3]!.headers.get('retry-after'))).toBeGreaterThan(0);
    const reads = [];
    for (let index = 0; index < 13; index++)
      reads.push((await client.request('GET', api('/public/slots?service=x'), { token: null })).status);
    expect(reads).toEqual([...Array<number>(12).fill(404), 429]);
    // The board is not a booking route: no limit there.
    expect((await client.request('GET', api('/board'), { token: null })).status).toBe(200);
  });
});
