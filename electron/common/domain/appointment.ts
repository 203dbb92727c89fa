/**
 * Booked visits. A visitor who booked gets a six-digit code; at the kiosk they type it and are
 * checked in: a ticket is issued that keeps the booked time (see ticket.ts and ordering.ts).
 * No personal data is kept here: the code, the service and the time are enough to serve them.
 *
 *   booked ─► checked-in (ticket issued)
 *      ├───► cancelled
 *      └───► no-show (not checked in by the slot + the office's grace; the hub's timer marks it)
 *
 * A no-show is not final for a kiosk that checked the visitor in while offline: its check-in wins
 * when the two meet (sync/conflict-rules.ts), since the visitor was there and holds a ticket.
 */

export const APPOINTMENT_STATES = ['booked', 'checked-in', 'cancelled', 'no-show'] as const;
export type AppointmentState = (typeof APPOINTMENT_STATES)[number];

export interface Appointment {
  readonly id: string;
  /** Six digits, what the visitor types at the kiosk. Unique in the office. */
  readonly code: string;
  readonly day: string;
  readonly slotAt: number;
  readonly service: string;
  /** The availability rule it was booked under (availability.ts), so a day limit counts per rule; absent for older ones. */
  readonly rule?: string;
  readonly state: AppointmentState;
  /** The ticket issued at check-in; empty before. */
  readonly ticket: string;
  readonly updatedAt: number;
}

export type CheckInRefusal = 'unknown-code' | 'other-day' | 'already-checked-in' | 'cancelled' | 'no-show';

export const CODE_LENGTH = 6;

/** What the visitor typed, without spaces or dashes; null when it cannot be a code. */
export function normaliseCode(typed: string): string | null {
  const digits = typed.replace(/[\s-]/g, '');
  return new RegExp(`^\\d{${CODE_LENGTH}}$`).test(digits) ? digits : null;
}

/** Why this appointment cannot be checked in today, or null when it can. */
export function checkInRefusal(appointment: Appointment | null, today: string): CheckInRefusal | null {
  if (!appointment) return 'unknown-code';
  if (appointment.state === 'cancelled') return 'cancelled';
  if (appointment.state === 'checked-in') return 'already-checked-in';
  // The slot and its grace have passed: the visitor takes an ordinary ticket like everyone else.
  if (appointment.state === 'no-show') return 'no-show';
  if (appointment.day !== today) return 'other-day';
  return null;
}
