/**
 * `npm start` where Electron cannot run: one line saying so, then the browser host with its URL.
 * The spawned script gets its own data folder and a tiny built renderer, so the test neither
 * builds the real screens nor touches anyone's data.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../support/repo-root';
import {
  fallbackLine,
  fetchElectronBinary,
  findElectronRuntime,
  shouldFetch,
  type MissingRuntime,
  type RuntimeProbe,
} from '../../../../build/scripts/start';

const projectRoot = repoRoot;
const FALLBACK = /^Okienko: .+ \(.+\); serving the same workstation to the browser instead\.$/;

describe('finding the Electron runtime', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'okienko-electron-pkg-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const probe = (overrides: Partial<RuntimeProbe> = {}): RuntimeProbe => ({
    env: { DISPLAY: ':0' },
    platform: 'linux',
    electronPackageDir: dir,
    requireElectron: () => {
      throw new Error('must not be called without the binary: it would try to download it');
    },
    ...overrides,
  });

  it('reports a package installed without its binary, without asking require(electron) to download it', () => {
    const runtime = findElectronRuntime(probe()) as MissingRuntime;
    expect(runtime).toMatchObject({ ok: false, kind: 'missing' });
    expect(runtime.installScript).toBeUndefined();
    expect(fallbackLine(runtime)).toMatch(FALLBACK);
    expect(fallbackLine(runtime)).toContain('the Electron runtime is not installed here');
    expect(findElectronRuntime(probe({ electronPackageDir: null }))).toMatchObject({ ok: false, kind: 'missing' });
  });

  it("lets the package's own installer fetch the binary, unless ELECTRON_SKIP_BINARY_DOWNLOAD says not to", async () => {
    await writeFile(path.join(dir, 'install.js'), '');
    const runtime = findElectronRuntime(probe());
    expect(runtime).toMatchObject({ ok: false, kind: 'missing', installScript: path.join(dir, 'install.js') });
    expect(shouldFetch(runtime, {})).toBe(true);
    expect(shouldFetch(runtime, { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' })).toBe(false);
    expect(shouldFetch(findElectronRuntime(probe({ env: { OKIENKO_BROWSER: '1' } })), {})).toBe(false);
  });

  it('reports the first line of a failed fetch, and nothing for a good one', async () => {
    const failing = path.join(dir, 'failing.cjs');
    await writeFile(failing, 'console.error("TypeError: fetch failed\\n    at undici"); process.exit(1);');
    const succeeding = path.join(dir, 'succeeding.cjs');
    await writeFile(succeeding, 'process.exit(0);');
    expect(await fetchElectronBinary(failing)).toBe('TypeError: fetch failed');
    expect(await fetchElectronBinary(succeeding)).toBeNull();
  });

  it('uses the binary require(electron) names once it is in place', async () => {
    await writeFile(path.join(dir, 'path.txt'), 'electron');
    await mkdir(path.join(dir, 'dist'));
    const binary = path.join(dir, 'dist', 'electron');
    await writeFile(binary, '');
    expect(findElectronRuntime(probe({ requireElectron: () => binary }))).toEqual({ ok: true, binary });
    expect(
      findElectronRuntime(
        probe({
          requireElectron: () => {
            throw new Error('Electron failed to install correctly, please delete node_modules/electron');
          },
        }),
      ),
    ).toMatchObject({
      ok: false,
      kind: 'missing',
      reason: expect.stringContaining('failed to install'),
    });
    expect(findElectronRuntime(probe({ env: {}, requireElectron: () => binary }))).toMatchObject({
      ok: false,
      kind: 'no-display',
    });
    expect(
      findElectronRuntime(probe({ env: { DISPLAY: ':0', OKIENKO_BROWSER: '1' }, requireElectron: () => binary })),
    ).toMatchObject({ ok: false, kind: 'declined' });
  });
});

describe('npm start without Electron', () => {
  let base: string;
  let child: ChildProcess | null = null;

  beforeEach(async () => {
    base = await mkdtemp(path.join(tmpdir(), 'okienko-start-'));
    await mkdir(path.join(base, 'renderer'));
    await writeFile(path.join(base, 'renderer', 'index.html'), '<!doctype html><title>Okienko test screens</title>');
  });
  afterEach(async () => {
    // npx → tsx → node: the script runs in its own process group, so the whole group goes.
    if (child?.pid && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
    await rm(base, { recursive: true, force: true });
  });

  it('says so in one line and serves the workstation to the browser', async () => {
    // No download attempt from a test: offline it fails fast, but a test must not reach the network.
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      OKIENKO_RENDERER_DIR: path.join(base, 'renderer'),
      ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
    };
    // Where Electron is installed, ask for the fallback; here it is missing anyway.
    if (findElectronRuntime().ok) env.OKIENKO_BROWSER = '1';
    const started = spawn('npx', ['tsx', 'build/scripts/start.ts', '--port', '0', '--data', path.join(base, 'data')], {
      cwd: projectRoot,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = started;
    let output = '';
    let errors = '';
    started.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no URL in 45 s; stdout:\n${output}\nstderr:\n${errors}`)),
        45_000,
      );
      started.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /serving this workstation at (http:\/\/\S+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
      started.once('exit', (code) =>
        reject(new Error(`start.ts exited (${code}); stdout:\n${output}\nstderr:\n${errors}`)),
      );
    });

    const lines = output.split('\n');
    expect(lines.filter((line) => FALLBACK.test(line))).toHaveLength(1);
    expect(lines.findIndex((line) => FALLBACK.test(line))).toBeLessThan(lines.findIndex((line) => line.includes(url)));

    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Okienko test screens');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
  }, 60_000);
});
