/**
 * The steps of a new booking, one thing per page (GOV.UK style): the service → a day → a time →
 * the resident's name and optional contact → a check page → the confirmation. What was chosen and
 * typed lives here until the booking is made, so a refusal or a lost connection never loses it.
 * A pure reducer: the page dispatches, the tests replay.
 */
import type { BookingCreated } from '../../../electron/common/contract/public';
import type { FreeSlot } from './days';
import { stepAfter, type Problem } from './problems';

export type Step = 'service' | 'day' | 'time' | 'details' | 'check' | 'done';

export interface Details {
  readonly name: string;
  readonly phone: string;
  readonly email: string;
}

export interface Draft {
  readonly step: Step;
  readonly service: string | null;
  /** The first day of the two weeks shown; null: from today. */
  readonly window: string | null;
  readonly day: string | null;
  readonly slot: FreeSlot | null;
  readonly details: Details;
  /** What went wrong last, shown on the current page until the next step. */
  readonly problem: Problem | null;
  /** A "change" link on the check page: after that step, back to the check page. */
  readonly checking: boolean;
  readonly created: BookingCreated | null;
}

export const NO_DETAILS: Details = { name: '', phone: '', email: '' };

export const START: Draft = {
  step: 'service',
  service: null,
  window: null,
  day: null,
  slot: null,
  details: NO_DETAILS,
  problem: null,
  checking: false,
  created: null,
};

export type FlowAction =
  | { readonly type: 'service'; readonly service: string }
  | { readonly type: 'window'; readonly start: string }
  | { readonly type: 'day'; readonly day: string }
  | { readonly type: 'slot'; readonly slot: FreeSlot }
  | { readonly type: 'details'; readonly details: Details }
  | { readonly type: 'change'; readonly step: 'service' | 'day' | 'details' }
  /** Back one page; from the details page, keeping what was typed. */
  | { readonly type: 'back'; readonly details?: Details }
  | { readonly type: 'problem'; readonly problem: Problem }
  | { readonly type: 'booked'; readonly created: BookingCreated }
  | { readonly type: 'restart' };

const BEFORE: Readonly<Record<Step, Step>> = {
  service: 'service',
  day: 'service',
  time: 'day',
  details: 'time',
  check: 'details',
  done: 'done',
};

/** The step after one is done: the next, or the check page again after a change. */
function onwards(draft: Draft, next: Step): Step {
  return draft.checking ? 'check' : next;
}

export function flow(draft: Draft, action: FlowAction): Draft {
  const moved = { ...draft, problem: null };
  switch (action.type) {
    case 'service':
      return { ...moved, step: 'day', service: action.service, window: null, day: null, slot: null };
    case 'window':
      return { ...moved, window: action.start };
    case 'day':
      return { ...moved, step: 'time', day: action.day, slot: null };
    case 'slot':
      return { ...moved, step: onwards(draft, 'details'), slot: action.slot };
    case 'details':
      return { ...moved, step: 'check', details: action.details, checking: false };
    case 'change':
      return { ...moved, step: action.step, checking: true };
    case 'back':
      return { ...moved, step: BEFORE[draft.step], details: action.details ?? draft.details, checking: false };
    case 'problem':
      return afterProblem(draft, action.problem);
    case 'booked':
      return { ...moved, step: 'done', created: action.created, checking: false };
    case 'restart':
      return START;
  }
}

/** A refusal of the chosen slot leads back to where another is chosen; anything else stays, said. */
function afterProblem(draft: Draft, problem: Problem): Draft {
  const step = stepAfter(problem);
  if (step === null) return { ...draft, problem };
  const cleared = { ...draft, step, problem, slot: null, checking: false };
  return step === 'service' ? { ...cleared, service: null, day: null } : cleared;
}
