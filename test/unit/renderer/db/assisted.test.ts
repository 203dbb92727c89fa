/**
 * Assisted sessions in the workstation's database (renderer/db/assisted.ts), on the real schemas
 * with RxDB's dev-mode checks: start, change, find by the code typed from the slip, save, hand
 * over, resume, end, the assistance record, and the purge of sessions past their time.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createRxDatabase, type RxJsonSchema } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import {
  answerMap,
  startSession,
  withAnswer,
  withSignatureImage,
  type AssistedSessionDoc,
  type SessionStart,
} from '../../../../electron/common/eservices/session';
import {
  changeSession,
  createSession,
  ended,
  findByReference,
  handedOver,
  newReference,
  normaliseReference,
  purgeExpiredSessions,
  recordAssistance,
  resumed,
  saved,
} from '../../../../renderer/db/assisted';
import type { OkienkoDatabase } from '../../../../renderer/db/database';
import { assistedSessionSchema } from '../../../../renderer/db/schemas';
import { createMemoryDatabase } from '../../../support/memory-db';

const T0 = Date.UTC(2025, 5, 16, 8, 0);
const DAY = 86_400_000;
const anna = { clerk: 'anna', counter: 1 };
const jan = { clerk: 'jan', counter: 2 };

const start = (id: string, reference: string, at = T0): SessionStart => ({
  id,
  reference,
  eservice: { id: 'dowod-osobisty', version: 1 },
  ticket: 't-C1',
  counter: 1,
  clerk: 'anna',
  language: 'pl',
  at,
});

describe('assisted sessions in the workstation database', () => {
  let db: OkienkoDatabase;
  beforeEach(async () => {
    db = await createMemoryDatabase();
  });
  afterEach(async () => {
    await db.close();
  });

  const stored = async (id: string) =>
    (await db.assistedSessions.findOne(id).exec())?.toJSON() as AssistedSessionDoc | undefined;

  it('creates a session on its start page, with nobody’s data in it', async () => {
    const session = await createSession(db, start('as-1', 'K7M3-Q9XT'));
    expect(await stored('as-1')).toEqual(session);
    expect(session).toMatchObject({
      status: 'active',
      page: 'start',
      identity: {},
      answers: [],
      expiresAt: T0 + 14 * DAY,
    });
  });

  it('changes the newest revision, and the version always moves on', async () => {
    await createSession(db, start('as-1', 'K7M3-Q9XT'));
    const answered = await changeSession(db, 'as-1', (session) =>
      withAnswer(session, { question: 'powod', value: 'utrata', by: 'visitor', clerk: 'anna', counter: 1, at: T0 + 5 }),
    );
    expect(answerMap(answered!)).toEqual({ powod: 'utrata' });
    // A change that forgets to move the version (a page turn) still does.
    const turned = await changeSession(db, 'as-1', (session) => ({ ...session, page: 'question:powod' }));
    expect(turned!.updatedAt).toBe(answered!.updatedAt + 1);
    expect(await stored('as-1')).toEqual(turned);
    expect(await changeSession(db, 'nie-ma', (session) => session)).toBeNull();
  });

  it('finds a session by its code as typed: lower case, spaces, without the hyphen', async () => {
    await createSession(db, start('as-1', 'K7M3-Q9XT'));
    await createSession(db, start('as-2', 'ABCD-EFGH'));
    for (const typed of ['K7M3-Q9XT', 'k7m3 q9xt', ' k7m3q9xt ', 'k 7 m 3 - q 9 x t']) {
      expect((await findByReference(db, typed))?.id, typed).toBe('as-1');
    }
    expect(await findByReference(db, 'k7m3 q9xa')).toBeNull();
    expect(await findByReference(db, '')).toBeNull();
  });

  it('save, hand over, resume, end: the status, holder, expiry and history of each', async () => {
    await createSession(db, start('as-1', 'K7M3-Q9XT'));
    const afterSave = await changeSession(db, 'as-1', (s) => saved(s, { ...anna, at: T0 + 60_000 }, 14));
    expect(afterSave).toMatchObject({ status: 'saved', clerk: 'anna', expiresAt: T0 + 60_000 + 14 * DAY });

    const afterResume = await changeSession(db, 'as-1', (s) => resumed(s, { ...jan, at: T0 + DAY }, 't-C9'));
    expect(afterResume).toMatchObject({ status: 'active', clerk: 'jan', counter: 2, ticket: 't-C9' });

    const afterHandOver = await changeSession(db, 'as-1', (s) =>
      handedOver(s, { ...jan, at: T0 + DAY + 60_000 }, 'ewa', 30),
    );
    expect(afterHandOver).toMatchObject({ status: 'saved', clerk: 'ewa', expiresAt: T0 + DAY + 60_000 + 30 * DAY });

    const afterEnd = await changeSession(db, 'as-1', (s) =>
      ended(s, { clerk: 'ewa', counter: 3, at: T0 + 2 * DAY }, 'abandoned', 'missing-documents'),
    );
    expect(afterEnd).toMatchObject({ status: 'abandoned', expiresAt: T0 + 3 * DAY });
    expect(afterEnd!.history).toEqual([
      { at: T0, what: 'started', clerk: 'anna', counter: 1 },
      { at: T0 + 60_000, what: 'saved', clerk: 'anna', counter: 1 },
      { at: T0 + DAY, what: 'resumed', clerk: 'jan', counter: 2 },
      { at: T0 + DAY + 60_000, what: 'handed-over', clerk: 'jan', counter: 2, note: 'ewa' },
      { at: T0 + 2 * DAY, what: 'abandoned', clerk: 'ewa', counter: 3, note: 'missing-documents' },
    ]);
    expect(await stored('as-1')).toEqual(afterEnd);

    const completed = ended(afterResume!, { ...jan, at: T0 + DAY + 5 }, 'completed');
    expect(completed.history.at(-1)).toEqual({ at: T0 + DAY + 5, what: 'completed', clerk: 'jan', counter: 2 });
    expect(completed.expiresAt).toBe(T0 + 2 * DAY + 5);
  });

  it('the assistance record accumulates the time and the steps of every sitting', async () => {
    const session = await createSession(db, start('as-1', 'K7M3-Q9XT'));
    await recordAssistance(db, session, ['start@clerk', 'question:dla-kogo@visitor'], 120);
    const later = resumed(saved(session, { ...anna, at: T0 + 100 }, 14), { ...jan, at: T0 + DAY }, 't-C9');
    await recordAssistance(db, later, ['question:dla-kogo@visitor', 'question:powod@clerk'], 45.4);
    const finished = ended(later, { ...jan, at: T0 + DAY + 500 }, 'completed');
    await recordAssistance(db, finished, ['sign@visitor'], 30);
    const record = (await db.assistanceRecords.findOne('as-1').exec())!.toJSON();
    expect(record).toMatchObject({
      outcome: 'completed',
      seconds: 195,
      clerks: ['anna', 'jan'],
      counters: [1, 2],
      endedAt: T0 + DAY + 500,
      steps: ['start@clerk', 'question:dla-kogo@visitor', 'question:powod@clerk', 'sign@visitor'],
    });
    // Written again with an older version of the session: the record's version still moves on.
    const before = record.updatedAt;
    await recordAssistance(db, session, [], 0);
    expect((await db.assistanceRecords.findOne('as-1').exec())!.toJSON().updatedAt).toBe(before + 1);
  });

  it('purges only the sessions past their time, emptied before deletion; the records stay', async () => {
    const savedLong = await createSession(db, start('as-saved-old', 'AAAA-AAAA'));
    await changeSession(db, 'as-saved-old', (s) =>
      withAnswer(saved(s, { ...anna, at: T0 }, 14), {
        question: 'telefon',
        value: '+48 600 111 222',
        by: 'visitor',
        clerk: 'anna',
        counter: 1,
        at: T0,
      }),
    );
    const endedYesterday = await createSession(db, start('as-ended', 'BBBB-BBBB'));
    await changeSession(db, 'as-ended', (s) => ({
      ...ended(s, { ...anna, at: T0 + 13 * DAY }, 'completed'),
      identity: { surname: 'Kowalska', pesel: '44051401359' },
    }));
    const savedRecently = await createSession(db, start('as-saved-new', 'CCCC-CCCC'));
    await changeSession(db, 'as-saved-new', (s) => saved(s, { ...anna, at: T0 + 10 * DAY }, 14));
    const endedToday = await createSession(db, start('as-ended-today', 'DDDD-DDDD'));
    await changeSession(db, 'as-ended-today', (s) => ended(s, { ...anna, at: T0 + 14 * DAY }, 'referred'));
    for (const session of [savedLong, endedYesterday, savedRecently, endedToday]) {
      await recordAssistance(db, session, ['start@clerk'], 10);
    }

    const now = T0 + 14 * DAY + 1;
    expect(await purgeExpiredSessions(db, now)).toBe(2);
    const left = await db.assistedSessions.find().exec();
    expect(left.map((doc) => doc.id).sort()).toEqual(['as-ended-today', 'as-saved-new']);
    expect(await db.assistanceRecords.count().exec()).toBe(4);

    // What the tombstones carry to the hub: nothing personal.
    const tombstones = await db.assistedSessions.storageInstance.findDocumentsById(['as-saved-old', 'as-ended'], true);
    expect(tombstones).toHaveLength(2);
    for (const tombstone of tombstones) {
      expect(tombstone._deleted).toBe(true);
      expect(tombstone.answers).toEqual([]);
      expect(tombstone.identity).toEqual({});
      expect(JSON.stringify(tombstone)).not.toMatch(/600 111 222|Kowalska|44051401359/);
    }
    expect(await purgeExpiredSessions(db, now)).toBe(0);
    expect(await findByReference(db, 'aaaa aaaa')).toBeNull();
  });
});

describe('the signature image in a stored session', () => {
  const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><path d="M1 1L9 9"/></svg>';

  it('is kept with the signing, and goes with the rest of the visitor’s data at the purge', async () => {
    const db = await createMemoryDatabase();
    try {
      await createSession(db, start('as-signed', 'EEEE-EEEE'));
      const signing = withSignatureImage({ path: 'pad', at: T0 + 5, digest: 'a'.repeat(64) }, SVG);
      await changeSession(db, 'as-signed', (s) => ({ ...ended(s, { ...anna, at: T0 + 10 }, 'completed'), signing }));
      const stored = (await db.assistedSessions.findOne('as-signed').exec())!.toJSON() as AssistedSessionDoc;
      expect(stored.signing?.svg).toBe(SVG);
      expect(await purgeExpiredSessions(db, T0 + 10 + DAY)).toBe(1);
      const [tombstone] = await db.assistedSessions.storageInstance.findDocumentsById(['as-signed'], true);
      expect(tombstone?._deleted).toBe(true);
      expect(tombstone?.signing).toEqual({ path: 'pad', at: T0 + 5, digest: 'a'.repeat(64) });
      expect(JSON.stringify(tombstone)).not.toContain('<path');
    } finally {
      await db.close();
    }
  });

  it('a workstation’s database from before it (schema version 0) opens with its sessions as they were', async () => {
    const factory = new IDBFactory();
    const name = 'before-signature-images';
    const old = await createRxDatabase({
      name,
      storage: wrappedValidateAjvStorage({ storage: getRxStorageDexie({ indexedDB: factory, IDBKeyRange }) }),
      multiInstance: false,
    });
    await old.addCollections({ assistedSessions: { schema: schemaVersion0() } });
    const session = {
      ...startSession(start('as-old', 'FFFF-FFFF')),
      signing: { path: 'pad', at: T0 + 5, digest: 'b'.repeat(64) },
    } as AssistedSessionDoc;
    await old.assistedSessions!.insert(session);
    await old.close();

    const db = await createMemoryDatabase({ factory, name });
    try {
      expect((await db.assistedSessions.findOne('as-old').exec())?.toJSON()).toEqual(session);
    } finally {
      await db.close();
    }
  });
});

/** The assisted sessions' schema as it was before the signature image (version 0). */
function schemaVersion0(): RxJsonSchema<AssistedSessionDoc> {
  const schema = structuredClone(assistedSessionSchema) as unknown as RxJsonSchema<AssistedSessionDoc> & {
    properties: { signing: { properties: Record<string, unknown> } };
  };
  delete schema.properties.signing.properties.svg;
  return { ...schema, version: 0 };
}

describe('resume codes', () => {
  const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

  it('eight letters in two fours, none that reads twice (0/O, 1/I/L)', () => {
    expect(ALPHABET).toHaveLength(31);
    for (let i = 0; i < 500; i++) {
      const code = newReference();
      expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
      expect(code).not.toMatch(/[01OIL]/);
    }
  });

  it('every letter of the alphabet can come out; the bytes pick them in order', () => {
    const bytes = (first: number) => () => Uint8Array.from({ length: 8 }, (_, i) => first + i);
    expect(newReference(bytes(0))).toBe('2345-6789');
    expect(newReference(bytes(8))).toBe('ABCD-EFGH');
    expect(newReference(bytes(31))).toBe('2345-6789'); // 31 wraps round
    const seen = new Set<string>();
    for (let first = 0; first < 256; first += 8) for (const letter of newReference(bytes(first))) seen.add(letter);
    seen.delete('-');
    expect([...seen].sort().join('')).toBe(ALPHABET);
  });

  it('a typed code is read back in the stored form', () => {
    expect(normaliseReference('k7m3 q9xt')).toBe('K7M3-Q9XT');
    expect(normaliseReference('K7M3-Q9XT')).toBe('K7M3-Q9XT');
    // Scanned from the slip's QR code.
    expect(normaliseReference('OKIENKO:K7M3-Q9XT')).toBe('K7M3-Q9XT');
    expect(normaliseReference('k7m3q9xt')).toBe('K7M3-Q9XT');
    expect(normaliseReference('k7m')).toBe('K7M');
    for (let i = 0; i < 50; i++) {
      const code = newReference();
      expect(normaliseReference(code.toLowerCase().replace('-', ' '))).toBe(code);
    }
  });
});
