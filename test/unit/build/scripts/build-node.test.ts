/**
 * Runs the real build of the plain-Node bundles (into a folder under out/, so that the bundles
 * resolve their packages from this checkout's node_modules as out/hub and out/host do) and starts
 * each one. Also checks the split of package.json that production relies on: what the bundles
 * import is a production dependency, and what only they need stays out of the packaged Electron app.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../support/repo-root';
import { buildNode, packageOf, undeclared, type BuiltNodeBundles } from '../../../../build/scripts/build-node';
import { EXTERNAL } from '../../../../build/scripts/build-electron';

const require = createRequire(path.join(repoRoot, 'package.json'));

interface LockEntry {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}
const lock = JSON.parse(await readFile(path.join(repoRoot, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, LockEntry>;
};
const pkg = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** The packages `names` bring into a top-level node_modules, themselves included. */
function installedTree(names: readonly string[]): Set<string> {
  const found = new Set<string>();
  const queue = [...names];
  for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
    const entry = lock.packages[`node_modules/${name}`];
    if (found.has(name) || !entry) continue;
    found.add(name);
    queue.push(...Object.keys({ ...entry.dependencies, ...entry.optionalDependencies }));
  }
  return found;
}

describe('build:node', () => {
  let outDir: string;
  let bundles: BuiltNodeBundles;

  beforeAll(async () => {
    await mkdir(path.join(repoRoot, 'out'), { recursive: true });
    outDir = await mkdtemp(path.join(repoRoot, 'out', '.build-node-test-'));
    bundles = await buildNode({ outDir });
  }, 60_000);
  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  it('writes the hub and the host as ES modules two folders below the output root', async () => {
    expect(path.relative(outDir, bundles.hub)).toBe(path.join('hub', 'main.js'));
    expect(path.relative(outDir, bundles.host)).toBe(path.join('host', 'main.js'));
    for (const file of [bundles.hub, bundles.host]) {
      const code = await readFile(file, 'utf8');
      expect(code).toMatch(/^import .* from "node:path";$/m);
      expect(code).not.toMatch(/\brequire\(/);
      expect(code).toContain('import.meta.url');
    }
  });

  it('imports at run time only production dependencies, PGlite in the hub and serialport in the host', () => {
    const declared = new Set(Object.keys(pkg.dependencies));
    expect(undeclared([...bundles.packages.hub, ...bundles.packages.host], declared)).toEqual([]);
    expect(bundles.packages.hub).toEqual(expect.arrayContaining(['@electric-sql/pglite', 'pg', 'ajv', 'zod']));
    expect(bundles.packages.host).toEqual(expect.arrayContaining(['serialport', 'ws', 'zod']));
    expect(bundles.packages.hub).not.toContain('serialport');
  });

  it('starts each bundle as its own program under plain Node', async () => {
    const run = promisify(execFile);
    const hub = await run(process.execPath, [bundles.hub, '--help'], { cwd: repoRoot });
    expect(hub.stdout).toMatch(/^Usage: .*run the office hub/);
    const host = await run(process.execPath, [bundles.host, '--help'], { cwd: repoRoot });
    expect(host.stdout).toMatch(/^Usage: /);
    expect(host.stdout).toContain('--printer <path>');
  }, 30_000);
});

describe('the package names build:node checks', () => {
  it('names the package of an import, and no package for a Node builtin', () => {
    expect(packageOf('@electric-sql/pglite')).toBe('@electric-sql/pglite');
    expect(packageOf('@electric-sql/pglite/vector')).toBe('@electric-sql/pglite');
    expect(packageOf('pg')).toBe('pg');
    expect(packageOf('zod/v4')).toBe('zod');
    expect(packageOf('node:fs')).toBeNull();
    expect(packageOf('fs/promises')).toBeNull();
  });

  it('lists the imported packages a production install would lack', () => {
    expect(undeclared(['ws', 'vite', 'pg', 'vite'], new Set(['ws', 'pg']))).toEqual(['vite']);
  });
});

describe('package.json for production', () => {
  it('keeps building, testing and the bundled renderer libraries out of the production tree', () => {
    const production = installedTree(Object.keys(pkg.dependencies));
    for (const name of ['tsx', 'vitest', 'vite', 'esbuild', 'typescript', 'electron', 'react', 'rxdb', 'dexie'])
      expect(production).not.toContain(name);
    for (const name of Object.keys(pkg.devDependencies)) expect(pkg.dependencies).not.toHaveProperty(name);
  });

  it('leaves out of the packaged Electron app what only the hub and the host load', async () => {
    // electron-builder's own matcher for node_modules, built from electron-builder.yml.
    const { getNodeModuleFileMatcher } = require('app-builder-lib/out/fileMatcher') as {
      getNodeModuleFileMatcher(...args: unknown[]): {
        createFilter(): (file: string, stat: { moduleFullFilePath: string; isDirectory(): boolean }) => boolean;
      };
    };
    const { load } = require('js-yaml') as { load(text: string): unknown };
    const config = load(await readFile(path.join(repoRoot, 'electron-builder.yml'), 'utf8'));
    const packager = { config, debugLogger: { isEnabled: false } };
    const filter = getNodeModuleFileMatcher(repoRoot, '/app', (text: string) => text, {}, packager).createFilter();
    const packed = (name: string) =>
      filter(path.join(repoRoot, 'node_modules', name, 'package.json'), {
        moduleFullFilePath: `node_modules/${name}/package.json`,
        isDirectory: () => false,
      });

    const unbundled = installedTree(EXTERNAL.filter((name) => !name.includes('*') && name !== 'electron'));
    const onlyNode = [...installedTree(Object.keys(pkg.dependencies))].filter((name) => !unbundled.has(name));
    expect(onlyNode).toEqual(expect.arrayContaining(['@electric-sql/pglite', 'pg', 'ws']));
    expect(onlyNode.filter(packed)).toEqual([]);
    expect([...unbundled].filter((name) => !packed(name))).toEqual([]);
    expect(unbundled).toContain('@serialport/bindings-cpp');
  });
});
