/**
 * One booking's address: `#/booking/<code>-<key>`, as contract/public.ts `bookingLink` forms it for
 * the confirmation and the calendar file. Read back leniently (a key typed or copied in lower
 * case, spaces around it); anything that is not a code and a key is no booking, which the page
 * says as it says an unknown one.
 */
import { BookingCodeSchema, BookingKeySchema, bookingLink } from '../../../electron/common/contract/public';
import type { BookingHandle } from './booking-client';

/** The code and key in the address's segment, or null when it holds no such pair. */
export function parseManage(segment: string): BookingHandle | null {
  let text: string;
  try {
    text = decodeURIComponent(segment).trim();
  } catch {
    return null;
  }
  const match = /^(\d{6})-([A-Za-z0-9]+)$/.exec(text);
  if (!match) return null;
  const code = BookingCodeSchema.safeParse(match[1]);
  const key = BookingKeySchema.safeParse(match[2]!.toUpperCase());
  return code.success && key.success ? { code: code.data, key: key.data } : null;
}

/** The link that manages a booking, on the page's own origin (the hub's). */
export function manageLink(origin: string, handle: BookingHandle): string {
  return bookingLink(origin, handle.code, handle.key);
}
