/**
 * electron-builder.yml is checked here because the packaging itself cannot run on this machine
 * (no Electron binary to package): it must parse, match electron-builder's own JSON schema (an
 * unknown or misspelt key fails), name the targets we ship, and agree with main.ts on the app's
 * identity — the name decides the userData folder where the local database lives.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/repo-root';
import { APP_ID, APP_NAME } from '../../electron/shell/identity';
import { EXTERNAL } from '../../build/scripts/build-electron';

const projectRoot = repoRoot;
const require = createRequire(path.join(projectRoot, 'package.json'));

// js-yaml and app-builder-lib come with electron-builder (a devDependency); js-yaml has no types.
const { load } = require('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration(config: unknown, debugLogger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;

type Config = Record<string, unknown> & {
  appId: string;
  productName: string;
  directories: { output: string; buildResources: string };
  files: string[];
  asarUnpack: string[];
  extraMetadata: { main: string; productName: string };
  electronFuses: Record<string, boolean>;
  win: { icon: string; target: { target: string }[] };
  nsis: Record<string, unknown>;
  linux: { icon: string; maintainer: string; target: { target: string }[] };
  deb: { depends: string[] };
};

const config = load(readFileSync(path.join(projectRoot, 'electron-builder.yml'), 'utf8')) as Config;
const pkg = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
  main: string;
  productName: string;
  dependencies: Record<string, string>;
};

// Stricter than electron-builder itself: no type coercion, so `oneClick: "false"` fails too.
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
function schemaErrors(candidate: unknown): string[] {
  if (validate(candidate)) return [];
  return (validate.errors ?? []).map(
    (error: ErrorObject) => `${error.instancePath || '(root)'} ${error.message ?? ''} ${JSON.stringify(error.params)}`,
  );
}

const SHIPPED_TARGETS = { win: ['nsis'], linux: ['deb', 'AppImage'] } as const;
function missingTargets(candidate: Config): string[] {
  const missing: string[] = [];
  for (const [platform, wanted] of Object.entries(SHIPPED_TARGETS)) {
    const targets = ((candidate[platform] as { target?: { target: string }[] } | undefined)?.target ?? []).map(
      (entry) => entry.target,
    );
    for (const target of wanted) if (!targets.includes(target)) missing.push(`${platform}.${target}`);
  }
  return missing;
}

describe('electron-builder.yml', () => {
  it("matches electron-builder's JSON schema", () => {
    expect(schemaErrors(config)).toEqual([]);
  });

  it("passes electron-builder's own validation", async () => {
    await expect(validateConfiguration(structuredClone(config), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('the schema check catches an unknown or misspelt key, and a wrong type', () => {
    expect(schemaErrors({ ...config, publsh: null })).not.toEqual([]);
    expect(schemaErrors({ ...config, nsis: { ...config.nsis, perMachin: true } })).not.toEqual([]);
    expect(schemaErrors({ ...config, nsis: { ...config.nsis, oneClick: 'false' } })).not.toEqual([]);
    expect(schemaErrors({ ...config, electronFuses: { ...config.electronFuses, runAsNod: false } })).not.toEqual([]);
  });

  it('builds the Windows installer, the deb and the AppImage', () => {
    expect(missingTargets(config)).toEqual([]);
    const withoutAppImage = {
      ...config,
      linux: { ...config.linux, target: config.linux.target.filter((entry) => entry.target !== 'AppImage') },
    };
    expect(missingTargets(withoutAppImage)).toEqual(['linux.AppImage']);
  });

  it('names the app as main.ts does, so the userData folder (IndexedDB) stays put', () => {
    expect(config.appId).toBe(APP_ID);
    expect(config.productName).toBe(APP_NAME);
    expect(config.extraMetadata.productName).toBe(APP_NAME);
    expect(pkg.productName).toBe(APP_NAME);
    expect(config.extraMetadata.main).toBe(pkg.main);
    expect(config.nsis.deleteAppDataOnUninstall).toBe(false);
  });

  it('packs the bundles and the screens, and unpacks the serial port binding', () => {
    expect(config.directories).toMatchObject({ output: 'dist', buildResources: 'build' });
    expect(config.files).toEqual(expect.arrayContaining(['out/electron/**/*', 'out/renderer/**/*', 'package.json']));
    expect(config.asarUnpack.some((pattern) => pattern.startsWith('node_modules/@serialport/bindings-cpp'))).toBe(true);
    // What the bundles leave external must be a production dependency, or the packaged app cannot load it.
    for (const name of EXTERNAL.filter((name) => !name.includes('*') && name !== 'electron'))
      expect(pkg.dependencies).toHaveProperty(name);
  });

  it('flips the fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('offers an assisted, bilingual Windows installer', () => {
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowToChangeInstallationDirectory: true,
      createDesktopShortcut: true,
    });
    expect(config.nsis.installerLanguages).toEqual(expect.arrayContaining(['pl_PL', 'en_US']));
    expect(config.linux.maintainer).toMatch(/<[^@\s]+@[^>\s]+>/);
  });

  it('has the icons it names: a 512 px PNG and an .ico with a 256 px image', () => {
    const png = readFileSync(path.join(projectRoot, config.linux.icon));
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);

    const ico = readFileSync(path.join(projectRoot, config.win.icon));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const sizes = Array.from({ length: ico.readUInt16LE(4) }, (_, index) => ico[6 + 16 * index] || 256);
    expect(sizes).toContain(256);
    expect(sizes).toContain(16);
    for (let index = 0; index < sizes.length; index++) {
      const offset = ico.readUInt32LE(6 + 16 * index + 12);
      expect(ico.subarray(offset + 1, offset + 4).toString('ascii')).toBe('PNG');
    }
  });
});
