/**
 * What the clerk does at the counter — call, act on a ticket, open, pause, close — and the one line
 * that says how it went: every action runs through `run`, which shows its result or its error.
 */
import { useState } from 'react';
import { normalPerPriority, type PickReason } from '../../../electron/common/domain/ordering';
import { TicketTransitionError, type Ticket, type TicketAction } from '../../../electron/common/domain/ticket';
import { useWorkstation } from '../../app/workstation';
import { QueueError } from '../../db/queue';
import type { CounterDoc, OfficeDoc } from '../../db/schemas';
import { useT, type MessageId, type Translate } from '../../i18n/i18n';

const CLERK_KEY = 'okienko.clerk';

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
  /** The name typed for the clerk, kept for the next time the counter opens. */
  readonly clerk: string;
  readonly setClerk: (clerk: string) => void;
  /** Opens the counter for the clerk typed. */
  readonly open: () => void;
}

export function useCounterActions(counter: CounterDoc, office: OfficeDoc | null): CounterActions {
  const t = useT();
  const { queue } = useWorkstation();
  const [message, setMessage] = useState<CounterMessage | null>(null);
  const [clerk, setClerk] = useState(() => localStorage.getItem(CLERK_KEY) ?? '');

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
      const pick = await queue.callNext(counter.number, counter.clerk);
      const result = pick
        ? `${t('counter.called', { number: pick.ticket.number })} ${reasonText(t, pick.reason, office)}`
        : t('counter.callNext.empty');
      return before ? `${before} ${result}` : result;
    });

  const callTicket = (ticket: Ticket) =>
    run(async () => {
      await queue.callTicket(ticket.id, counter.number, counter.clerk);
      return t('counter.called', { number: ticket.number });
    });

  const act = (ticket: Ticket, action: TicketActionWithoutCall, done?: string) =>
    run(async () => {
      await queue.act(ticket.id, action, counter.number, counter.clerk);
      return done ?? null;
    });

  const setMode = (mode: CounterDoc['mode']) =>
    run(async () => {
      await queue.setCounterMode(counter.number, mode, counter.clerk);
      return null;
    });

  const open = () => {
    localStorage.setItem(CLERK_KEY, clerk.trim());
    void run(async () => {
      await queue.setCounterMode(counter.number, 'open', clerk.trim());
      return null;
    });
  };

  return { message, run, callNext, callTicket, act, setMode, clerk, setClerk, open };
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
