/**
 * The hub's composition root: the database (PGlite or PostgreSQL), its migrations, the store, the
 * live feed, the HTTP server, the hourly purge (old tombstones, assisted sessions past their
 * time, notifications done with 90 days ago), the appointments' minute timer (no-shows, residents'
 * contacts past their time, reminders) and the notifications' worker (notifications/worker.ts),
 * woken by every ticket change for "your turn is near", started and stopped in one place.
 */
import type { DirectoryConfig } from './directory';
import { randomUUID } from 'node:crypto';
import { describeError, type Logger } from '../station/log';
import { runAdminRequest } from './admin';
import { appointmentTick } from './appointment-timer';
import { purgeExpiredAssistedSessions } from './assisted-purge';
import { ChangeFeed } from './change-feed';
import { lockDataDir, pgliteDir, type AdminHandler, type DataDirLock } from './data-dir';
import { migrate } from './migrations';
import type { NotificationSettings } from './notifications/config';
import { purgeDone } from './notifications/outbox';
import { NotificationWorker } from './notifications/worker';
import { advanceTurnNear, TURN_NEAR_OFF, type TurnNearSettings } from './turn-near';
import { setUpDemo } from './demo';
import type { DatabaseChoice } from './options';
import { startHubServer } from './server';
import { purgeSessions } from './sessions';
import { openPglite, openPostgres, type DatabaseKind, type SqlClient, type SqlQueryable } from './sql';
import { HubStore } from './store';
import { listTokens } from './tokens';

/** The purges run hourly: an assisted session's personal data goes within an hour of its expiry. */
const PURGE_EVERY_MS = 60 * 60 * 1000;
/** A booked visitor who has not come is a no-show within a minute of their grace running out. */
const APPOINTMENT_TICK_MS = 60 * 1000;

export interface OpenDatabase {
  readonly db: SqlClient;
  /** Held for an embedded database: this process owns the folder until `close()`. */
  readonly lock: DataDirLock | null;
  close(): Promise<void>;
}

/** Opens the chosen database and brings its schema up to date. */
export async function openHubDatabase(choice: DatabaseChoice, log: Logger): Promise<OpenDatabase> {
  if (choice.databaseUrl) {
    const db = await openPostgres({ url: choice.databaseUrl, log });
    try {
      await migrate(db);
    } catch (error) {
      await db.close();
      throw error;
    }
    return { db, lock: null, close: () => db.close() };
  }
  const lock = await lockDataDir(choice.dataDir);
  let db: SqlClient | null = null;
  try {
    db = await openPglite(pgliteDir(choice.dataDir), log);
    await migrate(db);
  } catch (error) {
    await db?.close().catch(() => undefined);
    await lock.release();
    throw error;
  }
  const opened = db;
  return {
    db: opened,
    lock,
    async close() {
      await opened.close();
      await lock.release();
    },
  };
}

export interface HubOptions extends DatabaseChoice {
  readonly port: number;
  readonly bind: string;
  readonly tombstoneDays: number;
  readonly rendererDir: string;
  readonly log: Logger;
  readonly heartbeatMs?: number;
  /** At most this many waiting-room boards streaming at once (MAX_BOARD_STREAMS). */
  readonly maxBoardStreams?: number;
  /** HTTPS with this certificate and key (tls.ts); plain HTTP without. */
  readonly tls?: { readonly cert: string; readonly key: string };
  /** The office's directory, read from `--directory` (directory.ts). */
  readonly directory?: DirectoryConfig;
  /** `--assisted-keep-days`: the most days a pushed assisted session keeps the visitor's data. */
  readonly assistedKeepDays?: number;
  /** Public writes (bookings) per minute per address; reads take four times as many; 0: no limit. */
  readonly publicWritesPerMinute?: number;
  /** `--demo`: the demo office on a hub that has none, and the demo accounts (demo.ts). */
  readonly demo?: boolean;
  /** The residents' notifications' senders (notifications/config.ts); none: nothing is sent. */
  readonly notifications?: NotificationSettings;
  /** `--public-url`: the origin residents reach the hub at (links in calendar files, the demo's QR codes). */
  readonly publicUrl?: string | null;
}

export interface RunningHub {
  readonly url: string;
  readonly port: number;
  readonly kind: DatabaseKind;
  readonly nodeId: string;
  close(): Promise<void>;
}

export async function startHub(options: HubOptions): Promise<RunningHub> {
  const { log } = options;
  const database = await openHubDatabase(options, log);
  const { db } = database;
  const nodeId = randomUUID();
  const store = new HubStore(db, nodeId);
  const feed = new ChangeFeed(store, { nodeId, log, pollMs: db.kind === 'postgresql' ? 5_000 : 0 });

  let feedStarted = false;
  const purge = async () => {
    try {
      const purged = await store.purgeTombstones(options.tombstoneDays);
      if (purged > 0) log.info('purged old tombstones', { purged, days: options.tombstoneDays });
      await Promise.all([purgeSessions(db, Date.now()), purgeOldNotifications(db, log)]);
    } catch (error) {
      log.warn('tombstone purge failed', { error: describeError(error) });
    }
    try {
      // Personal data past its time goes at the hub too, whether or not a workstation comes back.
      const expired = await purgeExpiredAssistedSessions(store, Date.now());
      if (expired.length > 0) log.info('purged expired assisted sessions', { purged: expired.length });
      // Before the feed starts (the purge at start), it starts after these stamps: pulls bring them.
      if (feedStarted) feed.committed(expired);
    } catch (error) {
      log.warn('assisted session purge failed', { error: describeError(error) });
    }
  };

  const tick = appointmentTimer(store, feed, log);

  let server;
  try {
    await purge();
    // Before the feed starts: workstations pull what it writes.
    if (options.demo) await setUpDemo(store, Date.now(), options.publicUrl ?? null);
    await warnAboutKindlessTokens(db, log);
    await feed.start();
    feedStarted = true;
    await tick();
    server = await startHubServer({
      store,
      feed,
      databaseKind: db.kind,
      port: options.port,
      bind: options.bind,
      rendererDir: options.rendererDir,
      log,
      ...(options.heartbeatMs ? { heartbeatMs: options.heartbeatMs } : {}),
      ...(options.maxBoardStreams ? { maxBoardStreams: options.maxBoardStreams } : {}),
      ...(options.tls ? { tls: options.tls } : {}),
      ...(options.directory ? { directory: options.directory } : {}),
      ...(options.assistedKeepDays ? { assistedKeepDays: options.assistedKeepDays } : {}),
      ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
      turnNear: turnNearSettings(options.notifications),
      ...(options.publicWritesPerMinute !== undefined ? { publicWritesPerMinute: options.publicWritesPerMinute } : {}),
    });
  } catch (error) {
    await feed.stop().catch(() => undefined);
    await database.close().catch(() => undefined);
    throw error;
  }
  const running = server;
  database.lock?.serve(adminHandler(store, feed, running));
  const notifier = await startNotifications(db, feed, options);
  const purgeTimer = setInterval(() => void purge(), PURGE_EVERY_MS);
  purgeTimer.unref();
  const appointmentTimerId = setInterval(() => void tick(), APPOINTMENT_TICK_MS).unref();

  let closing: Promise<void> | null = null;
  return {
    url: running.url,
    port: running.port,
    kind: db.kind,
    nodeId,
    close() {
      closing ??= (async () => {
        clearInterval(purgeTimer);
        clearInterval(appointmentTimerId);
        await notifier?.stop();
        await running.close();
        await feed.stop();
        await database.close();
      })();
      return closing;
    },
  };
}

/** Admin commands handed to this running hub (data-dir.ts): what they write reaches its live feed. */
function adminHandler(store: HubStore, feed: ChangeFeed, running: { dropSyncStreams(): void }): AdminHandler {
  return async (request) => {
    const reply = await runAdminRequest(store.db, request, Date.now(), {
      store,
      onWritten: (written) => feed.committed(written),
    });
    // after-restore handed to this running hub: connected workstations must not wait for their
    // next reconnect to learn the new epoch.
    if (request.command === 'after-restore' && reply.ok) running.dropSyncStreams();
    return reply;
  };
}

/**
 * The appointments' minute timer (appointment-timer.ts): what it marks no-show goes out on the
 * live feed. A run never overlaps the one before; a failure is logged and the next minute tries again.
 */
function appointmentTimer(store: HubStore, feed: ChangeFeed, log: Logger): () => Promise<void> {
  let running = false;
  return async () => {
    if (running) return;
    running = true;
    try {
      const { noShows, contactsPurged, reminders } = await appointmentTick(store, Date.now());
      if (noShows.length > 0) log.info('appointments marked no-show', { count: noShows.length });
      if (contactsPurged > 0) log.info('booking contacts purged', { purged: contactsPurged });
      if (reminders > 0) log.info('appointment reminders enqueued', { count: reminders });
      feed.committed(noShows);
    } catch (error) {
      log.warn('appointment timer failed', { error: describeError(error) });
    } finally {
      running = false;
    }
  };
}

/** Sent and failed notifications made long ago, with their attempts (notifications/outbox.ts purgeDone). */
async function purgeOldNotifications(db: SqlQueryable, log: Logger): Promise<void> {
  const purged = await purgeDone(db, Date.now());
  if (purged > 0) log.info('purged old notifications', { purged });
}

/** Which channels a kiosk may offer "your turn is near" on (turn-near.ts): those with a sender. */
function turnNearSettings(settings: NotificationSettings | undefined): TurnNearSettings {
  if (!settings) return TURN_NEAR_OFF;
  return { channels: settings.senders.map((sender) => sender.channel), ahead: settings.turnNearAhead };
}

/**
 * The outbox's worker (notifications/worker.ts), started, when a channel is configured. Every
 * ticket change this node commits or hears of wakes it, so a "turn is near" goes within moments.
 */
async function startNotifications(
  db: SqlClient,
  feed: ChangeFeed,
  options: HubOptions,
): Promise<{ stop(): Promise<void> } | null> {
  const settings = options.notifications;
  if (!settings || settings.senders.length === 0) return null;
  const turnNear = turnNearSettings(settings);
  const { senders, policy, pollMs } = settings;
  options.log.info('notifications on', { channels: senders.map((sender) => sender.channel).join(', ') });
  const beforeRun = async (now: number) => {
    const { due, dropped } = await advanceTurnNear(db, turnNear, now);
    if (due + dropped > 0) options.log.info('turn-near notifications moved on', { due, dropped });
  };
  const worker = new NotificationWorker(db, senders, { log: options.log, policy, pollMs, beforeRun });
  await worker.start();
  const unsubscribe = feed.subscribe((event) => {
    if (event.collection === 'tickets') worker.wake();
  });
  return {
    async stop() {
      unsubscribe();
      await worker.stop();
    },
  };
}

/** Tokens enrolled before kinds existed keep all rights until an admin gives them a kind: say so at every start. */
async function warnAboutKindlessTokens(db: SqlQueryable, log: Logger): Promise<void> {
  const kindless = (await listTokens(db)).filter((token) => token.kind === null && token.revokedAt === null);
  if (kindless.length === 0) return;
  log.warn('tokens without a kind keep every right until an admin gives each one (npm run hub -- token kind)', {
    stations: kindless.map((token) => token.name).join(', '),
  });
}
