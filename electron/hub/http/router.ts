/**
 * The hub's API routes: a path after HUB_API_PREFIX and a method lead to a handler, typed by what
 * it needs: a public route gets the request only, a station route the authenticated workstation,
 * a collection route also the collection named in its path.
 */
import type { HubRoute } from '../../common/access/hub-access';
import type { CollectionContext, RequestContext, StationContext } from './context';
import { changeAccount, listAccounts } from './handlers/accounts';
import { accounts, login, logout, windowSession } from './handlers/auth';
import { board, boardStream } from './handlers/board';
import { callNext, lease } from './handlers/queue';
import { me } from './handlers/status';
import { pull, push, syncStream } from './handlers/sync';

type Method = 'GET' | 'POST';
type Handler<C> = (context: C) => Promise<void>;

/** The board: no token, and the version header is checked only when sent (a TV's EventSource cannot send it). */
export interface PublicRoute {
  readonly access: 'public';
  readonly method: Method;
  readonly handle: Handler<RequestContext>;
}

/**
 * Who may pass, besides holding a valid bearer: a row of the access table (hub-access.ts
 * ROUTE_ACCESS), `token` for the workstation's own token only (a session cannot open another), or
 * `any` for whoever holds a valid token or session.
 */
export type Door = HubRoute | 'token' | 'any';

export interface StationRoute {
  readonly access: 'station';
  readonly door: Door;
  readonly method: Method;
  readonly handle: Handler<StationContext>;
}

/** `/sync/<collection>/…`; the name is as it came in the path, not yet checked. */
export interface CollectionRoute {
  readonly access: 'collection';
  readonly method: Method;
  readonly collection: string;
  readonly handle: Handler<CollectionContext>;
}

export type Route = PublicRoute | StationRoute | CollectionRoute;

const FIXED_ROUTES = new Map<string, PublicRoute | StationRoute>([
  ['/me', { access: 'station', door: 'me', method: 'GET', handle: me }],
  ['/sync/stream', { access: 'station', door: 'stream', method: 'GET', handle: syncStream }],
  ['/numbers/lease', { access: 'station', door: 'lease', method: 'POST', handle: lease }],
  ['/queue/call-next', { access: 'station', door: 'call-next', method: 'POST', handle: callNext }],
  ['/auth/login', { access: 'station', door: 'token', method: 'POST', handle: login }],
  ['/auth/session', { access: 'station', door: 'token', method: 'POST', handle: windowSession }],
  ['/auth/accounts', { access: 'station', door: 'token', method: 'GET', handle: accounts }],
  ['/auth/logout', { access: 'station', door: 'any', method: 'POST', handle: logout }],
  ['/accounts', { access: 'station', door: 'accounts', method: 'GET', handle: listAccounts }],
  ['/accounts/change', { access: 'station', door: 'accounts', method: 'POST', handle: changeAccount }],
  ['/board', { access: 'public', method: 'GET', handle: board }],
  ['/board/stream', { access: 'public', method: 'GET', handle: boardStream }],
]);

const COLLECTION_ROUTES = {
  pull: { method: 'GET', handle: pull },
  push: { method: 'POST', handle: push },
} as const;

/** The route for a path after HUB_API_PREFIX, or null when there is none (404). */
export function findRoute(pathname: string): Route | null {
  const sync = /^\/sync\/([^/]+)\/(pull|push)$/.exec(pathname);
  if (sync) {
    const action = sync[2] === 'pull' ? 'pull' : 'push';
    return { access: 'collection', collection: decodeSegment(sync[1]!), ...COLLECTION_ROUTES[action] };
  }
  return FIXED_ROUTES.get(pathname) ?? null;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
