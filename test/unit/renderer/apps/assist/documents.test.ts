/**
 * The visitor's summary (renderer/apps/assist/documents.ts) after the clerk's window reloaded: the
 * signature image the visitor drew is kept in the session's signing with the digest it was bound to,
 * so the summary built from the stored session — not from what the window held in memory — shows
 * it, and is the very document the visitor signed (same date, same content, so the same hash).
 */
import path from 'node:path';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EServiceDefinition } from '../../../../../electron/common/eservices/definition';
import {
  withAnswer,
  withSignatureImage,
  type AssistedSessionDoc,
  type SessionAnswer,
  type Signing,
} from '../../../../../electron/common/eservices/session';
import { loadDefinitions } from '../../../../../electron/station/eservices/load';
import { parseSignatureSvg } from '../../../../../electron/station/documents/signature';
import {
  documentContext,
  signatureToPrint,
  summaryDocument,
  type DocumentOrigin,
} from '../../../../../renderer/apps/assist/documents';
import { changeSession, createSession, ended } from '../../../../../renderer/db/assisted';
import type { OkienkoDatabase } from '../../../../../renderer/db/database';
import { signatureSvg } from '../../../../support/documents/summary';
import { createMemoryDatabase } from '../../../../support/memory-db';
import { repoRoot } from '../../../../support/repo-root';

const T0 = Date.UTC(2026, 11, 4, 9, 0);
const SIGNED_AT = T0 + 10 * 60_000;
const DIGEST = 'c'.repeat(64);
const anna = { clerk: 'anna', counter: 1 };

let definition: EServiceDefinition;
let origin: DocumentOrigin;

beforeAll(async () => {
  const loaded = await loadDefinitions([path.join(repoRoot, 'build', 'eservices')]);
  definition = loaded.definitions.find((one) => one.id === 'dowod-osobisty')!;
  origin = { definition, office: 'Urząd Miasta Piaseczno', clerk: 'anna' };
});

/** A session on its sign page: the visitor's identity and an answer. */
async function sessionToSign(db: OkienkoDatabase): Promise<AssistedSessionDoc> {
  await createSession(db, {
    id: 'as-1',
    reference: 'K7M3-Q9XT',
    eservice: { id: definition.id, version: definition.version },
    ticket: 't-C1',
    counter: 1,
    clerk: 'anna',
    language: 'pl',
    at: T0,
  });
  const answer: SessionAnswer = {
    question: 'dla-kogo',
    value: 'dla-siebie',
    by: 'visitor',
    clerk: 'anna',
    counter: 1,
    at: T0 + 1,
  };
  return (await changeSession(db, 'as-1', (session) => ({
    ...withAnswer(session, answer),
    identity: { givenNames: 'Ołena', surname: 'Szewczenko' },
    page: 'sign',
  })))!;
}

/** What use-finishing's `complete` writes when the visitor signed on the pad. */
function signedOnPad(session: AssistedSessionDoc, signing: Signing): AssistedSessionDoc {
  return { ...ended(session, { ...anna, at: SIGNED_AT + 5 }, 'completed'), signing, page: 'confirmation' };
}

describe('the summary after a reload', () => {
  const factory = new IDBFactory();
  const name = 'reload-test';
  let db: OkienkoDatabase | null = null;
  afterEach(async () => {
    await db?.close();
    db = null;
  });

  it('built from the stored session, it shows the signature and is the document that was signed', async () => {
    db = await createMemoryDatabase({ factory, name });
    const toSign = await sessionToSign(db);
    const how = { path: 'pad', at: SIGNED_AT } as const;
    // The document whose hash the visitor's signature is bound to (use-finishing digestFor).
    const hashed = summaryDocument(documentContext(origin, { ...toSign, signing: { ...how, digest: '' } }, SIGNED_AT));
    expect(hashed.signature).toBeUndefined();
    const svg = signatureSvg();
    await changeSession(db, 'as-1', (current) =>
      signedOnPad(current, withSignatureImage({ ...how, digest: DIGEST }, svg)),
    );
    await db.close();

    // The window reloads: a new database on the same storage, nothing held in memory.
    db = await createMemoryDatabase({ factory, name });
    const stored = (await db.assistedSessions.findOne('as-1').exec())!.toJSON() as AssistedSessionDoc;
    expect(stored.signing).toEqual({ path: 'pad', at: SIGNED_AT, digest: DIGEST, svg });
    const printed = summaryDocument(documentContext(origin, stored, Date.now(), null));

    expect(printed.signature?.svg).toBe(svg);
    expect(parseSignatureSvg(printed.signature!.svg!).paths).toHaveLength(3);
    const { signature: _signature, ...content } = printed;
    expect(content).toEqual(hashed);
    expect(printed.at).toBe(new Date(SIGNED_AT).toISOString());
  });
});

describe('which signature image a summary shows', () => {
  const base = { path: 'pad', at: SIGNED_AT, digest: DIGEST } as const;
  const session = (signing: Signing | null) => ({ signing }) as AssistedSessionDoc;
  const held = { svg: '<svg viewBox="0 0 1 1"><path d="M0 0L1 1"/></svg>', digest: DIGEST };

  it('the stored one first, whatever is held in memory', () => {
    expect(signatureToPrint(session({ ...base, svg: 'stored' }), held)).toBe('stored');
    expect(signatureToPrint(session({ ...base, svg: 'stored' }), null)).toBe('stored');
  });

  it('one held in memory (too long to store) only for the digest it was bound to', () => {
    expect(signatureToPrint(session(base), held)).toBe(held.svg);
    expect(signatureToPrint(session(base), { ...held, digest: 'd'.repeat(64) })).toBeUndefined();
    expect(signatureToPrint(session(base), null)).toBeUndefined();
  });

  it('none before the signing, nor for a signing other than on the pad or the screen', () => {
    expect(signatureToPrint(session(null), held)).toBeUndefined();
    expect(signatureToPrint(session({ ...base, path: 'handwritten' }), held)).toBeUndefined();
  });
});
