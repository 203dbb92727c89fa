/**
 * The office's retention at the hub (electron/hub/push-scope.ts withRetention): an assisted session
 * pushed with the visitor's data expires within `--assisted-keep-days` of the push at the latest,
 * whatever `expiresAt` the workstation sent — none (0) or years away. What the hub stores is what it
 * answers pulls and streams with, so a real workstation that replicates with it gets the shorter
 * expiry, and the two agree without pushing the longer one back and forth. Sessions within the limit,
 * emptied ones and tombstones are stored as sent. A hub process on PGlite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HealthSchema, type WireDocument } from '../../../electron/common/contract/hub';
import {
  purged,
  startSession,
  withAnswer,
  type AssistedSessionDoc,
  type SessionAnswer,
} from '../../../electron/common/eservices/session';
import { APP_VERSION } from '../../../electron/station/version';
import { changeSession, createSession, saved } from '../../../renderer/db/assisted';
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
} from '../../support/hub-process';
import { createMemoryDatabase } from '../../support/memory-db';
import { insert, update, wire } from './documents';

const DAY = 86_400_000;
/** The hub's `--assisted-keep-days`: not the default 14, so the option is seen to count. */
const KEEP_DAYS = 10;

const answer = (question: string, value: string, at: number): SessionAnswer => ({
  question,
  value,
  by: 'visitor',
  clerk: 'anna',
  counter: 1,
  at,
});

/** A session holding the visitor's data (identity and an answer), expiring at `expiresAt`. */
function personalSession(id: string, expiresAt: number, at = Date.now()): AssistedSessionDoc {
  const started = startSession({
    id,
    reference: `${id.slice(-4).toUpperCase().padStart(4, 'X')}-Q9XT`,
    eservice: { id: 'dowod-osobisty', version: 1 },
    ticket: 't-C1',
    counter: 1,
    clerk: 'anna',
    language: 'pl',
    at: at - 60_000,
  });
  return {
    ...withAnswer(started, answer('telefon', '+48 600 111 222', at - 30_000)),
    identity: { givenNames: 'Ołena', surname: 'Szewczenko', pesel: '44051401359' },
    identityFrom: 'reader',
    expiresAt,
  };
}

const expiryOf = (document: WireDocument | undefined) => (document as unknown as AssistedSessionDoc).expiresAt;

describe.each(HUB_BACKENDS)('the hub keeps assisted sessions within the office’s retention, on %s', (backend) => {
  let database: HubDatabase;
  let hub: HubProcess;
  let client: HubClient;
  let token: string;

  beforeAll(async () => {
    database = await createHubDatabase(backend);
    hub = await startHubProcess(database, { args: ['--assisted-keep-days', String(KEEP_DAYS)] });
    token = await enrolSignedIn(database, hub.url, 'stanowisko-1');
    client = hubClient(hub.url, token);
  }, 60_000);

  afterAll(async () => {
    await hub?.kill('SIGTERM').catch(() => undefined);
    await database?.remove();
  });

  const hubCopy = async (id: string) =>
    (await client.pullAll('assistedSessions')).documents.find((document) => document.id === id);

  it('a session with personal data pushed with no expiry or one years away is stored expiring within the limit', async () => {
    const never = personalSession('as-never', 0);
    const years = personalSession('as-years', Date.now() + 3650 * DAY);
    const before = Date.now();
    const answer = await client.push('assistedSessions', [insert(never), insert(years)]);
    const after = Date.now();
    expect(answer.conflicts).toEqual([]);
    for (const session of [never, years]) {
      const stored = await hubCopy(session.id);
      expect(expiryOf(stored)).toBeGreaterThanOrEqual(before + KEEP_DAYS * DAY);
      expect(expiryOf(stored)).toBeLessThanOrEqual(after + KEEP_DAYS * DAY);
      // Only the expiry changed: the rest is as the workstation sent it.
      expect(stored).toEqual(wire({ ...session, expiresAt: expiryOf(stored) }));
    }
    // A change of it that keeps the far expiry (its copy predates the clamp) is clamped again.
    const stored = (await hubCopy('as-years'))!;
    const changed = { ...years, page: 'question:email', updatedAt: years.updatedAt + 1 };
    await client.push('assistedSessions', [update(changed, stored)]);
    expect(expiryOf(await hubCopy('as-years'))).toBeLessThanOrEqual(Date.now() + KEEP_DAYS * DAY);
  });

  it('a session within the limit and an emptied one are stored as sent; a tombstone is stored emptied', async () => {
    const within = personalSession('as-within', Date.now() + 3 * DAY);
    const empty = { ...startSession({ ...startOf('as-empty') }), expiresAt: 0 };
    const emptied = { ...purged(personalSession('as-emptied', 0), Date.now()), expiresAt: Date.now() + 3650 * DAY };
    const tombstone = personalSession('as-tombstone', 0);
    await client.push('assistedSessions', [insert(within), insert(empty), insert(emptied)]);
    await client.push('assistedSessions', [{ newDocumentState: wire(tombstone, true) }]);
    expect(await hubCopy('as-within')).toEqual(wire(within));
    expect(await hubCopy('as-empty')).toEqual(wire(empty));
    expect(await hubCopy('as-emptied')).toEqual(wire(emptied));
    // A deletion outlives any expiry (--tombstone-days): it keeps nothing of the visitor.
    expect(await hubCopy('as-tombstone')).toEqual(wire(purged(tombstone, tombstone.updatedAt), true));
  });

  it('a workstation that keeps the session longer gets the hub’s expiry, and the two settle on it', async () => {
    const workstation: OkienkoDatabase = await createMemoryDatabase();
    const link: HubLink = connectHub(workstation, { url: hub.url, token }, { appVersion: APP_VERSION, retryMs: 200 });
    try {
      await link.sync.awaitInitialSync();
      const who = { clerk: 'anna', counter: 1, at: Date.now() };
      const session = personalSession('as-workstation', 0, who.at);
      await createSession(workstation, startOf('as-workstation', who.at));
      // Saved for 60 days at this workstation, and changed again at once, before any pull.
      await changeSession(workstation, session.id, () => saved(session, who, 60));
      for (const [index, page] of ['question:email', 'question:adres', 'check'].entries())
        await changeSession(workstation, session.id, (current) => ({
          ...withAnswer(current, answer(page, `odpowiedź ${index}`, Date.now())),
          page,
        }));
      await link.sync.awaitInSync();
      const atHub = await hubCopy(session.id);
      expect(expiryOf(atHub)).toBeLessThanOrEqual(Date.now() + KEEP_DAYS * DAY);
      await expect.poll(() => localCopy(workstation, session.id), { timeout: 10_000 }).toEqual(atHub);

      // Settled: nothing more goes back and forth.
      const stamp = await newestStamp(client);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(await newestStamp(client)).toBe(stamp);
      expect(await localCopy(workstation, session.id)).toEqual(await hubCopy(session.id));
    } finally {
      await link.sync.stop().catch(() => undefined);
      await workstation.close().catch(() => undefined);
    }
  });
});

function startOf(id: string, at = Date.now()) {
  return {
    id,
    reference: `${id.slice(-4).toUpperCase().padStart(4, 'X')}-Q9XT`,
    eservice: { id: 'dowod-osobisty', version: 1 },
    ticket: 't-C1',
    counter: 1,
    clerk: 'anna',
    language: 'pl' as const,
    at: at - 60_000,
  };
}

async function localCopy(workstation: OkienkoDatabase, id: string): Promise<WireDocument | undefined> {
  const doc = await workstation.assistedSessions.findOne(id).exec();
  return doc ? wire(doc.toJSON() as AssistedSessionDoc) : undefined;
}

async function newestStamp(client: HubClient): Promise<number> {
  return HealthSchema.parse((await client.request('GET', '/health', { token: null })).body).stamp;
}
