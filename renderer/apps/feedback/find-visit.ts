/**
 * Which visit the exit tablet asks about: the finished visit of today that a typed ticket number or
 * a scanned QR code's status address names, and whether someone answered for it already.
 */
import { isRated } from '../../../electron/common/domain/satisfaction';
import type { OkienkoDatabase } from '../../db/database';
import type { TicketDoc } from '../../db/schemas';

/** What a QR code's status address names: the ticket's id (contract: `#/status/<id>`). */
const STATUS_ADDRESS = /\/status\/([^/?#\s]{1,100})\s*$/;

export type Found = { readonly kind: 'visit'; readonly ticket: TicketDoc } | { readonly kind: 'already' } | null;

/**
 * A typed number names a visit that ended within this time: numbers follow one another, so a
 * passer-by could otherwise answer for anyone's visit of the day. A scanned QR code names its
 * ticket by an id nobody guesses, and counts all day.
 */
export const TYPED_WITHIN_MS = 60 * 60_000;

const endedAt = (ticket: TicketDoc): number => ticket.events.findLast((event) => event.type === 'done')?.at ?? 0;

/** Today's finished visit the typed number or scanned address names, and whether it is answered. */
export async function findVisit(db: OkienkoDatabase, day: string, typed: string, now: number): Promise<Found> {
  const scanned = STATUS_ADDRESS.exec(typed)?.[1];
  const number = typed.replace(/\s+/g, '').toUpperCase();
  const docs = scanned
    ? [await db.tickets.findOne(decodeURIComponent(scanned)).exec()].filter((doc) => doc !== null)
    : await db.tickets.find({ selector: { day, number } }).exec();
  const visits = docs
    .map((doc) => doc.toJSON() as TicketDoc)
    .filter((t) => t.day === day && t.state === 'done' && (scanned || now - endedAt(t) <= TYPED_WITHIN_MS));
  const open = visits.find((ticket) => !isRated(ticket));
  if (open) return { kind: 'visit', ticket: open };
  return visits.length > 0 ? { kind: 'already' } : null;
}
