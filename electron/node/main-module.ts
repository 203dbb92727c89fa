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

/**
 * Runs a program's `main` and exits with its code once what it printed has left: stdout and
 * stderr to a pipe are written asynchronously, and `process.exit` at once would drop the token or
 * the one-time password a command just printed (seen with twenty `hub -- token create` at once).
 */
export function runMain(main: () => Promise<number>, name: string): void {
  const exit = (code: number) => process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
  main().then(exit, (error: unknown) => {
    process.stderr.write(`${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    exit(1);
  });
}
