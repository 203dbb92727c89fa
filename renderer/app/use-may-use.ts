/** `mayUse` (may-use.ts) for the page this hook runs in. */
import type { AccessRule } from '../../electron/common/access/station-access';
import { windowOfRoute } from '../../electron/common/routes';
import { mayUse } from './may-use';
import { useRoute } from './router';
import { useSession } from './session';

/**
 * `mayUse` for this page's window (its route, as the station knows it) and the person signed in
 * at this workstation. A locked screen keeps its person: the lock hides the screen as it was.
 */
export function useMayUse(rule: AccessRule): boolean {
  const window = windowOfRoute(useRoute());
  const user = useSession()?.user ?? null;
  return mayUse(rule, window, user);
}
