/**
 * `npm run build:node`: bundles the two plain-Node programs with esbuild, so that an office server
 * runs them with `node` and nothing but the production dependencies (`npm ci --omit=dev`):
 *
 *   electron/hub/main.ts    → out/hub/main.js    the office hub (`npm run hub` in development)
 *   electron/host/main.ts   → out/host/main.js   the browser host (`npm run serve` in development)
 *
 * ES modules, as package.json says "type": "module". npm packages are not bundled: they load from
 * node_modules at run time, where PGlite finds its wasm files next to its own code and serialport
 * its native binding. Each bundle sits two folders below the project root, as its source does, so
 * main.ts finds out/renderer the same way. The build fails when a bundle imports a package that is
 * not a production dependency in package.json, since `npm ci --omit=dev` would not install it.
 *
 *   tsx build/scripts/build-node.ts [--outdir <dir>]
 */
import { readFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build, type Metafile } from 'esbuild';
import { isMainModule } from '../../electron/node/main-module';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The oldest Node that package.json's `engines` accepts. */
const NODE_TARGET = 'node20.19';

/** Output name (without .js) → source. */
export const NODE_ENTRIES = {
  'hub/main': 'electron/hub/main.ts',
  'host/main': 'electron/host/main.ts',
} as const;

export interface BuiltNodeBundles {
  readonly hub: string;
  readonly host: string;
  /** Per bundle, the npm packages it imports at run time. */
  readonly packages: { readonly hub: readonly string[]; readonly host: readonly string[] };
}

const builtins = new Set(builtinModules);

/** The npm package an import names (`@scope/name/sub` → `@scope/name`), or null for a Node builtin. */
export function packageOf(specifier: string): string | null {
  if (specifier.startsWith('node:') || builtins.has(specifier) || builtins.has(specifier.split('/')[0]!)) return null;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** The npm packages one output file of a build imports, sorted. */
export function importedPackages(metafile: Metafile, outputFile: string): string[] {
  const output = Object.entries(metafile.outputs).find(([file]) => path.resolve(projectRoot, file) === outputFile);
  if (!output) throw new Error(`esbuild reported no output ${outputFile}`);
  const names = output[1].imports
    .filter((entry) => entry.external)
    .map((entry) => packageOf(entry.path))
    .filter((name): name is string => name !== null);
  return [...new Set(names)].sort();
}

/** The packages `npm ci --omit=dev` would not install, sorted. */
export function undeclared(imported: readonly string[], dependencies: ReadonlySet<string>): string[] {
  return [...new Set(imported)].filter((name) => !dependencies.has(name)).sort();
}

async function productionDependencies(): Promise<Set<string>> {
  const pkg = JSON.parse(await readFile(path.join(projectRoot, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  return new Set(Object.keys(pkg.dependencies ?? {}));
}

export async function buildNode(options: { readonly outDir?: string } = {}): Promise<BuiltNodeBundles> {
  const outDir = path.resolve(options.outDir ?? path.join(projectRoot, 'out'));
  const result = await build({
    absWorkingDir: projectRoot,
    entryPoints: NODE_ENTRIES,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: NODE_TARGET,
    packages: 'external',
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
    outdir: outDir,
  });
  const hub = path.join(outDir, 'hub/main.js');
  const host = path.join(outDir, 'host/main.js');
  const packages = { hub: importedPackages(result.metafile, hub), host: importedPackages(result.metafile, host) };
  const missing = undeclared([...packages.hub, ...packages.host], await productionDependencies());
  if (missing.length)
    throw new Error(`imported at run time but not in package.json "dependencies": ${missing.join(', ')}`);
  return { hub, host, packages };
}

async function main(argv: readonly string[]): Promise<void> {
  const { values } = parseArgs({ args: [...argv], options: { outdir: { type: 'string' } }, strict: true });
  const started = performance.now();
  const bundles = await buildNode({ outDir: values.outdir });
  const shown = [bundles.hub, bundles.host].map((file) => path.relative(process.cwd(), file));
  process.stdout.write(`built ${shown.join(', ')} in ${Math.round(performance.now() - started)} ms\n`);
}

if (isMainModule(import.meta.url)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`build-node: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
