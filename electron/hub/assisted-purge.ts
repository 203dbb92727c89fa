/**
 * The hub's purge of assisted sessions past their time. A session's personal data (the visitor's
 * identity, the proxy, the answers) may be kept only until `expiresAt` (eservices/session.ts): the
 * workstations purge their own copies, but the hub's copy must go too, even if no workstation that
 * held the session ever comes back. So the hourly purge (hub.ts) writes every expired session's
 * purged version as a tombstone, through the store's own write path: it gets a stamp, the live feed
 * carries it, and a workstation that pulls deletes its copy (a deletion wins every conflict,
 * sync/assisted-merge.ts). The tombstone itself goes with the others after `--tombstone-days`.
 * Assistance records hold no personal data and stay.
 */
import { purged, type AssistedSessionDoc } from '../common/eservices/session';
import { toWire, type HubStore, type StoredDocument } from './store';

/** Empties and deletes every assisted session whose `expiresAt` (> 0) is at or before `now`; returns what it wrote. */
export async function purgeExpiredAssistedSessions(store: HubStore, now: number): Promise<StoredDocument[]> {
  return store.writeOwn('assistedSessions', async (tx) => {
    // The CASE keeps a malformed `expiresAt` (which the schema does not let in) from failing the cast.
    const rows = await tx.query<{ data: AssistedSessionDoc }>(
      `SELECT data FROM documents
        WHERE collection = 'assistedSessions' AND NOT deleted
          AND CASE WHEN data->>'expiresAt' ~ '^[0-9]{1,16}$' THEN (data->>'expiresAt')::bigint END BETWEEN 1 AND $1
        ORDER BY id FOR UPDATE`,
      [Math.floor(now)],
    );
    return rows.map((row) => toWire(purged(row.data, now) as unknown as Readonly<Record<string, unknown>>, true));
  });
}
