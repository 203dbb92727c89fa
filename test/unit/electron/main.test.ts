/**
 * The Electron binary cannot be installed here, so the real bundled main process runs in plain
 * Node against a fake `electron` module (test/support/electron/fake-electron.ts) with the real station bundle in
 * a child process. It proves the wiring of main.ts — identity before ready, the app:// handler,
 * the guards, IPC to the station and back, restart after a crash, windows per display, a clean
 * quit — not Electron's own behaviour.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/repo-root';
import { CHANNEL_NAMES, IPC_PREFIX } from '../../../electron/common/contract/contract';
import { CONTENT_SECURITY_POLICY } from '../../../electron/shell/content-security-policy';

const projectRoot = repoRoot;
const run = promisify(execFile);

interface Report {
  name: string;
  userData: string;
  schemes: { scheme: string; privileges: Record<string, boolean> }[];
  switches: string[];
  sandboxEnabled: boolean;
  ipcChannels: string[];
  ipcChannelsAfterQuit: number;
  windows: {
    url: string;
    options: { kiosk: boolean; fullscreen: boolean; x: number; webPreferences: Record<string, unknown> };
  }[];
  info: unknown;
  foreign: unknown;
  page: { status: number; csp: string; body: string };
  escape: { status: number };
  navigation: { awayPrevented: boolean; insidePrevented: boolean; webviewPrevented: boolean };
  windowOpen: unknown;
  permission: boolean;
  permissionCheck: boolean;
  duringRestart: unknown;
  afterRestart: unknown;
  openAfterUnplug: number;
  stationExit: { code: number | null; signal: string | null };
  exitCode: number | null;
}

describe('the bundled main process, on a fake Electron', () => {
  let base: string;
  const harness = async (displays: number, args: string[]): Promise<Report> => {
    const { stdout } = await run(
      'npx',
      [
        'tsx',
        path.join(repoRoot, 'test/support/electron/main-harness.ts'),
        path.join(base, 'electron'),
        path.join(base, 'appData'),
        String(displays),
        '--',
        ...args,
      ],
      // The bundles sit in a temporary folder; their externals (serialport) come from our node_modules.
      { cwd: projectRoot, timeout: 45_000, env: { ...process.env, NODE_PATH: path.join(projectRoot, 'node_modules') } },
    );
    const line = stdout.split('\n').find((text) => text.startsWith('REPORT '));
    if (!line) throw new Error(`no report in:\n${stdout}`);
    return JSON.parse(line.slice('REPORT '.length)) as Report;
  };

  beforeAll(async () => {
    base = await mkdtemp(path.join(tmpdir(), 'okienko-main-'));
    await run('npx', ['tsx', 'build/scripts/build-electron.ts', '--outdir', path.join(base, 'electron')], {
      cwd: projectRoot,
    });
    await mkdir(path.join(base, 'renderer'));
    await writeFile(path.join(base, 'renderer', 'index.html'), '<!doctype html><title>Okienko screens</title>');
    await mkdir(path.join(base, 'data'));
    await writeFile(
      path.join(base, 'data', 'settings.json'),
      JSON.stringify({ stationId: 'ws-counter-4', role: 'counter', counter: 4 }),
    );
  }, 60_000);
  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('a counter with two displays: identity, scheme, guards, IPC, crash recovery, windows, quit', async () => {
    const report = await harness(2, ['--data', path.join(base, 'data'), '--enable-logging']);

    expect(report.name).toBe('Okienko');
    expect(report.userData).toBe(path.join(base, 'data', 'electron'));
    expect(report.sandboxEnabled).toBe(true);
    expect(report.schemes).toEqual([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
    if (process.platform === 'linux') expect(report.switches).toContain('enable-speech-dispatcher');
    expect(report.ipcChannels.sort()).toEqual(CHANNEL_NAMES.map((name) => IPC_PREFIX + name).sort());

    expect(report.windows.map((window) => window.url)).toEqual([
      'app://okienko/index.html#/counter/4',
      'app://okienko/index.html#/customer/4',
    ]);
    expect(report.windows[0]!.options).toMatchObject({
      kiosk: false,
      fullscreen: false,
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false },
    });
    expect(report.windows[1]!.options).toMatchObject({ fullscreen: true, x: 1920 });
    expect(String(report.windows[0]!.options.webPreferences.preload)).toBe(path.join(base, 'electron', 'preload.cjs'));

    expect(report.info).toMatchObject({ ok: true, value: { host: 'electron', stationId: 'ws-counter-4' } });
    expect(report.foreign).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    expect(report.page).toEqual({
      status: 200,
      csp: CONTENT_SECURITY_POLICY,
      body: '<!doctype html><title>Okienko screens</title>',
    });
    expect(report.escape.status).toBe(403);

    expect(report.navigation).toEqual({ awayPrevented: true, insidePrevented: false, webviewPrevented: true });
    expect(report.windowOpen).toEqual({ action: 'deny' });
    expect(report.permission).toBe(false);
    expect(report.permissionCheck).toBe(false);

    expect(report.duringRestart).toMatchObject({ ok: false, error: { code: 'DISCONNECTED' } });
    expect(report.afterRestart).toMatchObject({ ok: true, value: { stationId: 'ws-counter-4' } });

    expect(report.openAfterUnplug).toBe(1);
    expect(report.stationExit).toEqual({ code: 0, signal: null });
    expect(report.ipcChannelsAfterQuit).toBe(0);
    expect(report.exitCode).toBeNull();
  }, 60_000);

  it('without --data keeps everything in <appData>/Okienko', async () => {
    const report = await harness(1, []);
    expect(report.userData).toBe(path.join(base, 'appData', 'Okienko'));
    expect(existsSync(path.join(base, 'appData', 'Okienko', 'station', 'settings.json'))).toBe(true);
    expect(report.windows.map((window) => window.url)).toEqual(['app://okienko/index.html#/counter/1']);
    expect(report.stationExit).toEqual({ code: 0, signal: null });
  }, 60_000);
});
