/**
 * Locks every web contents the app ever creates to our own app:// pages: no navigation away, no
 * redirect away, no new windows, no <webview>, no permissions. The guards go on in
 * `web-contents-created`, so they also cover contents we did not create on purpose.
 */
import type { App, Session, WebContents } from 'electron';
import type { Logger } from '../station/log';
import { isAppUrl } from './identity';

/** Permissions a page may get. None: speech synthesis, IndexedDB and audio need none. */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set<string>();

/** For the log: the origin only, never a full URL (it could carry a visitor's data in the query). */
function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '(unparsable)';
  }
}

export function guardWebContents(contents: WebContents, log: Logger): void {
  const refuseForeign = (event: { url: string; preventDefault(): void }, what: string) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    log.warn(`refused ${what}`, { origin: originOf(event.url) });
  };
  contents.on('will-navigate', (event) => refuseForeign(event, 'a navigation'));
  contents.on('will-frame-navigate', (event) => refuseForeign(event, 'a frame navigation'));
  contents.on('will-redirect', (event) => refuseForeign(event, 'a redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('refused a <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    log.warn('refused a new window', { origin: originOf(url) });
    return { action: 'deny' };
  });
}

export function setupContentsGuards(app: App, log: Logger): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, log));
}

export function denyPermissions(session: Session, log: Logger): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    const allowed = ALLOWED_PERMISSIONS.has(permission);
    if (!allowed) log.warn('refused a permission request', { permission });
    callback(allowed);
  });
  session.setPermissionCheckHandler((_contents, permission) => ALLOWED_PERMISSIONS.has(permission));
  session.setDevicePermissionHandler(() => false);
}
