import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_HOURS } from '../../../../electron/common/domain/demo-office';
import { CheckInError, Queue, QueueError, TicketRefusedError } from '../../../../renderer/db/queue';
import { demoAppointmentCode, seedDemoAppointments, seedDemoOffice } from '../../../../renderer/db/seed';
import type { OkienkoDatabase } from '../../../../renderer/db/database';
import { createMemoryDatabase } from '../../../support/memory-db';

// 2026-11-22 10:00 in Warsaw (UTC+1).
const START = Date.UTC(2026, 10, 22, 9, 0);

describe('Queue on the local database', () => {
  let db: OkienkoDatabase;
  let now = START;
  let ids = 0;
  let queue: Queue;

  beforeEach(async () => {
    now = START;
    db = await createMemoryDatabase();
    await seedDemoOffice(db, now);
    queue = new Queue(db, { now: () => now, station: 'ws-test', newId: () => `t${++ids}` });
    await queue.setCounterMode(1, 'open', 'Anna');
    await queue.setCounterMode(2, 'open', 'Jan');
  });
  afterEach(async () => {
    await db.close();
  });

  it('gives priority only for a reason the matter takes, and none for a matter that takes no priority', async () => {
    await (await db.services.findOne('vehicles').exec())!.incrementalPatch({ priorityReasons: ['pregnancy'] });
    expect((await queue.issue({ service: 'vehicles', priority: 'pregnancy' })).priority).toBe('pregnancy');
    expect((await queue.issue({ service: 'vehicles', priority: 'senior' })).priority).toBeNull();
    expect((await queue.issue({ service: 'id-cards', priority: 'senior' })).priority).toBe('senior');
    await (await db.services.findOne('id-cards').exec())!.incrementalPatch({ allowsPriority: false });
    expect((await queue.issue({ service: 'id-cards', priority: 'senior' })).priority).toBeNull();
  });

  it('numbers tickets per service and day, starting at 1', async () => {
    const a1 = await queue.issue({ service: 'vehicles', priority: null });
    const a2 = await queue.issue({ service: 'vehicles', priority: null });
    const c1 = await queue.issue({ service: 'id-cards', priority: null });
    expect([a1.number, a2.number, c1.number]).toEqual(['A1', 'A2', 'C1']);
    expect(a1.day).toBe('2026-11-22');
    now = Date.UTC(2026, 10, 22, 23, 30); // 00:30 on the 23rd in Warsaw: a new office day
    const next = await queue.issue({ service: 'vehicles', priority: null });
    expect(next.day).toBe('2026-11-23');
    expect(next.number).toBe('A1');
  });

  it('calls in queue order and records who called', async () => {
    const first = await queue.issue({ service: 'vehicles', priority: null });
    now += 1000;
    await queue.issue({ service: 'licences', priority: null });
    const pick = await queue.callNext(1, 'Anna');
    expect(pick?.ticket.id).toBe(first.id);
    expect(pick?.ticket.state).toBe('called');
    expect(pick?.ticket.events.at(-1)).toMatchObject({
      type: 'called',
      by: { station: 'ws-test', counter: 1, clerk: 'Anna' },
    });
    await expect(queue.callNext(1, 'Anna')).rejects.toBeInstanceOf(QueueError);
  });

  it('never gives one visitor to two counters calling at the same moment', async () => {
    for (let i = 0; i < 10; i++) await queue.issue({ service: 'vehicles', priority: null });
    const picks = [];
    for (let round = 0; round < 5; round++) {
      const [a, b] = await Promise.all([queue.callNext(1, 'Anna'), queue.callNext(2, 'Jan')]);
      picks.push(a?.ticket.id, b?.ticket.id);
      for (const pick of [a, b]) if (pick) await queue.act(pick.ticket.id, { type: 'done' }, pick.ticket.counter, '');
    }
    expect(picks.every(Boolean)).toBe(true);
    expect(new Set(picks).size).toBe(10);
  });

  it('refuses calls at a closed counter', async () => {
    await queue.issue({ service: 'taxes', priority: null });
    await expect(queue.callNext(5, 'Ewa')).rejects.toMatchObject({ code: 'counter-closed' });
  });

  it('expires open tickets at the daily close and leaves finished ones alone', async () => {
    const served = await queue.issue({ service: 'vehicles', priority: null });
    const waiting = await queue.issue({ service: 'vehicles', priority: null });
    await queue.callNext(1, 'Anna');
    await queue.act(served.id, { type: 'done' }, 1, 'Anna');
    now = Date.UTC(2026, 10, 23, 7, 0);
    expect(await queue.closeDays(await queue.today(), false)).toBe(1);
    const docs = await db.tickets.find().exec();
    const states = Object.fromEntries(docs.map((doc) => [doc.id, doc.state]));
    expect(states).toEqual({ [served.id]: 'done', [waiting.id]: 'expired' });
  });
});

describe('calling with a hub', () => {
  let db: OkienkoDatabase;
  beforeEach(async () => {
    db = await createMemoryDatabase();
    await seedDemoOffice(db, START);
  });
  afterEach(async () => {
    await db.close();
  });

  it('when the hub finds nobody waiting, calls only visitors the hub has not confirmed yet', async () => {
    let ids = 0;
    const asked: number[] = [];
    // The hub has just given the one visitor it knew to another counter: "nobody" for this one.
    const remote = {
      callNext: async ({ counter }: { counter: number }) => (asked.push(counter), { ticket: null, reason: null }),
    };
    const queue = new Queue(db, { now: () => START, station: 'ws-test', newId: () => `t${++ids}`, remote });
    await queue.setCounterMode(1, 'open', 'Anna');
    const known = await queue.issue({ service: 'vehicles', priority: null });
    // Its copy here still says "waiting", stamped by the hub: the news of the call is on its way.
    await (await db.tickets.findOne(known.id).exec())!.incrementalPatch({ hubStamp: 41 } as never);
    expect(await queue.callNext(1, 'Anna')).toBeNull();
    expect((await db.tickets.findOne(known.id).exec())!.toJSON()).toMatchObject({ state: 'waiting' });
    // A visitor issued here, not yet sent to the hub, can still be called here.
    const fresh = await queue.issue({ service: 'vehicles', priority: null });
    expect((await queue.callNext(1, 'Anna'))?.ticket.id).toBe(fresh.id);
    expect(asked).toEqual([1, 1]);
  });
});

describe('checking in a booked visit', () => {
  let db: OkienkoDatabase;
  let now = START;
  let queue: Queue;
  let ids = 0;
  beforeEach(async () => {
    now = START; // 10:00 in Warsaw
    db = await createMemoryDatabase();
    await seedDemoOffice(db, now);
    await seedDemoAppointments(db, '2026-11-22', 'Europe/Warsaw', now);
    queue = new Queue(db, { now: () => now, station: 'kiosk', newId: () => `c${++ids}` });
  });
  afterEach(async () => {
    await db.close();
  });

  it('issues a ticket that keeps the booked time, once', async () => {
    const code = demoAppointmentCode('2026-11-22', 3); // 10:30, Profil Zaufany
    const { ticket, appointment } = await queue.checkIn(` ${code.slice(0, 3)}-${code.slice(3)} `);
    expect(appointment).toMatchObject({ state: 'checked-in', ticket: ticket.id, service: 'trusted-profile' });
    expect(ticket).toMatchObject({
      service: 'trusted-profile',
      number: 'F1',
      appointment: appointment.id,
      appointmentAt: Date.UTC(2026, 10, 22, 9, 30),
    });
    await expect(queue.checkIn(code)).rejects.toMatchObject({ refusal: 'already-checked-in' });
    expect(await db.tickets.count().exec()).toBe(1);
  });

  it('refuses unknown codes and other days, saying which', async () => {
    await expect(queue.checkIn('000000')).rejects.toMatchObject({ refusal: 'unknown-code' });
    await expect(queue.checkIn('12ab')).rejects.toBeInstanceOf(CheckInError);
    await seedDemoAppointments(db, '2026-11-23', 'Europe/Warsaw', now);
    await expect(queue.checkIn(demoAppointmentCode('2026-11-23', 0))).rejects.toMatchObject({
      refusal: 'other-day',
      appointment: { day: '2026-11-23' },
    });
    expect(await db.tickets.count().exec()).toBe(0);
  });

  it('two kiosks checking in one code: one ticket', async () => {
    const code = demoAppointmentCode('2026-11-22', 5);
    const results = await Promise.allSettled([queue.checkIn(code), queue.checkIn(code)]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(await db.tickets.count().exec()).toBe(1);
  });

  it('is called at its slot before walk-ins who came earlier, but not before the slot', async () => {
    await queue.setCounterMode(3, 'open', 'Anna');
    now = Date.UTC(2026, 10, 22, 8, 10); // 09:10
    const walkIn = await queue.issue({ service: 'id-cards', priority: null });
    const second = await queue.issue({ service: 'id-cards', priority: null });
    now = Date.UTC(2026, 10, 22, 8, 20);
    const { ticket } = await queue.checkIn(demoAppointmentCode('2026-11-22', 1)); // booked for 09:30
    expect((await queue.callNext(3, 'Anna'))?.ticket.id).toBe(walkIn.id);
    await queue.act(walkIn.id, { type: 'done' }, 3, 'Anna');
    now = Date.UTC(2026, 10, 22, 8, 30); // 09:30: the slot has come
    expect((await queue.callNext(3, 'Anna'))?.ticket.id).toBe(ticket.id);
    await queue.act(ticket.id, { type: 'done' }, 3, 'Anna');
    expect((await queue.callNext(3, 'Anna'))?.ticket.id).toBe(second.id);
  });

  it('a visitor too late for the slot queues like a walk-in', async () => {
    const { ticket } = await queue.checkIn(demoAppointmentCode('2026-11-22', 1)); // 09:30, now 10:00
    expect(ticket).toMatchObject({ appointmentAt: 0 });
    expect(ticket.appointment).not.toBeNull();
  });
});

describe('a counter acts only on its own visitors', () => {
  it('refuses to finish a visitor another counter has', async () => {
    const db = await createMemoryDatabase();
    const queue = new Queue(db, { now: () => START, station: 'ws', newId: () => 'only' });
    await seedDemoOffice(db, START);
    await queue.setCounterMode(1, 'open', 'Anna');
    await queue.issue({ service: 'vehicles', priority: null });
    const pick = await queue.callNext(1, 'Anna');
    await expect(queue.act(pick!.ticket.id, { type: 'done' }, 2, 'Jan')).rejects.toMatchObject({
      code: 'not-this-counter',
    });
    await expect(queue.act(pick!.ticket.id, { type: 'done' }, 1, 'Anna')).resolves.toMatchObject({ state: 'done' });
    await db.close();
  });
});

describe("a service's daily limit and cut-off, and the office's hours", () => {
  // Monday 23 November 2026 in Warsaw (UTC+1); the demo office's Monday is 08:00–18:00.
  const monday = (hour: number, minute = 0) => Date.UTC(2026, 10, 23, hour - 1, minute);
  let db: OkienkoDatabase;
  let now = monday(10);
  let ids = 0;
  let queue: Queue;

  beforeEach(async () => {
    now = monday(10);
    db = await createMemoryDatabase();
    await seedDemoOffice(db, now);
    await (await db.office.findOne().exec())!.incrementalPatch({ hours: DEMO_HOURS, closures: [] });
    await (await db.services.findOne('vehicles').exec())!.incrementalPatch({ dailyLimit: 2, cutoffMinutes: 30 });
    queue = new Queue(db, { now: () => now, station: 'kiosk', newId: () => `l${++ids}` });
  });
  afterEach(async () => {
    await db.close();
  });

  it('issues up to the limit, then returns the refusal, writes nothing and uses no number', async () => {
    await queue.issue({ service: 'vehicles', priority: null });
    await queue.issue({ service: 'vehicles', priority: null });
    expect(await queue.tryIssue({ service: 'vehicles', priority: null })).toEqual({
      refused: {
        kind: 'limit-reached',
        limit: 2,
        next: { day: '2026-11-24', time: '08:00', at: Date.UTC(2026, 10, 24, 7, 0) },
      },
    });
    const thrown = await queue.issue({ service: 'vehicles', priority: null }).catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(TicketRefusedError);
    expect(thrown).toMatchObject({ refusal: { kind: 'limit-reached' } });
    expect(await db.tickets.count().exec()).toBe(2);
    // Other matters are not limited; a limit raised by the office lets the next visitor in as A3.
    expect((await queue.issue({ service: 'licences', priority: null })).number).toBe('B1');
    await (await db.services.findOne('vehicles').exec())!.incrementalPatch({ dailyLimit: 3 });
    expect((await queue.issue({ service: 'vehicles', priority: null })).number).toBe('A3');
  });

  it('the cut-off before closing, and the hours: before opening, a holiday, the weekend', async () => {
    now = monday(17, 29);
    expect(await queue.tryIssue({ service: 'vehicles', priority: null })).toHaveProperty('ticket');
    now = monday(17, 30);
    expect(await queue.tryIssue({ service: 'vehicles', priority: null })).toMatchObject({
      refused: { kind: 'cut-off', until: { time: '17:30' }, closes: { time: '18:00' } },
    });
    // The cut-off is the service's own: another matter takes tickets until the office closes.
    expect(await queue.tryIssue({ service: 'licences', priority: null })).toHaveProperty('ticket');
    const refusedAt = async (at: number) => {
      now = at;
      return ((await queue.tryIssue({ service: 'licences', priority: null })) as { refused?: unknown }).refused;
    };
    expect(await refusedAt(monday(7, 59))).toMatchObject({ kind: 'closed-now', next: { time: '08:00' } });
    expect(await refusedAt(Date.UTC(2026, 10, 11, 10, 0))).toMatchObject({
      kind: 'closed-today',
      because: 'holiday',
      reason: { pl: 'Narodowe Święto Niepodległości' },
      next: { day: '2026-11-12', time: '08:00' },
    });
    expect(await refusedAt(Date.UTC(2026, 10, 21, 10, 0))).toMatchObject({
      kind: 'closed-today',
      because: 'weekday',
      next: { day: '2026-11-23' },
    });
  });

  it('a booked visitor is checked in past the limit and the cut-off', async () => {
    await seedDemoAppointments(db, '2026-11-23', 'Europe/Warsaw', now);
    await queue.issue({ service: 'vehicles', priority: null });
    await queue.issue({ service: 'vehicles', priority: null });
    now = monday(17, 45);
    const { ticket } = await queue.checkIn(demoAppointmentCode('2026-11-23', 4)); // vehicles, 11:00
    expect(ticket).toMatchObject({ service: 'vehicles', number: 'A3' });
    // …and counts like any ticket of the day.
    now = monday(10);
    await (await db.services.findOne('vehicles').exec())!.incrementalPatch({ dailyLimit: 4 });
    expect(await queue.tryIssue({ service: 'vehicles', priority: null })).toHaveProperty('ticket');
    expect(await queue.tryIssue({ service: 'vehicles', priority: null })).toMatchObject({
      refused: { kind: 'limit-reached', limit: 4 },
    });
  });

  it('an office set up before opening hours were kept takes walk-ins at any hour, up to the limit', async () => {
    await (await db.office.findOne().exec())!.incrementalModify(({ hours: _hours, ...office }) => office as never);
    now = Date.UTC(2026, 11, 25, 22, 0); // Christmas night
    expect(await queue.tryIssue({ service: 'vehicles', priority: null })).toHaveProperty('ticket');
    expect(await queue.tryIssue({ service: 'vehicles', priority: null })).toHaveProperty('ticket');
    expect(await queue.tryIssue({ service: 'vehicles', priority: null })).toEqual({
      refused: { kind: 'limit-reached', limit: 2, next: null },
    });
  });
});
