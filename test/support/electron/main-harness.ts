/**
 * Runs the bundled main process (argv[2]: the folder with main.cjs, preload.cjs, station.cjs)
 * against fake-electron.ts, plays a short scenario, and prints one JSON report on stdout.
 *
 *   tsx main-harness.ts <bundles> <appData> <displays> -- <app arguments>
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { createRequire, Module } from 'node:module';
import path from 'node:path';
import { createFakeElectron, FakeBrowserWindow, preventable, type Display } from './fake-electron';

const [bundles, appData, displayCount, separator, ...appArgs] = process.argv.slice(2);
if (!bundles || !appData || separator !== '--')
  throw new Error('usage: main-harness <bundles> <appData> <displays> -- <args>');

const display = (id: number, x: number): Display => ({
  id,
  bounds: { x, y: 0, width: 1920, height: 1080 },
  workArea: { x, y: 0, width: 1920, height: 1040 },
});
const displays = Number(displayCount) === 2 ? [display(1, 0), display(2, 1920)] : [display(1, 0)];
const { electron, record, app, screen } = createFakeElectron({ appData, displays });

// `require('electron')` in the bundle gets the fake.
type Load = (request: string, parent: unknown, isMain: boolean) => unknown;
const moduleWithLoad = Module as unknown as { _load: Load };
const load = moduleWithLoad._load;
moduleWithLoad._load = function (request, parent, isMain) {
  return request === 'electron' ? electron : load.call(this, request, parent, isMain);
};

const until = async (what: string, check: () => boolean, ms = 15_000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
};

async function scenario() {
  // Packaged layout: argv = [executable, ...app arguments].
  process.argv = [process.execPath, ...appArgs];
  createRequire(import.meta.url)(path.join(bundles!, 'main.cjs'));

  await until(
    'the windows',
    () => FakeBrowserWindow.created.length === displays.length && FakeBrowserWindow.created.every((w) => w.shown),
  );
  const windows = FakeBrowserWindow.created.map((window) => ({ url: window.webContents.url, options: window.options }));
  const ipcChannels = [...record.ipcHandlers.keys()];

  const invoke = (channel: string, url: string | null, payload: unknown = {}) => {
    const handler = record.ipcHandlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler({ senderFrame: url === null ? null : { url } }, payload);
  };
  const own = 'app://okienko/index.html#/counter/4';
  const info = await invoke('okienko:station.info', own);
  const foreign = await invoke('okienko:station.info', 'https://evil.example/');

  const serve = record.protocolHandlers.get('app');
  const page = await serve!(new Request('app://okienko/index.html'));
  const escape = await serve!(new Request('app://okienko/..%2f..%2fpackage.json'));

  const contents = FakeBrowserWindow.created[0]!.webContents;
  const away = preventable('https://example.com/');
  contents.emit('will-navigate', away);
  const inside = preventable('app://okienko/index.html#/board');
  contents.emit('will-navigate', inside);
  const webview = preventable();
  contents.emit('will-attach-webview', webview);
  const permission = await new Promise<boolean>((resolve) => record.permissionRequest!(contents, 'media', resolve));

  // A driver crash: the station process dies; calls fail fast, then it comes back.
  record.stationChildren[0]!.kill('SIGKILL');
  await until(
    'the crash to be noticed',
    () => record.stationChildren[0]!.exitCode !== null || record.stationChildren[0]!.signalCode !== null,
  );
  await sleep(50);
  const duringRestart = await invoke('okienko:station.info', own);
  await until('the restart', () => record.stationChildren.length === 2);
  const afterRestart = await invoke('okienko:station.info', own);

  // The visitor's display is unplugged.
  screen.displays = displays.slice(0, 1);
  screen.emit('display-removed');
  const openAfterUnplug = FakeBrowserWindow.getAllWindows().length;

  // Quit: the station is asked to close and exits by itself.
  const quit = new Promise<void>((resolve) => app.once('quit-done', () => resolve()));
  app.quit();
  await quit;
  const station = record.stationChildren[1]!;
  await until('the station to exit', () => station.exitCode !== null || station.signalCode !== null);

  return {
    name: record.name,
    userData: record.paths.userData,
    schemes: record.schemes,
    switches: record.switches,
    sandboxEnabled: record.sandboxEnabled,
    ipcChannels,
    ipcChannelsAfterQuit: record.ipcHandlers.size,
    windows,
    info,
    foreign,
    page: { status: page.status, csp: page.headers.get('content-security-policy'), body: await page.text() },
    escape: { status: escape.status },
    navigation: {
      awayPrevented: away.defaultPrevented,
      insidePrevented: inside.defaultPrevented,
      webviewPrevented: webview.defaultPrevented,
    },
    windowOpen: contents.windowOpenHandler?.({ url: 'https://example.com/' }),
    permission,
    permissionCheck: record.permissionCheck?.(contents, 'notifications'),
    duringRestart,
    afterRestart,
    openAfterUnplug,
    stationExit: { code: station.exitCode, signal: station.signalCode },
    exitCode: record.exitCode,
  };
}

scenario().then(
  (report) => {
    process.stdout.write(`REPORT ${JSON.stringify(report)}\n`);
    process.exit(0);
  },
  (error: unknown) => {
    process.stderr.write(`harness failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    for (const child of record.stationChildren) child.kill('SIGKILL');
    process.exit(1);
  },
);
