/**
 * The office hub as a real process (`node --import tsx electron/hub/main.ts`), on PGlite in a temp
 * folder or on a fresh PostgreSQL database, and a small HTTP/SSE client that speaks its protocol.
 * Tokens and accounts are made by the hub's own admin path, in this process (the CLI's code, not
 * its process); on a running PGlite hub the command goes over the folder's admin socket, so tokens
 * can be created and revoked at any time on both.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import {
  CLIENT_VERSION_HEADER,
  HUB_API_PREFIX,
  type Checkpoint,
  type PullResponse,
  type PushRequest,
  type PushResponse,
  type SyncCollection,
} from '../../electron/common/contract/hub';
import type { TokenKind, UserRole } from '../../electron/common/access/subjects';
import { nextTotpCode, TEST_PASSWORD, TEST_TOTP_SECRET } from './accounts';
import type { LoginRequest, SessionResponse } from '../../electron/common/contract/hub-auth';
import { runOnDatabase } from '../../electron/hub/admin-client';
import { lockDataDir, pgliteDir, type AdminRequest } from '../../electron/hub/data-dir';
import { HubLink, HubRefusal } from '../../electron/station/accounts/hub-link';
import { openPglite } from '../../electron/hub/sql';
import { createLogger } from '../../electron/station/log';
import { APP_VERSION } from '../../electron/station/version';
import { createTestDatabase, type TestDatabase } from './postgres';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');
export type HubBackend = 'pglite' | 'postgresql';
export const HUB_BACKENDS: readonly HubBackend[] = ['pglite', 'postgresql'];

// ------------------------------------------------------------------------------------------------
// The database a hub runs on

export interface HubDatabase {
  readonly backend: HubBackend;
  /** The --data folder (PGlite); for PostgreSQL an unused temp folder. */
  readonly dataDir: string;
  /** The --database-url (PostgreSQL), else null. */
  readonly databaseUrl: string | null;
  /** The hub's command-line arguments that choose this database. */
  readonly args: readonly string[];
  /**
   * A query straight on the database, for checks and for setting up what HTTP cannot (an old
   * tombstone). On PGlite only while no hub process runs (one process per folder).
   */
  sql<R extends Record<string, unknown> = Record<string, unknown>>(
    text: string,
    params?: readonly unknown[],
  ): Promise<R[]>;
  /** Deletes the folder / drops the database. */
  remove(): Promise<void>;
  /** A backup of the database as it is now (the hub must be stopped), and its restore. */
  backup(): Promise<{ restore(): Promise<void> }>;
}

export async function createHubDatabase(backend: HubBackend): Promise<HubDatabase> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'okienko-hub-'));
  let postgres: TestDatabase | null = null;
  if (backend === 'postgresql') postgres = await createTestDatabase('okienko_hub');
  return {
    backend,
    dataDir,
    databaseUrl: postgres?.url ?? null,
    args: postgres ? ['--database-url', postgres.url] : ['--data', dataDir],
    async sql(text, params = []) {
      if (postgres) return postgres.query(text, params);
      const lock = await lockDataDir(dataDir);
      const db = await openPglite(pgliteDir(dataDir), createLogger({ level: 'error' }));
      try {
        return await db.query(text, params);
      } finally {
        await db.close();
        await lock.release();
      }
    },
    async remove() {
      await postgres?.drop();
      await rm(dataDir, { recursive: true, force: true });
      await rm(`${dataDir}-backup`, { recursive: true, force: true });
    },
    async backup() {
      if (postgres) return postgres.backup();
      // The folder of a stopped embedded hub is the whole database.
      const copy = `${dataDir}-backup`;
      await rm(copy, { recursive: true, force: true });
      await cp(pgliteDir(dataDir), copy, { recursive: true });
      return {
        async restore() {
          await rm(pgliteDir(dataDir), { recursive: true, force: true });
          await cp(copy, pgliteDir(dataDir), { recursive: true });
        },
      };
    },
  };
}

// ------------------------------------------------------------------------------------------------
// The CLI

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function hubEnv(env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  // A DATABASE_URL in the test runner's environment must not turn a PGlite hub into a PostgreSQL
  // one: the database is always chosen by the arguments.
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  return { ...rest, OKIENKO_LOG_LEVEL: 'info', ...env };
}

function spawnHub(args: readonly string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'electron/hub/main.ts'), ...args], {
    cwd: PROJECT_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** `npm run hub -- <args>` to the end; the database arguments are added. */
export async function runHubCli(
  database: HubDatabase,
  args: readonly string[],
  timeoutMs = 30_000,
): Promise<CliResult> {
  const child = spawnHub([...args, ...database.args], hubEnv());
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  // 'close', not 'exit': the process may exit before its last output has been read from the pipe.
  const code = await new Promise<number | null>((resolve) => child.once('close', (exitCode) => resolve(exitCode)));
  clearTimeout(timer);
  return { code, stdout, stderr };
}

/**
 * An admin command, run in this process by the path the CLI takes (`admin-client.ts`: on the
 * database, or through the running hub's admin socket) — without starting a process for each,
 * which made twenty counters joining cost a minute. The CLI itself is tested apart.
 */
async function administer<T>(database: HubDatabase, request: AdminRequest): Promise<T> {
  const reply = await runOnDatabase(database, request, createLogger({ level: 'error' }));
  if (!reply.ok) throw new Error(`${request.command} failed: ${reply.error.error} ${reply.error.message}`);
  return reply.value as T;
}

/** Enrols a station of a kind; resolves to its token (what `token create` prints). */
export async function createToken(database: HubDatabase, name: string, kind: TokenKind): Promise<string> {
  return (await administer<{ token: string }>(database, { command: 'token.create', name, kind })).token;
}

/**
 * A token as an installation enrolled it before token kinds existed: it keeps every right after
 * the upgrade until an admin gives it a kind. The hub must not be running on PGlite (one process
 * per folder): create these before starting it.
 */
export async function createUpgradedToken(database: HubDatabase, name: string): Promise<string> {
  const token = await createToken(database, name, 'counter');
  await database.sql('UPDATE tokens SET kind = NULL WHERE name = $1', [name]);
  return token;
}

export { TEST_PASSWORD };

/** Creates an account; resolves to its one-time password. */
export async function addUser(database: HubDatabase, login: string, roles: readonly UserRole[]): Promise<string> {
  return (await administer<{ password: string }>(database, { command: 'user.add', login, roles })).password;
}

/**
 * Signs in at the hub with a workstation's token; resolves to the session (`oks_…`). A supervisor
 * or an admin answers the second factor as a person with an authenticator app would: enrolling
 * TEST_TOTP_SECRET when asked to, and giving the next code.
 */
export async function signIn(
  hubUrl: string,
  token: string,
  login: string,
  password: string,
  newPassword?: string,
  /** The office CA, for a hub over HTTPS: the station's own link signs in, trusting it. */
  ca?: string,
  /** The authenticator key of a supervisor or an admin (the demo accounts' is DEMO_TOTP_SECRET). */
  secret = TEST_TOTP_SECRET,
): Promise<SessionResponse> {
  const base: LoginRequest = newPassword === undefined ? { login, password } : { login, password, newPassword };
  const first = await tryLogin(hubUrl, token, base, ca);
  if (first.ok) return first.reply;
  if (first.error === 'second-factor-required' || first.error === 'second-factor-enrolment-required') {
    const enrol = first.error === 'second-factor-enrolment-required' ? { enrolSecret: secret } : {};
    // Under load a code made for the step before can age out before the hub checks it: the next one.
    let second: LoginTry = { ok: false, status: 0, error: 'not tried' };
    for (let attempt = 0; attempt < 3 && !second.ok; attempt++) {
      const code = await nextTotpCode(login, secret, hubUrl);
      second = await tryLogin(hubUrl, token, { ...base, ...enrol, code }, ca);
      if (!second.ok && second.error !== 'bad-second-factor') break;
    }
    if (second.ok) return second.reply;
    throw new Error(`sign-in failed: ${second.status} ${second.error}`);
  }
  throw new Error(`sign-in failed: ${first.status} ${first.error}`);
}

type LoginTry =
  | { readonly ok: true; readonly reply: SessionResponse }
  | { readonly ok: false; readonly status: number; readonly error: string };

async function tryLogin(hubUrl: string, token: string, request: LoginRequest, ca?: string): Promise<LoginTry> {
  if (ca) {
    const link = new HubLink({ url: hubUrl, token, appVersion: APP_VERSION, ca });
    try {
      return { ok: true, reply: await link.login(request) };
    } catch (error) {
      if (error instanceof HubRefusal) return { ok: false, status: error.status, error: error.code };
      throw error;
    }
  }
  const client = hubClient(hubUrl, token);
  const response = await client.request<SessionResponse & { error?: string }>('POST', `${HUB_API_PREFIX}/auth/login`, {
    body: request,
  });
  if (response.status === 200) return { ok: true, reply: response.body };
  return { ok: false, status: response.status, error: response.body.error ?? JSON.stringify(response.body) };
}

/**
 * An account with the given roles whose password is TEST_PASSWORD (its one-time password already
 * changed at a first sign-in through `token`'s workstation, and a supervisor's or admin's
 * authenticator enrolled there).
 */
export async function addReadyUser(
  database: HubDatabase,
  hubUrl: string,
  token: string,
  login: string,
  roles: readonly UserRole[],
  ca?: string,
): Promise<void> {
  const oneTime = await addUser(database, login, roles);
  await signIn(hubUrl, token, login, oneTime, TEST_PASSWORD, ca);
}

/** The roles of a simulated workstation's person: a one-person office, so every role. */
export const OFFICE_USER = { login: 'urzednik', roles: ['clerk', 'supervisor', 'admin'] } as const;

/** The person of a simulated workstation named `name`. */
export function personOf(name: string): { readonly login: string; readonly roles: readonly UserRole[] } {
  return { login: `u.${name.toLowerCase().replace(/[^a-z0-9._@-]/g, '-')}`.slice(0, 64), roles: OFFICE_USER.roles };
}

/**
 * Enrols a counter workstation and signs a person in there — by default a person of its own with
 * OFFICE_USER's roles, as every counter of an office has its clerk (one person's authenticator
 * code is accepted once, so twenty counters cannot all sign the same person in at once);
 * resolves to the session to sync with.
 */
export async function enrolSignedIn(
  database: HubDatabase,
  hubUrl: string,
  name: string,
  user: { readonly login: string; readonly roles: readonly UserRole[] } = personOf(name),
  ca?: string,
): Promise<string> {
  const token = await createToken(database, name, 'counter');
  const made = usersMade.get(database) ?? new Map<string, Promise<void>>();
  usersMade.set(database, made);
  if (!made.has(user.login)) made.set(user.login, addReadyUser(database, hubUrl, token, user.login, user.roles, ca));
  await made.get(user.login);
  return (await signIn(hubUrl, token, user.login, TEST_PASSWORD, undefined, ca)).session;
}

/** The accounts made on each database so far (the hub's folder cannot be read while it runs). */
const usersMade = new WeakMap<HubDatabase, Map<string, Promise<void>>>();

export async function revokeToken(database: HubDatabase, name: string): Promise<void> {
  await administer(database, { command: 'token.revoke', name });
}

// ------------------------------------------------------------------------------------------------
// The hub process

export interface HubExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface HubProcess {
  readonly database: HubDatabase;
  /** `http://127.0.0.1:<port>/` of the current run. */
  readonly url: string;
  readonly port: number;
  readonly pid: number | undefined;
  readonly running: boolean;
  /** Everything the process wrote to stdout and stderr, over all runs. */
  output(): string;
  /** Sends `signal` (default SIGTERM) and waits for the exit; SIGKILL after 10 s if it lingers. */
  kill(signal?: NodeJS.Signals): Promise<HubExit>;
  /** Starts again on the same database and port (stopping it first if it runs). */
  restart(options?: { readonly args?: readonly string[] }): Promise<void>;
}

export interface StartHubOptions {
  /** More arguments, e.g. ['--tombstone-days', '30']. */
  readonly args?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  readonly port?: number;
  readonly startTimeoutMs?: number;
}

export async function startHubProcess(database: HubDatabase, options: StartHubOptions = {}): Promise<HubProcess> {
  let output = '';
  let child: ChildProcess | null = null;
  let exit: Promise<HubExit> = Promise.resolve({ code: null, signal: null });
  let url = '';
  let port = options.port ?? 0;

  const launch = async (args: readonly string[]) => {
    const spawned = spawnHub(
      ['--port', String(port), '--bind', '127.0.0.1', ...database.args, ...args],
      hubEnv(options.env),
    );
    child = spawned;
    let exited = false;
    exit = new Promise((resolve) =>
      spawned.once('exit', (code, signal) => {
        exited = true;
        resolve({ code, signal });
      }),
    );
    spawned.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const lines = createInterface({ input: spawned.stdout! });
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`hub did not start within ${options.startTimeoutMs ?? 20_000} ms: ${output}`)),
        options.startTimeoutMs ?? 20_000,
      );
      void exit.then((result) => {
        clearTimeout(timer);
        reject(new Error(`hub exited (${result.code ?? result.signal}) before it served: ${output}`));
      });
      lines.on('line', (line) => {
        output += `${line}\n`;
        const match = /serving at (\S+)/.exec(line);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    });
    if (exited) throw new Error(`hub exited: ${output}`);
    port = Number(new URL(url).port);
  };

  const kill = async (signal: NodeJS.Signals = 'SIGTERM'): Promise<HubExit> => {
    const current = child;
    if (!current || current.exitCode !== null || current.signalCode !== null) return exit;
    current.kill(signal);
    const force = setTimeout(() => current.kill('SIGKILL'), 10_000);
    const result = await exit;
    clearTimeout(force);
    return result;
  };

  let lastArgs = options.args ?? [];
  await launch(lastArgs);
  return {
    database,
    get url() {
      return url;
    },
    get port() {
      return port;
    },
    get pid() {
      return child?.pid;
    },
    get running() {
      return child !== null && child.exitCode === null && child.signalCode === null;
    },
    output: () => output,
    kill,
    async restart(restartOptions = {}) {
      await kill('SIGTERM');
      lastArgs = restartOptions.args ?? lastArgs;
      await launch(lastArgs);
    },
  };
}

// ------------------------------------------------------------------------------------------------
// Talking to it

export interface HubResponse<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

export interface HubRequestOptions {
  readonly body?: unknown;
  /** A raw body, sent as is (malformed JSON, huge bodies). */
  readonly rawBody?: string | Uint8Array<ArrayBuffer>;
  /** null sends no Authorization header. */
  readonly token?: string | null;
  /** null sends no version header. */
  readonly version?: string | null;
  readonly headers?: Record<string, string>;
}

export interface HubClient {
  readonly url: string;
  request<T = unknown>(method: string, pathname: string, options?: HubRequestOptions): Promise<HubResponse<T>>;
  pull(collection: SyncCollection | string, checkpoint: Checkpoint | null, limit?: number): Promise<PullResponse>;
  /** Every document after `checkpoint`, page by page. */
  pullAll(
    collection: SyncCollection,
    checkpoint?: Checkpoint | null,
    limit?: number,
  ): Promise<{ documents: PullResponse['documents']; checkpoint: Checkpoint | null }>;
  push(collection: SyncCollection | string, rows: PushRequest['rows']): Promise<PushResponse>;
}

export function hubClient(url: string, token: string | null, version: string = APP_VERSION): HubClient {
  const base = url.endsWith('/') ? url.slice(0, -1) : url;
  const request = async <T>(
    method: string,
    pathname: string,
    options: HubRequestOptions = {},
  ): Promise<HubResponse<T>> => {
    const headers: Record<string, string> = { ...options.headers };
    const useToken = options.token === undefined ? token : options.token;
    if (useToken) headers.authorization = `Bearer ${useToken}`;
    const useVersion = options.version === undefined ? version : options.version;
    if (useVersion) headers[CLIENT_VERSION_HEADER] = useVersion;
    let body: string | Uint8Array<ArrayBuffer> | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    const response = await fetch(`${base}${pathname}`, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON: keep the text.
    }
    return { status: response.status, headers: response.headers, body: parsed as T };
  };
  const ok = <T>(response: HubResponse<T>, what: string): T => {
    if (response.status !== 200) throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const client: HubClient = {
    url,
    request,
    async pull(collection, checkpoint, limit) {
      const query = new URLSearchParams();
      if (checkpoint) {
        query.set('stamp', String(checkpoint.stamp));
        query.set('id', checkpoint.id);
      }
      if (limit !== undefined) query.set('limit', String(limit));
      return ok(
        await request<PullResponse>('GET', `${HUB_API_PREFIX}/sync/${collection}/pull?${query}`),
        `pull ${collection}`,
      );
    },
    async pullAll(collection, checkpoint = null, limit = 1000) {
      const documents: PullResponse['documents'] = [];
      let at = checkpoint;
      for (;;) {
        const page = await client.pull(collection, at, limit);
        documents.push(...page.documents);
        if (page.documents.length < limit) return { documents, checkpoint: page.checkpoint };
        at = page.checkpoint;
      }
    },
    async push(collection, rows) {
      return ok(
        await request<PushResponse>('POST', `${HUB_API_PREFIX}/sync/${collection}/push`, { body: { rows } }),
        `push ${collection}`,
      );
    },
  };
  return client;
}

export interface SseMessage {
  readonly event: string;
  readonly data: string;
  /** performance.now() when it arrived. */
  readonly at: number;
}

export interface EventStream {
  readonly status: number;
  readonly headers: Headers;
  readonly messages: readonly SseMessage[];
  /** Resolves with the first message from index `from` on that matches. */
  waitFor(
    predicate: (message: SseMessage) => boolean,
    options?: { from?: number; timeoutMs?: number },
  ): Promise<SseMessage>;
  /** Resolves when the server ends the stream. */
  readonly ended: Promise<void>;
  close(): void;
}

/** Parses a text/event-stream body into messages (comments and `retry:` are dropped). */
export function parseSse(buffer: string): { messages: Array<{ event: string; data: string }>; rest: string } {
  const messages: Array<{ event: string; data: string }> = [];
  const blocks = buffer.split(/\r?\n\r?\n/);
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    let event = 'message';
    const data: string[] = [];
    let any = false;
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith(':') || line === '') continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      if (field === 'data') {
        data.push(value);
        any = true;
      }
    }
    if (any) messages.push({ event, data: data.join('\n') });
  }
  return { messages, rest };
}

/** A server-sent-event stream read with fetch, as the workstation reads it (headers allowed). */
export async function openEventStream(url: string, headers: Record<string, string> = {}): Promise<EventStream> {
  const controller = new AbortController();
  const response = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: controller.signal,
  });
  const messages: SseMessage[] = [];
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const waiter of [...waiters]) waiter();
  };
  let done = false;
  const ended = (async () => {
    if (!response.body) return;
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { value, done: finished } = await reader.read();
        if (finished) break;
        buffer += decoder.decode(value, { stream: true });
        const parsed = parseSse(buffer);
        buffer = parsed.rest;
        const at = performance.now();
        for (const message of parsed.messages) messages.push({ ...message, at });
        if (parsed.messages.length > 0) wake();
      }
    } catch {
      // Aborted by close(), or the hub went away.
    } finally {
      done = true;
      wake();
    }
  })();
  return {
    status: response.status,
    headers: response.headers,
    messages,
    ended,
    waitFor(predicate, options = {}) {
      const from = options.from ?? 0;
      const timeoutMs = options.timeoutMs ?? 5_000;
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.slice(from).find(predicate);
          if (found) {
            finish();
            resolve(found);
          } else if (done) {
            finish();
            reject(new Error(`The event stream ended before the expected message; got ${messages.length} messages`));
          }
        };
        const timer = setTimeout(() => {
          finish();
          reject(
            new Error(
              `No matching event within ${timeoutMs} ms; got ${
                messages
                  .slice(from)
                  .map((m) => m.event)
                  .join(', ') || 'nothing'
              }`,
            ),
          );
        }, timeoutMs);
        const finish = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    close: () => controller.abort(),
  };
}
