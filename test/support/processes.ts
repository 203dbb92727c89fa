/**
 * Real processes for integration and e2e tests: the device simulator on socat pseudo-terminals,
 * the browser host, and Debian's Chromium driven by playwright-core. Nothing here is a mock.
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

export type SimEvent = { event: string } & Record<string, unknown>;

export interface Simulator {
  readonly printerPath: string;
  readonly events: SimEvent[];
  /** Resolves with the first event (already seen or still to come) that matches. */
  waitFor(predicate: (event: SimEvent) => boolean, timeoutMs?: number): Promise<SimEvent>;
  command(line: string): void;
  stop(): Promise<void>;
}

/** `npm run sim -- --json` in its own process; the test meets the printer only through the tty. */
export async function startSimulator(dir: string, args: readonly string[] = []): Promise<Simulator> {
  await mkdir(dir, { recursive: true });
  const child = spawnTs('native/sim.ts', ['--json', '--dir', dir, ...args]);
  const events: SimEvent[] = [];
  const waiters = new Set<{ predicate: (event: SimEvent) => boolean; resolve: (event: SimEvent) => void }>();
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    let event: SimEvent;
    try {
      event = JSON.parse(line) as SimEvent;
    } catch {
      return;
    }
    events.push(event);
    for (const waiter of waiters) {
      if (waiter.predicate(event)) {
        waiters.delete(waiter);
        waiter.resolve(event);
      }
    }
  });
  const waitFor = (predicate: (event: SimEvent) => boolean, timeoutMs = 10_000) => {
    const seen = events.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise<SimEvent>((resolve, reject) => {
      const waiter = { predicate, resolve: (event: SimEvent) => (clearTimeout(timer), resolve(event)) };
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(new Error(`simulator: no matching event in ${timeoutMs} ms; saw ${JSON.stringify(events.map((e) => e.event))}; stderr: ${stderr}`));
      }, timeoutMs);
      waiters.add(waiter);
    });
  };
  const ready = await Promise.race([
    waitFor((event) => event.event === 'ready', 15_000),
    new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`simulator exited with ${code}: ${stderr}`)))),
  ]);
  return {
    printerPath: String(ready.printer),
    events,
    waitFor,
    command: (line) => child.stdin?.write(`${line}\n`),
    stop: () => stop(child),
  };
}

export interface Host {
  readonly url: string;
  readonly output: () => string;
  stop(): Promise<void>;
}

/** `npm run serve` in its own process, on a free port, with its own data folder. */
export async function startHost(options: { dataDir: string; printerPath?: string; args?: readonly string[]; env?: NodeJS.ProcessEnv }): Promise<Host> {
  const args = ['--port', '0', '--data', options.dataDir, ...(options.printerPath ? ['--printer', options.printerPath] : []), ...(options.args ?? [])];
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
