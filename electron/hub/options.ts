/**
 * The hub's command line: `npm run hub -- [options]` serves; `npm run hub -- token …`, `user …`
 * and `after-restore` administer.
 */
import path from 'node:path';
import type { ParseArgsOptionsConfig } from 'node:util';
import { isTokenKind, TOKEN_KINDS } from '../common/access/subjects';
import { DEFAULT_KEEP_DAYS } from '../common/eservices/session';
import { parseUserCommand } from '../node/accounts/user-command';
import { parseCommandLine, wholeNumber } from '../node/command-line';
import type { AdminRequest } from './data-dir';

export const DEFAULT_HUB_PORT = 8090;
export const DEFAULT_TOMBSTONE_DAYS = 30;
/** The longest a workstation may stay offline and still sync (electron/hub/README.md, "Tombstones"). */
export const MAX_OFFLINE_DAYS = 14;

export const HUB_USAGE = `Usage: npm run hub -- [options]                       run the office hub
       npm run hub -- token create --name <station> --kind <kind>
                                                      enrol a workstation; prints its token
                                                      (kind: kiosk, counter, board, supervisor)
       npm run hub -- token kind --name <station> --kind <kind>
                                                      give a token its kind (after an upgrade)
       npm run hub -- token revoke --name <station>   that token stops working at once
       npm run hub -- token list [--json]             stations, slots, kinds, dates (never tokens)
       npm run hub -- user add <login> --role <role> [--role …] [--display-name "…"] [--service <id> …]
                                                      an account (role: clerk, supervisor, admin);
                                                      prints a one-time password
       npm run hub -- user reset <login>              a new one-time password; unlocks the account
       npm run hub -- user disable|enable <login>     disabling ends the person's sessions at once
       npm run hub -- user roles <login> --role <role> [--role …]
       npm run hub -- user list [--json]              accounts, roles, state (never passwords)
       npm run hub -- tls init --host <name> [--host <name or address> …] [--office "…"]
                                                      the office's CA and the hub's certificate, in
                                                      <data>/tls; workstations trust tls/office-ca.pem
       npm run hub -- after-restore                   after restoring a backup, before the hub starts:
                                                      stamps and ticket numbers move past the lost
                                                      ones; workstations send everything again
       npm run hub -- office export [--out <file>]    the office's whole configuration as one file
       npm run hub -- office import <file>            replaces it with the file's, checked whole first:
                                                      every problem named by its field, or all of it
                                                      applied in one transaction

  --port <n>              HTTP port (default ${DEFAULT_HUB_PORT}; 0 picks a free one)
  --bind <address>        address to listen on (default 0.0.0.0: workstations connect over the LAN)
  --data <dir>            embedded database folder (default ./.okienko/hub); PGlite, one process
  --database-url <url>    use this PostgreSQL server instead (or set DATABASE_URL)
  --tombstone-days <n>    keep deleted documents this many days (default ${DEFAULT_TOMBSTONE_DAYS}; keep it above
                          the ${MAX_OFFLINE_DAYS}-day offline limit)
  --renderer <dir>        the built screens to serve to TVs (default out/renderer, or OKIENKO_RENDERER_DIR)
  --tls-cert <file>       serve HTTPS with this certificate (PEM) and --tls-key <file>; without them
                          <data>/tls/hub.pem from \`tls init\` when it exists. Plain HTTP only with
                          --bind 127.0.0.1 (development): tokens never cross the office's network in clear
  --directory <file>      sign people in against the office's directory (LDAP bind, ldaps:// or
                          StartTLS) with roles from its groups; the file's format: electron/hub/README.md
  --assisted-keep-days <n>
                          an assisted session sent with a visitor's data expires within this many
                          days at the latest (1-90, default ${DEFAULT_KEEP_DAYS}); set it as the
                          workstations' assisted.keepDays
  --public-url <url>      the address residents' phones reach the hub at, e.g. https://urzad.example.pl
                          behind a proxy: links in calendar files and the demo's ticket QR codes use
                          it (default: the address each request came to)
  --demo                  try Okienko: sets the demo office up on a hub that has none, makes demo
                          accounts (a clerk, a supervisor, an admin) and prints how they sign in.
                          Never in a real office: the passwords are public
  --help                  this text

Admin commands use the same --data or --database-url as the hub. On an embedded (PGlite) hub
that is running, they are handed to it; otherwise they open the database themselves.

Residents' notifications (booking confirmations, reminders, the kiosk's "your turn is near"), from
the environment so secrets stay off the command line; without a channel nothing is sent:
  OKIENKO_SMTP_URL        e-mail: smtp://user:password@host:587 (STARTTLS when offered) or smtps://…:465
  OKIENKO_SMTP_FROM       the From address, e.g. "Urząd Miasta <okienko@urzad.example.pl>" (required)
  OKIENKO_SMTP_REQUIRE_TLS  1: send over smtp:// only after STARTTLS; a server without it gets nothing
  OKIENKO_SMSAPI_TOKEN    SMS through SMSAPI.pl: an OAuth token of the office's account
  OKIENKO_SMS_FROM        a sender name registered at SMSAPI (default: the account's)
  OKIENKO_SMSAPI_URL      another address of the same API (default https://api.smsapi.pl)
  OKIENKO_OUTBOX_POLL_MS  how often the outbox looks for messages due (default 5000)
  OKIENKO_OUTBOX_RETRY_MS the wait after a refusal, doubling up to an hour (default 60000)
  OKIENKO_OUTBOX_ATTEMPTS attempts before a message fails (default 6)
  OKIENKO_TURN_NEAR_AHEAD "your turn is near" goes when this many people or fewer are ahead (default 3)
`;

export class HubOptionsError extends Error {}

export interface DatabaseChoice {
  readonly dataDir: string;
  /** PostgreSQL when set; the embedded PGlite in `dataDir` otherwise. */
  readonly databaseUrl: string | null;
}

export interface ServeCommand extends DatabaseChoice {
  readonly command: 'serve';
  /** The certificate and key files to serve HTTPS with; null: `<data>/tls` if there, else plain HTTP. */
  readonly tls: { readonly cert: string; readonly key: string } | null;
  /** The office's directory (LDAP) file, electron/hub/directory.ts; null: accounts at the hub only. */
  readonly directory: string | null;
  readonly port: number;
  readonly bind: string;
  readonly tombstoneDays: number;
  /** The most days a pushed assisted session keeps the visitor's data (push-scope.ts withRetention). */
  readonly assistedKeepDays: number;
  /** `--demo`: the demo office (on a hub with none) and the demo accounts, printed at start. */
  readonly demo: boolean;
  /** `--public-url`: the address residents reach the hub at (behind a proxy); null: as each request came. */
  readonly publicUrl: string | null;
  readonly rendererDir: string;
  readonly warnings: readonly string[];
}

/** An administrator's command: what is sent to the database (or the hub that owns it), and where. */
/** What the command line asks of the database; an import is read from its file first (OfficeImportCommand). */
type CommandLineRequest = Exclude<AdminRequest, { readonly command: 'office.import' }>;

export type AdminCommand = DatabaseChoice &
  CommandLineRequest & {
    readonly json?: boolean;
    /** `office export --out <file>`: where the file goes (stdout without). */
    readonly out?: string;
  };

/** `office import <file>`: the file is read and sent as an `office.import` request. */
export interface OfficeImportCommand extends DatabaseChoice {
  readonly command: 'office.import';
  readonly file: string;
}

/** `tls init`: the office CA and the hub's certificate for `hosts`, in `<dataDir>/tls`. */
export interface TlsInitCommand {
  readonly command: 'tls.init';
  readonly dataDir: string;
  readonly hosts: readonly string[];
  readonly office: string;
}

export type HubCommand =
  ServeCommand | AdminCommand | OfficeImportCommand | TlsInitCommand | { readonly command: 'help' };

const HUB_OPTIONS = {
  port: { type: 'string' },
  bind: { type: 'string' },
  data: { type: 'string' },
  'database-url': { type: 'string' },
  'tombstone-days': { type: 'string' },
  renderer: { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  directory: { type: 'string' },
  'assisted-keep-days': { type: 'string' },
  demo: { type: 'boolean' },
  'public-url': { type: 'string' },
  host: { type: 'string', multiple: true },
  office: { type: 'string' },
  name: { type: 'string' },
  kind: { type: 'string' },
  role: { type: 'string', multiple: true },
  service: { type: 'string', multiple: true },
  'display-name': { type: 'string' },
  json: { type: 'boolean' },
  out: { type: 'string' },
  help: { type: 'boolean' },
} as const satisfies ParseArgsOptionsConfig;

/** Options only `serve` takes, and options only the admin commands take. */
const SERVE_ONLY = [
  'port',
  'bind',
  'tombstone-days',
  'renderer',
  'tls-cert',
  'tls-key',
  'directory',
  'assisted-keep-days',
  'demo',
  'public-url',
] as const;
const ADMIN_ONLY = ['name', 'kind', 'role', 'service', 'display-name', 'json', 'host', 'office', 'out'] as const;

const fail = (message: string) => new HubOptionsError(message);

function readArgs(argv: readonly string[]) {
  return parseCommandLine({ args: [...argv], options: HUB_OPTIONS, allowPositionals: true, strict: true }, fail);
}

type HubValues = ReturnType<typeof readArgs>['values'];

export interface HubEnvironment {
  readonly DATABASE_URL?: string | undefined;
  readonly OKIENKO_RENDERER_DIR?: string | undefined;
}

export function parseHubArgs(
  argv: readonly string[],
  env: HubEnvironment,
  projectRoot: string,
  cwd = process.cwd(),
): HubCommand {
  const { values, positionals } = readArgs(argv);
  if (values.help) return { command: 'help' };
  const database = databaseChoice(values, env, cwd);
  if (positionals[0] === 'tls') return tlsInitCommand(positionals, values, database);
  if (positionals[0] === 'office' && positionals[1] === 'import')
    return officeImportCommand(positionals, values, database, cwd);
  if (positionals.length > 0) return adminCommand(positionals, values, database, cwd);
  const adminOnly = ADMIN_ONLY.filter((key) => values[key] !== undefined);
  if (adminOnly.length > 0) throw new HubOptionsError(`--${adminOnly[0]} belongs to the token and user commands`);
  return serveCommand(values, env, projectRoot, cwd, database);
}

function databaseChoice(values: HubValues, env: HubEnvironment, cwd: string): DatabaseChoice {
  const databaseUrl = values['database-url'] ?? (env.DATABASE_URL ? env.DATABASE_URL : null);
  if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new HubOptionsError('--database-url must start with postgres:// or postgresql://');
  }
  return { dataDir: path.resolve(cwd, values.data ?? '.okienko/hub'), databaseUrl };
}

function tlsInitCommand(positionals: readonly string[], values: HubValues, database: DatabaseChoice): TlsInitCommand {
  if (positionals.join(' ') !== 'tls init') throw new HubOptionsError(`Unknown command "${positionals.join(' ')}"`);
  const other = [...SERVE_ONLY, 'name', 'kind', 'role', 'service', 'display-name', 'json', 'out'] as const;
  const extra = other.find((key) => values[key] !== undefined);
  if (extra) throw new HubOptionsError(`tls init takes no --${extra}`);
  const hosts = values.host ?? [];
  if (hosts.length === 0)
    throw new HubOptionsError('tls init needs --host <the name workstations reach the hub by> (repeat for more)');
  return { command: 'tls.init', dataDir: database.dataDir, hosts, office: values.office ?? 'Urząd' };
}

function officeImportCommand(
  positionals: readonly string[],
  values: HubValues,
  database: DatabaseChoice,
  cwd: string,
): OfficeImportCommand {
  if (positionals.length !== 3) throw new HubOptionsError('office import needs the file: office import <file.json>');
  const extra = [...SERVE_ONLY, ...ADMIN_ONLY].find((key) => values[key] !== undefined);
  if (extra) throw new HubOptionsError(`office import takes no --${extra}`);
  return { ...database, command: 'office.import', file: path.resolve(cwd, positionals[2]!) };
}

/** `token …`, `user …`, `office export` and `after-restore`: the database options, and none of serve's. */
function adminCommand(
  positionals: readonly string[],
  values: HubValues,
  database: DatabaseChoice,
  cwd: string,
): AdminCommand {
  const serveOnly = SERVE_ONLY.filter((key) => values[key] !== undefined);
  if (serveOnly.length > 0)
    throw new HubOptionsError(`--${serveOnly[0]} is not an option of "${positionals.join(' ')}"`);
  const request = adminRequest(positionals, values);
  const allowed = ALLOWED_OPTIONS[request.command];
  const extra = ADMIN_ONLY.find((key) => values[key] !== undefined && !allowed.includes(key));
  if (extra) throw new HubOptionsError(`${positionals.slice(0, 2).join(' ')} takes no --${extra}`);
  return {
    ...database,
    ...request,
    ...(values.json ? { json: true } : {}),
    ...(values.out ? { out: path.resolve(cwd, values.out) } : {}),
  };
}

const ALLOWED_OPTIONS: Readonly<Record<AdminRequest['command'], readonly (typeof ADMIN_ONLY)[number][]>> = {
  'token.create': ['name', 'kind'],
  'token.kind': ['name', 'kind'],
  'token.revoke': ['name'],
  'token.list': ['json'],
  'user.add': ['role', 'service', 'display-name'],
  'user.roles': ['role'],
  'user.disable': [],
  'user.enable': [],
  'user.reset': [],
  'user.list': ['json'],
  'after-restore': [],
  'office.export': ['out'],
  'office.import': [],
};

function adminRequest(positionals: readonly string[], values: HubValues): CommandLineRequest {
  const [group, action, ...rest] = positionals;
  if (group === 'after-restore' && positionals.length === 1) return { command: 'after-restore' };
  if (group === 'token' && rest.length === 0) return tokenRequest(action, values);
  if (group === 'office' && action === 'export' && rest.length === 0) return { command: 'office.export' };
  if (group === 'user') return parseUserCommand(action, rest, values, fail);
  throw new HubOptionsError(`Unknown command "${positionals.join(' ')}"`);
}

function tokenRequest(action: string | undefined, values: HubValues): CommandLineRequest {
  if (action === 'list') return { command: 'token.list' };
  if (action !== 'create' && action !== 'revoke' && action !== 'kind')
    throw new HubOptionsError('token needs one of: create, kind, revoke, list');
  if (!values.name) throw new HubOptionsError(`token ${action} needs --name <station>`);
  if (action === 'revoke') return { command: 'token.revoke', name: values.name };
  if (!values.kind) throw new HubOptionsError(`token ${action} needs --kind ${TOKEN_KINDS.join('|')}`);
  if (!isTokenKind(values.kind))
    throw new HubOptionsError(`--kind must be one of ${TOKEN_KINDS.join(', ')}, not "${values.kind}"`);
  return { command: action === 'create' ? 'token.create' : 'token.kind', name: values.name, kind: values.kind };
}

function serveCommand(
  values: HubValues,
  env: HubEnvironment,
  projectRoot: string,
  cwd: string,
  database: DatabaseChoice,
): ServeCommand {
  const tombstoneDays =
    wholeNumber('tombstone-days', values['tombstone-days'], 1, 3650, fail) ?? DEFAULT_TOMBSTONE_DAYS;
  const warnings: string[] = [];
  if (tombstoneDays <= MAX_OFFLINE_DAYS) {
    warnings.push(
      `--tombstone-days ${tombstoneDays} is not longer than the ${MAX_OFFLINE_DAYS}-day offline limit: a workstation offline that long may bring deleted documents back`,
    );
  }
  return {
    ...database,
    command: 'serve',
    port: wholeNumber('port', values.port, 0, 65535, fail) ?? DEFAULT_HUB_PORT,
    bind: values.bind ?? '0.0.0.0',
    tombstoneDays,
    assistedKeepDays: wholeNumber('assisted-keep-days', values['assisted-keep-days'], 1, 90, fail) ?? DEFAULT_KEEP_DAYS,
    demo: values.demo ?? false,
    publicUrl: publicUrl(values['public-url']),
    rendererDir: path.resolve(
      cwd,
      values.renderer ?? env.OKIENKO_RENDERER_DIR ?? path.join(projectRoot, 'out/renderer'),
    ),
    warnings,
    tls: tlsFiles(values),
    directory: values.directory ? path.resolve(cwd, values.directory) : null,
  };
}

function tlsFiles(values: HubValues): ServeCommand['tls'] {
  const cert = values['tls-cert'];
  const key = values['tls-key'];
  if (!cert && !key) return null;
  if (!cert || !key) throw new HubOptionsError('--tls-cert and --tls-key go together');
  return { cert, key };
}

/** `--public-url`: an http(s) origin, kept without a trailing slash. */
function publicUrl(value: string | undefined): string | null {
  if (value === undefined) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new HubOptionsError(`--public-url must be an address such as https://urzad.example.pl, not "${value}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new HubOptionsError('--public-url must start with https:// (or http:// for a test)');
  return url.origin;
}
