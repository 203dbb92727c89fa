/**
 * Every counter action has an Alt shortcut as well as a button: Alt+N calls the next visitor; with
 * a visitor at the counter Alt+R recalls, Alt+S starts, Alt+D finishes, Alt+B marks a no-show,
 * Alt+O puts on hold and Alt+T transfers.
 */
import { useEffect, useRef } from 'react';
import type { Ticket } from '../../../electron/common/domain/ticket';
import type { CounterDoc } from '../../db/schemas';
import type { CounterActions } from './use-counter-actions';

type Shortcut = 'n' | 'r' | 's' | 'd' | 'b' | 'o' | 't';

export type Shortcuts = Partial<Record<Shortcut, () => void>>;

/** The shortcuts that work now: none unless the counter is open, and only what fits the visit's state. */
export function counterShortcuts(
  counter: CounterDoc,
  current: Ticket | undefined,
  actions: Pick<CounterActions, 'act' | 'callNext'>,
  startTransfer: () => void,
): Shortcuts {
  if (counter.mode !== 'open') return {};
  if (!current) return { n: () => void actions.callNext() };
  const { act } = actions;
  return {
    r: current.state === 'called' ? () => void act(current, { type: 'recall' }) : undefined,
    s: current.state === 'called' ? () => void act(current, { type: 'start' }) : undefined,
    d: () => void act(current, { type: 'done' }),
    b: current.state === 'called' ? () => void act(current, { type: 'no-show' }) : undefined,
    o: () => void act(current, { type: 'park' }),
    t: startTransfer,
  };
}

/** Listens for Alt+letter on the whole window. */
export function useShortcuts(shortcuts: Shortcuts): void {
  // The key listener is registered once and reads the newest handlers through a ref.
  const latestShortcuts = useRef(shortcuts);
  useEffect(() => {
    latestShortcuts.current = shortcuts;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      // event.code, not event.key: Alt changes the character on some layouts (macOS, Polish programmer's).
      const handler = latestShortcuts.current[event.code.replace(/^Key/, '').toLowerCase() as Shortcut];
      if (handler) {
        event.preventDefault();
        handler();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
