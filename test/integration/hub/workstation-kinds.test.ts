/**
 * A workstation replicates only what its kind may read at the hub (renderer/db/sync/kind.ts, over
 * `collectionsFor` in electron/common/access/hub-access.ts). A real workstation database of each
 * kind, with the session its windows would carry, against a hub process that holds a ticket, a
 * visitor's assisted session and its assistance record: a kiosk, a board and a supervisor's desk
 * sync without a refusal and get the ticket, and never ask for the session; a counter gets it. The
 * requests are counted by a fetch wrapper. On PGlite and on PostgreSQL.
 *
 * Open-source RxDB allows 13 collections at a time per process, so the workstations take turns.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenKind } from '../../../electron/common/access/subjects';
import { HUB_API_PREFIX, type SyncCollection } from '../../../electron/common/contract/hub';
import { assistanceRecord, startSession, type AssistedSessionDoc } from '../../../electron/common/eservices/session';
import { APP_VERSION } from '../../../electron/station/version';
import { raiseAlert } from '../../../renderer/db/alerts';
import type { OkienkoDatabase } from '../../../renderer/db/database';
import { connectHub, type HubLink } from '../../../renderer/db/sync/connect';
import {
  addReadyUser,
  createHubDatabase,
  createToken,
  enrolSignedIn,
  HUB_BACKENDS,
  hubClient,
  signIn,
  startHubProcess,
  TEST_PASSWORD,
  type HubDatabase,
  type HubProcess,
} from '../../support/hub-process';
import { createMemoryDatabase } from '../../support/memory-db';
import { insert, ticket } from './documents';

/** What each kind replicates, written out independently of the access table. */
const REPLICATED: Readonly<Record<TokenKind, readonly SyncCollection[]>> = {
  counter: [
    'office',
    'services',
    'counters',
    'tickets',
    'appointments',
    'alerts',
    'notices',
    'assistedSessions',
    'assistanceRecords',
    'satisfaction',
  ],
  supervisor: [
    'office',
    'services',
    'counters',
    'tickets',
    'appointments',
    'alerts',
    'notices',
    'assistanceRecords',
    'satisfaction',
  ],
  kiosk: ['office', 'services', 'counters', 'tickets', 'appointments', 'alerts', 'notices', 'satisfaction'],
  board: ['office', 'services', 'counters', 'tickets', 'notices', 'satisfaction'],
};

/** A visitor's session, with their identity, as a counter saved it. */
function visitorSession(): AssistedSessionDoc {
  const started = startSession({
    id: 'as-kinds',
    reference: 'K7M3-Q9XT',
    eservice: { id: 'dowod-osobisty', version: 1 },
    ticket: 't-kinds',
    counter: 1,
    clerk: 'anna',
    language: 'pl',
    at: Date.now() - 60_000,
  });
  return {
    ...started,
    identity: { givenNames: 'Ołena', surname: 'Szewczenko', pesel: '44051401359' },
    identityFrom: 'reader',
    expiresAt: Date.now() + 86_400_000,
  };
}

/** A fetch that notes every request to the API: `GET /sync/tickets/pull 200`. */
function countingFetch(requests: string[]): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    const path = String(input)
      .replace(/^.*\/api\/v\d+/, '')
      .replace(/\?.*$/, '');
    requests.push(`${init?.method ?? 'GET'} ${path} ${response.status}`);
    return response;
  };
}

/** `promise`, or a failure naming `what` after 10 s (so the workstation is still closed after it). */
async function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within 10 s`)), 10_000);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

describe.each(HUB_BACKENDS)('each workstation kind replicates what it may read, on %s', (backend) => {
  let database: HubDatabase;
  let hub: HubProcess;
  const bearers = new Map<TokenKind, string>();

  beforeAll(async () => {
    database = await createHubDatabase(backend);
    hub = await startHubProcess(database);
    const counter = await enrolSignedIn(database, hub.url, 'stanowisko-1');
    bearers.set('counter', counter);
    // A supervisor's desk with a supervisor signed in; a kiosk and a board with nobody.
    const desk = await createToken(database, 'kierownik', 'supervisor');
    await addReadyUser(database, hub.url, desk, 'k.nowak', ['supervisor']);
    bearers.set('supervisor', (await signIn(hub.url, desk, 'k.nowak', TEST_PASSWORD)).session);
    for (const kind of ['kiosk', 'board'] as const) bearers.set(kind, await windowSession(kind));

    const clerk = hubClient(hub.url, counter);
    const session = visitorSession();
    await clerk.push('tickets', [insert(ticket('t-kinds'))]);
    await clerk.push('assistedSessions', [insert(session)]);
    await clerk.push('assistanceRecords', [insert(assistanceRecord(session, ['start@clerk'], 60))]);
  }, 90_000);

  afterAll(async () => {
    await hub?.kill('SIGTERM').catch(() => undefined);
    await database?.remove();
  });

  async function windowSession(kind: TokenKind): Promise<string> {
    const token = await createToken(database, `ws-${kind}`, kind);
    const response = await hubClient(hub.url, token).request<{ session: string }>(
      'POST',
      `${HUB_API_PREFIX}/auth/session`,
      { body: {} },
    );
    expect(response.status).toBe(200);
    return response.body.session;
  }

  it.each(['kiosk', 'board', 'supervisor', 'counter'] as const)(
    'a %s workstation: in sync, online, the ticket, and only its own collections asked for',
    async (kind) => {
      const requests: string[] = [];
      const workstation: OkienkoDatabase = await createMemoryDatabase();
      const link: HubLink = connectHub(
        workstation,
        { url: hub.url, token: bearers.get(kind)! },
        { appVersion: APP_VERSION, retryMs: 200, fetch: countingFetch(requests) },
      );
      try {
        // A collection the hub refused would never finish its first pull: fail here, not at the timeout.
        await within(link.sync.awaitInitialSync(), 'the first sync');
        await within(link.sync.awaitInSync(), 'getting in sync');
        expect(await workstation.tickets.findOne('t-kinds').exec()).not.toBeNull();
        const holds = {
          session: (await workstation.assistedSessions.findOne('as-kinds').exec()) !== null,
          record: (await workstation.assistanceRecords.count().exec()) > 0,
        };
        expect(holds).toEqual({ session: kind === 'counter', record: ['counter', 'supervisor'].includes(kind) });

        // A change of a collection it does not replicate is not waiting for the hub.
        if (kind === 'board')
          await raiseAlert(workstation, {
            id: 'al-1',
            kind: 'printer',
            code: 'paper-out',
            ticketNumber: 'A1',
            station: 'tv',
          });
        // Given time to retry, were anything refused: nothing was, and nothing is waiting.
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        await expect
          .poll(() => link.sync.status, { timeout: 5_000 })
          .toMatchObject({ connection: 'online', pending: 0 });
        expect(link.sync.status.message).toBeUndefined();

        expect(requests.filter((request) => !/ 2\d\d$/.test(request))).toEqual([]);
        const asked = new Set(requests.map((request) => /^\w+ \/sync\/(\w+)\//.exec(request)?.[1]).filter(Boolean));
        expect([...asked].sort()).toEqual([...REPLICATED[kind]].sort());
        expect(requests.some((request) => request.includes('assistedSessions'))).toBe(kind === 'counter');
        expect(requests).toContain('GET /me 200');
      } finally {
        await link.sync.stop().catch(() => undefined);
        await workstation.close().catch(() => undefined);
      }
    },
  );
});
