import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** One JSON line from `native/sim.ts --json`. */
export type SimEvent = { readonly event: string } & Record<string, unknown>;

/**
 * `npm run sim` as a child process speaking JSON lines, the way a test meets it: the simulated
 * printer lives in another process and is reachable only through its pseudo-terminal.
 */
export interface SimProcess {
  readonly ready: SimEvent;
  /** Every event so far, in order. */
  readonly events: readonly SimEvent[];
  /** A position in `events`, to wait only for what happens after it. */
  mark(): number;
  send(command: string): void;
  waitFor(predicate: (event: SimEvent) => boolean, from?: number, timeoutMs?: number): Promise<SimEvent>;
  /** Sends a command and waits for the event that acknowledges it. */
  command(command: string, acknowledged: (event: SimEvent) => boolean): Promise<SimEvent>;
  /** Closes stdin (the simulator's clean shutdown) and waits for the process to end. */
  stop(): Promise<void>;
}

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

export async function startSimProcess(args: readonly string[], startTimeoutMs = 15_000): Promise<SimProcess> {
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    ['--import', 'tsx', 'native/sim.ts', '--json', ...args],
    {
      cwd: repositoryRoot,
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );

  const events: SimEvent[] = [];
  const waiters = new Set<() => void>();
  let stderr = '';
  let partial = '';
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      for (const wake of [...waiters]) wake();
      resolve();
    }),
  );

  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => (stderr += text));
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (text: string) => {
    const lines = (partial + text).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (line.trim() === '') continue;
      events.push(JSON.parse(line) as SimEvent);
    }
    for (const wake of [...waiters]) wake();
  });

  const waitFor = (predicate: (event: SimEvent) => boolean, from = 0, timeoutMs = 5000): Promise<SimEvent> =>
    new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = events.slice(from).find(predicate);
        if (found) {
          finish();
          resolve(found);
          return true;
        }
        if (exited) {
          finish();
          reject(new Error(`The simulator exited before the expected event. stderr: ${stderr}`));
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        finish();
        reject(
          new Error(
            `No matching simulator event within ${timeoutMs} ms; events: ${JSON.stringify(events.slice(from))}; stderr: ${stderr}`,
          ),
        );
      }, timeoutMs);
      const finish = (): void => {
        clearTimeout(timer);
        waiters.delete(wake);
      };
      const wake = (): void => void check();
      if (!check()) waiters.add(wake);
    });

  const stop = async (): Promise<void> => {
    if (exited) return;
    child.stdin.end();
    const timeout = setTimeout(() => child.kill('SIGTERM'), 5000);
    await exit;
    clearTimeout(timeout);
  };

  let ready: SimEvent;
  try {
    ready = await waitFor((event) => event.event === 'ready', 0, startTimeoutMs);
  } catch (error) {
    child.kill('SIGTERM');
    await exit;
    throw error;
  }

  const send = (command: string): void => {
    child.stdin.write(`${command}\n`);
  };

  return {
    ready,
    events,
    mark: () => events.length,
    send,
    waitFor,
    async command(command, acknowledged) {
      const from = events.length;
      send(command);
      return waitFor(acknowledged, from);
    },
    stop,
  };
}
