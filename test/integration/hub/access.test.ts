/**
 * Who may do what at the hub: every workstation kind, with nobody signed in and with each role,
 * against every collection and route, allowed and refused, each refusal with its code — and a
 * refused push stores nothing. The expected cells are written out below, independently of the
 * table the hub reads (electron/common/access/hub-access.ts); a collection or route added there
 * without a row here fails the first test.
 */
import { assistanceRecord, startSession } from '../../../electron/common/eservices/session';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_ACCESS } from '../../../electron/common/access/hub-access';
import { TOKEN_KINDS, type TokenKind, type UserRole } from '../../../electron/common/access/subjects';
import { HUB_API_PREFIX, SYNC_COLLECTIONS, type SyncCollection } from '../../../electron/common/contract/hub';
import { DEMO_OFFICE, DEMO_SERVICES, demoConfiguration } from '../../../electron/common/domain/demo-office';
import { issueTicket, transition, type Ticket } from '../../../electron/common/domain/ticket';
import { counterDoc } from '../../support/counters';
import {
  addReadyUser,
  createHubDatabase,
  createToken,
  hubClient,
  signIn,
  startHubProcess,
  TEST_PASSWORD,
  type HubClient,
  type HubDatabase,
  type HubProcess,
  openEventStream,
  type EventStream,
  type SseMessage,
} from '../../support/hub-process';

type Role = UserRole | 'none';
const ROLES: readonly Role[] = ['none', 'clerk', 'supervisor', 'admin'];
/** A cell: a workstation kind and who is signed in there, e.g. `counter/clerk`, `kiosk/none`. */
type Cell = `${TokenKind}/${Role}`;
const CELLS: readonly Cell[] = TOKEN_KINDS.flatMap((kind) => ROLES.map((role) => `${kind}/${role}` as const));

const every = (kinds: readonly TokenKind[]) => CELLS.filter((cell) => kinds.some((kind) => cell.startsWith(kind)));
const SET_UP: Cell[] = ['counter/admin', 'supervisor/admin'];
const SERVING: Cell[] = ['counter/clerk', 'counter/supervisor', 'supervisor/supervisor'];
/** Whoever serves at a counter helps with an e-service: only counters hold the visitor's session. */
const ASSISTING: Cell[] = ['counter/clerk', 'counter/supervisor'];
/** Whoever serves, at a counter or a supervisor's desk, records the help (nothing personal). */
const RECORDING: Cell[] = [...ASSISTING, 'supervisor/clerk', 'supervisor/supervisor'];

/** Who may read each collection. */
const PULL: Readonly<Record<SyncCollection, readonly Cell[]>> = {
  office: CELLS,
  services: CELLS,
  counters: CELLS,
  tickets: CELLS,
  appointments: every(['kiosk', 'counter', 'supervisor']),
  alerts: every(['kiosk', 'counter', 'supervisor']),
  notices: CELLS,
  assistedSessions: every(['counter']),
  assistanceRecords: every(['counter', 'supervisor']),
  satisfaction: CELLS,
};

/** A change pushed to one collection, made fresh (by an admin) for every attempt. */
interface Change {
  readonly collection: SyncCollection;
  readonly allowed: readonly Cell[];
  /** The row to push; `admin` sets up what the row changes. */
  row(admin: HubClient, n: number): Promise<PushRow>;
}
type PushRow = { newDocumentState: Record<string, unknown>; assumedMasterState?: Record<string, unknown> };

const day = '2026-12-04';
const insert = (document: object): PushRow => ({
  newDocumentState: { ...document, _deleted: false },
});
const update = (next: object, master: object): PushRow => ({
  newDocumentState: { ...next, _deleted: false },
  assumedMasterState: { ...master, _deleted: false },
});
const ticket = (n: number): Ticket =>
  issueTicket({ id: `t-${n}`, day, service: 'vehicles', letter: 'A', seq: n, priority: null }, { station: 'x' }, 1000);

/** Creates `document` as the admin and returns what the hub stored (with its stamp). */
async function stored(admin: HubClient, collection: SyncCollection, document: { id: string }) {
  await admin.push(collection, [insert(document) as never]);
  const all = (await admin.pullAll(collection)).documents;
  return all.find((candidate) => candidate.id === document.id)!;
}

const assisted = (n: number) =>
  startSession({
    id: `as-${n}`,
    reference: `K7M3-${String(n).padStart(4, '0')}`,
    eservice: { id: 'profil-zaufany', version: 1 },
    ticket: '',
    counter: 1,
    clerk: 'anna',
    language: 'pl',
    at: 1000 + n,
  });

const appointment = (n: number) => ({
  id: `ap-${n}`,
  code: String(100000 + n),
  day,
  // Far ahead: the hub's minute timer must not mark it no-show between a test's push and its change.
  slotAt: Date.UTC(2100, 0, 1),
  service: 'vehicles',
  state: 'booked',
  ticket: '',
  updatedAt: 1,
});
const alert = (n: number) => ({
  id: `al-${n}`,
  kind: 'printer',
  code: 'PRINTER_PAPER_OUT',
  ticketNumber: 'A1',
  station: 'k',
  at: 1,
  acknowledgedAt: 0,
  updatedAt: 1,
});

const notice = (n: number) => ({
  id: `no-${n}`,
  text: { pl: 'Winda nieczynna.', en: 'The lift is out of order.', uk: 'Ліфт не працює.' },
  from: 1,
  until: Date.UTC(2100, 0, 1),
  urgency: 'normal',
  updatedAt: 1,
});
/** A visitor's anonymous answer at the end of a visit (domain/satisfaction.ts). */
const answer = (n: number) => ({ id: `sa-${n}`, day, service: 'vehicles', score: 4, reasons: ['other'], updatedAt: 0 });
/** A finished visit, answered or not. */
const finished = (n: number, rated = false) => ({
  ...ticket(n),
  state: 'done',
  events: [...ticket(n).events, ...(rated ? [{ type: 'rated', at: 2500, by: { station: 'x' } }] : [])],
});
const markRated = (master: Record<string, unknown>) => ({
  ...master,
  events: [...(master.events as object[]), { type: 'rated', at: 3000, by: { station: 'x' } }],
  updatedAt: 3000,
});
/** The screens that ask with nobody signed in, and whoever may move a ticket on anyway. */
const RATING: Cell[] = [...every(['kiosk', 'counter', 'board']), 'supervisor/supervisor', 'supervisor/admin'];

/** Those who manage post and withdraw notices, where they may push alerts' acknowledgements. */
const MANAGING: Cell[] = ['counter/supervisor', 'counter/admin', 'supervisor/supervisor', 'supervisor/admin'];

const CHANGES: Readonly<Record<string, Change>> = {
  'office: change the status address': {
    collection: 'office',
    allowed: SET_UP,
    row: async (admin, n) => {
      const master = (await admin.pullAll('office')).documents[0]!;
      return update({ ...master, statusUrl: `https://evil.example/${n}` }, master);
    },
  },
  'services: rename': {
    collection: 'services',
    allowed: SET_UP,
    row: async (admin, n) => {
      const master = (await admin.pullAll('services')).documents[0]!;
      return update({ ...master, name: { pl: `x${n}`, en: 'x', uk: 'x' } }, master);
    },
  },
  'counters: add one': {
    collection: 'counters',
    allowed: SET_UP,
    row: async (_admin, n) => insert(counterDoc({ id: `c-${n}`, number: 100 + n })),
  },
  'counters: open, with a clerk': {
    collection: 'counters',
    allowed: [...SET_UP, ...SERVING, 'supervisor/clerk'],
    row: async (admin, n) => {
      const master = await stored(admin, 'counters', counterDoc({ id: `s-${n}`, number: 300 + n, mode: 'closed' }));
      return update({ ...master, mode: 'open', clerk: 'Anna', updatedAt: 2 }, master);
    },
  },
  'counters: move to other services, live': {
    collection: 'counters',
    allowed: [...SET_UP, 'supervisor/supervisor'],
    row: async (admin, n) => {
      const master = await stored(admin, 'counters', counterDoc({ id: `m-${n}`, number: 500 + n, mode: 'open' }));
      return update({ ...master, services: [DEMO_SERVICES[1]!.id], updatedAt: 2 }, master);
    },
  },
  'tickets: issue': {
    collection: 'tickets',
    allowed: [...every(['kiosk']), ...SET_UP, ...SERVING],
    row: async (_admin, n) => insert(ticket(n)),
  },
  'tickets: call': {
    collection: 'tickets',
    allowed: [...SET_UP, ...SERVING],
    row: async (admin, n) => {
      const master = await stored(admin, 'tickets', ticket(1000 + n));
      return update(transition(master as never, { type: 'call', counter: 1 }, { station: 'x' }, 2000), master);
    },
  },
  'tickets: expire at the daily close': {
    collection: 'tickets',
    allowed: [...SET_UP, 'counter/supervisor', 'supervisor/supervisor'],
    row: async (admin, n) => {
      const master = await stored(admin, 'tickets', ticket(4000 + n));
      return update(transition(master as never, { type: 'expire' }, { station: 'x' }, 2000), master);
    },
  },
  'tickets: back from done to waiting': {
    collection: 'tickets',
    allowed: SET_UP,
    row: async (admin, n) => {
      const done = { ...ticket(2000 + n), state: 'done' };
      const master = await stored(admin, 'tickets', done);
      return update({ ...master, state: 'waiting' }, master);
    },
  },
  'tickets: delete': {
    collection: 'tickets',
    allowed: SET_UP,
    row: async (admin, n) => {
      const master = await stored(admin, 'tickets', ticket(3000 + n));
      return { newDocumentState: { ...master, _deleted: true }, assumedMasterState: master };
    },
  },
  'appointments: check in': {
    collection: 'appointments',
    allowed: [...every(['kiosk']), ...SET_UP, 'counter/supervisor', 'supervisor/supervisor'],
    row: async (admin, n) => {
      const master = await stored(admin, 'appointments', appointment(n));
      return update({ ...master, state: 'checked-in', ticket: `t-${n}`, updatedAt: 2 }, master);
    },
  },
  // The hub's booking routes book: a pushed booking skips their count of places, so only an admin
  // mending the record may push one.
  'appointments: book': {
    collection: 'appointments',
    allowed: SET_UP,
    row: async (_admin, n) => insert(appointment(5000 + n)),
  },
  'alerts: raise': {
    collection: 'alerts',
    allowed: [...every(['kiosk', 'counter']), 'supervisor/supervisor', 'supervisor/admin'],
    row: async (_admin, n) => insert(alert(n)),
  },
  'assistedSessions: start': {
    collection: 'assistedSessions',
    allowed: ASSISTING,
    row: async (_admin, n) => insert(assisted(n)),
  },
  'assistanceRecords: record': {
    collection: 'assistanceRecords',
    allowed: RECORDING,
    row: async (_admin, n) => insert(assistanceRecord(assisted(n), ['start'], 60)),
  },
  'notices: post': {
    collection: 'notices',
    allowed: MANAGING,
    row: async (_admin, n) => insert({ ...notice(n), urgency: 'urgent' }),
  },
  'notices: withdraw': {
    collection: 'notices',
    allowed: MANAGING,
    row: async (admin, n) => {
      const master = await stored(admin, 'notices', notice(5000 + n));
      return update({ ...master, withdrawnAt: 9, updatedAt: 2 }, master);
    },
  },
  'tickets: mark a finished visit answered': {
    collection: 'tickets',
    allowed: RATING,
    row: async (admin, n) => {
      const master = await stored(admin, 'tickets', finished(6000 + n));
      return update(markRated(master), master);
    },
  },
  'tickets: mark a visit answered twice': {
    collection: 'tickets',
    allowed: SET_UP,
    row: async (admin, n) => {
      const master = await stored(admin, 'tickets', finished(7000 + n, true));
      return update(markRated(master), master);
    },
  },
  'satisfaction: answer': {
    collection: 'satisfaction',
    allowed: every(['kiosk', 'counter', 'board']),
    row: async (_admin, n) => insert(answer(n)),
  },
  // Append-only: nobody changes or deletes an answer, an admin neither.
  'satisfaction: change an answer': {
    collection: 'satisfaction',
    allowed: [],
    row: async (admin, n) => {
      const master = await stored(admin, 'satisfaction', answer(5000 + n));
      return update({ ...master, score: 1 }, master);
    },
  },
  'satisfaction: delete an answer': {
    collection: 'satisfaction',
    allowed: [],
    row: async (admin, n) => {
      const master = await stored(admin, 'satisfaction', answer(6000 + n));
      return { newDocumentState: { ...master, _deleted: true }, assumedMasterState: master };
    },
  },
  'alerts: acknowledge': {
    collection: 'alerts',
    allowed: MANAGING,
    row: async (admin, n) => {
      const master = await stored(admin, 'alerts', alert(5000 + n));
      return update({ ...master, acknowledgedAt: 9, updatedAt: 2 }, master);
    },
  },
};

/** Who may use each route besides the collections'. */
const ROUTES: Readonly<Record<keyof typeof ROUTE_ACCESS, readonly Cell[]>> = {
  me: CELLS,
  stream: CELLS,
  lease: every(['kiosk', 'counter']),
  'call-next': ['counter/clerk', 'counter/supervisor'],
  accounts: ['kiosk/admin', 'counter/admin', 'supervisor/admin'],
  appointments: every(['counter', 'supervisor']).filter((cell) => !cell.endsWith('/none')),
  office: ['counter/admin', 'supervisor/admin'],
  reports: ['counter/supervisor', 'counter/admin', 'supervisor/supervisor', 'supervisor/admin'],
  'turn-near': every(['kiosk']),
};

/** The refusal a cell gets for a push to `collection` it may not make. */
function pushRefusal(collection: SyncCollection, cell: Cell): string {
  const pushers = Object.values(CHANGES)
    .filter((change) => change.collection === collection)
    .flatMap((change) => change.allowed);
  if (pushers.includes(cell)) return 'forbidden-change';
  return refusal(pushers, cell);
}

/** The refusal of a cell that no allowed cell shares a kind and role with. */
function refusal(allowed: readonly Cell[], cell: Cell): string {
  const [kind, role] = cell.split('/');
  if (!allowed.some((other) => other.startsWith(`${kind}/`))) return 'forbidden-kind';
  return role === 'none' ? 'sign-in-required' : 'forbidden-role';
}

let database: HubDatabase;
let hub: HubProcess;
const clients = new Map<Cell, HubClient>();
const bearers = new Map<Cell, string>();
let admin: HubClient;

beforeAll(async () => {
  database = await createHubDatabase('pglite');
  hub = await startHubProcess(database, { env: { OKIENKO_HUB_MAX_BOARDS: '2' } });
  const tokens = new Map<TokenKind, string>();
  for (const kind of TOKEN_KINDS) tokens.set(kind, await createToken(database, `ws-${kind}`, kind));
  for (const role of ['clerk', 'supervisor', 'admin'] as const)
    await addReadyUser(database, hub.url, tokens.get('counter')!, `u-${role}`, [role]);
  for (const cell of CELLS) {
    const [kind, role] = cell.split('/') as [TokenKind, Role];
    const token = tokens.get(kind)!;
    const session =
      role === 'none' ? await windowSession(token) : (await signIn(hub.url, token, `u-${role}`, TEST_PASSWORD)).session;
    bearers.set(cell, session);
    clients.set(cell, hubClient(hub.url, session));
  }
  // At a counter: the one kind that may read every collection (a supervisor's desk holds no sessions).
  admin = clients.get('counter/admin')!;
  await admin.push('office', [insert({ ...DEMO_OFFICE, updatedAt: 1 }) as never]);
  await admin.push('services', [
    insert({ ...DEMO_SERVICES[0]!, updatedAt: 1 }) as never,
    // One bookable service, for a clerk booking for a caller.
    insert({ ...demoConfiguration().services.find((service) => service.availability)!, updatedAt: 1 }) as never,
  ]);
  await admin.push('counters', [insert(counterDoc({ services: [DEMO_SERVICES[0]!.id] })) as never]);
}, 120_000);

afterAll(async () => {
  await hub?.kill('SIGTERM');
  await database?.remove();
});

async function windowSession(token: string): Promise<string> {
  const response = await hubClient(hub.url, token).request<{ session: string }>(
    'POST',
    `${HUB_API_PREFIX}/auth/session`,
    { body: {} },
  );
  expect(response.status).toBe(200);
  return response.body.session;
}

describe('the public board', () => {
  it('shows what a TV shows and nothing more, and takes only so many streams', async () => {
    // A standing notice shows without who posted it; a withdrawn one and one that is over do not.
    await admin.push('notices', [
      insert({ ...notice(7001), by: 'u-admin' }) as never,
      insert({ ...notice(7002), withdrawnAt: 5 }) as never,
      insert({ ...notice(7003), until: 2 }) as never,
    ]);
    const board = await hubClient(hub.url, null).request<{ office: object; services: object[]; notices: object[] }>(
      'GET',
      `${HUB_API_PREFIX}/board`,
      { token: null, version: null },
    );
    expect(Object.keys(board.body.office).sort()).toEqual(['id', 'name', 'timeZone']);
    expect(Object.keys(board.body.services[0]!).sort()).toEqual(['active', 'id', 'letter', 'name', 'position']);
    expect(board.body.notices).toEqual([
      { id: 'no-7001', text: notice(7001).text, from: 1, until: notice(7001).until, urgency: 'normal' },
    ]);
    const aborts = [new AbortController(), new AbortController(), new AbortController()];
    const statuses: number[] = [];
    for (const abort of aborts) {
      const response = await fetch(`${hub.url}api/v1/board/stream`, { signal: abort.signal });
      statuses.push(response.status);
      if (response.status !== 200) expect(((await response.json()) as { error: string }).error).toBe('board-busy');
    }
    for (const abort of aborts) abort.abort();
    expect(statuses).toEqual([200, 200, 503]);
  });
});

describe('the hub, by workstation kind and role', () => {
  it('has an expected row for every collection and route the access table knows', () => {
    expect(Object.keys(PULL).sort()).toEqual([...SYNC_COLLECTIONS].sort());
    const pushed = new Set(Object.values(CHANGES).map((change) => change.collection));
    expect([...pushed].sort()).toEqual([...SYNC_COLLECTIONS].sort());
    expect(Object.keys(ROUTES).sort()).toEqual(Object.keys(ROUTE_ACCESS).sort());
  });

  it('streams each change only to the workstations that may read its collection', async () => {
    const cells: Cell[] = ['kiosk/none', 'board/none', 'counter/clerk', 'supervisor/supervisor'];
    const streams = new Map<Cell, EventStream>();
    for (const cell of cells)
      streams.set(
        cell,
        await openEventStream(`${hub.url}api/v1/sync/stream`, {
          authorization: `Bearer ${bearers.get(cell)}`,
          'x-okienko-version': '0.1.0',
        }),
      );
    try {
      const marks = new Map([...streams].map(([cell, stream]) => [cell, stream.messages.length]));
      await clients.get('counter/clerk')!.push('assistedSessions', [insert(assisted(9001)) as never]);
      await clients.get('counter/clerk')!.push('tickets', [insert(ticket(9001)) as never]);
      const change = (collection: string) => (message: SseMessage) =>
        message.event === 'change' && (JSON.parse(message.data) as { collection: string }).collection === collection;
      for (const [cell, stream] of streams) {
        // Every stream hears of the ticket; after it, only a counter's heard of the session.
        await stream.waitFor(change('tickets'), { from: marks.get(cell)! });
        const heard = stream.messages.slice(marks.get(cell)!).some(change('assistedSessions'));
        expect(heard, cell).toBe(PULL.assistedSessions.includes(cell));
      }
    } finally {
      for (const stream of streams.values()) stream.close();
    }
  });

  it.each(SYNC_COLLECTIONS)('reads %s only where the table says', async (collection) => {
    for (const cell of CELLS) {
      const response = await clients
        .get(cell)!
        .request<{ error?: string }>('GET', `${HUB_API_PREFIX}/sync/${collection}/pull`);
      if (PULL[collection].includes(cell)) expect(response.status, cell).toBe(200);
      else expect([response.status, response.body.error], cell).toEqual([403, refusal(PULL[collection], cell)]);
    }
  });

  it.each(Object.keys(CHANGES))(
    '%s: allowed where the table says; refused elsewhere, storing nothing',
    async (name) => {
      const change = CHANGES[name]!;
      let n = 0;
      for (const cell of CELLS) {
        const row = await change.row(admin, (n += 1));
        const id = String(row.newDocumentState.id);
        const before = (await admin.pullAll(change.collection)).documents.find((document) => document.id === id);
        const response = await clients
          .get(cell)!
          .request<{ error?: string; conflicts?: unknown[] }>(
            'POST',
            `${HUB_API_PREFIX}/sync/${change.collection}/push`,
            { body: { rows: [row] } },
          );
        const after = (await admin.pullAll(change.collection)).documents.find((document) => document.id === id);
        if (change.allowed.includes(cell)) {
          expect([response.status, response.body.conflicts], cell).toEqual([200, []]);
          expect(after, cell).not.toEqual(before);
        } else {
          expect([response.status, response.body.error], cell).toEqual([403, pushRefusal(change.collection, cell)]);
          expect(after, cell).toEqual(before);
        }
      }
    },
  );

  it.each(Object.keys(ROUTES) as (keyof typeof ROUTES)[])('%s only where the table says', async (route) => {
    for (const cell of CELLS) {
      const response = await callRoute(clients.get(cell)!, bearers.get(cell)!, route, cell);
      if (ROUTES[route].includes(cell)) expect(response.status, cell).toBe(200);
      else expect([response.status, response.error], cell).toEqual([403, refusal(ROUTES[route], cell)]);
    }
  });
});

async function callRoute(
  client: HubClient,
  bearer: string,
  route: keyof typeof ROUTES,
  cell: Cell,
): Promise<{ status: number; error?: string }> {
  const send = async (method: string, path: string, body?: object) => {
    const response = await client.request<{ error?: string }>(method, `${HUB_API_PREFIX}${path}`, {
      ...(body ? { body } : {}),
    });
    return { status: response.status, ...(response.body?.error ? { error: response.body.error } : {}) };
  };
  switch (route) {
    case 'me':
      return send('GET', '/me');
    case 'lease':
      return send('POST', '/numbers/lease', { day, service: 'vehicles', size: 1 });
    case 'call-next':
      return send('POST', '/queue/call-next', { counter: 1, requestId: `call-${cell}-${Date.now()}` });
    case 'accounts':
      return send('GET', '/accounts');
    case 'office':
      return send('GET', '/office/configuration');
    case 'reports':
      return send('GET', `/reports?from=${day}&to=2026-12-05`);
    case 'turn-near':
      return send('GET', '/turn-near/offer');
    case 'appointments': {
      const slots = await client.request<{ slots: { at: number }[] }>(
        'GET',
        `${HUB_API_PREFIX}/public/slots?service=id-cards&days=60`,
        { token: null },
      );
      return send('POST', '/appointments', { service: 'id-cards', at: slots.body.slots[0]!.at, name: 'Jan Kowalski' });
    }
    case 'stream': {
      const abort = new AbortController();
      const response = await fetch(`${hub.url}api/v1/sync/stream`, {
        headers: { authorization: `Bearer ${bearer}`, 'x-okienko-version': '0.1.0' },
        signal: abort.signal,
      });
      const status = response.status;
      const error = status === 200 ? undefined : ((await response.json()) as { error: string }).error;
      abort.abort();
      return { status, ...(error ? { error } : {}) };
    }
  }
}
