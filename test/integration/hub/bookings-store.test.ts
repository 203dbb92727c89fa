/**
 * Booking at the hub, against the store on PGlite in this process with a fixed clock
 * (electron/hub/bookings.ts, appointment-timer.ts): a booking and what it writes (a stamped
 * appointment with nothing personal, a contact row with only the key's hash), find, move and
 * cancel by code and key or by staff, every refusal, the no-show timer at a given `now`, and the
 * contacts' purge the day after the slot. The same over HTTP on both back ends: bookings.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BookingRequest } from '../../../electron/common/contract/public';
import type { Appointment } from '../../../electron/common/domain/appointment';
import { demoConfiguration } from '../../../electron/common/domain/demo-office';
import { officeTime } from '../../../electron/common/domain/office-time';
import { appointmentTick, markNoShows, purgeContacts } from '../../../electron/hub/appointment-timer';
import { BookingRefused } from '../../../electron/hub/booking-reads';
import { hashManageKey } from '../../../electron/hub/booking-keys';
import { bookSlot, cancelBooking, findBooking, moveBooking } from '../../../electron/hub/bookings';
import { migrate } from '../../../electron/hub/migrations';
import { openPglite, type SqlClient } from '../../../electron/hub/sql';
import { HubStore } from '../../../electron/hub/store';
import { createLogger } from '../../../electron/station/log';
import { insert } from './documents';

const log = createLogger({ level: 'error' });
const ZONE = 'Europe/Warsaw';
/** Monday 2 March 2026, 10:00 in Warsaw: the clock of every test here. */
const NOW = officeTime('2026-03-02', '10:00', ZONE);
const at = (day: string, time: string) => officeTime(day, time, ZONE);

const request = (slot: number, name = 'Jan Kowalski'): BookingRequest => ({
  service: 'id-cards',
  at: slot,
  name,
  phone: '+48 600 100 200',
  email: 'jan@example.pl',
  language: 'pl',
});

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof BookingRefused) return error.refusal;
    throw error;
  }
  return 'none';
}

let db: SqlClient;
let store: HubStore;

beforeAll(async () => {
  db = await openPglite('memory://', log);
  await migrate(db);
  store = new HubStore(db, 'node-a');
  const configuration = demoConfiguration();
  await store.push('office', [insert({ ...configuration.office, updatedAt: 1 })]);
  await store.push(
    'services',
    configuration.services.map((service) => insert({ ...service, updatedAt: 1 })),
  );
}, 30_000);

afterAll(async () => {
  await db?.close();
});

const appointmentOf = async (id: string) =>
  (await store.pull('appointments', null, 1000)).documents.find((document) => document.id === id) as
    (Appointment & { _deleted: boolean }) | undefined;

describe('booking a slot (id-cards: mornings, two at once, 60 days ahead, closes an hour before)', () => {
  it('writes a stamped appointment with nothing personal, and a contact with only the key hash', async () => {
    const before = await store.newestStamp();
    const { answer, written } = await bookSlot(store, request(at('2026-03-03', '08:00')), NOW);
    expect(answer).toMatchObject({
      service: { id: 'id-cards', name: { pl: 'Dowody osobiste' } },
      at: at('2026-03-03', '08:00'),
      day: '2026-03-03',
      time: '08:00',
      minutes: 15,
      state: 'booked',
      name: 'Jan Kowalski',
    });
    expect(answer.code).toMatch(/^\d{6}$/);
    expect(answer.key).toMatch(/^[A-HJ-NP-Z2-9]{10}$/);
    expect(written.map((entry) => entry.stamp)).toEqual([before + 1]);
    const stored = written[0]!.document;
    expect(stored).toEqual({
      id: stored.id,
      code: answer.code,
      day: '2026-03-03',
      slotAt: answer.at,
      service: 'id-cards',
      rule: 'przed-poludniem',
      state: 'booked',
      ticket: '',
      updatedAt: NOW,
      _deleted: false,
    });
    expect(JSON.stringify(stored)).not.toMatch(/Kowalski|600 100|example/);
    const [contact] = await db.query('SELECT * FROM booking_contacts WHERE appointment = $1', [stored.id]);
    expect(contact).toMatchObject({
      name: 'Jan Kowalski',
      phone: '+48 600 100 200',
      email: 'jan@example.pl',
      language: 'pl',
      key_hash: hashManageKey(answer.key),
    });
    expect(JSON.stringify(contact)).not.toContain(answer.key);
    expect(new Date(contact!.purge_after as string).getTime()).toBe(at('2026-03-04', '00:00'));
  });

  it('gives a slot as many times as it has places, then says it is taken', async () => {
    const slot = at('2026-03-03', '08:15');
    await bookSlot(store, request(slot), NOW);
    await bookSlot(store, request(slot), NOW);
    expect(await refusal(bookSlot(store, request(slot), NOW))).toBe('slot-taken');
  });

  it('refuses what is not a bookable slot: between slots, too late, too far ahead, a holiday, unknown service', async () => {
    expect(await refusal(bookSlot(store, request(at('2026-03-03', '08:05')), NOW))).toBe('not-bookable');
    // Today's 10:30 closed an hour before, at 09:30.
    expect(await refusal(bookSlot(store, request(at('2026-03-02', '10:30')), NOW))).toBe('not-bookable');
    expect(await refusal(bookSlot(store, request(at('2026-05-04', '08:00')), NOW))).toBe('not-bookable');
    // Easter Monday 2026.
    expect(await refusal(bookSlot(store, request(at('2026-04-06', '08:00')), NOW))).toBe('not-bookable');
    expect(await refusal(bookSlot(store, { ...request(at('2026-03-03', '08:00')), service: 'vehicles' }, NOW))).toBe(
      'unknown-service',
    );
    // Today's 11:30 is still open (closes at 10:30).
    expect((await bookSlot(store, request(at('2026-03-02', '11:30')), NOW)).answer.time).toBe('11:30');
  });

  it('finds, moves and cancels with the code and key; a wrong key reads as an unknown code', async () => {
    const { answer } = await bookSlot(store, request(at('2026-03-05', '09:00'), 'Anna Nowak'), NOW);
    const holder = { key: answer.key };
    expect(await findBooking(db, answer.code, holder)).toMatchObject({ name: 'Anna Nowak', time: '09:00' });
    const wrong = answer.key.startsWith('A') ? `B${answer.key.slice(1)}` : `A${answer.key.slice(1)}`;
    expect(await refusal(findBooking(db, answer.code, { key: wrong }))).toBe('unknown-booking');
    const otherCode = answer.code === '000000' ? '000001' : '000000';
    expect(await refusal(findBooking(db, otherCode, holder))).toBe('unknown-booking');

    const moved = await moveBooking(store, answer.code, holder, at('2026-03-06', '11:45'), NOW);
    expect(moved.answer).toMatchObject({ code: answer.code, day: '2026-03-06', time: '11:45', state: 'booked' });
    expect(moved.written).toHaveLength(1);
    const [contact] = await db.query<{ purge_after: string }>(
      'SELECT purge_after FROM booking_contacts WHERE appointment = $1',
      [moved.written[0]!.document.id],
    );
    expect(new Date(contact!.purge_after).getTime()).toBe(at('2026-03-07', '00:00'));

    const cancelled = await cancelBooking(store, answer.code, holder, NOW + 1000);
    expect(cancelled.answer.state).toBe('cancelled');
    expect(await findBooking(db, answer.code, holder)).toMatchObject({ state: 'cancelled', name: 'Anna Nowak' });
    expect(await refusal(cancelBooking(store, answer.code, holder, NOW))).toBe('booking-closed');
    expect(await refusal(moveBooking(store, answer.code, 'staff', at('2026-03-06', '08:00'), NOW))).toBe(
      'booking-closed',
    );
    const [wiped] = await db.query('SELECT phone, email FROM booking_contacts WHERE appointment = $1', [
      moved.written[0]!.document.id,
    ]);
    expect(wiped).toEqual({ phone: null, email: null });
  });

  it('moves within a full day without counting the booking against itself', async () => {
    const slot = at('2026-03-10', '08:00');
    const first = await bookSlot(store, request(slot), NOW);
    await bookSlot(store, request(slot), NOW);
    // The slot is full; moving one of its own bookings to it again is no change of places.
    expect((await moveBooking(store, first.answer.code, 'staff', slot, NOW)).answer.at).toBe(slot);
    expect(await refusal(moveBooking(store, first.answer.code, 'staff', at('2026-03-10', '08:05'), NOW))).toBe(
      'not-bookable',
    );
  });

  it('staff find the latest booking with a code, without a key', async () => {
    const { answer } = await bookSlot(store, request(at('2026-03-11', '10:00'), 'Ewa Lis'), NOW);
    expect(await findBooking(db, answer.code, 'staff')).toMatchObject({ name: 'Ewa Lis', day: '2026-03-11' });
  });
});

describe('the appointments timer at a given moment', () => {
  it('marks booked appointments past their slot and the grace (15 min) no-show, stamped; nothing else', async () => {
    const due = await bookSlot(store, request(at('2026-03-12', '08:00')), NOW);
    const early = await bookSlot(store, request(at('2026-03-12', '08:30')), NOW);
    const cancelled = await bookSlot(store, request(at('2026-03-12', '08:00')), NOW);
    await cancelBooking(store, cancelled.answer.code, 'staff', NOW);

    const before = await store.newestStamp();
    // 08:30 + 15 minutes has not passed at 08:45 exactly; 08:00 + 15 has.
    const written = await markNoShows(store, at('2026-03-12', '08:45'));
    const marked = written.map((entry) => entry.document.id);
    expect(marked).toContain(due.written[0]!.document.id);
    expect(marked).not.toContain(early.written[0]!.document.id);
    expect(marked).not.toContain(cancelled.written[0]!.document.id);
    expect(written.map((entry) => entry.stamp)).toEqual(written.map((_entry, index) => before + 1 + index));
    expect(await appointmentOf(due.written[0]!.document.id)).toMatchObject({ state: 'no-show' });
    expect(await appointmentOf(early.written[0]!.document.id)).toMatchObject({ state: 'booked' });
    // Every earlier booking still booked is past its time too; none is ever marked twice.
    expect(await markNoShows(store, at('2026-03-12', '08:45'))).toEqual([]);
    expect(await refusal(cancelBooking(store, due.answer.code, due.answer, NOW))).toBe('booking-closed');
  });

  it('leaves an appointment whose day is still ahead, whatever its instant', async () => {
    const odd: Appointment = {
      id: 'ap-ahead',
      code: '999001',
      day: '2027-01-05',
      slotAt: 5000,
      service: 'id-cards',
      state: 'booked',
      ticket: '',
      updatedAt: 1,
    };
    await store.push('appointments', [insert(odd)]);
    expect((await markNoShows(store, at('2026-12-01', '12:00'))).map((entry) => entry.document.id)).not.toContain(
      'ap-ahead',
    );
  });

  it('deletes a contact at the start of the day after its slot; the key then finds nothing', async () => {
    const { answer, written } = await bookSlot(store, request(at('2026-03-13', '09:00')), NOW);
    const id = written[0]!.document.id;
    // Earlier days' contacts go; this one stays until its day is over.
    expect(await purgeContacts(db, at('2026-03-13', '23:59'))).toBeGreaterThan(0);
    expect(await db.query('SELECT 1 AS kept FROM booking_contacts WHERE appointment = $1', [id])).toEqual([
      { kept: 1 },
    ]);
    const tick = await appointmentTick(store, at('2026-03-14', '00:00'));
    expect(tick.contactsPurged).toBeGreaterThanOrEqual(1);
    expect(await db.query('SELECT 1 FROM booking_contacts WHERE appointment = $1', [id])).toEqual([]);
    expect(await refusal(findBooking(db, answer.code, { key: answer.key }))).toBe('unknown-booking');
    // The appointment (nothing personal) stays for the office's records, marked no-show by the same tick.
    expect(await appointmentOf(id)).toMatchObject({ state: 'no-show' });
  });
});
