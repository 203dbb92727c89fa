/**
 * When another counter's call of the same visitor reached the hub first (both were offline, say),
 * the visitor's history shows this counter's call as overruled: say so once, and move on — to the
 * next visitor when the counter is free.
 */
import { useEffect, useRef } from 'react';
import type { Ticket } from '../../../electron/common/domain/ticket';
import { useWorkstation } from '../../app/workstation';
import { useT } from '../../i18n/i18n';
import type { CounterActions } from './use-counter-actions';

/** Only a call lost in the last minutes moves the counter on; older ones were dealt with. */
const RECENT_MS = 10 * 60_000;

export function useLostCallNotice(
  counterNumber: number,
  tickets: readonly Ticket[],
  current: Ticket | undefined,
  actions: Pick<CounterActions, 'run' | 'callNext'>,
): void {
  const t = useT();
  const { sync, station } = useWorkstation();
  // The effect reads the newest actions through refs: they are new functions on every render.
  const callNextRef = useRef(actions.callNext);
  const runRef = useRef(actions.run);
  useEffect(() => {
    callNextRef.current = actions.callNext;
    runRef.current = actions.run;
  });
  const noticed = useRef(new Set<string>());
  useEffect(() => {
    if (!sync) return;
    for (const ticket of tickets) {
      if (ticket.counter === counterNumber || ticket.state === 'waiting' || noticed.current.has(ticket.id)) continue;
      if (!lostHere(ticket, counterNumber, station.stationId)) continue;
      noticed.current.add(ticket.id);
      const call = ticket.events.find((event) => event.type === 'overruled' && event.by.counter === counterNumber);
      if (!call || Date.now() - call.at > RECENT_MS) continue;
      const text = ticket.counter
        ? t('counter.lostCall', { number: ticket.number, winner: ticket.counter })
        : t('counter.lostCall.moved', { number: ticket.number });
      if (current) void runRef.current(async () => text);
      else void callNextRef.current(text);
    }
  }, [sync, tickets, counterNumber, station.stationId, current, t]);
}

/** Whether this counter of this station called the ticket and the hub overruled that call. */
function lostHere(ticket: Ticket, counterNumber: number, stationId: string): boolean {
  return ticket.events.some(
    (event) =>
      event.type === 'overruled' &&
      event.overruled === 'called' &&
      event.by.counter === counterNumber &&
      event.by.station === stationId,
  );
}
