/**
 * Runs the real build script the way `npm run build:electron` does (into a temporary folder, so a
 * test run never replaces the bundles someone is using) and inspects what it wrote.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../support/repo-root';
import { requiredModules } from '../../../../build/scripts/build-electron';

const projectRoot = repoRoot;
const nodeBuiltins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);

describe('build:electron', () => {
  let outDir: string;
  let stdout: string;

  beforeAll(async () => {
    outDir = await mkdtemp(path.join(tmpdir(), 'okienko-bundles-'));
    ({ stdout } = await promisify(execFile)('npx', ['tsx', 'build/scripts/build-electron.ts', '--outdir', outDir], {
      cwd: projectRoot,
    }));
  }, 60_000);
  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  const bundle = (name: string) => readFile(path.join(outDir, name), 'utf8');

  it('writes the three CommonJS bundles', async () => {
    expect(stdout).toMatch(/built .*main\.cjs.*preload\.cjs.*station\.cjs/);
    for (const name of ['main.cjs', 'preload.cjs', 'station.cjs']) {
      expect((await stat(path.join(outDir, name))).size).toBeGreaterThan(1000);
      expect(await bundle(name)).not.toMatch(/^\s*(import|export)\s/m);
    }
  });

  it('leaves the sandboxed preload nothing to require but electron', async () => {
    const preload = await bundle('preload.cjs');
    expect(requiredModules(preload)).toEqual(['electron']);
    expect(preload).not.toContain('require("fs")');
    expect(preload).not.toContain('require("node:fs")');
    expect(preload).toContain('exposeInMainWorld("okienko"');
    expect(preload).not.toMatch(/exposeInMainWorld\("ipcRenderer"/);
  });

  it('keeps Electron and the native serial port and Argon2 outside the main and station bundles', async () => {
    const allowed = (name: string) =>
      nodeBuiltins.has(name) ||
      ['electron', 'serialport', '@node-rs/argon2'].includes(name) ||
      name.startsWith('@serialport/');
    const main = requiredModules(await bundle('main.cjs'));
    const station = requiredModules(await bundle('station.cjs'));
    expect(main.filter((name) => !allowed(name))).toEqual([]);
    expect(station.filter((name) => !allowed(name))).toEqual([]);
    expect(main).toContain('electron');
    expect(station).toContain('serialport');
    // The station checks passwords (offline sign-in, a workstation's own accounts) with the native Argon2.
    expect(station).toContain('@node-rs/argon2');
    // The station never needs Electron; the main process never opens a serial port itself.
    expect(station).not.toContain('electron');
    expect(main).not.toContain('serialport');
    expect(main).not.toContain('@node-rs/argon2');
  });

  it('finds every require, however it is quoted', () => {
    expect(requiredModules('require("a"); require(\'b\'); require( "a" ); x.require2("c")')).toEqual(['a', 'b']);
  });
});
