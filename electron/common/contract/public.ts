/**
 * The hub's public routes: what a resident's browser asks with no install and no sign-in — the
 * booking page (`/#/booking`) and a ticket's status page (`/#/status/<ticket>`), both screens of
 * the renderer the hub serves. Shared by the hub (electron/hub/http/handlers/public.ts) and those
 * screens. No token; the version header is checked only when sent. Rate-limited per address.
 *
 *   GET    /api/v1/public/office                      the office, its bookable services
 *   GET    /api/v1/public/slots?service&from&days      free slots of a service (days ≤ 92)
 *   POST   /api/v1/public/bookings                     book a slot → the codes (BookingCreated)
 *   GET    /api/v1/public/bookings/:code?key           the booking, for its holder
 *   POST   /api/v1/public/bookings/:code/move?key      another slot for it
 *   POST   /api/v1/public/bookings/:code/cancel?key    cancel it
 *   GET    /api/v1/public/bookings/:code/calendar.ics?key   the calendar file
 *   GET    /api/v1/public/tickets/:id                  a ticket's place in the queue (no personal data)
 *
 * A booking is found by its six-digit code (what the kiosk takes) **and** its key (ten letters and
 * digits, in the link of the confirmation and the calendar file): the code alone is guessable, and
 * a wrong key answers exactly as an unknown code does. A staff member books, moves and cancels by
 * code alone through the signed-in routes (contract/hub.ts), never these.
 */
import { z } from 'zod';
import { LANGUAGES } from '../domain/office';

export const PUBLIC_PREFIX = '/public';
/** How many days of slots one request may ask for. */
export const MAX_SLOT_DAYS = 92;

const Localized = z.object({ pl: z.string(), en: z.string(), uk: z.string() });
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const BOOKING_KEY_LENGTH = 10;
export const BookingKeySchema = z.string().regex(new RegExp(`^[A-HJ-NP-Z2-9]{${BOOKING_KEY_LENGTH}}$`));
export const BookingCodeSchema = z.string().regex(/^\d{6}$/);

export const PublicOfficeSchema = z.object({
  name: Localized,
  address: z.string(),
  timeZone: z.string(),
  /** The services a resident may book, in the kiosk's order. */
  services: z.array(z.object({ id: z.string(), name: Localized })),
});
export type PublicOffice = z.infer<typeof PublicOfficeSchema>;

export const SlotsQuerySchema = z.object({
  service: z.string().min(1).max(64),
  from: Day.optional(),
  days: z.coerce.number().int().min(1).max(MAX_SLOT_DAYS).default(14),
});

export const FreeSlotSchema = z.object({
  /** The instant (epoch ms): what a booking names. */
  at: z.number(),
  day: Day,
  /** Wall clock in the office's time zone. */
  time: z.string(),
  minutes: z.number(),
  left: z.number(),
});
export const SlotsSchema = z.object({ service: z.string(), slots: z.array(FreeSlotSchema) });
export type Slots = z.infer<typeof SlotsSchema>;

export const BookingRequestSchema = z.strictObject({
  service: z.string().min(1).max(64),
  at: z.number().int().min(0),
  name: z.string().trim().min(2).max(120),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()-]{9,20}$/)
    .optional(),
  email: z.email().max(200).optional(),
  language: z.enum(LANGUAGES).default('pl'),
});
export type BookingRequest = z.infer<typeof BookingRequestSchema>;

export const MoveRequestSchema = z.strictObject({ at: z.number().int().min(0) });

export const BookingSchema = z.object({
  code: BookingCodeSchema,
  service: z.object({ id: z.string(), name: Localized }),
  at: z.number(),
  day: Day,
  time: z.string(),
  /** The slot's length, for the page and the calendar file. */
  minutes: z.number(),
  state: z.enum(['booked', 'checked-in', 'cancelled', 'no-show']),
  name: z.string(),
});
export type Booking = z.infer<typeof BookingSchema>;

export const BookingCreatedSchema = BookingSchema.extend({ key: BookingKeySchema });
export type BookingCreated = z.infer<typeof BookingCreatedSchema>;

/** Why a booking, a move or a cancellation was refused (HTTP 409 or 404), in a code the page words. */
export const BOOKING_REFUSALS = [
  /** Someone else took the last place a moment ago: pick another slot. */
  'slot-taken',
  /** No such slot, or no longer bookable (too late, too far ahead, a holiday). */
  'not-bookable',
  'unknown-service',
  /** No booking with this code and key (a wrong key reads the same). */
  'unknown-booking',
  /** Checked in or cancelled already: nothing to move or cancel. */
  'booking-closed',
  /** Too many requests from this address: wait a minute. */
  'too-many-requests',
] as const;
export type BookingRefusal = (typeof BOOKING_REFUSALS)[number];
export const BookingRefusalSchema = z.object({ refused: z.enum(BOOKING_REFUSALS) });

/** The HTTP status of each refusal: 404 for what is not there, 429 for too many, 409 otherwise. */
export const BOOKING_REFUSAL_STATUS: Readonly<Record<BookingRefusal, number>> = {
  'slot-taken': 409,
  'not-bookable': 409,
  'unknown-service': 404,
  'unknown-booking': 404,
  'booking-closed': 409,
  'too-many-requests': 429,
};

/** `?key=…`: the manage key of the routes under /public/bookings/:code. */
export const BookingKeyQuerySchema = z.object({ key: BookingKeySchema });

/** The booking page's address for one booking, as the confirmation and the calendar file link it. */
export function bookingLink(origin: string, code: string, key: string): string {
  return `${origin.replace(/\/+$/, '')}/#/booking/${code}-${key}`;
}

/**
 * A ticket's id as its address carries it: a UUID (`crypto.randomUUID()`, 122 random bits), so an
 * address cannot be guessed. Anything else is answered as an unknown ticket is (404, alike).
 */
export const TICKET_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * What the status page says of a ticket's state, in the visitor's words: `called` to a counter,
 * `serving` (or paused) there, `done`, or `gone` — cancelled, missed the call (no-show), expired, or
 * still open from an earlier day.
 */
export const PUBLIC_TICKET_STATES = ['waiting', 'called', 'serving', 'done', 'gone'] as const;
export type PublicTicketState = (typeof PUBLIC_TICKET_STATES)[number];

const Count = z.number().int().min(0);

/**
 * A ticket's place in the queue, for the page its QR code opens: no name, nothing personal; the
 * ticket's id (a random UUID) is the address, and a guessed one answers 404 like a wrong one.
 * Built field by field at the hub (electron/hub/ticket-status.ts), never from the document as a
 * whole: the document names the clerks, the workstation and the priority reason.
 */
export const TicketStatusSchema = z.object({
  number: z.string(),
  service: Localized,
  state: z.enum(PUBLIC_TICKET_STATES),
  /**
   * Visitors the office's rule would call before this one (waiting only; 0 otherwise): today's
   * waiting tickets of the same service, ordered as a counter orders them (domain/ordering.ts
   * `peopleAhead`, the kiosk's "people ahead"); for a ticket sent to one counter, the tickets
   * sent to that counter before it. An estimate: a counter serving several services may call
   * another service's visitor in between.
   */
  ahead: Count,
  /** Minutes until a call, roughly, rounded up to 5 (waiting with someone ahead; 0 otherwise). */
  estimatedMinutes: Count,
  /** The counter it was called to (called or serving; 0 otherwise). */
  counter: Count,
  /** When it was last called, epoch ms (called or serving; 0 otherwise). */
  calledAt: Count,
  office: Localized,
});
export type TicketStatus = z.infer<typeof TicketStatusSchema>;
