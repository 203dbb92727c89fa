/**
 * The Electron main process: thin on purpose. Each feature is a `setupX()` called from `main()`
 * below (as in Electron Fiddle); the logic lives in electron/shell/ as small units that take the
 * Electron modules they use, and is tested there without Electron.
 *
 *   identity     app name and userData folder pinned before ready (IndexedDB lives there)
 *   scheme       app:// registered as privileged, then served from out/renderer with a CSP
 *   guards       no navigation away, no new windows, no <webview>, no permissions
 *   station      the station in a utility process, restarted with back-off if it dies
 *   ipc          one handler per contract channel, only for our own frames; a visitor's PDF
 *                printed through the system's print dialog (shell/print.ts)
 *   windows      one per display: the role's screen, and the visitor's screen at a counter
 *   shutdown     drain the calls in flight and close the station before quitting
 *
 * Bundled by build/scripts/build-electron.ts into out/electron/main.cjs (CommonJS: `__dirname` is
 * the folder of the bundles).
 */
import type { WindowKind } from './common/access/subjects';
import path from 'node:path';
import { app, BrowserWindow, ipcMain, Menu, protocol, screen, session, utilityProcess } from 'electron';
import { channels } from './common/contract/contract';
import { USAGE, OptionsError } from './host/options';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './shell/app-protocol';
import { hubOrigin } from './shell/content-security-policy';
import { appArguments, parseShellArgs, type ShellCommandLine } from './shell/command-line';
import { APP_ID, APP_NAME, APP_SCHEME } from './shell/identity';
import { registerStationIpc } from './shell/ipc-main';
import { printPdfFile, withPrinting } from './shell/print';
import { trustOfficeCa } from './shell/office-ca-trust';
import type { RoleSettings } from './shell/routes';
import { denyPermissions, setupContentsGuards } from './shell/security';
import { StationConnection, type StationChild } from './shell/station-connection';
import { WindowManager } from './shell/windows';
import { createLogger, describeError } from './station/log';

const log = createLogger({ scope: 'shell', level: process.env.OKIENKO_LOG_LEVEL === 'debug' ? 'debug' : 'info' });

const BUNDLES = __dirname;
const PRELOAD = path.join(BUNDLES, 'preload.cjs');
const STATION = path.join(BUNDLES, 'station.cjs');
const RENDERER = path.join(BUNDLES, '..', 'renderer');
const ICON = path.join(BUNDLES, '..', '..', 'build', 'icon.png');

/** Returns null when the process should exit instead (bad options, --help). */
function setupCommandLine(): ShellCommandLine | null {
  const defaultUserDataDir = path.join(app.getPath('appData'), APP_NAME);
  try {
    const commandLine = parseShellArgs(appArguments(process.argv, Boolean(process.defaultApp)), {
      cwd: process.cwd(),
      defaultUserDataDir,
    });
    if (commandLine.help) {
      process.stdout.write(USAGE.replace('npm run serve --', 'okienko'));
      app.exit(0);
      return null;
    }
    return commandLine;
  } catch (error) {
    if (!(error instanceof OptionsError)) throw error;
    process.stderr.write(`okienko: ${error.message}\n\n${USAGE.replace('npm run serve --', 'okienko')}`);
    app.exit(2);
    return null;
  }
}

function setupIdentity(commandLine: ShellCommandLine): void {
  // Before ready and before the single-instance lock, which lives in the userData folder too.
  app.setName(APP_NAME);
  app.setPath('userData', commandLine.userDataDir);
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
}

/** False when another instance owns this userData folder; it gets focus and we quit. */
function setupSingleInstance(): boolean {
  if (app.requestSingleInstanceLock()) return true;
  app.quit();
  return false;
}

function setupBeforeReady(): void {
  app.enableSandbox();
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  // Chromium on Linux speaks through speech-dispatcher only when asked to; the board needs voices.
  if (process.platform === 'linux') app.commandLine.appendSwitch('enable-speech-dispatcher');
  setupContentsGuards(app, log);
}

/** The hub the pages may talk to (connect-src), known once the station has read its settings. */
const connectSources: string[] = [];

function setupSession(): void {
  const handler = createAppProtocolHandler(RENDERER, undefined, () => connectSources);
  session.defaultSession.protocol.handle(APP_SCHEME, (request) => handler(request));
  denyPermissions(session.defaultSession, log);
  if (app.isPackaged) Menu.setApplicationMenu(null);
}

function forkStation(args: readonly string[]): StationChild {
  const child = utilityProcess.fork(STATION, [...args], { serviceName: `${APP_NAME} station`, stdio: 'inherit' });
  return {
    postMessage: (message) => child.postMessage(message),
    onMessage: (listener) => {
      child.on('message', listener);
    },
    onExit: (listener) => {
      child.on('exit', listener);
    },
    kill: () => {
      child.kill();
    },
  };
}

function setupStation(
  commandLine: ShellCommandLine,
  onEvent: (event: string, payload: unknown, windows: readonly WindowKind[]) => void,
): StationConnection {
  const station = new StationConnection({ spawn: () => forkStation(commandLine.stationArgs), onEvent, log });
  station.start();
  return station;
}

function setupIpc(station: StationConnection): () => void {
  const print = (file: string) => printPdfFile(file, (options) => new BrowserWindow(options));
  const call = withPrinting((window, channel, payload) => station.call(window, channel, payload), print);
  return registerStationIpc(ipcMain, call, log);
}

async function readRoleSettings(station: StationConnection): Promise<RoleSettings | null> {
  const reply = await station.call('home', 'settings.get', {});
  if (!reply.ok) {
    log.error('no settings from the station; opening the home screen', { code: reply.error.code });
    return null;
  }
  const parsed = channels['settings.get'].reply.safeParse(reply.value);
  if (!parsed.success) return null;
  const origin = hubOrigin(parsed.data.settings.hub?.url);
  if (origin) connectSources.splice(0, connectSources.length, origin);
  const ca = parsed.data.settings.hub?.ca;
  if (ca) await trustOfficeCa(session.defaultSession, ca, log);
  return parsed.data.settings;
}

function setupWindows(): WindowManager {
  const windows = new WindowManager({
    BrowserWindow,
    screen,
    log,
    preload: PRELOAD,
    devTools: !app.isPackaged,
    icon: ICON,
    onMainClosed: () => app.quit(),
  });
  app.on('second-instance', () => windows.focusMain());
  return windows;
}

function setupShutdown(station: StationConnection, disposeIpc: () => void): void {
  let closed = false;
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    void station.close().finally(() => {
      closed = true;
      disposeIpc();
      app.quit();
    });
  });
}

function main(): void {
  const commandLine = setupCommandLine();
  if (!commandLine) return;
  setupIdentity(commandLine);
  if (!setupSingleInstance()) return;
  setupBeforeReady();

  app
    .whenReady()
    .then(async () => {
      setupSession();
      let windows: WindowManager | null = null;
      const station = setupStation(commandLine, (event, payload, kinds) => windows?.broadcast(event, payload, kinds));
      const disposeIpc = setupIpc(station);
      setupShutdown(station, disposeIpc);
      windows = setupWindows();
      windows.start(await readRoleSettings(station));
      log.info('workstation started', { data: commandLine.dataDir });
    })
    .catch((error: unknown) => {
      log.error('start-up failed', { error: describeError(error) });
      app.exit(1);
    });
}

main();
