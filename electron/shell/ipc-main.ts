/**
 * The main process's end of the contract over Electron IPC: one `ipcMain.handle` per channel in
 * the contract (there is no generic channel), each checking that the call comes from a frame of our
 * own app:// origin before forwarding it to the station, with the kind of window its page is. Replies are Results; nothing is thrown
 * across IPC, because Electron strips everything but the message from a thrown error.
 */
import type { WindowKind } from '../common/access/subjects';
import { CHANNEL_NAMES, IPC_PREFIX, type ChannelName } from '../common/contract/contract';
import { parseRoute, windowOfRoute } from '../common/routes';
import { fail, type Result } from '../common/contract/result';
import type { Logger } from '../station/log';
import { isAppUrl } from './identity';

/** The part of `IpcMainInvokeEvent` the check reads. `senderFrame` is null once the frame is gone. */
export interface InvokeEventLike {
  readonly senderFrame: { readonly url: string } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, payload: unknown) => Promise<Result<unknown>>): void;
  removeHandler(channel: string): void;
}

export type StationCall = (window: WindowKind, channel: ChannelName, payload: unknown) => Promise<Result<unknown>>;

/** The kind of window a frame is: the screen its page shows now (its route). */
export function windowOf(event: InvokeEventLike): WindowKind {
  try {
    return windowOfRoute(parseRoute(new URL(event.senderFrame?.url ?? '').hash));
  } catch {
    return 'home';
  }
}

/** Only our own pages may call the station: not a stray iframe, not a page that got navigated away. */
export function isTrustedSender(event: InvokeEventLike): boolean {
  return isAppUrl(event.senderFrame?.url);
}

function originOf(url: string | undefined): string {
  if (!url) return '(no frame)';
  try {
    return new URL(url).origin;
  } catch {
    return '(unparsable)';
  }
}

export function createIpcHandler(channel: ChannelName, call: StationCall, log: Logger) {
  return async (event: InvokeEventLike, payload: unknown): Promise<Result<unknown>> => {
    if (!isTrustedSender(event)) {
      log.warn('refused an IPC call from a foreign frame', { channel, origin: originOf(event.senderFrame?.url) });
      return fail('FORBIDDEN', `${channel}: calls are accepted only from the app's own pages`);
    }
    return call(windowOf(event), channel, payload);
  };
}

/** Registers every contract channel; returns the function that removes them again. */
export function registerStationIpc(ipcMain: IpcMainLike, call: StationCall, log: Logger): () => void {
  for (const channel of CHANNEL_NAMES) ipcMain.handle(IPC_PREFIX + channel, createIpcHandler(channel, call, log));
  return () => {
    for (const channel of CHANNEL_NAMES) ipcMain.removeHandler(IPC_PREFIX + channel);
  };
}
