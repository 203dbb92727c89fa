/**
 * The checks an API request passes before its handler runs, in this order (api.ts runs them):
 *   API version in the path (404, 426) → route (404) → method (405) → the client's app version (426)
 *   → token or session (401; not for the board) → the route's door (403) → collection (404) → for
 *   a pull, the access table (403; a push checks its rows against it in its handler).
 * Each throws the HubFailure the client gets; body checks (413, 400, 422) are the handler's.
 */
import type http from 'node:http';
import {
  CLIENT_VERSION_HEADER,
  HUB_API_PREFIX,
  HUB_API_VERSION,
  isSyncCollection,
  type SyncCollection,
} from '../../common/contract/hub';
import { clientVersionProblem } from '../client-version';
import { HubFailure } from '../errors';
import type { SqlQueryable } from '../sql';
import { checkRoute, type HubCaller, type HubDenial } from '../../common/access/hub-access';
import { isSessionBearer } from '../../common/contract/hub-auth';
import { authenticateBearer, type Caller } from '../sessions';
import type { Door } from './router';
import { headerValue } from './messages';

export function notFound(pathname: string): HubFailure {
  return new HubFailure(404, 'not-found', `No such address: ${pathname.slice(0, 100)}`);
}

/** `/api/v<n>/…` with the version this hub speaks; returns the path after HUB_API_PREFIX. */
export function checkApiVersion(pathname: string, minimum: string): string {
  const versionMatch = /^\/api\/v(\d+)(?=\/|$)/.exec(pathname);
  if (!versionMatch) throw notFound(pathname);
  if (Number(versionMatch[1]) !== HUB_API_VERSION) {
    throw new HubFailure(
      426,
      'api-version',
      `This hub speaks ${HUB_API_PREFIX}, not /api/v${versionMatch[1]}; install an Okienko version that matches the hub (${minimum} or newer)`,
    );
  }
  return pathname.slice(HUB_API_PREFIX.length);
}

export function checkMethod(request: http.IncomingMessage, method: string, pathname: string): void {
  if (request.method === method) return;
  throw new HubFailure(
    405,
    'method-not-allowed',
    `${pathname.slice(0, 100)} takes ${method}, not ${String(request.method).slice(0, 10)}`,
  );
}

/**
 * The `x-okienko-version` header names a version this hub serves. A public route checks it only
 * when sent: a TV's EventSource cannot send headers.
 */
export function checkClientVersion(request: http.IncomingMessage, isPublic: boolean, minimum: string): void {
  const version = headerValue(request, CLIENT_VERSION_HEADER);
  if (isPublic && version === undefined) return;
  const problem = clientVersionProblem(version, minimum);
  if (problem) throw new HubFailure(426, 'client-too-old', problem);
}

/** The workstation (and person) the request's bearer belongs to (401 when none, or unknown, expired or revoked). */
export async function authenticateCaller(
  request: http.IncomingMessage,
  db: SqlQueryable,
  now: number,
): Promise<{ caller: Caller; bearer: string }> {
  const bearer = bearerToken(request);
  const caller = await authenticateBearer(db, bearer, now);
  if (caller) return { caller, bearer };
  if (isSessionBearer(bearer))
    throw new HubFailure(401, 'session-ended', 'This session has ended or was closed; sign in again');
  throw new HubFailure(
    401,
    'unknown-token',
    'This token is unknown or was revoked; ask the administrator to enrol this workstation again',
  );
}

/** The door of a route (router.ts): the access table's row, or the kind of bearer it takes. */
export function checkDoor(door: Door, caller: Caller, pathname: string): void {
  if (door === 'any') return;
  if (door === 'token') {
    if (caller.sessionId === null) return;
    throw new HubFailure(
      403,
      'token-required',
      `${pathname.slice(0, 100)} takes the workstation's token, not a session`,
    );
  }
  throwDenial(checkRoute(door, hubCaller(caller)));
}

/** What the access table needs to know of a caller. */
export function hubCaller(caller: Caller): HubCaller {
  return { kind: caller.station.kind, roles: caller.user?.roles ?? null };
}

/** A denial of the access table as the hub's 403, with its code. */
export function throwDenial(denial: HubDenial | null): void {
  if (denial) throw new HubFailure(403, denial.code, denial.message);
}

function bearerToken(request: http.IncomingMessage): string {
  const header = headerValue(request, 'authorization');
  if (!header)
    throw new HubFailure(
      401,
      'no-token',
      'This request carries no token (Authorization: Bearer …); enrol the workstation with `npm run hub -- token create --name <station> --kind <kind>`',
    );
  const match = /^Bearer\s+(\S{1,200})\s*$/i.exec(header);
  if (!match) throw new HubFailure(401, 'no-token', 'The Authorization header must be "Bearer <token>"');
  return match[1]!;
}

export function checkCollection(name: string): SyncCollection {
  if (isSyncCollection(name)) return name;
  throw new HubFailure(404, 'unknown-collection', `"${name.slice(0, 64)}" is not a collection this hub replicates`);
}
