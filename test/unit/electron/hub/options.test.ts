import path from 'node:path';
import { describe, expect, it } from 'vitest';
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
