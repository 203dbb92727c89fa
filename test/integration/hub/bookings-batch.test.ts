/**
 * Bookings decided together (electron/hub/booking-batch.ts, bookings.ts `bookTogether`), against
 * the store in this process on PGlite and on PostgreSQL, with a fixed clock: one batch whose
 * bookings are given places and refused side by side — the last places of a slot, one counted
 * against what was booked before, a rule's daily limit, another day, a slot that does not exist,
 * a service that cannot be booked — each answered on its own, and only the accepted ones written.
 * Then the queue itself: calls of one moment decided in one batch, a call made meanwhile in the
 * next, and a failing batch failing only its own calls.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BookingRequest } from '../../../electron/common/contract/public';
import type { AvailabilityRule } from '../../../electron/common/domain/availability';
import { WEEKDAYS } from '../../../electron/common/domain/calendar';
import { demoConfiguration } from '../../../electron/common/domain/demo-office';
import type { Service } from '../../../electron/common/domain/office';
import { officeTime } from '../../../electron/common/domain/office-time';
import { GroupCommit } from '../../../electron/hub/booking-batch';
import { BookingRefused } from '../../../electron/hub/booking-reads';
import { hashManageKey } from '../../../electron/hub/booking-keys';
import { bookSlot, bookTogether, type BookingCall } from '../../../electron/hub/bookings';
import { migrate } from '../../../electron/hub/migrations';
import { openPglite, openPostgres, type SqlClient } from '../../../electron/hub/sql';
import { HubStore } from '../../../electron/hub/store';
import { createLogger } from '../../../electron/station/log';
import { HUB_BACKENDS } from '../../support/hub-process';
import { createTestDatabase, type TestDatabase } from '../../support/postgres';
import { insert } from './documents';

const log = createLogger({ level: 'error' });
const ZONE = 'Europe/Warsaw';
/** Monday 2 March 2026, 10:00 in Warsaw. */
const NOW = officeTime('2026-03-02', '10:00', ZONE);
const at = (day: string, time: string) => officeTime(day, time, ZONE);

/** Three at once, five a day, every day 08:00–12:00. */
const LIMITED: Service = {
  id: 'test-limited',
  name: { pl: 'Próba', en: 'Trial', uk: 'Проба' },
  letter: 'T',
  position: 90,
  averageMinutes: 10,
  allowsPriority: false,
  active: true,
  availability: [
    {
      id: 'ranek',
      weekdays: [...WEEKDAYS],
      from: '08:00',
      to: '12:00',
      slotMinutes: 15,
      parallel: 3,
      dailyLimit: 5,
      bookableDaysAhead: 60,
      closesMinutesBefore: 60,
    } satisfies AvailabilityRule,
  ],
};

const call = (service: string, slot: number, name: string): BookingCall => ({
  request: { service, at: slot, name, phone: '+48 600 100 200', language: 'pl' } satisfies BookingRequest,
  now: NOW,
});

async function openStore(backend: (typeof HUB_BACKENDS)[number]): Promise<{ db: SqlClient; pg: TestDatabase | null }> {
  if (backend === 'pglite') return { db: await openPglite('memory://', log), pg: null };
  const pg = await createTestDatabase('okienko_batch');
  return { db: await openPostgres({ url: pg.url, log, poolSize: 4 }), pg };
}

describe.each(HUB_BACKENDS)('a batch of bookings decided together, on %s', (backend) => {
  let db: SqlClient;
  let pg: TestDatabase | null = null;
  let store: HubStore;

  beforeAll(async () => {
    ({ db, pg } = await openStore(backend));
    await migrate(db);
    store = new HubStore(db, 'node-a');
    const configuration = demoConfiguration();
    await store.push('office', [insert({ ...configuration.office, updatedAt: 1 })]);
    await store.push(
      'services',
      [...configuration.services, LIMITED].map((service) => insert({ ...service, updatedAt: 1 })),
    );
  }, 30_000);

  afterAll(async () => {
    await db?.close();
    await pg?.drop();
  });

  const booked = (service: string, slot: number) =>
    db.query(
      `SELECT id FROM documents WHERE collection = 'appointments' AND data->>'service' = $1
          AND (data->>'slotAt')::bigint = $2 AND data->>'state' = 'booked'`,
      [service, slot],
    );

  it('answers each booking on its own: places given in order, refusals beside them, only the given written', async () => {
    // One place of 09:00 was booked before: the batch counts it.
    await bookSlot(store, call('id-cards', at('2026-03-03', '09:00'), 'Wcześniej').request, NOW);
    const before = await store.newestStamp();
    const calls = [
      call('id-cards', at('2026-03-03', '08:00'), 'Anna'),
      call('id-cards', at('2026-03-03', '08:00'), 'Bartek'),
      call('id-cards', at('2026-03-03', '08:00'), 'Celina'), // the slot's two places are gone
      call('id-cards', at('2026-03-03', '08:05'), 'Damian'), // between slots
      call('vehicles', at('2026-03-03', '08:00'), 'Ewa'), // not bookable
      call('id-cards', at('2026-03-03', '09:00'), 'Filip'),
      call('id-cards', at('2026-03-03', '09:00'), 'Gosia'), // one place was left
      call('id-cards', at('2026-03-04', '08:00'), 'Henryk'), // another day
      ...['08:00', '08:00', '08:00', '08:00', '08:15', '08:15', '08:30'].map((time, index) =>
        call('test-limited', at('2026-03-05', time), `Limit ${index}`),
      ),
    ];
    const settled = await bookTogether(store, calls);

    const outcome = settled.map((result) =>
      result.status === 'fulfilled' ? result.value.answer.name : (result.reason as BookingRefused).refusal,
    );
    expect(outcome).toEqual([
      'Anna',
      'Bartek',
      'slot-taken',
      'not-bookable',
      'unknown-service',
      'Filip',
      'slot-taken',
      'Henryk',
      'Limit 0',
      'Limit 1',
      'Limit 2',
      'slot-taken', // three at once
      'Limit 4',
      'Limit 5',
      'slot-taken', // five a day
    ]);
    for (const result of settled)
      if (result.status === 'rejected') expect(result.reason).toBeInstanceOf(BookingRefused);

    const given = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    // Each its own appointment with its own stamp, consecutive in the calls' order, and its own code.
    expect(given.map(({ written }) => written.map((entry) => entry.stamp))).toEqual(
      given.map((_value, index) => [before + 1 + index]),
    );
    expect(await store.newestStamp()).toBe(before + given.length);
    expect(new Set(given.map(({ answer }) => answer.code)).size).toBe(given.length);
    for (const { answer, written } of given) {
      expect(written[0]!.document).toMatchObject({ code: answer.code, slotAt: answer.at, state: 'booked' });
      const [contact] = await db.query('SELECT name, key_hash FROM booking_contacts WHERE appointment = $1', [
        written[0]!.document.id,
      ]);
      expect(contact).toEqual({ name: answer.name, key_hash: hashManageKey(answer.key) });
    }
    expect(await booked('id-cards', at('2026-03-03', '08:00'))).toHaveLength(2);
    expect(await booked('id-cards', at('2026-03-03', '09:00'))).toHaveLength(2);
    expect(await booked('test-limited', at('2026-03-05', '08:30'))).toHaveLength(0);
    const refusedNames = ['Celina', 'Damian', 'Ewa', 'Gosia', 'Limit 3', 'Limit 6'];
    expect(await db.query('SELECT 1 FROM booking_contacts WHERE name = ANY($1::text[])', [refusedNames])).toEqual([]);
  });

  it('writes nothing when every booking of a batch is refused', async () => {
    const before = await store.newestStamp();
    const settled = await bookTogether(store, [
      call('id-cards', at('2026-03-03', '08:00'), 'Ignacy'),
      call('vehicles', at('2026-03-03', '08:00'), 'Joanna'),
    ]);
    expect(settled.map((result) => result.status === 'rejected' && (result.reason as BookingRefused).refusal)).toEqual([
      'slot-taken',
      'unknown-service',
    ]);
    expect(await store.newestStamp()).toBe(before);
  });

  it('residents booking at the same moment share one batch: as many places as the slot has, the rest refused', async () => {
    const slot = at('2026-03-06', '10:00');
    const before = await store.newestStamp();
    const settled = await Promise.allSettled(
      ['Kasia', 'Leon', 'Marta', 'Norbert'].map((name) => bookSlot(store, call('id-cards', slot, name).request, NOW)),
    );
    expect(settled.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'rejected']);
    const stamps = settled.flatMap((result) =>
      result.status === 'fulfilled' ? result.value.written.map((entry) => entry.stamp) : [],
    );
    expect(stamps).toEqual([before + 1, before + 2]);
  });
});

describe('the group commit queue', () => {
  const recorder = () => {
    const batches: number[][] = [];
    const group = new GroupCommit<number, string>(async (calls) => {
      batches.push([...calls]);
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (calls.includes(-1)) throw new Error('the batch failed');
      return calls.map((value) =>
        value % 2 === 0
          ? { status: 'fulfilled', value: `answer ${value}` }
          : { status: 'rejected', reason: new Error(`refused ${value}`) },
      );
    });
    return { batches, group };
  };

  it('decides the calls of one moment together, each with its own answer; a call made meanwhile in the next batch', async () => {
    const { batches, group } = recorder();
    const first = [1, 2, 3, 4].map((value) => group.submit(value).catch((error: Error) => error.message));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const later = group.submit(6);
    expect(await Promise.all([...first, later])).toEqual([
      'refused 1',
      'answer 2',
      'refused 3',
      'answer 4',
      'answer 6',
    ]);
    expect(batches).toEqual([[1, 2, 3, 4], [6]]);
  });

  it('a batch that fails fails only its own calls', async () => {
    const { batches, group } = recorder();
    const failing = [-1, 2].map((value) => group.submit(value).catch((error: Error) => error.message));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const next = group.submit(8);
    expect(await Promise.all([...failing, next])).toEqual(['the batch failed', 'the batch failed', 'answer 8']);
    expect(batches).toEqual([[-1, 2], [8]]);
  });
});
