/**
 * A child process for crash.test.ts: opens the hub's database as the hub does, pushes a batch
 * through the real store, and SIGKILLs itself the moment the batch's INSERT has run — inside the
 * transaction, before COMMIT. Nothing is mocked: the database sees exactly what it would see if
 * the hub process died at that instant.
 *
 *   node --import tsx kill-inside-push.ts (--data <dir> | --database-url <url>) --prefix <p> --rows <n>
 */
import { parseArgs } from 'node:util';
import { openHubDatabase } from '../../../electron/hub/hub';
import type { SqlClient, SqlQueryable } from '../../../electron/hub/sql';
import { HubStore } from '../../../electron/hub/store';
import { createLogger } from '../../../electron/station/log';
import { insert, ticket } from './documents';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    'database-url': { type: 'string' },
    prefix: { type: 'string' },
    rows: { type: 'string' },
  },
});
const log = createLogger({ level: 'warn' });
const database = await openHubDatabase(
  { dataDir: values.data ?? '', databaseUrl: values['database-url'] ?? null },
  log,
);

const dying = (tx: SqlQueryable): SqlQueryable => ({
  exec: (text) => tx.exec(text),
  async query(text, params) {
    const rows = await tx.query(text, params);
    if (/^\s*INSERT INTO documents/.test(text)) {
      process.stdout.write('inserted, not committed\n');
      process.kill(process.pid, 'SIGKILL');
      await new Promise(() => undefined);
    }
    return rows as never;
  },
});
const db: SqlClient = { ...database.db, transaction: (fn) => database.db.transaction((tx) => fn(dying(tx))) };

const store = new HubStore(db, 'kill-inside-push');
const rows = Array.from({ length: Number(values.rows ?? 100) }, (_, i) =>
  insert(ticket(`${values.prefix ?? 'kill'}-${i}`, i + 1)),
);
await store.push('tickets', rows);
process.stdout.write('committed (the kill did not happen)\n');
await database.close();
