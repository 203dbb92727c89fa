/**
 * `npm run hub`: the office hub. Plain Node; PGlite in a folder by default, PostgreSQL with
 * --database-url (or DATABASE_URL). `npm run hub -- token …` enrols and revokes workstations.
 */
import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger, describeError } from '../station/log';
import { runOnDatabase } from './admin-client';
import { checkConfigurationText, describeConfigProblem } from '../common/domain/office-config';
import { demoBanner } from '../node/accounts/demo-accounts';
import { DataDirBusy, type AdminReply, type AdminRequest } from './data-dir';
import { startHub } from './hub';
import { MigrationError } from './migrations';
import {
  HUB_USAGE,
  HubOptionsError,
  parseHubArgs,
  type AdminCommand,
  type OfficeImportCommand,
  type ServeCommand,
  type TlsInitCommand,
} from './options';
import { DirectoryConfigError, loadDirectoryConfig } from './directory';
import { NotificationConfigError, notificationSettings } from './notifications/config';
import { initTls, servedTls, TlsError } from './tls';
import { describeDatabaseUrl } from './sql';
import type { AfterRestore } from './store';
import type { TokenInfo } from './tokens';
import type { UserInfo } from './users';
import { oneTimePasswordPrinted } from '../node/accounts/user-command';
import { isMainModule, runMain } from '../node/main-module';

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
  if (command.command === 'tls.init') return tlsInit(command);
  if (command.command === 'office.import') return importOffice(command);
  return administer(command);
}

/**
 * `office import <file>`: checked here first, so the problems are listed with their fields before
 * anything is sent; the hub checks again and writes it all in one transaction.
 */
async function importOffice(command: OfficeImportCommand): Promise<number> {
  let text;
  try {
    text = await readFile(command.file, 'utf8');
  } catch (error) {
    process.stderr.write(`okienko hub: cannot read ${command.file}: ${describeError(error)}\n`);
    return 1;
  }
  const checked = checkConfigurationText(text);
  if (!checked.ok) {
    process.stderr.write(`okienko hub: ${command.file} was not imported; nothing was changed:\n`);
    for (const problem of checked.problems) process.stderr.write(`  - ${describeConfigProblem(problem, 'en')}\n`);
    return 1;
  }
  const request: AdminRequest = { command: 'office.import', configuration: checked.configuration };
  const reply = await runOnDatabase(command, request, createLogger({ scope: 'hub', level: 'warn' })).catch(
    (error: unknown) => ({ ok: false as const, error: { error: 'failed', message: explain(error, command) } }),
  );
  if (!reply.ok) {
    process.stderr.write(`okienko hub: ${reply.error.message}\n`);
    return 1;
  }
  const { office } = checked.configuration;
  process.stdout.write(
    `Imported the configuration of "${office.name.pl}": ${checked.configuration.services.length} services, ${checked.configuration.counters.length} counters (${(reply.value as { written: number }).written} documents written). Workstations take it at their next sync.\n`,
  );
  return 0;
}

function whereIs(command: ServeCommand | AdminCommand): string {
  return command.databaseUrl ? `postgresql, ${describeDatabaseUrl(command.databaseUrl)}` : `pglite, ${command.dataDir}`;
}

function explain(error: unknown, command: ServeCommand | AdminCommand | OfficeImportCommand): string {
  if (
    error instanceof DataDirBusy ||
    error instanceof MigrationError ||
    error instanceof TlsError ||
    error instanceof DirectoryConfigError ||
    error instanceof NotificationConfigError
  )
    return error.message;
  const code = (error as NodeJS.ErrnoException).code;
  if (command.command === 'serve' && code === 'EADDRINUSE')
    return `port ${command.port} is in use; choose another with --port`;
  if (command.databaseUrl)
    return `cannot use the database at ${describeDatabaseUrl(command.databaseUrl)}: ${describeError(error)}`;
  return describeError(error);
}

/** `tls init`: the office CA (made once) and a fresh certificate for the hub's names. */
async function tlsInit(command: TlsInitCommand): Promise<number> {
  try {
    const ca = await initTls(command.dataDir, command.hosts, command.office);
    process.stdout.write(`${ca}\n`);
    process.stderr.write(
      `The hub serves HTTPS for ${command.hosts.join(', ')} from its next start. Copy ${ca} (the office CA, no secret in it) to ` +
        `each workstation and name it in its settings (hub.ca); browsers on TVs and thin clients trust it through the system's certificate store.\n`,
    );
    return 0;
  } catch (error) {
    process.stderr.write(`okienko hub: cannot make the certificates: ${describeError(error)}\n`);
    return 1;
  }
}

async function serve(command: ServeCommand): Promise<number> {
  const log = createLogger({ scope: 'hub', level: process.env.OKIENKO_LOG_LEVEL === 'debug' ? 'debug' : 'info' });
  for (const warning of command.warnings) process.stderr.write(`okienko hub: warning: ${warning}\n`);
  let hub;
  try {
    const tls = await servedTls(command.dataDir, command.tls, command.bind);
    const heartbeatMs = Number(process.env.OKIENKO_HUB_HEARTBEAT_MS);
    const maxBoardStreams = Number(process.env.OKIENKO_HUB_MAX_BOARDS);
    const publicRate = publicWritesPerMinute(process.env.OKIENKO_HUB_PUBLIC_RATE);
    const { tls: _files, directory: directoryFile, ...serving } = command;
    const directory = directoryFile ? await loadDirectoryConfig(directoryFile) : null;
    hub = await startHub({
      ...serving,
      log,
      notifications: notificationSettings(process.env),
      ...(directory ? { directory } : {}),
      ...(heartbeatMs > 0 ? { heartbeatMs } : {}),
      ...(maxBoardStreams > 0 ? { maxBoardStreams } : {}),
      ...(publicRate !== null ? { publicWritesPerMinute: publicRate } : {}),
      ...(tls ? { tls } : {}),
    });
  } catch (error) {
    process.stderr.write(`okienko hub: ${explain(error, command)}\n`);
    return 1;
  }
  process.stdout.write(`Okienko hub is serving at ${hub.url} (database: ${whereIs(command)})\n`);
  if (command.demo) process.stdout.write(demoBanner(`the hub at ${hub.url}`));

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  log.info('shutting down');
  await hub.close();
  return 0;
}

/**
 * `OKIENKO_HUB_PUBLIC_RATE`: public writes per minute per address (reads four times as many); 0
 * turns the limit off (behind a proxy that limits, and for benchmarks). null: unset or not a number.
 */
function publicWritesPerMinute(value: string | undefined): number | null {
  const rate = Number(value);
  return value !== undefined && value.trim() !== '' && Number.isInteger(rate) && rate >= 0 ? rate : null;
}

async function administer(command: AdminCommand): Promise<number> {
  const log = createLogger({ scope: 'hub', level: 'warn' });
  const { dataDir: _dataDir, databaseUrl: _databaseUrl, json: _json, ...request } = command;
  let reply: AdminReply;
  try {
    reply = await runOnDatabase(command, request as AdminRequest, log);
  } catch (error) {
    process.stderr.write(`okienko hub: ${explain(error, command)}\n`);
    return 1;
  }
  if (!reply.ok) {
    process.stderr.write(`okienko hub: ${reply.error.message}\n`);
    return 1;
  }
  report(command, reply.value);
  return 0;
}

/** What an admin command prints: secrets on stdout alone (for scripts), explanations on stderr. */
function report(command: AdminCommand, value: unknown): void {
  const out = (text: string): void => void process.stdout.write(text + '\n');
  switch (command.command) {
    case 'token.create': {
      const { token, slot } = value as { token: string; slot: number };
      out(token);
      process.stderr.write(
        `Station "${command.name}" (${command.kind}) has slot ${slot}. Enter this token on that workstation; it is not shown again.\n`,
      );
      return;
    }
    case 'token.kind':
      return out(`Station "${command.name}" is now a ${command.kind}.`);
    case 'token.revoke': {
      const info = value as TokenInfo;
      return out(`Revoked "${info.name}" (slot ${info.slot}); its token no longer works.`);
    }
    case 'token.list':
      return printTokens(value as TokenInfo[], command.json ?? false);
    case 'user.add':
    case 'user.reset': {
      const { login, password } = value as { login: string; password: string | null };
      if (password === null)
        return out(
          `Account "${login}" signs in with the office directory's password; it is unlocked and enrols its authenticator app again.`,
        );
      const printed = oneTimePasswordPrinted(login, password);
      out(printed.stdout);
      process.stderr.write(`${printed.stderr}\n`);
      return;
    }
    case 'user.disable':
    case 'user.enable':
      return out(
        `Account "${command.login}" is ${command.command === 'user.enable' ? 'enabled' : 'disabled; its sessions have ended'}.`,
      );
    case 'user.roles':
      return out(`Account "${command.login}" now has the roles ${command.roles.join(', ')}.`);
    case 'user.list':
      return printUsers(value as UserInfo[], command.json ?? false);
    case 'after-restore':
      return printAfterRestore(value as AfterRestore);
    case 'office.export': {
      const text = JSON.stringify(value, null, 2) + '\n';
      if (!command.out) return void process.stdout.write(text);
      writeFileSync(command.out, text);
      return void process.stderr.write(`The office's configuration is in ${command.out}.\n`);
    }
  }
}

function printTokens(tokens: readonly TokenInfo[], json: boolean): void {
  if (json) return void process.stdout.write(JSON.stringify(tokens) + '\n');
  printTable([
    ['STATION', 'SLOT', 'KIND', 'CREATED', 'REVOKED'],
    ...tokens.map((t) => [t.name, String(t.slot), t.kind ?? '(none: token kind)', t.createdAt, t.revokedAt ?? '-']),
  ]);
  if (tokens.length === 0)
    process.stdout.write('(no stations enrolled yet: npm run hub -- token create --name <station> --kind <kind>)\n');
}

function printUsers(users: readonly UserInfo[], json: boolean): void {
  if (json) return void process.stdout.write(JSON.stringify(users) + '\n');
  const state = (user: UserInfo) =>
    [
      !user.active && 'disabled',
      user.locked && 'locked',
      user.mustChange && 'must change password',
      user.source === 'directory' && 'directory',
      user.secondFactor && 'authenticator',
    ]
      .filter(Boolean)
      .join(', ') || 'active';
  printTable([
    ['LOGIN', 'NAME', 'ROLES', 'STATE'],
    ...users.map((user) => [user.login, user.displayName, user.roles.join(','), state(user)]),
  ]);
  if (users.length === 0) process.stdout.write('(no accounts yet: npm run hub -- user add <login> --role admin)\n');
}

function printTable(rows: readonly (readonly string[])[]): void {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  for (const row of rows)
    process.stdout.write(
      row
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join('  ')
        .trimEnd() + '\n',
    );
}

function printAfterRestore(done: AfterRestore): void {
  process.stdout.write(
    [
      `Stamps now continue after ${done.newestStamp}; ${done.leasesMoved} number lease(s) for today and later moved on (long numbers for the rest of the day, none twice).`,
      'Each workstation, when it next connects, fetches everything from this hub again and sends everything it holds, so what the restore took away comes back.',
      'Start the hub now if it is stopped (a running office hub has already told its workstations); on PostgreSQL, restart every running hub node.',
    ].join('\n') + '\n',
  );
}

if (isMainModule(import.meta.url)) runMain(() => main(process.argv.slice(2)), 'okienko hub');
