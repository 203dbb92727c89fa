/** The RxDB conflict handlers: the document rules in the shape RxDB calls them. */
import { describe, expect, it } from 'vitest';
import { transition } from '../../../../../electron/common/domain/ticket';
import { resolveCounter, type TicketWithDeleted } from '../../../../../electron/common/sync/conflict-rules';
import { conflictHandlers, DOWNSTREAM_WRITE_CHECK } from '../../../../../renderer/db/sync/conflicts';
import { syncedCounter } from '../../../../support/counters';
import { waitingTicket } from '../../../../support/tickets';

const counterA = { station: 'ws-a', counter: 1 };
const called: TicketWithDeleted = {
  ...transition(waitingTicket(7, { at: 1_000 }), { type: 'call', counter: 1 }, counterA, 5_000),
  hubStamp: 42,
  _deleted: false,
};
const serving: TicketWithDeleted = {
  ...transition(called, { type: 'start' }, counterA, 6_000),
  hubStamp: 43,
  _deleted: false,
};

describe('the conflict handlers RxDB calls', () => {
  it('count an older ticket from the hub as nothing new only where RxDB is about to write it over the local one', () => {
    const tickets = conflictHandlers.tickets;
    expect(tickets.isEqual(called, serving, DOWNSTREAM_WRITE_CHECK)).toBe(true);
    expect(tickets.isEqual(called, serving, 'upstream-check-if-equal')).toBe(false);
    expect(tickets.isEqual(serving, called, DOWNSTREAM_WRITE_CHECK)).toBe(false);
    expect(tickets.isEqual(serving, { ...serving }, 'any')).toBe(true);
    // The stamp is exactly what must arrive: a version differing only by it is not equal.
    expect(tickets.isEqual({ ...serving, hubStamp: 0 }, serving, 'any')).toBe(false);
  });

  it('other collections compare the documents alone, whatever RxDB is doing', () => {
    const counter = syncedCounter();
    const newer = { ...counter, mode: 'break' as const, updatedAt: 20 };
    expect(conflictHandlers.counters.isEqual(counter, newer, DOWNSTREAM_WRITE_CHECK)).toBe(false);
    expect(conflictHandlers.counters.isEqual(counter, { ...counter }, DOWNSTREAM_WRITE_CHECK)).toBe(true);
  });

  it('resolve with the collection rule', async () => {
    const counter = syncedCounter({ normalSinceLastPriority: 3 });
    const local = { ...counter, mode: 'break' as const, normalSinceLastPriority: 0, updatedAt: 20 };
    await expect(
      conflictHandlers.counters.resolve({ newDocumentState: local, realMasterState: counter }, 'any'),
    ).resolves.toEqual(resolveCounter(local, counter));
  });
});
