/**
 * Trusting the office's own CA (electron/node/office-ca.ts made it, or the office's IT): what a
 * workstation checks of the hub's certificate. Node's crypto only, so the Electron shell can use it
 * in its certificate check without loading anything else.
 */
import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';

/**
 * Whether `certPem` (a server's certificate) was signed by the office CA `caPem`, is valid now and
 * names `host`: what a workstation checks of the hub when it trusts the office CA.
 */
export function signedByOfficeCa(certPem: string | Buffer, caPem: string, host: string, now = new Date()): boolean {
  try {
    const cert = new X509Certificate(certPem);
    const ca = new X509Certificate(caPem);
    const inDate = new Date(cert.validFrom) <= now && now <= new Date(cert.validTo);
    const named = isIP(host) ? cert.checkIP(host) !== undefined : cert.checkHost(host) !== undefined;
    return cert.checkIssued(ca) && cert.verify(ca.publicKey) && inDate && named;
  } catch {
    return false;
  }
}
