/**
 * What the hub's request handlers work with. A handler for workstations takes a StationContext,
 * which exists only once the gates (gates.ts) have checked the token, so it never meets a request
 * without a station.
 */
import type http from 'node:http';
import type { SyncCollection } from '../../common/contract/hub';
import type { Logger } from '../../station/log';
import type { ChangeFeed } from '../change-feed';
import type { DatabaseKind } from '../sql';
import type { HubStore } from '../store';
import type { Station } from '../tokens';
import type { BoardStreams } from './board-streams';
import type { SyncStreams } from './sync-streams';

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
}

export interface RequestContext {
  readonly hub: HubServices;
  readonly request: http.IncomingMessage;
  readonly response: http.ServerResponse;
  readonly url: URL;
}

/** A request whose bearer token names an enrolled, unrevoked workstation. */
export interface StationContext extends RequestContext {
  readonly station: Station;
  readonly token: string;
}

/** A workstation's request for one of the collections the hub replicates. */
export interface CollectionContext extends StationContext {
  readonly collection: SyncCollection;
}
