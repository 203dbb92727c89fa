/**
 * What the workstation's sync is doing, as the status bar shows it: connected or not, when the hub
 * was last heard from, how many local changes it has not confirmed yet, and why it refused us.
 */
import { BehaviorSubject } from 'rxjs';
import { HubError } from './hub-client';

export type HubConnection = 'connecting' | 'online' | 'offline' | 'unauthorized' | 'forbidden' | 'upgrade-required';

/** The hub's refusals of what a person or a workstation may do (hub-access.ts), not of who it is. */
const FORBIDDING = new Set(['forbidden-kind', 'forbidden-role', 'forbidden-change', 'sign-in-required']);

export interface SyncStatus {
  readonly connection: HubConnection;
  /** When the workstation last heard from the hub (epoch ms, local clock); 0 = never. */
  readonly lastSyncAt: number;
  /** Local changes the hub has not confirmed yet. */
  readonly pending: number;
  /** The hub's words when it refused us (unauthorized, upgrade required). */
  readonly message?: string;
}

/** Switches every part of the sync engine reads: taken off the network (tests), or stopped for good. */
export interface SyncSwitches {
  offline: boolean;
  stopped: boolean;
}

/** This window's own view of the sync status; every change of it is announced on `subject`. */
export class SyncStatusBoard {
  readonly subject = new BehaviorSubject<SyncStatus>({ connection: 'connecting', lastSyncAt: 0, pending: 0 });

  /**
   * `pendingCount` is read at every change: the count always comes from the pending changes. `now`
   * is the sync engine's clock, so a manual clock in tests moves "last sync" too.
   */
  constructor(
    private readonly pendingCount: () => number,
    private readonly now: () => number,
  ) {}

  get value(): SyncStatus {
    return this.subject.value;
  }

  /** Applies `patch` (an empty one announces a changed pending count); a message lasts until back online. */
  set(patch: Partial<SyncStatus>): void {
    const next = { ...this.subject.value, ...patch, pending: this.pendingCount() };
    if (next.message === undefined || patch.connection === 'online') delete (next as { message?: string }).message;
    this.subject.next(next);
  }

  /** The hub answered. */
  heard(): void {
    this.set({ lastSyncAt: this.now() });
  }

  /** Shows why, when the hub refused this workstation (unknown token, too old an app); true if it did. */
  refused(error: unknown): boolean {
    if (!(error instanceof HubError) || (error.kind !== 'unauthorized' && error.kind !== 'upgrade-required')) {
      return false;
    }
    const forbidden = error.kind === 'unauthorized' && FORBIDDING.has(error.code ?? '');
    this.set({ connection: forbidden ? 'forbidden' : error.kind, message: error.message });
    return true;
  }

  complete(): void {
    this.subject.complete();
  }
}
