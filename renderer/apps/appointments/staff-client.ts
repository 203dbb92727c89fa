/**
 * A workstation's questions to its office hub for the appointments screen: the workstation and
 * the person behind it (`/me`), the office's bookable services and free slots (the public routes,
 * contract/public.ts), and booking, finding, moving and cancelling by code alone (the staff
 * routes, contract/hub-appointments.ts), in the session the station opened for this window.
 *
 * Every answer is a value, a refusal in the hub's code, "not there", a lost connection (no hub, no
 * session yet, no answer in time, a server failure) or — for the staff routes — a denial of this
 * workstation or person in the hub's code: never an exception. It implements the booking page's
 * `BookingClient`, so that page's pickers and reducers serve here too; a booking's manage key means
 * nothing to a clerk and is ignored. DOM-free, `fetch` passed in.
 */
import { MeResponseSchema, type MeResponse } from '../../../electron/common/contract/hub';
import { APPOINTMENTS_PATH } from '../../../electron/common/contract/hub-appointments';
import {
  BookingCreatedSchema,
  BookingRefusalSchema,
  BookingSchema,
  PUBLIC_PREFIX,
  PublicOfficeSchema,
  SlotsSchema,
  type Booking,
  type BookingCreated,
  type BookingRequest,
} from '../../../electron/common/contract/public';
import type { z } from 'zod';
import type { BookingClient } from '../booking/booking-client';
import type { PublicAnswer } from '../public/public-client';
import { askHub, hubErrorCode, type HubAccessPoint, type HubRequest } from '../../app/hub-request';

/** A staff route's answer: a public one, or the hub's refusal of this workstation or person. */
export type StaffAnswer<T> = PublicAnswer<T> | { readonly kind: 'denied'; readonly code: string };

export type { HubAccessPoint };

export interface StaffClientOptions {
  /** Asked before every request: the session changes with whoever signs in or out here. */
  readonly connection: () => Promise<HubAccessPoint | null>;
  readonly appVersion: string;
  readonly fetch?: typeof fetch;
  /** A hub that has not answered in this time counts as not answering. */
  readonly timeoutMs?: number;
  /** Told of every answer that was lost or denied, before the caller gets it. */
  readonly onTrouble?: (answer: Extract<StaffAnswer<never>, { kind: 'lost' | 'denied' }>) => void;
}

export interface StaffClient extends BookingClient {
  me(): Promise<StaffAnswer<MeResponse>>;
}

export const STAFF_TIMEOUT_MS = 8000;

export function staffClient(options: StaffClientOptions): StaffClient {
  const fetcher = options.fetch ?? ((input, init) => fetch(input, init));
  const ask = async <T>(path: string, schema: z.ZodType<T>, init: HubRequest = {}): Promise<StaffAnswer<T>> => {
    const answer = await askStaff(fetcher, options, path, schema, init);
    if (answer.kind === 'lost' || answer.kind === 'denied') options.onTrouble?.(answer);
    return answer;
  };
  /** For the booking page's parts: a denial is no answer they could act on. */
  const plain = async <T>(answer: Promise<StaffAnswer<T>>): Promise<PublicAnswer<T>> => {
    const settled = await answer;
    return settled.kind === 'denied' ? { kind: 'lost' } : settled;
  };
  const staff = (code: string, suffix = '') => `${APPOINTMENTS_PATH}/${encodeURIComponent(code)}${suffix}`;
  return {
    me: () => ask('/me', MeResponseSchema, { signedIn: true }),
    office: () => plain(ask(`${PUBLIC_PREFIX}/office`, PublicOfficeSchema)),
    slots: (service, from, days) => {
      const query = new URLSearchParams({ service, from, days: String(days) });
      return plain(ask(`${PUBLIC_PREFIX}/slots?${query.toString()}`, SlotsSchema));
    },
    book: (request: BookingRequest) =>
      plain(
        ask<BookingCreated>(APPOINTMENTS_PATH, BookingCreatedSchema, { method: 'POST', body: request, signedIn: true }),
      ),
    find: ({ code }) => plain(ask<Booking>(staff(code), BookingSchema, { signedIn: true })),
    move: ({ code }, at) =>
      plain(ask<Booking>(staff(code, '/move'), BookingSchema, { method: 'POST', body: { at }, signedIn: true })),
    cancel: ({ code }) =>
      plain(ask<Booking>(staff(code, '/cancel'), BookingSchema, { method: 'POST', signedIn: true })),
  };
}

async function askStaff<T>(
  fetcher: typeof fetch,
  options: StaffClientOptions,
  path: string,
  schema: z.ZodType<T>,
  request: HubRequest,
): Promise<StaffAnswer<T>> {
  const point = await options.connection().catch(() => null);
  const context = {
    fetch: fetcher,
    point,
    appVersion: options.appVersion,
    timeoutMs: options.timeoutMs ?? STAFF_TIMEOUT_MS,
  };
  const answer = await askHub(context, path, schema, request);
  return answer.kind === 'failed' ? failedAnswer(answer.status, answer.body) : answer;
}

/** The hub's refusal of a booking, of the workstation or the person; 404 as "not there"; else lost. */
function failedAnswer(status: number, body: unknown): StaffAnswer<never> {
  const refusal = BookingRefusalSchema.safeParse(body);
  if (refusal.success) return { kind: 'refused', refusal: refusal.data.refused };
  // 401: the session ended or the token is unknown; 403: the kind or the role; 426: too old an app.
  if (status === 401 || status === 403 || status === 426)
    return { kind: 'denied', code: hubErrorCode(body) || String(status) };
  if (status === 404) return { kind: 'missing' };
  if (status === 429) return { kind: 'refused', refusal: 'too-many-requests' };
  return { kind: 'lost' };
}
