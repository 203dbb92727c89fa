/**
 * `npm start [-- options]`: open the workstation in Electron, or — where the Electron runtime is
 * missing or there is no display — say so in one line and serve the same workstation to the
 * browser instead, exactly as `npm run serve` would. The options are the browser host's
 * (`--data`, `--printer`, …) in both cases.
 *
 * The electron npm package fetches its binary on first use, not at install time. So when it is
 * missing, this script lets the package's own installer try once (unless
 * ELECTRON_SKIP_BINARY_DOWNLOAD=1 says not to); offline that fails within a second.
 *
 * The renderer is rebuilt when a source file is newer than out/renderer/index.html (or when it is
 * missing); the Electron bundles are rebuilt every time (esbuild takes well under a second).
 *
 *   OKIENKO_BROWSER=1         serve to the browser even where Electron could run
 *   OKIENKO_RENDERER_DIR=dir  serve these built screens and do not build the renderer
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main as serveInBrowser } from '../../electron/host/main';
import { buildElectron } from './build-electron';
import { isMainModule } from '../../electron/node/main-module';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type ElectronRuntime =
  | { readonly ok: true; readonly binary: string }
  | {
      readonly ok: false;
      readonly kind: 'missing' | 'no-display' | 'declined';
      readonly reason: string;
      /** The package's installer, when the package is there and only the binary is missing. */
      readonly installScript?: string;
    };
export type MissingRuntime = Extract<ElectronRuntime, { ok: false }>;

export interface RuntimeProbe {
  readonly env: NodeJS.ProcessEnv;
  readonly platform: NodeJS.Platform;
  /** The folder of the `electron` npm package, or null when it is not installed. */
  readonly electronPackageDir: string | null;
  /** `require('electron')`: the binary's path, or a throw when the binary is missing. */
  readonly requireElectron: () => unknown;
}

function defaultProbe(): RuntimeProbe {
  const require = createRequire(import.meta.url);
  let electronPackageDir: string | null = null;
  try {
    electronPackageDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    // Not installed at all.
  }
  return {
    env: process.env,
    platform: process.platform,
    electronPackageDir,
    requireElectron: () => require('electron'),
  };
}

/**
 * Where the Electron binary is, or why it cannot be used. `require('electron')` returns the
 * binary's path and throws "Electron failed to install correctly" without it — but it first tries
 * to download the binary, which here means a long wait on a network that is not there. So the
 * files it would look at (path.txt, dist/) are checked first and `require` runs only when they
 * are in place.
 */
export function findElectronRuntime(probe: RuntimeProbe = defaultProbe()): ElectronRuntime {
  if (probe.env.OKIENKO_BROWSER === '1') return { ok: false, kind: 'declined', reason: 'OKIENKO_BROWSER=1' };
  const dir = probe.electronPackageDir;
  if (!dir) return { ok: false, kind: 'missing', reason: 'the electron package is not in node_modules' };
  const pathFile = path.join(dir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = probe.env.ELECTRON_OVERRIDE_DIST_PATH;
  const expected = override
    ? path.join(override, relative || 'electron')
    : relative
      ? path.join(dir, 'dist', relative)
      : null;
  if (!expected || !existsSync(expected)) {
    const installScript = path.join(dir, 'install.js');
    return {
      ok: false,
      kind: 'missing',
      reason: 'its binary has not been downloaded',
      ...(existsSync(installScript) && !override ? { installScript } : {}),
    };
  }
  let binary: unknown;
  try {
    binary = probe.requireElectron();
  } catch (error) {
    return {
      ok: false,
      kind: 'missing',
      reason: error instanceof Error ? error.message.split('\n')[0]! : String(error),
    };
  }
  if (typeof binary !== 'string' || !existsSync(binary))
    return { ok: false, kind: 'missing', reason: `no file at ${String(binary)}` };
  if (probe.platform === 'linux' && !probe.env.DISPLAY && !probe.env.WAYLAND_DISPLAY) {
    return { ok: false, kind: 'no-display', reason: 'DISPLAY and WAYLAND_DISPLAY are not set' };
  }
  return { ok: true, binary };
}

/** Whether to let the electron package fetch its binary now. */
export function shouldFetch(
  runtime: ElectronRuntime,
  env: NodeJS.ProcessEnv,
): runtime is MissingRuntime & { installScript: string } {
  return (
    !runtime.ok &&
    runtime.kind === 'missing' &&
    Boolean(runtime.installScript) &&
    !/^(1|true)$/i.test(env.ELECTRON_SKIP_BINARY_DOWNLOAD ?? '')
  );
}

/**
 * Runs the electron package's installer once; resolves null on success, else the reason in one
 * line. Says something only if it takes a while — offline it fails at once and the fallback line
 * is all that is printed.
 */
export function fetchElectronBinary(installScript: string, timeoutMs = 10 * 60_000): Promise<string | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [installScript], { stdio: ['ignore', 'ignore', 'pipe'], timeout: timeoutMs });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const notice = setTimeout(
      () => process.stdout.write('Okienko: downloading the Electron runtime (first start)…\n'),
      2_000,
    );
    const done = (reason: string | null) => {
      clearTimeout(notice);
      resolve(reason);
    };
    child.once('error', (error) => done(error.message));
    child.once('exit', (code, signal) => {
      if (code === 0) return done(null);
      const first =
        errors
          .split('\n')
          .find((line) => line.trim())
          ?.trim() ?? (signal ? `stopped by ${signal}` : `exit code ${code}`);
      done(first.slice(0, 160));
    });
  });
}

/** The one line printed before falling back to the browser host. */
export function fallbackLine(runtime: MissingRuntime): string {
  const what =
    runtime.kind === 'missing'
      ? 'the Electron runtime is not installed here'
      : runtime.kind === 'no-display'
        ? 'there is no display for the Electron app here'
        : 'the Electron app is not wanted here';
  return `Okienko: ${what} (${runtime.reason}); serving the same workstation to the browser instead.`;
}

async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const info = await stat(path.join(entry.parentPath, entry.name)).catch(() => null);
    if (info && info.mtimeMs > newest) newest = info.mtimeMs;
  }
  return newest;
}

/** Builds out/renderer when it is missing or older than its sources; returns the folder to serve. */
async function ensureRenderer(): Promise<string> {
  if (process.env.OKIENKO_RENDERER_DIR) return path.resolve(process.env.OKIENKO_RENDERER_DIR);
  const outDir = path.join(projectRoot, 'out/renderer');
  const built = await stat(path.join(outDir, 'index.html')).catch(() => null);
  const sources = Math.max(
    await newestMtime(path.join(projectRoot, 'renderer')),
    await newestMtime(path.join(projectRoot, 'electron/common/contract')),
  );
  if (built && built.mtimeMs >= sources) return outDir;
  process.stdout.write('Okienko: building the screens (out/renderer)…\n');
  const { build } = await import('vite');
  await build({ configFile: path.join(projectRoot, 'renderer/vite.config.ts'), logLevel: 'warn' });
  return outDir;
}

async function runElectron(binary: string, argv: readonly string[]): Promise<number> {
  await ensureRenderer();
  await buildElectron();
  const env = { ...process.env };
  // Set in some shells and CI images; it would turn Electron into a plain Node.
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(binary, [projectRoot, ...argv], { stdio: 'inherit', env });
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

export async function start(argv: readonly string[]): Promise<number> {
  let runtime = findElectronRuntime();
  if (shouldFetch(runtime, process.env)) {
    const failure = await fetchElectronBinary(runtime.installScript);
    runtime =
      failure === null
        ? findElectronRuntime()
        : { ...runtime, reason: `${runtime.reason}, and fetching it failed: ${failure}` };
  } else if (!runtime.ok && runtime.kind === 'missing' && runtime.installScript) {
    runtime = { ...runtime, reason: `${runtime.reason}: ELECTRON_SKIP_BINARY_DOWNLOAD is set` };
  }
  if (runtime.ok) return runElectron(runtime.binary, argv);
  process.stdout.write(fallbackLine(runtime) + '\n');
  const rendererDir = await ensureRenderer();
  process.env.OKIENKO_RENDERER_DIR = rendererDir;
  return serveInBrowser(argv);
}

if (isMainModule(import.meta.url)) {
  start(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`okienko: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
