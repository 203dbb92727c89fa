/**
 * The hub's API routes: a path after HUB_API_PREFIX and a method lead to a handler, typed by what
 * it needs: a public route gets the request only, a station route the authenticated workstation,
 * a collection route also the collection named in its path.
 */
import type { HubRoute } from '../../common/access/hub-access';
import type { CollectionContext, RequestContext, StationContext } from './context';
import { changeAccount, listAccounts } from './handlers/accounts';
import { staffBook, staffCancel, staffFind, staffMove } from './handlers/appointments';
import { accounts, login, logout, windowSession } from './handlers/auth';
import { board, boardStream } from './handlers/board';
import { callNext, lease } from './handlers/queue';
import * as booking from './handlers/public';
import { importOffice, readOffice } from './handlers/office';
import { report } from './handlers/reports';
import { me } from './handlers/status';
import { pull, push, syncStream } from './handlers/sync';
import { ticketStatusHandler } from './handlers/ticket-status';
import { turnNearOffer, turnNearRegister } from './handlers/turn-near';

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
  ['/office/configuration', { access: 'station', door: 'office', method: 'GET', handle: readOffice }],
  ['/office/import', { access: 'station', door: 'office', method: 'POST', handle: importOffice }],
  ['/reports', { access: 'station', door: 'reports', method: 'GET', handle: report }],
  ['/board', { access: 'public', method: 'GET', handle: board }],
  ['/board/stream', { access: 'public', method: 'GET', handle: boardStream }],
  ['/appointments', { access: 'station', door: 'appointments', method: 'POST', handle: staffBook }],
  ['/public/office', { access: 'public', method: 'GET', handle: booking.office }],
  ['/public/slots', { access: 'public', method: 'GET', handle: booking.slots }],
  ['/public/bookings', { access: 'public', method: 'POST', handle: booking.book }],
  ['/turn-near/offer', { access: 'station', door: 'turn-near', method: 'GET', handle: turnNearOffer }],
  ['/turn-near', { access: 'station', door: 'turn-near', method: 'POST', handle: turnNearRegister }],
]);

/** Routes with a parameter in their path (the handler reads it from the URL), tried in order. */
const PATTERN_ROUTES: readonly (readonly [RegExp, PublicRoute | StationRoute])[] = [
  [/^\/public\/bookings\/[^/]+$/, { access: 'public', method: 'GET', handle: booking.booking }],
  [/^\/public\/bookings\/[^/]+\/move$/, { access: 'public', method: 'POST', handle: booking.move }],
  [/^\/public\/bookings\/[^/]+\/cancel$/, { access: 'public', method: 'POST', handle: booking.cancel }],
  [/^\/public\/bookings\/[^/]+\/calendar\.ics$/, { access: 'public', method: 'GET', handle: booking.calendar }],
  // Any one segment: a malformed ticket id meets the handler's 404, as an unknown one does.
  [/^\/public\/tickets\/[^/]+$/, { access: 'public', method: 'GET', handle: ticketStatusHandler }],
  [/^\/appointments\/[^/]+$/, { access: 'station', door: 'appointments', method: 'GET', handle: staffFind }],
  [/^\/appointments\/[^/]+\/move$/, { access: 'station', door: 'appointments', method: 'POST', handle: staffMove }],
  [/^\/appointments\/[^/]+\/cancel$/, { access: 'station', door: 'appointments', method: 'POST', handle: staffCancel }],
];

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
  return FIXED_ROUTES.get(pathname) ?? PATTERN_ROUTES.find(([pattern]) => pattern.test(pathname))?.[1] ?? null;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
