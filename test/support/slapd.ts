/**
 * A real OpenLDAP server (Debian's `slapd`, with `ldap-utils`) for a test: its own temp folder,
 * slapd.conf and MDB database, seeded with `slapadd` before it starts, on two free loopback ports —
 * ldap:// (StartTLS offered) and ldaps:// — with a certificate from a test office CA made by the
 * repository's own electron/node/office-ca.ts. The entries are people (inetOrgPerson with a salted
 * SHA password and `memberOf`, as Active Directory gives it) and groupOfNames groups, plus a
 * read-only service account. slapd runs in the foreground (`-d stats`), so its log of every
 * connection, bind and search is there to read (`output()`). Nothing here is a mock.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import path from 'node:path';
import { createOfficeCa, issueServerCert } from '../../electron/node/office-ca';
import { tempDir } from './processes';

export const SLAPD = process.env.OKIENKO_SLAPD ?? '/usr/sbin/slapd';
export const SLAPADD = process.env.OKIENKO_SLAPADD ?? '/usr/sbin/slapadd';

export interface SlapdPerson {
  readonly uid: string;
  readonly password: string;
  /** Left out: the entry has no displayName (only cn = uid). */
  readonly displayName?: string;
}

export interface SlapdGroup {
  readonly cn: string;
  /** uids; a group with none gets the root DN as its member (groupOfNames needs one). */
  readonly members: readonly string[];
}

export interface Slapd {
  /** `ldap://127.0.0.1:<port>` (StartTLS offered) and `ldaps://127.0.0.1:<port>`. */
  readonly ldapUrl: string;
  readonly ldapsUrl: string;
  /** The test office CA that signed the server's certificate (for 127.0.0.1 and localhost). */
  readonly caFile: string;
  readonly baseDn: string;
  readonly peopleBase: string;
  readonly groupsBase: string;
  /** A service account that may read the directory (not the passwords). */
  readonly serviceDn: string;
  readonly servicePassword: string;
  /** The temp folder (config, database, certificates); removed by stop(). */
  readonly dir: string;
  peopleDn(uid: string): string;
  groupDn(cn: string): string;
  /** slapd's log so far (`-d stats`: ACCEPT, BIND, SRCH, RESULT lines). */
  output(): string;
  /** SIGSTOP: the ports still accept connections (the kernel's backlog) and nothing answers. */
  freeze(): void;
  /** SIGCONT after freeze(). */
  thaw(): void;
  /** Stops slapd (SIGTERM, SIGKILL after 5 s) and removes the folder. */
  stop(): Promise<void>;
}

const BASE_DN = 'dc=okienko,dc=test';
const ROOT_DN = `cn=admin,${BASE_DN}`;

export async function startSlapd(seed: {
  readonly people: readonly SlapdPerson[];
  readonly groups: readonly SlapdGroup[];
}): Promise<Slapd> {
  const folder = await tempDir('slapd');
  const dir = folder.path;
  try {
    const rootPassword = randomBytes(12).toString('base64url');
    const servicePassword = randomBytes(12).toString('base64url');
    await writeCertificates(dir);
    await mkdir(path.join(dir, 'db'));
    await writeFile(path.join(dir, 'slapd.conf'), slapdConf(dir, rootPassword));
    await writeFile(path.join(dir, 'seed.ldif'), seedLdif(seed, servicePassword));
    await run(SLAPADD, ['-q', '-f', path.join(dir, 'slapd.conf'), '-l', path.join(dir, 'seed.ldif')]);
    const running = await launch(dir);
    return {
      ldapUrl: `ldap://127.0.0.1:${running.ports.ldap}`,
      ldapsUrl: `ldaps://127.0.0.1:${running.ports.ldaps}`,
      caFile: path.join(dir, 'ca.pem'),
      baseDn: BASE_DN,
      peopleBase: `ou=people,${BASE_DN}`,
      groupsBase: `ou=groups,${BASE_DN}`,
      serviceDn: SERVICE_DN,
      servicePassword,
      dir,
      peopleDn,
      groupDn,
      output: running.output,
      freeze: () => running.child.kill('SIGSTOP'),
      thaw: () => running.child.kill('SIGCONT'),
      async stop() {
        await stopChild(running.child);
        await folder.remove();
      },
    };
  } catch (error) {
    await folder.remove();
    throw error;
  }
}

const SERVICE_DN = `cn=okienko-reader,${BASE_DN}`;
const peopleDn = (uid: string) => `uid=${uid},ou=people,${BASE_DN}`;
const groupDn = (cn: string) => `cn=${cn},ou=groups,${BASE_DN}`;

async function writeCertificates(dir: string): Promise<void> {
  const ca = await createOfficeCa('Okienko test directory');
  const server = await issueServerCert(ca, ['127.0.0.1', 'localhost']);
  await writeFile(path.join(dir, 'ca.pem'), ca.cert);
  await writeFile(path.join(dir, 'server.pem'), server.cert);
  // A PKCS#8 EC key: slapd reads it with GnuTLS (or OpenSSL) as its own user; we run it as
  // ourselves (root in CI, no -u), so 0600 is enough.
  await writeFile(path.join(dir, 'server-key.pem'), server.key, { mode: 0o600 });
}

function slapdConf(dir: string, rootPassword: string): string {
  return `include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
modulepath /usr/lib/ldap
moduleload back_mdb
# memberOf as Active Directory has it (the overlay defines the attribute; the seed writes it).
moduleload memberof
pidfile ${dir}/slapd.pid
argsfile ${dir}/slapd.args
TLSCACertificateFile ${dir}/ca.pem
TLSCertificateFile ${dir}/server.pem
TLSCertificateKeyFile ${dir}/server-key.pem

database mdb
suffix "${BASE_DN}"
rootdn "${ROOT_DN}"
rootpw ${rootPassword}
directory ${dir}/db
maxsize 16777216
overlay memberof
# As a real directory: passwords are only for binding; everything else readable by everyone.
access to attrs=userPassword by self write by anonymous auth by * none
access to * by * read
`;
}

function seedLdif(seed: Parameters<typeof startSlapd>[0], servicePassword: string): string {
  const entries: Array<Record<string, string | readonly string[]>> = [
    { dn: BASE_DN, objectClass: ['dcObject', 'organization'], o: 'Okienko', dc: 'okienko' },
    { dn: `ou=people,${BASE_DN}`, objectClass: 'organizationalUnit', ou: 'people' },
    { dn: `ou=groups,${BASE_DN}`, objectClass: 'organizationalUnit', ou: 'groups' },
    {
      dn: SERVICE_DN,
      objectClass: ['organizationalRole', 'simpleSecurityObject'],
      cn: 'okienko-reader',
      userPassword: ssha(servicePassword),
    },
  ];
  for (const person of seed.people) {
    entries.push({
      dn: peopleDn(person.uid),
      objectClass: 'inetOrgPerson',
      uid: person.uid,
      cn: person.uid,
      sn: person.uid,
      ...(person.displayName === undefined ? {} : { displayName: person.displayName }),
      userPassword: ssha(person.password),
      memberOf: seed.groups.filter((group) => group.members.includes(person.uid)).map((group) => groupDn(group.cn)),
    });
  }
  for (const group of seed.groups) {
    const members = group.members.map(peopleDn);
    entries.push({
      dn: groupDn(group.cn),
      objectClass: 'groupOfNames',
      cn: group.cn,
      member: members.length ? members : ROOT_DN,
    });
  }
  return entries.map(ldifEntry).join('\n');
}

function ldifEntry(entry: Record<string, string | readonly string[]>): string {
  const lines: string[] = [];
  for (const [name, value] of Object.entries(entry)) {
    for (const one of typeof value === 'string' ? [value] : value) {
      // LDIF's SAFE-STRING: printable ASCII, not starting with a space, ':' or '<', not ending in a
      // space; anything else (Polish letters) goes in base64.
      const safe = /^[!-9;=-~]([ -~]*[!-~])?$/.test(one);
      lines.push(safe ? `${name}: ${one}` : `${name}:: ${Buffer.from(one, 'utf8').toString('base64')}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** `{SSHA}`: salted SHA-1, which every slapd checks without a module. */
function ssha(password: string): string {
  const salt = randomBytes(8);
  const digest = createHash('sha1').update(password, 'utf8').update(salt).digest();
  return `{SSHA}${Buffer.concat([digest, salt]).toString('base64')}`;
}

// ------------------------------------------------------------------------------------------------
// The process

interface Running {
  readonly child: ChildProcess;
  readonly ports: { readonly ldap: number; readonly ldaps: number };
  output(): string;
}

/** Starts slapd on two free ports; another pair if a port was taken in between (up to 3 times). */
async function launch(dir: string): Promise<Running> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const ports = { ldap: await freePort(), ldaps: await freePort() };
    const urls = `ldap://127.0.0.1:${ports.ldap}/ ldaps://127.0.0.1:${ports.ldaps}/`;
    const child = spawn(SLAPD, ['-f', path.join(dir, 'slapd.conf'), '-h', urls, '-d', 'stats'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      await waitForPorts(child, [ports.ldap, ports.ldaps], () => output);
      return { child, ports, output: () => output };
    } catch (error) {
      lastError = error;
      await stopChild(child);
      if (!/already in use|bind\(\) failed/i.test(output)) break;
    }
  }
  throw lastError;
}

async function waitForPorts(child: ChildProcess, ports: readonly number[], output: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  let exited = false;
  child.once('exit', () => (exited = true));
  child.once('error', () => (exited = true));
  for (;;) {
    if (exited) throw new Error(`slapd exited before it listened:\n${output()}`);
    const answers = await Promise.all(ports.map(accepts));
    if (answers.every(Boolean)) return;
    if (Date.now() > deadline) throw new Error(`slapd did not listen on ${ports.join(', ')} within 15 s:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** A port nobody listens on now (the kernel's pick); also for "nothing there" tests. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function run(command: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', (error) =>
      reject(new Error(`${command} could not start (is Debian's slapd installed?): ${error.message}`)),
    );
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output}`)),
    );
  });
}

/** As processes.ts stops the host: SIGTERM, SIGKILL after 5 s; SIGCONT first in case it is frozen. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGCONT');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
