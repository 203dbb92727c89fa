/** Builders for tickets in unit tests, through the real life-cycle functions. */
import type { PriorityReason } from '../../electron/common/domain/office';
import { issueTicket, type Ticket } from '../../electron/common/domain/ticket';

export const STATION = { station: 'ws-test' } as const;

export function waitingTicket(
  seq: number,
  options: { service?: string; priority?: PriorityReason | null; at?: number; targetCounter?: number } = {},
): Ticket {
  const ticket = issueTicket(
    {
      id: `t${seq}`,
      day: '2026-11-22',
      service: options.service ?? 'vehicles',
      letter: 'A',
      seq,
      priority: options.priority ?? null,
    },
    STATION,
    options.at ?? 1_000 * seq,
  );
  return options.targetCounter ? { ...ticket, targetCounter: options.targetCounter } : ticket;
}
