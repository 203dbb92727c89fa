/**
 * The resident's name and optional phone and e-mail, checked with the contract's own rules
 * (contract/public.ts BookingRequestSchema) before anything is sent, each problem worded for its
 * field. An empty phone or e-mail is no phone or e-mail. Pure, so it is unit-tested.
 */
import { BookingRequestSchema } from '../../../electron/common/contract/public';
import type { MessageId } from '../../i18n/i18n';
import type { Details } from './flow';

export type DetailsField = 'name' | 'phone' | 'email';

/** The fields in the order the form shows them (and the error summary lists them). */
export const DETAILS_FIELDS: readonly DetailsField[] = ['name', 'phone', 'email'];

const ERROR_WORDS: Readonly<Record<DetailsField, MessageId>> = {
  name: 'booking.error.name',
  phone: 'booking.error.phone',
  email: 'booking.error.email',
};

/** What a booking request carries of the details. */
export interface Contact {
  readonly name: string;
  readonly phone?: string;
  readonly email?: string;
}

export type DetailsCheck =
  | { readonly ok: true; readonly contact: Contact }
  | { readonly ok: false; readonly errors: ReadonlyMap<DetailsField, MessageId> };

const ContactSchema = BookingRequestSchema.pick({ name: true, phone: true, email: true });

export function checkDetails(details: Details): DetailsCheck {
  const phone = details.phone.trim();
  const email = details.email.trim();
  const parsed = ContactSchema.safeParse({
    name: details.name,
    ...(phone ? { phone } : {}),
    ...(email ? { email } : {}),
  });
  if (parsed.success) return { ok: true, contact: parsed.data };
  const wrong = new Set(parsed.error.issues.map((issue) => issue.path[0]));
  const errors = new Map<DetailsField, MessageId>();
  for (const field of DETAILS_FIELDS) if (wrong.has(field)) errors.set(field, ERROR_WORDS[field]);
  return { ok: false, errors };
}
