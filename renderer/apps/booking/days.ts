/**
 * The days a resident picks from: free slots grouped by their office day, two weeks at a time.
 * A day with no free slot is not offered (a holiday, a closure, a full day simply have none).
 * Pure: the hub's answer in, what the page lists out.
 */
import { MAX_SLOT_DAYS, type Slots } from '../../../electron/common/contract/public';
import { addDays } from '../../../electron/common/domain/calendar';

export type FreeSlot = Slots['slots'][number];

/** How many days one page of days shows. */
export const WINDOW_DAYS = 14;
/** A slot with this many places left or fewer says how many. */
export const FEW_PLACES = 2;

export interface DaySlots {
  readonly day: string;
  /** In time order. */
  readonly slots: readonly FreeSlot[];
}

/** The free slots by office day, days and times in order; a day appears only with a slot. */
export function groupByDay(slots: readonly FreeSlot[]): DaySlots[] {
  const days = new Map<string, FreeSlot[]>();
  for (const slot of [...slots].sort((a, b) => a.at - b.at)) {
    if (slot.left < 1) continue;
    const list = days.get(slot.day) ?? [];
    list.push(slot);
    days.set(slot.day, list);
  }
  return [...days.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, list]) => ({ day, slots: list }));
}

/** The free slots of one day, in time order. */
export function slotsOfDay(slots: readonly FreeSlot[], day: string): readonly FreeSlot[] {
  return groupByDay(slots).find((group) => group.day === day)?.slots ?? [];
}

/** The last day of the window starting on `start`. */
export function windowEnd(start: string): string {
  return addDays(start, WINDOW_DAYS - 1);
}

/** The window before `start`, never before today; null when `start` is today's window already. */
export function previousWindow(start: string, today: string): string | null {
  if (start <= today) return null;
  const earlier = addDays(start, -WINDOW_DAYS);
  return earlier < today ? today : earlier;
}

/** The window after `start`, while it begins within what the hub lets anyone ask for; null beyond. */
export function nextWindow(start: string, today: string): string | null {
  const later = addDays(start, WINDOW_DAYS);
  return later < addDays(today, MAX_SLOT_DAYS) ? later : null;
}

/**
 * Places left worth saying ("ostatnie wolne miejsce"), or null when there are plenty. The page is
 * not told a slot's capacity, so a slot's places count as few when there are at most FEW_PLACES
 * and fewer than the most any slot of `slots` (that day's) has left: with two clerks at once, an
 * untouched slot's "2" says nothing, a half-taken one's "1" does.
 */
export function fewPlaces(slot: FreeSlot, slots: readonly FreeSlot[]): number | null {
  const most = Math.max(slot.left, ...slots.map((other) => other.left));
  return slot.left <= FEW_PLACES && slot.left < most ? slot.left : null;
}
