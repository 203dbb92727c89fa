/**
 * The print spool of an Electron workstation: a rendered PDF waits in `<data>/print/` while the
 * shell opens the system's print dialog on it (electron/shell/print.ts), which deletes it after.
 * A file left by a crash is removed the next time, an hour on at most: a summary names the visitor.
 * The browser host has no spool; the browser prints the PDF itself.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ContractFailure } from '../../common/contract/result';

const LEFT_OVER_MS = 60 * 60_000;

export async function spoolForPrinting(
  dataDir: string,
  host: 'electron' | 'browser',
  pdfBase64: string,
  now: number = Date.now(),
): Promise<{ file: string }> {
  if (host !== 'electron')
    throw new ContractFailure('BAD_REQUEST', 'The browser host prints a PDF in the browser, not through the station');
  const folder = path.join(dataDir, 'print');
  await mkdir(folder, { recursive: true, mode: 0o700 });
  await removeLeftOvers(folder, now);
  const file = path.join(folder, `${randomBytes(12).toString('hex')}.pdf`);
  await writeFile(file, Buffer.from(pdfBase64, 'base64'), { mode: 0o600 });
  return { file };
}

async function removeLeftOvers(folder: string, now: number): Promise<void> {
  for (const name of await readdir(folder)) {
    const file = path.join(folder, name);
    const info = await stat(file).catch(() => null);
    if (info && now - info.mtimeMs > LEFT_OVER_MS) await rm(file, { force: true });
  }
}
