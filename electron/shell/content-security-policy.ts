/**
 * The Content-Security-Policy of every page Okienko serves: over app:// in Electron and over HTTP
 * in the browser host. One constant, so the two hosts cannot drift apart. No imports: the browser
 * host reads it without pulling in Electron, and the Electron shell without pulling in the server.
 */
export function contentSecurityPolicy(options: { readonly connect?: readonly string[] } = {}): string {
  // The only other place a page may talk to is the office hub, named by its origin.
  const connect = ["'self'", ...(options.connect ?? []).filter((origin) => /^https?:\/\/[^\s;,']+$/.test(origin))];
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${connect.join(' ')}`,
    "media-src 'self' data: blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The policy of a workstation without a hub. */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

/** The origin of a hub URL, for `connect-src`; null when it is not an http(s) URL. */
export function hubOrigin(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}
