/**
 * The office's directory: a person signs in with the password they already have in the office's
 * Active Directory or OpenLDAP, checked by an LDAP bind, and their Okienko roles come from the
 * directory groups they are in (`--directory <file.json>`, electron/hub/README.md). An office that
 * keeps its staff there gives nobody a second password to forget, and whoever leaves the office (or
 * a group) loses their access in one place.
 *
 * Passwords cross the network only inside TLS — ldaps://, or ldap:// with StartTLS — verified
 * against the office's CA (`ca`) or the system's; plain ldap:// only to the loopback. An empty
 * password never reaches the server: many servers answer an empty-password bind with success (an
 * "unauthenticated bind", RFC 4513 §5.1.2). Every answer is one of four: the person with their
 * roles; bad credentials (the same for an unknown login and a wrong password); no role (the person
 * is in no group the file maps); unreachable, with one English sentence for the log that says what
 * failed and never holds the password. A check takes at most `timeoutMs`, whatever the server does.
 */
import { readFile } from 'node:fs/promises';
import { connect as netConnect, isIP, type Socket } from 'node:net';
import path from 'node:path';
import { connect as tlsConnect, TLSSocket, type ConnectionOptions } from 'node:tls';
import { X509Certificate } from 'node:crypto';
import { Client, Filter, InvalidCredentialsError, type Entry } from 'ldapts';
import { z } from 'zod';
import { USER_ROLES, isUserRole, type UserRole } from '../common/access/subjects';
import { isLoopbackAddress } from '../node/listen';

// ------------------------------------------------------------------------------------------------
// The file

/** `ldaps://host[:port]` or `ldap://host[:port]`: scheme, host and port only. */
const URL_PATTERN = /^ldaps?:\/\/(\[[0-9a-fA-F:.]+\]|[^\s/:[\]]+)(:\d{1,5})?\/?$/;
const DEFAULT_GROUP_FILTER = '(&(objectClass=groupOfNames)(member={dn}))';

const SearchSchema = z
  .object({
    /** Where to look, e.g. `ou=people,dc=example,dc=org` (the whole subtree). */
    base: z.string().min(1),
    /** An LDAP filter with `{login}` (people) or `{dn}`/`{login}` (groups), escaped when filled in. */
    filter: z.string().min(1),
  })
  .strict();

const RolesSchema = z.array(z.unknown()).transform((values, context): UserRole[] => {
  const wrong = values.find((value) => !isUserRole(value));
  if (values.length === 0 || wrong !== undefined) {
    context.addIssue({
      code: 'custom',
      message:
        values.length === 0
          ? `no role given (${USER_ROLES.join(', ')})`
          : `${JSON.stringify(wrong)} is not a role (${USER_ROLES.join(', ')})`,
    });
    return z.NEVER;
  }
  return [...new Set(values as UserRole[])];
});

const FileSchema = z
  .object({
    url: z
      .string()
      .regex(URL_PATTERN, 'must be ldaps://host[:port] or ldap://host[:port]')
      .refine((url) => URL.canParse(url), 'is not a URL (a port is 1…65535)'),
    startTls: z.boolean().optional(),
    ca: z.string().min(1).optional(),
    bindDn: z.string().min(1).optional(),
    bindPassword: z.string().min(1).optional(),
    userDn: z.string().includes('{login}', { message: 'must hold {login}' }).optional(),
    userSearch: SearchSchema.extend({
      filter: z.string().includes('{login}', { message: 'must hold {login}' }),
    }).optional(),
    loginAttribute: z.string().min(1).default('uid'),
    displayNameAttribute: z.string().min(1).default('displayName'),
    groupSearch: SearchSchema.extend({ filter: z.string().min(1).default(DEFAULT_GROUP_FILTER) }).optional(),
    memberOfAttribute: z.string().min(1).optional(),
    roles: z
      .record(z.string().min(1), RolesSchema)
      .refine((roles) => Object.keys(roles).length > 0, 'map at least one group to its roles'),
    timeoutMs: z.number().int().min(100).max(60_000).default(5000),
  })
  .strict();

type DirectoryFile = z.output<typeof FileSchema>;

/** The combinations a field alone cannot say. */
function checkCombinations(file: DirectoryFile, context: z.core.$RefinementCtx): void {
  const problem = (field: string, message: string) => context.addIssue({ code: 'custom', path: [field], message });
  // zod runs this even when a field failed: a URL that does not parse is reported already.
  if (!URL.canParse(file.url)) return;
  const host = hostOf(file.url);
  const plain = file.url.startsWith('ldap://');
  if (!plain && file.startTls === true) problem('startTls', 'ldaps:// is TLS from the start: leave StartTLS out');
  if (plain && file.startTls === false && !isLoopbackAddress(host)) {
    problem(
      'url',
      `plain ldap:// to ${host} would send passwords unencrypted over the network: use ldaps://, or leave ` +
        `"startTls" true (plain ldap:// only to 127.0.0.1, ::1 or localhost)`,
    );
  }
  if ((file.userDn === undefined) === (file.userSearch === undefined)) {
    problem('userDn', 'give either userDn (a template with {login}) or userSearch (base and filter), one of them');
  }
  if ((file.bindDn === undefined) !== (file.bindPassword === undefined)) {
    problem(file.bindDn === undefined ? 'bindDn' : 'bindPassword', 'bindDn and bindPassword go together');
  }
  if (file.bindDn !== undefined && file.userSearch === undefined) {
    problem('bindDn', 'the service account only searches for people: give userSearch, or leave bindDn out');
  }
  if (file.groupSearch === undefined && file.memberOfAttribute === undefined) {
    problem('groupSearch', "say where a person's groups are: groupSearch, memberOfAttribute (e.g. memberOf), or both");
  }
}

/** The directory file (`--directory`), with StartTLS decided: on for ldap://, unless turned off. */
export const DirectoryConfigSchema = FileSchema.superRefine(checkCombinations).transform((file) => ({
  ...file,
  startTls: file.url.startsWith('ldap://') && file.startTls !== false,
}));

export type DirectoryConfig = z.output<typeof DirectoryConfigSchema> & {
  /** The certificates the `ca` file holds (loadDirectoryConfig reads it once); else `ca` is read at each check. */
  readonly caPem?: string;
};

/** A directory file that cannot be used; the message names the file and the field. */
export class DirectoryConfigError extends Error {}

export async function loadDirectoryConfig(file: string): Promise<DirectoryConfig> {
  const fail = (message: string): never => {
    throw new DirectoryConfigError(`${file}: ${message}`);
  };
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) =>
    fail(`cannot be read (${error.code ?? error.message})`),
  );
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    fail(`is not JSON (${(error as Error).message})`);
  }
  const parsed = DirectoryConfigSchema.safeParse(json, {
    error: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? 'is missing' : undefined),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${fieldPath(issue.path)}: ` : '';
    return fail(`${where}${issue?.message ?? 'does not match the directory file format'}`);
  }
  if (parsed.data.ca === undefined) return parsed.data;
  const ca = path.resolve(path.dirname(file), parsed.data.ca);
  const caPem = await readFile(ca, 'utf8').catch((error: NodeJS.ErrnoException) =>
    fail(`ca: ${ca} cannot be read (${error.code ?? error.message})`),
  );
  try {
    new X509Certificate(caPem);
  } catch {
    fail(`ca: ${ca} holds no PEM certificate`);
  }
  return { ...parsed.data, ca, caPem };
}

/** `roles["cn=x,dc=y"]`, `userSearch.filter`: a field as the file's author would look for it. */
function fieldPath(segments: readonly PropertyKey[]): string {
  return segments
    .map((segment, index) => {
      if (typeof segment === 'number') return `[${segment}]`;
      const name = String(segment);
      if (!/^[A-Za-z_]\w*$/.test(name)) return `[${JSON.stringify(name)}]`;
      return index === 0 ? name : `.${name}`;
    })
    .join('');
}

function hostOf(url: string): string {
  return new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');
}

// ------------------------------------------------------------------------------------------------
// A check

export interface DirectoryPerson {
  /** The login as the directory spells it (`loginAttribute`), else as typed. */
  readonly login: string;
  readonly displayName: string;
  readonly roles: UserRole[];
}

export type DirectoryOutcome =
  | { readonly ok: true; readonly person: DirectoryPerson }
  | {
      readonly ok: false;
      readonly failure: 'bad-credentials' | 'no-role' | 'unreachable';
      /** One English sentence for the log; never the password. */
      readonly message: string;
    };

/** The one answer for an unknown login and a wrong password alike. */
export const BAD_CREDENTIALS_MESSAGE = 'the directory did not accept this login and password';

/** What the check is doing, for the sentence when it fails. */
type Step =
  | 'connecting'
  | 'starting TLS (StartTLS)'
  | 'binding as the service account'
  | 'searching for the person'
  | 'binding as the person'
  | "reading the person's entry"
  | "searching the person's groups";

interface Check {
  readonly config: DirectoryConfig;
  step: Step | 'reading the CA file';
  /** The connection this check opened itself (ldapts is handed it, and may not open another). */
  socket?: Socket;
  client?: Client;
}

/** The person's DN was not found, or more than one entry matched the login. */
class NotFound extends Error {}

/** The check ran out of `timeoutMs`. */
class OutOfTime extends Error {}

/**
 * Checks `login`/`password` against the directory: finds the person's DN, binds as them, reads
 * their display name and groups and maps the groups to roles. The connection is always closed.
 */
export async function checkDirectory(
  config: DirectoryConfig,
  login: string,
  password: string,
): Promise<DirectoryOutcome> {
  if (login === '' || password === '')
    return { ok: false, failure: 'bad-credentials', message: BAD_CREDENTIALS_MESSAGE };
  const check: Check = { config, step: 'reading the CA file' };
  try {
    const person = await withDeadline(config.timeoutMs, signIn(check, login, password));
    if (person.roles.length > 0) return { ok: true, person };
    return { ok: false, failure: 'no-role', message: `${person.login} is in no directory group that has a role here` };
  } catch (error) {
    return failed(error, check, password);
  } finally {
    await check.client?.unbind().catch(() => undefined);
    check.socket?.destroy();
  }
}

async function signIn(check: Check, login: string, password: string): Promise<DirectoryPerson> {
  const { config } = check;
  const tls = await tlsOptions(config);
  check.step = 'connecting';
  const client = (check.client = new Client(clientOptions(config, await connectTo(check, tls))));
  if (config.startTls) {
    check.step = 'starting TLS (StartTLS)';
    await client.startTLS(tls);
  }
  const dn = await personDn(check, client, login);
  check.step = 'binding as the person';
  await client.bind(dn, password);
  check.step = "reading the person's entry";
  const entry = await readEntry(check, client, dn);
  check.step = "searching the person's groups";
  const groups = [...memberOf(config, entry), ...(await searchGroups(check, client, dn, login))];
  return {
    login: canonicalLogin(entry, config.loginAttribute, login),
    displayName: firstValue(entry, config.displayNameAttribute) ?? firstValue(entry, 'cn') ?? login,
    roles: rolesOf(config.roles, groups),
  };
}

/** The person's DN: from the `userDn` template, or found by `userSearch` (as the service account). */
async function personDn(check: Check, client: Client, login: string): Promise<string> {
  const { config } = check;
  if (config.userSearch === undefined) return fill(config.userDn ?? '', { login: escapeDnValue(login) });
  if (config.bindDn !== undefined) {
    check.step = 'binding as the service account';
    await client.bind(config.bindDn, config.bindPassword);
  }
  check.step = 'searching for the person';
  const { searchEntries } = await client.search(config.userSearch.base, {
    scope: 'sub',
    filter: fill(config.userSearch.filter, { login: Filter.escape(login) }),
    attributes: ['1.1'],
    sizeLimit: 2,
  });
  const [only, another] = searchEntries;
  if (only === undefined || another !== undefined) throw new NotFound();
  return only.dn;
}

async function readEntry(check: Check, client: Client, dn: string): Promise<Entry | undefined> {
  const { config } = check;
  const attributes = [config.loginAttribute, config.displayNameAttribute, 'cn'];
  if (config.memberOfAttribute !== undefined) attributes.push(config.memberOfAttribute);
  const { searchEntries } = await client.search(dn, { scope: 'base', attributes });
  return searchEntries[0];
}

async function searchGroups(check: Check, client: Client, dn: string, login: string): Promise<string[]> {
  const search = check.config.groupSearch;
  if (search === undefined) return [];
  const { searchEntries } = await client.search(search.base, {
    scope: 'sub',
    filter: fill(search.filter, { dn: Filter.escape(dn), login: Filter.escape(login) }),
    attributes: ['1.1'],
  });
  return searchEntries.map((entry) => entry.dn);
}

function memberOf(config: DirectoryConfig, entry: Entry | undefined): string[] {
  return config.memberOfAttribute === undefined ? [] : values(entry, config.memberOfAttribute);
}

/** The roles of the groups the file maps, in USER_ROLES order. */
function rolesOf(roles: DirectoryConfig['roles'], groups: readonly string[]): UserRole[] {
  const byGroup = new Map(Object.entries(roles).map(([group, its]) => [normalizeDn(group), its]));
  const found = new Set(groups.flatMap((group) => byGroup.get(normalizeDn(group)) ?? []));
  return USER_ROLES.filter((role) => found.has(role));
}

/** DNs compared as an administrator writes them: case and the spaces around `,` and `=` aside. */
export function normalizeDn(dn: string): string {
  return dn
    .trim()
    .replace(/\s*([,=])\s*/g, '$1')
    .toLowerCase();
}

function canonicalLogin(entry: Entry | undefined, attribute: string, typed: string): string {
  const spelled = values(entry, attribute);
  const wanted = typed.trim().toLowerCase();
  return spelled.find((value) => value.toLowerCase() === wanted) ?? spelled[0] ?? typed;
}

function values(entry: Entry | undefined, attribute: string): string[] {
  const key = Object.keys(entry ?? {}).find((name) => name.toLowerCase() === attribute.toLowerCase());
  const value = key === undefined ? undefined : entry?.[key];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((item): item is string => typeof item === 'string' && item !== '');
}

function firstValue(entry: Entry | undefined, attribute: string): string | undefined {
  return values(entry, attribute)[0];
}

/** Fills `{name}` placeholders; the values are escaped already (a function, so `$&` stays literal). */
function fill(template: string, with_: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => with_[name] ?? whole);
}

/** An attribute value escaped for a DN (RFC 4514 §2.4). */
export function escapeDnValue(value: string): string {
  return value
    .replace(/[\\,+"<>;=]/g, (char) => `\\${char}`)
    .replace(/\0/g, '\\00')
    .replace(/^[ #]/, (char) => `\\${char}`)
    .replace(/ $/, '\\ ');
}

// ------------------------------------------------------------------------------------------------
// The connection

async function tlsOptions(config: DirectoryConfig): Promise<ConnectionOptions> {
  const host = hostOf(config.url);
  const ca = config.caPem ?? (config.ca === undefined ? undefined : await readFile(config.ca, 'utf8'));
  return {
    host,
    // SNI takes a name, never an address (RFC 6066 §3).
    ...(isIP(host) === 0 ? { servername: host } : {}),
    ...(ca === undefined ? {} : { ca }),
    minVersion: 'TLSv1.2',
  };
}

/**
 * Opens the TCP (ldap://) or TLS (ldaps://) connection: its failure is then plainly "connecting"
 * (ldapts would connect lazily, inside the first operation).
 */
function connectTo(check: Check, tls: ConnectionOptions): Promise<Socket> {
  const url = new URL(check.config.url);
  const secure = url.protocol === 'ldaps:';
  const port = Number(url.port || (secure ? 636 : 389));
  return new Promise((resolve, reject) => {
    const socket = secure ? tlsConnect({ ...tls, port }) : netConnect(port, hostOf(check.config.url));
    check.socket = socket;
    socket.once('error', reject);
    socket.once(secure ? 'secureConnect' : 'connect', () => {
      socket.removeListener('error', reject);
      resolve(socket);
    });
  });
}

/**
 * ldapts on the connection opened: handed over once. Should it close, ldapts would quietly open a
 * new one at the next operation — in plain text after StartTLS, with a bind to come — so a second
 * connection is refused.
 */
function clientOptions(config: DirectoryConfig, socket: Socket): ConstructorParameters<typeof Client>[0] {
  const options = { url: config.url, timeout: config.timeoutMs, connectTimeout: config.timeoutMs };
  if (socket instanceof TLSSocket) return { ...options, createSecureConnection: handOver(socket) as typeof tlsConnect };
  return { ...options, createConnection: handOver(socket) as typeof netConnect };
}

function handOver<T extends Socket>(socket: T): () => T {
  let handed = false;
  return () => {
    if (handed) throw new Error('the connection closed in the middle of the check');
    handed = true;
    return socket;
  };
}

async function withDeadline<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new OutOfTime()), ms);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}

// ------------------------------------------------------------------------------------------------
// Failures

const TLS_CODE = /CERT|SSL|TLS|ISSUER|LEAF|SIGNATURE|HOSTNAME/;

function failed(error: unknown, check: Check, password: string): DirectoryOutcome {
  const refused = error instanceof InvalidCredentialsError && check.step === 'binding as the person';
  if (refused || error instanceof NotFound) {
    return { ok: false, failure: 'bad-credentials', message: BAD_CREDENTIALS_MESSAGE };
  }
  const { config } = check;
  const sentence = `the directory at ${config.url} failed while ${check.step}: ${explain(error, config)}`;
  return { ok: false, failure: 'unreachable', message: sentence.split(password).join('[password]') };
}

function explain(error: unknown, config: DirectoryConfig): string {
  if (error instanceof OutOfTime || /timed? ?out/i.test(String((error as Error)?.message))) {
    return `no answer within ${config.timeoutMs} ms`;
  }
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  const text = error.message.split('\n').join(' ');
  if (code !== undefined && TLS_CODE.test(code)) {
    const ca = config.ca === undefined ? "the system's CAs" : config.ca;
    return `TLS failed, the directory's certificate is not accepted with ${ca}: ${text} (${code})`;
  }
  if (error instanceof InvalidCredentialsError) return `the directory refused the service account's bind (${text})`;
  return code === undefined ? text : `${text} (${code})`;
}
