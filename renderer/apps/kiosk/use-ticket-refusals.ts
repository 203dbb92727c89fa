/**
 * Which matters take no ticket now, and why (ticket-limits.ts): the same question the queue asks
 * before it issues one, asked again whenever the day's tickets change and every few seconds, so a
 * cut-off or an opening shows on the buttons without anyone touching the kiosk.
 */
import { issuedFor, ticketRefusal, type TicketRefusal } from '../../../electron/common/domain/ticket-limits';
import { useNow } from '../../app/use-rx';
import { useWorkstation } from '../../app/workstation';
import type { OfficeDoc, ServiceDoc, TicketDoc } from '../../db/schemas';

const REFRESH_MS = 10_000;

export function useTicketRefusals(
  office: OfficeDoc | null,
  services: readonly ServiceDoc[],
  tickets: readonly TicketDoc[],
): ReadonlyMap<string, TicketRefusal> {
  const { now } = useWorkstation();
  // The office's clock (corrected by the hub's), read on every render this tick causes.
  useNow(REFRESH_MS);
  const refusals = new Map<string, TicketRefusal>();
  if (!office) return refusals;
  const at = now();
  for (const service of services) {
    const issuedToday =
      service.dailyLimit === undefined ? 0 : tickets.filter((ticket) => issuedFor(ticket, service.id)).length;
    const refusal = ticketRefusal({ office, service, issuedToday, now: at });
    if (refusal) refusals.set(service.id, refusal);
  }
  return refusals;
}
