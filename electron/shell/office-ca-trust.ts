/**
 * The windows trust the office's own CA for the hub (settings `hub.ca`): Chromium asks the shell
 * about every certificate, and a hub certificate the office CA signed for the name asked is
 * trusted; every other certificate gets Chromium's own verdict. So the app:// pages reach the hub
 * over HTTPS without the CA in the system's store.
 */
import { readFile } from 'node:fs/promises';
import type { Session } from 'electron';
import type { Logger } from '../station/log';
import { signedByOfficeCa } from '../node/tls-trust';

/** Chromium's answers to a certificate check: trust it, or use its own verification's result. */
export const TRUST = 0;
export const CHROMIUM_DECIDES = -3;

export interface CertificateCheck {
  readonly hostname: string;
  readonly certificate: { readonly data: string };
}

export function officeCaVerdict(check: CertificateCheck, caPem: string): number {
  return signedByOfficeCa(check.certificate.data, caPem, check.hostname) ? TRUST : CHROMIUM_DECIDES;
}

export async function trustOfficeCa(session: Session, caFile: string, log: Logger): Promise<void> {
  let caPem: string;
  try {
    caPem = await readFile(caFile, 'utf8');
  } catch (error) {
    log.warn('cannot read the office CA named in hub.ca; the hub must be trusted by the system', {
      file: caFile,
      error: (error as Error).message,
    });
    return;
  }
  session.setCertificateVerifyProc((check, callback) => callback(officeCaVerdict(check, caPem)));
}
