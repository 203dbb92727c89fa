/** The visitor's details and signature belong to this visit only: a new ticket starts clean. */
import { useCallback, useState } from 'react';
import type { Acknowledged } from './acknowledgement';
import type { Visitor } from './visitor-panel';

export interface Visit {
  readonly ticket: string;
  readonly visitor: Visitor | null;
  readonly acknowledged: Acknowledged | null;
}

export interface VisitState {
  /** What is known of the visit to `ticketId`: nothing while it is another ticket's. */
  readonly visit: Visit;
  readonly setVisitor: (visitor: Visitor | null) => void;
  readonly setAcknowledged: (acknowledged: Acknowledged | null) => void;
}

/** `ticketId`: the ticket at the counter now, empty when there is none. */
export function useVisit(ticketId: string): VisitState {
  const [visit, setVisit] = useState<Visit>({ ticket: '', visitor: null, acknowledged: null });
  const setVisitor = useCallback(
    (visitor: Visitor | null) =>
      setVisit((old) => ({
        ticket: ticketId,
        visitor,
        acknowledged: old.ticket === ticketId ? old.acknowledged : null,
      })),
    [ticketId],
  );
  const setAcknowledged = useCallback(
    (acknowledged: Acknowledged | null) =>
      setVisit((old) => ({
        ticket: ticketId,
        visitor: old.ticket === ticketId ? old.visitor : null,
        acknowledged,
      })),
    [ticketId],
  );
  return {
    visit: visit.ticket === ticketId ? visit : { ticket: ticketId, visitor: null, acknowledged: null },
    setVisitor,
    setAcknowledged,
  };
}
