/**
 * What can go wrong on the booking page, in words, and where the resident goes on from there.
 * A refusal is the hub's code (contract/public.ts BOOKING_REFUSALS); `lost` is no usable answer
 * (no network, a server failure); `missing` is a 404 the hub did not put in words (an office not
 * set up yet). Pure, so the wording rules are unit-tested.
 */
import type { BookingRefusal } from '../../../electron/common/contract/public';
import type { MessageId } from '../../i18n/i18n';
import type { PublicAnswer } from '../public/public-client';

export type Problem = BookingRefusal | 'lost' | 'missing';

const WORDS: Readonly<Record<Problem, MessageId>> = {
  'slot-taken': 'booking.problem.slot-taken',
  'not-bookable': 'booking.problem.not-bookable',
  'unknown-service': 'booking.problem.unknown-service',
  'unknown-booking': 'booking.problem.unknown-booking',
  'booking-closed': 'booking.problem.booking-closed',
  'too-many-requests': 'booking.problem.too-many-requests',
  lost: 'booking.problem.lost',
  missing: 'booking.problem.missing',
};

/** The message that words `problem`. */
export function problemWords(problem: Problem): MessageId {
  return WORDS[problem];
}

/**
 * The words after a booking or a move was sent and not taken: a lost connection says what was
 * typed is kept and to send it again; the rest as `problemWords`.
 */
export function sendingWords(problem: Problem): MessageId {
  return problem === 'lost' ? 'booking.problem.lostSending' : problemWords(problem);
}

/** The problem an unsuccessful answer is; null for a value (or a question given up). */
export function problemOf(answer: PublicAnswer<unknown>): Problem | null {
  switch (answer.kind) {
    case 'refused':
      return answer.refusal;
    case 'missing':
    case 'lost':
      return answer.kind;
    default:
      return null;
  }
}

/** The step a refused choice of slot sends the resident back to. */
export type PickStep = 'service' | 'day' | 'time';

/**
 * Where a refusal of a chosen slot leads: taken → the times of that day again (asked afresh), no
 * longer bookable → the days, the service gone → the services; null: stay and say it (too many
 * requests, a lost connection: what was chosen and typed is kept).
 */
export function stepAfter(problem: Problem): PickStep | null {
  switch (problem) {
    case 'slot-taken':
      return 'time';
    case 'not-bookable':
      return 'day';
    case 'unknown-service':
      return 'service';
    default:
      return null;
  }
}
