/**
 * A clerk booking for a caller, and finding, moving and cancelling a booking by its code alone
 * (contract/hub-appointments.ts), in the session of a person the access table lets through
 * (ROUTE_ACCESS `appointments`). The same transaction as the public page's (bookings.ts); the log
 * names who acted and the service, never the caller.
 */
import { StaffBookingRequestSchema, StaffMoveRequestSchema } from '../../../common/contract/hub-appointments';
import { bookSlot, cancelBooking, findBooking, moveBooking } from '../../bookings';
import { parseBody, readJson } from '../body';
import type { StationContext } from '../context';
import { sendJson } from '../messages';
import { answerRefusals, bookingCode, originOf } from './public';

export async function staffBook(context: StationContext): Promise<void> {
  await answerRefusals(context, async ({ hub, request, response, caller }) => {
    const body = parseBody(
      StaffBookingRequestSchema,
      await readJson(request),
      'a booking is {service, at, name, phone?, email?, language?}',
    );
    const outcome = await bookSlot(hub.store, body, hub.now(), hub.publicUrl ?? originOf(request));
    hub.feed.committed(outcome.written);
    hub.log.info('appointment booked for a caller', { service: body.service, by: caller.user?.login });
    sendJson(response, 200, outcome.answer);
  });
}

export async function staffFind(context: StationContext): Promise<void> {
  await answerRefusals(context, async ({ hub, response, url }) => {
    sendJson(response, 200, await findBooking(hub.store.db, bookingCode(url), 'staff'));
  });
}

export async function staffMove(context: StationContext): Promise<void> {
  await answerRefusals(context, async ({ hub, request, response, url, caller }) => {
    const code = bookingCode(url);
    const body = parseBody(StaffMoveRequestSchema, await readJson(request), 'a move is {at}');
    const outcome = await moveBooking(hub.store, code, 'staff', body.at, hub.now());
    hub.feed.committed(outcome.written);
    hub.log.info('appointment moved for a caller', { service: outcome.answer.service.id, by: caller.user?.login });
    sendJson(response, 200, outcome.answer);
  });
}

export async function staffCancel(context: StationContext): Promise<void> {
  await answerRefusals(context, async ({ hub, response, url, caller }) => {
    const outcome = await cancelBooking(hub.store, bookingCode(url), 'staff', hub.now());
    hub.feed.committed(outcome.written);
    hub.log.info('appointment cancelled for a caller', { service: outcome.answer.service.id, by: caller.user?.login });
    sendJson(response, 200, outcome.answer);
  });
}
