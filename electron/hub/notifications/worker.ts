/**
 * The outbox's worker: every `pollMs` (and at start) it claims the due rows of the channels it
 * has a sender for, sends each, and records the outcome (outbox.ts). One run at a time per hub.
 *
 * **What it guarantees.** A row is claimed (`sending`, committed) before anything goes out, so no
 * two runs or hub nodes send it together. A refusal (the provider said no) is tried again after
 * a back-off, up to `maxAttempts`. When the hub dies mid-send the row stays `sending`; at the next
 * start (PGlite: one process, so every such row is this hub's; PostgreSQL: rows claimed more than
 * `staleMs` ago, well past any sender's timeout):
 *   - SMS is sent again with the same idx, which SMSAPI refuses as a repeat (check_idx): **at
 *     least once, deduplicated by the provider** — the resident gets one message;
 *   - e-mail is **not** sent again: SMTP cannot say whether it took the message, so the row fails
 *     `interrupted` — **at most once**; its Message-ID is the row's, the same on every attempt.
 * Logs name the row, kind, channel and outcome, never the recipient. `wake()` runs it at once
 * (hub.ts wakes it on every ticket change, for "your turn is near").
 */
import { describeError, type Logger } from '../../station/log';
import type { SqlClient } from '../sql';
import { renderNotice } from './messages';
import {
  backoffMs,
  claimDue,
  nextState,
  recoverInterrupted,
  settle,
  type ClaimedNotice,
  type RetryPolicy,
} from './outbox';
import type { Channel, Sender, SendOutcome } from './sender';

export interface WorkerOptions {
  readonly log: Logger;
  readonly policy: RetryPolicy;
  readonly pollMs: number;
  /** On PostgreSQL, a row `sending` for longer than this was left by a node that died. */
  readonly staleMs?: number;
  readonly batch?: number;
  readonly now?: () => number;
  /**
   * Runs before each run claims anything: rows that become due by something other than time
   * (a kiosk's "turn is near", turn-near.ts). A failure is logged and the run goes on.
   */
  readonly beforeRun?: (now: number) => Promise<void>;
}

const DEFAULT_STALE_MS = 10 * 60_000;

export class NotificationWorker {
  private readonly senders: ReadonlyMap<Channel, Sender>;
  private readonly now: () => number;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly db: SqlClient,
    senders: readonly Sender[],
    private readonly options: WorkerOptions,
  ) {
    this.senders = new Map(senders.map((sender) => [sender.channel, sender]));
    this.now = options.now ?? Date.now;
  }

  /** Settles what a dead hub left `sending`, then runs now and every `pollMs`. */
  async start(): Promise<void> {
    const now = this.now();
    await this.recover(this.db.kind === 'pglite' ? now + 1 : now - (this.options.staleMs ?? DEFAULT_STALE_MS));
    this.timer = setInterval(() => this.wake(), this.options.pollMs);
    this.timer.unref();
    this.wake();
  }

  /** A run now, or right after the one under way. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.run().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
    for (const sender of this.senders.values()) sender.close();
  }

  private async run(): Promise<void> {
    const batch = this.options.batch ?? 20;
    try {
      if (this.db.kind === 'postgresql') await this.recover(this.now() - (this.options.staleMs ?? DEFAULT_STALE_MS));
      await this.options.beforeRun?.(this.now()).catch((error: unknown) => {
        this.options.log.warn('notification outbox could not make rows due', { error: describeError(error) });
      });
      for (;;) {
        const claimed = await claimDue(this.db, [...this.senders.keys()], this.now(), batch);
        for (const row of claimed) await this.deliver(row);
        if (claimed.length < batch || this.stopped) break;
      }
    } catch (error) {
      this.options.log.warn('notification outbox run failed', { error: describeError(error) });
    }
  }

  private async recover(claimedBefore: number): Promise<void> {
    const resendable = [...this.senders.values()].filter((sender) => sender.resendIsDeduplicated);
    const channels = resendable.map((sender) => sender.channel);
    const recovered = await recoverInterrupted(this.db, claimedBefore, channels, this.options.policy, this.now());
    for (const row of recovered) {
      const fields = { outbox: row.id, state: row.state };
      if (row.state === 'failed') this.options.log.warn('notification interrupted mid-send; not sent again', fields);
      else this.options.log.info('notification interrupted mid-send; sent again (the provider drops a repeat)', fields);
    }
  }

  private async deliver(row: ClaimedNotice): Promise<void> {
    const sender = this.senders.get(row.channel)!;
    let outcome: SendOutcome;
    try {
      const rendered = renderNotice(row.kind, row.channel, row.language, row.payload);
      outcome = await sender.send({ id: row.id, recipient: row.recipient, ...rendered });
    } catch (error) {
      this.options.log.warn('notification could not be made', { outbox: row.id, error: describeError(error) });
      outcome = { outcome: 'refused', code: 'render-error' };
    }
    const { policy } = this.options;
    const state = nextState(outcome, row.attempts, policy, sender.resendIsDeduplicated);
    const now = this.now();
    await settle(this.db, row, outcome, state, { now, retryAt: now + backoffMs(policy, row.attempts) });
    const fields = { outbox: row.id, kind: row.kind, channel: row.channel, attempt: row.attempts, state };
    if (outcome.outcome === 'sent') this.options.log.info('notification sent', fields);
    else this.options.log.warn('notification not sent', { ...fields, outcome: outcome.outcome, code: outcome.code });
  }
}
