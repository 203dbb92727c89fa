import { describe, expect, it } from 'vitest';
import { createApi, type Transport } from '../../../../../electron/common/contract/client';
import { CHANNEL_NAMES } from '../../../../../electron/common/contract/contract';
import { ok } from '../../../../../electron/common/contract/result';

describe('the generated client', () => {
  it('groups channels into methods and routes calls through the transport', async () => {
    const calls: [string, unknown][] = [];
    const transport: Transport = {
      call: async (channel, payload) => {
        calls.push([channel, payload]);
        return ok({ status: 'paper-out', checkedAt: 'now' });
      },
      subscribe: () => () => undefined,
    };
    const api = createApi(transport);
    expect(await api.printer.status({})).toEqual({ ok: true, value: { status: 'paper-out', checkedAt: 'now' } });
    expect(calls).toEqual([['printer.status', {}]]);
    for (const name of CHANNEL_NAMES) {
      const [group, method] = name.split('.') as [string, string];
      expect(typeof (api as unknown as Record<string, Record<string, unknown>>)[group]?.[method]).toBe('function');
    }
  });

  it('refuses a reply that does not match the contract (a station of another version)', async () => {
    const api = createApi({ call: async () => ok({ status: 'on fire' }), subscribe: () => () => undefined });
    expect(await api.printer.status({})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('delivers only valid events to the matching listener', () => {
    let emit: (event: string, payload: unknown) => void = () => undefined;
    const api = createApi({
      call: async () => ok(null),
      subscribe: (listener) => {
        emit = listener;
        return () => undefined;
      },
    });
    const seen: unknown[] = [];
    api.on('printer.status', (state) => seen.push(state.status));
    emit('printer.status', { status: 'cover-open', checkedAt: 'x' });
    emit('printer.status', { status: 'nonsense' });
    emit('other.event', { status: 'ready', checkedAt: 'x' });
    expect(seen).toEqual(['cover-open']);
  });
});
