/**
 * A fresh PostgreSQL database per test file, on the server named by OKIENKO_TEST_DATABASE_URL (a
 * role that may CREATE DATABASE; CI sets up the same one as a developer machine). Dropped again,
 * with its connections, by `drop()`.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const TEST_DATABASE_URL =
  process.env.OKIENKO_TEST_DATABASE_URL ?? 'postgres://okienko:okienko@127.0.0.1:5432/postgres';

export interface TestDatabase {
  readonly name: string;
  /** Connection string for this database (same server, role and password). */
  readonly url: string;
  /** A query on this database, for checking what the hub stored. */
  query<R extends Record<string, unknown> = Record<string, unknown>>(
    text: string,
    params?: readonly unknown[],
  ): Promise<R[]>;
  /** Closes this helper's pool and drops the database (even with a hub still connected). */
  drop(): Promise<void>;
  /**
   * A copy of the database as it is now (no hub may be connected), and a way to put it back in
   * place of the database later — a backup and its restore. The copy is dropped with `drop()`.
   */
  backup(): Promise<{ restore(): Promise<void> }>;
}

export function databaseUrl(base: string, database: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

async function onServer<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `Cannot reach the test PostgreSQL at ${new URL(TEST_DATABASE_URL).host} (set OKIENKO_TEST_DATABASE_URL): ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(prefix = 'okienko_test'): Promise<TestDatabase> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`.toLowerCase();
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`Not a database name: ${name}`);
  await onServer((client) => client.query(`CREATE DATABASE ${name}`));
  const url = databaseUrl(TEST_DATABASE_URL, name);
  let pool: pg.Pool | null = null;
  const connected = () => {
    if (!pool) {
      pool = new pg.Pool({ connectionString: url, max: 2 });
      pool.on('error', () => undefined);
    }
    return pool;
  };
  const disconnect = async () => {
    const current = pool;
    pool = null;
    await current?.end();
  };
  let dropped = false;
  let backups = 0;
  return {
    name,
    url,
    async query<R extends Record<string, unknown>>(text: string, params: readonly unknown[] = []) {
      return (await connected().query<R>(text, [...params])).rows;
    },
    async drop() {
      if (dropped) return;
      dropped = true;
      await disconnect();
      await onServer(async (client) => {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        for (let n = 1; n <= backups; n++) await client.query(`DROP DATABASE IF EXISTS ${name}_b${n} WITH (FORCE)`);
      });
    },
    async backup() {
      await disconnect();
      const copy = `${name}_b${++backups}`;
      await onServer((client) => client.query(`CREATE DATABASE ${copy} TEMPLATE ${name}`));
      return {
        async restore() {
          await disconnect();
          await onServer(async (client) => {
            await client.query(`DROP DATABASE ${name} WITH (FORCE)`);
            await client.query(`CREATE DATABASE ${name} TEMPLATE ${copy}`);
          });
        },
      };
    },
  };
}
