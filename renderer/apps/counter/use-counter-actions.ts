/**
 * What the clerk does at the counter — call, act on a ticket, open, pause, close — and the one line
 * that says how it went: every action runs through `run`, which shows its result or its error.
 */
import { useEffect, useState } from 'react';
import { normalPerPriority, type PickReason } from '../../../electron/common/domain/ordering';
import { TicketTransitionError, type Ticket, type TicketAction } from '../../../electron/common/domain/ticket';
import { useSession } from '../../app/session';
import { useWorkstation } from '../../app/workstation';
import { QueueError } from '../../db/queue';
import type { CounterDoc, OfficeDoc } from '../../db/schemas';
import { useT, type MessageId, type Translate } from '../../i18n/i18n';

export interface CounterMessage {
  readonly text: string;
  readonly kind: 'info' | 'error';
}

/** Any action on a ticket but a call, which has actions of its own. */
export type TicketActionWithoutCall = Exclude<TicketAction, { type: 'call' }>;

export interface CounterActions {
  readonly message: CounterMessage | null;
  /** Runs an action and shows the text it returns (none: the line is cleared) or its error. */
  readonly run: (action: () => Promise<string | null>) => Promise<void>;
  /** `before`: what to say first (why this call happens by itself). */
  readonly callNext: (before?: string) => Promise<void>;
  readonly callTicket: (ticket: Ticket) => Promise<void>;
  /** `done`: what to say when it worked. */
  readonly act: (ticket: Ticket, action: TicketActionWithoutCall, done?: string) => Promise<void>;
  readonly setMode: (mode: CounterDoc['mode']) => Promise<void>;
  /** The name of the person signed in here, as the counter and the history show it. */
  readonly clerk: string;
  /** Opens the counter for the person signed in. */
  readonly open: () => void;
}

export function useCounterActions(counter: CounterDoc, office: OfficeDoc | null): CounterActions {
  const t = useT();
  const { queue } = useWorkstation();
  const [message, setMessage] = useState<CounterMessage | null>(null);
  const clerk = useSession()?.user?.displayName ?? counter.clerk;

  const run = async (action: () => Promise<string | null>) => {
    try {
      const text = await action();
      setMessage(text ? { text, kind: 'info' } : null);
    } catch (error) {
      setMessage({ text: t(queueErrorMessage(error)), kind: 'error' });
    }
  };

  const callNext = (before = '') =>
    run(async () => {
      const pick = await queue.callNext(counter.number, clerk);
      const result = pick
        ? `${t('counter.called', { number: pick.ticket.number })} ${reasonText(t, pick.reason, office)}`
        : t('counter.callNext.empty');
      return before ? `${before} ${result}` : result;
    });

  const callTicket = (ticket: Ticket) =>
    run(async () => {
      await queue.callTicket(ticket.id, counter.number, clerk);
      return t('counter.called', { number: ticket.number });
    });

  const act = (ticket: Ticket, action: TicketActionWithoutCall, done?: string) =>
    run(async () => {
      await queue.act(ticket.id, action, counter.number, clerk);
      return done ?? null;
    });

  const setMode = (mode: CounterDoc['mode']) =>
    run(async () => {
      await queue.setCounterMode(counter.number, mode, clerk);
      return null;
    });

  const open = () => void setMode('open');

  // Another person took the workstation over: the counter says who sits there now.
  useEffect(() => {
    if (counter.mode !== 'closed' && clerk && counter.clerk !== clerk)
      void queue.setCounterMode(counter.number, counter.mode, clerk);
  }, [queue, counter.number, counter.mode, counter.clerk, clerk]);

  return { message, run, callNext, callTicket, act, setMode, clerk, open };
}

/** Why the office's rule picked this visitor, in the clerk's words. */
function reasonText(t: Translate, reason: PickReason, office: OfficeDoc | null): string {
  return t(`counter.calledReason.${reason}` as MessageId, { n: office ? normalPerPriority(office.priorityRule) : 0 });
}

function queueErrorMessage(error: unknown): MessageId {
  if (error instanceof TicketTransitionError) return 'counter.error.transition';
  if (error instanceof QueueError && (error.code === 'counter-busy' || error.code === 'counter-closed'))
    return `counter.error.${error.code}`;
  if (error instanceof QueueError && error.code === 'not-this-counter') return 'counter.error.transition';
  if (error instanceof QueueError && error.code === 'hub-not-answering') return 'counter.error.hub-not-answering';
  console.error('counter action failed', error);
  return 'counter.error.other';
}
