import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  clientVersionProblem,
  compareVersions,
  MIN_CLIENT_VERSION,
  parseVersion,
} from '../../../../electron/hub/client-version';
import { adminSocketPath } from '../../../../electron/hub/data-dir';
import { HubFailure } from '../../../../electron/hub/errors';
import {
  DEFAULT_TOMBSTONE_DAYS,
  HubOptionsError,
  MAX_OFFLINE_DAYS,
  parseHubArgs,
} from '../../../../electron/hub/options';
import { DEFAULT_PULL_LIMIT, parsePullQuery } from '../../../../electron/hub/server';
import { APP_VERSION } from '../../../../electron/station/version';

const v = (text: string) => parseVersion(text)!;

describe('client versions', () => {
  it('order as semantic versions, pre-releases before their release', () => {
    const sorted = [
      '0.0.9',
      '0.1.0-alpha',
      '0.1.0-alpha.2',
      '0.1.0-alpha.10',
      '0.1.0-beta',
      '0.1.0',
      '0.1.1',
      '0.10.0',
      '1.0.0',
    ];
    for (let i = 1; i < sorted.length; i++) expect(compareVersions(v(sorted[i - 1]!), v(sorted[i]!))).toBeLessThan(0);
    expect(compareVersions(v('1.2.3+build.5'), v('1.2.3'))).toBe(0);
    expect(parseVersion('1.2')).toBeNull();
  });

  it('this app is new enough for its own hub', () => {
    expect(clientVersionProblem(APP_VERSION)).toBeNull();
    expect(compareVersions(v(APP_VERSION), v(MIN_CLIENT_VERSION))).toBeGreaterThanOrEqual(0);
  });

  it('an old, missing or garbled version gets a sentence an administrator can act on', () => {
    expect(clientVersionProblem('0.0.9', '0.1.0')).toBe(
      'Okienko 0.0.9 is too old for this hub; install 0.1.0 or newer',
    );
    expect(clientVersionProblem(undefined, '0.1.0')).toMatch(
      /does not say which Okienko.*install Okienko 0.1.0 or newer/,
    );
    expect(clientVersionProblem('banana', '0.1.0')).toMatch(/not an Okienko version/);
    expect(clientVersionProblem('0.2.0', '0.1.0')).toBeNull();
  });
});

describe('pull parameters', () => {
  const parse = (query: string) => parsePullQuery(new URLSearchParams(query));
  const refused = (query: string) => {
    expect(() => parse(query)).toThrow(HubFailure);
    try {
      parse(query);
    } catch (error) {
      expect((error as HubFailure).status).toBe(400);
    }
  };

  it('read a checkpoint and a limit', () => {
    expect(parse('')).toEqual({ checkpoint: null, limit: DEFAULT_PULL_LIMIT });
    expect(parse('stamp=12&id=t-1&limit=50')).toEqual({ checkpoint: { stamp: 12, id: 't-1' }, limit: 50 });
    expect(parse('stamp=0&id=')).toEqual({ checkpoint: { stamp: 0, id: '' }, limit: DEFAULT_PULL_LIMIT });
    expect(parse('limit=100000').limit).toBe(1000);
  });

  it("refuse RxDB's default checkpoint, half a checkpoint, and nonsense", () => {
    for (const query of [
      'id=x&lwt=1700000000000',
      'stamp=5',
      'id=x',
      'stamp=-1&id=x',
      'stamp=1.5&id=x',
      'stamp=x&id=y',
      'limit=0',
      'limit=-3',
      'stamp=1&stamp=2&id=x',
      `stamp=1&id=${'x'.repeat(129)}`,
    ]) {
      refused(query);
    }
  });
});

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
      rendererDir: path.resolve('/repo/out/renderer'),
      warnings: [],
    });
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
    expect(parse(['token', 'create', '--name', 'kiosk-parter', '--data', 'd'])).toEqual({
      command: 'token.create',
      name: 'kiosk-parter',
      dataDir: path.resolve('/cwd/d'),
      databaseUrl: null,
    });
    expect(parse(['token', 'revoke', '--name', 'k'])).toMatchObject({ command: 'token.revoke', name: 'k' });
    expect(parse(['token', 'list', '--json'])).toMatchObject({ command: 'token.list', json: true });
    expect(parse(['--help'])).toEqual({ command: 'help' });
    for (const argv of [
      ['token'],
      ['token', 'create'],
      ['token', 'drop', '--name', 'x'],
      ['token', 'list', '--port', '1'],
      ['tokens', 'list'],
      ['--name', 'x'],
    ]) {
      expect(() => parse(argv)).toThrow(HubOptionsError);
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

describe('the admin socket of an embedded hub', () => {
  it('lives in the data folder, in the temp folder when that path is too long, and is a named pipe on Windows', () => {
    expect(adminSocketPath('/srv/hub', 'linux')).toBe('/srv/hub/hub.sock');
    expect(adminSocketPath(`/srv/${'x'.repeat(120)}`, 'linux')).toMatch(/okienko-hub-[0-9a-f]{16}\.sock$/);
    expect(adminSocketPath('C:\\hub', 'win32')).toMatch(/^\\\\\.\\pipe\\okienko-hub-[0-9a-f]{16}$/);
  });
});
