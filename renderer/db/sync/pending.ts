/**
 * The changes not sent: local writes the hub has not confirmed yet, by collection and document.
 * A change made here (not written by the replication itself) is pending until the hub has it —
 * counted across generations, so a change made while one replaces another still counts — and
 * `whenSent` tells when one document's change has gone out.
 */
import type { RxCollection } from 'rxdb';
import type { Observable, Subscription } from 'rxjs';
import type { SyncCollection } from '../../../electron/common/contract/hub';
import { sameDocument } from '../../../electron/common/sync/document-equality';
import type { OkienkoDatabase } from '../database';
import type { Timers } from '../../../electron/common/timers';

/** What RxDB's `conflict$` tells of a resolved conflict, as far as the pending changes need it. */
export interface ResolvedConflict {
  readonly input: { readonly newDocumentState: unknown; readonly realMasterState: unknown };
  readonly output: unknown;
}

export class PendingChanges {
  /** The latest local state of every pending document, by `collection/id`. */
  readonly #waiting = new Map<string, unknown>();
  /** The collections replicated with the hub, once known (null: all that are tracked). */
  #replicated: ReadonlySet<SyncCollection> | null = null;

  get size(): number {
    return this.#waiting.size;
  }

  has(collection: SyncCollection, id: string): boolean {
    return this.#waiting.has(keyOf(collection, id));
  }

  /** Counts this window's own writes to `collections`; `changed` is called after each batch of them. */
  track(db: OkienkoDatabase, collections: readonly SyncCollection[], changed: () => void): Subscription[] {
    return collections.map((name) =>
      (db[name] as unknown as RxCollection<unknown>).eventBulks$.subscribe((bulk) => {
        if (bulk.context.startsWith('replication') || this.#replicated?.has(name) === false) return;
        for (const event of bulk.events) this.#waiting.set(keyOf(name, event.documentId), event.documentData);
        changed();
      }),
    );
  }

  /**
   * From now on only changes of `collections` wait for the hub: the others this workstation does
   * not replicate (its kind may not read them there, kind.ts), so they never go and never count.
   */
  only(collections: readonly SyncCollection[]): void {
    this.#replicated = new Set(collections);
    for (const key of [...this.#waiting.keys()])
      if (!this.#replicated.has(key.slice(0, key.indexOf('/')) as SyncCollection)) this.#waiting.delete(key);
  }

  /** The replication pushed `document`: no longer pending if it is the latest local state. */
  sent(collection: SyncCollection, document: unknown): void {
    const key = keyOf(collection, idOf(document));
    if (this.#waiting.has(key) && sameDocument(withoutMeta(this.#waiting.get(key)), document))
      this.#waiting.delete(key);
  }

  /**
   * The hub's version of `document` was pulled and written here (the hub's version, or ours merged):
   * it replaces what was pending for it.
   */
  settled(collection: SyncCollection, document: unknown): void {
    this.#waiting.delete(keyOf(collection, idOf(document)));
  }

  /**
   * A push met the hub's version (`realMasterState`) and was resolved to `output` — for tickets also
   * the stored version of a call the hub accepted, which resolves to itself. A newer local change
   * than the one pushed stays pending (it goes out next). Otherwise nothing is pending if the hub's
   * version won; if this workstation's version or a merge won, that waits to be sent, and `sent`
   * clears it once the hub has accepted it.
   */
  resolved(collection: SyncCollection, conflict: ResolvedConflict): void {
    const { input, output } = conflict;
    const key = keyOf(collection, idOf(output));
    if (
      this.#waiting.has(key) &&
      !sameDocument(withoutMeta(this.#waiting.get(key)), withoutMeta(input.newDocumentState))
    )
      return;
    if (sameDocument(withoutMeta(output), withoutMeta(input.realMasterState))) this.#waiting.delete(key);
    else this.#waiting.set(key, output);
  }

  /**
   * Resolves true once no local change of the document is pending, or false after `timeoutMs`;
   * checked whenever `updates$` emits (it completes when sync stops: then the answer is final).
   */
  whenSent(
    collection: SyncCollection,
    id: string,
    timeoutMs: number,
    updates$: Observable<unknown>,
    timers: Timers,
  ): Promise<boolean> {
    const key = keyOf(collection, id);
    if (!this.#waiting.has(key)) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const timer = timers.setTimeout(() => {
        watch.unsubscribe();
        resolve(false);
      }, timeoutMs);
      const watch = updates$.subscribe({
        next: () => {
          if (this.#waiting.has(key)) return;
          timers.clearTimeout(timer);
          queueMicrotask(() => watch.unsubscribe());
          resolve(true);
        },
        complete: () => {
          timers.clearTimeout(timer);
          resolve(!this.#waiting.has(key));
        },
      });
    });
  }
}

function keyOf(collection: SyncCollection, id: string): string {
  return `${collection}/${id}`;
}

function idOf(document: unknown): string {
  return String((document as { id?: unknown }).id);
}

/** A document without RxDB's local metadata (revision, write time, attachments). */
export function withoutMeta(document: unknown): unknown {
  if (!document || typeof document !== 'object') return document;
  const { _rev: _r, _meta: _m, _attachments: _a, ...rest } = document as Record<string, unknown>;
  return rest;
}
