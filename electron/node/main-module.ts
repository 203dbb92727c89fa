/**
 * Whether this module is the program Node was started with (`node out/hub/main.js`, `tsx
 * electron/hub/main.ts`), rather than imported by a test or another module. Both paths are
 * compared after resolving links: an office that starts the hub through a link such as
 * `/opt/okienko/current → /opt/okienko/0.2.0` gets a running hub, not a silent exit.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function isMainModule(moduleUrl: string, argv1: string | undefined = process.argv[1]): boolean {
  if (!argv1) return false;
  return realPath(path.resolve(argv1)) === realPath(fileURLToPath(moduleUrl));
}

function realPath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}
