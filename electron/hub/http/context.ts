/**
 * What the hub's request handlers work with. A handler for workstations takes a StationContext,
 * which exists only once the gates (gates.ts) have checked the bearer and the access table, so it
 * never meets a request without a workstation, nor one its workstation and person may not make.
 */
import type { DirectoryConfig } from '../directory';
import type http from 'node:http';
import type { SyncCollection } from '../../common/contract/hub';
import type { Logger } from '../../station/log';
import type { ChangeFeed } from '../change-feed';
import type { DatabaseKind } from '../sql';
import type { HubStore } from '../store';
import type { AttemptLimiter } from '../../node/accounts/throttle';
import type { Caller } from '../sessions';
import type { BoardStreams } from './board-streams';
import type { PublicLimits } from './rate-limit';
import type { SyncStreams } from './sync-streams';
import type { TurnNearSettings } from '../turn-near';

/** Made once per server and shared by every request. */
export interface HubServices {
  readonly store: HubStore;
  readonly feed: ChangeFeed;
  readonly log: Logger;
  /** The hub's clock: the office day, the board, `x-okienko-time`, calls. */
  readonly now: () => number;
  readonly databaseKind: DatabaseKind;
  /** The oldest workstation version served (client-version.ts). */
  readonly minClientVersion: string;
  readonly syncStreams: SyncStreams;
  readonly boardStreams: BoardStreams;
  /** Failed sign-ins per address (electron/node/accounts/throttle.ts). */
  readonly signInAttempts: AttemptLimiter;
  /** The office's directory, when the hub signs people in against it (electron/hub/directory.ts). */
  readonly directory: DirectoryConfig | null;
  /** The most days an assisted session may keep the visitor's data from a push (push-scope.ts withRetention). */
  readonly assistedKeepDays: number;
  /** `--public-url`: the origin residents reach the hub at; null: as each request came. */
  readonly publicUrl: string | null;
  /** Requests per address to the public routes (rate-limit.ts): the booking page, a ticket's status. */
  readonly publicLimits: PublicLimits;
  /** The channels this hub sends "your turn is near" on, and after how many (turn-near.ts). */
  readonly turnNear: TurnNearSettings;
}

export interface RequestContext {
  readonly hub: HubServices;
  readonly request: http.IncomingMessage;
  readonly response: http.ServerResponse;
  readonly url: URL;
}

/**
 * A request whose bearer is an enrolled, unrevoked workstation's token or a live session opened
 * with one, and which the access table lets through to its route (authorize.ts).
 */
export interface StationContext extends RequestContext {
  readonly caller: Caller;
  /** The token or session as the request carried it. */
  readonly bearer: string;
}

/** A workstation's request for one of the collections the hub replicates. */
export interface CollectionContext extends StationContext {
  readonly collection: SyncCollection;
}
