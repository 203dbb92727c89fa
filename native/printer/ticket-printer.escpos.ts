/**
 * The ticket printer driver: ESC/POS over any BytePort. It owns the two things the encoder library
 * does not do — asking the printer how it is (DLE EOT) and knowing a ticket is on paper (the
 * `GS ( H` fence) — and follows three rules: check before printing, confirm by fence, never
 * reprint by itself. Needs no Node module, only timers.
 */
import type { BytePort } from '../port/byte-port';
import { notifyEach } from '../port/listeners';
import { realTimers, type Timers } from '../../electron/common/timers';
import {
  STATUS_REQUESTS,
  PrinterReplyParser,
  conditionBlocksPrinting,
  conditionFromReplies,
  encodeFence,
  encodeStatusRequest,
  fenceIdFromCounter,
  type StatusReplies,
} from './escpos.codec';
import {
  PrintFailure,
  type PrintOptions,
  type PrintReceipt,
  type PrinterCondition,
  type TicketPrinter,
} from './ticket-printer';

export interface EscPosTicketPrinterOptions {
  /** How long to wait for each DLE EOT answer. A healthy printer answers within milliseconds. */
  readonly statusTimeoutMs?: number;
  /** How long a ticket may take from the first byte to the fence answer, before transmission time. */
  readonly fenceTimeoutMs?: number;
  /** The line speed; when given, the time to transmit the job is added to the fence timeout. */
  readonly baudRate?: number;
  /** Clock for `elapsedMs`; the timers' own clock by default. */
  readonly now?: () => number;
  /** The status and fence timeouts; tests pass a manual clock. */
  readonly timers?: Timers;
  /**
   * Where fence ids start. Random by default, so an answer to a fence sent before a restart is
   * not taken for the answer to a new one.
   */
  readonly fenceCounterStart?: number;
}

const TIMED_OUT = Symbol('timed out');
type TimedOut = typeof TIMED_OUT;

/** Developer-facing explanations; the station words them for visitors from `reason`. */
const REFUSALS: Readonly<Record<'paper-out' | 'cover-open' | 'offline' | 'error' | 'no-answer', string>> = {
  'paper-out': 'The printer is out of paper',
  'cover-open': 'The printer cover is open',
  offline: 'The printer is offline',
  error: 'The printer reports an error (cutter jam or mechanism fault)',
  'no-answer': 'The printer does not answer status requests (off, unplugged, wrong port or baud rate)',
};

export class EscPosTicketPrinter implements TicketPrinter {
  readonly #port: BytePort;
  readonly #statusTimeoutMs: number;
  readonly #fenceTimeoutMs: number;
  readonly #baudRate: number | undefined;
  readonly #now: () => number;
  readonly #timers: Timers;
  readonly #parser = new PrinterReplyParser();
  readonly #conditionListeners = new Set<(condition: PrinterCondition) => void>();
  readonly #unsubscribe: (() => void)[];
  /** Requests run one at a time: a status byte carries no hint of which question it answers. */
  #queue: Promise<unknown> = Promise.resolve();
  #statusWaiter: ((byte: number) => void) | undefined;
  #fenceWaiter: { readonly id: string; readonly settle: () => void } | undefined;
  readonly #abortWaiters = new Set<(failure: PrintFailure) => void>();
  /** Set by close(): from then on every request fails at once. */
  #gone: PrintFailure | undefined;
  #lastCondition: PrinterCondition | undefined;
  #fenceCounter: number;

  constructor(port: BytePort, options: EscPosTicketPrinterOptions = {}) {
    this.#port = port;
    this.#statusTimeoutMs = options.statusTimeoutMs ?? 800;
    this.#fenceTimeoutMs = options.fenceTimeoutMs ?? 10_000;
    this.#baudRate = options.baudRate;
    this.#timers = options.timers ?? realTimers;
    this.#now = options.now ?? (() => this.#timers.now());
    this.#fenceCounter = options.fenceCounterStart ?? Math.floor(Math.random() * 36 ** 4);
    this.#unsubscribe = [
      port.onData((chunk) => this.#receive(chunk)),
      port.onClose((error) => this.#portClosed(error)),
    ];
  }

  condition(): Promise<PrinterCondition> {
    return this.#enqueue(() => this.#readCondition()).catch(() => 'no-answer' as const);
  }

  print(job: Uint8Array, options: PrintOptions = {}): Promise<PrintReceipt> {
    return this.#enqueue(async () => {
      const condition = await this.#readCondition();
      if (conditionBlocksPrinting(condition)) {
        throw new PrintFailure(condition, REFUSALS[condition], { condition, sent: false });
      }

      const id = fenceIdFromCounter(this.#fenceCounter++);
      const fence = encodeFence(id);
      const payload = new Uint8Array(job.length + fence.length);
      payload.set(job);
      payload.set(fence, job.length);

      const started = this.#now();
      // A line already lost: nothing of this ticket went out (not an "unknown" job).
      if (this.#gone) throw this.#gone;
      if (!this.#port.isOpen)
        throw new PrintFailure('disconnected', `${this.#port.description} is not open`, { condition: 'no-answer' });
      let answer: true | TimedOut;
      try {
        answer = await this.#exchange<true>(payload, this.#fenceTimeoutFor(payload.length), (settle) => {
          const waiter = { id, settle: () => settle(true) };
          this.#fenceWaiter = waiter;
          return () => {
            if (this.#fenceWaiter === waiter) this.#fenceWaiter = undefined;
          };
        });
      } catch (error) {
        // Some or all of the ticket may have gone out before the line died.
        if (error instanceof PrintFailure)
          throw new PrintFailure(error.reason, error.message, { condition: 'no-answer', sent: true, jobId: id });
        throw error;
      }

      if (answer === TIMED_OUT) {
        // Ask why, so the station can say "paper ran out" rather than "something went wrong". The
        // ticket may still come out later: it is never sent again from here.
        const cause = await this.#readCondition().catch(() => 'no-answer' as const);
        throw new PrintFailure('unconfirmed', `The printer did not confirm ticket ${id}; it now reports ${cause}`, {
          condition: cause,
          sent: true,
          jobId: id,
        });
      }

      return {
        jobId: id,
        bytes: job.length,
        elapsedMs: this.#now() - started,
        ...(condition === 'paper-near-end' ? { warning: 'paper-near-end' as const } : {}),
        ...(options.tag !== undefined ? { tag: options.tag } : {}),
        ...(options.duplicateOf !== undefined ? { duplicateOf: options.duplicateOf } : {}),
      };
    });
  }

  onCondition(listener: (condition: PrinterCondition) => void): () => void {
    this.#conditionListeners.add(listener);
    return () => this.#conditionListeners.delete(listener);
  }

  /** Ends pending requests with `disconnected` and closes the port, which this driver owns. */
  async close(): Promise<void> {
    if (this.#gone) return;
    this.#gone = new PrintFailure('disconnected', 'The printer driver was closed');
    this.#abortAll(this.#gone);
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
    this.#conditionListeners.clear();
    await this.#port.close();
  }

  #enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #readCondition(): Promise<PrinterCondition> {
    // All four requests go out in one write and their answers come back in the same order: one
    // round trip instead of four before every ticket (a real-time command is answered as soon as
    // it arrives). One silence is enough to call the printer absent.
    const request = new Uint8Array(STATUS_REQUESTS.length * 3);
    STATUS_REQUESTS.forEach((n, index) => request.set(encodeStatusRequest(n), index * 3));
    const replies: number[] = [];
    const answer = await this.#exchange<StatusReplies>(request, this.#statusTimeoutMs, (settle) => {
      const collect = (byte: number): void => {
        replies.push(byte);
        if (replies.length === STATUS_REQUESTS.length) settle(replies as unknown as StatusReplies);
      };
      this.#statusWaiter = collect;
      return () => {
        if (this.#statusWaiter === collect) this.#statusWaiter = undefined;
      };
    });
    if (answer === TIMED_OUT) {
      this.#setCondition('no-answer');
      return 'no-answer';
    }
    const condition = conditionFromReplies(answer);
    this.#setCondition(condition);
    return condition;
  }

  /**
   * Sends `bytes` and waits for the answer `install` listens for. The listener is installed before
   * writing because a printer may answer before the write's drain is reported.
   */
  #exchange<T>(
    bytes: Uint8Array,
    timeoutMs: number,
    install: (settle: (value: T) => void) => () => void,
  ): Promise<T | TimedOut> {
    if (this.#gone) return Promise.reject(this.#gone);
    if (!this.#port.isOpen)
      return Promise.reject(new PrintFailure('disconnected', `${this.#port.description} is not open`));

    return new Promise<T | TimedOut>((resolve, reject) => {
      let done = false;
      const finish = (settle: () => void): void => {
        if (done) return;
        done = true;
        this.#timers.clearTimeout(timer);
        uninstall();
        this.#abortWaiters.delete(abort);
        settle();
      };
      const abort = (failure: PrintFailure): void => finish(() => reject(failure));
      const uninstall = install((value) => finish(() => resolve(value)));
      this.#abortWaiters.add(abort);
      const timer = this.#timers.setTimeout(() => finish(() => resolve(TIMED_OUT)), timeoutMs);
      this.#port.write(bytes).catch((error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        abort(new PrintFailure('disconnected', `Writing to ${this.#port.description} failed: ${reason}`));
      });
    });
  }

  #fenceTimeoutFor(bytes: number): number {
    // 10 bit times per byte on an 8N1 line; at 38 400 baud a 2 kB ticket takes about half a second.
    const transmitMs = this.#baudRate ? Math.ceil(((bytes * 10) / this.#baudRate) * 1000) : 0;
    return this.#fenceTimeoutMs + transmitMs;
  }

  #receive(chunk: Uint8Array): void {
    for (const reply of this.#parser.push(chunk)) {
      if (reply.kind === 'status') {
        // A status byte nobody waits for is a late answer to a timed-out request: dropped.
        this.#statusWaiter?.(reply.byte);
      } else if (reply.kind === 'fence' && this.#fenceWaiter?.id === reply.id) {
        this.#fenceWaiter.settle();
      }
    }
  }

  /**
   * The port closed under us (unplug). Waiting requests end now instead of at their timeouts. The
   * driver stays usable: if the owner reopens the same port, printing resumes.
   */
  #portClosed(error?: Error): void {
    this.#abortAll(
      new PrintFailure('disconnected', `${this.#port.description} closed${error ? `: ${error.message}` : ''}`),
    );
    this.#parser.reset();
    this.#setCondition('no-answer');
  }

  #abortAll(failure: PrintFailure): void {
    for (const abort of [...this.#abortWaiters]) abort(failure);
  }

  #setCondition(condition: PrinterCondition): void {
    if (condition === this.#lastCondition) return;
    this.#lastCondition = condition;
    notifyEach(this.#conditionListeners, condition);
  }
}
