/** The queue's requests that only the hub can answer for the whole office: number blocks and "call next". */
import { CallNextRequestSchema, LeaseRequestSchema, type CallNextResponse } from '../../../common/contract/hub';
import { parseBody, readJson } from '../body';
import type { StationContext } from '../context';
import { sendJson } from '../messages';

export async function lease({ hub, request, response, station }: StationContext): Promise<void> {
  const body = parseBody(
    LeaseRequestSchema,
    await readJson(request),
    'a lease request is {day: "YYYY-MM-DD", service, size: 1..500}',
  );
  sendJson(response, 200, await hub.store.leaseNumbers(body.day, body.service, body.size, station.tokenId));
}

export async function callNext({ hub, request, response }: StationContext): Promise<void> {
  const body = parseBody(
    CallNextRequestSchema,
    await readJson(request),
    'a call is {counter: 1..999, station, clerk?}',
  );
  const outcome = await hub.store.callNext(body, hub.now());
  hub.feed.committed(outcome.written);
  const reply: CallNextResponse = { ticket: outcome.ticket, reason: outcome.reason };
  sendJson(response, 200, reply);
}
