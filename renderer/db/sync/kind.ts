/**
 * Which collections this workstation replicates with the hub: those the kind of its token may pull
 * there (`collectionsFor`, from the one access table, electron/common/access/hub-access.ts). The
 * hub refuses a kind the others — a kiosk, a board or a supervisor's desk never holds a visitor's
 * assisted session — and asking for them anyway would show a sync error for good, be retried every
 * few seconds, and leave changes counted as waiting that can never be sent. The hub tells the kind
 * (`/me`): the token's, or a board's for a screen paired from another machine.
 */
import { collectionsFor } from '../../../electron/common/access/hub-access';
import { isTokenKind, type TokenKind } from '../../../electron/common/access/subjects';
import { retryDelay } from '../../../electron/common/backoff';
import type { MeResponse, SyncCollection } from '../../../electron/common/contract/hub';
import type { Timers } from '../../../electron/common/timers';
import type { HubClient } from './hub-client';
import type { SyncStatusBoard, SyncSwitches } from './status';

export interface KindContext {
  readonly client: Pick<HubClient, 'me'>;
  readonly status: SyncStatusBoard;
  readonly switches: SyncSwitches;
  readonly timers: Timers;
}

/**
 * `available` narrowed to what this workstation's kind may pull. Asks the hub until it answers,
 * on the common retry schedule (nothing replicates before it does anyway); empty once sync stops.
 */
export async function replicatedCollections(
  context: KindContext,
  available: readonly SyncCollection[],
): Promise<readonly SyncCollection[]> {
  for (let attempt = 0; !context.switches.stopped; attempt++) {
    // Taken off the network: nothing is asked, and back on it the hub is asked again soon.
    if (context.switches.offline) attempt = 0;
    const me = context.switches.offline ? null : await askMe(context);
    if (me) {
      const readable = collectionsFor(kindOf(me));
      return available.filter((name) => readable.includes(name));
    }
    await new Promise((resolve) => context.timers.setTimeout(() => resolve(undefined), retryDelay(attempt)));
  }
  return [];
}

/**
 * The kind the hub holds this workstation to. null — every collection — for a token enrolled
 * before kinds, a hub too old to say, or a kind this app does not know: the hub still refuses
 * what it refuses, as before.
 */
export function kindOf(me: MeResponse): TokenKind | null {
  return isTokenKind(me.kind) ? me.kind : null;
}

/** `/me`, or null when the hub cannot be reached or refused us (the status says which). */
async function askMe(context: KindContext): Promise<MeResponse | null> {
  try {
    const me = await context.client.me();
    context.status.heard();
    return me;
  } catch (error) {
    if (!context.status.refused(error)) context.status.set({ connection: 'offline' });
    return null;
  }
}
