import { describe, expect, it, vi } from 'vitest';
import { createApi } from '../../../../electron/common/contract/client';
import {
  CHANNEL_NAMES,
  IPC_EVENT_CHANNEL,
  IPC_PREFIX,
  type ChannelName,
} from '../../../../electron/common/contract/contract';
import { fail, ok, type Result } from '../../../../electron/common/contract/result';
import { createLogger } from '../../../../electron/station/log';
import {
  isTrustedSender,
  registerStationIpc,
  type InvokeEventLike,
  type IpcMainLike,
} from '../../../../electron/shell/ipc-main';
import { asResult, createIpcTransport, type IpcRendererLike } from '../../../../electron/shell/ipc-transport';

const quiet = createLogger({ write: () => {} });
const printerState = { status: 'ready', device: '/dev/ttyUSB0', checkedAt: '2025-03-03T08:00:00.000Z' } as const;

/** ipcMain as Electron uses it: one handler per channel, `invoke` runs it with the sender's event. */
function fakeIpcMain() {
  const handlers = new Map<string, (event: InvokeEventLike, payload: unknown) => Promise<Result<unknown>>>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => handlers.delete(channel),
  };
  const invoke = async (url: string | null, channel: string, payload: unknown) => {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler({ senderFrame: url === null ? null : { url } }, payload);
  };
  return { ipcMain, handlers, invoke };
}

describe('the sender check', () => {
  it('accepts only frames of our app:// origin', () => {
    expect(isTrustedSender({ senderFrame: { url: 'app://okienko/index.html#/counter/1' } })).toBe(true);
    expect(isTrustedSender({ senderFrame: { url: 'https://example.com/' } })).toBe(false);
    expect(isTrustedSender({ senderFrame: { url: 'app://other/index.html' } })).toBe(false);
    expect(isTrustedSender({ senderFrame: { url: 'file:///home/clerk/evil.html' } })).toBe(false);
    expect(isTrustedSender({ senderFrame: null })).toBe(false);
  });
});

describe('ipcMain handlers', () => {
  it('registers exactly the contract channels under the prefix, and removes them again', () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const dispose = registerStationIpc(ipcMain, async () => ok(null), quiet);
    expect([...handlers.keys()].sort()).toEqual(CHANNEL_NAMES.map((name) => IPC_PREFIX + name).sort());
    dispose();
    expect(handlers.size).toBe(0);
  });

  it('forwards a call from our page to the station and returns its Result', async () => {
    const { ipcMain, invoke } = fakeIpcMain();
    const call = vi.fn(async (_channel: ChannelName, _payload: unknown) => ok(printerState));
    registerStationIpc(ipcMain, call, quiet);
    const result = await invoke('app://okienko/index.html#/kiosk', `${IPC_PREFIX}printer.status`, {});
    expect(result).toEqual(ok(printerState));
    expect(call).toHaveBeenCalledWith('printer.status', {});
  });

  it('refuses a foreign frame without reaching the station', async () => {
    const { ipcMain, invoke } = fakeIpcMain();
    const call = vi.fn(async () => ok(null));
    const lines: string[] = [];
    registerStationIpc(ipcMain, call, createLogger({ write: (line) => lines.push(line) }));
    const result = await invoke('https://evil.example/page?pesel=44051401359', `${IPC_PREFIX}printer.printTicket`, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(call).not.toHaveBeenCalled();
    expect(lines.join('\n')).toContain('https://evil.example');
    expect(lines.join('\n')).not.toContain('44051401359');
  });
});

describe('the preload transport', () => {
  function fakeIpcRenderer(reply: (channel: string, payload: unknown) => unknown) {
    const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
    const invoked: string[] = [];
    const ipc: IpcRendererLike = {
      invoke: async (channel, payload) => {
        invoked.push(channel);
        return reply(channel, payload);
      },
      on: (channel, listener) => {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel)!.add(listener);
      },
      removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
    };
    const emit = (channel: string, ...args: unknown[]) => {
      for (const listener of listeners.get(channel) ?? []) listener({ sender: 'ipc' }, ...args);
    };
    return { ipc, invoked, emit, listeners };
  }

  it('gives the typed API over prefixed invoke, validating replies against the contract', async () => {
    const { ipc, invoked } = fakeIpcRenderer((channel) =>
      channel === `${IPC_PREFIX}printer.status` ? ok(printerState) : ok({ wrong: true }),
    );
    const api = createApi(createIpcTransport(ipc));
    expect(await api.printer.status({})).toEqual(ok(printerState));
    expect(await api.station.info({})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(invoked).toEqual([`${IPC_PREFIX}printer.status`, `${IPC_PREFIX}station.info`]);
  });

  it('refuses channels outside the contract without touching IPC', async () => {
    const { ipc, invoked } = fakeIpcRenderer(() => ok(null));
    const transport = createIpcTransport(ipc);
    expect(await transport.call('shell.openExternal' as ChannelName, {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });
    expect(invoked).toEqual([]);
  });

  it('turns a rejected invoke into DISCONNECTED and a malformed reply into INTERNAL', async () => {
    const rejecting = createIpcTransport(
      fakeIpcRenderer(() => {
        throw new Error("No handler registered for 'okienko:printer.status'");
      }).ipc,
    );
    expect(await rejecting.call('printer.status', {})).toMatchObject({ ok: false, error: { code: 'DISCONNECTED' } });
    expect(asResult({ ok: false, error: { code: 'NOT_A_CODE', message: 'x' } })).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
    expect(asResult('yes')).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(asResult(fail('PRINTER_PAPER_OUT', 'Paper out'))).toEqual(fail('PRINTER_PAPER_OUT', 'Paper out'));
  });

  it('delivers station events from the one event channel, and unsubscribes', () => {
    const { ipc, emit, listeners } = fakeIpcRenderer(() => ok(null));
    const api = createApi(createIpcTransport(ipc));
    const seen: unknown[] = [];
    const off = api.on('printer.status', (state) => seen.push(state));
    emit(IPC_EVENT_CHANNEL, 'printer.status', printerState);
    emit(IPC_EVENT_CHANNEL, 'printer.status', { status: 'on fire' });
    emit('okienko:other', 'printer.status', printerState);
    expect(seen).toEqual([printerState]);
    off();
    expect(listeners.get(IPC_EVENT_CHANNEL)?.size).toBe(0);
  });
});
