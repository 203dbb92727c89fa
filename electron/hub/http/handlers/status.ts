/** What a workstation, a TV or a monitor asks before anything else: who am I, is the hub well, which mode. */
import { HUB_API_VERSION, type Health, type MeResponse } from '../../../common/contract/hub';
import { describeError } from '../../../station/log';
import { APP_VERSION } from '../../../station/version';
import { SECURITY_HEADERS } from '../../../node/static-files';
import type { RequestContext, StationContext } from '../context';
import { sendJson } from '../messages';

/** The station the token belongs to, its kind, and the session's person. */
export async function me({ response, caller }: StationContext): Promise<void> {
  const { station, user } = caller;
  const body: MeResponse = { station: station.name, slot: station.slot, kind: station.kind, user: user?.login ?? null };
  sendJson(response, 200, body);
}

/** `/health`: 200 with how far this node's live feed trails the database, 503 when the database is gone. */
export async function health({ hub, response }: RequestContext): Promise<void> {
  const known = { version: APP_VERSION, api: HUB_API_VERSION, database: hub.databaseKind };
  try {
    const lag = await hub.feed.lag();
    const body: Health = { ok: true, ...known, stamp: lag.newest, lag: { stamps: lag.stamps, ms: lag.ms } };
    sendJson(response, 200, body);
  } catch (error) {
    hub.log.warn('health check: database unreachable', { error: describeError(error) });
    const body: Health = { ok: false, ...known, stamp: hub.feed.publishedStamp, lag: { stamps: 0, ms: 0 } };
    sendJson(response, 503, body);
  }
}

/** `/runtime.json`: screens served by the hub learn they run on the hub (no station behind them). */
export async function runtime({ response }: RequestContext): Promise<void> {
  sendJson(response, 200, { mode: 'hub' }, { ...SECURITY_HEADERS });
}
