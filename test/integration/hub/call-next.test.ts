/**
 * The hub's own "call next": it picks by the office's rule, records the call once, and answers a
 * repeated request with the same visitor. On both back ends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HUB_API_PREFIX, type CallNextResponse } from '../../../electron/common/contract/hub';
import { DEMO_COUNTERS, DEMO_OFFICE, DEMO_SERVICES } from '../../../electron/common/domain/demo-office';
import { officeDay } from '../../../electron/common/domain/office-time';
import { issueTicket } from '../../../electron/common/domain/ticket';
import {
  createHubDatabase,
  enrolSignedIn,
  OFFICE_USER,
  HUB_BACKENDS,
  hubClient,
  startHubProcess,
  type HubClient,
  type HubDatabase,
  type HubProcess,
} from '../../support/hub-process';

describe.each(HUB_BACKENDS)('call next at the hub, on %s', (backend) => {
  let database: HubDatabase;
  let hub: HubProcess;
  let client: HubClient;
  const day = officeDay(Date.now(), DEMO_OFFICE.timeZone);
  const now = Date.now();

  beforeAll(async () => {
    database = await createHubDatabase(backend);
    hub = await startHubProcess(database);
    client = hubClient(hub.url, await enrolSignedIn(database, hub.url, 'counter', OFFICE_USER));
    const insert = (document: Record<string, unknown>) => ({
      newDocumentState: { ...document, _deleted: false } as never,
    });
    await client.push('office', [insert({ ...DEMO_OFFICE, priorityRule: { mode: 'strict' }, updatedAt: now })]);
    await client.push(
      'services',
      DEMO_SERVICES.map((service) => insert({ ...service, updatedAt: now })),
    );
    await client.push(
      'counters',
      DEMO_COUNTERS.map((counter) =>
        insert({
          id: String(counter.number),
          number: counter.number,
          name: counter.name,
          services: [...counter.services],
          mode: 'open',
          clerk: '',
          normalSinceLastPriority: 0,
          updatedAt: now,
        }),
      ),
    );
    const tickets = Array.from({ length: 10 }, (_, i) =>
      issueTicket(
        { id: `t${i + 1}`, day, service: 'id-cards', letter: 'C', seq: i + 1, priority: i === 7 ? 'pregnancy' : null },
        { station: 'kiosk' },
        now - 60_000 + i * 1000,
      ),
    );
    await client.push(
      'tickets',
      tickets.map((ticket) => insert({ ...ticket, hubStamp: 0 })),
    );
  }, 60_000);

  afterAll(async () => {
    await hub?.kill('SIGTERM').catch(() => undefined);
    await database?.remove();
  });

  const call = async (counter: number, requestId: string) => {
    const response = await client.request<CallNextResponse>('POST', `${HUB_API_PREFIX}/queue/call-next`, {
      body: { counter, station: `ws-${counter}`, clerk: 'Anna', requestId },
    });
    expect(response.status).toBe(200);
    return response.body;
  };

  it('calls by the office rule (strict priority first) and records who called: the session, not the body', async () => {
    const first = await call(3, 'request-0001');
    expect(first.ticket).toMatchObject({ id: 't8', state: 'called', counter: 3, priority: 'pregnancy' });
    expect(first.reason).toBe('priority-first');
    expect((first.ticket as { hubStamp?: number }).hubStamp).toBeGreaterThan(0);
    const events = (
      first.ticket as unknown as {
        events: { type: string; by: { station: string; counter?: number; clerk?: string } }[];
      }
    ).events;
    // The request named "ws-3" and "Anna"; the token is the counter's, the session urzednik's.
    expect(events.at(-1)).toEqual({
      type: 'called',
      at: expect.any(Number) as number,
      by: { station: 'counter', counter: 3, clerk: OFFICE_USER.login, user: OFFICE_USER.login },
    });
  });

  it('answers a repeated request with the same visitor, not a second one', async () => {
    const once = await call(4, 'request-0002');
    const again = await call(4, 'request-0002');
    expect(again.ticket?.id).toBe(once.ticket?.id);
    const { documents } = await client.pullAll('tickets');
    expect(documents.filter((ticket) => ticket.state === 'called' && ticket.counter === 4)).toHaveLength(1);
  });

  it('counters asking at the same moment get different visitors', async () => {
    const answers = await Promise.all(
      [3, 4, 3, 4, 3, 4, 3, 4].map((counter, i) => call(counter, `request-1${i}00000`)),
    );
    const ids = answers.map((answer) => answer.ticket?.id).filter(Boolean);
    expect(ids).toHaveLength(8);
    expect(new Set(ids).size).toBe(8);
    const after = await call(3, 'request-2000000');
    expect(after).toEqual({ ticket: null, reason: null });
  });

  it('a call decided at a workstation (offline) comes back stamped in the push answer; a waiting ticket does not', async () => {
    const fresh = issueTicket(
      { id: 'offline-1', day, service: 'taxes', letter: 'E', seq: 1, priority: null },
      { station: 'kiosk' },
      now,
    );
    const waiting = await client.push('tickets', [
      { newDocumentState: { ...fresh, hubStamp: 0, _deleted: false } as never },
    ]);
    expect(waiting).toEqual({ conflicts: [] });
    const master = (await client.pullAll('tickets')).documents.find((ticket) => ticket.id === 'offline-1')!;
    const called = { ...master, state: 'called', counter: 5, hubStamp: 0 };
    const answer = await client.push('tickets', [{ newDocumentState: called as never, assumedMasterState: master }]);
    expect(answer.conflicts).toEqual([]);
    expect(answer.stored).toMatchObject([{ id: 'offline-1', state: 'called', counter: 5 }]);
    expect(Number(answer.stored?.[0]?.hubStamp)).toBeGreaterThan(Number(master.hubStamp));
  });

  it('refuses a call without a request id or for a counter it does not know', async () => {
    const bad = await client.request('POST', `${HUB_API_PREFIX}/queue/call-next`, {
      body: { counter: 3, station: 'ws-3' },
    });
    expect(bad.status).toBe(400);
    const unknown = await client.request('POST', `${HUB_API_PREFIX}/queue/call-next`, {
      body: { counter: 99, station: 'ws', requestId: 'request-3000000' },
    });
    expect(unknown.status).toBe(409);
  });
});
