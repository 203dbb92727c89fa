/**
 * Which items of a list (services, counters) are unfolded: each is a `<details>`, folded unless the
 * admin opens it, adds it, or follows a problem's link into it (form.ts `focusPlace` opens it, and
 * `toggled` hears that). Held by index, shifted when an item is taken out.
 */
import { useCallback, useState } from 'react';

export interface OpenItems {
  readonly isOpen: (index: number) => boolean;
  /** The `<details>` was opened or closed (by the admin or by a link). */
  readonly toggled: (index: number, open: boolean) => void;
  /** Item `index` was taken out: the items after it move up. */
  readonly removed: (index: number) => void;
}

export function useOpenItems(): OpenItems {
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const toggled = useCallback((index: number, now: boolean) => {
    setOpen((current) => {
      if (current.has(index) === now) return current;
      const next = new Set(current);
      if (now) next.add(index);
      else next.delete(index);
      return next;
    });
  }, []);
  const removed = useCallback((index: number) => {
    setOpen((current) => new Set([...current].filter((at) => at !== index).map((at) => (at > index ? at - 1 : at))));
  }, []);
  return { isOpen: (index) => open.has(index), toggled, removed };
}
