/**
 * The benchmark's peer server: RxDB's own websocket replication server (free,
 * rxdb/plugins/replication-websocket) over the same collections, in a process of its own like the
 * hub. RxDB's free storages for Node keep nothing on disk; `--storage memory` (its fastest) or
 * `--storage dexie` (the workstations' own, on fake-indexeddb). Either flatters it next to a hub
 * that commits to PostgreSQL. Prints one JSON line `{"ws": url, "http": url}`; GET <http>/count
 * answers the number of tickets.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { startWebsocketServer } from 'rxdb/plugins/replication-websocket';
import { createOkienkoDatabase } from '../../renderer/db/database';

const storage =
  process.argv.includes('--storage') && process.argv[process.argv.indexOf('--storage') + 1] === 'dexie'
    ? getRxStorageDexie({ indexedDB: new IDBFactory(), IDBKeyRange })
    : getRxStorageMemory();
const db = await createOkienkoDatabase({ name: 'peer', storage, multiInstance: false });
const server = startWebsocketServer({ database: db, port: 0 });
await new Promise<void>((resolve) => server.server.once('listening', () => resolve()));
const counter = http.createServer((_request, response) => {
  void db.tickets
    .count()
    .exec()
    .then((count) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ count }));
    });
});
await new Promise<void>((resolve) => counter.listen(0, '127.0.0.1', () => resolve()));
const wsPort = (server.server.address() as AddressInfo).port;
process.stdout.write(
  `${JSON.stringify({ ws: `ws://127.0.0.1:${wsPort}`, http: `http://127.0.0.1:${(counter.address() as AddressInfo).port}` })}\n`,
);
const stop = async () => {
  counter.close();
  await db.close();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
