/**
 * The booking page's questions to the hub (contract/public.ts), each answered as a PublicAnswer:
 * the office and its bookable services, the free slots of a service, book, find, move, cancel —
 * and the address of a booking's calendar file. A booking is named by its code and manage key.
 */
import {
  BookingCreatedSchema,
  BookingSchema,
  PublicOfficeSchema,
  SlotsSchema,
  type Booking,
  type BookingCreated,
  type BookingRequest,
  type PublicOffice,
  type Slots,
} from '../../../electron/common/contract/public';
import { askPublic, publicAddress, type PublicAnswer } from '../public/public-client';

/** A booking as its link names it. */
export interface BookingHandle {
  readonly code: string;
  readonly key: string;
}

export interface BookingClient {
  office(): Promise<PublicAnswer<PublicOffice>>;
  /** Free slots of `service` for `days` days from `from` (an office day). */
  slots(service: string, from: string, days: number): Promise<PublicAnswer<Slots>>;
  book(request: BookingRequest): Promise<PublicAnswer<BookingCreated>>;
  find(handle: BookingHandle): Promise<PublicAnswer<Booking>>;
  move(handle: BookingHandle, at: number): Promise<PublicAnswer<Booking>>;
  cancel(handle: BookingHandle): Promise<PublicAnswer<Booking>>;
}

/** `/bookings/<code>` with `suffix`, and the key in the query. */
function bookingPath({ code, key }: BookingHandle, suffix = ''): string {
  return `/bookings/${encodeURIComponent(code)}${suffix}?key=${encodeURIComponent(key)}`;
}

/** The calendar file's address, for a download link. */
export function calendarAddress(handle: BookingHandle): string {
  return publicAddress(bookingPath(handle, '/calendar.ics'));
}

export function bookingClient(fetcher: typeof fetch): BookingClient {
  return {
    office: () => askPublic(fetcher, '/office', PublicOfficeSchema),
    slots: (service, from, days) => {
      const query = new URLSearchParams({ service, from, days: String(days) });
      return askPublic(fetcher, `/slots?${query.toString()}`, SlotsSchema);
    },
    book: (request) => askPublic(fetcher, '/bookings', BookingCreatedSchema, { method: 'POST', body: request }),
    find: (handle) => askPublic(fetcher, bookingPath(handle), BookingSchema),
    move: (handle, at) =>
      askPublic(fetcher, bookingPath(handle, '/move'), BookingSchema, { method: 'POST', body: { at } }),
    cancel: (handle) => askPublic(fetcher, bookingPath(handle, '/cancel'), BookingSchema, { method: 'POST' }),
  };
}

/** The page's client, over the browser's fetch. */
export const browserClient: BookingClient = bookingClient((input, init) => fetch(input, init));
