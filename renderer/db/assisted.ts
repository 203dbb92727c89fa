/**
 * Assisted sessions in the workstation's database: start, change, save, resume by the code on the
 * slip, hand over, end, and the purge of personal data past its time. Every change is a local
 * write that the hub replication carries to the other counters; two counters changing one session
 * offline are merged answer by answer (electron/common/sync/assisted-merge.ts).
 */
import {
  assistanceRecord,
  expiryOf,
  isExpired,
  purged,
  startSession,
  type AssistedSessionDoc,
  type SessionEvent,
  type SessionStart,
  type SessionStatus,
} from '../../electron/common/eservices/session';
import type { OkienkoDatabase } from './database';

/** The letters of a resume code: no 0/O, 1/I/L, so it reads aloud and types back without doubt. */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** `K7M3-Q9XT`: eight letters from 31, about 8.5 × 10¹¹ codes. */
export function newReference(
  random: (size: number) => Uint8Array = (size) => crypto.getRandomValues(new Uint8Array(size)),
): string {
  const letters = [...random(8)].map((byte) => CODE_ALPHABET[byte % CODE_ALPHABET.length]).join('');
  return `${letters.slice(0, 4)}-${letters.slice(4)}`;
}

/** The prefix of the slip's QR code (slip.ts), which a scanner types into the code field. */
export const SLIP_QR_PREFIX = 'OKIENKO:';

/** A code as typed (lower case, spaces, no hyphen) or scanned from the slip, in the form it is stored. */
export function normaliseReference(typed: string): string {
  const code = typed.trim().toUpperCase().startsWith(SLIP_QR_PREFIX)
    ? typed.trim().slice(SLIP_QR_PREFIX.length)
    : typed;
  const letters = code.toUpperCase().replace(/[^0-9A-Z]/g, '');
  return letters.length === 8 ? `${letters.slice(0, 4)}-${letters.slice(4)}` : letters;
}

export async function createSession(db: OkienkoDatabase, start: SessionStart): Promise<AssistedSessionDoc> {
  const session = startSession(start);
  await db.assistedSessions.insert(session);
  return session;
}

/** Applies `change` to the newest revision of the session; returns the result (null when it is gone). */
export async function changeSession(
  db: OkienkoDatabase,
  id: string,
  change: (session: AssistedSessionDoc) => AssistedSessionDoc,
): Promise<AssistedSessionDoc | null> {
  const doc = await db.assistedSessions.findOne(id).exec();
  if (!doc) return null;
  const updated = await doc.incrementalModify((data) => {
    const next = change(data as AssistedSessionDoc);
    return { ...next, updatedAt: Math.max(next.updatedAt, data.updatedAt + 1) } as typeof data;
  });
  return updated.toJSON() as AssistedSessionDoc;
}

export async function findByReference(db: OkienkoDatabase, reference: string): Promise<AssistedSessionDoc | null> {
  const doc = await db.assistedSessions.findOne({ selector: { reference: normaliseReference(reference) } }).exec();
  return doc ? (doc.toJSON() as AssistedSessionDoc) : null;
}

interface Who {
  readonly clerk: string;
  readonly counter: number;
  readonly at: number;
}

function event(what: SessionEvent['what'], who: Who, note?: string): SessionEvent {
  return { at: who.at, what, clerk: who.clerk, counter: who.counter, ...(note ? { note } : {}) };
}

/** The session goes on another day or at another counter: personal data kept `keepDays` from now. */
export function saved(session: AssistedSessionDoc, who: Who, keepDays: number): AssistedSessionDoc {
  return {
    ...session,
    status: 'saved',
    expiresAt: expiryOf('saved', who.at, keepDays),
    history: [...session.history, event('saved', who)],
    updatedAt: who.at,
  };
}

/** A colleague will carry on: the session waits for them, saved. */
export function handedOver(session: AssistedSessionDoc, who: Who, to: string, keepDays: number): AssistedSessionDoc {
  return {
    ...saved(session, who, keepDays),
    clerk: to,
    history: [...session.history, event('handed-over', who, to)],
  };
}

/** Resumed at this counter by this clerk. */
export function resumed(session: AssistedSessionDoc, who: Who, ticket: string): AssistedSessionDoc {
  return {
    ...session,
    status: 'active',
    clerk: who.clerk,
    counter: who.counter,
    ticket,
    history: [...session.history, event('resumed', who)],
    updatedAt: who.at,
  };
}

/** Ended: completed, referred or abandoned (with a reason code); personal data kept one more day. */
export function ended(
  session: AssistedSessionDoc,
  who: Who,
  status: Extract<SessionStatus, 'completed' | 'referred' | 'abandoned'>,
  reason?: string,
): AssistedSessionDoc {
  return {
    ...session,
    status,
    expiresAt: expiryOf(status, who.at),
    history: [...session.history, event(status, who, reason)],
    updatedAt: who.at,
  };
}

/** Writes the assistance record of the session as it stands (no personal data in it). */
export async function recordAssistance(
  db: OkienkoDatabase,
  session: AssistedSessionDoc,
  steps: readonly string[],
  seconds: number,
  reason = '',
): Promise<void> {
  const existing = await db.assistanceRecords.findOne(session.id).exec();
  const before = existing?.toJSON();
  const record = assistanceRecord(
    session,
    [...new Set([...(before?.steps ?? []), ...steps])],
    (before?.seconds ?? 0) + seconds,
    reason,
  );
  await db.assistanceRecords.upsert({ ...record, updatedAt: Math.max(record.updatedAt, (before?.updatedAt ?? 0) + 1) });
}

/** Empties and deletes every session past its time; the assistance records stay. Returns how many. */
export async function purgeExpiredSessions(db: OkienkoDatabase, now: number): Promise<number> {
  const docs = await db.assistedSessions.find({ selector: { expiresAt: { $gt: 0, $lte: now } } }).exec();
  let count = 0;
  for (const doc of docs) {
    const session = doc.toJSON() as AssistedSessionDoc;
    if (!isExpired(session, now)) continue;
    const emptied = await doc.incrementalModify((data) => purged(data as AssistedSessionDoc, now) as typeof data);
    await emptied.remove();
    count += 1;
  }
  return count;
}
