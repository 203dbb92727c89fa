/**
 * The office's directory against a real OpenLDAP (test/support/slapd.ts): binds over LDAPS and
 * over StartTLS, found by a search as a service account or by a DN template, groups from a group
 * search and from memberOf, wrong and unknown logins told apart by nothing, the empty password that
 * never reaches the server, filter and DN injection, a directory that is down, silent or not
 * trusted, and the directory file's refusals.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BAD_CREDENTIALS_MESSAGE,
  checkDirectory,
  loadDirectoryConfig,
  type DirectoryConfig,
  type DirectoryOutcome,
} from '../../../electron/hub/directory';
import { createOfficeCa } from '../../../electron/node/office-ca';
import { tempDir } from '../../support/processes';
import { freePort, startSlapd, type Slapd } from '../../support/slapd';

const PASSWORDS = {
  anna: 'Anna ma kota 2026!',
  bogdan: 'bogdan-sekret-$&-77',
  celina: 'celina password 3',
  dorota: 'dorota: hasło z ogonkami',
  łucja: 'Łucja-Źdźbło 1',
} as const;

const people = [
  { uid: 'anna', password: PASSWORDS.anna, displayName: 'Anna Żółkiewska' },
  { uid: 'bogdan', password: PASSWORDS.bogdan, displayName: 'Bogdan Nowak' },
  { uid: 'celina', password: PASSWORDS.celina, displayName: 'Celina Gość' },
  { uid: 'dorota', password: PASSWORDS.dorota },
  { uid: 'łucja', password: PASSWORDS.łucja, displayName: 'Łucja Źdźbło' },
];

const groups = [
  { cn: 'urzednicy', members: ['anna', 'bogdan', 'łucja'] },
  { cn: 'kierownicy', members: ['bogdan'] },
  { cn: 'administratorzy', members: ['dorota'] },
  { cn: 'goscie', members: ['celina'] },
];

describe('the office directory (LDAP)', () => {
  let slapd: Slapd;
  let folder: { path: string; remove(): Promise<void> };
  let written = 0;

  beforeAll(async () => {
    folder = await tempDir('directory');
    slapd = await startSlapd({ people, groups });
  }, 30_000);

  afterAll(async () => {
    await slapd?.stop();
    await folder?.remove();
  });

  /** The roles as an administrator would type them: one DN in capitals with spaces after commas. */
  const roles = () => ({
    [slapd.groupDn('urzednicy')]: ['clerk'],
    'CN=Kierownicy, OU=Groups, DC=okienko, DC=test': ['supervisor'],
    [slapd.groupDn('administratorzy')]: ['admin', 'clerk'],
  });

  /** LDAPS, found by a search as the service account, groups by a group search. */
  const searching = (overrides: Record<string, unknown> = {}) => ({
    url: slapd.ldapsUrl,
    ca: slapd.caFile,
    bindDn: slapd.serviceDn,
    bindPassword: slapd.servicePassword,
    userSearch: { base: slapd.peopleBase, filter: '(&(objectClass=inetOrgPerson)(uid={login}))' },
    groupSearch: { base: slapd.groupsBase },
    roles: roles(),
    ...overrides,
  });

  /** ldap:// with StartTLS (the default), the DN from a template, groups from memberOf. */
  const templated = (overrides: Record<string, unknown> = {}) => ({
    url: slapd.ldapUrl,
    ca: slapd.caFile,
    userDn: `uid={login},${slapd.peopleBase}`,
    memberOfAttribute: 'memberOf',
    roles: roles(),
    ...overrides,
  });

  const fileWith = async (content: unknown): Promise<string> => {
    const file = path.join(folder.path, `directory-${++written}.json`);
    await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    return file;
  };
  const load = async (content: unknown): Promise<DirectoryConfig> => loadDirectoryConfig(await fileWith(content));
  const refusal = async (content: unknown): Promise<string> => {
    const file = await fileWith(content);
    const error = await loadDirectoryConfig(file).then(
      () => new Error('accepted'),
      (refused: Error) => refused,
    );
    expect(error.message).not.toBe('accepted');
    expect(error.message.startsWith(`${file}: `)).toBe(true);
    return error.message.slice(file.length + 2);
  };

  /** Waits until slapd has logged a line matching `pattern` after `from` characters of its log. */
  const logged = async (pattern: RegExp, from: number): Promise<string> => {
    const until = Date.now() + 5000;
    while (!pattern.test(slapd.output().slice(from))) {
      if (Date.now() > until) throw new Error(`slapd never logged ${pattern}:\n${slapd.output().slice(from)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return slapd.output().slice(from);
  };

  const badCredentials: DirectoryOutcome = {
    ok: false,
    failure: 'bad-credentials',
    message: BAD_CREDENTIALS_MESSAGE,
  };

  it('binds over LDAPS as the person found by the service account, with the roles of their group', async () => {
    const config = await load(searching());
    expect(config.startTls).toBe(false);
    expect(await checkDirectory(config, 'anna', PASSWORDS.anna)).toEqual({
      ok: true,
      person: { login: 'anna', displayName: 'Anna Żółkiewska', roles: ['clerk'] },
    });
  });

  it('binds over ldap:// only after StartTLS, so the password crosses the wire encrypted', async () => {
    const config = await load(templated());
    expect(config.startTls).toBe(true);
    const mark = slapd.output().length;
    const outcome = await checkDirectory(config, 'anna', PASSWORDS.anna);
    expect(outcome).toMatchObject({ ok: true, person: { login: 'anna', roles: ['clerk'] } });
    const log = await logged(/BIND dn="uid=anna,ou=people,dc=okienko,dc=test" mech=SIMPLE/, mark);
    const conn = /conn=(\d+) op=\d+ BIND dn="uid=anna/.exec(log)?.[1];
    const ofConn = log.split('\n').filter((line) => line.includes(`conn=${conn} `));
    const startTls = ofConn.findIndex((line) => line.includes('STARTTLS'));
    const bind = ofConn.findIndex((line) => line.includes('BIND dn="uid=anna'));
    expect(startTls).toBeGreaterThanOrEqual(0);
    expect(startTls).toBeLessThan(bind);
    expect(ofConn.find((line) => line.includes('mech=SIMPLE'))).toMatch(/ ssf=(128|256)\b/);
  });

  it('a person in two groups gets both roles, from a group search and from memberOf alike', async () => {
    for (const config of [await load(searching()), await load(templated())]) {
      expect(await checkDirectory(config, 'bogdan', PASSWORDS.bogdan)).toEqual({
        ok: true,
        person: { login: 'bogdan', displayName: 'Bogdan Nowak', roles: ['clerk', 'supervisor'] },
      });
    }
  });

  it('falls back to cn for the display name, and gives the directory’s spelling of the login', async () => {
    const config = await load(templated());
    expect(await checkDirectory(config, 'dorota', PASSWORDS.dorota)).toEqual({
      ok: true,
      person: { login: 'dorota', displayName: 'dorota', roles: ['clerk', 'admin'] },
    });
    // The directory's own matching: case and leading or trailing spaces do not count.
    for (const config of [await load(searching()), await load(templated())]) {
      for (const login of ['ANNA', ' Anna ']) {
        expect(await checkDirectory(config, login, PASSWORDS.anna), login).toMatchObject({
          ok: true,
          person: { login: 'anna' },
        });
      }
    }
  });

  it('a login with Polish letters signs in, in a filter and in a DN alike', async () => {
    for (const config of [await load(searching()), await load(templated())]) {
      expect(await checkDirectory(config, 'Łucja', PASSWORDS.łucja)).toEqual({
        ok: true,
        person: { login: 'łucja', displayName: 'Łucja Źdźbło', roles: ['clerk'] },
      });
    }
  });

  it('a wrong password and an unknown login get the same answer, found by search or by template', async () => {
    for (const config of [await load(searching()), await load(templated())]) {
      expect(await checkDirectory(config, 'anna', PASSWORDS.bogdan)).toEqual(badCredentials);
      expect(await checkDirectory(config, 'zenon', PASSWORDS.anna)).toEqual(badCredentials);
      expect(await checkDirectory(config, 'anna', `${PASSWORDS.anna} `)).toEqual(badCredentials);
    }
  });

  it('refuses an empty password before any bind (many servers take it for an unauthenticated bind: yes)', async () => {
    for (const config of [await load(searching()), await load(templated())]) {
      const mark = slapd.output().length;
      expect(await checkDirectory(config, 'anna', '')).toEqual(badCredentials);
      expect(await checkDirectory(config, '', PASSWORDS.anna)).toEqual(badCredentials);
      // A real sign-in after them, to know that slapd has logged everything up to here.
      expect((await checkDirectory(config, 'bogdan', PASSWORDS.bogdan)).ok).toBe(true);
      const log = await logged(/BIND dn="uid=bogdan[^\n]*mech=SIMPLE/, mark);
      expect(log).not.toContain('uid=anna');
      expect(log.match(/ ACCEPT /g)).toHaveLength(1);
    }
  });

  it('a person in no mapped group has no role here', async () => {
    expect(await checkDirectory(await load(searching()), 'celina', PASSWORDS.celina)).toEqual({
      ok: false,
      failure: 'no-role',
      message: 'celina is in no directory group that has a role here',
    });
  });

  it('a login is never a filter: wildcards and parentheses find nobody', async () => {
    const config = await load(searching());
    // Unescaped, `ann*` would find anna alone, and her password would sign her in.
    for (const login of ['*)(uid=*', 'ann*', '*', 'anna)(objectClass=*']) {
      expect(await checkDirectory(config, login, PASSWORDS.anna), login).toEqual(badCredentials);
    }
    const mark = slapd.output().length;
    await checkDirectory(config, 'ann*', PASSWORDS.anna);
    expect(await logged(/SRCH base="ou=people[^\n]*filter=/, mark)).toContain('(uid=ann\\2A)');
  });

  it('a login is never part of a DN: DN syntax in it finds nobody', async () => {
    const config = await load(templated());
    for (const login of ['anna,ou=people', 'anna+cn=x', '#anna', 'anna\\', 'a"b\\c<d>;e=f', 'anna\u0000']) {
      expect(await checkDirectory(config, login, PASSWORDS.anna), login).toEqual(badCredentials);
    }
  });

  it('a directory that does not answer is unreachable at once, without the password', async () => {
    const port = await freePort();
    for (const url of [`ldaps://127.0.0.1:${port}`, `ldap://127.0.0.1:${port}`]) {
      const started = performance.now();
      const outcome = await checkDirectory(await load(searching({ url })), 'anna', PASSWORDS.anna);
      expect(performance.now() - started).toBeLessThan(2000);
      expect(outcome).toMatchObject({ ok: false, failure: 'unreachable' });
      const { message } = outcome as { message: string };
      expect(message).toContain(`the directory at ${url} failed while connecting`);
      expect(message).toContain('ECONNREFUSED');
      expect(message).not.toContain(PASSWORDS.anna);
    }
  });

  it('a directory that hangs is unreachable after timeoutMs, over LDAPS and StartTLS', async () => {
    const configs = [await load(searching({ timeoutMs: 400 })), await load(templated({ timeoutMs: 400 }))];
    slapd.freeze();
    try {
      for (const config of configs) {
        const started = performance.now();
        const outcome = await checkDirectory(config, 'anna', PASSWORDS.anna);
        const took = performance.now() - started;
        expect(took).toBeGreaterThanOrEqual(350);
        expect(took).toBeLessThan(1500);
        expect(outcome).toMatchObject({ ok: false, failure: 'unreachable' });
        expect((outcome as { message: string }).message).toMatch(/failed while (connecting|starting TLS).*400 ms/);
      }
    } finally {
      slapd.thaw();
    }
    expect((await checkDirectory(configs[0]!, 'anna', PASSWORDS.anna)).ok).toBe(true);
  });

  it('a directory stopped is unreachable', async () => {
    const other = await startSlapd({ people: [people[0]!], groups: [groups[0]!] });
    // No service account: the search for the person is anonymous.
    const config = await load(
      searching({ url: other.ldapsUrl, ca: other.caFile, bindDn: undefined, bindPassword: undefined }),
    );
    expect((await checkDirectory(config, 'anna', PASSWORDS.anna)).ok).toBe(true);
    await other.stop();
    expect(await checkDirectory(config, 'anna', PASSWORDS.anna)).toMatchObject({
      ok: false,
      failure: 'unreachable',
      message: expect.stringContaining('ECONNREFUSED') as string,
    });
  });

  it('a certificate from a CA it was not given is refused, naming TLS', async () => {
    const otherCa = path.join(folder.path, 'other-ca.pem');
    await writeFile(otherCa, (await createOfficeCa('Another office')).cert);
    const cases = [
      await load(searching({ ca: undefined })),
      await load(searching({ ca: otherCa })),
      await load(templated({ ca: undefined })),
      await load(templated({ ca: otherCa })),
    ];
    for (const config of cases) {
      const mark = slapd.output().length;
      const outcome = await checkDirectory(config, 'anna', PASSWORDS.anna);
      expect(outcome).toMatchObject({ ok: false, failure: 'unreachable' });
      const { message } = outcome as { message: string };
      expect(message).toMatch(/TLS failed, the directory's certificate is not accepted/);
      expect(message).toMatch(config.startTls ? /while starting TLS \(StartTLS\)/ : /while connecting/);
      expect(message).not.toContain(PASSWORDS.anna);
      // Nothing was sent in the clear: no bind reached the server.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(slapd.output().slice(mark)).not.toContain('BIND');
    }
  });

  it('a wrong service account is the directory’s problem, not the person’s', async () => {
    const config = await load(searching({ bindPassword: 'not the service password' }));
    const outcome = await checkDirectory(config, 'anna', PASSWORDS.anna);
    expect(outcome).toMatchObject({ ok: false, failure: 'unreachable' });
    expect((outcome as { message: string }).message).toContain(
      "failed while binding as the service account: the directory refused the service account's bind",
    );
  });

  it('plain ldap:// without StartTLS works to the loopback only', async () => {
    const config = await load(templated({ startTls: false, ca: undefined }));
    expect(config.startTls).toBe(false);
    expect(await checkDirectory(config, 'anna', PASSWORDS.anna)).toMatchObject({ ok: true });
    expect(await refusal(templated({ url: 'ldap://10.0.0.5:389', startTls: false }))).toBe(
      'url: plain ldap:// to 10.0.0.5 would send passwords unencrypted over the network: use ldaps://, ' +
        'or leave "startTls" true (plain ldap:// only to 127.0.0.1, ::1 or localhost)',
    );
    expect((await load(templated({ url: 'ldap://[::1]:389', startTls: false }))).startTls).toBe(false);
    expect((await load(templated({ url: 'ldap://dc1.urzad.local' }))).startTls).toBe(true);
  });

  it('refuses a directory file that is wrong, naming the file and the field', async () => {
    expect(await refusal(searching({ roles: { 'cn=x': ['boss'] } }))).toBe(
      'roles["cn=x"]: "boss" is not a role (clerk, supervisor, admin)',
    );
    expect(await refusal(searching({ roles: { 'cn=x': [] } }))).toBe(
      'roles["cn=x"]: no role given (clerk, supervisor, admin)',
    );
    expect(await refusal(searching({ roles: {} }))).toBe('roles: map at least one group to its roles');
    expect(await refusal(searching({ url: undefined }))).toBe('url: is missing');
    expect(await refusal(searching({ url: 'https://dc1' }))).toBe(
      'url: must be ldaps://host[:port] or ldap://host[:port]',
    );
    expect(await refusal(searching({ url: 'ldaps://dc1:99999' }))).toBe('url: is not a URL (a port is 1…65535)');
    expect(await refusal(searching({ timeoutMs: '5000' }))).toMatch(/^timeoutMs: .*expected number/);
    expect(await refusal(searching({ userSearch: { base: 'ou=x', filter: '(uid=anna)' } }))).toBe(
      'userSearch.filter: must hold {login}',
    );
    expect(await refusal(searching({ groupSearch: { base: 'ou=x', scope: 'one' } }))).toMatch(
      /^groupSearch: .*"scope"/,
    );
    expect(await refusal(searching({ userDn: 'uid={login},ou=x' }))).toMatch(/^userDn: give either userDn/);
    expect(await refusal(searching({ bindPassword: undefined }))).toBe(
      'bindPassword: bindDn and bindPassword go together',
    );
    expect(await refusal(templated({ memberOfAttribute: undefined }))).toMatch(/^groupSearch: say where/);
    expect(await refusal(searching({ startTls: true }))).toMatch(/^startTls: ldaps:\/\/ is TLS/);
    expect(await refusal(searching({ passwrod: 'x' }))).toMatch(/passwrod/);
    expect(await refusal(searching({ ca: 'missing-ca.pem' }))).toBe(
      `ca: ${path.join(folder.path, 'missing-ca.pem')} cannot be read (ENOENT)`,
    );
    expect(await refusal(searching({ ca: path.basename(await fileWith('not a certificate')) }))).toMatch(
      /^ca: .* holds no PEM certificate$/,
    );
    expect(await refusal('{"url": ')).toMatch(/^is not JSON/);
    const missing = path.join(folder.path, 'nowhere.json');
    await expect(loadDirectoryConfig(missing)).rejects.toThrow(`${missing}: cannot be read (ENOENT)`);
  });

  it('reads a relative ca beside the file, and fills in the defaults', async () => {
    const config = await load(templated({ ca: path.relative(folder.path, slapd.caFile) }));
    expect(config).toMatchObject({
      ca: slapd.caFile,
      caPem: expect.stringContaining('BEGIN CERTIFICATE') as string,
      startTls: true,
      loginAttribute: 'uid',
      displayNameAttribute: 'displayName',
      timeoutMs: 5000,
    });
    const searched = await load(searching());
    expect(searched.groupSearch?.filter).toBe('(&(objectClass=groupOfNames)(member={dn}))');
  });
});
