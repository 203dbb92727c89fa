/**
 * Managing one booking from its link: see it; "Zmień termin" → a day → a time → confirm the move;
 * "Odwołaj wizytę" → confirm → cancelled. A pure reducer, like flow.ts for a new booking.
 */
import type { Booking } from '../../../electron/common/contract/public';
import type { FreeSlot } from './days';
import { stepAfter, type Problem } from './problems';

export type ManageStep = 'view' | 'day' | 'time' | 'check' | 'moved' | 'cancel' | 'cancelled';

export interface Managing {
  readonly step: ManageStep;
  /** The booking as the hub last answered it (after a move or cancellation, that answer). */
  readonly booking: Booking | null;
  readonly window: string | null;
  readonly day: string | null;
  readonly slot: FreeSlot | null;
  readonly problem: Problem | null;
}

export const VIEWING: Managing = { step: 'view', booking: null, window: null, day: null, slot: null, problem: null };

export type ManageAction =
  | { readonly type: 'move' }
  | { readonly type: 'window'; readonly start: string }
  | { readonly type: 'day'; readonly day: string }
  | { readonly type: 'slot'; readonly slot: FreeSlot }
  | { readonly type: 'cancel' }
  | { readonly type: 'back' }
  | { readonly type: 'moved'; readonly booking: Booking }
  | { readonly type: 'cancelled'; readonly booking: Booking }
  | { readonly type: 'problem'; readonly problem: Problem }
  | { readonly type: 'view' };

const BEFORE: Readonly<Record<ManageStep, ManageStep>> = {
  view: 'view',
  day: 'view',
  time: 'day',
  check: 'time',
  moved: 'view',
  cancel: 'view',
  cancelled: 'view',
};

export function manage(state: Managing, action: ManageAction): Managing {
  const moved = { ...state, problem: null };
  switch (action.type) {
    case 'move':
      return { ...moved, step: 'day', window: null, day: null, slot: null };
    case 'window':
      return { ...moved, window: action.start };
    case 'day':
      return { ...moved, step: 'time', day: action.day, slot: null };
    case 'slot':
      return { ...moved, step: 'check', slot: action.slot };
    case 'cancel':
      return { ...moved, step: 'cancel' };
    case 'back':
      return { ...moved, step: BEFORE[state.step] };
    case 'moved':
      return { ...moved, step: 'moved', booking: action.booking };
    case 'cancelled':
      return { ...moved, step: 'cancelled', booking: action.booking };
    case 'problem':
      return afterProblem(state, action.problem);
    case 'view':
      return { ...VIEWING, booking: state.booking };
  }
}

/**
 * Taken → the times again, no longer bookable → the days; a booking closed meanwhile (checked in,
 * cancelled elsewhere) or no longer found → its page, with what this page knew of it forgotten
 * (the page asks the hub again and shows it as it is now); anything else stays, said.
 */
function afterProblem(state: Managing, problem: Problem): Managing {
  if (problem === 'booking-closed' || problem === 'unknown-booking') return { ...VIEWING, problem };
  const step = stepAfter(problem);
  if (step === 'time' || step === 'day') return { ...state, step, problem, slot: null };
  return { ...state, problem };
}
