/**
 * The ticket printer as the station should hold it: one object that lives as long as the
 * configuration, whatever happens to the cable. It keeps the port open through a DeviceLink
 * (rebuilt with back-off after an unplug, the printer re-initialised after every connect), asks the
 * printer how it is while idle (a heartbeat through the driver's own queue, so it never lands in
 * the middle of a ticket), and keeps a record of every ticket whose fence never came back: it is
 * *unknown* until the printer confirms it late or a person decides. It never prints anything
 * again by itself.
 *
 * Needs no Node module: the transport comes from the `open` factory, timers can be injected.
 */
import { DeviceLink, type LinkState, type LinkStatus } from '../port/device-link';
import { notifyEach } from '../port/listeners';
import { realTimers, type Timers } from '../../electron/common/timers';
import type { BytePort } from '../port/byte-port';
import { PrinterReplyParser } from './escpos.codec';
import { EscPosTicketPrinter } from './ticket-printer.escpos';
import {
  PrintFailure,
  type PrintOptions,
  type PrintReceipt,
  type PrinterCondition,
  type TicketPrinter,
} from './ticket-printer';

export interface RobustTicketPrinterOptions {
  /** Builds and opens a fresh port (serial, raw file, TCP); rejects when the printer is not there. */
  readonly open: () => Promise<BytePort>;
  /**
   * Sent after every (re)connect, before anything else: `ESC @` and the model's code page
   * (`layoutInit(…)` from ticket.layout.ts). Default: `ESC @` alone.
   */
  readonly init?: Uint8Array;
  /** For logs and status screens, e.g. `serial:/dev/ttyUSB0@38400`. */
  readonly description?: string;
  /** How long the printer may be idle before it is asked how it is (DLE EOT 1..4); 0 = never. */
  readonly heartbeatMs?: number;
  /**
   * After this many status requests in a row go unanswered on a port that looks open, the port is
   * rebuilt: a TCP printer that rebooted, or a USB adapter that re-enumerated, looks exactly like
   * this. 0 = never.
   */
  readonly rebuildAfterSilences?: number;
  /** How long `print` waits for a link that is being (re)built before refusing with `no-answer`. */
  readonly connectWaitMs?: number;
  /** Passed to the driver: per DLE EOT answer. */
  readonly statusTimeoutMs?: number;
  /** Passed to the driver: from the first byte to the fence answer, before transmission time. */
  readonly fenceTimeoutMs?: number;
  /** Passed to the driver: the line speed, for the fence timeout. */
  readonly baudRate?: number;
  /** Pauses between reconnect attempts (default 0.5, 1, 2, 5 s). */
  readonly backoffMs?: readonly number[];
  /** How long opening and re-initialising may take. */
  readonly openTimeoutMs?: number;
  /** Heartbeat and reconnect timers, and the clock for records; tests inject their own. */
  readonly timers?: Timers;
}

/** A ticket that was sent but never confirmed: it may or may not be on paper. */
export interface UnknownJob {
  /** The job id (its fence id), as in PrintFailure.jobId. */
  readonly jobId: string;
  /** When its outcome became unknown (the timers' clock, milliseconds since the epoch by default). */
  readonly at: number;
  /** Ticket bytes sent (without the fence). */
  readonly bytes: number;
  /** Why: the fence timed out (`unconfirmed`), or the line went away after sending (`disconnected`). */
  readonly reason: 'unconfirmed' | 'disconnected';
  /** What the printer said when the job became unknown: the likely cause. */
  readonly condition: PrinterCondition | undefined;
  readonly tag?: string;
  readonly duplicateOf?: string;
}

/**
 * How an unknown job ended: `printed` — the printer confirmed it late, or a person saw it;
 * `not-printed` — a person says it did not come out; `reprinted` — a person had a duplicate
 * printed and it was confirmed.
 */
export type JobOutcome = 'printed' | 'not-printed' | 'reprinted';

export interface ResolvedJob {
  readonly job: UnknownJob;
  readonly outcome: JobOutcome;
  /** `printer` when its late fence answer settled it; `person` otherwise. */
  readonly by: 'printer' | 'person';
  readonly at: number;
}

const ESC_AT = Uint8Array.of(0x1b, 0x40);
/** Fence answers remembered for a job that becomes unknown only after its answer came. */
const RECENT_FENCES = 64;

export class RobustTicketPrinter implements TicketPrinter {
  readonly description: string;
  readonly #link: DeviceLink;
  readonly #driver: EscPosTicketPrinter;
  readonly #timers: Timers;
  readonly #init: Uint8Array;
  readonly #heartbeatMs: number;
  readonly #rebuildAfterSilences: number;
  readonly #connectWaitMs: number;
  readonly #parser = new PrinterReplyParser();
  readonly #unknown = new Map<string, UnknownJob>();
  readonly #recentFences = new Set<string>();
  readonly #conditionListeners = new Set<(condition: PrinterCondition) => void>();
  readonly #linkListeners = new Set<(status: LinkStatus) => void>();
  readonly #unknownListeners = new Set<(job: UnknownJob) => void>();
  readonly #resolvedListeners = new Set<(resolved: ResolvedJob) => void>();
  #condition: PrinterCondition | undefined;
  #active = 0;
  #silences = 0;
  #heartbeat: unknown;
  #closed = false;

  constructor(options: RobustTicketPrinterOptions) {
    this.#timers = options.timers ?? realTimers;
    this.#init = options.init ?? ESC_AT;
    this.#heartbeatMs = options.heartbeatMs ?? 4000;
    this.#rebuildAfterSilences = options.rebuildAfterSilences ?? 3;
    this.#connectWaitMs = options.connectWaitMs ?? 1000;
    this.description = options.description ?? 'printer';
    this.#link = new DeviceLink({
      open: options.open,
      prepare: (port) => this.#prepare(port),
      description: this.description,
      timers: this.#timers,
      ...(options.backoffMs ? { backoffMs: options.backoffMs } : {}),
      ...(options.openTimeoutMs !== undefined ? { openTimeoutMs: options.openTimeoutMs } : {}),
    });
    this.#driver = new EscPosTicketPrinter(this.#link.asBytePort(), {
      ...(options.statusTimeoutMs !== undefined ? { statusTimeoutMs: options.statusTimeoutMs } : {}),
      ...(options.fenceTimeoutMs !== undefined ? { fenceTimeoutMs: options.fenceTimeoutMs } : {}),
      ...(options.baudRate !== undefined ? { baudRate: options.baudRate } : {}),
      now: () => this.#timers.now(),
    });
    this.#driver.onCondition((condition) => this.#setCondition(condition));
    this.#link.onData((chunk) => this.#watchFences(chunk));
    this.#link.onLoss(() => this.#parser.reset());
    this.#link.onState((state, status) => {
      if (state === 'connected') {
        this.#silences = 0;
        // Say how the printer is as soon as it is back, not a heartbeat later.
        this.#scheduleHeartbeat(0);
      } else if (state !== 'closed') {
        this.#setCondition('no-answer');
      }
      notifyEach(this.#linkListeners, status);
    });
  }

  /** Where the link is: `connecting`, `connected`, `reconnecting` (backing off), `closed`. */
  get linkState(): LinkState {
    return this.#link.state;
  }

  linkStatus(): LinkStatus {
    return this.#link.status();
  }

  /** Every change of the link's state, with failures and the next attempt's time. */
  onLinkState(listener: (status: LinkStatus) => void): () => void {
    this.#linkListeners.add(listener);
    return () => this.#linkListeners.delete(listener);
  }

  /** The last condition known, without asking; undefined before the first answer or failure. */
  get lastCondition(): PrinterCondition | undefined {
    return this.#condition;
  }

  /** Asks the printer now. `no-answer` at once while the link is down. Never throws. */
  async condition(): Promise<PrinterCondition> {
    if (this.#closed || this.#link.state !== 'connected') {
      if (!this.#closed) this.#setCondition('no-answer');
      return 'no-answer';
    }
    return this.#track(() => this.#askCondition());
  }

  /**
   * Prints one job: the driver checks the printer, sends the job with a fence and waits for the
   * fence's answer. A refusal (`sent: false`) changes nothing; a job that was sent and not
   * confirmed is recorded in `unknownJobs()` and the PrintFailure carries its `jobId`. Nothing is
   * ever sent twice from here: a reprint is a new `print` call with `duplicateOf` set, from a person.
   */
  async print(job: Uint8Array, options: PrintOptions = {}): Promise<PrintReceipt> {
    if (this.#closed) throw new PrintFailure('disconnected', 'The printer was closed', { sent: false });
    if (this.#link.state !== 'connected' && !(await this.#link.whenConnected(this.#connectWaitMs))) {
      this.#setCondition('no-answer');
      const status = this.#link.status();
      throw new PrintFailure(
        'no-answer',
        `The printer is not connected${status.lastError ? ` (${status.lastError})` : ''}`,
        {
          condition: 'no-answer',
          sent: false,
        },
      );
    }
    let receipt: PrintReceipt;
    try {
      receipt = await this.#track(() => this.#driver.print(job, options));
    } catch (error) {
      if (error instanceof PrintFailure && error.sent && error.jobId !== undefined)
        this.#recordUnknown(error, error.jobId, job.length, options);
      throw error;
    }
    if (options.duplicateOf !== undefined) this.#settle(options.duplicateOf, 'reprinted', 'person');
    return receipt;
  }

  onCondition(listener: (condition: PrinterCondition) => void): () => void {
    this.#conditionListeners.add(listener);
    return () => this.#conditionListeners.delete(listener);
  }

  /** Jobs sent but not confirmed, oldest first, until the printer or a person settles them. */
  unknownJobs(): readonly UnknownJob[] {
    return [...this.#unknown.values()].sort((a, b) => a.at - b.at);
  }

  /** A job became unknown (also visible as the PrintFailure of its `print` call). */
  onUnknownJob(listener: (job: UnknownJob) => void): () => void {
    this.#unknownListeners.add(listener);
    return () => this.#unknownListeners.delete(listener);
  }

  /** An unknown job was settled: confirmed late by the printer, or decided by a person. */
  onJobResolved(listener: (resolved: ResolvedJob) => void): () => void {
    this.#resolvedListeners.add(listener);
    return () => this.#resolvedListeners.delete(listener);
  }

  /** A person's decision about an unknown job. False when no such job is unknown (any more). */
  resolveUnknownJob(jobId: string, outcome: Exclude<JobOutcome, 'reprinted'>): boolean {
    return this.#settle(jobId, outcome, 'person');
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#cancelHeartbeat();
    // The driver owns the link's port view: closing it ends pending work and the link.
    await this.#driver.close();
    this.#conditionListeners.clear();
    this.#linkListeners.clear();
    this.#unknownListeners.clear();
    this.#resolvedListeners.clear();
  }

  async #prepare(port: BytePort): Promise<void> {
    this.#parser.reset();
    await port.write(this.#init);
  }

  async #askCondition(): Promise<PrinterCondition> {
    const condition = await this.#driver.condition();
    if (condition !== 'no-answer' || this.#link.state !== 'connected') {
      this.#silences = 0;
      return condition;
    }
    this.#silences++;
    if (this.#rebuildAfterSilences > 0 && this.#silences >= this.#rebuildAfterSilences) {
      this.#silences = 0;
      this.#link.reconnect(new Error(`${this.#rebuildAfterSilences} status requests in a row went unanswered`));
    }
    return condition;
  }

  /** Counts work in progress, so the heartbeat runs only while idle, a full interval after the last exchange. */
  async #track<T>(work: () => Promise<T>): Promise<T> {
    this.#active++;
    this.#cancelHeartbeat();
    try {
      return await work();
    } finally {
      this.#active--;
      if (this.#active === 0) this.#scheduleHeartbeat(this.#heartbeatMs);
    }
  }

  #scheduleHeartbeat(delayMs: number): void {
    this.#cancelHeartbeat();
    if (this.#closed || this.#heartbeatMs <= 0) return;
    this.#heartbeat = this.#timers.setTimeout(() => {
      this.#heartbeat = undefined;
      void this.#beat();
    }, delayMs);
  }

  #cancelHeartbeat(): void {
    if (this.#heartbeat !== undefined) this.#timers.clearTimeout(this.#heartbeat);
    this.#heartbeat = undefined;
  }

  async #beat(): Promise<void> {
    if (this.#closed) return;
    // Not connected: the link's own retries are the heartbeat; it restarts this on connect.
    if (this.#link.state !== 'connected') return;
    if (this.#active > 0) return; // the work in progress reschedules when it ends
    await this.#track(() => this.#askCondition());
  }

  #watchFences(chunk: Uint8Array): void {
    for (const reply of this.#parser.push(chunk)) {
      if (reply.kind !== 'fence') continue;
      this.#recentFences.add(reply.id);
      if (this.#recentFences.size > RECENT_FENCES) {
        const oldest = this.#recentFences.values().next().value;
        if (oldest !== undefined) this.#recentFences.delete(oldest);
      }
      if (this.#unknown.has(reply.id)) this.#settle(reply.id, 'printed', 'printer');
    }
  }

  #recordUnknown(failure: PrintFailure, jobId: string, bytes: number, options: PrintOptions): void {
    const job: UnknownJob = {
      jobId,
      at: this.#timers.now(),
      bytes,
      reason: failure.reason === 'unconfirmed' ? 'unconfirmed' : 'disconnected',
      condition: failure.condition,
      ...(options.tag !== undefined ? { tag: options.tag } : {}),
      ...(options.duplicateOf !== undefined ? { duplicateOf: options.duplicateOf } : {}),
    };
    this.#unknown.set(jobId, job);
    notifyEach(this.#unknownListeners, job);
    // Its answer may have come while the driver was still asking why it was late.
    if (this.#recentFences.has(jobId)) this.#settle(jobId, 'printed', 'printer');
  }

  #settle(jobId: string, outcome: JobOutcome, by: ResolvedJob['by']): boolean {
    const job = this.#unknown.get(jobId);
    if (!job) return false;
    this.#unknown.delete(jobId);
    notifyEach(this.#resolvedListeners, { job, outcome, by, at: this.#timers.now() });
    return true;
  }

  #setCondition(condition: PrinterCondition): void {
    if (this.#closed || condition === this.#condition) return;
    this.#condition = condition;
    notifyEach(this.#conditionListeners, condition);
  }
}
