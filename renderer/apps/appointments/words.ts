/**
 * What goes wrong on the appointments screen, in the clerk's words: the hub's refusals of a
 * booking (contract/public.ts BOOKING_REFUSALS, the same as the booking page's), a lost
 * connection, and the hub's refusals of this workstation or person (its error codes, from the
 * gates of electron/hub/http/gates.ts). Pure, so the wording rules are unit-tested.
 */
import type { MessageId } from '../../i18n/i18n';
import type { Problem } from '../booking/problems';

const PROBLEMS: Readonly<Record<Problem, MessageId>> = {
  'slot-taken': 'appointments.problem.slot-taken',
  'not-bookable': 'appointments.problem.not-bookable',
  'unknown-service': 'appointments.problem.unknown-service',
  'unknown-booking': 'appointments.problem.unknown-booking',
  'booking-closed': 'appointments.problem.booking-closed',
  'too-many-requests': 'appointments.problem.too-many-requests',
  lost: 'appointments.problem.lost',
  missing: 'appointments.problem.missing',
};

export function clerkWords(problem: Problem): MessageId {
  return PROBLEMS[problem];
}

const DENIALS: Readonly<Record<string, MessageId>> = {
  'forbidden-kind': 'appointments.denied.forbidden-kind',
  'forbidden-role': 'appointments.denied.forbidden-role',
  'sign-in-required': 'appointments.denied.sign-in-required',
  'session-ended': 'appointments.denied.session-ended',
  'unknown-token': 'appointments.denied.unknown-token',
  'client-too-old': 'appointments.denied.client-too-old',
};

/** Why the hub will not let this workstation or person book; a code not known here in general words. */
export function denialWords(code: string): MessageId {
  return Object.hasOwn(DENIALS, code) ? DENIALS[code]! : 'appointments.denied.other';
}
