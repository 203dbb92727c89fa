/**
 * `npm run build:electron`: bundles the Node side of the Electron app with esbuild into
 * out/electron/ — no Electron binary needed.
 *
 *   electron/main.ts                      → main.cjs      the main process
 *   electron/preload.ts                   → preload.cjs   sandboxed: only `electron` may stay a require
 *   electron/station/station.utility.ts   → station.cjs   the station's utility process
 *
 * CommonJS because package.json says "type": "module" and Electron's sandboxed preload cannot load
 * ES modules. Native modules stay external (serialport loads its prebuilt binding at run time, from
 * app.asar.unpacked in the packaged app) and so does `electron`, which the runtime provides.
 *
 *   tsx build/scripts/build-electron.ts [--outdir <dir>] [--minify]
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build, type BuildOptions } from 'esbuild';
import { isMainModule } from '../../electron/node/main-module';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Runtime-provided or native: never bundled. */
export const EXTERNAL = ['electron', 'serialport', '@serialport/*', '@node-rs/argon2', '*.node'];

/** Electron 45 runs Node 22 and Chromium 140. */
const NODE_TARGET = 'node22';
const CHROME_TARGET = 'chrome140';

export interface BuildElectronOptions {
  readonly outDir?: string;
  readonly minify?: boolean;
}

export interface BuiltBundles {
  readonly main: string;
  readonly preload: string;
  readonly station: string;
}

/** Module names a CommonJS bundle still `require`s at run time. */
export function requiredModules(code: string): string[] {
  return [
    ...new Set([...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((match) => match[1] as string)),
  ].sort();
}

export async function buildElectron(options: BuildElectronOptions = {}): Promise<BuiltBundles> {
  const outDir = path.resolve(options.outDir ?? path.join(projectRoot, 'out/electron'));
  const common: BuildOptions = {
    absWorkingDir: projectRoot,
    bundle: true,
    format: 'cjs',
    sourcemap: 'linked',
    minify: options.minify ?? false,
    legalComments: 'none',
    logLevel: 'warning',
    outdir: outDir,
    outExtension: { '.js': '.cjs' },
  };
  await Promise.all([
    build({
      ...common,
      platform: 'node',
      target: NODE_TARGET,
      external: EXTERNAL,
      // ES modules bundled into CommonJS (pdfkit's build, the e-service folders) read their own
      // address from import.meta.url, which CommonJS lacks: give them the bundle's.
      define: { 'import.meta.url': '__okienkoModuleUrl' },
      banner: { js: "const __okienkoModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
      entryPoints: { main: 'electron/main.ts', station: 'electron/station/station.utility.ts' },
    }),
    // The preload is built for the browser platform: an import of a Node module fails the build
    // here instead of failing in the sandbox at run time.
    build({
      ...common,
      platform: 'browser',
      target: CHROME_TARGET,
      external: ['electron'],
      entryPoints: { preload: 'electron/preload.ts' },
    }),
  ]);
  const bundles: BuiltBundles = {
    main: path.join(outDir, 'main.cjs'),
    preload: path.join(outDir, 'preload.cjs'),
    station: path.join(outDir, 'station.cjs'),
  };
  const stray = requiredModules(await readFile(bundles.preload, 'utf8')).filter((name) => name !== 'electron');
  if (stray.length) throw new Error(`The sandboxed preload must require only "electron", not: ${stray.join(', ')}`);
  return bundles;
}

async function main(argv: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...argv],
    options: { outdir: { type: 'string' }, minify: { type: 'boolean' } },
    strict: true,
  });
  const started = performance.now();
  const bundles = await buildElectron({ outDir: values.outdir, minify: values.minify });
  const shown = Object.values(bundles).map((file) => path.relative(process.cwd(), file));
  process.stdout.write(`built ${shown.join(', ')} in ${Math.round(performance.now() - started)} ms\n`);
}

if (isMainModule(import.meta.url)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`build-electron: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
