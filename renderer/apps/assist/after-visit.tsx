/**
 * The customer screen between visits: when the counter finishes a visit nobody has answered for,
 * the five-face question (satisfaction-question.tsx) for that visit; otherwise what the screen shows
 * anyway (`children`). The visit comes from this workstation's tickets (a paired screen on another
 * machine has them from the hub); once answered, its ticket carries the mark and it is never asked
 * about again. Answers wait here for the hub's word on their mark (renderer/db/satisfaction.ts).
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { Language } from '../../../electron/common/domain/office';
import { useOffice, useTicketsOfDay, useToday } from '../../app/data';
import { useNow } from '../../app/use-rx';
import { newId, useWorkstation } from '../../app/workstation';
import { answerVisit, keepReleasingAnswers, visitToAsk, type VisitAnswer } from '../../db/satisfaction';
import type { TicketDoc } from '../../db/schemas';
import { SatisfactionQuestion } from './satisfaction-question';

/** How often the screen looks again whether a finished visit is still worth asking about. */
const TICK_MS = 5000;

export function AfterVisit({
  counter,
  language,
  children,
}: {
  counter: number;
  language: Language;
  children: ReactNode;
}) {
  const { db, now, station, sync } = useWorkstation();
  const office = useOffice();
  const tickets = useTicketsOfDay(useToday(office));
  useNow(TICK_MS);
  const [asking, setAsking] = useState<TicketDoc | null>(null);
  const [over, setOver] = useState<ReadonlySet<string>>(new Set());
  const candidate = visitToAsk(tickets, counter, now());

  useEffect(() => keepReleasingAnswers(db), [db]);
  // Held from the moment it ends: answered, the visit is no candidate any more, and the thanks stay.
  if (candidate && !over.has(candidate.id) && asking === null) setAsking(candidate);

  const done = useCallback(() => {
    if (asking) setOver((ids) => new Set([...ids, asking.id]));
    setAsking(null);
  }, [asking]);
  const answer = useCallback(
    async (visit: VisitAnswer) => {
      if (!asking || !office) return false;
      const context = { now, newId, station: station.stationId, timeZone: office.timeZone, withHub: sync !== null };
      await answerVisit(db, asking.id, visit, context);
      return true;
    },
    [asking, office, db, now, station.stationId, sync],
  );

  if (!asking) return <>{children}</>;
  const nextCalled = tickets.some(
    (ticket) =>
      ticket.counter === counter &&
      ticket.id !== asking.id &&
      (ticket.state === 'called' || ticket.state === 'serving'),
  );
  return (
    <SatisfactionQuestion
      key={asking.id}
      language={language}
      onAnswer={answer}
      onDone={done}
      interrupted={nextCalled}
    />
  );
}
