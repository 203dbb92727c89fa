/**
 * A stand-in for the `electron` module, just wide enough to run the real bundled main process
 * (out/electron/main.cjs) in plain Node: the Electron binary cannot be installed on this machine.
 * It records what main does (name, paths, schemes, windows, handlers) and runs the station bundle
 * in a real child process, with `process.parentPort` provided by utility-shim.ts.
 *
 * This checks the wiring of main.ts, not Electron's behaviour: what Electron itself does with the
 * options (sandboxing, CSP enforcement, display placement) is out of its reach.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SHIM_READY } from './shim-protocol';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface Display {
  id: number;
  bounds: { x: number; y: number; width: number; height: number };
  workArea: { x: number; y: number; width: number; height: number };
}

export interface PreventableEvent {
  url: string;
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function preventable(url = ''): PreventableEvent {
  return {
    url,
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

export class FakeWebContents extends EventEmitter {
  url = '';
  readonly sent: [string, ...unknown[]][] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  getURL(): string {
    return this.url;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  /** Every window main created, in order (one harness process runs one main). */
  static readonly created: FakeBrowserWindow[] = [];
  static onCreated: (window: FakeBrowserWindow) => void = () => {};
  readonly webContents = new FakeWebContents();
  destroyed = false;
  shown = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.created.push(this);
    FakeBrowserWindow.onCreated(this);
  }
  static getAllWindows() {
    return FakeBrowserWindow.created.filter((window) => !window.destroyed);
  }
  async loadURL(url: string) {
    this.webContents.url = url;
    setImmediate(() => this.emit('ready-to-show'));
  }
  show() {
    this.shown = true;
  }
  maximize() {}
  focus() {}
  restore() {}
  isMinimized() {
    return false;
  }
  isDestroyed() {
    return this.destroyed;
  }
  close() {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('closed');
  }
  setKiosk() {}
  setFullScreen() {}
  setBounds() {}
}

export function createFakeElectron(options: { appData: string; displays: Display[] }) {
  const record = {
    name: '',
    paths: {} as Record<string, string>,
    schemes: [] as unknown[],
    switches: [] as string[],
    sandboxEnabled: false,
    protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
    ipcHandlers: new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>(),
    permissionRequest: null as
      null | ((contents: unknown, permission: string, callback: (allowed: boolean) => void) => void),
    permissionCheck: null as null | ((contents: unknown, permission: string) => boolean),
    stationChildren: [] as ChildProcess[],
    exitCode: null as number | null,
  };

  const app = new (class extends EventEmitter {
    isPackaged = false;
    commandLine = { appendSwitch: (name: string) => record.switches.push(name) };
    private quitting = false;
    setName(name: string) {
      record.name = name;
    }
    getName() {
      return record.name;
    }
    getPath(name: string) {
      if (name === 'appData') return options.appData;
      const value = record.paths[name];
      if (!value) throw new Error(`no path ${name}`);
      return value;
    }
    setPath(name: string, value: string) {
      record.paths[name] = value;
    }
    setAppUserModelId() {}
    enableSandbox() {
      record.sandboxEnabled = true;
    }
    requestSingleInstanceLock() {
      return true;
    }
    whenReady() {
      return new Promise<void>((resolve) => setImmediate(resolve));
    }
    quit() {
      if (this.quitting) return;
      const event = preventable();
      this.emit('before-quit', event);
      if (event.defaultPrevented) return;
      this.quitting = true;
      this.emit('will-quit', preventable());
      this.emit('quit-done');
    }
    exit(code: number) {
      record.exitCode = code;
      this.emit('quit-done');
    }
  })();

  FakeBrowserWindow.onCreated = (window) => app.emit('web-contents-created', preventable(), window.webContents);

  const screen = new (class extends EventEmitter {
    displays = options.displays;
    getAllDisplays() {
      return this.displays;
    }
    getPrimaryDisplay() {
      return this.displays[0];
    }
  })();

  const utilityProcess = {
    fork(modulePath: string, args: string[]) {
      const child = fork(modulePath, args, {
        execArgv: ['--import', 'tsx', '--import', path.join(here, 'utility-shim.ts')],
        serialization: 'advanced',
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      });
      record.stationChildren.push(child);
      const emitter = new EventEmitter();
      // Electron queues messages for a utility process that is still starting; so does this.
      let ready = false;
      const waiting: unknown[] = [];
      child.on('message', (message) => {
        if (message === SHIM_READY) {
          ready = true;
          for (const queued of waiting.splice(0)) child.send(queued as never);
        } else emitter.emit('message', message);
      });
      child.on('exit', (code) => emitter.emit('exit', code ?? -1));
      return Object.assign(emitter, {
        postMessage: (message: unknown) => (ready ? child.send(message as never) : waiting.push(message)),
        kill: () => child.kill('SIGKILL'),
      });
    },
  };

  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    Menu: { setApplicationMenu: () => {} },
    screen,
    utilityProcess,
    protocol: { registerSchemesAsPrivileged: (schemes: unknown[]) => record.schemes.push(...schemes) },
    ipcMain: {
      handle: (channel: string, handler: (event: unknown, payload: unknown) => Promise<unknown>) =>
        record.ipcHandlers.set(channel, handler),
      removeHandler: (channel: string) => record.ipcHandlers.delete(channel),
    },
    session: {
      defaultSession: {
        protocol: {
          handle: (scheme: string, handler: (request: Request) => Promise<Response>) =>
            record.protocolHandlers.set(scheme, handler),
        },
        setPermissionRequestHandler: (handler: typeof record.permissionRequest) => (record.permissionRequest = handler),
        setPermissionCheckHandler: (handler: typeof record.permissionCheck) => (record.permissionCheck = handler),
        setDevicePermissionHandler: () => {},
      },
    },
  };
  return { electron, record, app, screen };
}
