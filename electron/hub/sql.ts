/**
 * One SQL dialect, two back ends. The hub speaks PostgreSQL to either
 * - PGlite: PostgreSQL compiled to WebAssembly, running inside the hub process and persisted to a
 *   folder. One process per folder (see data-dir.ts). For a single office and for tests.
 * - PostgreSQL: a `pg` pool, plus one dedicated connection for LISTEN that reconnects by itself.
 *   For a city: several stateless hub nodes on one primary.
 *
 * Everything above this file sees only `SqlClient`, so the store, the migrations and the tests
 * run unchanged on both. Results are plain rows; a caller converts `bigint` columns with
 * `Number()` (pg returns them as strings, PGlite as numbers).
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Logger } from '../station/log';
import { retryDelay } from '../common/backoff';

export type DatabaseKind = 'pglite' | 'postgresql';
export type Row = Record<string, unknown>;

export interface SqlQueryable {
  /** One statement with `$1…` parameters. */
  query<R extends Row = Row>(text: string, params?: readonly unknown[]): Promise<R[]>;
  /** A script of several statements, no parameters (migrations). */
  exec(text: string): Promise<void>;
}

export interface ListenOptions {
  /** Called after the LISTEN connection was lost and came back: notifications in between are gone. */
  readonly onReconnect?: () => void;
}

export interface SqlClient extends SqlQueryable {
  readonly kind: DatabaseKind;
  /** Runs `fn` in one transaction (READ COMMITTED): COMMIT when it resolves, ROLLBACK when it throws. */
  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  /** LISTEN on `channel`; resolves once listening. The returned function stops listening. */
  listen(channel: string, handler: (payload: string) => void, options?: ListenOptions): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;

function checkChannel(channel: string): void {
  if (!CHANNEL.test(channel)) throw new Error(`Not a channel name: ${channel}`);
}

// ---------------------------------------------------------------------------------------------
// PGlite

/** `dataDir` is a folder, or `memory://` for a database that lives only in this process (tests). */
export async function openPglite(dataDir: string, log: Logger): Promise<SqlClient> {
  if (!dataDir.startsWith('memory://')) await mkdir(path.dirname(dataDir), { recursive: true });
  const db = await PGlite.create(dataDir);
  const wrap = (target: Pick<PGlite, 'query' | 'exec'>): SqlQueryable => ({
    async query<R extends Row>(text: string, params: readonly unknown[] = []) {
      return (await target.query<R>(text, [...params])).rows;
    },
    async exec(text: string) {
      await target.exec(text);
    },
  });
  const base = wrap(db);
  return {
    kind: 'pglite',
    ...base,
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    async listen(channel, handler) {
      checkChannel(channel);
      const unlisten = await db.listen(channel, handler);
      return () => unlisten();
    },
    async close() {
      if (!db.closed) await db.close();
      log.debug('pglite closed', { dir: dataDir });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

/** `postgres://user:secret@host/db` → `host/db`, for messages (never the password). */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname}`;
  } catch {
    return 'the database URL (unparseable)';
  }
}

export interface PostgresOptions {
  readonly url: string;
  readonly log: Logger;
  readonly poolSize?: number;
  /** Shown in pg_stat_activity, so an operator can tell hub connections apart. */
  readonly applicationName?: string;
}

export async function openPostgres(options: PostgresOptions): Promise<SqlClient> {
  const { log } = options;
  const config: pg.PoolConfig = {
    connectionString: options.url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    application_name: options.applicationName ?? 'okienko-hub',
  };
  const pool = new pg.Pool(config);
  // An idle client that loses its server emits here; without a listener Node would crash.
  pool.on('error', (error) => log.warn('database connection lost', { error: error.message }));
  // Fail at start with the real reason (wrong password, no such database) rather than later.
  (await pool.connect()).release();

  const wrap = (target: pg.Pool | pg.PoolClient): SqlQueryable => ({
    async query<R extends Row>(text: string, params: readonly unknown[] = []) {
      return (await target.query<R>(text, [...params])).rows;
    },
    async exec(text: string) {
      await target.query(text);
    },
  });

  const listener = new PgListener(config, log);
  let closed = false;
  return {
    kind: 'postgresql',
    ...wrap(pool),
    async transaction(fn) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          // The connection itself is gone: do not hand it to the next caller.
          broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        }
        throw error;
      } finally {
        client.release(broken);
      }
    },
    listen: (channel, handler, listenOptions) => listener.listen(channel, handler, listenOptions),
    async close() {
      if (closed) return;
      closed = true;
      await listener.close();
      await pool.end();
    },
  };
}

interface Subscription {
  readonly handler: (payload: string) => void;
  readonly onReconnect?: () => void;
}

/**
 * LISTEN needs one connection that stays open (a pooled one would be handed to someone else).
 * When it drops, it comes back with growing pauses, LISTENs again and tells every subscriber,
 * who must assume notifications were missed.
 */
class PgListener {
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private readonly channels = new Map<string, Set<Subscription>>();
  private retryTimer: NodeJS.Timeout | null = null;
  private attempt = 0;
  private closed = false;

  constructor(
    private readonly config: pg.ClientConfig,
    private readonly log: Logger,
  ) {}

  async listen(
    channel: string,
    handler: (payload: string) => void,
    options: ListenOptions = {},
  ): Promise<() => Promise<void>> {
    checkChannel(channel);
    const subscription: Subscription = {
      handler,
      ...(options.onReconnect ? { onReconnect: options.onReconnect } : {}),
    };
    let set = this.channels.get(channel);
    const first = !set;
    if (!set) {
      set = new Set();
      this.channels.set(channel, set);
    }
    set.add(subscription);
    const client = await this.connection();
    if (first) await client.query(`LISTEN ${channel}`);
    return async () => {
      const current = this.channels.get(channel);
      current?.delete(subscription);
      if (current && current.size === 0) {
        this.channels.delete(channel);
        await this.client?.query(`UNLISTEN ${channel}`).catch(() => undefined);
      }
    };
  }

  private connection(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= this.connect().finally(() => (this.connecting = null));
    return this.connecting;
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({
      ...this.config,
      application_name: `${this.config.application_name ?? 'okienko-hub'}-listen`,
    });
    client.on('notification', (message) => {
      for (const subscription of this.channels.get(message.channel) ?? []) subscription.handler(message.payload ?? '');
    });
    const lost = (reason: string) => {
      if (this.client !== client) return;
      this.client = null;
      client.removeAllListeners('notification');
      void client.end().catch(() => undefined);
      if (!this.closed) {
        this.log.warn('LISTEN connection lost; reconnecting', { reason });
        this.scheduleReconnect();
      }
    };
    client.on('error', (error) => lost(error.message));
    client.on('end', () => lost('ended'));
    await client.connect();
    for (const channel of this.channels.keys()) await client.query(`LISTEN ${channel}`);
    this.client = client;
    this.attempt = 0;
    return client;
  }

  private scheduleReconnect(): void {
    if (this.retryTimer || this.closed) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connection().then(
        () => {
          this.log.info('LISTEN connection back');
          for (const set of this.channels.values()) for (const subscription of set) subscription.onReconnect?.();
        },
        (error: unknown) => {
          this.log.warn('LISTEN reconnect failed', {
            error: error instanceof Error ? error.message : String(error),
            attempt: this.attempt,
          });
          this.attempt++;
          this.scheduleReconnect();
        },
      );
    }, retryDelay(this.attempt));
    this.retryTimer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client ?? (await this.connecting?.catch(() => null)) ?? null;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}
