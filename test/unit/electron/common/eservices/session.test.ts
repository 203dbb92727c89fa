/**
 * Assisted sessions (session.ts): personal data lives in a session only until it is no longer
 * needed — `purged()` keeps nothing of the visitor, the expiry is 14 days after a save and a day
 * after the end — and the assistance record that outlives the session never holds any of it.
 */
import { describe, expect, it } from 'vitest';
import {
  ABANDON_REASONS,
  answerMap,
  assistanceRecord,
  conflictId,
  DEFAULT_KEEP_DAYS,
  ENDED_STATUSES,
  expiryOf,
  holdsPersonalData,
  isExpired,
  MAX_SIGNATURE_SVG_LENGTH,
  openConflicts,
  purged,
  settleConflict,
  startSession,
  withAnswer,
  withSignatureImage,
  type AssistedSessionDoc,
  type SessionAnswer,
} from '../../../../../electron/common/eservices/session';

const T0 = Date.UTC(2025, 5, 16, 8, 0);
const DAY = 86_400_000;

/** Everything personal the session below holds; none of it may survive a purge or reach a record. */
const PERSONAL = {
  givenNames: 'Ołena',
  surname: 'Szewczenko-Kowalska',
  pesel: '44051401359',
  documentNumber: 'ABA300000',
  proxyName: 'Bogumiła Pełnomocna',
  proxyDocument: 'ZZC003483',
  authorisation: 'pełnomocnictwo notarialne Rep. A 1234/2025',
  phone: '+48 600 111 222',
  email: 'olena.szewczenko@example.pl',
  street: 'ul. Wiśniowa',
  town: 'Zalesie Górne',
  alternative: 'Bartłomiej-Alternatywny',
  handOverNote: 'wraca z aktem małżeństwa Ołeny',
  abandonNote: 'pani Szewczenko źle się poczuła',
  signingNote: 'nie może pisać po udarze',
} as const;

const answer = (question: string, value: SessionAnswer['value'], at: number, clerk = 'anna'): SessionAnswer => ({
  question,
  value,
  by: 'visitor',
  clerk,
  counter: 1,
  at,
});

function fullSession(): AssistedSessionDoc {
  let session = startSession({
    id: 'as-42',
    reference: 'K7M3-Q9XT',
    eservice: { id: 'dowod-osobisty', version: 1 },
    ticket: 't-C17',
    counter: 3,
    clerk: 'anna',
    language: 'uk',
    at: T0,
  });
  session = withAnswer(session, answer('dla-kogo', 'dla-siebie', T0 + 1_000));
  session = withAnswer(session, answer('telefon', PERSONAL.phone, T0 + 2_000));
  session = withAnswer(session, answer('email', PERSONAL.email, T0 + 3_000));
  session = withAnswer(session, answer('numer-obecnego', PERSONAL.documentNumber, T0 + 4_000));
  session = withAnswer(
    session,
    answer(
      'adres',
      { street: PERSONAL.street, building: '7', flat: '12', postcode: '05-507', town: PERSONAL.town },
      T0 + 5_000,
    ),
  );
  const rival = answer('imie-dziecka', PERSONAL.alternative, T0 + 6_000, 'jan');
  return {
    ...session,
    status: 'abandoned',
    acting: {
      kind: 'proxy',
      name: PERSONAL.proxyName,
      document: PERSONAL.proxyDocument,
      authorisation: PERSONAL.authorisation,
    },
    consentVersion: 'zgoda-2025-01',
    consentAt: T0 + 500,
    identity: {
      givenNames: PERSONAL.givenNames,
      surname: PERSONAL.surname,
      pesel: PERSONAL.pesel,
      documentNumber: PERSONAL.documentNumber,
    },
    identityFrom: 'reader',
    conflicts: [{ ...rival, id: conflictId(rival) }],
    settled: [],
    page: 'check',
    signing: { path: 'unable', at: T0 + 7_000, digest: 'f'.repeat(64), note: PERSONAL.signingNote },
    history: [
      ...session.history,
      { at: T0 + 6_500, what: 'handed-over', clerk: 'anna', counter: 3, note: PERSONAL.handOverNote },
      { at: T0 + 8_000, what: 'abandoned', clerk: 'jan', counter: 4, note: PERSONAL.abandonNote },
    ],
    expiresAt: expiryOf('abandoned', T0 + 8_000),
    updatedAt: T0 + 8_000,
  };
}

const leaks = (json: string) => Object.values(PERSONAL).filter((value) => json.includes(value));

describe('purged()', () => {
  const session = fullSession();
  const empty = purged(session, T0 + 2 * DAY);

  it('keeps nothing personal: no identity, answers, alternatives, proxy, notes', () => {
    expect(empty.identity).toEqual({});
    expect(empty.answers).toEqual([]);
    expect(empty.conflicts).toEqual([]);
    expect(empty.acting).toEqual({ kind: 'self' });
    expect(empty.history.every((event) => !('note' in event))).toBe(true);
    expect(empty.signing && 'note' in empty.signing).toBe(false);
    expect(leaks(JSON.stringify(empty))).toEqual([]);
    // The full session does hold every one of them: the check above is not vacuous.
    expect(leaks(JSON.stringify(session))).toHaveLength(Object.keys(PERSONAL).length);
  });

  it('keeps what says what happened: id, reference, e-service, status, the signing path and digest, the history', () => {
    expect(empty).toMatchObject({
      id: 'as-42',
      reference: 'K7M3-Q9XT',
      eservice: 'dowod-osobisty',
      eserviceVersion: 1,
      status: 'abandoned',
      startedAt: T0,
      expiresAt: session.expiresAt,
    });
    expect(empty.signing).toEqual({ path: 'unable', at: T0 + 7_000, digest: 'f'.repeat(64) });
    expect(empty.history.map((event) => [event.what, event.clerk, event.at])).toEqual(
      session.history.map((event) => [event.what, event.clerk, event.at]),
    );
  });

  it('is a newer version than the session (so it replicates over it), and purging again changes only the time', () => {
    expect(empty.updatedAt).toBe(T0 + 2 * DAY);
    expect(purged(session, T0).updatedAt).toBe(session.updatedAt + 1); // a clock behind the session
    const again = purged(empty, T0 + 3 * DAY);
    expect({ ...again, updatedAt: 0 }).toEqual({ ...empty, updatedAt: 0 });
  });

  it('a session without signing stays without', () => {
    const fresh = startSession({
      id: 'as-1',
      reference: 'AAAA-BBBB',
      eservice: { id: 'x', version: 2 },
      ticket: '',
      counter: 1,
      clerk: 'anna',
      language: 'pl',
      at: T0,
    });
    expect(purged(fresh, T0 + 1).signing).toBeNull();
  });
});

/** A signature as the station draws it (native/signature-pad/signature.codec.ts toSvg). */
const SIGNATURE_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 120"><g fill="none" stroke="#000" stroke-width="2">' +
  '<path d="M10 80L40 20L70 90L100 30"/><path d="M130 60L200 62L260 40"/></g></svg>';

describe('the signature image', () => {
  const padSigned: AssistedSessionDoc = {
    ...fullSession(),
    status: 'completed',
    signing: withSignatureImage({ path: 'pad', at: T0 + 7_000, digest: 'e'.repeat(64) }, SIGNATURE_SVG),
  };

  it('is kept with the signing and the digest it was bound to, up to its length limit', () => {
    expect(padSigned.signing).toEqual({ path: 'pad', at: T0 + 7_000, digest: 'e'.repeat(64), svg: SIGNATURE_SVG });
    const signing = { path: 'pad', at: T0, digest: 'd'.repeat(64) } as const;
    expect(withSignatureImage(signing, undefined)).toEqual(signing);
    expect(withSignatureImage(signing, '')).toEqual(signing);
    const longest = 'x'.repeat(MAX_SIGNATURE_SVG_LENGTH);
    expect(withSignatureImage(signing, longest).svg).toBe(longest);
    expect(withSignatureImage(signing, `${longest}x`)).toEqual(signing);
  });

  it('is personal data: purged() empties it and keeps how, when and the digest', () => {
    const empty = purged(padSigned, T0 + 2 * DAY);
    expect(empty.signing).toEqual({ path: 'pad', at: T0 + 7_000, digest: 'e'.repeat(64) });
    expect(JSON.stringify(empty)).not.toContain('<path');
    expect(holdsPersonalData({ ...empty, signing: padSigned.signing })).toBe(true);
  });

  it('never reaches the assistance record', () => {
    const record = assistanceRecord(padSigned, ['sign@clerk'], 60);
    expect(record.signing).toBe('pad');
    expect(JSON.stringify(record)).not.toContain('svg');
  });
});

describe('holdsPersonalData()', () => {
  const fresh = startSession({
    id: 'as-1',
    reference: 'AAAA-BBBB',
    eservice: { id: 'x', version: 1 },
    ticket: '',
    counter: 1,
    clerk: 'anna',
    language: 'pl',
    at: T0,
  });

  it('is whatever purged() would remove: a full session does, a new one and a purged one do not', () => {
    expect(holdsPersonalData(fullSession())).toBe(true);
    expect(holdsPersonalData(fresh)).toBe(false);
    expect(holdsPersonalData(purged(fullSession(), T0 + DAY))).toBe(false);
  });

  it('each kind of personal data alone counts', () => {
    const full = fullSession();
    const kinds: Partial<AssistedSessionDoc>[] = [
      { identity: { surname: PERSONAL.surname } },
      { acting: full.acting },
      { answers: full.answers.slice(0, 1) },
      { conflicts: full.conflicts },
      { history: [...fresh.history, { at: T0, what: 'abandoned', clerk: 'anna', counter: 1, note: 'x' }] },
      { signing: { path: 'unable', at: T0, digest: 'a'.repeat(64), note: PERSONAL.signingNote } },
      { signing: { path: 'pad', at: T0, digest: 'a'.repeat(64), svg: SIGNATURE_SVG } },
    ];
    for (const kind of kinds) expect(holdsPersonalData({ ...fresh, ...kind }), JSON.stringify(kind)).toBe(true);
    expect(holdsPersonalData({ ...fresh, signing: { path: 'pad', at: T0, digest: 'a'.repeat(64) } })).toBe(false);
  });
});

describe('expiry', () => {
  it('14 days after a save by default, or the office’s own number of days', () => {
    expect(DEFAULT_KEEP_DAYS).toBe(14);
    expect(expiryOf('saved', T0)).toBe(T0 + 14 * DAY);
    expect(expiryOf('saved', T0, 30)).toBe(T0 + 30 * DAY);
    expect(expiryOf('active', T0)).toBe(T0 + 14 * DAY);
  });

  it('a day after the session ended, whatever the office keeps saved sessions for', () => {
    for (const status of ENDED_STATUSES) {
      expect(expiryOf(status, T0)).toBe(T0 + DAY);
      expect(expiryOf(status, T0, 30)).toBe(T0 + DAY);
    }
  });

  it('a new session expires as an active one; expired means its time has come, never for 0', () => {
    const started = startSession({
      id: 'as-1',
      reference: 'AAAA-BBBB',
      eservice: { id: 'x', version: 1 },
      ticket: '',
      counter: 1,
      clerk: 'anna',
      language: 'pl',
      at: T0,
      keepDays: 7,
    });
    expect(started.expiresAt).toBe(T0 + 7 * DAY);
    expect(isExpired(started, T0 + 7 * DAY - 1)).toBe(false);
    expect(isExpired(started, T0 + 7 * DAY)).toBe(true);
    expect(isExpired({ expiresAt: 0 }, Number.MAX_SAFE_INTEGER)).toBe(false);
  });
});

describe('answers and alternatives', () => {
  it('a new answer replaces the earlier one to its question, and the version moves on even with a clock behind', () => {
    const session = fullSession();
    const changed = withAnswer(session, answer('telefon', '600100200', T0));
    expect(answerMap(changed).telefon).toBe('600100200');
    expect(changed.answers.filter((one) => one.question === 'telefon')).toHaveLength(1);
    expect(changed.updatedAt).toBe(session.updatedAt + 1);
  });

  it('settling a question: the chosen answer, its alternatives and the displaced answer settled, an event', () => {
    const session = fullSession();
    const current = answer('imie-dziecka', 'Anna', T0 + 5_500);
    const withCurrent = withAnswer(session, current);
    expect(openConflicts(withCurrent)).toHaveLength(1);
    const settled = settleConflict(withCurrent, 'imie-dziecka', withCurrent.conflicts[0]!, {
      clerk: 'ewa',
      counter: 5,
      at: T0 + 9_000,
    });
    expect(answerMap(settled)['imie-dziecka']).toBe(PERSONAL.alternative);
    expect(openConflicts(settled)).toEqual([]);
    expect(settled.settled).toEqual([withCurrent.conflicts[0]!.id, conflictId(current)]);
    expect(settled.history.at(-1)).toEqual({
      at: T0 + 9_000,
      what: 'conflict-settled',
      clerk: 'ewa',
      counter: 5,
      note: 'imie-dziecka',
    });
  });
});

describe('the assistance record', () => {
  const session = fullSession();
  const steps = ['start@clerk', 'question:dla-kogo@visitor', 'question:telefon@visitor', 'check@clerk'];

  it('holds no personal data: no answer, no identity, no proxy, no note', () => {
    const record = assistanceRecord(session, steps, 754.6, 'visitor-left');
    const json = JSON.stringify(record);
    expect(leaks(json)).toEqual([]);
    for (const value of Object.values(session.identity)) expect(json).not.toContain(value);
    for (const given of session.answers) {
      const text = typeof given.value === 'string' ? [given.value] : Object.values(given.value);
      for (const part of text.filter((one) => one.length > 3)) expect(json).not.toContain(part);
    }
    expect(Object.keys(record).sort()).toEqual(
      [
        'id',
        'eservice',
        'outcome',
        'reason',
        'clerks',
        'counters',
        'steps',
        'signing',
        'startedAt',
        'endedAt',
        'seconds',
        'updatedAt',
      ].sort(),
    );
  });

  it('says who helped with what, how long and how it ended', () => {
    const record = assistanceRecord(session, steps, 754.6, 'visitor-left');
    expect(ABANDON_REASONS).toContain(record.reason);
    expect(record).toMatchObject({
      id: 'as-42',
      eservice: 'dowod-osobisty',
      outcome: 'abandoned',
      clerks: ['anna', 'jan'],
      counters: [3, 4],
      steps,
      signing: 'unable',
      startedAt: T0,
      endedAt: session.updatedAt,
      seconds: 755,
    });
  });

  it('in progress: no end, and never a negative time', () => {
    const active = { ...session, status: 'saved' as const, signing: null };
    const record = assistanceRecord(active, [], -3);
    expect(record).toMatchObject({ outcome: 'in-progress', endedAt: 0, seconds: 0, signing: '', reason: '' });
  });
});
