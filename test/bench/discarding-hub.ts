/**
 * A ceiling for the push-throughput figure: the hub's own HTTP server (electron/hub/server.ts:
 * routing, token check, version check, body limit, JSON, the push schema, every document's JSON
 * schema, the change feed, the answer) in a process of its own like the real hub — but with a
 * store that decides conflicts and hands out stamps in memory and keeps nothing. No hub that
 * stores documents durably can push faster than this on the same machine; next to the peer it
 * shows how much of the gap is the storage and how much the rest. A benchmark instrument only.
 *
 * Tokens live in a database as in the real hub (one query per request, as there): PostgreSQL with
 * `--database-url` (the most favourable: the query runs on the server's core, not the hub's), else
 * PGlite in memory. Prints one JSON line `{"url", "token"}`; SIGTERM stops it.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SyncCollection, WireDocument } from '../../electron/common/contract/hub';
import { ChangeFeed } from '../../electron/hub/change-feed';
import { migrate } from '../../electron/hub/migrations';
import { startHubServer } from '../../electron/hub/server';
import { openPglite, openPostgres } from '../../electron/hub/sql';
import { checkRows, decidePush, HubStore, type PushOutcome, type PushRow } from '../../electron/hub/store';
import { openSession } from '../../electron/hub/sessions';
import { createToken } from '../../electron/hub/tokens';
import { createLogger } from '../../electron/station/log';

class DiscardingStore extends HubStore {
  private stamp = 0;
  private readonly masters = new Map<SyncCollection, Map<string, WireDocument>>();

  override async newestStamp(): Promise<number> {
    return this.stamp;
  }

  /** The hub's own checks and push rule (store.ts), on masters kept in memory. */
  override async push(collection: SyncCollection, rows: readonly PushRow[]): Promise<PushOutcome> {
    checkRows(collection, rows);
    let current = this.masters.get(collection);
    if (!current) this.masters.set(collection, (current = new Map()));
    const outcome = decidePush(collection, rows, current, this.stamp);
    this.stamp = outcome.written.at(-1)?.stamp ?? this.stamp;
    return outcome;
  }
}

const log = createLogger({ scope: 'discarding-hub', level: 'warn' });
const urlAt = process.argv.indexOf('--database-url');
const db = urlAt > 0 ? await openPostgres({ url: process.argv[urlAt + 1]!, log }) : await openPglite('memory://', log);
await migrate(db);
// A clerk's session, as the real workstations push with: the push is authorized as in production.
const { slot } = await createToken(db, 'bench', 'counter');
const [user] = await db.query<{ id: number }>(
  `INSERT INTO users (login, display_name, roles) VALUES ('bench', 'Bench', '{clerk,supervisor,admin}') RETURNING id`,
);
const station = { tokenId: 1, name: 'bench', slot, kind: 'counter' as const };
const { session: token } = await openSession(db, station, user!.id, Date.now());
const store = new DiscardingStore(db, 'discarding');
const feed = new ChangeFeed(store, { nodeId: 'discarding', log });
await feed.start();
const server = await startHubServer({
  store,
  feed,
  databaseKind: 'pglite',
  port: 0,
  bind: '127.0.0.1',
  rendererDir: await mkdtemp(path.join(tmpdir(), 'okienko-discarding-hub-')),
  log,
});
process.stdout.write(`${JSON.stringify({ url: server.url, token })}\n`);
const stop = async () => {
  await server.close();
  await feed.stop();
  await db.close();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
