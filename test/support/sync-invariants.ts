/**
 * What must hold after any sync scenario, checked on the converged tickets: nothing lost, no
 * number issued twice, no visitor held by two counters at once, every workstation and the hub
 * agreeing. Returns readable violations (empty = all well) so a failing test says what broke.
 */
import type { Ticket, TicketEvent } from '../../electron/common/domain/ticket';

const RELEASE: ReadonlySet<TicketEvent['type']> = new Set([
  'done',
  'no-show',
  'parked',
  'transferred',
  'cancelled',
  'expired',
]);

export function doubleCalls(ticket: Ticket): string[] {
  const problems: string[] = [];
  let holder: number | null = null;
  for (const event of ticket.events) {
    if (event.type === 'overruled') continue;
    if (event.type === 'called' || event.type === 'resumed') {
      if (holder !== null)
        problems.push(
          `${ticket.number} (${ticket.id}) called by counter ${event.by.counter} while counter ${holder} held it`,
        );
      holder = event.by.counter ?? null;
    } else if (RELEASE.has(event.type)) {
      holder = null;
    }
  }
  return problems;
}

export function duplicateNumbers(tickets: readonly Ticket[]): string[] {
  const seen = new Map<string, string>();
  const problems: string[] = [];
  for (const ticket of tickets) {
    const key = `${ticket.day}|${ticket.service}|${ticket.number}`;
    const other = seen.get(key);
    if (other && other !== ticket.id)
      problems.push(
        `number ${ticket.number} (${ticket.service}, ${ticket.day}) issued twice: ${other} and ${ticket.id}`,
      );
    seen.set(key, ticket.id);
  }
  return problems;
}

export function missing(tickets: readonly Ticket[], issuedIds: Iterable<string>): string[] {
  const present = new Set(tickets.map((ticket) => ticket.id));
  return [...issuedIds].filter((id) => !present.has(id)).map((id) => `ticket ${id} lost`);
}

/** The parts of a ticket every replica must agree on. */
export function fingerprint(tickets: readonly Ticket[]): string[] {
  return tickets
    .map((ticket) => `${ticket.id} ${ticket.number} ${ticket.state} c${ticket.counter} e${ticket.events.length}`)
    .sort();
}

export function violations(tickets: readonly Ticket[], issuedIds: Iterable<string>): string[] {
  return [...missing(tickets, issuedIds), ...duplicateNumbers(tickets), ...tickets.flatMap(doubleCalls)];
}
