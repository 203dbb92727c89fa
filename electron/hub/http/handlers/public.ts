/**
 * The residents' booking page's routes (contract/public.ts): no token, no sign-in. Every request
 * is counted against its address first (rate-limit.ts: 429 `{refused: 'too-many-requests'}`), its
 * query and body checked against the contract's schemas (400 naming the field), then answered —
 * a refusal as `{refused}` with its status (BOOKING_REFUSAL_STATUS). Nothing personal goes out but
 * a booking's own details, to the holder of its manage key.
 */
import type http from 'node:http';
import type { TLSSocket } from 'node:tls';
import {
  BOOKING_REFUSAL_STATUS,
  BookingCodeSchema,
  BookingKeyQuerySchema,
  BookingRequestSchema,
  MoveRequestSchema,
  SlotsQuerySchema,
  type BookingRefusal,
} from '../../../common/contract/public';
import { addDays } from '../../../common/domain/calendar';
import { publicOffice, BookingRefused, freeSlotsFor } from '../../booking-reads';
import { bookSlot, cancelBooking, findBooking, findForCalendar, moveBooking } from '../../bookings';
import { bookingCalendar } from '../../calendar-file';
import { badRequest, HubFailure } from '../../errors';
import { parseBody, parseQuery, readJson } from '../body';
import type { RequestContext } from '../context';
import { headerValue, sendJson } from '../messages';
import { clientAddress } from '../rate-limit';

type Handler = (context: RequestContext) => Promise<void>;

/** Sends a refusal as the booking page reads it. */
export function sendRefusal(response: http.ServerResponse, refusal: BookingRefusal, headers = {}): void {
  sendJson(response, BOOKING_REFUSAL_STATUS[refusal], { refused: refusal }, headers);
}

/** `handle`, after the address's bucket of `kind` gave it a turn; a BookingRefused becomes its answer. */
function publicRoute(kind: 'reads' | 'writes', handle: Handler): Handler {
  return async (context) => {
    const { hub, request, response } = context;
    const limiter = hub.publicLimits[kind];
    const address = clientAddress(request);
    if (!limiter.take(address, hub.now())) {
      const seconds = Math.max(1, Math.ceil(limiter.waitMs(address, hub.now()) / 1000));
      sendRefusal(response, 'too-many-requests', { 'Retry-After': String(seconds) });
      return;
    }
    await answerRefusals(context, handle);
  };
}

/** Runs `handle`; a BookingRefused it throws is sent as `{refused}` (anything else goes on to failures.ts). */
export async function answerRefusals<C extends RequestContext>(context: C, handle: (c: C) => Promise<void>) {
  try {
    await handle(context);
  } catch (error) {
    if (!(error instanceof BookingRefused)) throw error;
    sendRefusal(context.response, error.refusal);
  }
}

/** The six-digit code in `/…/bookings/:code/…` or `/appointments/:code/…`; 400 when it is not one. */
export function bookingCode(url: URL): string {
  const segment = /\/(?:public\/bookings|appointments)\/([^/]+)/.exec(url.pathname)?.[1];
  const parsed = BookingCodeSchema.safeParse(segment);
  if (!parsed.success) throw badRequest('The booking code in the address must be six digits');
  return parsed.data;
}

/** `?key=…`, upper-cased (a key typed by hand), or 400. */
function manageKey(url: URL): string {
  const key = (url.searchParams.get('key') ?? '').trim().toUpperCase();
  return parseBody(BookingKeyQuerySchema, { key }, 'the manage key is ?key= with its ten letters and digits').key;
}

export const office = publicRoute('reads', async ({ hub, response }) => {
  const answer = await publicOffice(hub.store.db);
  if (!answer) throw new HubFailure(404, 'no-office', 'This office is not set up yet');
  sendJson(response, 200, answer);
});

export const slots = publicRoute('reads', async ({ hub, response, url }) => {
  const query = parseQuery(SlotsQuerySchema, url, 'slots are ?service=<id>&from=YYYY-MM-DD&days=1..92');
  if (query.from !== undefined && addDays(query.from, 0) !== query.from) throw badRequest('from: not a calendar day');
  sendJson(response, 200, await freeSlotsFor(hub.store.db, query, hub.now()));
});

export const book = publicRoute('writes', async ({ hub, request, response }) => {
  const body = parseBody(
    BookingRequestSchema,
    await readJson(request),
    'a booking is {service, at, name, phone?, email?, language?}',
  );
  const outcome = await bookSlot(hub.store, body, hub.now(), hub.publicUrl ?? originOf(request));
  hub.feed.committed(outcome.written);
  sendJson(response, 200, outcome.answer);
});

export const booking = publicRoute('reads', async ({ hub, response, url }) => {
  sendJson(response, 200, await findBooking(hub.store.db, bookingCode(url), { key: manageKey(url) }));
});

export const move = publicRoute('writes', async ({ hub, request, response, url }) => {
  const [code, key] = [bookingCode(url), manageKey(url)];
  const body = parseBody(MoveRequestSchema, await readJson(request), 'a move is {at}');
  const outcome = await moveBooking(hub.store, code, { key }, body.at, hub.now());
  hub.feed.committed(outcome.written);
  sendJson(response, 200, outcome.answer);
});

export const cancel = publicRoute('writes', async ({ hub, response, url }) => {
  const outcome = await cancelBooking(hub.store, bookingCode(url), { key: manageKey(url) }, hub.now());
  hub.feed.committed(outcome.written);
  sendJson(response, 200, outcome.answer);
});

export const calendar = publicRoute('reads', async ({ hub, request, response, url }) => {
  const [code, key] = [bookingCode(url), manageKey(url)];
  const found = await findForCalendar(hub.store.db, code, key);
  const text = bookingCalendar({ ...found, key, origin: hub.publicUrl ?? originOf(request) });
  response.writeHead(200, {
    'Content-Type': 'text/calendar; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Content-Disposition': `attachment; filename="wizyta-${code}.ics"`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  response.end(text);
});

/** The hub's address as the resident reached it, for the link in the calendar file. */
export function originOf(request: http.IncomingMessage): string {
  const secure = (request.socket as Partial<TLSSocket>).encrypted === true;
  const host = headerValue(request, 'host') ?? '';
  const plausible = /^([A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])(:\d{1,5})?$/.test(host);
  return `${secure ? 'https' : 'http'}://${plausible ? host : 'localhost'}`;
}
