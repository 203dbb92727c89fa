/**
 * The contract over the browser host's WebSocket. Calls made while the socket is down wait for it
 * (up to their timeout) instead of failing at once, because the host restarts in a second or two.
 */
import type { ChannelName } from '../../electron/common/contract/contract';
import type { Transport } from '../../electron/common/contract/client';
import { fail, type Result } from '../../electron/common/contract/result';
import { ServerFrameSchema, WS_PATH } from '../../electron/common/contract/wire';
import { retryDelay } from '../../electron/common/backoff';
import type { WindowKind } from '../../electron/common/access/subjects';
import { parseRoute, windowOfRoute } from '../../electron/common/routes';

interface Pending {
  resolve: (result: Result<unknown>) => void;
  timer: ReturnType<typeof setTimeout>;
}

export function createWebSocketTransport(
  options: { url?: string; timeoutMs?: number; window?: () => WindowKind } = {},
): Transport & { close(): void } {
  const url = options.url ?? `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${WS_PATH}`;
  // The screen this page shows now: every call says it, and the host is told when it changes, so
  // the events reaching the page are those its screen may hear.
  const windowKind = options.window ?? (() => windowOfRoute(parseRoute(location.hash)));
  const hello = () => JSON.stringify({ t: 'window', window: windowKind() });
  const timeoutMs = options.timeoutMs ?? 15_000;
  const pending = new Map<number, Pending>();
  const listeners = new Set<(event: string, payload: unknown) => void>();
  const queue: string[] = [];
  let nextId = 1;
  let socket: WebSocket | null = null;
  let closed = false;
  let attempt = 0;

  const connect = () => {
    if (closed) return;
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      ws.send(hello());
      for (const frame of queue.splice(0)) ws.send(frame);
    };
    ws.onmessage = (message) => receive(message.data, listeners, pending);
    ws.onclose = () => {
      socket = null;
      // Calls in flight may or may not have run: say so rather than guess.
      for (const [id, call] of pending) {
        if (!queue.some((frame) => frame.includes(`"id":${id},`))) {
          pending.delete(id);
          clearTimeout(call.timer);
          call.resolve(fail('DISCONNECTED', 'Connection to the workstation service was lost'));
        }
      }
      if (!closed) setTimeout(connect, retryDelay(attempt++));
    };
  };
  connect();
  const onRoute = () => {
    if (socket?.readyState === WebSocket.OPEN) socket.send(hello());
  };
  if (typeof window !== 'undefined') window.addEventListener('hashchange', onRoute);

  return {
    call(channel: ChannelName, payload: unknown) {
      const id = nextId++;
      const frame = JSON.stringify({ t: 'call', id, window: windowKind(), channel, payload });
      return new Promise<Result<unknown>>((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          const index = queue.indexOf(frame);
          if (index >= 0) queue.splice(index, 1);
          resolve(fail('TIMEOUT', `${channel} got no reply in ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(id, { resolve, timer });
        if (socket?.readyState === WebSocket.OPEN) socket.send(frame);
        else queue.push(frame);
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closed = true;
      if (typeof window !== 'undefined') window.removeEventListener('hashchange', onRoute);
      socket?.close();
    },
  };
}

/** A frame from the host: an event goes to every listener, a reply settles the call it answers. */
function receive(
  data: unknown,
  listeners: ReadonlySet<(event: string, payload: unknown) => void>,
  pending: Map<number, Pending>,
): void {
  if (typeof data !== 'string') return;
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return;
  }
  const frame = ServerFrameSchema.safeParse(json);
  if (!frame.success) return;
  if (frame.data.t === 'event') {
    for (const listener of listeners) listener(frame.data.event, frame.data.payload);
    return;
  }
  if (frame.data.id === null) return;
  const call = pending.get(frame.data.id);
  if (!call) return;
  pending.delete(frame.data.id);
  clearTimeout(call.timer);
  call.resolve(frame.data.result as Result<unknown>);
}
