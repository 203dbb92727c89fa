import { describe, expect, it } from 'vitest';
import {
  conflictRules,
  lostCall,
  resolveAlert,
  resolveAppointment,
  resolveCounter,
  resolveTicket,
  staleHubVersion,
  type TicketWithDeleted,
} from '../../../../../electron/common/sync/conflict-rules';
import { transition, type Ticket } from '../../../../../electron/common/domain/ticket';
import { syncedCounter } from '../../../../support/counters';
import { waitingTicket } from '../../../../support/tickets';

const at = (ticket: Ticket, hubStamp = 0): TicketWithDeleted => ({ ...ticket, _deleted: false, hubStamp });
const counterA = { station: 'ws-a', counter: 1, clerk: 'Anna' };
const counterB = { station: 'ws-b', counter: 2, clerk: 'Jan' };

describe('ticket conflicts', () => {
  const base = waitingTicket(7, { at: 1_000 });

  it('the call the hub accepted first wins; the other stays in the history as overruled', () => {
    const master = at(transition(base, { type: 'call', counter: 1 }, counterA, 5_000), 42);
    const local = at(transition(base, { type: 'call', counter: 2 }, counterB, 5_100));
    const resolved = resolveTicket(local, master);
    expect(resolved).toMatchObject({ state: 'called', counter: 1, hubStamp: 0 });
    expect(resolved.events.map((e) => [e.type, e.overruled ?? null, e.by.counter ?? null])).toEqual([
      ['issued', null, null],
      ['called', null, 1],
      ['overruled', 'called', 2],
    ]);
    expect(lostCall(local, resolved)).toEqual({ ticketId: 't7', number: 'A7', counter: 2, winner: 1 });
    expect(lostCall(master, resolved)).toBeNull();
  });

  it('knows its own entries in the hub’s copy, where the hub wrote who acted from the session', () => {
    const local = at(transition(base, { type: 'call', counter: 1 }, counterA, 5_000));
    const hubWrote = { station: 'stanowisko-1', clerk: 'Anna Nowak', user: 'anna' };
    const master = at(
      { ...local, events: local.events.map((event) => ({ ...event, by: { ...event.by, ...hubWrote } })) },
      42,
    );
    expect(resolveTicket(local, master).events).toEqual(master.events);
    const done = at(transition(local, { type: 'done' }, counterA, 6_000));
    expect(staleHubVersion(master, done)).toBe(true);
    expect(resolveTicket(done, master).events.map((event) => event.type)).toEqual(['issued', 'called', 'done']);
  });

  it('is deterministic and idempotent: resolving again changes nothing', () => {
    const master = at(transition(base, { type: 'call', counter: 1 }, counterA, 5_000), 42);
    const local = at(transition(base, { type: 'call', counter: 2 }, counterB, 5_100));
    const once = resolveTicket(local, master);
    expect(resolveTicket(local, master)).toEqual(once);
    const stored = { ...once, hubStamp: 43 };
    expect(resolveTicket(once, stored)).toBe(stored);
  });

  it('a service done offline beats the daily close that expired the ticket meanwhile', () => {
    let served = transition(base, { type: 'call', counter: 1 }, counterA, 5_000);
    served = transition(served, { type: 'start' }, counterA, 6_000);
    served = transition(served, { type: 'done' }, counterA, 9_000);
    const expired = at(transition(base, { type: 'expire' }, { station: 'ws-close' }, 86_400_000), 77);
    const resolved = resolveTicket(at(served), expired);
    expect(resolved.state).toBe('done');
    expect(resolved.events.map((e) => e.type)).toEqual(['issued', 'called', 'serving', 'done', 'overruled']);
    expect(resolved.events.at(-1)?.overruled).toBe('expired');
  });

  it('a ticket still open offline does not undo the close', () => {
    const called = at(transition(base, { type: 'call', counter: 1 }, counterA, 5_000));
    const expired = at(transition(base, { type: 'expire' }, { station: 'ws-close' }, 86_400_000), 77);
    expect(resolveTicket(called, expired).state).toBe('expired');
  });

  it('a note added at the hub does not undo what this counter did next', () => {
    // Counter 1's call is confirmed (stamp 42); counter 2's losing call is then noted in the
    // history at the hub (stamp 43) while counter 1, still holding stamp 42, finishes the visit.
    const confirmed = at(transition(base, { type: 'call', counter: 1 }, counterA, 5_000), 42);
    const noted = at(
      {
        ...confirmed,
        events: [...confirmed.events, { type: 'overruled', overruled: 'called', at: 5_100, by: counterB }],
      },
      43,
    );
    const finished = at(transition(confirmed, { type: 'done' }, counterA, 9_000));
    const resolved = resolveTicket(finished, noted);
    expect(resolved).toMatchObject({ state: 'done', counter: 1 });
    expect(resolved.events.map((e) => e.type)).toEqual(['issued', 'called', 'overruled', 'done']);
    expect(lostCall(finished, resolved)).toBeNull();
  });

  it("a later version of this counter's own change wins, an older one yields", () => {
    const called = at(transition(base, { type: 'call', counter: 1 }, counterA, 5_000), 42);
    const serving = at(transition(called, { type: 'start' }, counterA, 6_000), 43);
    const done = at(transition(serving, { type: 'done' }, counterA, 9_000));
    // The hub stored "serving" while this counter had already finished: finished wins.
    expect(resolveTicket(done, serving)).toMatchObject({ state: 'done', hubStamp: 0 });
    // A stale copy meets the hub's newer one: the hub's is kept as it is.
    expect(resolveTicket(at(base), serving)).toBe(serving);
  });

  it('tells an older hub version from a newer one, stamped or not yet', () => {
    const called = at(transition(base, { type: 'call', counter: 1 }, counterA, 5_000), 42);
    const serving = at(transition(called, { type: 'start' }, counterA, 6_000), 43);
    const done = at(transition(serving, { type: 'done' }, counterA, 9_000));
    expect(staleHubVersion(called, serving)).toBe(true); // both stamped: 42 < 43
    expect(staleHubVersion(serving, done)).toBe(true); // "done" not stamped yet, but its history holds all of "serving"'s
    expect(staleHubVersion(serving, called)).toBe(false);
    expect(staleHubVersion(serving, serving)).toBe(false);
    // The hub noted a rival call: its version knows something this one does not — not stale.
    const noted = at(
      { ...serving, events: [...serving.events, { type: 'overruled', overruled: 'called', at: 6_500, by: counterB }] },
      44,
    );
    expect(staleHubVersion(noted, done)).toBe(false);
    // Deleted at the hub is never older than a live copy.
    expect(staleHubVersion({ ...serving, _deleted: true, hubStamp: 0 }, done)).toBe(false);
  });
});

describe('other collections', () => {
  const counter = syncedCounter();

  it('counters: the newer word of the counter wins', () => {
    expect(resolveCounter({ ...counter, mode: 'break', updatedAt: 20 }, counter).mode).toBe('break');
    expect(resolveCounter({ ...counter, mode: 'break', updatedAt: 5 }, counter).mode).toBe('open');
  });

  it('counters: a break taken at the counter survives a call the hub decided meanwhile, and the hub keeps its rotation count', () => {
    // The hub's call moved the rotation and left updatedAt alone; the counter's break was on its way.
    const atHub = { ...counter, normalSinceLastPriority: counter.normalSinceLastPriority + 1 };
    const atCounter = { ...counter, mode: 'break' as const, updatedAt: counter.updatedAt + 1 };
    expect(resolveCounter(atCounter, atHub)).toEqual({
      ...atCounter,
      normalSinceLastPriority: atHub.normalSinceLastPriority,
    });
  });

  it('appointments: cancelled > checked-in > booked', () => {
    const booked = {
      id: 'a',
      code: '123456',
      day: '2026-11-22',
      slotAt: 1,
      service: 's',
      state: 'booked' as const,
      ticket: '',
      updatedAt: 1,
      _deleted: false,
    };
    expect(resolveAppointment({ ...booked, state: 'checked-in', ticket: 't1' }, booked).state).toBe('checked-in');
    expect(resolveAppointment(booked, { ...booked, state: 'cancelled' }).state).toBe('cancelled');
    const first = { ...booked, state: 'checked-in' as const, ticket: 'hub-first' };
    expect(resolveAppointment({ ...booked, state: 'checked-in', ticket: 'offline-second' }, first).ticket).toBe(
      'hub-first',
    );
  });

  it("appointments: a kiosk's offline check-in beats the hub's no-show; a no-show beats a stale booked copy", () => {
    const booked = {
      id: 'a',
      code: '123456',
      day: '2026-11-22',
      slotAt: 1,
      service: 's',
      rule: 'r',
      state: 'booked' as const,
      ticket: '',
      updatedAt: 1,
      _deleted: false,
    };
    const noShow = { ...booked, state: 'no-show' as const, updatedAt: 5 };
    const checkedIn = { ...booked, state: 'checked-in' as const, ticket: 't1', updatedAt: 2 };
    expect(resolveAppointment(checkedIn, noShow)).toBe(checkedIn);
    expect(resolveAppointment(noShow, checkedIn)).toBe(checkedIn);
    expect(resolveAppointment(booked, noShow)).toBe(noShow);
    expect(resolveAppointment(noShow, { ...booked, state: 'cancelled' as const }).state).toBe('cancelled');
  });

  it('alerts: acknowledged anywhere is acknowledged', () => {
    const alert = {
      id: 'x',
      kind: 'printer' as const,
      code: 'PRINTER_PAPER_OUT',
      ticketNumber: 'A1',
      station: 'k',
      at: 1,
      acknowledgedAt: 0,
      updatedAt: 1,
      _deleted: false,
    };
    expect(resolveAlert({ ...alert, acknowledgedAt: 50, updatedAt: 50 }, alert).acknowledgedAt).toBe(50);
    expect(resolveAlert(alert, { ...alert, acknowledgedAt: 60 }).acknowledgedAt).toBe(60);
  });
});

describe('the rule of each collection', () => {
  it('decides on the local and the hub state; the assumed one does not count', () => {
    const base = waitingTicket(3, { at: 1_000 });
    const master = at(transition(base, { type: 'call', counter: 1 }, counterA, 5_000), 42);
    const local = at(transition(base, { type: 'call', counter: 2 }, counterB, 5_100));
    expect(conflictRules.tickets.resolve({ newDocumentState: local, realMasterState: master })).toEqual(
      resolveTicket(local, master),
    );
    expect(
      conflictRules.tickets.resolve({ newDocumentState: local, realMasterState: master, assumedMasterState: local }),
    ).toEqual(resolveTicket(local, master));
  });

  it('office and services: the hub wins', () => {
    const local = { id: 'office', name: 'here', _deleted: false };
    const master = { id: 'office', name: 'at the hub', _deleted: false };
    expect(conflictRules.office.resolve({ newDocumentState: local, realMasterState: master })).toBe(master);
    expect(conflictRules.services.resolve({ newDocumentState: local, realMasterState: master })).toBe(master);
  });

  it('only tickets tell an older hub version from the local one', () => {
    expect(conflictRules.tickets.staleHubVersion).toBe(staleHubVersion);
    for (const name of ['office', 'services', 'counters', 'appointments', 'alerts'] as const) {
      expect(conflictRules[name]).not.toHaveProperty('staleHubVersion');
    }
  });
});
