/**
 * The benchmark's peer: the same workstation database replicated with RxDB's own websocket
 * replication server (rxdb/plugins/replication-websocket) instead of the Okienko hub. It offers
 * the part of a sync handle the simulated workstation uses, so one workload runs against both.
 */
import type { RxCollection } from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import { replicateWithWebsocketServer } from 'rxdb/plugins/replication-websocket';
import { SYNC_COLLECTIONS } from '../../electron/common/contract/hub';
import type { OkienkoDatabase } from '../../renderer/db/database';

export interface PeerLink {
  setOffline(offline: boolean): Promise<void>;
  awaitInSync(): Promise<void>;
  awaitInitialSync(): Promise<void>;
  stop(): Promise<void>;
}

export async function connectPeer(db: OkienkoDatabase, url: string): Promise<PeerLink> {
  let states: RxReplicationState<unknown, unknown>[] = [];
  const start = async () => {
    states = await Promise.all(
      SYNC_COLLECTIONS.map((name) =>
        replicateWithWebsocketServer<unknown, unknown>({
          collection: db[name] as unknown as RxCollection<unknown>,
          url,
          replicationIdentifier: `peer-${name}`,
          live: true,
        }),
      ),
    );
  };
  const stopAll = async () => {
    await Promise.all(states.map((state) => state.cancel()));
    states = [];
  };
  await start();
  return {
    async setOffline(offline) {
      if (offline) await stopAll();
      else await start();
    },
    async awaitInSync() {
      await Promise.all(states.map((state) => state.awaitInSync()));
    },
    async awaitInitialSync() {
      await Promise.all(states.map((state) => state.awaitInitialReplication()));
    },
    stop: stopAll,
  };
}
