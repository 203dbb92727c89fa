/**
 * "Call next" asked of the hub when answers get lost: a hub stand-in that remembers request ids as
 * the real one does (electron/hub/store.ts callNext), and a network that drops answers on demand.
 */
import { describe, expect, it } from 'vitest';
import type { CallNextRequest, CallNextResponse } from '../../../../../electron/common/contract/hub';
import { hubCalls } from '../../../../../renderer/db/sync/connect';
import { HubError } from '../../../../../renderer/db/sync/hub-client';
import { transition } from '../../../../../electron/common/domain/ticket';
import { settle } from '../../../../support/manual-clock';
import { waitingTicket } from '../../../../support/tickets';

function hubWithLossyNetwork() {
  const waiting = [waitingTicket(1), waitingTicket(2), waitingTicket(3)];
  const answered = new Map<string, CallNextResponse>();
  const calledBy = new Map<string, number>();
  let dropAnswers = 0;
  const hub = {
    async callNext(request: CallNextRequest): Promise<CallNextResponse> {
      let answer = answered.get(request.requestId);
      if (!answer) {
        const next = waiting.shift();
        const ticket = next
          ? {
              ...transition(
                next,
                { type: 'call', counter: request.counter },
                { station: 'hub-side', counter: request.counter },
                5_000,
              ),
              hubStamp: 9,
            }
          : null;
        if (ticket) calledBy.set(ticket.id, request.counter);
        answer = { ticket: ticket as never, reason: ticket ? 'normal' : null };
        answered.set(request.requestId, answer);
      }
      if (dropAnswers > 0) {
        dropAnswers--;
        // What the workstation's client throws when its timeout fires: the hub may have acted.
        throw new HubError('offline', 0, 'Hub not reachable: aborted', undefined, true);
      }
      return answer;
    },
  };
  return { hub, calledBy, waiting, drop: (n: number) => (dropAnswers = n), answered };
}

describe('calling the next visitor through the hub', () => {
  it('asks again with the same request after a lost answer: one visitor, not one per attempt', async () => {
    const { hub, calledBy, drop } = hubWithLossyNetwork();
    drop(2);
    const pick = await hubCalls(hub, () => true).callNext({ counter: 1, station: 'ws-1' });
    expect(pick.ticket?.id).toBe('t1');
    expect([...calledBy]).toEqual([['t1', 1]]);
  });

  it('a call whose answers all got lost is asked for again at the next press: the visitor called then, not a second one', async () => {
    const { hub, calledBy, drop } = hubWithLossyNetwork();
    const calls = hubCalls(hub, () => true);
    drop(3);
    await expect(calls.callNext({ counter: 1, station: 'ws-1' })).rejects.toMatchObject({ ambiguous: true });
    // The hub did call t1 for counter 1; the clerk, told "the hub did not answer", presses again.
    const pick = await calls.callNext({ counter: 1, station: 'ws-1' });
    expect(pick.ticket?.id).toBe('t1');
    expect([...calledBy]).toEqual([['t1', 1]]);
    // The next press after that is a new call.
    expect((await calls.callNext({ counter: 1, station: 'ws-1' })).ticket?.id).toBe('t2');
  });

  it('an unanswered call that found nobody does not stop the next one from finding a visitor', async () => {
    const { hub, waiting, drop } = hubWithLossyNetwork();
    const calls = hubCalls(hub, () => true);
    const all = waiting.splice(0);
    drop(3);
    await expect(calls.callNext({ counter: 2, station: 'ws-2' })).rejects.toMatchObject({ ambiguous: true });
    waiting.push(...all); // visitors arrive
    expect((await calls.callNext({ counter: 2, station: 'ws-2' })).ticket?.id).toBe('t1');
  });

  it('offline: refuses at once, so the workstation decides without waiting for a timeout', async () => {
    const { hub, answered } = hubWithLossyNetwork();
    await expect(hubCalls(hub, () => false).callNext({ counter: 1, station: 'ws-1' })).rejects.toMatchObject({
      kind: 'offline',
      ambiguous: false,
    });
    expect(answered.size).toBe(0);
  });
  it("asks the hub only once the counter's own latest change has reached it", async () => {
    const { hub } = hubWithLossyNetwork();
    const asked: number[] = [];
    const recording = { callNext: (request: CallNextRequest) => (asked.push(request.counter), hub.callNext(request)) };
    let release!: () => void;
    const sent = new Promise<void>((resolve) => (release = resolve));
    const waitedFor: number[] = [];
    const calls = hubCalls(
      recording,
      () => true,
      (counter) => (waitedFor.push(counter), sent),
    );
    const call = calls.callNext({ counter: 4, station: 'ws-4' });
    await settle();
    expect(waitedFor).toEqual([4]);
    expect(asked).toEqual([]); // the counter's services change is still on its way
    release();
    expect((await call).ticket?.counter).toBe(4);
    expect(asked).toEqual([4]);
  });
});
