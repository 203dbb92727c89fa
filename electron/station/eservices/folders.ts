/**
 * Where the e-service definitions live: shipped with the app in `build/eservices/` (in a packaged
 * app, `resources/eservices/`, electron-builder.yml's extraResources), and the office's own in
 * `<data>/eservices/`, which the station reads after the shipped ones.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function shippedFolder(): string {
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  if (packaged !== undefined && existsSync(join(packaged, 'eservices'))) return join(packaged, 'eservices');
  // From electron/station/eservices/ in development, or from out/<bundle>/ in a build.
  const here = fileURLToPath(new URL('.', import.meta.url));
  const candidates = [resolve(here, '../../../build/eservices'), resolve(here, '../../build/eservices')];
  return candidates.find((candidate) => existsSync(candidate)) ?? candidates[0]!;
}

export const SHIPPED_DEFINITIONS = shippedFolder();

export function officeDefinitions(dataDir: string): string {
  return join(dataDir, 'eservices');
}
