/**
 * Visitors' satisfaction at a real hub process, on PGlite and on PostgreSQL: answers pushed by the
 * screens that ask (a counter's own display with nobody signed in, a paired customer screen held
 * to a board's rights, a kiosk by the exit); one answer per visit — the visit's `rated` mark taken
 * once, a racing second screen's mark overruled by the tickets' conflict rule, a second mark
 * refused; an answer that names the visit refused; answers never changed or deleted; and the
 * supervisor's report counting them exactly as reports/satisfaction-figures.ts does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HUB_API_PREFIX, type WireDocument } from '../../../electron/common/contract/hub';
import { ReportSchema, type Report } from '../../../electron/common/contract/hub-reports';
import {
  ANSWER_FIELDS,
  SATISFACTION_REASONS,
  satisfactionAnswer,
  type SatisfactionAnswer,
  type SatisfactionScore,
} from '../../../electron/common/domain/satisfaction';
import { transition, type Ticket } from '../../../electron/common/domain/ticket';
import { satisfactionReport } from '../../../electron/common/reports/satisfaction-figures';
import { resolveTicket, type TicketWithDeleted } from '../../../electron/common/sync/conflict-rules';
import {
  createHubDatabase,
  createToken,
  enrolSignedIn,
  HUB_BACKENDS,
  hubClient,
  startHubProcess,
  type HubClient,
  type HubDatabase,
  type HubProcess,
} from '../../support/hub-process';
import { REPORT_TIME_ZONE, seedDocuments } from '../../support/report-office';
import { edited, insert, officeDoc, ticket as newTicket, update } from './documents';

const DAY = '2026-05-12';
const AT = Date.parse(`${DAY}T10:00:00Z`);
const by = (counter: number) => ({ station: 'ws-counter-3', counter });

/** A visit served at `counter` and finished. */
function finishedVisit(id: string, seq: number, service: string, counter = 3): Ticket {
  const issued = newTicket(id, seq, { day: DAY, service, at: AT + seq * 1000 });
  const called = transition(issued, { type: 'call', counter }, by(counter), AT + 600_000);
  const serving = transition(called, { type: 'start' }, by(counter), AT + 630_000);
  return transition(serving, { type: 'done' }, by(counter), AT + 900_000);
}

/** The visit with this screen's `rated` mark, as renderer/db/satisfaction.ts writes it. */
function rated(master: WireDocument, at: number, station: string): Record<string, unknown> & { id: string } {
  const events = [...(master.events as Ticket['events']), { type: 'rated', at, by: { station } }];
  return edited(master, { events, updatedAt: at });
}

function answer(n: number, service: string, score: SatisfactionScore, reasons: string[] = []): SatisfactionAnswer {
  return satisfactionAnswer({ id: `ans-${n}`, service, score, reasons, at: AT + n, timeZone: REPORT_TIME_ZONE });
}

/** A spread of answers over three days and three services, some with reasons. */
function manyAnswers(): SatisfactionAnswer[] {
  const services = ['s1', 's2', 's10'];
  return Array.from({ length: 60 }, (_, n) => {
    const day = Date.parse(`2026-06-0${1 + (n % 3)}T09:00:00Z`);
    const reasons = SATISFACTION_REASONS.filter((_reason, r) => (n + r) % 4 === 0);
    return satisfactionAnswer({
      id: `many-${n}`,
      service: services[n % services.length]!,
      score: (((n * 7) % 5) + 1) as SatisfactionScore,
      reasons,
      at: day + n * 60_000,
      timeZone: REPORT_TIME_ZONE,
    });
  });
}

const api = (path: string) => `${HUB_API_PREFIX}${path}`;

describe.each(HUB_BACKENDS)("visitors' satisfaction at the hub, on %s", (backend) => {
  let database: HubDatabase;
  let hub: HubProcess;
  let supervisor: HubClient;
  /** Screens that ask, with nobody signed in: a counter's display, a paired screen (a board's rights), a kiosk. */
  let counterScreen: HubClient;
  let pairedScreen: HubClient;
  let kiosk: HubClient;
  const many = manyAnswers();

  async function windowClient(name: string, kind: 'counter' | 'kiosk' | 'board'): Promise<HubClient> {
    const token = await createToken(database, name, kind);
    const response = await hubClient(hub.url, token).request<{ session: string }>('POST', api('/auth/session'), {
      body: {},
    });
    expect(response.status).toBe(200);
    return hubClient(hub.url, response.body.session);
  }

  async function master(id: string): Promise<WireDocument> {
    const found = (await supervisor.pullAll('tickets')).documents.find((document) => document.id === id);
    if (!found) throw new Error(`no ticket ${id}`);
    return found;
  }

  beforeAll(async () => {
    database = await createHubDatabase(backend);
    await seedDocuments(database, 'office', [{ ...officeDoc(), timeZone: REPORT_TIME_ZONE }]);
    await seedDocuments(database, 'tickets', [
      finishedVisit('v-1', 1, 's1'),
      finishedVisit('v-2', 2, 's1'),
      finishedVisit('v-3', 3, 's2'),
      finishedVisit('v-4', 4, 's2'),
    ]);
    hub = await startHubProcess(database);
    supervisor = hubClient(hub.url, await enrolSignedIn(database, hub.url, 'kierownik'));
    counterScreen = await windowClient('ws-counter-3', 'counter');
    pairedScreen = await windowClient('ws-paired', 'board');
    kiosk = await windowClient('ws-exit', 'kiosk');
  }, 120_000);

  afterAll(async () => {
    await hub?.kill('SIGTERM').catch(() => undefined);
    await database?.remove();
  });

  const report = async (from: string, to: string): Promise<Report> => {
    const response = await supervisor.request<Report>('GET', api(`/reports?from=${from}&to=${to}`));
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return ReportSchema.parse(response.body);
  };

  it('takes an answer and its mark from every screen that asks, and one mark per visit', async () => {
    // The counter's own display: the mark, then the answer.
    const visit = await master('v-1');
    await counterScreen.push('tickets', [update(rated(visit, AT + 1_000_000, 'ws-counter-3'), visit)]);
    await counterScreen.push('satisfaction', [insert(answer(1, 's1', 5, ['staff-kindness']))]);
    // A paired screen and the exit's kiosk, each for another visit.
    const second = await master('v-2');
    await pairedScreen.push('tickets', [update(rated(second, AT + 1_000_000, 'ws-paired'), second)]);
    await pairedScreen.push('satisfaction', [insert(answer(2, 's1', 2, ['waiting-time']))]);
    const third = await master('v-3');
    await kiosk.push('tickets', [update(rated(third, AT + 1_100_000, 'ws-exit'), third)]);
    await kiosk.push('satisfaction', [insert(answer(3, 's2', 4))]);

    // The exit's kiosk races the counter's display for v-1, from the version before its mark: a
    // conflict, nothing stored; the tickets' rule makes its mark an `overruled` note, which is taken.
    const racing = rated(visit, AT + 1_200_000, 'ws-exit');
    const raced = await kiosk.push('tickets', [update(racing, visit)]);
    expect(raced.conflicts).toHaveLength(1);
    const hubVersion = raced.conflicts[0]! as unknown as TicketWithDeleted;
    const resolved = resolveTicket({ ...(racing as unknown as Ticket), _deleted: false }, hubVersion);
    expect(resolved.events.filter((event) => event.type === 'rated')).toHaveLength(1);
    expect(resolved.events.at(-1)).toMatchObject({ type: 'overruled', overruled: 'rated', at: AT + 1_200_000 });
    await kiosk.push('tickets', [update(resolved, raced.conflicts[0]!)]);
    const kept = await master('v-1');
    expect((kept.events as Ticket['events']).filter((event) => event.type === 'rated')).toHaveLength(1);

    // A second mark outright, on top of what the hub holds: refused, nothing stored.
    const twice = await counterScreen.request<{ error: string; message: string }>('POST', api('/sync/tickets/push'), {
      body: { rows: [update(rated(kept, AT + 1_300_000, 'ws-counter-3'), kept)] },
    });
    expect([twice.status, twice.body.error]).toEqual([403, 'forbidden-change']);
    expect(twice.body.message).toMatch(/only once/);
    // A visit not finished is not marked; a screen changes nothing else of a ticket.
    const open = newTicket('v-open', 9, { day: DAY, service: 's1', at: AT });
    await supervisor.push('tickets', [insert(open)]);
    const waiting = await master('v-open');
    const early = await counterScreen.request<{ error: string }>('POST', api('/sync/tickets/push'), {
      body: { rows: [update(rated(waiting, AT + 5, 'ws-counter-3'), waiting)] },
    });
    expect([early.status, early.body.error]).toEqual([403, 'forbidden-change']);
    const fourth = await master('v-4');
    const sneaky = await kiosk.request<{ error: string }>('POST', api('/sync/tickets/push'), {
      body: { rows: [update({ ...rated(fourth, AT + 9, 'ws-exit'), counter: 7 }, fourth)] },
    });
    expect([sneaky.status, sneaky.body.error]).toEqual([403, 'forbidden-change']);
    expect(await master('v-4')).toEqual(fourth);
  });

  it('stores nothing that names the visit, and never changes or deletes an answer', async () => {
    const stored = (await supervisor.pullAll('satisfaction')).documents;
    expect(stored.map((document) => document.id).sort()).toEqual(['ans-1', 'ans-2', 'ans-3']);
    for (const document of stored) {
      expect(
        Object.keys(document)
          .filter((key) => key !== '_deleted')
          .sort(),
      ).toEqual([...ANSWER_FIELDS].sort());
      const text = JSON.stringify(document);
      for (const named of ['v-1', 'v-2', 'v-3', 'ws-', '"counter"', 'A1', 'A2', 'A3'])
        expect(text).not.toContain(named);
    }
    for (const extra of [{ ticket: 'v-1' }, { counter: 3 }, { clerk: 'Anna' }, { number: 'A1' }]) {
      const refused = await counterScreen.request<{ error: string }>('POST', api('/sync/satisfaction/push'), {
        body: { rows: [insert({ ...answer(50, 's1', 3), ...extra })] },
      });
      expect([refused.status, refused.body.error], JSON.stringify(extra)).toEqual([422, 'invalid-document']);
    }
    // An exact time in place of the day's start would date the answer to the visit: refused.
    const timed = await counterScreen.request<{ error: string }>('POST', api('/sync/satisfaction/push'), {
      body: { rows: [insert({ ...answer(51, 's1', 3), updatedAt: AT + 1_234_567 })] },
    });
    expect(timed.status).toBe(403);
    const [first] = stored;
    for (const [client, row] of [
      [counterScreen, update({ ...first!, score: 1 }, first!)],
      [kiosk, { newDocumentState: { ...first!, _deleted: true }, assumedMasterState: first! }],
      [supervisor, update({ ...first!, score: 1 }, first!)],
    ] as const) {
      const refused = await client.request<{ error: string }>('POST', api('/sync/satisfaction/push'), {
        body: { rows: [row] },
      });
      expect(refused.status).toBe(403);
    }
    expect((await supervisor.pullAll('satisfaction')).documents).toEqual(stored);
  });

  it("counts the answers in the report, as satisfaction-figures counts them, within the range's days", async () => {
    const visits = await report(DAY, '2026-05-13');
    expect(visits.satisfaction).toMatchObject({ answers: 3, byScore: [0, 1, 0, 1, 1] });
    expect(visits).toMatchObject(
      satisfactionReport([
        answer(1, 's1', 5, ['staff-kindness']),
        answer(2, 's1', 2, ['waiting-time']),
        answer(3, 's2', 4),
      ]),
    );

    for (let start = 0; start < many.length; start += 20)
      await kiosk.push('satisfaction', many.slice(start, start + 20).map(insert));
    const all = await report('2026-06-01', '2026-06-04');
    const expected = satisfactionReport(many);
    expect({ satisfaction: all.satisfaction, satisfactionByService: all.satisfactionByService }).toEqual(expected);
    expect(all.satisfaction.answers).toBe(60);
    expect(all.satisfactionByService.map((figures) => figures.service)).toEqual(['s1', 's2', 's10']);
    // [from, to): the first two days only.
    const two = await report('2026-06-01', '2026-06-03');
    expect(two.satisfaction).toEqual(satisfactionReport(many.filter((one) => one.day < '2026-06-03')).satisfaction);
    const none = await report('2030-01-01', '2030-01-02');
    expect(none.satisfaction).toEqual({
      answers: 0,
      byScore: [0, 0, 0, 0, 0],
      mean: null,
      satisfiedShare: null,
      reasons: [],
    });
    expect(none.satisfactionByService).toEqual([]);
  });
});
