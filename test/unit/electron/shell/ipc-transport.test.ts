import { describe, expect, it } from 'vitest';
import { createApi } from '../../../../electron/common/contract/client';
import { IPC_EVENT_CHANNEL, IPC_PREFIX, type ChannelName } from '../../../../electron/common/contract/contract';
import { fail, ok } from '../../../../electron/common/contract/result';
import { asResult, createIpcTransport, type IpcRendererLike } from '../../../../electron/shell/ipc-transport';

const printerState = { status: 'ready', device: '/dev/ttyUSB0', checkedAt: '2025-03-03T08:00:00.000Z' } as const;

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
