/**
 * A ticket on paper: the words in the visitor's language go to the station, which lays them out
 * and prints them. A printer that cannot print raises an alert for the supervisor; the number is
 * issued either way.
 */
import type { ErrorCode } from '../../../electron/common/contract/result';
import type { Language } from '../../../electron/common/domain/office';
import type { Ticket } from '../../../electron/common/domain/ticket';
import type { StationApi } from '../../api/api';
import type { OfficeDoc, ServiceDoc } from '../../db/schemas';
import { translator } from '../../i18n/i18n';

export type PrintOutcome =
  { state: 'printing' } | { state: 'printed' } | { state: 'failed'; code: ErrorCode } | { state: 'no-printer' };

/** A ticket just issued, with its place in the queue when it was issued. */
export interface IssuedTicket {
  readonly ticket: Ticket;
  readonly service: ServiceDoc;
  /** People ahead in the queue. */
  readonly ahead: number;
  /** Estimated wait in minutes. */
  readonly wait: number;
}

/** Tells the supervisor what kept the ticket `ticketNumber` from printing (or that paper runs low). */
export type RaiseAlert = (code: string, ticketNumber: string) => Promise<void>;

/** Hours and minutes in the visitor's language, on the office's clock. */
export function timeOf(language: Language, timeZone: string | undefined, at: number): string {
  return new Intl.DateTimeFormat(language, { timeZone, hour: '2-digit', minute: '2-digit' }).format(at);
}

/** An office day (`YYYY-MM-DD`) in the visitor's language: "10 marca 2026", or with its weekday ('full'). */
export function dateOf(language: Language, day: string, dateStyle: 'long' | 'full' = 'long'): string {
  // Noon UTC of that calendar day names the same day in every time zone's formatting.
  return new Intl.DateTimeFormat(language, { dateStyle, timeZone: 'UTC' }).format(Date.parse(`${day}T12:00:00Z`));
}

export async function printTicket(
  api: StationApi,
  { ticket, service, ahead, wait }: IssuedTicket,
  office: OfficeDoc,
  language: Language,
  alert: RaiseAlert,
): Promise<PrintOutcome> {
  const tr = translator(language);
  const lines = [tr('ticket.print.ahead', { count: ahead })];
  if (ahead > 0) lines.push(tr('ticket.print.wait', { minutes: wait }));
  if (ticket.priority) lines.push(tr('ticket.print.priority'));
  if (ticket.appointmentAt)
    lines.push(tr('ticket.print.appointment', { time: timeOf(language, office.timeZone, ticket.appointmentAt) }));
  const result = await api.printer.printTicket({
    ticketId: ticket.id,
    language,
    office: office.name[language],
    service: service.name[language],
    number: ticket.number,
    issued: new Intl.DateTimeFormat(language, {
      timeZone: office.timeZone,
      dateStyle: 'short',
      timeStyle: 'short',
    }).format(ticket.issuedAt),
    lines,
    qr: office.statusUrl.replace('{id}', encodeURIComponent(ticket.id)),
    note: office.ticketNote[language],
  });
  if (result.ok) {
    if (result.value.warning) await alert('paper-near-end', ticket.number);
    return { state: 'printed' };
  }
  if (result.error.code === 'PRINTER_NOT_CONFIGURED') return { state: 'no-printer' };
  await alert(result.error.code, ticket.number);
  return { state: 'failed', code: result.error.code };
}
