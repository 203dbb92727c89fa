import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_KEEP_DAYS } from '../../../../electron/common/eservices/session';
import {
  DEFAULT_TOMBSTONE_DAYS,
  HubOptionsError,
  MAX_OFFLINE_DAYS,
  parseHubArgs,
} from '../../../../electron/hub/options';

describe('hub command line', () => {
  const root = '/repo';
  const parse = (argv: string[], env = {}) => parseHubArgs(argv, env, root, '/cwd');

  it('serves PGlite in ./.okienko/hub on 0.0.0.0:8090 by default', () => {
    expect(parse([])).toEqual({
      command: 'serve',
      port: 8090,
      bind: '0.0.0.0',
      dataDir: path.resolve('/cwd/.okienko/hub'),
      databaseUrl: null,
      tombstoneDays: DEFAULT_TOMBSTONE_DAYS,
      assistedKeepDays: DEFAULT_KEEP_DAYS,
      rendererDir: path.resolve('/repo/out/renderer'),
      warnings: [],
      tls: null,
      directory: null,
      demo: false,
      publicUrl: null,
    });
    expect(parse(['--public-url', 'https://urzad.example.pl/'])).toMatchObject({
      publicUrl: 'https://urzad.example.pl',
    });
    expect(() => parse(['--public-url', 'urzad.example.pl'])).toThrow(/--public-url/);
    expect(() => parse(['--public-url', 'ftp://urzad.example.pl'])).toThrow(/https/);
    expect(parse(['--demo'])).toMatchObject({ command: 'serve', demo: true });
    expect(() => parse(['user', 'list', '--demo'])).toThrow(HubOptionsError);
  });

  it('exports the office to a file or stdout, and imports the file named', () => {
    expect(parse(['office', 'export'])).toMatchObject({ command: 'office.export' });
    expect(parse(['office', 'export', '--out', 'office.json'])).toMatchObject({
      command: 'office.export',
      out: path.resolve('/cwd/office.json'),
    });
    expect(parse(['office', 'import', 'etc/office.json'])).toMatchObject({
      command: 'office.import',
      file: path.resolve('/cwd/etc/office.json'),
    });
    expect(() => parse(['office', 'import'])).toThrow(/needs the file/);
    expect(() => parse(['office', 'import', 'a.json', '--out', 'b.json'])).toThrow(/takes no --out/);
    expect(() => parse(['office', 'export', '--name', 'x'])).toThrow(HubOptionsError);
  });

  it('reads the directory file named, from where the hub was started; only when it serves', () => {
    expect(parse(['--directory', 'etc/directory.json'])).toMatchObject({
      directory: path.resolve('/cwd/etc/directory.json'),
    });
    expect(() => parse(['user', 'list', '--directory', 'd.json'])).toThrow(HubOptionsError);
  });

  it("serves with the certificate given, both files or neither; tls init takes the hub's names", () => {
    expect(parse(['--tls-cert', 'c.pem', '--tls-key', 'k.pem'])).toMatchObject({
      tls: { cert: 'c.pem', key: 'k.pem' },
    });
    expect(() => parse(['--tls-cert', 'c.pem'])).toThrow(HubOptionsError);
    expect(parse(['tls', 'init', '--host', 'hub.urzad.local', '--host', '10.0.0.5', '--data', 'd'])).toEqual({
      command: 'tls.init',
      dataDir: path.resolve('/cwd/d'),
      hosts: ['hub.urzad.local', '10.0.0.5'],
      office: 'Urząd',
    });
    for (const argv of [
      ['tls', 'init'],
      ['tls', 'make', '--host', 'x'],
      ['--host', 'x'],
      ['tls', 'init', '--host', 'x', '--port', '1'],
    ])
      expect(() => parse(argv), argv.join(' ')).toThrow(HubOptionsError);
  });

  it('takes PostgreSQL from --database-url or DATABASE_URL, the renderer from --renderer or OKIENKO_RENDERER_DIR', () => {
    expect(parse(['--database-url', 'postgres://h/db'])).toMatchObject({ databaseUrl: 'postgres://h/db' });
    expect(parse([], { DATABASE_URL: 'postgresql://h/x' })).toMatchObject({ databaseUrl: 'postgresql://h/x' });
    expect(parse(['--database-url', 'postgres://a/b'], { DATABASE_URL: 'postgres://c/d' })).toMatchObject({
      databaseUrl: 'postgres://a/b',
    });
    expect(parse([], { OKIENKO_RENDERER_DIR: '/srv/r' })).toMatchObject({ rendererDir: '/srv/r' });
    expect(parse(['--renderer', 'r'], { OKIENKO_RENDERER_DIR: '/srv/r' })).toMatchObject({
      rendererDir: path.resolve('/cwd/r'),
    });
    expect(() => parse(['--database-url', 'mysql://x'])).toThrow(HubOptionsError);
  });

  it("takes the office's retention of assisted sessions, 1 to 90 days; only when it serves", () => {
    expect(parse(['--assisted-keep-days', '30'])).toMatchObject({ assistedKeepDays: 30 });
    for (const days of ['0', '91', '7.5', 'dwa'])
      expect(() => parse(['--assisted-keep-days', days]), days).toThrow(HubOptionsError);
    expect(() => parse(['token', 'list', '--assisted-keep-days', '30'])).toThrow(HubOptionsError);
  });

  it('warns when tombstones would not outlive the offline limit', () => {
    expect(parse(['--tombstone-days', String(MAX_OFFLINE_DAYS)])).toMatchObject({
      tombstoneDays: MAX_OFFLINE_DAYS,
      warnings: [expect.stringMatching(/offline limit/)],
    });
    expect(parse(['--tombstone-days', String(MAX_OFFLINE_DAYS + 1)])).toMatchObject({ warnings: [] });
    expect(() => parse(['--tombstone-days', '0'])).toThrow(HubOptionsError);
    expect(() => parse(['--port', '70000'])).toThrow(HubOptionsError);
  });

  it('has token subcommands on the same database options', () => {
    expect(parse(['token', 'create', '--name', 'kiosk-parter', '--kind', 'kiosk', '--data', 'd'])).toEqual({
      command: 'token.create',
      name: 'kiosk-parter',
      kind: 'kiosk',
      dataDir: path.resolve('/cwd/d'),
      databaseUrl: null,
    });
    expect(parse(['token', 'kind', '--name', 'old', '--kind', 'board'])).toMatchObject({
      command: 'token.kind',
      name: 'old',
      kind: 'board',
    });
    expect(parse(['token', 'revoke', '--name', 'k'])).toMatchObject({ command: 'token.revoke', name: 'k' });
    expect(parse(['token', 'list', '--json'])).toMatchObject({ command: 'token.list', json: true });
    expect(parse(['--help'])).toEqual({ command: 'help' });
    for (const argv of [
      ['token'],
      ['token', 'create'],
      ['token', 'create', '--name', 'x'],
      ['token', 'create', '--name', 'x', '--kind', 'printer'],
      ['token', 'revoke', '--name', 'x', '--kind', 'kiosk'],
      ['token', 'drop', '--name', 'x'],
      ['token', 'list', '--port', '1'],
      ['tokens', 'list'],
      ['--name', 'x'],
    ]) {
      expect(() => parse(argv)).toThrow(HubOptionsError);
    }
  });

  it('has user subcommands: a login, roles, and nothing a command does not take', () => {
    expect(
      parse(['user', 'add', 'anna', '--role', 'clerk', '--role', 'supervisor', '--display-name', 'Anna N.']),
    ).toEqual({
      command: 'user.add',
      login: 'anna',
      roles: ['clerk', 'supervisor'],
      displayName: 'Anna N.',
      dataDir: path.resolve('/cwd/.okienko/hub'),
      databaseUrl: null,
    });
    expect(parse(['user', 'add', 'jan', '--role', 'clerk', '--service', 'vehicles'])).toMatchObject({
      services: ['vehicles'],
    });
    expect(parse(['user', 'roles', 'anna', '--role', 'admin'])).toMatchObject({
      command: 'user.roles',
      roles: ['admin'],
    });
    for (const action of ['disable', 'enable', 'reset'])
      expect(parse(['user', action, 'anna'])).toMatchObject({ command: `user.${action}`, login: 'anna' });
    expect(parse(['user', 'list', '--json'])).toMatchObject({ command: 'user.list', json: true });
    for (const argv of [
      ['user', 'add', 'anna'],
      ['user', 'add', 'anna', '--role', 'boss'],
      ['user', 'add', '--role', 'clerk'],
      ['user', 'add', 'a', 'b', '--role', 'clerk'],
      ['user', 'reset', 'anna', '--role', 'clerk'],
      ['user', 'disable', 'anna', '--port', '1'],
      ['user', 'remove', 'anna'],
      ['--role', 'clerk'],
    ]) {
      expect(() => parse(argv), argv.join(' ')).toThrow(HubOptionsError);
    }
  });

  it('has after-restore on the same database options, and nothing else with it', () => {
    expect(parse(['after-restore', '--database-url', 'postgres://h/db'])).toEqual({
      command: 'after-restore',
      dataDir: path.resolve('/cwd/.okienko/hub'),
      databaseUrl: 'postgres://h/db',
    });
    for (const argv of [
      ['after-restore', 'now'],
      ['after-restore', '--port', '1'],
      ['after-restore', '--name', 'x'],
    ]) {
      expect(() => parse(argv)).toThrow(HubOptionsError);
    }
  });
});
