import { describe, expect, it, vi } from 'vitest';
import type { WindowKind } from '../../../../electron/common/access/subjects';
import { CHANNEL_NAMES, IPC_PREFIX, type ChannelName } from '../../../../electron/common/contract/contract';
import { ok, type Result } from '../../../../electron/common/contract/result';
import { createLogger } from '../../../../electron/station/log';
import {
  isTrustedSender,
  registerStationIpc,
  windowOf,
  type InvokeEventLike,
  type IpcMainLike,
} from '../../../../electron/shell/ipc-main';

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

describe('the kind of window a sender is', () => {
  const from = (url: string | null): InvokeEventLike => ({ senderFrame: url === null ? null : { url } });

  it('is the screen its page shows now, by the route in the hash', () => {
    expect(windowOf(from('app://okienko/index.html#/counter/3'))).toBe('counter');
    expect(windowOf(from('app://okienko/index.html#/kiosk'))).toBe('kiosk');
    expect(windowOf(from('app://okienko/index.html#/board'))).toBe('board');
    expect(windowOf(from('app://okienko/index.html#/supervisor'))).toBe('supervisor');
    expect(windowOf(from('app://okienko/index.html#/settings/devices'))).toBe('settings');
    expect(windowOf(from('app://okienko/index.html#/'))).toBe('home');
  });

  it('is home, the screen that may least, for an unknown route, no route or no frame', () => {
    expect(windowOf(from('app://okienko/index.html#/settings/nowhere'))).toBe('home');
    expect(windowOf(from('app://okienko/index.html#/settings/accounts'))).toBe('settings');
    expect(windowOf(from('app://okienko/index.html#/counter/abc'))).toBe('home');
    expect(windowOf(from('app://okienko/index.html'))).toBe('home');
    expect(windowOf(from('not a url'))).toBe('home');
    expect(windowOf(from(null))).toBe('home');
  });

  it('reads the route from the hash only, not from the path or the query', () => {
    expect(windowOf(from('app://okienko/settings/devices?route=%23/supervisor#/kiosk'))).toBe('kiosk');
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

  it('forwards a call from our page to the station, with the kind of its window, and returns its Result', async () => {
    const { ipcMain, invoke } = fakeIpcMain();
    const call = vi.fn(async (_window: WindowKind, _channel: ChannelName, _payload: unknown) => ok(printerState));
    registerStationIpc(ipcMain, call, quiet);
    const result = await invoke('app://okienko/index.html#/kiosk', `${IPC_PREFIX}printer.status`, {});
    expect(result).toEqual(ok(printerState));
    expect(call).toHaveBeenCalledWith('kiosk', 'printer.status', {});
  });

  it('names the window by the route its page shows at the moment of the call', async () => {
    const { ipcMain, invoke } = fakeIpcMain();
    const call = vi.fn(async (_window: WindowKind, _channel: ChannelName, _payload: unknown) => ok(null));
    registerStationIpc(ipcMain, call, quiet);
    await invoke('app://okienko/index.html#/counter/3', `${IPC_PREFIX}signature.cancel`, {});
    await invoke('app://okienko/index.html#/settings/devices', `${IPC_PREFIX}devices.list`, {});
    // The same window, navigated home: it is asked as a home screen now, not as the counter it was.
    await invoke('app://okienko/index.html#/', `${IPC_PREFIX}signature.cancel`, {});
    await invoke('app://okienko/index.html#/no-such-screen', `${IPC_PREFIX}devices.list`, {});
    expect(call.mock.calls.map(([window, channel]) => [window, channel])).toEqual([
      ['counter', 'signature.cancel'],
      ['settings', 'devices.list'],
      ['home', 'signature.cancel'],
      ['home', 'devices.list'],
    ]);
  });

  it('refuses a foreign frame without reaching the station', async () => {
    const { ipcMain, invoke } = fakeIpcMain();
    const call = vi.fn(async () => ok(null));
    const lines: string[] = [];
    registerStationIpc(ipcMain, call, createLogger({ write: (line) => lines.push(line) }));
    const result = await invoke('https://evil.example/page?pesel=44051401359', `${IPC_PREFIX}printer.printTicket`, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // A route of ours in a foreign page's hash names no window of ours.
    expect(await invoke('https://evil.example/#/settings/devices', `${IPC_PREFIX}devices.configure`, {})).toMatchObject(
      { ok: false, error: { code: 'FORBIDDEN' } },
    );
    expect(call).not.toHaveBeenCalled();
    expect(lines.join('\n')).toContain('https://evil.example');
    expect(lines.join('\n')).not.toContain('44051401359');
  });
});
