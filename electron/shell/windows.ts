/**
 * The workstation's windows: the main one (the clerk's counter screen, the kiosk, the board or the
 * supervisor's screen) and, at a counter with a second display, the screen turned toward the
 * visitor. routes.ts decides what goes where; this file applies the plan, follows displays being
 * plugged in and out, and reloads a window whose renderer crashed.
 */
import type { BrowserWindow, BrowserWindowConstructorOptions, Screen } from 'electron';
import type { WindowKind } from '../common/access/subjects';
import { IPC_EVENT_CHANNEL } from '../common/contract/contract';
import { parseRoute, windowOfRoute } from '../common/routes';
import type { Logger } from '../station/log';
import { appPageUrl, APP_NAME, isAppUrl } from './identity';
import { planWindows, type RoleSettings, type WindowKey, type WindowPlan } from './routes';

export interface WindowSetup {
  readonly preload: string;
  readonly devTools: boolean;
  readonly icon?: string;
}

/** Everything a window is created with. Pure, so the security settings are checked by a unit test. */
export function windowOptions(plan: WindowPlan, setup: WindowSetup): BrowserWindowConstructorOptions {
  return {
    ...plan.bounds,
    title: APP_NAME,
    ...(setup.icon ? { icon: setup.icon } : {}),
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    kiosk: plan.mode === 'kiosk',
    fullscreen: plan.mode === 'kiosk' || plan.mode === 'fullscreen',
    webPreferences: {
      preload: setup.preload,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // Chromium's spell checker downloads dictionaries from Google: not from a public office.
      spellcheck: false,
      safeDialogs: true,
      devTools: setup.devTools,
      // Electron's default lets every page play sound unprompted; only the board needs that.
      autoplayPolicy: plan.speaks ? 'no-user-gesture-required' : 'document-user-activation-required',
      // A board behind other windows must keep its clock and its announcements running.
      backgroundThrottling: !plan.speaks,
    },
  };
}

type BrowserWindowClass = new (options: BrowserWindowConstructorOptions) => BrowserWindow;

export interface WindowManagerOptions extends WindowSetup {
  readonly BrowserWindow: BrowserWindowClass;
  readonly screen: Screen;
  readonly log: Logger;
  /** The main window was closed by the user: the app quits. */
  readonly onMainClosed: () => void;
}

interface OpenWindow {
  readonly window: BrowserWindow;
  plan: WindowPlan;
}

export class WindowManager {
  private readonly open = new Map<WindowKey, OpenWindow>();
  private settings: RoleSettings | null = null;
  private started = false;

  constructor(private readonly options: WindowManagerOptions) {}

  /** Opens the windows for these settings and starts following the displays. */
  start(settings: RoleSettings | null): void {
    this.settings = settings;
    if (!this.started) {
      this.started = true;
      const sync = () => this.sync();
      this.options.screen.on('display-added', sync);
      this.options.screen.on('display-removed', sync);
      this.options.screen.on('display-metrics-changed', sync);
    }
    this.sync();
  }

  /** Sends a station event to every window that shows one of our pages, of a kind that may hear it. */
  broadcast(event: string, payload: unknown, kinds: readonly WindowKind[]): void {
    for (const { window } of this.open.values()) {
      if (window.isDestroyed()) continue;
      const url = window.webContents.getURL();
      if (!isAppUrl(url) || !kinds.includes(windowOfRoute(parseRoute(new URL(url).hash)))) continue;
      window.webContents.send(IPC_EVENT_CHANNEL, event, payload);
    }
  }

  focusMain(): void {
    const main = this.open.get('main')?.window;
    if (!main || main.isDestroyed()) return;
    if (main.isMinimized()) main.restore();
    main.focus();
  }

  private sync(): void {
    const { screen, log } = this.options;
    const plans = planWindows(this.settings, screen.getAllDisplays(), screen.getPrimaryDisplay().id);
    const wanted = new Set(plans.map((plan) => plan.key));
    for (const [key, entry] of this.open) {
      if (key !== 'main' && !wanted.has(key)) {
        log.info('closing a window whose display is gone', { window: key });
        this.open.delete(key);
        if (!entry.window.isDestroyed()) entry.window.close();
      }
    }
    for (const plan of plans) {
      const entry = this.open.get(plan.key);
      if (!entry || entry.window.isDestroyed()) this.create(plan);
      else this.move(entry, plan);
    }
  }

  private create(plan: WindowPlan): void {
    const { log } = this.options;
    const window = new this.options.BrowserWindow(windowOptions(plan, this.options));
    const entry: OpenWindow = { window, plan };
    this.open.set(plan.key, entry);
    window.once('ready-to-show', () => {
      if (entry.plan.mode === 'maximized') window.maximize();
      window.show();
    });
    window.on('closed', () => {
      if (this.open.get(plan.key) === entry) this.open.delete(plan.key);
      if (plan.key === 'main') this.options.onMainClosed();
    });
    window.webContents.on('render-process-gone', (_event, details) => {
      log.error('a window crashed; reloading it', { window: plan.key, reason: details.reason });
      if (details.reason === 'clean-exit') return;
      setTimeout(() => {
        if (!window.isDestroyed()) void window.loadURL(appPageUrl(entry.plan.route));
      }, 1_000);
    });
    void window.loadURL(appPageUrl(plan.route)).catch((error: unknown) => {
      log.error('a window could not load', { window: plan.key, error: String(error) });
    });
  }

  /** Follows a display that moved or changed size. A maximized window is the user's to place. */
  private move(entry: OpenWindow, plan: WindowPlan): void {
    const before = entry.plan;
    entry.plan = plan;
    if (plan.mode === 'maximized') return;
    const same = before.displayId === plan.displayId && JSON.stringify(before.bounds) === JSON.stringify(plan.bounds);
    if (same) return;
    const { window } = entry;
    if (plan.mode === 'kiosk') window.setKiosk(false);
    window.setFullScreen(false);
    window.setBounds(plan.bounds);
    if (plan.mode === 'kiosk') window.setKiosk(true);
    else window.setFullScreen(true);
  }
}
