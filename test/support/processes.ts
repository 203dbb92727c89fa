/**
 * Real processes for integration and e2e tests: the browser host and Debian's Chromium driven by
 * playwright-core (the device simulator is in sim-process.ts). Nothing here is a mock.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Browser } from 'playwright-core';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');
export const ARTIFACTS = path.join(PROJECT_ROOT, 'test-artifacts');

export async function tempDir(prefix: string): Promise<{ path: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), `okienko-${prefix}-`));
  return { path: dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Runs a TypeScript entry point with tsx, as `npm run …` would, without npm's start-up cost. */
export function spawnTs(entry: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, entry), ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

export interface Host {
  readonly url: string;
  readonly output: () => string;
  stop(): Promise<void>;
}

/** `npm run serve` in its own process, on a free port, with its own data folder. */
export async function startHost(options: {
  dataDir: string;
  printerPath?: string;
  args?: readonly string[];
  env?: NodeJS.ProcessEnv;
  /** `--demo` (the demo office on a fresh database), as every test but one that sets the office up itself. */
  demo?: boolean;
}): Promise<Host> {
  const args = [
    '--port',
    '0',
    '--data',
    options.dataDir,
    ...(options.demo === false ? [] : ['--demo']),
    ...(options.printerPath ? ['--printer', options.printerPath] : []),
    ...(options.args ?? []),
  ];
  const child = spawnTs('electron/host/main.ts', args, options.env);
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start: ${output}`)), 20_000);
    child.once('exit', (code) => reject(new Error(`host exited with ${code}: ${output}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output += `${line}\n`;
      const match = /serving this workstation at (\S+)/.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
  return { url, output: () => output, stop: () => stop(child) };
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export async function artifactsDir(kind: string): Promise<string> {
  const dir = path.join(ARTIFACTS, kind);
  await mkdir(dir, { recursive: true });
  return dir;
}
