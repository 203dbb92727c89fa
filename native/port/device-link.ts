/**
 * Keeps a device connected. After an unplug the port object is dead for good, so the link builds a
 * fresh one from a factory, backing off 0.5 → 1 → 2 → 5 s, and runs the device's re-initialisation
 * before anyone may use it again. Works with any BytePort; needs no Node module, only timers,
 * which tests replace.
 */
import { retryDelay, RETRY_DELAYS_MS } from '../../electron/common/backoff';
import type { BytePort } from './byte-port';
import { Listeners } from './listeners';
import { realTimers, type Timers } from '../../electron/common/timers';

/**
 * `connecting`: never connected yet (first attempt, or retrying it); `connected`: a prepared port
 * is open; `reconnecting`: lost it and rebuilding; `closed`: `close()` was called, for good.
 */
export type LinkState = 'connecting' | 'connected' | 'reconnecting' | 'closed';

export interface DeviceLinkOptions {
  /** Builds and opens a fresh port; rejects when the device is not there. */
  readonly open: () => Promise<BytePort>;
  /**
   * Runs after every (re)connect, before the link reports `connected`: the device's
   * re-initialisation. A rejection counts as a failed attempt (the port is closed, and retried).
   */
  readonly prepare?: (port: BytePort) => Promise<void>;
  /** Pauses before the 1st, 2nd, … retry; the last one repeats. */
  readonly backoffMs?: readonly number[];
  /** How long `open` and `prepare` together may take before the attempt counts as failed. */
  readonly openTimeoutMs?: number;
  /** A connection that lasted this long starts the back-off from the beginning when it is lost. */
  readonly stableAfterMs?: number;
  readonly timers?: Timers;
  /** For logs and status screens. */
  readonly description?: string;
}

export interface LinkStatus {
  readonly state: LinkState;
  /** Failed attempts since the link was last connected. */
  readonly failures: number;
  /** Why the last attempt failed or the last connection ended. */
  readonly lastError?: string;
  /** When the next attempt is due (the link's clock), while waiting to retry. */
  readonly retryAt?: number;
}

interface Session {
  readonly port: BytePort;
  alive: boolean;
  readonly unsubscribe: (() => void)[];
}

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

export class DeviceLink {
  readonly description: string;
  readonly #open: () => Promise<BytePort>;
  readonly #prepare: ((port: BytePort) => Promise<void>) | undefined;
  readonly #backoffMs: readonly number[];
  readonly #openTimeoutMs: number;
  readonly #stableAfterMs: number;
  readonly #timers: Timers;
  #state: LinkState = 'connecting';
  #session: Session | undefined;
  #connectedAt = 0;
  #everConnected = false;
  #step = 0;
  #failures = 0;
  #lastError: Error | undefined;
  #retryTimer: unknown;
  #retryAt: number | undefined;
  readonly #stateListeners = new Set<(state: LinkState, status: LinkStatus) => void>();
  readonly #dataListeners = new Listeners<[chunk: Uint8Array]>();
  readonly #lossListeners = new Set<(error?: Error) => void>();
  readonly #connectWaiters = new Set<() => void>();
  #view: BytePort | undefined;

  /** Starts connecting at once (the first attempt runs after the current task, so listeners added now see everything). */
  constructor(options: DeviceLinkOptions) {
    this.#open = options.open;
    this.#prepare = options.prepare;
    this.#backoffMs = options.backoffMs && options.backoffMs.length > 0 ? options.backoffMs : RETRY_DELAYS_MS;
    this.#openTimeoutMs = options.openTimeoutMs ?? 10_000;
    this.#stableAfterMs = options.stableAfterMs ?? Math.max(...this.#backoffMs);
    this.#timers = options.timers ?? realTimers;
    this.description = options.description ?? 'device';
    this.#retryTimer = this.#timers.setTimeout(() => void this.#attempt(), 0);
  }

  get state(): LinkState {
    return this.#state;
  }

  status(): LinkStatus {
    return {
      state: this.#state,
      failures: this.#failures,
      ...(this.#lastError ? { lastError: this.#lastError.message } : {}),
      ...(this.#retryAt !== undefined ? { retryAt: this.#retryAt } : {}),
    };
  }

  /** The current port while connected; undefined otherwise. */
  port(): BytePort | undefined {
    return this.#state === 'connected' ? this.#session?.port : undefined;
  }

  onState(listener: (state: LinkState, status: LinkStatus) => void): () => void {
    this.#stateListeners.add(listener);
    return () => this.#stateListeners.delete(listener);
  }

  /** Resolves true once connected, false when `timeoutMs` passes first or the link is closed. */
  whenConnected(timeoutMs: number): Promise<boolean> {
    if (this.#state === 'connected') return Promise.resolve(true);
    if (this.#state === 'closed' || timeoutMs <= 0) return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = (value: boolean): void => {
        this.#connectWaiters.delete(wake);
        this.#timers.clearTimeout(timer);
        resolve(value);
      };
      const wake = (): void => done(this.#state === 'connected');
      const timer = this.#timers.setTimeout(() => done(false), timeoutMs);
      this.#connectWaiters.add(wake);
    });
  }

  /**
   * Drops the current port and builds a new one, as after an unplug. For what only the protocol
   * can see: a device that stays silent on a port that looks open (a TCP peer that rebooted).
   */
  reconnect(reason: Error = new Error('reconnect requested')): void {
    const session = this.#session;
    if (!session || this.#state !== 'connected') return;
    this.#lost(session, reason);
    void session.port.close().catch(() => undefined);
  }

  /**
   * One BytePort that stays the same object across reconnects, for drivers that keep their state
   * (queues, counters) while the cable is replaced: writes go to the current port, data comes from
   * it, `onClose` fires at every loss (the driver fails what it waits for), `close()` ends the link.
   */
  asBytePort(): BytePort {
    this.#view ??= new LinkedBytePort(this);
    return this.#view;
  }

  /** Data from whichever port is current. */
  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.#dataListeners.add(listener);
  }

  /** Each time a connected (or preparing) port is lost, with the error if it closed because of one. */
  onLoss(listener: (error?: Error) => void): () => void {
    this.#lossListeners.add(listener);
    return () => this.#lossListeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.#state === 'closed') return;
    this.#cancelRetry();
    const session = this.#session;
    this.#setState('closed');
    if (session) {
      this.#lost(session, undefined);
      await session.port.close().catch(() => undefined);
    }
  }

  async #attempt(): Promise<void> {
    this.#retryTimer = undefined;
    this.#retryAt = undefined;
    if (this.#state === 'closed') return;
    let session: Session | undefined;
    let sessionError: Error | undefined;
    try {
      const port = await this.#withTimeout(this.#open(), 'open', (late) => void late.close().catch(() => undefined));
      if (this.#isClosed()) {
        await port.close().catch(() => undefined);
        return;
      }
      const current: Session = { port, alive: true, unsubscribe: [] };
      session = current;
      current.unsubscribe.push(
        port.onData((chunk) => {
          if (this.#session !== current) return;
          this.#dataListeners.emit(chunk);
        }),
        port.onClose((error) => {
          sessionError = error ?? new Error(`${port.description} closed`);
          this.#lost(current, error);
        }),
      );
      this.#session = current;
      if (!port.isOpen) throw new Error(`${port.description} closed before it could be used`);
      if (this.#prepare) await this.#withTimeout(this.#prepare(port), 'prepare');
      if (!current.alive) throw sessionError ?? new Error(`${port.description} closed while being prepared`);
      if (this.#isClosed()) {
        this.#lost(current, undefined);
        await port.close().catch(() => undefined);
        return;
      }
      this.#connectedAt = this.#timers.now();
      this.#everConnected = true;
      this.#failures = 0;
      this.#lastError = undefined;
      this.#setState('connected');
    } catch (error) {
      if (this.#isClosed()) return;
      if (session?.alive) this.#lost(session, undefined);
      if (session) void session.port.close().catch(() => undefined);
      this.#failures++;
      this.#lastError = asError(error);
      this.#scheduleRetry();
    }
  }

  /** `close()` may run while an attempt awaits; TypeScript cannot see the state change. */
  #isClosed(): boolean {
    return this.#state === 'closed';
  }

  #lost(session: Session, error: Error | undefined): void {
    if (!session.alive) return;
    session.alive = false;
    for (const unsubscribe of session.unsubscribe) unsubscribe();
    if (this.#session === session) this.#session = undefined;
    for (const listener of [...this.#lossListeners]) listener(error);
    if (this.#state !== 'connected') return; // closed, or lost during an attempt: the attempt retries
    // A connection that held for a while was not a flapping one: start the back-off over.
    if (this.#timers.now() - this.#connectedAt >= this.#stableAfterMs) this.#step = 0;
    this.#lastError = error ?? new Error(`${session.port.description} closed`);
    this.#scheduleRetry();
  }

  #scheduleRetry(): void {
    if (this.#state === 'closed') return;
    const delay = retryDelay(this.#step, this.#backoffMs);
    this.#step++;
    this.#retryAt = this.#timers.now() + delay;
    this.#setState(this.#everConnected ? 'reconnecting' : 'connecting');
    this.#cancelRetry(false);
    this.#retryTimer = this.#timers.setTimeout(() => void this.#attempt(), delay);
  }

  #cancelRetry(clearAt = true): void {
    if (this.#retryTimer !== undefined) this.#timers.clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    if (clearAt) this.#retryAt = undefined;
  }

  #setState(state: LinkState): void {
    if (state === this.#state) return;
    this.#state = state;
    const status = this.status();
    for (const listener of [...this.#stateListeners]) listener(state, status);
    for (const wake of [...this.#connectWaiters]) wake();
  }

  /** Rejects after the open timeout; a result that comes later is handed to `late` (to close it). */
  #withTimeout<T>(promise: Promise<T>, what: string, late?: (value: T) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const timer = this.#timers.setTimeout(() => {
        settled = true;
        reject(new Error(`${this.description}: ${what} took longer than ${this.#openTimeoutMs} ms`));
      }, this.#openTimeoutMs);
      promise.then(
        (value) => {
          if (settled) {
            late?.(value);
            return;
          }
          settled = true;
          this.#timers.clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          if (settled) return;
          settled = true;
          this.#timers.clearTimeout(timer);
          reject(asError(error));
        },
      );
    });
  }
}

/** See `DeviceLink.asBytePort()`. */
class LinkedBytePort implements BytePort {
  readonly description: string;
  readonly #link: DeviceLink;

  constructor(link: DeviceLink) {
    this.#link = link;
    this.description = `link:${link.description}`;
  }

  get isOpen(): boolean {
    return this.#link.port()?.isOpen ?? false;
  }

  /** Waits (up to 10 s) for the link to connect; the link itself opens ports. */
  async open(): Promise<void> {
    if (!(await this.#link.whenConnected(10_000))) throw new Error(`${this.description} is not connected`);
  }

  write(data: Uint8Array): Promise<void> {
    const port = this.#link.port();
    if (!port?.isOpen) return Promise.reject(new Error(`${this.description} is not connected`));
    return port.write(data);
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.#link.onData(listener);
  }

  onClose(listener: (error?: Error) => void): () => void {
    return this.#link.onLoss(listener);
  }

  close(): Promise<void> {
    return this.#link.close();
  }
}
