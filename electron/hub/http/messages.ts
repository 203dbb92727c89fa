/** Reading a request's headers and writing a JSON answer: the small pieces every handler uses. */
import type http from 'node:http';

/** A header's value; the first one when a client sent it twice. */
export function headerValue(request: http.IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function sendJson(
  response: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  response.end(text);
}

/** The path without its query, short enough for a log line. */
export function safePath(request: http.IncomingMessage): string {
  return (request.url ?? '').split('?')[0]!.slice(0, 100);
}
