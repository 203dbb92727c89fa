/**
 * What every field of the set-up screen reaches through context: the draft, how to change it, and
 * the words of the problems shown at a place (problems.ts). One provider, in office.tsx.
 */
import { createContext, useContext } from 'react';
import type { OfficeConfiguration } from '../../../electron/common/domain/office-config';
import type { Path } from '../../../electron/common/validation/schema-problems';

export interface OfficeForm {
  readonly draft: OfficeConfiguration;
  /** Puts `value` at `path` (undefined: an optional field left empty, or an item taken out of its list). */
  readonly set: (path: Path, value: unknown) => void;
  /** Any other change of the draft. */
  readonly change: (edit: (draft: OfficeConfiguration) => OfficeConfiguration) => void;
  /** The problems at this place (problems.ts `placeOf`), in words. */
  readonly problemsAt: (path: Path) => readonly string[];
  /** How many problems lie anywhere under `path` (a folded service says so on its line). */
  readonly problemsUnder: (path: Path) => number;
  /** Whether the office is saved already: its id no longer changes here. */
  readonly saved: boolean;
}

export const OfficeFormContext = createContext<OfficeForm | null>(null);

export function useOfficeForm(): OfficeForm {
  const form = useContext(OfficeFormContext);
  if (!form) throw new Error('useOfficeForm outside OfficeFormContext');
  return form;
}

const FOCUSABLE = 'input, select, textarea, button, summary, a[href]';

/**
 * Focuses the place with element id `id` (a problem's link): the field itself, or the first control
 * of the group it is, with every closed `<details>` around it opened first.
 */
export function focusPlace(id: string): void {
  const element = document.getElementById(id);
  if (!element) return;
  for (let details = element.closest('details'); details; details = details.parentElement?.closest('details') ?? null)
    details.open = true;
  const target = element.matches(FOCUSABLE) ? element : (element.querySelector<HTMLElement>(FOCUSABLE) ?? element);
  target.focus();
  target.scrollIntoView({ block: 'center' });
}
