import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PriorityRule } from '../../../../../electron/common/domain/office';
import {
  afterCall,
  estimatedWaitMinutes,
  peopleAhead,
  pickNext,
  projectedOrder,
  type CounterQueue,
} from '../../../../../electron/common/domain/ordering';
import { transition, type Ticket } from '../../../../../electron/common/domain/ticket';
import { waitingTicket } from '../../../../support/tickets';

const counter: CounterQueue = { number: 1, services: ['vehicles', 'licences'], normalSinceLastPriority: 0 };
const ratio3: PriorityRule = { mode: 'ratio', normalPerPriority: 3 };
const strict: PriorityRule = { mode: 'strict' };
/** Later than every ticket time in these tests. */
const NOW = 100_000_000;

/** Calls every ticket in turn and returns the numbers in call order. */
function callAll(tickets: Ticket[], rule: PriorityRule, start: CounterQueue = counter): string[] {
  let state = start;
  const remaining = [...tickets];
  const order: string[] = [];
  for (;;) {
    const pick = pickNext(remaining, state, rule, NOW);
    if (!pick) return order;
    order.push(pick.ticket.number + (pick.ticket.priority ? '*' : ''));
    remaining.splice(remaining.indexOf(pick.ticket), 1);
    state = afterCall(state, pick);
  }
}

describe('which ticket a counter calls next', () => {
  it('calls in order of arrival when nobody has priority', () => {
    const tickets = [waitingTicket(3), waitingTicket(1), waitingTicket(2)];
    expect(callAll(tickets, ratio3)).toEqual(['A1', 'A2', 'A3']);
  });

  it('strict: every priority ticket before any normal one', () => {
    const tickets = [
      waitingTicket(1),
      waitingTicket(2),
      waitingTicket(3, { priority: 'pregnancy' }),
      waitingTicket(4, { priority: 'disability' }),
    ];
    expect(callAll(tickets, strict)).toEqual(['A3*', 'A4*', 'A1', 'A2']);
  });

  it('ratio: one priority after every N normal calls, starting with N normal', () => {
    const normal = [1, 2, 3, 4, 5, 6, 7, 8].map((seq) => waitingTicket(seq));
    const priority = [20, 21, 22].map((seq) => waitingTicket(seq, { priority: 'senior' }));
    expect(callAll([...normal, ...priority], ratio3)).toEqual([
      'A1',
      'A2',
      'A3',
      'A20*',
      'A4',
      'A5',
      'A6',
      'A21*',
      'A7',
      'A8',
      'A22*',
    ]);
  });

  it('ratio: a counter that owes a priority call takes it at once', () => {
    const tickets = [waitingTicket(1), waitingTicket(9, { priority: 'veteran' })];
    expect(pickNext(tickets, { ...counter, normalSinceLastPriority: 3 }, ratio3, NOW)).toMatchObject({
      ticket: { id: 't9' },
      reason: 'priority-turn',
    });
    expect(pickNext(tickets, { ...counter, normalSinceLastPriority: 2 }, ratio3, NOW)).toMatchObject({
      ticket: { id: 't1' },
      reason: 'normal',
    });
  });

  it('whichever kind is missing, the other is called without waiting', () => {
    expect(pickNext([waitingTicket(9, { priority: 'senior' })], counter, ratio3, NOW)?.reason).toBe('only-priority');
    expect(pickNext([waitingTicket(1)], { ...counter, normalSinceLastPriority: 99 }, ratio3, NOW)?.reason).toBe(
      'only-normal',
    );
    expect(pickNext([], counter, ratio3, NOW)).toBeNull();
  });

  it('a ticket transferred to this counter comes first; one sent elsewhere is not ours', () => {
    const mine = waitingTicket(50, { targetCounter: 1 });
    const theirs = waitingTicket(0, { targetCounter: 2 });
    const tickets = [waitingTicket(1, { priority: 'disability' }), mine, theirs];
    expect(pickNext(tickets, counter, strict, NOW)).toMatchObject({ ticket: { id: 't50' }, reason: 'targeted' });
    expect(projectedOrder(tickets, counter, strict, NOW).map((t) => t.id)).toEqual(['t50', 't1']);
  });

  it('ignores other services and tickets that are not waiting', () => {
    const called = transition(waitingTicket(1), { type: 'call', counter: 2 }, { station: 'x' }, 5);
    const tickets = [called, waitingTicket(2, { service: 'taxes' }), waitingTicket(3)];
    expect(pickNext(tickets, counter, ratio3, NOW)?.ticket.id).toBe('t3');
  });

  const ticketsArbitrary = fc
    .uniqueArray(
      fc.record({
        seq: fc.integer({ min: 1, max: 500 }),
        at: fc.integer({ min: 0, max: 10_000_000 }),
        priority: fc.boolean(),
        service: fc.constantFrom('vehicles', 'licences', 'taxes'),
      }),
      { selector: (t) => t.seq, maxLength: 60 },
    )
    .map((list) =>
      list.map((t) => waitingTicket(t.seq, { at: t.at, service: t.service, priority: t.priority ? 'senior' : null })),
    );

  it('calls every eligible ticket exactly once, each kind in arrival order (property)', () => {
    fc.assert(
      fc.property(ticketsArbitrary, fc.integer({ min: 0, max: 6 }), (tickets, n) => {
        const rule: PriorityRule = { mode: 'ratio', normalPerPriority: n };
        const order = projectedOrder(tickets, counter, rule, NOW);
        const eligible = tickets.filter((t) => counter.services.includes(t.service));
        expect(order).toHaveLength(eligible.length);
        expect(new Set(order.map((t) => t.id)).size).toBe(order.length);
        for (const kind of [true, false]) {
          const ofKind = order.filter((t) => (t.priority !== null) === kind);
          const sorted = [...ofKind].sort((a, b) => a.queuedAt - b.queuedAt || a.seq - b.seq);
          expect(ofKind.map((t) => t.id)).toEqual(sorted.map((t) => t.id));
        }
      }),
    );
  });

  it('never lets more than N normal calls pass while a priority visitor waits, nor two priority calls in a row while normal ones wait (property)', () => {
    fc.assert(
      fc.property(ticketsArbitrary, fc.integer({ min: 1, max: 6 }), (tickets, n) => {
        const order = projectedOrder(tickets, counter, { mode: 'ratio', normalPerPriority: n }, NOW);
        let normalsInARow = 0;
        order.forEach((ticket, index) => {
          const rest = order.slice(index + 1);
          if (ticket.priority === null) {
            normalsInARow++;
            if (rest.some((t) => t.priority !== null)) expect(normalsInARow).toBeLessThanOrEqual(n);
          } else {
            const previous = order[index - 1];
            if (previous?.priority && index > 0) {
              // Two priority calls in a row only when no normal ticket was left to call.
              expect(rest.some((t) => t.priority === null)).toBe(false);
            }
            normalsInARow = 0;
          }
        });
      }),
    );
  });

  it('calls a checked-in appointment at its booked time, ahead of walk-ins, and not before', () => {
    const slot = 50_000;
    const booked = { ...waitingTicket(30, { at: 40_000 }), appointment: 'ap1', appointmentAt: slot };
    const walkIns = [waitingTicket(1, { at: 1_000 }), waitingTicket(2, { at: 2_000, priority: 'senior' })];
    expect(pickNext([...walkIns, booked], counter, strict, slot)).toMatchObject({
      ticket: { id: 't30' },
      reason: 'appointment',
    });
    // Before the slot the booked visitor waits like anyone who came at the same time.
    expect(pickNext([...walkIns, booked], counter, strict, slot - 1)?.ticket.id).toBe('t2');
    expect(projectedOrder([...walkIns, booked], counter, ratio3, slot - 1).map((t) => t.id)).toEqual([
      't1',
      't30',
      't2',
    ]);
    // A transfer to this counter still comes first, and neither moves the priority rule.
    const mine = waitingTicket(40, { targetCounter: 1 });
    const pick = pickNext([...walkIns, booked, mine], counter, strict, slot);
    expect(pick?.reason).toBe('targeted');
    expect(afterCall({ ...counter, normalSinceLastPriority: 2 }, pick!).normalSinceLastPriority).toBe(2);
    expect(
      afterCall({ ...counter, normalSinceLastPriority: 2 }, { ticket: booked, reason: 'appointment' })
        .normalSinceLastPriority,
    ).toBe(2);
  });

  it('the earliest due appointment goes first', () => {
    const early = { ...waitingTicket(5, { at: 9_000 }), appointment: 'a', appointmentAt: 20_000 };
    const late = { ...waitingTicket(6, { at: 1_000 }), appointment: 'b', appointmentAt: 30_000 };
    expect(projectedOrder([late, early, waitingTicket(1)], counter, ratio3, 40_000).map((t) => t.id)).toEqual([
      't5',
      't6',
      't1',
    ]);
  });

  it('counts the people ahead of a new ticket by the same rule', () => {
    const queue = [waitingTicket(1), waitingTicket(2), waitingTicket(3), waitingTicket(4)];
    const late = waitingTicket(5);
    expect(peopleAhead(late, [...queue, late], ratio3, NOW)).toBe(4);
    const priority = waitingTicket(6, { priority: 'pregnancy' });
    expect(peopleAhead(priority, [...queue, priority], ratio3, NOW)).toBe(3);
    expect(peopleAhead(priority, [...queue, priority], strict, NOW)).toBe(0);
  });

  it('estimates the wait in 5-minute steps, shared by open counters', () => {
    expect(estimatedWaitMinutes(0, 10, 2)).toBe(0);
    expect(estimatedWaitMinutes(1, 3, 1)).toBe(5);
    expect(estimatedWaitMinutes(4, 12, 2)).toBe(25);
    expect(estimatedWaitMinutes(4, 12, 0)).toBe(50);
  });
});
