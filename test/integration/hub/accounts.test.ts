/**
 * People at the hub: accounts made with the CLI, the first sign-in that replaces the one-time
 * password, wrong passwords and the lock, disabling, sessions that end, who acted recorded from
 * the session, closed document schemas, and an installation upgraded from before token kinds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HUB_API_PREFIX } from '../../../electron/common/contract/hub';
import { issueTicket, transition, type Actor, type Ticket } from '../../../electron/common/domain/ticket';
import { lockDataDir, pgliteDir } from '../../../electron/hub/data-dir';
import { openSealed } from '../../../electron/node/accounts/second-factor';
import { nextTotpCode, TEST_TOTP_SECRET } from '../../support/accounts';
import { migrate, MIGRATIONS } from '../../../electron/hub/migrations';
import { openPglite } from '../../../electron/hub/sql';
import { hashToken } from '../../../electron/hub/tokens';
import { createLogger } from '../../../electron/station/log';
import {
  addUser,
  createHubDatabase,
  createToken,
  hubClient,
  runHubCli,
  signIn,
  startHubProcess,
  TEST_PASSWORD,
  type HubDatabase,
  type HubProcess,
} from '../../support/hub-process';

const LOGIN_PATH = `${HUB_API_PREFIX}/auth/login`;

describe('accounts and sessions at the hub', () => {
  let database: HubDatabase;
  let hub: HubProcess;
  let token: string;

  beforeAll(async () => {
    database = await createHubDatabase('pglite');
    hub = await startHubProcess(database);
    token = await createToken(database, 'stanowisko-1', 'counter');
  }, 60_000);

  afterAll(async () => {
    await hub?.kill('SIGTERM');
    await database?.remove();
  });

  const attempt = (body: object, bearer = token) =>
    hubClient(hub.url, bearer).request<{ error?: string; session?: string; user?: unknown; secondFactor?: unknown }>(
      'POST',
      LOGIN_PATH,
      {
        body,
      },
    );

  it('a new account signs in first with its one-time password, and must replace it there', async () => {
    const result = await runHubCli(database, [
      'user',
      'add',
      'anna',
      '--role',
      'clerk',
      '--display-name',
      'Anna Nowak',
    ]);
    expect(result.code).toBe(0);
    const oneTime = result.stdout.trim();
    expect(oneTime).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect(result.stderr).toContain('must be changed at the first sign-in');

    expect((await attempt({ login: 'anna', password: oneTime })).body.error).toBe('password-change-required');
    const weak = await attempt({ login: 'anna', password: oneTime, newPassword: 'anna1234567' });
    expect([weak.status, weak.body.error]).toEqual([422, 'weak-password']);
    const changed = await attempt({ login: 'Anna', password: oneTime, newPassword: TEST_PASSWORD });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      session: expect.stringMatching(/^oks_1_/) as string,
      user: { login: 'anna', displayName: 'Anna Nowak', roles: ['clerk'], services: null },
    });
    expect((await attempt({ login: 'anna', password: oneTime })).body.error).toBe('bad-credentials');
    expect((await attempt({ login: 'anna', password: TEST_PASSWORD })).status).toBe(200);
    const list = JSON.parse((await runHubCli(database, ['user', 'list', '--json'])).stdout) as unknown[];
    expect(list).toEqual([expect.objectContaining({ login: 'anna', active: true, mustChange: false, locked: false })]);
  });

  it('locks an account after five wrong passwords, even against the right one, until a reset', async () => {
    const oneTime = await addUser(database, 'jan', ['clerk']);
    await signIn(hub.url, token, 'jan', oneTime, TEST_PASSWORD);
    for (let i = 0; i < 5; i++) {
      const wrong = await attempt({ login: 'jan', password: `wrong ${i}` });
      expect([wrong.status, wrong.body.error]).toEqual([401, 'bad-credentials']);
    }
    const locked = await attempt({ login: 'jan', password: TEST_PASSWORD });
    expect([locked.status, locked.body.error]).toEqual([423, 'account-locked']);
    const reset = await runHubCli(database, ['user', 'reset', 'jan']);
    expect(reset.code).toBe(0);
    expect((await attempt({ login: 'jan', password: TEST_PASSWORD })).body.error).toBe('bad-credentials');
    const fresh = await attempt({ login: 'jan', password: reset.stdout.trim(), newPassword: `${TEST_PASSWORD}!` });
    expect(fresh.status).toBe(200);
  });

  it('a supervisor enrols an authenticator at the first sign-in; a code works once; a reset enrols again', async () => {
    const oneTime = await addUser(database, 'kasia', ['supervisor']);
    const first = { login: 'kasia', password: oneTime, newPassword: TEST_PASSWORD };
    const asked = await attempt(first);
    expect([asked.status, asked.body.error]).toEqual([403, 'second-factor-enrolment-required']);
    // The one-time password still works: nothing was stored of the attempt.
    const wrongCode = await attempt({ ...first, enrolSecret: TEST_TOTP_SECRET, code: '000000' });
    expect([wrongCode.status, wrongCode.body.error]).toEqual([401, 'bad-second-factor']);
    const code = await nextTotpCode('kasia');
    const enrolled = await attempt({ ...first, enrolSecret: TEST_TOTP_SECRET, code });
    expect(enrolled.status).toBe(200);
    const granted = enrolled.body.secondFactor as { sealedSecret: string; recoveryCodes: string[] };
    // The workstation gets the secret sealed under the password, for its offline sign-in.
    expect(granted.sealedSecret).not.toContain(TEST_TOTP_SECRET);
    expect(await openSealed(granted.sealedSecret, TEST_PASSWORD)).toBe(TEST_TOTP_SECRET);
    expect(granted.recoveryCodes).toHaveLength(10);

    const noCode = await attempt({ login: 'kasia', password: TEST_PASSWORD });
    expect([noCode.status, noCode.body.error]).toEqual([401, 'second-factor-required']);
    const replayed = await attempt({ login: 'kasia', password: TEST_PASSWORD, code });
    expect([replayed.status, replayed.body.error]).toEqual([401, 'bad-second-factor']);
    const next = await attempt({ login: 'kasia', password: TEST_PASSWORD, code: await nextTotpCode('kasia') });
    expect(next.status).toBe(200);
    // A later sign-in gives the workstation the sealed secret again, never the recovery codes; a
    // kiosk, where nobody signs in offline, gets no secret at all.
    expect(next.body.secondFactor).toEqual({
      sealedSecret: expect.any(String) as string,
      step: expect.any(Number) as number,
    });
    const kiosk = await createToken(database, 'kiosk-wejscie', 'kiosk');
    const atKiosk = await attempt(
      { login: 'kasia', password: TEST_PASSWORD, code: await nextTotpCode('kasia') },
      kiosk,
    );
    expect(atKiosk.body.secondFactor).toEqual({ step: expect.any(Number) as number });
    const recovery = { login: 'kasia', password: TEST_PASSWORD, code: granted.recoveryCodes[0]!.toUpperCase() };
    expect((await attempt(recovery)).status).toBe(200);
    expect((await attempt(recovery)).body.error).toBe('bad-second-factor');
    const listed = JSON.parse((await runHubCli(database, ['user', 'list', '--json'])).stdout) as object[];
    expect(listed).toContainEqual(expect.objectContaining({ login: 'kasia', secondFactor: true }));

    const reset = await runHubCli(database, ['user', 'reset', 'kasia']);
    const again = await attempt({ login: 'kasia', password: reset.stdout.trim(), newPassword: `${TEST_PASSWORD}!` });
    expect(again.body.error).toBe('second-factor-enrolment-required');
  });

  it("the admin screen's list says who has an authenticator and where each password is checked", async () => {
    const oneTime = await addUser(database, 'ola', ['admin']);
    const { session } = await signIn(hub.url, token, 'ola', oneTime, TEST_PASSWORD);
    const listed = await hubClient(hub.url, session).request<object[]>('GET', `${HUB_API_PREFIX}/accounts`);
    expect(listed.body).toContainEqual(expect.objectContaining({ login: 'ola', secondFactor: true, source: 'local' }));
    expect(listed.body).toContainEqual(expect.objectContaining({ login: 'jan', secondFactor: false, source: 'local' }));
  });

  it('five wrong codes lock a supervisor as five wrong passwords would', async () => {
    const oneTime = await addUser(database, 'marek', ['admin']);
    await signIn(hub.url, token, 'marek', oneTime, TEST_PASSWORD);
    for (let i = 0; i < 5; i++) {
      const wrong = await attempt({ login: 'marek', password: TEST_PASSWORD, code: `00000${i}` });
      expect([wrong.status, wrong.body.error]).toEqual([401, 'bad-second-factor']);
    }
    const locked = await attempt({
      login: 'marek',
      password: TEST_PASSWORD,
      code: await nextTotpCode('marek', TEST_TOTP_SECRET, hub.url),
    });
    expect([locked.status, locked.body.error]).toEqual([423, 'account-locked']);
  });

  it('an unknown login is told apart from a wrong password by nothing', async () => {
    const unknown = await attempt({ login: 'nobody', password: 'whatever password' });
    expect([unknown.status, unknown.body]).toEqual([
      401,
      { error: 'bad-credentials', message: 'Wrong login or password' },
    ]);
  });

  it('disabling ends the person’s sessions at once and refuses the next sign-in', async () => {
    const oneTime = await addUser(database, 'ewa', ['clerk', 'supervisor']);
    const { session } = await signIn(hub.url, token, 'ewa', oneTime, TEST_PASSWORD);
    const asEwa = hubClient(hub.url, session);
    expect((await asEwa.request('GET', `${HUB_API_PREFIX}/me`)).body).toMatchObject({ user: 'ewa' });
    const accounts = () =>
      hubClient(hub.url, token).request<{ accounts: unknown[] }>(
        'GET',
        `${HUB_API_PREFIX}/auth/accounts?login=ewa&login=ghost`,
      );
    expect((await accounts()).body.accounts).toEqual([
      { login: 'ewa', active: true, displayName: 'ewa', roles: ['clerk', 'supervisor'] },
      { login: 'ghost', active: false, displayName: 'ghost', roles: [] },
    ]);

    expect((await runHubCli(database, ['user', 'disable', 'ewa'])).code).toBe(0);
    const ended = await asEwa.request<{ error: string }>('GET', `${HUB_API_PREFIX}/me`);
    expect([ended.status, ended.body.error]).toEqual([401, 'session-ended']);
    const refused = await attempt({ login: 'ewa', password: TEST_PASSWORD });
    expect([refused.status, refused.body.error]).toEqual([403, 'account-disabled']);
    expect((await accounts()).body.accounts[0]).toMatchObject({ login: 'ewa', active: false });
  });

  it('a session cannot open another, and ends when its window signs out', async () => {
    const { session } = await signIn(hub.url, token, 'anna', TEST_PASSWORD);
    const minted = await attempt({ login: 'anna', password: TEST_PASSWORD }, session);
    expect([minted.status, minted.body.error]).toEqual([403, 'token-required']);
    const client = hubClient(hub.url, session);
    expect((await client.request('POST', `${HUB_API_PREFIX}/auth/logout`, { body: {} })).body).toEqual({ ended: true });
    expect((await client.request('GET', `${HUB_API_PREFIX}/me`)).status).toBe(401);
  });

  it('records who acted from the session, whatever the workstation wrote', async () => {
    const { session } = await signIn(hub.url, token, 'anna', TEST_PASSWORD);
    const forged = issueTicket(
      { id: 'forged-1', day: '2026-12-04', service: 'vehicles', letter: 'A', seq: 1, priority: null },
      { station: 'kierownik-pc', clerk: 'Kierownik', user: 'boss' },
      1000,
    );
    const client = hubClient(hub.url, session);
    await client.push('tickets', [{ newDocumentState: { ...forged, _deleted: false } as never }]);
    const stored = (await client.pullAll('tickets')).documents.find((document) => document.id === 'forged-1');
    expect((stored as unknown as typeof forged).events[0]!.by).toEqual({
      station: 'stanowisko-1',
      clerk: 'Anna Nowak',
      user: 'anna',
    });
  });

  it('keeps the person of an entry recorded offline only when the hub knows them as staff', async () => {
    const { session } = await signIn(hub.url, token, 'anna', TEST_PASSWORD);
    const client = hubClient(hub.url, session);
    const ticket = (id: string, seq: number, by: Actor) =>
      issueTicket({ id, day: '2026-12-04', service: 'vehicles', letter: 'A', seq, priority: null }, by, 1000);
    const forged = ticket('offline-1', 11, { station: 'x', clerk: 'Kierownik', user: 'boss', offline: true });
    const real = ticket('offline-2', 12, { station: 'x', clerk: 'ktoś', user: 'jan', offline: true });
    await client.push(
      'tickets',
      [forged, real].map((doc) => ({ newDocumentState: { ...doc, _deleted: false } as never })),
    );
    const stored = (await client.pullAll('tickets')).documents as unknown as Ticket[];
    const by = (id: string) => stored.find((document) => document.id === id)!.events[0]!.by;
    expect(by('offline-1')).toEqual({ station: 'stanowisko-1', clerk: 'Anna Nowak', user: 'anna' });
    expect(by('offline-2')).toEqual({ station: 'stanowisko-1', clerk: 'jan', user: 'jan', offline: true });
  });

  it("closing the day is a supervisor's at the hub too, online or recorded offline", async () => {
    const { session } = await signIn(hub.url, token, 'anna', TEST_PASSWORD);
    const client = hubClient(hub.url, session);
    const closed = async (seq: number, closer: Actor) => {
      const issued = issueTicket(
        { id: `close-${seq}`, day: '2026-12-04', service: 'vehicles', letter: 'A', seq, priority: null },
        { station: 'x' },
        1000,
      );
      await client.push('tickets', [{ newDocumentState: { ...issued, _deleted: false } as never }]);
      const master = (await client.pullAll('tickets')).documents.find((document) => document.id === `close-${seq}`);
      const expired = transition(issued, { type: 'expire' }, closer, 2000);
      const reply = await client.request<{ error?: string; message?: string }>(
        'POST',
        `${HUB_API_PREFIX}/sync/tickets/push`,
        { body: { rows: [{ newDocumentState: { ...expired, _deleted: false }, assumedMasterState: master }] } },
      );
      const held = (await client.pullAll('tickets')).documents.find((document) => document.id === `close-${seq}`);
      return [reply.status, reply.body.error ?? null, (held as unknown as Ticket).state];
    };
    expect(await closed(21, { station: 'x' })).toEqual([403, 'forbidden-change', 'waiting']);
    expect(await closed(22, { station: 'x', user: 'jan', offline: true })).toEqual([
      403,
      'forbidden-change',
      'waiting',
    ]);
    expect(await closed(23, { station: 'x', user: 'kasia', offline: true })).toEqual([200, null, 'expired']);
  });

  it("a paired screen's session has a board's rights, whatever the workstation's token may do", async () => {
    const kiosk = await createToken(database, 'kiosk-parter', 'kiosk');
    const open = async (body: object) =>
      hubClient(hub.url, kiosk).request<{ session?: string; error?: string }>(
        'POST',
        `${HUB_API_PREFIX}/auth/session`,
        {
          body,
        },
      );
    expect((await open({ kind: 'admin' })).status).toBe(400);
    const issue = async (session: string, seq: number) => {
      const ticket = issueTicket(
        { id: `paired-${seq}`, day: '2026-12-04', service: 'vehicles', letter: 'A', seq, priority: null },
        { station: 'x' },
        1000,
      );
      const reply = await hubClient(hub.url, session).request<{ error?: string }>(
        'POST',
        `${HUB_API_PREFIX}/sync/tickets/push`,
        { body: { rows: [{ newDocumentState: { ...ticket, _deleted: false } }] } },
      );
      return [reply.status, reply.body.error ?? null];
    };
    const board = (await open({ kind: 'board' })).body.session!;
    // A board may push to tickets only a finished visit's satisfaction mark (hub-access.ts `rate`).
    expect(await issue(board, 31)).toEqual([403, 'forbidden-change']);
    expect((await hubClient(hub.url, board).pullAll('tickets')).documents.length).toBeGreaterThan(0);
    expect(await issue((await open({})).body.session!, 32)).toEqual([200, null]);
  });

  it('refuses a document with an unknown nested field or an overlong string (422), storing nothing', async () => {
    const { session } = await signIn(hub.url, token, 'anna', TEST_PASSWORD);
    const client = hubClient(hub.url, session);
    const base = issueTicket(
      { id: 'bad-1', day: '2026-12-04', service: 'vehicles', letter: 'A', seq: 2, priority: null },
      { station: 'x' },
      1000,
    );
    const nested = { ...base, legs: [{ ...base.legs[0]!, pesel: '44051401458' }], _deleted: false };
    const long = { ...base, events: [{ ...base.events[0]!, by: { station: 'x'.repeat(2001) } }], _deleted: false };
    for (const document of [nested, long]) {
      const response = await client.request<{ error: string; message: string }>(
        'POST',
        `${HUB_API_PREFIX}/sync/tickets/push`,
        { body: { rows: [{ newDocumentState: document }] } },
      );
      expect([response.status, response.body.error]).toEqual([422, 'invalid-document']);
    }
    expect((await client.pullAll('tickets')).documents.map((document) => document.id)).not.toContain('bad-1');
  });

  it('limits failed sign-ins per address, before any password is checked', async () => {
    let status = 0;
    for (let i = 0; i < 25 && status !== 429; i++)
      status = (await attempt({ login: `x${i}`, password: 'nope' })).status;
    expect(status).toBe(429);
    const blocked = await attempt({ login: 'anna', password: TEST_PASSWORD });
    expect([blocked.status, blocked.body.error]).toEqual([429, 'too-many-attempts']);
  });
});

describe('an installation upgraded from before token kinds', () => {
  let database: HubDatabase;
  let hub: HubProcess;
  const token = 'okh_1_' + 'u'.repeat(43);

  beforeAll(async () => {
    database = await createHubDatabase('pglite');
    // The database as the previous version left it: schema 3, one enrolled workstation.
    const lock = await lockDataDir(database.dataDir);
    const db = await openPglite(pgliteDir(database.dataDir), createLogger({ level: 'error' }));
    await migrate(db, MIGRATIONS.slice(0, 3));
    await db.query('INSERT INTO tokens (name, slot, token_hash) VALUES ($1, 1, $2)', [
      'stanowisko-stare',
      hashToken(token),
    ]);
    await db.close();
    await lock.release();
    hub = await startHubProcess(database);
  }, 60_000);

  afterAll(async () => {
    await hub?.kill('SIGTERM');
    await database?.remove();
  });

  it('keeps every old token working until an admin gives it a kind, and says so at start', async () => {
    const client = hubClient(hub.url, token);
    expect(hub.output()).toMatch(/tokens without a kind keep every right.*stanowisko-stare/);
    const list = JSON.parse((await runHubCli(database, ['token', 'list', '--json'])).stdout) as { kind: unknown }[];
    expect(list).toEqual([expect.objectContaining({ name: 'stanowisko-stare', kind: null })]);
    const alert = { id: 'a1', kind: 'printer', code: 'X', ticketNumber: 'A1', station: 's', at: 1, updatedAt: 1 };
    const raised = { ...alert, acknowledgedAt: 0, _deleted: false };
    const push = (rows: object[]) =>
      client.request<{ error?: string }>('POST', `${HUB_API_PREFIX}/sync/alerts/push`, { body: { rows } });
    // As before the upgrade: this token may raise an alert and acknowledge it, as every token could.
    expect((await push([{ newDocumentState: raised }])).status).toBe(200);
    const acknowledged = { ...raised, acknowledgedAt: 5, updatedAt: 2 };
    expect((await push([{ newDocumentState: acknowledged, assumedMasterState: raised }])).status).toBe(200);

    expect((await runHubCli(database, ['token', 'kind', '--name', 'stanowisko-stare', '--kind', 'kiosk'])).code).toBe(
      0,
    );
    // Now a kiosk: it still raises alerts, and no longer acknowledges one.
    expect((await push([{ newDocumentState: { ...raised, id: 'a2' } }])).status).toBe(200);
    const again = { ...acknowledged, acknowledgedAt: 9, updatedAt: 3 };
    const refused = await push([{ newDocumentState: again, assumedMasterState: acknowledged }]);
    expect([refused.status, refused.body.error]).toEqual([403, 'forbidden-change']);
  });
});
