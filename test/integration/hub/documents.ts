/** Valid documents for the hub tests, built with the real domain functions. */
import { HUB_STAMP_FIELD, type PushRequest, type WireDocument } from '../../../electron/common/contract/hub';
import { DEMO_OFFICE, DEMO_SERVICES } from '../../../electron/common/domain/demo-office';
import { officeDay } from '../../../electron/common/domain/office-time';
import type { OfficeDoc, ServiceDoc } from '../../../electron/common/domain/schemas';
import { issueTicket, transition, type Ticket } from '../../../electron/common/domain/ticket';

export const STATION = { station: 'ws-hub-test' } as const;
export type PushRow = PushRequest['rows'][number];

export function today(): string {
  return officeDay(Date.now(), DEMO_OFFICE.timeZone);
}

export function ticket(id: string, seq = 1, options: { day?: string; service?: string; at?: number } = {}): Ticket {
  const at = options.at ?? 1_700_000_000_000 + seq;
  return issueTicket(
    { id, day: options.day ?? today(), service: options.service ?? 'vehicles', letter: 'A', seq, priority: null },
    STATION,
    at,
  );
}

/** The ticket called to `counter`: what the board shows. */
export function called(ticketDoc: Ticket, counter: number, at = Date.now()): Ticket {
  return transition(ticketDoc, { type: 'call', counter }, { ...STATION, counter }, at);
}

export function officeDoc(at = 1): OfficeDoc {
  return { ...DEMO_OFFICE, updatedAt: at };
}

export function serviceDocs(at = 1): ServiceDoc[] {
  return DEMO_SERVICES.map((service) => ({ ...service, updatedAt: at }));
}

export function wire<T extends { id: string }>(document: T, deleted = false): WireDocument {
  return { ...document, _deleted: deleted } as WireDocument;
}

export function insert<T extends { id: string }>(document: T): PushRow {
  return { newDocumentState: wire(document) };
}

/** A change of a document the workstation last saw as `master` (as the hub sent it). */
export function update<T extends { id: string }>(document: T, master: WireDocument, deleted = false): PushRow {
  return { newDocumentState: wire(document, deleted), assumedMasterState: master };
}

/** What a workstation sends after a local change: `hubStamp` reset to 0. */
export function edited(
  master: WireDocument,
  change: Record<string, unknown>,
): Record<string, unknown> & { id: string } {
  const { _deleted: _ignored, ...rest } = master;
  return { ...rest, ...change, ...(HUB_STAMP_FIELD in rest ? { [HUB_STAMP_FIELD]: 0 } : {}) };
}
