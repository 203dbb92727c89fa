/**
 * The main process's side of the station utility process: a table of pending calls, each with a
 * timeout, and a supervisor that restarts the process with back-off when it dies. Every call ends
 * in a Result — a reply, TIMEOUT, or DISCONNECTED — and never hangs or throws, so a crashed driver
 * costs the clerk one failed action, not the window.
 *
 * The child process comes from `spawn()`; main.ts wraps `utilityProcess.fork`, the tests pass a
 * fake (or the real `serveStation` over an in-memory port).
 */
import { WINDOW_KINDS, type WindowKind } from '../common/access/subjects';
import { z } from 'zod';
import { isErrorCode, fail, type Result } from '../common/contract/result';
import type { ToStationMessage } from '../station/station.utility';
import { describeError, type Logger } from '../station/log';

/** What the connection needs of a child process (Electron's `UtilityProcess`, adapted in main.ts). */
export interface StationChild {
  postMessage(message: ToStationMessage): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number) => void): void;
  kill(): void;
}

export interface StationConnectionOptions {
  readonly spawn: () => StationChild;
  /** A station event, and the kinds of window that may hear it. */
  readonly onEvent: (event: string, payload: unknown, windows: readonly WindowKind[]) => void;
  readonly log: Logger;
  /** A call with no reply after this long resolves with TIMEOUT. Printing waits for the printer. */
  readonly timeoutMs?: number;
  /** Delays before the 1st, 2nd, … restart; the last one repeats. */
  readonly restartDelaysMs?: readonly number[];
  /** A child that ran at least this long before dying starts the back-off from the beginning. */
  readonly stableAfterMs?: number;
  readonly now?: () => number;
}

export const DEFAULT_CALL_TIMEOUT_MS = 15_000;
export const DEFAULT_RESTART_DELAYS_MS: readonly number[] = [250, 1_000, 3_000, 10_000, 30_000];

const ReplySchema = z.object({
  id: z.number().int(),
  result: z.union([
    z.object({ ok: z.literal(true), value: z.unknown() }),
    z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
  ]),
});
const EventSchema = z.object({ event: z.string(), payload: z.unknown(), windows: z.array(z.enum(WINDOW_KINDS)) });

interface Pending {
  readonly channel: string;
  readonly resolve: (result: Result<unknown>) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

export class StationConnection {
  private readonly timeoutMs: number;
  private readonly restartDelaysMs: readonly number[];
  private readonly stableAfterMs: number;
  private readonly now: () => number;
  private readonly pending = new Map<number, Pending>();
  private readonly inFlight = new Set<Promise<Result<unknown>>>();
  private readonly exitWaiters = new Set<() => void>();
  private child: StationChild | null = null;
  private startedAt = 0;
  private restarts = 0;
  private restartTimer: ReturnType<typeof setTimeout> | null = null;
  private nextId = 1;
  private closing: Promise<void> | null = null;

  constructor(private readonly options: StationConnectionOptions) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    this.restartDelaysMs = options.restartDelaysMs?.length ? options.restartDelaysMs : DEFAULT_RESTART_DELAYS_MS;
    this.stableAfterMs = options.stableAfterMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  /** True while a child process is running (it may still be opening its devices). */
  get connected(): boolean {
    return this.child !== null;
  }

  get pendingCalls(): number {
    return this.pending.size;
  }

  start(): void {
    if (this.child || this.closing) return;
    let child: StationChild;
    try {
      child = this.options.spawn();
    } catch (error) {
      this.options.log.error('station process did not start', { error: describeError(error) });
      this.scheduleRestart();
      return;
    }
    this.child = child;
    this.startedAt = this.now();
    child.onMessage((message) => {
      if (this.child === child) this.receive(message);
    });
    child.onExit((code) => {
      if (this.child === child) this.childExited(code);
    });
  }

  call(window: WindowKind, channel: string, payload: unknown): Promise<Result<unknown>> {
    if (this.closing) return Promise.resolve(fail('DISCONNECTED', 'The workstation is shutting down'));
    const child = this.child;
    if (!child) return Promise.resolve(fail('DISCONNECTED', 'The station is restarting; try again in a moment'));
    const id = this.nextId++;
    const promise = new Promise<Result<unknown>>((resolve) => {
      const timer = setTimeout(() => {
        if (!this.pending.delete(id)) return;
        this.options.log.warn('station call timed out', { channel, timeoutMs: this.timeoutMs });
        resolve(fail('TIMEOUT', `${channel}: no reply from the station in ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      this.pending.set(id, { channel, resolve, timer });
    });
    try {
      child.postMessage({ id, window, channel, payload });
    } catch (error) {
      this.settle(id, fail('DISCONNECTED', `${channel}: the station cannot be reached (${describeError(error)})`));
    }
    this.inFlight.add(promise);
    void promise.finally(() => this.inFlight.delete(promise));
    return promise;
  }

  /**
   * Graceful stop: refuse new calls, let the calls in flight finish (up to `graceMs`), ask the
   * station to close its devices and exit, and kill it if it has not gone after another `graceMs`.
   */
  close(graceMs = 3_000): Promise<void> {
    this.closing ??= (async () => {
      if (this.restartTimer) clearTimeout(this.restartTimer);
      this.restartTimer = null;
      await withDeadline(Promise.allSettled([...this.inFlight]), graceMs);
      const child = this.child;
      if (!child) return;
      const exited = new Promise<void>((resolve) => this.exitWaiters.add(resolve));
      try {
        child.postMessage({ close: true });
      } catch {
        // Already gone: the kill below is a no-op.
      }
      if (!(await withDeadline(exited, graceMs))) {
        this.options.log.warn('station did not exit in time; killing it');
        child.kill();
        this.childExited(null);
      }
    })();
    return this.closing;
  }

  private receive(message: unknown): void {
    const reply = ReplySchema.safeParse(message);
    if (reply.success) {
      const { result } = reply.data;
      this.settle(
        reply.data.id,
        result.ok
          ? { ok: true, value: result.value }
          : fail(isErrorCode(result.error.code) ? result.error.code : 'INTERNAL', result.error.message),
      );
      return;
    }
    const event = EventSchema.safeParse(message);
    if (event.success) {
      this.options.onEvent(event.data.event, event.data.payload, event.data.windows);
      return;
    }
    this.options.log.warn('ignored a malformed message from the station');
  }

  private settle(id: number, result: Result<unknown>): void {
    const call = this.pending.get(id);
    if (!call) return; // Timed out already; a late reply is dropped.
    this.pending.delete(id);
    clearTimeout(call.timer);
    call.resolve(result);
  }

  private childExited(code: number | null): void {
    this.child = null;
    for (const [id, call] of this.pending) {
      this.settle(id, fail('DISCONNECTED', `${call.channel}: the station stopped before replying`));
    }
    for (const resolve of this.exitWaiters) resolve();
    this.exitWaiters.clear();
    if (this.closing) return;
    this.options.log.error('station process exited; restarting it', { code: code ?? 'killed' });
    if (this.now() - this.startedAt >= this.stableAfterMs) this.restarts = 0;
    this.scheduleRestart();
  }

  private scheduleRestart(): void {
    if (this.closing || this.restartTimer) return;
    const delay = this.restartDelaysMs[Math.min(this.restarts, this.restartDelaysMs.length - 1)] ?? 1_000;
    this.restarts += 1;
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      this.start();
    }, delay);
  }
}

/** Resolves true if `promise` settled within `ms`, false otherwise. */
async function withDeadline(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true as const), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
