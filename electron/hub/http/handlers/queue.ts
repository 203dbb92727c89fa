/** The queue's requests that only the hub can answer for the whole office: number blocks and "call next". */
import { CallNextRequestSchema, LeaseRequestSchema, type CallNextResponse } from '../../../common/contract/hub';
import { parseBody, readJson } from '../body';
import type { StationContext } from '../context';
import type { Actor } from '../../../common/domain/ticket';
import type { Caller } from '../../sessions';
import { sendJson } from '../messages';

export async function lease({ hub, request, response, caller }: StationContext): Promise<void> {
  const body = parseBody(
    LeaseRequestSchema,
    await readJson(request),
    'a lease request is {day: "YYYY-MM-DD", service, size: 1..500}',
  );
  sendJson(response, 200, await hub.store.leaseNumbers(body.day, body.service, body.size, caller.station.tokenId));
}

export async function callNext({ hub, request, response, caller }: StationContext): Promise<void> {
  const body = parseBody(CallNextRequestSchema, await readJson(request), 'a call is {counter: 1..999, requestId}');
  const outcome = await hub.store.callNext(body, actingFor(caller), hub.now());
  hub.feed.committed(outcome.written);
  const reply: CallNextResponse = { ticket: outcome.ticket, reason: outcome.reason };
  sendJson(response, 200, reply);
}

/** Who calls, as the history records it: the token's workstation and the session's person. */
export function actingFor(caller: Caller): Actor {
  const { station, user } = caller;
  return user ? { station: station.name, clerk: user.displayName, user: user.login } : { station: station.name };
}
