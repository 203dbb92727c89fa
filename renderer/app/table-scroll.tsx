/**
 * A wide table's own scrolling box: at 320 CSS px (or 200 % zoom) the table scrolls sideways
 * inside it, never the page (WCAG 1.4.10). The box is a named region that takes the focus, so a
 * keyboard reaches what is scrolled away (WCAG 2.1.1; axe `scrollable-region-focusable`).
 */
import type { ReactNode } from 'react';
import { useT } from '../i18n/i18n';

export function TableScroll({ name, children }: { name: string; children: ReactNode }) {
  const t = useT();
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling region is reached by keyboard
    <div className="table-scroll" role="region" aria-label={t('app.tableOf', { name })} tabIndex={0}>
      {children}
    </div>
  );
}
