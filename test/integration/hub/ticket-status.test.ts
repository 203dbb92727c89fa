/**
 * The ticket's status page's route (`GET /api/v1/public/tickets/:id`) on a real hub, on both back
 * ends: a ticket followed from waiting (the count ahead falls as the counters call the others) to
 * called (its counter) to done; an unknown UUID and a malformed id answered alike; nothing
 * personal in the answer, even when the stored ticket holds some; and too many questions from one
 * address refused (429).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HUB_API_PREFIX, type CallNextResponse } from '../../../electron/common/contract/hub';
import { TicketStatusSchema, type TicketStatus } from '../../../electron/common/contract/public';
import { DEMO_COUNTERS, DEMO_OFFICE, DEMO_SERVICES } from '../../../electron/common/domain/demo-office';
import { estimatedWaitMinutes } from '../../../electron/common/domain/ordering';
import { issueTicket, transition, type Ticket } from '../../../electron/common/domain/ticket';
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
import { counterDoc } from '../../support/counters';
import { insert, today, update } from './documents';

/** The workstation and its person: names that must never reach the public answer. */
const STATION_NAME = 'ws-stanowisko-parter';
const PERSON = { login: 'anna.kowalska', roles: ['clerk', 'supervisor', 'admin'] } as const;

describe.each(HUB_BACKENDS)('the ticket status route on %s', (backend) => {
  let database: HubDatabase;
  let hub: HubProcess;
  let client: HubClient;
  const now = Date.now();
  const day = today();
  const idCards = DEMO_SERVICES.find((service) => service.id === 'id-cards')!;
  const openForIdCards = DEMO_COUNTERS.filter((counter) => counter.services.includes('id-cards')).length;
  /** Four visitors for ID cards, in order of arrival; the third is the one followed. */
  const queue = Array.from({ length: 4 }, (_, i) =>
    issueTicket(
      { id: randomUUID(), day, service: 'id-cards', letter: 'C', seq: i + 1, priority: null },
      { station: 'kiosk' },
      now - 60_000 + i * 1000,
    ),
  );
  const followed = queue[2]!;

  beforeAll(async () => {
    database = await createHubDatabase(backend);
    hub = await startHubProcess(database);
    client = hubClient(hub.url, await enrolSignedIn(database, hub.url, STATION_NAME, PERSON));
    await client.push('office', [insert({ ...DEMO_OFFICE, updatedAt: now })]);
    await client.push(
      'services',
      DEMO_SERVICES.map((service) => insert({ ...service, updatedAt: now })),
    );
    await client.push(
      'counters',
      DEMO_COUNTERS.map((counter) =>
        insert(counterDoc({ id: String(counter.number), number: counter.number, services: [...counter.services] })),
      ),
    );
    await client.push(
      'tickets',
      queue.map((ticket) => insert({ ...ticket, hubStamp: 0 })),
    );
  }, 60_000);

  afterAll(async () => {
    await hub?.kill('SIGTERM').catch(() => undefined);
    await database?.remove();
  });

  /** What the page asks: no token, no version header, as a phone's browser sends it. */
  const ask = (id: string): Promise<HubResponse> =>
    client.request('GET', `${HUB_API_PREFIX}/public/tickets/${id}`, { token: null, version: null });
  const statusOf = async (id: string): Promise<TicketStatus> => {
    const response = await ask(id);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    return TicketStatusSchema.parse(response.body);
  };
  const callNext = async (counter: number): Promise<CallNextResponse> => {
    const response = await client.request<CallNextResponse>('POST', `${HUB_API_PREFIX}/queue/call-next`, {
      body: { counter, station: STATION_NAME, requestId: randomUUID() },
    });
    expect(response.status).toBe(200);
    return response.body;
  };

  it('follows a ticket from waiting, as the others are called, to its call and the end of the visit', async () => {
    expect(await statusOf(followed.id)).toEqual({
      number: 'C3',
      service: idCards.name,
      state: 'waiting',
      ahead: 2,
      estimatedMinutes: estimatedWaitMinutes(2, idCards.averageMinutes, openForIdCards),
      counter: 0,
      calledAt: 0,
      office: DEMO_OFFICE.name,
    });

    expect((await callNext(3)).ticket?.id).toBe(queue[0]!.id);
    expect(await statusOf(followed.id)).toMatchObject({ state: 'waiting', ahead: 1 });
    expect((await callNext(4)).ticket?.id).toBe(queue[1]!.id);
    expect(await statusOf(followed.id)).toMatchObject({ state: 'waiting', ahead: 0, estimatedMinutes: 0 });

    const call = await callNext(3);
    expect(call.ticket?.id).toBe(followed.id);
    const called = await statusOf(followed.id);
    expect(called).toMatchObject({ state: 'called', counter: 3, ahead: 0 });
    expect(called.calledAt).toBeGreaterThan(0);
    // The one behind it now has nobody ahead.
    expect(await statusOf(queue[3]!.id)).toMatchObject({ state: 'waiting', ahead: 0 });

    const master = call.ticket!;
    const { _deleted: _ignored, ...calledDoc } = master;
    const done = transition(
      calledDoc as unknown as Ticket,
      { type: 'done' },
      { station: STATION_NAME, counter: 3 },
      Date.now(),
    );
    const pushed = await client.push('tickets', [update({ ...done, hubStamp: 0 }, master)]);
    expect(pushed.conflicts).toEqual([]);
    expect(await statusOf(followed.id)).toMatchObject({ state: 'done', counter: 0, calledAt: 0, ahead: 0 });
  });

  it('answers an unknown UUID and an id that is no UUID exactly alike', async () => {
    const answers = await Promise.all(
      [randomUUID(), 'not-a-ticket', 'C3', `${followed.id}x`, "1'%20OR%20'1'='1", '%E0%A4%A'].map(ask),
    );
    for (const answer of answers) {
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual(answers[0]!.body);
    }
    expect(answers[0]!.body).toEqual({ error: 'unknown-ticket', message: 'There is no such ticket' });
    // The answer for a real ticket's id does not depend on the case its address was written in.
    expect((await ask(followed.id.toUpperCase())).status).toBe(200);
  });

  it('never tells anything personal, even when the stored ticket holds it', async () => {
    const appointment = randomUUID();
    const visitor = {
      ...issueTicket(
        { id: randomUUID(), day, service: 'taxes', letter: 'E', seq: 7, priority: 'disability' },
        { station: 'kiosk' },
        now - 30_000,
      ),
      appointment,
    };
    await client.push('tickets', [insert({ ...visitor, hubStamp: 0 })]);
    const call = await callNext(5);
    expect(call.ticket?.id).toBe(visitor.id);
    // What no valid push can carry (the schema is closed), written straight into the database:
    // a visitor's name and identity number, as a faulty or older workstation might have left.
    await hub.kill('SIGTERM');
    await database.sql(`UPDATE documents SET data = data || $1::jsonb WHERE collection = 'tickets' AND id = $2`, [
      JSON.stringify({ visitorName: 'Jan Kowalski', pesel: '90010112345', phone: '+48 600 100 200' }),
      visitor.id,
    ]);
    await hub.restart();

    const response = await ask(visitor.id);
    expect(response.status).toBe(200);
    const status = TicketStatusSchema.strict().parse(response.body);
    expect(status).toMatchObject({ number: 'E7', state: 'called', counter: 5 });
    const text = JSON.stringify(response.body);
    const stored = JSON.stringify((await client.pull('tickets', null)).documents.find((d) => d.id === visitor.id));
    // The stored ticket does hold them…
    for (const secret of ['Jan Kowalski', PERSON.login, STATION_NAME, 'disability', appointment])
      expect(stored, secret).toContain(secret);
    // …and the answer none of them, nor any id.
    for (const secret of ['Jan Kowalski', '90010112345', '600 100 200', PERSON.login, STATION_NAME, 'disability'])
      expect(text, secret).not.toContain(secret);
    for (const id of [appointment, visitor.id, ...queue.map((ticket) => ticket.id)]) expect(text).not.toContain(id);
  });
});

describe('the ticket status route, asked too often from one address', () => {
  let database: HubDatabase;
  let hub: HubProcess;

  beforeAll(async () => {
    database = await createHubDatabase('pglite');
    // One public write a minute, so four reads: a guesser is stopped at the fifth question.
    hub = await startHubProcess(database, { env: { OKIENKO_HUB_PUBLIC_RATE: '1' } });
  }, 60_000);

  afterAll(async () => {
    await hub?.kill('SIGTERM').catch(() => undefined);
    await database?.remove();
  });

  it('counts every question, a guess too, and says when to come back', async () => {
    const client = hubClient(hub.url, null, '');
    const ask = () => client.request('GET', `${HUB_API_PREFIX}/public/tickets/${randomUUID()}`, { version: null });
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await ask());
    expect(answers.map((answer) => answer.status)).toEqual([404, 404, 404, 404, 429]);
    expect(answers[4]!.body).toMatchObject({ error: 'too-many-requests' });
    expect(Number(answers[4]!.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
