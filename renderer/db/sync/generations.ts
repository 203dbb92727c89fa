/**
 * Generations: the set of replications this workstation runs with the hub, and when it replaces
 * them. RxDB keeps, per replication identifier, a checkpoint and what it believes the hub holds; a
 * document it pushed once is not pushed again. When the hub is not the one those marks refer to —
 * a new, empty hub at the same address, or one restored from a backup — that would leave the hub
 * without what only this workstation still has. The hub announces a sync epoch when the stream
 * opens (HUB_SYNC_EPOCH_HEADER; new with every new database and every `npm run hub --
 * after-restore`), and a pull can find the hub behind our checkpoint (409 checkpoint-ahead).
 * Either way the workstation starts the next generation: new replication identifiers, so RxDB
 * pulls everything and pushes every local document again, and the conflict handlers settle what
 * both sides have. The first epoch a workstation ever meets is taken as the one it has been
 * syncing with. The epoch and the generation are kept in a local document, across restarts.
 */
import { filter, firstValueFrom, type Subscription } from 'rxjs';
import type { StreamEvent, SyncCollection } from '../../../electron/common/contract/hub';
import type { WithDeleted } from 'rxdb';
import type { OkienkoDatabase } from '../database';
import type { CollectionReplication, CollectionState, PullStream } from './collection-replication';
import type { SyncSwitches } from './status';

export interface GenerationContext {
  readonly db: OkienkoDatabase;
  readonly hubId: string;
  /** The collections to replicate, asked once this window leads (kind.ts: what its kind may pull). */
  collections(): Promise<readonly SyncCollection[]>;
  readonly switches: SyncSwitches;
  /** Starts one collection's replication in `generation`. */
  replicate(name: SyncCollection, generation: number): CollectionReplication;
}

interface SavedGeneration {
  readonly epoch: string | null;
  readonly generation: number;
}

export class Generations {
  #generation = 0;
  #knownEpoch: string | null = null;
  #collections: readonly SyncCollection[] = [];
  /** The current generation's replications, and the subscriptions to them. */
  #states: CollectionState[] = [];
  readonly #subscriptions: Subscription[] = [];
  readonly #streams = new Map<SyncCollection, PullStream>();
  /** A change of generation under way (one at a time). */
  #change: Promise<void> | null = null;
  readonly #epochDoc: string;

  constructor(private readonly context: GenerationContext) {
    this.#epochDoc = `sync-epoch-${context.hubId}`;
  }

  /**
   * Only the leader window replicates, and it reads the generation when it becomes leader: a
   * window that waited may find that the one before it moved on. It learns which collections it
   * replicates then too, so only the window that talks to the hub asks it. Never resolves in a
   * window that never leads.
   */
  async lead(): Promise<void> {
    const { db, switches } = this.context;
    await db.waitForLeadership();
    if (switches.stopped) return;
    this.#collections = await this.context.collections();
    if (switches.stopped) return;
    const saved = await this.#readSaved();
    if (saved) {
      this.#generation = saved.generation;
      this.#knownEpoch = saved.epoch;
    }
    if (!switches.stopped) this.#create(this.#generation);
  }

  /**
   * The live stream opened with the hub's sync `epoch`: a new one starts a new generation (the
   * first ever met is adopted). True when the epoch differed, whatever came of it.
   */
  async meet(epoch: string | null): Promise<boolean> {
    if (!epoch || epoch === this.#knownEpoch) return false;
    if (this.#knownEpoch === null) {
      this.#knownEpoch = epoch;
      await this.context.db.upsertLocal(this.#epochDoc, { epoch, generation: this.#generation });
      return true;
    }
    await this.#change;
    if (epoch !== this.#knownEpoch) {
      this.#change = this.#replace(epoch, 'the hub is new or was restored from a backup').finally(
        () => (this.#change = null),
      );
      await this.#change;
    }
    return true;
  }

  /** A pull of `generation` found the hub behind its checkpoint. */
  hubBehind(generation: number): void {
    // (A pull of a generation already replaced says nothing about the new one.)
    if (generation === this.#generation) this.#requestNew('the hub is behind our checkpoint');
  }

  /** Every collection pulls from its checkpoint: whatever changed while the stream was down. */
  resync(): void {
    for (const stream of this.#streams.values()) stream.next('RESYNC');
    for (const state of this.#states) state.reSync();
  }

  /** Hands an event of the live stream to its collection's replication. */
  deliver(event: StreamEvent): void {
    this.#streams
      .get(event.collection)
      ?.next({ documents: [...event.documents] as unknown as WithDeleted<unknown>[], checkpoint: event.checkpoint });
  }

  /**
   * Waits for every current replication; a generation that replaces them meanwhile is waited for
   * in turn (a replaced state never finishes: RxDB's waits do not end when it is cancelled).
   */
  async untilSettled(wait: (state: CollectionState) => Promise<unknown>): Promise<void> {
    for (;;) {
      await this.#change;
      const current = this.#states;
      await Promise.all(
        current.map((state) =>
          Promise.race([wait(state), firstValueFrom(state.canceled$.pipe(filter(Boolean)), { defaultValue: true })]),
        ),
      );
      if (current === this.#states && !this.#change) return;
    }
  }

  /** Ends the current replications (sync stops). */
  async cancel(): Promise<void> {
    for (const subscription of this.#subscriptions.splice(0)) subscription.unsubscribe();
    await Promise.allSettled(this.#states.map((state) => state.cancel()));
  }

  #create(generation: number): void {
    for (const name of this.#collections) {
      const { state, stream, subscriptions } = this.context.replicate(name, generation);
      this.#streams.set(name, stream);
      this.#subscriptions.push(...subscriptions);
      this.#states.push(state);
    }
  }

  /** Cancels the current replications and starts the next generation's (see the top of this file). */
  async #replace(epoch: string | null, why: string): Promise<void> {
    // Numbered after the highest ever remembered (another window of this workstation may have
    // gone further while it led), and remembered first: should the app stop right after, it
    // starts in the new generation; should this fail, nothing here changed and the next connect
    // (the epoch still differs) or the next refused pull tries again.
    const saved = await this.#readSaved();
    const next = {
      epoch: epoch ?? this.#knownEpoch,
      generation: Math.max(this.#generation, saved?.generation ?? 0) + 1,
    };
    await this.context.db.upsertLocal(this.#epochDoc, next);
    const old = this.#states;
    this.#states = [];
    for (const subscription of this.#subscriptions.splice(0)) subscription.unsubscribe();
    // remove(): the replaced generation's checkpoint and "already sent" marks go with it.
    await Promise.allSettled(old.map((state) => state.remove()));
    this.#generation = next.generation;
    this.#knownEpoch = next.epoch;
    if (this.context.switches.stopped) return;
    console.info(
      `Okienko sync: ${why}; fetching everything from the hub and sending everything this workstation holds (generation ${this.#generation})`,
    );
    this.#create(this.#generation);
  }

  /** From a pull handler: after it returns, start a new generation and resync it (once at a time). */
  #requestNew(why: string): void {
    if (this.#change) return;
    this.#change = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
      await this.#replace(null, why);
      for (const stream of this.#streams.values()) stream.next('RESYNC');
    })()
      .catch((error: unknown) => console.warn('Okienko sync: could not start a new generation', error))
      .finally(() => (this.#change = null));
  }

  async #readSaved(): Promise<SavedGeneration | null> {
    const saved = await this.context.db.getLocal<SavedGeneration>(this.#epochDoc).catch(() => null);
    return saved
      ? { epoch: (saved.get('epoch') as string | null) ?? null, generation: Number(saved.get('generation')) || 0 }
      : null;
  }
}
