/**
 * The hub's TLS: the files `npm run hub -- tls init` writes into `<data>/tls`, and the certificate
 * the hub serves with — the one given with --tls-cert/--tls-key, else that folder's. The hub serves
 * HTTPS on the office network; plain HTTP only on the loopback, for development (docs/security.md).
 */
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isLoopbackAddress } from '../node/listen';

export const TLS_FOLDER = 'tls';
export const TLS_FILES = {
  ca: 'office-ca.pem',
  caKey: 'office-ca-key.pem',
  cert: 'hub.pem',
  key: 'hub-key.pem',
} as const;

export class TlsError extends Error {}

export interface ServedTls {
  readonly cert: string;
  readonly key: string;
}

/** What the hub serves with: the files given, those of `tls init`, or none (plain HTTP). */
export async function servedTls(
  dataDir: string,
  given: { readonly cert: string; readonly key: string } | null,
  bind: string,
): Promise<ServedTls | null> {
  const folder = path.join(dataDir, TLS_FOLDER);
  const files = given ?? { cert: path.join(folder, TLS_FILES.cert), key: path.join(folder, TLS_FILES.key) };
  if (!given && !(await exists(files.cert))) {
    if (isLoopbackAddress(bind)) return null;
    throw new TlsError(
      `the hub serves HTTPS on the office network, and has no certificate: run npm run hub -- tls init --host <its name>, ` +
        `or give --tls-cert and --tls-key from the office's CA (plain HTTP only with --bind 127.0.0.1, for development)`,
    );
  }
  try {
    return { cert: await readFile(files.cert, 'utf8'), key: await readFile(files.key, 'utf8') };
  } catch (error) {
    throw new TlsError(`cannot read the TLS certificate or key (${(error as Error).message})`);
  }
}

/** Makes the office CA (unless there is one) and a hub certificate for `hosts`; returns the CA's path. */
export async function initTls(dataDir: string, hosts: readonly string[], office: string): Promise<string> {
  // Loaded here only: the certificate library and its polyfill have no business in the running hub.
  const { createOfficeCa, issueServerCert } = await import('../node/office-ca');
  const folder = path.join(dataDir, TLS_FOLDER);
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const file = (name: keyof typeof TLS_FILES) => path.join(folder, TLS_FILES[name]);
  let ca;
  if (await exists(file('ca')))
    ca = { cert: await readFile(file('ca'), 'utf8'), key: await readFile(file('caKey'), 'utf8') };
  else {
    ca = await createOfficeCa(office);
    await writeFile(file('caKey'), ca.key, { mode: 0o600 });
    await writeFile(file('ca'), ca.cert, { mode: 0o644 });
  }
  const server = await issueServerCert(ca, [...new Set([...hosts, 'localhost', '127.0.0.1'])]);
  await writeFile(file('key'), server.key, { mode: 0o600 });
  await writeFile(file('cert'), server.cert, { mode: 0o644 });
  return file('ca');
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
