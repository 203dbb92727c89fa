/**
 * The office's own certificate authority, for TLS between the workstations and the hub (`npm run
 * hub -- tls init`): a CA certificate the workstations trust (settings `hub.ca`), and a server
 * certificate for the hub's names signed by it. ECDSA P-256 (NIST SP 800-57: 128-bit security,
 * small and fast handshakes on the office's machines), made with @peculiar/x509 over Node's own
 * WebCrypto, so no OpenSSL command and no native code is needed.
 *
 * An office with a CA of its own (Active Directory Certificate Services, say) skips this and gives
 * the hub `--tls-cert`/`--tls-key` from it.
 */
// @peculiar/x509 resolves its parts through tsyringe, which needs the Reflect metadata API. This
// module is loaded only by `npm run hub -- tls init` (dynamically), so the polyfill stays there.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import { isIP } from 'node:net';
import * as x509 from '@peculiar/x509';

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

// Node's WebCrypto is the standard one; its type is Node's own name for it, hence the cast.
x509.cryptoProvider.set(webcrypto as never);

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY_MS = 24 * 60 * 60_000;

export interface IssuedPair {
  /** PEM of the certificate. */
  readonly cert: string;
  /** PKCS#8 PEM of its private key. */
  readonly key: string;
}

export async function createOfficeCa(office: string, now = new Date()): Promise<IssuedPair> {
  const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=${escapeName(office)} — Okienko office CA`,
    notBefore: new Date(now.getTime() - DAY_MS),
    notAfter: new Date(now.getTime() + 10 * 365 * DAY_MS),
    keys: keys as CryptoKeyPair,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey as CryptoKey),
    ],
  });
  return { cert: cert.toString('pem'), key: await exportKey(keys.privateKey as CryptoKey) };
}

/** A server certificate for `names` (host names and IP addresses), signed by the office CA. */
export async function issueServerCert(ca: IssuedPair, names: readonly string[], now = new Date()): Promise<IssuedPair> {
  const caCert = new x509.X509Certificate(ca.cert);
  const caKey = await importKey(ca.key);
  const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: `CN=${escapeName(names[0] ?? 'localhost')}`,
    issuer: caCert.subject,
    notBefore: new Date(now.getTime() - DAY_MS),
    // 825 days: the longest server certificate validity browsers still accept.
    notAfter: new Date(now.getTime() + 825 * DAY_MS),
    publicKey: keys.publicKey as CryptoKey,
    signingKey: caKey,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth], false),
      new x509.SubjectAlternativeNameExtension(
        names.map((name) =>
          isIP(name) ? { type: 'ip' as const, value: name } : { type: 'dns' as const, value: name },
        ),
        false,
      ),
      await x509.AuthorityKeyIdentifierExtension.create(caCert, false),
    ],
  });
  return { cert: cert.toString('pem'), key: await exportKey(keys.privateKey as CryptoKey) };
}

function serial(): string {
  return Buffer.from(webcrypto.getRandomValues(new Uint8Array(16)))
    .toString('hex')
    .replace(/^[89a-f]/, '1');
}

function escapeName(name: string): string {
  return name.replace(/[,=+<>#;"\\]/g, ' ').trim() || 'Okienko';
}

async function exportKey(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
  return `-----BEGIN PRIVATE KEY-----\n${der
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '')}\n-----END PRIVATE KEY-----\n`;
}

async function importKey(pem: string): Promise<CryptoKey> {
  const der = Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
  return webcrypto.subtle.importKey('pkcs8', der, ALGORITHM, false, ['sign']) as Promise<CryptoKey>;
}
