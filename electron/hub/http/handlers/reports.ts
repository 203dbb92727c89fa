/**
 * A supervisor's report (contract/hub-reports.ts) for the range the query names, in the session of
 * a person the access table lets through (ROUTE_ACCESS `reports`). The figures per clerk go only
 * to a supervisor or an admin — the only ones the table lets in today; the check stays here so a
 * wider door later cannot hand them to anyone else.
 */
import { hasAnyRole } from '../../../common/access/subjects';
import { ReportQuerySchema } from '../../../common/contract/hub-reports';
import { officeReport } from '../../reports';
import { parseQuery } from '../body';
import type { StationContext } from '../context';
import { sendJson } from '../messages';

export async function report({ hub, response, url, caller }: StationContext): Promise<void> {
  const query = parseQuery(ReportQuerySchema, url, 'a report is ?from=YYYY-MM-DD&to=YYYY-MM-DD&target=minutes');
  const withClerks = hasAnyRole(caller.user, ['supervisor', 'admin']);
  sendJson(response, 200, await officeReport(hub.store.db, query, withClerks));
}
