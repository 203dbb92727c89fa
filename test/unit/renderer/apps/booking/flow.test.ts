/**
 * The steps of a new booking and of managing one, replayed: one thing per page, back a page at a
 * time, "change" from the check page and back to it, and every refusal leading where it should
 * with what was chosen and typed kept.
 */
import { describe, expect, it } from 'vitest';
import type { Booking, BookingCreated } from '../../../../../electron/common/contract/public';
import type { FreeSlot } from '../../../../../renderer/apps/booking/days';
import { flow, START, type Draft, type FlowAction } from '../../../../../renderer/apps/booking/flow';
import { manage, VIEWING, type ManageAction } from '../../../../../renderer/apps/booking/manage-flow';

const SLOT: FreeSlot = { at: 1_765_180_800_000, day: '2026-12-08', time: '09:00', minutes: 15, left: 2 };
const DETAILS = { name: 'Jan Kowalski', phone: '600 123 456', email: '' };
const play = (actions: FlowAction[], from: Draft = START) => actions.reduce(flow, from);

const CHOSEN: FlowAction[] = [
  { type: 'service', service: 'id-cards' },
  { type: 'day', day: SLOT.day },
  { type: 'slot', slot: SLOT },
  { type: 'details', details: DETAILS },
];

describe('a new booking, page by page', () => {
  it('goes service → day → time → details → check', () => {
    const steps = CHOSEN.map((_, index) => play(CHOSEN.slice(0, index + 1)).step);
    expect([START.step, ...steps]).toEqual(['service', 'day', 'time', 'details', 'check']);
    const draft = play(CHOSEN);
    expect(draft).toMatchObject({ service: 'id-cards', day: SLOT.day, slot: SLOT, details: DETAILS });
  });

  it('goes back one page at a time, keeping what was typed on the details page', () => {
    const atDetails = play(CHOSEN.slice(0, 3));
    const typed = { name: 'Ja', phone: '', email: 'jan@' };
    const back = flow(atDetails, { type: 'back', details: typed });
    expect(back.step).toBe('time');
    expect(back.details).toEqual(typed);
    expect(play([{ type: 'back' }, { type: 'back' }, { type: 'back' }], back).step).toBe('service');
  });

  it('moves two weeks on without leaving the page', () => {
    const days = play(CHOSEN.slice(0, 1));
    expect(flow(days, { type: 'window', start: '2026-12-19' })).toMatchObject({ step: 'day', window: '2026-12-19' });
  });

  it('returns to the check page after a change, not through every page again', () => {
    const check = play(CHOSEN);
    const other = { ...SLOT, at: SLOT.at + 900_000, time: '09:15' };
    const changed = play(
      [
        { type: 'change', step: 'day' },
        { type: 'day', day: SLOT.day },
        { type: 'slot', slot: other },
      ],
      check,
    );
    expect(changed).toMatchObject({ step: 'check', slot: other, details: DETAILS });
    const renamed = play(
      [
        { type: 'change', step: 'details' },
        { type: 'details', details: { ...DETAILS, name: 'Anna Nowak' } },
      ],
      check,
    );
    expect(renamed).toMatchObject({ step: 'check', details: { name: 'Anna Nowak' } });
  });

  it('sends a taken slot back to the times of that day, keeping the rest', () => {
    const taken = flow(play(CHOSEN), { type: 'problem', problem: 'slot-taken' });
    expect(taken).toMatchObject({ step: 'time', day: SLOT.day, slot: null, details: DETAILS, problem: 'slot-taken' });
    const picked = flow(taken, { type: 'slot', slot: { ...SLOT, time: '10:00' } });
    expect(picked).toMatchObject({ step: 'details', problem: null, details: DETAILS });
  });

  it('sends a slot no longer bookable to the days, a service gone to the services', () => {
    expect(flow(play(CHOSEN), { type: 'problem', problem: 'not-bookable' })).toMatchObject({ step: 'day' });
    expect(flow(play(CHOSEN), { type: 'problem', problem: 'unknown-service' })).toMatchObject({
      step: 'service',
      service: null,
      details: DETAILS,
    });
  });

  it('stays on the check page with everything kept when the connection is lost or the hub says wait', () => {
    for (const problem of ['lost', 'too-many-requests'] as const) {
      const stayed = flow(play(CHOSEN), { type: 'problem', problem });
      expect(stayed).toEqual({ ...play(CHOSEN), problem });
    }
  });

  it('shows the confirmation, and starts afresh for another booking', () => {
    const created = { code: '482913', key: 'K7PM2QX9AB' } as BookingCreated;
    const done = flow(play(CHOSEN), { type: 'booked', created });
    expect(done).toMatchObject({ step: 'done', created });
    expect(flow(done, { type: 'restart' })).toEqual(START);
  });
});

describe('managing a booking', () => {
  const booking = { code: '482913', state: 'booked' } as Booking;
  const replay = (actions: ManageAction[]) => actions.reduce(manage, { ...VIEWING, booking });

  it('moves: a day, a time, the check, the outcome, back to the booking', () => {
    const moveActions: ManageAction[] = [
      { type: 'move' },
      { type: 'day', day: SLOT.day },
      { type: 'slot', slot: SLOT },
    ];
    expect(replay(moveActions)).toMatchObject({ step: 'check', slot: SLOT });
    const moved = { ...booking, time: '09:00' };
    const done = replay([...moveActions, { type: 'moved', booking: moved }]);
    expect(done).toMatchObject({ step: 'moved', booking: moved });
    expect(manage(done, { type: 'view' })).toEqual({ ...VIEWING, booking: moved });
  });

  it('cancels after a confirmation, or keeps the booking', () => {
    expect(replay([{ type: 'cancel' }]).step).toBe('cancel');
    expect(replay([{ type: 'cancel' }, { type: 'back' }]).step).toBe('view');
    const cancelled = { ...booking, state: 'cancelled' as const };
    expect(replay([{ type: 'cancel' }, { type: 'cancelled', booking: cancelled }])).toMatchObject({
      step: 'cancelled',
      booking: cancelled,
    });
  });

  it('sends a taken slot back to the times, and a booking closed meanwhile to its page, forgotten', () => {
    const atCheck: ManageAction[] = [{ type: 'move' }, { type: 'day', day: SLOT.day }, { type: 'slot', slot: SLOT }];
    expect(replay([...atCheck, { type: 'problem', problem: 'slot-taken' }])).toMatchObject({
      step: 'time',
      slot: null,
      problem: 'slot-taken',
    });
    expect(replay([...atCheck, { type: 'problem', problem: 'booking-closed' }])).toEqual({
      ...VIEWING,
      problem: 'booking-closed',
    });
    expect(replay([{ type: 'cancel' }, { type: 'problem', problem: 'lost' }])).toMatchObject({
      step: 'cancel',
      problem: 'lost',
    });
  });
});
