/**
 * Signing in at a hub that uses the office's directory (`--directory`), against a real OpenLDAP
 * (test/support/slapd.ts): a directory person signs in with the directory's password and the roles
 * of their groups, is kept as a directory account, and a supervisor enrols the second factor; a
 * wrong password, an unknown login and a person in no mapped group are refused alike; a local account
 * stays local. With the directory down the hub says so (503 `directory-unavailable`), and a
 * workstation still signs in whoever signed in there before, against its offline cache.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HUB_API_PREFIX } from '../../../electron/common/contract/hub';
import { ContractFailure } from '../../../electron/common/contract/result';
import { CredentialCache } from '../../../electron/station/accounts/credential-cache';
import { HubCredentials } from '../../../electron/station/accounts/credentials';
import { HubLink } from '../../../electron/station/accounts/hub-link';
import { APP_VERSION } from '../../../electron/station/version';
import { nextTotpCode, TEST_TOTP_SECRET } from '../../support/accounts';
import {
  addReadyUser,
  createHubDatabase,
  createToken,
  hubClient,
  runHubCli,
  startHubProcess,
  TEST_PASSWORD,
  type HubDatabase,
  type HubProcess,
} from '../../support/hub-process';
import { tempDir } from '../../support/processes';
import { startSlapd, type Slapd } from '../../support/slapd';

const PASSWORDS = { olga: 'Olga z katalogu 2026', piotr: 'Piotr kieruje 77', rafal: 'Rafał bez grupy 1' };

describe('signing in at a hub with the office directory', () => {
  let slapd: Slapd;
  let folder: { path: string; remove(): Promise<void> };
  let database: HubDatabase;
  let hub: HubProcess;
  let token: string;

  beforeAll(async () => {
    folder = await tempDir('directory-hub');
    slapd = await startSlapd({
      people: [
        { uid: 'olga', password: PASSWORDS.olga, displayName: 'Olga Wrona' },
        { uid: 'piotr', password: PASSWORDS.piotr, displayName: 'Piotr Lis' },
        { uid: 'rafal', password: PASSWORDS.rafal },
        { uid: 'admin', password: 'the directory admin' },
      ],
      groups: [
        { cn: 'okienko-urzednicy', members: ['olga', 'piotr'] },
        { cn: 'okienko-kierownicy', members: ['piotr'] },
        { cn: 'ksiegowosc', members: ['rafal'] },
      ],
    });
    const file = path.join(folder.path, 'directory.json');
    await writeFile(
      file,
      JSON.stringify({
        url: slapd.ldapsUrl,
        ca: slapd.caFile,
        userDn: `uid={login},${slapd.peopleBase}`,
        memberOfAttribute: 'memberOf',
        roles: {
          [slapd.groupDn('okienko-urzednicy')]: ['clerk'],
          [slapd.groupDn('okienko-kierownicy')]: ['supervisor'],
        },
        timeoutMs: 1500,
      }),
    );
    database = await createHubDatabase('pglite');
    hub = await startHubProcess(database, { args: ['--directory', file] });
    token = await createToken(database, 'stanowisko-1', 'counter');
  }, 60_000);

  afterAll(async () => {
    slapd?.thaw();
    await hub?.kill('SIGTERM');
    await database?.remove();
    await slapd?.stop();
    await folder?.remove();
  });

  const login = (body: object) =>
    hubClient(hub.url, token).request<{
      error?: string;
      message?: string;
      user?: { login: string; displayName: string; roles: string[] };
      secondFactor?: { recoveryCodes?: string[] };
    }>('POST', `${HUB_API_PREFIX}/auth/login`, { body });

  it('signs a directory person in with the roles of their groups, and keeps no password for them', async () => {
    const reply = await login({ login: 'Olga', password: PASSWORDS.olga });
    expect(reply.status).toBe(200);
    expect(reply.body.user).toMatchObject({ login: 'olga', displayName: 'Olga Wrona', roles: ['clerk'] });
    const listed = await runHubCli(database, ['user', 'list', '--json']);
    const olga = (JSON.parse(listed.stdout) as { login: string; source: string }[]).find((u) => u.login === 'olga');
    expect(olga).toMatchObject({ source: 'directory' });
  });

  it('refuses a wrong password, an unknown login and a person in no mapped group alike', async () => {
    const wrong = await login({ login: 'olga', password: 'not her password' });
    const unknown = await login({ login: 'nikt', password: 'not anybody' });
    expect([wrong.status, wrong.body.error]).toEqual([401, 'bad-credentials']);
    expect([unknown.status, unknown.body.error, unknown.body.message]).toEqual([
      401,
      'bad-credentials',
      wrong.body.message,
    ]);
    // In no group that gives a role: refused as a wrong password would be, so the answer does not
    // confirm the directory password to whoever typed it; the hub's log says why.
    const outsider = await login({ login: 'rafal', password: PASSWORDS.rafal });
    expect([outsider.status, outsider.body.error, outsider.body.message]).toEqual([
      401,
      'bad-credentials',
      wrong.body.message,
    ]);
    expect(hub.output()).toContain('a directory person in no mapped group was refused');
  });

  it('a directory supervisor enrols an authenticator at the first sign-in', async () => {
    const first = await login({ login: 'piotr', password: PASSWORDS.piotr });
    expect([first.status, first.body.error]).toEqual([403, 'second-factor-enrolment-required']);
    const code = await nextTotpCode('piotr');
    const enrolled = await login({ login: 'piotr', password: PASSWORDS.piotr, enrolSecret: TEST_TOTP_SECRET, code });
    expect(enrolled.status).toBe(200);
    expect(enrolled.body.user?.roles.sort()).toEqual(['clerk', 'supervisor']);
    expect(enrolled.body.secondFactor?.recoveryCodes).toHaveLength(10);
    const again = await login({ login: 'piotr', password: PASSWORDS.piotr, code });
    expect([again.status, again.body.error]).toEqual([401, 'bad-second-factor']);
  });

  it('a local account of the same login as a directory entry stays local', async () => {
    await addReadyUser(database, hub.url, token, 'admin', ['admin']);
    expect((await login({ login: 'admin', password: 'the directory admin' })).status).toBe(401);
  });

  it('with the directory down the hub says so, and a workstation signs in whoever signed in there before', async () => {
    const dir = await tempDir('directory-cache');
    try {
      const credentials = new HubCredentials(
        new HubLink({ url: hub.url, token, appVersion: APP_VERSION }),
        new CredentialCache(dir.path, 7),
      );
      const online = await credentials.signIn({ login: 'olga', password: PASSWORDS.olga }, Date.now());
      expect(online.user).toMatchObject({ login: 'olga', offline: false });

      slapd.freeze();
      const started = Date.now();
      const down = await login({ login: 'olga', password: PASSWORDS.olga });
      expect([down.status, down.body.error]).toEqual([503, 'directory-unavailable']);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(hub.output()).toContain('the office directory cannot be reached');
      expect(hub.output()).not.toContain(PASSWORDS.olga);

      const offline = await credentials.signIn({ login: 'olga', password: PASSWORDS.olga }, Date.now());
      expect(offline.user).toMatchObject({ login: 'olga', offline: true });
      await expect(
        credentials.signIn({ login: 'olga', password: 'not her password' }, Date.now()),
      ).rejects.toMatchObject({ code: 'BAD_CREDENTIALS' });
      const never = await credentials
        .signIn({ login: 'rafal', password: PASSWORDS.rafal }, Date.now())
        .catch((error: unknown) => error);
      expect(never).toBeInstanceOf(ContractFailure);
      expect((never as ContractFailure).code).toBe('DIRECTORY_UNAVAILABLE');
      // A local account does not need the directory.
      const local = await login({ login: 'admin', password: TEST_PASSWORD });
      expect(local.body.error).toBe('second-factor-required');
    } finally {
      slapd.thaw();
      await dir.remove();
    }
  });
});
