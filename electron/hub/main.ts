/**
 * `npm run hub`: the office hub. Plain Node; PGlite in a folder by default, PostgreSQL with
 * --database-url (or DATABASE_URL). `npm run hub -- token …` enrols and revokes workstations.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger, describeError, type Logger } from '../station/log';
import { runAdminRequest } from './admin';
import { DataDirBusy, sendAdminRequest, type AdminReply, type AdminRequest } from './data-dir';
import { openHubDatabase, startHub } from './hub';
import { MigrationError } from './migrations';
import { HUB_USAGE, HubOptionsError, parseHubArgs, type ServeCommand, type TokenCommand } from './options';
import { describeDatabaseUrl } from './sql';
import type { AfterRestore } from './store';
import type { TokenInfo } from './tokens';
import { isMainModule } from '../node/main-module';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function main(argv: readonly string[]): Promise<number> {
  let command;
  try {
    command = parseHubArgs(argv, process.env, projectRoot);
  } catch (error) {
    if (error instanceof HubOptionsError) {
      process.stderr.write(`okienko hub: ${error.message}\n\n${HUB_USAGE}`);
      return 2;
    }
    throw error;
  }
  if (command.command === 'help') {
    process.stdout.write(HUB_USAGE);
    return 0;
  }
  if (command.command === 'serve') return serve(command);
  return administer(command);
}

function whereIs(command: ServeCommand | TokenCommand): string {
  return command.databaseUrl ? `postgresql, ${describeDatabaseUrl(command.databaseUrl)}` : `pglite, ${command.dataDir}`;
}

function explain(error: unknown, command: ServeCommand | TokenCommand): string {
  if (error instanceof DataDirBusy || error instanceof MigrationError) return error.message;
  const code = (error as NodeJS.ErrnoException).code;
  if (command.command === 'serve' && code === 'EADDRINUSE')
    return `port ${command.port} is in use; choose another with --port`;
  if (command.databaseUrl)
    return `cannot use the database at ${describeDatabaseUrl(command.databaseUrl)}: ${describeError(error)}`;
  return describeError(error);
}

async function serve(command: ServeCommand): Promise<number> {
  const log = createLogger({ scope: 'hub', level: process.env.OKIENKO_LOG_LEVEL === 'debug' ? 'debug' : 'info' });
  for (const warning of command.warnings) process.stderr.write(`okienko hub: warning: ${warning}\n`);
  let hub;
  try {
    const heartbeatMs = Number(process.env.OKIENKO_HUB_HEARTBEAT_MS);
    hub = await startHub({ ...command, log, ...(heartbeatMs > 0 ? { heartbeatMs } : {}) });
  } catch (error) {
    process.stderr.write(`okienko hub: ${explain(error, command)}\n`);
    return 1;
  }
  process.stdout.write(`Okienko hub is serving at ${hub.url} (database: ${whereIs(command)})\n`);

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  log.info('shutting down');
  await hub.close();
  return 0;
}

async function administer(command: TokenCommand): Promise<number> {
  const log = createLogger({ scope: 'hub', level: 'warn' });
  const request: AdminRequest =
    command.command === 'token.list' || command.command === 'after-restore'
      ? { command: command.command }
      : { command: command.command, name: command.name };
  let reply: AdminReply;
  try {
    reply = await runOnDatabase(command, request, log);
  } catch (error) {
    process.stderr.write(`okienko hub: ${explain(error, command)}\n`);
    return 1;
  }
  if (!reply.ok) {
    process.stderr.write(`okienko hub: ${reply.error.message}\n`);
    return 1;
  }
  switch (command.command) {
    case 'token.create': {
      const { token, slot } = reply.value as { token: string; slot: number };
      process.stdout.write(`${token}\n`);
      process.stderr.write(
        `Station "${command.name}" has slot ${slot}. Enter this token on that workstation; it is not shown again.\n`,
      );
      break;
    }
    case 'token.revoke': {
      const info = reply.value as TokenInfo;
      process.stdout.write(`Revoked "${info.name}" (slot ${info.slot}); its token no longer works.\n`);
      break;
    }
    case 'token.list': {
      const tokens = reply.value as TokenInfo[];
      if (command.json) {
        process.stdout.write(JSON.stringify(tokens) + '\n');
        break;
      }
      const rows = [
        ['STATION', 'SLOT', 'CREATED', 'REVOKED'],
        ...tokens.map((t) => [t.name, String(t.slot), t.createdAt, t.revokedAt ?? '-']),
      ];
      const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
      for (const row of rows)
        process.stdout.write(
          row
            .map((cell, column) => cell.padEnd(widths[column]!))
            .join('  ')
            .trimEnd() + '\n',
        );
      if (tokens.length === 0)
        process.stdout.write('(no stations enrolled yet: npm run hub -- token create --name <station>)\n');
      break;
    }
    case 'after-restore': {
      const done = reply.value as AfterRestore;
      process.stdout.write(
        [
          `Stamps now continue after ${done.newestStamp}; ${done.leasesMoved} number lease(s) for today and later moved on (long numbers for the rest of the day, none twice).`,
          'Each workstation, when it next connects, fetches everything from this hub again and sends everything it holds, so what the restore took away comes back.',
          'Start the hub now if it is stopped (a running office hub has already told its workstations); on PostgreSQL, restart every running hub node.',
        ].join('\n') + '\n',
      );
      break;
    }
  }
  return 0;
}

/** Directly on the database, or — for an embedded database a running hub owns — through that hub. */
async function runOnDatabase(command: TokenCommand, request: AdminRequest, log: Logger): Promise<AdminReply> {
  for (let attempt = 0; ; attempt++) {
    try {
      const database = await openHubDatabase(command, log);
      try {
        return await runAdminRequest(database.db, request);
      } finally {
        await database.close();
      }
    } catch (error) {
      if (!(error instanceof DataDirBusy)) throw error;
      const reply = await sendAdminRequest(command.dataDir, request);
      if (reply && !reply.ok && reply.error.error === 'busy' && attempt < 40) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        continue;
      }
      if (reply) return reply;
      // The hub stopped between the two steps: open the folder ourselves.
      if (attempt >= 40) throw error;
    }
  }
}

if (isMainModule(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`okienko hub: ${describeError(error)}\n`);
      process.exit(1);
    },
  );
}
