import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ALLOWED_FROM,
  FINAL_STATES,
  TICKET_STATES,
  TicketTransitionError,
  issueTicket,
  transition,
  type Ticket,
  type TicketAction,
} from '../../../../../electron/common/domain/ticket';
import { STATION, waitingTicket } from '../../../../support/tickets';

const clerk = { station: 'ws-1', counter: 3, clerk: 'Anna' };

describe('ticket life cycle', () => {
  it('walks the happy path with who, where and when recorded', () => {
    let ticket = waitingTicket(12);
    ticket = transition(ticket, { type: 'call', counter: 3 }, clerk, 60_000);
    ticket = transition(ticket, { type: 'recall' }, clerk, 90_000);
    ticket = transition(ticket, { type: 'start' }, clerk, 120_000);
    ticket = transition(ticket, { type: 'done' }, clerk, 600_000);
    expect(ticket.state).toBe('done');
    expect(ticket.recalls).toBe(1);
    expect(ticket.counter).toBe(3);
    expect(ticket.events.map((event) => [event.type, event.at, event.by.counter ?? null])).toEqual([
      ['issued', 12_000, null],
      ['called', 60_000, 3],
      ['recalled', 90_000, 3],
      ['serving', 120_000, 3],
      ['done', 600_000, 3],
    ]);
  });

  it('a transfer opens a new leg, keeps the history and the place in the queue', () => {
    let ticket = waitingTicket(5, { at: 10_000 });
    ticket = transition(ticket, { type: 'call', counter: 1 }, clerk, 20_000);
    ticket = transition(ticket, { type: 'start' }, clerk, 30_000);
    ticket = transition(ticket, { type: 'transfer', service: 'cashier', counter: 7 }, clerk, 40_000);
    expect(ticket.state).toBe('waiting');
    expect(ticket.service).toBe('cashier');
    expect(ticket.targetCounter).toBe(7);
    expect(ticket.counter).toBe(0);
    expect(ticket.queuedAt).toBe(10_000);
    expect(ticket.legs).toEqual([
      { service: 'vehicles', since: 10_000 },
      { service: 'cashier', counter: 7, since: 40_000 },
    ]);
    expect(ticket.events.at(-1)).toMatchObject({ type: 'transferred', toService: 'cashier', toCounter: 7 });
    expect(ticket.number).toBe('A5');
  });

  it('a no-show can be reactivated and is called again', () => {
    let ticket = transition(waitingTicket(1), { type: 'call', counter: 2 }, clerk, 5_000);
    ticket = transition(ticket, { type: 'no-show' }, clerk, 65_000);
    ticket = transition(ticket, { type: 'reactivate' }, clerk, 300_000);
    expect(ticket).toMatchObject({ state: 'waiting', counter: 0, calledAt: 0 });
    ticket = transition(ticket, { type: 'call', counter: 4 }, clerk, 310_000);
    expect(ticket).toMatchObject({ state: 'called', counter: 4, recalls: 0 });
  });

  it('a parked ticket is resumed at a counter', () => {
    let ticket = transition(waitingTicket(1), { type: 'call', counter: 2 }, clerk, 5_000);
    ticket = transition(ticket, { type: 'park' }, clerk, 6_000);
    expect(ticket.state).toBe('parked');
    ticket = transition(ticket, { type: 'resume', counter: 2 }, clerk, 9_000);
    expect(ticket).toMatchObject({ state: 'called', counter: 2, calledAt: 9_000 });
  });

  it('a checked-in appointment keeps its booked time, unless the visitor is later than the grace period', () => {
    const booking = { id: 'ap1', slotAt: 600_000, graceMinutes: 15 };
    const early = issueTicket(
      { id: 'x', day: '2026-11-22', service: 's', letter: 'R', seq: 1, priority: null, appointment: booking },
      STATION,
      20_000,
    );
    expect(early).toMatchObject({ appointment: 'ap1', appointmentAt: 600_000, queuedAt: 20_000 });
    expect(early.events.map((event) => event.type)).toEqual(['issued', 'checked-in']);
    const inGrace = issueTicket(
      { id: 'y', day: '2026-11-22', service: 's', letter: 'R', seq: 2, priority: null, appointment: booking },
      STATION,
      600_000 + 15 * 60_000,
    );
    expect(inGrace.appointmentAt).toBe(600_000);
    const late = issueTicket(
      { id: 'z', day: '2026-11-22', service: 's', letter: 'R', seq: 3, priority: null, appointment: booking },
      STATION,
      600_001 + 15 * 60_000,
    );
    expect(late).toMatchObject({ appointment: 'ap1', appointmentAt: 0 });
  });

  const actions: TicketAction[] = [
    { type: 'call', counter: 1 },
    { type: 'recall' },
    { type: 'start' },
    { type: 'done' },
    { type: 'no-show' },
    { type: 'park' },
    { type: 'resume', counter: 1 },
    { type: 'transfer', service: 'cashier' },
    { type: 'reactivate' },
    { type: 'cancel' },
    { type: 'expire' },
  ];

  it('refuses every action outside its allowed states, for any sequence (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...actions), { maxLength: 40 }), (sequence) => {
        let ticket: Ticket = waitingTicket(1);
        let time = 1_000;
        for (const action of sequence) {
          time += 1_000;
          const before = ticket;
          const allowed = ALLOWED_FROM[action.type].includes(ticket.state);
          if (allowed) {
            ticket = transition(ticket, action, clerk, time);
            expect(ticket.events.length).toBe(before.events.length + 1);
            expect(ticket.updatedAt).toBe(time);
          } else {
            expect(() => transition(ticket, action, clerk, time)).toThrow(TicketTransitionError);
          }
          // Invariants: number and issue time never change; a final state is never left.
          expect(ticket.number).toBe('A1');
          expect(ticket.issuedAt).toBe(1_000);
          if (FINAL_STATES.includes(before.state)) expect(ticket).toBe(before);
          expect(TICKET_STATES).toContain(ticket.state);
          expect(ticket.legs.length).toBe(1 + ticket.events.filter((e) => e.type === 'transferred').length);
        }
      }),
    );
  });

  it('never mutates the ticket it was given', () => {
    const ticket = Object.freeze(waitingTicket(3));
    const events = ticket.events;
    transition(ticket, { type: 'call', counter: 1 }, clerk, 9);
    expect(ticket.state).toBe('waiting');
    expect(ticket.events).toBe(events);
    expect(events).toHaveLength(1);
  });
});
