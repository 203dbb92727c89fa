/**
 * The Electron app takes the browser host's options (`--data <dir>`, `--printer <path>`, …, see
 * electron/host/options.ts), parsed by the same function. Two differences:
 *   - Chromium and Electron read switches from the same command line (`--enable-logging`,
 *     `--remote-debugging-port=…`), so only our own options are picked out; the rest is theirs.
 *   - Without `--data`, everything lives in the pinned userData folder (IndexedDB there, the
 *     station's files in `<userData>/station`). With `--data <dir>`, both move under `<dir>`: the
 *     station's files in `<dir>` itself (the same layout `npm run serve -- --data <dir>` uses) and
 *     Chromium's in `<dir>/electron`, so a test or a second workstation on one PC is fully apart.
 */
import path from 'node:path';
import { parseHostArgs } from '../host/options';

/** Every option of electron/host/options.ts; a unit test keeps this list and its USAGE in step. */
export const SHELL_OPTIONS: Readonly<Record<string, 'value' | 'flag'>> = {
  port: 'value',
  bind: 'value',
  data: 'value',
  printer: 'value',
  baud: 'value',
  'printer-model': 'value',
  'id-reader': 'value',
  'id-reader-baud': 'value',
  'id-reader-framing': 'value',
  'signature-pad': 'value',
  'signature-pad-baud': 'value',
  hub: 'value',
  'hub-token': 'value',
  rtscts: 'flag',
  demo: 'flag',
  help: 'flag',
};

/** The app's own arguments: after `electron <app-dir>` in development, after the executable when packaged. */
export function appArguments(argv: readonly string[], defaultApp: boolean): string[] {
  return argv.slice(defaultApp ? 2 : 1);
}

/** Our options, in order, each with its value; switches meant for Chromium and stray words dropped. */
export function ownOptions(args: readonly string[]): string[] {
  const own: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (!arg.startsWith('--')) continue;
    const equals = arg.indexOf('=');
    const kind = SHELL_OPTIONS[arg.slice(2, equals === -1 ? undefined : equals)];
    if (!kind) continue;
    own.push(arg);
    if (kind === 'value' && equals === -1 && i + 1 < args.length) own.push(args[++i] as string);
  }
  return own;
}

function withoutData(args: readonly string[]): string[] {
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--data') i++;
    else if (!arg.startsWith('--data=')) rest.push(arg);
  }
  return rest;
}

export interface ShellCommandLine {
  /** The station's folder (settings.json, spool), absolute. */
  readonly dataDir: string;
  /** Chromium's folder (IndexedDB, caches): `app.setPath('userData', …)` before ready. */
  readonly userDataDir: string;
  /** Arguments for the station utility process: always an absolute `--data` first. */
  readonly stationArgs: readonly string[];
  readonly help: boolean;
}

/** Throws `OptionsError` (from host/options) with a message for the person who typed it. */
export function parseShellArgs(
  args: readonly string[],
  options: { readonly cwd: string; readonly defaultUserDataDir: string },
): ShellCommandLine {
  const own = ownOptions(args);
  const parsed = parseHostArgs(own, options.cwd);
  const explicitData = own.some((arg) => arg === '--data' || arg.startsWith('--data='));
  const dataDir = explicitData ? parsed.dataDir : path.join(options.defaultUserDataDir, 'station');
  return {
    dataDir,
    userDataDir: explicitData ? path.join(parsed.dataDir, 'electron') : options.defaultUserDataDir,
    stationArgs: ['--data', dataDir, ...withoutData(own)],
    help: parsed.help,
  };
}
