/**
 * The contract's transport over Electron IPC, for the preload. It carries only channels of the
 * contract (under the `okienko:` prefix) and the one event channel; it never hands out
 * `ipcRenderer` or a generic send. Imports nothing from Node: the preload runs sandboxed and is
 * bundled into one file with only `electron` left external.
 */
import type { Transport } from '../common/contract/client';
import { IPC_EVENT_CHANNEL, IPC_PREFIX, isChannelName } from '../common/contract/contract';
import { fail, isErrorCode, type Result } from '../common/contract/result';

/** The part of Electron's `ipcRenderer` the transport uses; the tests pass a fake. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** A reply is trusted only in the shape of a Result; anything else becomes an INTERNAL failure. */
export function asResult(value: unknown): Result<unknown> {
  if (typeof value === 'object' && value !== null) {
    const reply = value as { ok?: unknown; value?: unknown; error?: { code?: unknown; message?: unknown } };
    if (reply.ok === true) return { ok: true, value: reply.value };
    if (reply.ok === false && isErrorCode(reply.error?.code) && typeof reply.error.message === 'string') {
      return fail(reply.error.code, reply.error.message);
    }
  }
  return fail('INTERNAL', 'The main process sent a reply that is not a Result');
}

export function createIpcTransport(ipc: IpcRendererLike): Transport {
  return {
    async call(channel, payload) {
      if (!isChannelName(channel))
        return fail('UNKNOWN_CHANNEL', `Unknown channel ${JSON.stringify(String(channel).slice(0, 80))}`);
      try {
        return asResult(await ipc.invoke(IPC_PREFIX + channel, payload));
      } catch {
        // No handler yet (main still starting) or the window is closing.
        return fail('DISCONNECTED', `${channel}: the main process did not take the call`);
      }
    },
    subscribe(listener) {
      const onEvent = (_event: unknown, name: unknown, payload: unknown) => {
        if (typeof name === 'string') listener(name, payload);
      };
      ipc.on(IPC_EVENT_CHANNEL, onEvent);
      return () => {
        ipc.removeListener(IPC_EVENT_CHANNEL, onEvent);
      };
    },
  };
}
