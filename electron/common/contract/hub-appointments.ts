/**
 * A clerk booking for a caller — on the phone or at the counter — at the office hub: the staff
 * routes, in a signed-in session of a counter or a supervisor's desk (hub-access.ts ROUTE_ACCESS
 * `appointments`). The same booking as the public page's (contract/public.ts): the hub decides who
 * gets a slot in one transaction, and the answers and refusals are the public ones. A clerk finds,
 * moves and cancels a booking by its code alone; the resident needs the code and the manage key.
 * Offline a counter cannot book: it would promise a slot the hub may give to someone else.
 *
 *   POST /api/v1/appointments                {service, at, name, phone?, email?, language?} → BookingCreated
 *   GET  /api/v1/appointments/:code          → Booking
 *   POST /api/v1/appointments/:code/move     {at} → Booking
 *   POST /api/v1/appointments/:code/cancel   (no body) → Booking
 *
 * A refusal is `{refused}` (BookingRefusalSchema) with its status (BOOKING_REFUSAL_STATUS).
 */
import { BookingRequestSchema, MoveRequestSchema } from './public';

export const APPOINTMENTS_PATH = '/appointments';

/** What the clerk asks for the caller: the same as a resident gives on the booking page. */
export const StaffBookingRequestSchema = BookingRequestSchema;
export const StaffMoveRequestSchema = MoveRequestSchema;
