/**
 * The hub's command line: `npm run hub -- [options]` serves; `npm run hub -- token …` administers.
 */
import path from 'node:path';
import type { ParseArgsOptionsConfig } from 'node:util';
import { parseCommandLine, wholeNumber } from '../node/command-line';

export const DEFAULT_HUB_PORT = 8090;
export const DEFAULT_TOMBSTONE_DAYS = 30;
/** The longest a workstation may stay offline and still sync (electron/hub/README.md, "Tombstones"). */
export const MAX_OFFLINE_DAYS = 14;

export const HUB_USAGE = `Usage: npm run hub -- [options]                       run the office hub
       npm run hub -- token create --name <station>   enrol a workstation; prints its token
       npm run hub -- token revoke --name <station>   that token stops working at once
       npm run hub -- token list [--json]             stations, slots, dates (never tokens)
       npm run hub -- after-restore                   after restoring a backup, before the hub starts:
                                                      stamps and ticket numbers move past the lost
                                                      ones; workstations send everything again

  --port <n>              HTTP port (default ${DEFAULT_HUB_PORT}; 0 picks a free one)
  --bind <address>        address to listen on (default 0.0.0.0: workstations connect over the LAN)
  --data <dir>            embedded database folder (default ./.okienko/hub); PGlite, one process
  --database-url <url>    use this PostgreSQL server instead (or set DATABASE_URL)
  --tombstone-days <n>    keep deleted documents this many days (default ${DEFAULT_TOMBSTONE_DAYS}; keep it above
                          the ${MAX_OFFLINE_DAYS}-day offline limit)
  --renderer <dir>        the built screens to serve to TVs (default out/renderer, or OKIENKO_RENDERER_DIR)
  --help                  this text

Admin commands use the same --data or --database-url as the hub. On an embedded (PGlite) hub
that is running, they are handed to it; otherwise they open the database themselves.
`;

export class HubOptionsError extends Error {}

export interface DatabaseChoice {
  readonly dataDir: string;
  /** PostgreSQL when set; the embedded PGlite in `dataDir` otherwise. */
  readonly databaseUrl: string | null;
}

export interface ServeCommand extends DatabaseChoice {
  readonly command: 'serve';
  readonly port: number;
  readonly bind: string;
  readonly tombstoneDays: number;
  readonly rendererDir: string;
  readonly warnings: readonly string[];
}

export type TokenCommand = DatabaseChoice &
  (
    | { readonly command: 'token.create'; readonly name: string }
    | { readonly command: 'token.revoke'; readonly name: string }
    | { readonly command: 'token.list'; readonly json: boolean }
    | { readonly command: 'after-restore' }
  );

export type HubCommand = ServeCommand | TokenCommand | { readonly command: 'help' };

const HUB_OPTIONS = {
  port: { type: 'string' },
  bind: { type: 'string' },
  data: { type: 'string' },
  'database-url': { type: 'string' },
  'tombstone-days': { type: 'string' },
  renderer: { type: 'string' },
  name: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean' },
} as const satisfies ParseArgsOptionsConfig;

/** Options only `serve` takes. */
const SERVE_ONLY = ['port', 'bind', 'tombstone-days', 'renderer'] as const;

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
  if (positionals.length > 0) return adminCommand(positionals, values, database);
  if (values.name !== undefined || values.json)
    throw new HubOptionsError('--name and --json belong to the token commands');
  return serveCommand(values, env, projectRoot, cwd, database);
}

function databaseChoice(values: HubValues, env: HubEnvironment, cwd: string): DatabaseChoice {
  const databaseUrl = values['database-url'] ?? (env.DATABASE_URL ? env.DATABASE_URL : null);
  if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new HubOptionsError('--database-url must start with postgres:// or postgresql://');
  }
  return { dataDir: path.resolve(cwd, values.data ?? '.okienko/hub'), databaseUrl };
}

/** `token …` and `after-restore`: the database options, and none of serve's. */
function adminCommand(positionals: readonly string[], values: HubValues, database: DatabaseChoice): TokenCommand {
  const [group, action, ...rest] = positionals;
  const serveOnly = SERVE_ONLY.filter((key) => values[key] !== undefined);
  if (group === 'after-restore' && positionals.length === 1) {
    if (serveOnly.length > 0) throw new HubOptionsError(`--${serveOnly[0]} is not an option of "after-restore"`);
    if (values.name !== undefined || values.json) throw new HubOptionsError('after-restore takes no --name or --json');
    return { ...database, command: 'after-restore' };
  }
  if (group !== 'token' || rest.length > 0) throw new HubOptionsError(`Unknown command "${positionals.join(' ')}"`);
  if (serveOnly.length > 0) throw new HubOptionsError(`--${serveOnly[0]} is not an option of "token ${action ?? ''}"`);
  if (action === 'list') {
    if (values.name !== undefined) throw new HubOptionsError('token list takes no --name');
    return { ...database, command: 'token.list', json: values.json ?? false };
  }
  if (action === 'create' || action === 'revoke') {
    if (!values.name) throw new HubOptionsError(`token ${action} needs --name <station>`);
    if (values.json) throw new HubOptionsError(`token ${action} takes no --json`);
    return { ...database, command: action === 'create' ? 'token.create' : 'token.revoke', name: values.name };
  }
  throw new HubOptionsError('token needs one of: create, revoke, list');
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
    rendererDir: path.resolve(
      cwd,
      values.renderer ?? env.OKIENKO_RENDERER_DIR ?? path.join(projectRoot, 'out/renderer'),
    ),
    warnings,
  };
}
