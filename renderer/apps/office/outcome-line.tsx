/** What came of the last save, import or export: a status, or an alert when refused. */
import type { Outcome } from './use-office-setup';

export function OutcomeLine({ outcome }: { outcome: Outcome | null }) {
  return (
    <p
      className={`office-outcome office-outcome-${outcome?.kind ?? 'info'}`}
      role={outcome?.kind === 'error' ? 'alert' : 'status'}
    >
      {outcome?.text ?? ''}
    </p>
  );
}
