/** Replication: pull and push of one collection, and the live stream of changes. */
import {
  HUB_STREAM_EVENTS,
  HUB_SYNC_EPOCH_HEADER,
  PushRequestSchema,
  STAMPED_COLLECTIONS,
  type PushResponse,
  type StreamReady,
  type SyncCollection,
  type WireDocument,
} from '../../../common/contract/hub';
import { pushScopes, type PushScope } from '../../../common/access/hub-access';
import { HubFailure } from '../../errors';
import { expiryOf } from '../../../common/eservices/session';
import { offlineLogins, scopeProblem, withActors, withRetention, type Acting } from '../../push-scope';
import { accountStatuses } from '../../users';
import { sseEvent } from '../../sse';
import type { Admit, StoredDocument } from '../../store';
import { hubCaller } from '../gates';
import { parseBody, readJson } from '../body';
import type { CollectionContext, StationContext } from '../context';
import { sendJson } from '../messages';
import { parsePullQuery } from '../pull-query';

/** Tickets whose confirmation a workstation waits for: the board and the counter show these. */
const CONFIRMED_STATES = new Set(['called', 'serving']);

export async function pull({ hub, response, url, collection }: CollectionContext): Promise<void> {
  const { checkpoint, limit } = parsePullQuery(url.searchParams);
  sendJson(response, 200, await hub.store.pull(collection, checkpoint, limit));
}

export async function push({ hub, request, response, collection, caller }: CollectionContext): Promise<void> {
  const scopes = pushScopes(collection, hubCaller(caller));
  if (!Array.isArray(scopes)) throw new HubFailure(403, scopes.code, scopes.message);
  const body = parseBody(
    PushRequestSchema,
    await readJson(request),
    'a push is {rows: [{newDocumentState, assumedMasterState?}]}',
  );
  hub.log.debug('push', { collection, rows: body.rows.length });
  const named = offlineLogins(collection, body.rows);
  const people = new Map(
    (named.length ? await accountStatuses(hub.store.db, named) : []).map((status) => [status.login, status]),
  );
  const acting: Acting = { station: caller.station.name, user: caller.user, people };
  // One limit for the whole push, from the hub's clock: the latest expiry a saved session may have.
  const retention = expiryOf('saved', hub.now(), hub.assistedKeepDays);
  const outcome = await hub.store.push(collection, body.rows, admitting(collection, scopes, acting, retention));
  hub.feed.committed(outcome.written);
  const stored = confirmedCalls(collection, outcome.written);
  const reply: PushResponse = stored.length
    ? { conflicts: outcome.conflicts, stored }
    : { conflicts: outcome.conflicts };
  sendJson(response, 200, reply);
}

/**
 * A stamped document is stored with a field the workstation did not send (the stamp). The stored
 * versions of calls in progress go back with the answer, so the counter and the board learn at
 * once that the hub confirmed them — the live stream cannot tell them, because their copy is still
 * "pending" when the stream event arrives. Other documents need no stamp there.
 */
function confirmedCalls(collection: SyncCollection, written: readonly StoredDocument[]): WireDocument[] {
  if (!STAMPED_COLLECTIONS.includes(collection)) return [];
  const latest = new Map(written.map((entry) => [entry.document.id, entry.document]));
  return [...latest.values()].filter((document) => CONFIRMED_STATES.has(String(document.state)));
}

export async function syncStream({ hub, request, response, bearer, caller }: StationContext): Promise<void> {
  const epoch = await hub.store.syncEpoch();
  const headers = { [HUB_SYNC_EPOCH_HEADER]: epoch };
  const client = hub.syncStreams.open(request, response, bearer, hubCaller(caller), headers);
  const ready: StreamReady = { stamp: hub.feed.publishedStamp };
  client.send(sseEvent(HUB_STREAM_EVENTS.ready, ready));
}

/**
 * Each row that would be written must stay within one of the caller's scopes (push-scope.ts);
 * one that does not refuses the whole push (403, nothing stored). A ticket's new history entries
 * get the caller's workstation and person; an assisted session expires by `retention` at the latest.
 */
function admitting(collection: SyncCollection, scopes: readonly PushScope[], acting: Acting, retention: number): Admit {
  return (incoming, master) => {
    const problems = scopes.map((scope) => scopeProblem(collection, scope, incoming, master, acting));
    if (problems.includes(null))
      return withRetention(collection, withActors(collection, incoming, master, acting), retention);
    const id = String(incoming.id).slice(0, 64);
    throw new HubFailure(
      403,
      'forbidden-change',
      `This workstation ${problems[0]} (${collection} ${id}); nothing was stored`,
    );
  };
}
