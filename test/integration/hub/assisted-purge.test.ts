/**
 * The hub's purge of assisted sessions past their time (electron/hub/assisted-purge.ts): an expired
 * session's personal data goes at the hub too, even if no workstation that held it comes back. It
 * becomes a tombstone with nothing personal, written with the next stamps (the live feed carries
 * it, pulls bring it); live sessions and the assistance records stay as they were. First against
 * the store on PGlite in this process, then against a hub process on PGlite and on PostgreSQL
 * with a real workstation database that replicates with it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamEvent, WireDocument } from '../../../electron/common/contract/hub';
import {
  assistanceRecord,
  expiryOf,
  startSession,
  withAnswer,
  type AssistedSessionDoc,
  type SessionAnswer,
} from '../../../electron/common/eservices/session';
import { purgeExpiredAssistedSessions } from '../../../electron/hub/assisted-purge';
import { ChangeFeed } from '../../../electron/hub/change-feed';
import { migrate } from '../../../electron/hub/migrations';
import { openPglite, type SqlClient } from '../../../electron/hub/sql';
import { HubStore } from '../../../electron/hub/store';
import { createLogger } from '../../../electron/station/log';
import { APP_VERSION } from '../../../electron/station/version';
import { changeSession, createSession, recordAssistance, saved } from '../../../renderer/db/assisted';
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

const log = createLogger({ level: 'error' });
const DAY = 86_400_000;

/** The personal data a session below holds; none of it may be left at the hub after the purge. */
const PERSONAL = ['Ołena', 'Szewczenko', '44051401359', 'ABA300000', 'Bogumiła Pełnomocna', '600 111 222', 'Wiśniowa'];
const leaks = (document: unknown) => PERSONAL.filter((value) => JSON.stringify(document).includes(value));

const visitorAnswer = (question: string, value: SessionAnswer['value'], at: number): SessionAnswer => ({
  question,
  value,
  by: 'visitor',
  clerk: 'anna',
  counter: 1,
  at,
});

/** A session saved at `savedAt` (kept 14 days), full of the visitor's data. */
function personalSession(id: string, reference: string, savedAt: number): AssistedSessionDoc {
  let session = startSession({
    id,
    reference,
    eservice: { id: 'dowod-osobisty', version: 1 },
    ticket: 't-C1',
    counter: 1,
    clerk: 'anna',
    language: 'uk',
    at: savedAt - 60_000,
  });
  session = withAnswer(session, visitorAnswer('telefon', '+48 600 111 222', savedAt - 30_000));
  session = withAnswer(
    session,
    visitorAnswer(
      'adres',
      { street: 'ul. Wiśniowa', building: '7', flat: '', postcode: '05-507', town: 'Piaseczno' },
      savedAt - 20_000,
    ),
  );
  return {
    ...saved(session, { clerk: 'anna', counter: 1, at: savedAt }, 14),
    acting: { kind: 'proxy', name: 'Bogumiła Pełnomocna', document: 'ZZC003483', authorisation: 'notarialne' },
    identity: { givenNames: 'Ołena', surname: 'Szewczenko', pesel: '44051401359', documentNumber: 'ABA300000' },
    identityFrom: 'reader',
    history: [
      ...session.history,
      { at: savedAt, what: 'handed-over', clerk: 'anna', counter: 1, note: 'Ołena wraca z dokumentem' },
    ],
  };
}

/** What a tombstone of `session` must be: the same session, emptied, deleted. */
function expectPurgedTombstone(tombstone: WireDocument | undefined, session: AssistedSessionDoc): void {
  expect(tombstone).toBeDefined();
  expect(tombstone).toMatchObject({
    _deleted: true,
    id: session.id,
    reference: session.reference,
    status: session.status,
    eservice: session.eservice,
    identity: {},
    answers: [],
    conflicts: [],
    acting: { kind: 'self' },
  });
  expect(leaks(tombstone)).toEqual([]);
  expect((tombstone as unknown as AssistedSessionDoc).updatedAt).toBeGreaterThan(session.updatedAt);
}

describe('purging expired assisted sessions in the hub store (PGlite in memory)', () => {
  let db: SqlClient;
  let store: HubStore;
  let feed: ChangeFeed;
  const events: StreamEvent[] = [];
  const now = Date.UTC(2025, 5, 30, 20, 0);
  const expired = personalSession('as-expired', 'AAAA-AAAA', now - 20 * DAY); // expired 6 days ago
  const onTheDot = personalSession('as-on-the-dot', 'BBBB-BBBB', now - 14 * DAY); // expires right now
  const live = personalSession('as-live', 'CCCC-CCCC', now - 2 * DAY);
  const never = { ...personalSession('as-never', 'DDDD-DDDD', now - 40 * DAY), expiresAt: 0 };
  const record = assistanceRecord(expired, ['start@clerk', 'question:telefon@visitor'], 300);

  const byId = async (collection: 'assistedSessions' | 'assistanceRecords', id: string) =>
    (await store.pull(collection, null, 1000)).documents.find((document) => document.id === id);

  beforeAll(async () => {
    db = await openPglite('memory://', log);
    await migrate(db);
    store = new HubStore(db, 'node-a');
    feed = new ChangeFeed(store, { nodeId: 'node-a', log });
    await feed.start();
    feed.subscribe((event) => events.push(event));
    for (const session of [expired, onTheDot, live, never]) {
      feed.committed((await store.push('assistedSessions', [insert(session)])).written);
    }
    feed.committed((await store.push('assistanceRecords', [insert(record)])).written);
  }, 30_000);

  afterAll(async () => {
    await feed.stop();
    await db.close();
  });

  it('writes each expired session as an emptied tombstone with the next stamps, and the live feed carries them', async () => {
    const before = await store.newestStamp();
    const eventsBefore = events.length;
    const written = await purgeExpiredAssistedSessions(store, now);
    feed.committed(written);

    expect(written.map((entry) => [entry.document.id, entry.stamp])).toEqual([
      ['as-expired', before + 1],
      ['as-on-the-dot', before + 2],
    ]);
    expect(await store.newestStamp()).toBe(before + 2);
    expectPurgedTombstone(await byId('assistedSessions', 'as-expired'), expired);
    expectPurgedTombstone(await byId('assistedSessions', 'as-on-the-dot'), onTheDot);
    // Whoever pulls from their last checkpoint gets the tombstones.
    const pulled = await store.pull('assistedSessions', { stamp: before, id: '' }, 100);
    expect(pulled.documents.map((document) => [document.id, document._deleted])).toEqual([
      ['as-expired', true],
      ['as-on-the-dot', true],
    ]);
    expect(events.slice(eventsBefore)).toEqual([
      {
        collection: 'assistedSessions',
        documents: written.map((entry) => entry.document),
        checkpoint: { stamp: before + 2, id: 'as-on-the-dot' },
      },
    ]);
  });

  it('leaves live sessions, sessions without an expiry and the assistance records as they were', async () => {
    expect(await byId('assistedSessions', 'as-live')).toEqual(wire(live));
    expect(await byId('assistedSessions', 'as-never')).toEqual(wire(never));
    expect(await byId('assistanceRecords', 'as-expired')).toEqual(wire(record));
  });

  it('a second purge finds nothing to do; a tombstone is not written again', async () => {
    const before = await store.newestStamp();
    expect(await purgeExpiredAssistedSessions(store, now + DAY)).toEqual([]);
    expect(await store.newestStamp()).toBe(before);
  });

  it('a workstation that changed the session meanwhile meets the tombstone, and the data does not come back', async () => {
    const change = { ...expired, page: 'question:email', updatedAt: now + 1 };
    const outcome = await store.push('assistedSessions', [update(change, wire(expired))]);
    expect(outcome.written).toEqual([]);
    expect(outcome.conflicts).toHaveLength(1);
    expectPurgedTombstone(outcome.conflicts[0], expired);
    expect(leaks(await byId('assistedSessions', 'as-expired'))).toEqual([]);
  });
});

describe.each(HUB_BACKENDS)('the hub process purges expired assisted sessions, on %s', (backend) => {
  let database: HubDatabase;
  let hub: HubProcess;
  let client: HubClient;
  let workstation: OkienkoDatabase;
  let link: HubLink;
  const now = Date.now();
  const expiredAt = now - 20 * DAY;

  beforeAll(async () => {
    database = await createHubDatabase(backend);
    hub = await startHubProcess(database);
    const session = await enrolSignedIn(database, hub.url, 'stanowisko-1');
    client = hubClient(hub.url, session);
    workstation = await createMemoryDatabase();
    link = connectHub(workstation, { url: hub.url, token: session }, { appVersion: APP_VERSION, retryMs: 200 });
    await link.sync.awaitInitialSync();
  }, 60_000);

  afterAll(async () => {
    await link?.sync.stop().catch(() => undefined);
    await workstation?.close().catch(() => undefined);
    await hub?.kill('SIGTERM').catch(() => undefined);
    await database?.remove();
  });

  const hubCopy = async (collection: 'assistedSessions' | 'assistanceRecords', id: string) =>
    (await client.pullAll(collection)).documents.find((document) => document.id === id);

  it('an expired session is a tombstone without personal data after the purge; the workstation that pulls deletes it', async () => {
    // Two sessions saved at this counter, one of them 20 days ago (kept 14), with their records.
    const old = personalSession('as-old', 'K7M3-Q9XT', expiredAt);
    const recent = personalSession('as-recent', 'M4RT-2WXY', now - DAY);
    for (const session of [old, recent]) {
      await createSession(workstation, { ...startArgs(session) });
      await changeSession(workstation, session.id, () => session);
      await recordAssistance(workstation, session, ['start@clerk', 'question:telefon@visitor'], 120);
    }
    expect(old.expiresAt).toBe(expiryOf('saved', expiredAt));
    await link.sync.awaitInSync();
    const oldAtHub = await hubCopy('assistedSessions', 'as-old');
    expect(leaks(oldAtHub)).toEqual(PERSONAL); // the hub holds it all until the purge
    const recentAtHub = await hubCopy('assistedSessions', 'as-recent');
    const recordsAtHub = (await client.pullAll('assistanceRecords')).documents;
    expect(recordsAtHub).toHaveLength(2);

    // The workstation goes away (and never purged its own copy); the hub's purge runs (at start).
    link.sync.setOffline(true);
    await hub.restart();
    expect(hub.output()).toMatch(/purged expired assisted sessions.*"purged":1/);

    expectPurgedTombstone(await hubCopy('assistedSessions', 'as-old'), old);
    expect(await hubCopy('assistedSessions', 'as-recent')).toEqual(recentAtHub);
    expect((await client.pullAll('assistanceRecords')).documents).toEqual(recordsAtHub);

    // It comes back, even with a change of the old session made while away: the deletion wins.
    await changeSession(workstation, 'as-old', (session) => ({ ...session, page: 'question:email' }));
    link.sync.setOffline(false);
    await link.sync.awaitInSync();
    expect(await workstation.assistedSessions.findOne('as-old').exec()).toBeNull();
    const [local] = await workstation.assistedSessions.storageInstance.findDocumentsById(['as-old'], true);
    expect(local?._deleted).toBe(true);
    expect(leaks(local)).toEqual([]);
    expect((await workstation.assistedSessions.findOne('as-recent').exec())?.toJSON()).toMatchObject({
      identity: recent.identity,
      answers: recent.answers,
    });
    expect(await workstation.assistanceRecords.count().exec()).toBe(2);
    expectPurgedTombstone(await hubCopy('assistedSessions', 'as-old'), old);
  });
});

function startArgs(session: AssistedSessionDoc) {
  return {
    id: session.id,
    reference: session.reference,
    eservice: { id: session.eservice, version: session.eserviceVersion },
    ticket: session.ticket,
    counter: session.counter,
    clerk: session.clerk,
    language: session.language,
    at: session.startedAt,
  };
}
