/**
 * The live feed of one hub node: every committed change, in stamp order, as StreamEvents for the
 * node's server-sent-event clients.
 *
 * - A push on this node is published at once after its COMMIT (the fast path).
 * - A push on another node reaches us as a NOTIFY on `okienko_changes`; the notification is only a
 *   wake-up: the node reads everything after the last stamp it published from the database. So a
 *   lost notification (LISTEN connection dropped, node busy) loses nothing — the next wake-up, the
 *   reconnect, or the periodic poll fetches it.
 * - `published` is the highest stamp this node has delivered; everything at or below it has been
 *   sent (or was overwritten by a newer stamp that will be). Events never go backwards, so a
 *   client's checkpoint only moves forward.
 */
import type { StreamEvent, SyncCollection } from '../common/contract/hub';
import { describeError, type Logger } from '../station/log';
import { CHANGES_CHANNEL, type ChangeNotice, type HubStore, type StoredDocument } from './store';

export type ChangeListener = (event: StreamEvent) => void;

export interface ChangeFeedOptions {
  readonly nodeId: string;
  readonly log: Logger;
  /** How often to look for changes nobody told us about (lost NOTIFY). 0 turns it off. */
  readonly pollMs?: number;
  /** Rows read per catch-up query. */
  readonly batchSize?: number;
}

const MAX_DOCUMENTS_PER_EVENT = 500;

export class ChangeFeed {
  private published = 0;
  private readonly listeners = new Set<ChangeListener>();
  private catchingUp: Promise<void> | null = null;
  private catchUpAgain = false;
  private unlisten: (() => Promise<void>) | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly store: HubStore,
    private readonly options: ChangeFeedOptions,
  ) {}

  /** Starts after the newest stamp: a client that connects later catches up by pulling. */
  async start(): Promise<void> {
    this.published = await this.store.newestStamp();
    this.unlisten = await this.store.db.listen(CHANGES_CHANNEL, (payload) => this.onNotice(payload), {
      onReconnect: () => this.catchUp(),
    });
    const pollMs = this.options.pollMs ?? 0;
    if (pollMs > 0) {
      this.pollTimer = setInterval(() => this.catchUp(), pollMs);
      this.pollTimer.unref();
    }
  }

  get publishedStamp(): number {
    return this.published;
  }

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A commit of this node (consecutive stamps, one collection). */
  committed(documents: readonly StoredDocument[]): void {
    const first = documents[0];
    const last = documents.at(-1);
    if (!first || !last || last.stamp <= this.published) return;
    if (first.stamp === this.published + 1 && !this.catchingUp) {
      this.emit(documents);
      return;
    }
    // Another node's commit sits between ours and what we published: read them in order.
    this.catchUp();
  }

  /** How far this node trails the database: stamps not yet published and the oldest one's age. */
  async lag(): Promise<{ newest: number; stamps: number; ms: number }> {
    const newest = await this.store.newestStamp();
    const published = this.published;
    const stamps = Math.max(0, newest - published);
    const ms = stamps > 0 ? await this.store.ageOfOldestAfter(published) : 0;
    return { newest, stamps, ms };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    await this.unlisten?.().catch(() => undefined);
    await this.catchingUp;
    this.listeners.clear();
  }

  private onNotice(payload: string): void {
    let notice: Partial<ChangeNotice>;
    try {
      notice = JSON.parse(payload) as Partial<ChangeNotice>;
    } catch {
      return;
    }
    if (notice.node === this.options.nodeId) return;
    if (typeof notice.to === 'number' && notice.to <= this.published) return;
    this.catchUp();
  }

  /** Single flight: a request while one runs makes it run once more at the end. */
  catchUp(): void {
    if (this.stopped) return;
    if (this.catchingUp) {
      this.catchUpAgain = true;
      return;
    }
    this.catchingUp = (async () => {
      do {
        this.catchUpAgain = false;
        try {
          await this.readNewer();
        } catch (error) {
          this.options.log.warn('change feed could not read new changes', { error: describeError(error) });
          return;
        }
      } while (this.catchUpAgain && !this.stopped);
    })().finally(() => (this.catchingUp = null));
  }

  private async readNewer(): Promise<void> {
    const batch = this.options.batchSize ?? 1000;
    for (;;) {
      const { newest, documents } = await this.store.changesAfter(this.published, batch);
      if (this.stopped) return;
      if (documents.length > 0) this.emit(documents);
      if (documents.length < batch) {
        // Everything up to `newest` is now published or superseded by something already sent.
        if (newest > this.published) this.published = newest;
        return;
      }
    }
  }

  /** Sends documents (ascending stamps) as one event per run of one collection. */
  private emit(documents: readonly StoredDocument[]): void {
    let run: StoredDocument[] = [];
    const flush = () => {
      const last = run.at(-1);
      if (!last) return;
      this.send(last.collection, run);
      run = [];
    };
    for (const stored of documents) {
      if (stored.stamp <= this.published) continue;
      const previous = run.at(-1);
      if ((previous && previous.collection !== stored.collection) || run.length >= MAX_DOCUMENTS_PER_EVENT) flush();
      run.push(stored);
      this.published = stored.stamp;
    }
    flush();
  }

  private send(collection: SyncCollection, run: readonly StoredDocument[]): void {
    const last = run.at(-1)!;
    const event: StreamEvent = {
      collection,
      documents: run.map((stored) => stored.document),
      checkpoint: { stamp: last.stamp, id: String(last.document.id) },
    };
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.options.log.error('change listener failed', { error: describeError(error) });
      }
    }
  }
}
