/**
 * The Content-Security-Policy of every page Okienko serves: over app:// in Electron and over HTTP
 * in the browser host. One constant, so the two hosts cannot drift apart. No imports: the browser
 * host reads it without pulling in Electron, and the Electron shell without pulling in the server.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self' data: blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
