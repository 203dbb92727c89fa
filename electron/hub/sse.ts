/**
 * Server-sent events: the framing and a set of open streams. Each stream gets a comment line as a
 * heartbeat (so proxies and the client notice a dead connection), and a client that stops reading
 * is dropped rather than buffered without end — it reconnects and pulls what it missed.
 */
import type http from 'node:http';

/** One event. Every line of `data` gets its own `data:` field, so a newline cannot end the event early. */
export function sseEvent(event: string, data: unknown): string {
  if (/[\r\n]/.test(event)) throw new Error('An event name cannot contain a line break');
  const text = typeof data === 'string' ? data : JSON.stringify(data);
  return `event: ${event}\n${text
    .split(/\r\n|\r|\n/)
    .map((line) => `data: ${line}\n`)
    .join('')}\n`;
}

/** A comment: ignored by EventSource, keeps the connection alive. */
export function sseComment(text: string): string {
  return `: ${text.replace(/[\r\n]+/g, ' ')}\n\n`;
}

export const SSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-store',
  Connection: 'keep-alive',
  // nginx and similar proxies buffer responses unless told not to.
  'X-Accel-Buffering': 'no',
};

/** Unsent bytes above which a stream is closed instead of queued further. */
export const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

export interface SseClient {
  readonly response: http.ServerResponse;
  send(frame: string): void;
  close(): void;
}

export class SseHub {
  private readonly clients = new Set<SseClient>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    heartbeatMs: number,
    private readonly onHeartbeat?: (client: SseClient) => void,
  ) {
    this.heartbeat = setInterval(() => {
      for (const client of this.clients) {
        client.send(sseComment('heartbeat'));
        this.onHeartbeat?.(client);
      }
    }, heartbeatMs);
    this.heartbeat.unref();
  }

  get size(): number {
    return this.clients.size;
  }

  /** Takes over an answered request: writes the headers and keeps the stream until either side ends it. */
  open(
    request: http.IncomingMessage,
    response: http.ServerResponse,
    headers: Readonly<Record<string, string>>,
  ): SseClient {
    request.socket.setNoDelay(true);
    request.socket.setKeepAlive(true, 30_000);
    response.writeHead(200, { ...headers, ...SSE_HEADERS });
    response.write('retry: 2000\n\n');
    let open = true;
    const client: SseClient = {
      response,
      send: (frame) => {
        if (!open) return;
        if (response.writableLength > MAX_BUFFERED_BYTES) {
          client.close();
          return;
        }
        response.write(frame);
      },
      close: () => {
        if (!open) return;
        open = false;
        this.clients.delete(client);
        response.end();
      },
    };
    this.clients.add(client);
    const gone = () => {
      open = false;
      this.clients.delete(client);
    };
    // Not request 'close': for a GET that fires as soon as the (empty) body has been read.
    response.on('close', gone);
    return client;
  }

  /** Sends `frame` to every client (or every client `to` accepts). */
  broadcast(frame: string, to?: (client: SseClient) => boolean): void {
    for (const client of this.clients) if (!to || to(client)) client.send(frame);
  }

  closeAll(): void {
    clearInterval(this.heartbeat);
    this.dropAll();
  }

  /** Ends every open stream (the clients reconnect); new ones are still accepted. */
  dropAll(): void {
    for (const client of [...this.clients]) client.close();
  }
}
