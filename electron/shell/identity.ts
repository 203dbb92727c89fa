/**
 * Who the app is, in one place. Electron keeps IndexedDB (the renderer's whole local database) in
 * the userData folder, whose default follows `app.name`; a renamed package would silently open an
 * empty database. So the name, the folder and the app:// origin are pinned here, and
 * electron-builder.yml uses the same values (test/unit/electron-builder.test.ts checks it).
 *
 * No imports: the preload, the main process and the tests all read these constants.
 */

/** `app.setName`, the userData folder name, electron-builder's productName. */
export const APP_NAME = 'Okienko';
/** electron-builder's appId and Windows' AppUserModelID (taskbar grouping, notifications). */
export const APP_ID = 'pl.okienko.workstation';

/** The renderer is served from `app://okienko/`, never from file:// (see app-protocol.ts). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'okienko';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The URL a window loads for a hash route such as `#/kiosk`. */
export function appPageUrl(route: string): string {
  return `${APP_ORIGIN}/index.html${route}`;
}

/** True for our own pages only: right scheme and right host, nothing else (no userinfo tricks). */
export function isAppUrl(url: string | null | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && !parsed.username && !parsed.password;
  } catch {
    return false;
  }
}
