/**
 * The ticket's status page's answer, without a database: what the state reads as, who is ahead by
 * the counters' own order, and the wait estimate (ahead × the service's minutes ÷ the open
 * counters serving it, rounded up to 5, at least 5 when anyone is ahead). The route's id check too.
 */
import { describe, expect, it } from 'vitest';
import { TicketStatusSchema } from '../../../../electron/common/contract/public';
import type { CounterDoc } from '../../../../electron/common/domain/schemas';
import { transition, type Ticket } from '../../../../electron/common/domain/ticket';
import { ticketIdOf } from '../../../../electron/hub/http/handlers/ticket-status';
import { findRoute } from '../../../../electron/hub/http/router';
import { describeTicket, publicState, type TicketFacts } from '../../../../electron/hub/ticket-status';
import { counterDoc } from '../../../support/counters';
import { STATION, waitingTicket } from '../../../support/tickets';

/** Noon in Warsaw on the tickets' day (support/tickets.ts). */
const NOW = Date.UTC(2026, 10, 22, 11);
const OFFICE: TicketFacts['office'] = {
  name: { pl: 'Urząd', en: 'Office', uk: 'Уряд' },
  priorityRule: { mode: 'ratio', normalPerPriority: 3 },
  timeZone: 'Europe/Warsaw',
};
const SERVICE: TicketFacts['service'] = { name: { pl: 'Dowody', en: 'ID cards', uk: 'Посвідки' }, averageMinutes: 10 };

const open = (number: number, services = ['vehicles']): CounterDoc =>
  counterDoc({ id: String(number), number, services, mode: 'open' });

function facts(ticket: Ticket, waiting: readonly Ticket[], counters: readonly CounterDoc[] = [open(1)]): TicketFacts {
  return { ticket, office: OFFICE, service: SERVICE, waiting, counters, now: NOW };
}

describe('the ticket status answer', () => {
  const queue = [1, 2, 3, 4, 5].map((seq) => waitingTicket(seq));

  it('counts who the counters would call first and estimates the wait over the open counters', () => {
    const fourth = queue[3]!;
    // 3 ahead × 10 min on one open counter: 30 min.
    expect(describeTicket(facts(fourth, queue))).toMatchObject({ state: 'waiting', ahead: 3, estimatedMinutes: 30 });
    // The same three shared by two open counters: 15 min.
    expect(describeTicket(facts(fourth, queue, [open(1), open(2)])).estimatedMinutes).toBe(15);
    // Counters on a break or closed, or serving other matters, do not share the queue.
    const elsewhere = [open(1), { ...open(2), mode: 'break' as const }, open(3, ['licences'])];
    expect(describeTicket(facts(fourth, queue, elsewhere)).estimatedMinutes).toBe(30);
  });

  it('says at least 5 minutes when anyone is ahead, and 0 when nobody is', () => {
    const quick = {
      ...facts(queue[1]!, queue, [open(1), open(2), open(3)]),
      service: { ...SERVICE!, averageMinutes: 2 },
    };
    expect(describeTicket(quick)).toMatchObject({ ahead: 1, estimatedMinutes: 5 });
    expect(describeTicket(facts(queue[0]!, queue))).toMatchObject({ ahead: 0, estimatedMinutes: 0 });
  });

  it('divides by one when no counter of the service is open', () => {
    expect(describeTicket(facts(queue[2]!, queue, [])).estimatedMinutes).toBe(20);
  });

  it("follows the office's priority rule: strict puts a priority ticket first", () => {
    const priority = waitingTicket(9, { priority: 'pregnancy' });
    const all = [...queue, priority];
    expect(
      describeTicket({ ...facts(priority, all), office: { ...OFFICE!, priorityRule: { mode: 'strict' } } }).ahead,
    ).toBe(0);
    // One priority after every three normal calls: three normal ones first.
    expect(describeTicket(facts(priority, all)).ahead).toBe(3);
  });

  it('puts a booked visitor whose time has come before walk-ins', () => {
    const booked = { ...waitingTicket(8), appointmentAt: NOW - 60_000 };
    expect(describeTicket(facts(booked, [...queue, booked])).ahead).toBe(0);
    expect(describeTicket(facts(queue[0]!, [...queue, booked])).ahead).toBe(1);
  });

  it("counts a ticket sent to one counter in that counter's own order, at that counter's pace", () => {
    const sent = [6, 7, 8].map((seq) => waitingTicket(seq, { targetCounter: 2 }));
    const status = describeTicket(facts(sent[2]!, [...queue, ...sent], [open(1), open(2), open(3)]));
    expect(status).toMatchObject({ ahead: 2, estimatedMinutes: 20 });
  });

  it('tells the counter of a call and of a visit under way, and nothing of the others', () => {
    const called = transition(
      queue[0]!,
      { type: 'call', counter: 4 },
      { ...STATION, counter: 4, clerk: 'Anna Nowak' },
      NOW,
    );
    expect(describeTicket(facts(called, queue))).toMatchObject({
      state: 'called',
      counter: 4,
      calledAt: NOW,
      ahead: 0,
      estimatedMinutes: 0,
    });
    const parked = transition(called, { type: 'park' }, STATION, NOW + 1);
    expect(describeTicket(facts(parked, queue))).toMatchObject({ state: 'serving', counter: 4 });
    const done = transition(called, { type: 'done' }, STATION, NOW + 2);
    expect(describeTicket(facts(done, queue))).toMatchObject({ state: 'done', counter: 0, calledAt: 0 });
  });

  it("answers with the schema's fields only: no clerk, no workstation, no priority reason", () => {
    const ticket = transition(
      waitingTicket(1, { priority: 'disability' }),
      { type: 'call', counter: 2 },
      { station: 'ws-parter', clerk: 'Anna Nowak', user: 'anowak', counter: 2 },
      NOW,
    );
    const status = describeTicket(facts(ticket, queue));
    expect(Object.keys(status).sort()).toEqual(Object.keys(TicketStatusSchema.shape).sort());
    expect(JSON.stringify(status)).not.toMatch(/Anna|anowak|ws-parter|disability|t1/);
  });

  it('reads missed, cancelled, expired and earlier days as gone', () => {
    expect(publicState({ state: 'no-show', day: '2026-11-22' }, '2026-11-22')).toBe('gone');
    expect(publicState({ state: 'cancelled', day: '2026-11-22' }, '2026-11-22')).toBe('gone');
    expect(publicState({ state: 'expired', day: '2026-11-22' }, '2026-11-22')).toBe('gone');
    expect(publicState({ state: 'waiting', day: '2026-11-21' }, '2026-11-22')).toBe('gone');
    expect(publicState({ state: 'done', day: '2026-11-21' }, '2026-11-22')).toBe('done');
    expect(describeTicket({ ...facts(queue[2]!, queue), now: NOW + 86_400_000 })).toMatchObject({
      state: 'gone',
      ahead: 0,
      estimatedMinutes: 0,
    });
  });
});

describe('the ticket status route', () => {
  it('takes any one segment, so the handler answers every wrong id alike', () => {
    expect(findRoute('/public/tickets/0b5c1a7e-7d1c-4d0b-9a57-3b1f2f0c9e11')).toMatchObject({
      access: 'public',
      method: 'GET',
    });
    expect(findRoute('/public/tickets/not-a-uuid')).toMatchObject({ access: 'public' });
    expect(findRoute('/public/tickets/')).toBeNull();
    expect(findRoute('/public/tickets/a/b')).toBeNull();
  });

  it('reads a UUID in any case, and nothing else', () => {
    expect(ticketIdOf('/api/v1/public/tickets/0B5C1A7E-7D1C-4D0B-9A57-3B1F2F0C9E11')).toBe(
      '0b5c1a7e-7d1c-4d0b-9a57-3b1f2f0c9e11',
    );
    for (const id of ['not-a-uuid', '%E0%A4%A', "0b5c1a7e-7d1c-4d0b-9a57-3b1f2f0c9e11'--", '1'])
      expect(ticketIdOf(`/api/v1/public/tickets/${id}`), id).toBeNull();
  });
});
