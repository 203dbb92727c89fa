/**
 * "Wizyty": the way from a counter or the supervisor's screen to the appointments screen, for a
 * person whose roles the hub lets book for a caller (hub-access.ts ROUTE_ACCESS `appointments`).
 * Whether this workstation's kind may, only the hub knows: the screen asks it and says so.
 */
import { ROUTE_ACCESS } from '../../../electron/common/access/hub-access';
import { hasAnyRole } from '../../../electron/common/access/subjects';
import { formatRoute } from '../../../electron/common/routes';
import { useSession } from '../../app/session';
import { useT } from '../../i18n/i18n';
import './appointments.css';

export function AppointmentsLink() {
  const t = useT();
  const user = useSession()?.user ?? null;
  if (!hasAnyRole(user, ROUTE_ACCESS.appointments.roles)) return null;
  return (
    <p className="appointments-link">
      <a href={formatRoute({ screen: 'appointments' })}>{t('appointments.link')}</a>
    </p>
  );
}
