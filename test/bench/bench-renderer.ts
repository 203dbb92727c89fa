/**
 * The renderer built in bench mode (`vite build --mode bench`, which exposes the database to the
 * page for the queue benchmark) into out/renderer-bench: built once per run, whichever case asks first.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../support/processes';

let built: string | null = null;

export function benchRenderer(): string {
  if (built) return built;
  const rendererDir = path.join(PROJECT_ROOT, 'out/renderer-bench');
  const vite = path.join(PROJECT_ROOT, 'node_modules/vite/bin/vite.js');
  const args = ['build', '--config', 'renderer/vite.config.ts', '--mode', 'bench', '--outDir', rendererDir];
  execFileSync(process.execPath, [vite, ...args, '--logLevel', 'error'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  built = rendererDir;
  return rendererDir;
}
