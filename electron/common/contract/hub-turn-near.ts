/**
 * "Your turn is near": a kiosk leaves, with the visitor's consent, a phone number or an e-mail
 * address at the hub for one message when few people are left ahead of their ticket
 * (electron/hub/turn-near.ts). Only a kiosk's token or window session passes (hub-access.ts
 * ROUTE_ACCESS `turn-near`). The address never enters the replicated ticket: it goes here, to the
 * hub alone, which deletes it once the message went or the visit is over.
 *
 *   GET  /api/v1/turn-near/offer → TurnNearOffer: the channels this hub sends on, and after how many
 *   POST /api/v1/turn-near       TurnNearRequest → TurnNearAccepted; 409 `not-waiting`, 503 `channel-off`
 *
 * Phone numbers: Polish mobile numbers only (nine digits with a mobile prefix, optionally after
 * +48 or 0048), the only ones an office's SMS account is paid to reach; kept as `+48XXXXXXXXX`.
 * The mobile prefixes are a short, stable list, so no phone-number library is needed for them.
 */
import { z } from 'zod';
import { LANGUAGES } from '../domain/office';
import { TICKET_ID_PATTERN } from './public';

export const TURN_NEAR_PATH = '/turn-near';
export const TURN_NEAR_OFFER_PATH = '/turn-near/offer';

export const TURN_NEAR_CHANNELS = ['sms', 'email'] as const;
export type TurnNearChannel = (typeof TURN_NEAR_CHANNELS)[number];

/** Polish mobile prefixes (45, 50, 51, 53, 57, 60, 66, 69, 72, 73, 78, 79, 88) and seven digits. */
const POLISH_MOBILE = /^(?:45|5[0137]|6[069]|7[2389]|88)\d{7}$/;
export const MAX_EMAIL_LENGTH = 200;

/** A Polish mobile number as `+48XXXXXXXXX`, from what a visitor may type; null when it is not one. */
export function polishMobile(input: string): string | null {
  const compact = input.replace(/[\s().-]/g, '');
  if (!/^(?:\+48|0048|48)?\d{9}$/.test(compact)) return null;
  const national = compact.slice(-9);
  return POLISH_MOBILE.test(national) ? `+48${national}` : null;
}

const EmailSchema = z.email().max(MAX_EMAIL_LENGTH);

/** A plausible e-mail address, trimmed; null when it is not one. */
export function emailAddress(input: string): string | null {
  const parsed = EmailSchema.safeParse(input.trim());
  return parsed.success ? parsed.data : null;
}

/** The recipient as the hub keeps it, or null when it does not fit the channel. */
export function recipientFor(channel: TurnNearChannel, input: string): string | null {
  return channel === 'sms' ? polishMobile(input) : emailAddress(input);
}

export const TurnNearRequestSchema = z
  .strictObject({
    ticket: z.string().regex(TICKET_ID_PATTERN),
    channel: z.enum(TURN_NEAR_CHANNELS),
    recipient: z.string().max(MAX_EMAIL_LENGTH),
    language: z.enum(LANGUAGES),
    /** The visitor ticked the consent: without it nothing is taken. */
    consent: z.literal(true),
  })
  .refine((request) => recipientFor(request.channel, request.recipient) !== null, {
    message: 'a Polish mobile number for sms, an e-mail address for email',
    path: ['recipient'],
  });
export type TurnNearRequest = z.infer<typeof TurnNearRequestSchema>;

export const TurnNearOfferSchema = z.strictObject({
  sms: z.boolean(),
  email: z.boolean(),
  /** The message goes when this many people or fewer are ahead. */
  ahead: z.number().int().min(0),
});
export type TurnNearOffer = z.infer<typeof TurnNearOfferSchema>;

export const TurnNearAcceptedSchema = z.strictObject({
  accepted: z.literal(true),
  ahead: z.number().int().min(0),
});
export type TurnNearAccepted = z.infer<typeof TurnNearAcceptedSchema>;
