/**
 * `GET /public/tickets/:id`, the ticket's status page's one question (contract/public.ts): public,
 * no token, and free of personal data (electron/hub/ticket-status.ts). An id that is not a UUID
 * and a UUID the hub does not know get the very same 404, so nothing tells a guess apart; and
 * every question, a guess's too, is counted against its address first, in the public reads'
 * bucket the booking page's reads share (rate-limit.ts). A page asks every 10 s: 6 a minute.
 */
import { TICKET_ID_PATTERN } from '../../../common/contract/public';
import { HubFailure } from '../../errors';
import { ticketStatus } from '../../ticket-status';
import type { RequestContext } from '../context';
import { sendJson } from '../messages';
import { clientAddress } from '../rate-limit';

export async function ticketStatusHandler({ hub, request, response, url }: RequestContext): Promise<void> {
  const limiter = hub.publicLimits.reads;
  const address = clientAddress(request);
  if (!limiter.take(address, hub.now())) {
    const seconds = Math.max(1, Math.ceil(limiter.waitMs(address, hub.now()) / 1000));
    const body = { error: 'too-many-requests', message: 'Too many requests from this address; try again shortly' };
    sendJson(response, 429, body, { 'Retry-After': String(seconds) });
    return;
  }
  const id = ticketIdOf(url.pathname);
  const status = id === null ? null : await ticketStatus(hub.store.db, id, hub.now());
  if (!status) throw unknownTicket();
  sendJson(response, 200, status);
}

/** The id in the path's last segment when it is a UUID (any case), else null. */
export function ticketIdOf(pathname: string): string | null {
  const segment = pathname.slice(pathname.lastIndexOf('/') + 1);
  let id: string;
  try {
    id = decodeURIComponent(segment).toLowerCase();
  } catch {
    return null;
  }
  return TICKET_ID_PATTERN.test(id) ? id : null;
}

/** One answer for every ticket the page cannot show; it names nothing of what was asked. */
function unknownTicket(): HubFailure {
  return new HubFailure(404, 'unknown-ticket', 'There is no such ticket');
}
