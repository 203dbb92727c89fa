/**
 * "Your turn is near" at the kiosk (contract/hub-turn-near.ts), for a kiosk's token or window
 * session only (ROUTE_ACCESS `turn-near`): what this hub can send, and a visitor's request taken
 * into the outbox (electron/hub/turn-near.ts). The log names the ticket and the channel, never
 * the number or the address.
 */
import { TurnNearRequestSchema, type TurnNearOffer } from '../../../common/contract/hub-turn-near';
import { registerTurnNear } from '../../turn-near';
import { parseBody, readJson } from '../body';
import type { StationContext } from '../context';
import { sendJson } from '../messages';

export async function turnNearOffer({ hub, response }: StationContext): Promise<void> {
  const { channels, ahead } = hub.turnNear;
  const offer: TurnNearOffer = { sms: channels.includes('sms'), email: channels.includes('email'), ahead };
  sendJson(response, 200, offer);
}

export async function turnNearRegister({ hub, request, response }: StationContext): Promise<void> {
  const body = parseBody(
    TurnNearRequestSchema,
    await readJson(request),
    'a request is {ticket, channel: sms|email, recipient, language, consent: true}',
  );
  await registerTurnNear(hub.store.db, hub.turnNear, body, hub.now());
  hub.log.info('turn-near requested', { ticket: body.ticket, channel: body.channel });
  sendJson(response, 200, { accepted: true, ahead: hub.turnNear.ahead });
}
