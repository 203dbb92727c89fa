import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES } from '../../../../../electron/common/contract/contract';
import { createDispatch, type Handlers } from '../../../../../electron/common/contract/dispatch';
import { ContractFailure, ERROR_CODES } from '../../../../../electron/common/contract/result';

const printout = {
  ticketId: 't1',
  language: 'pl',
  office: 'Urząd Miasta',
  service: 'Dowody osobiste',
  number: 'C12',
  issued: '22.11.2026 10:00',
  lines: ['Przed Tobą: 3 osoby'],
} as const;

const notHere = async (): Promise<never> => {
  throw new Error('not in this test');
};

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  return {
    'station.info': async () => ({ version: '1', host: 'browser', stationId: 'ws-1' }),
    'settings.get': async () => {
      throw new Error('not in this test');
    },
    'printer.status': async () => ({ status: 'ready', checkedAt: '2026-11-22T10:00:00.000Z' }),
    'printer.printTicket': async (request) => ({
      jobId: request.ticketId,
      bytes: 100,
      confirmedAt: '2026-11-22T10:00:00.000Z',
    }),
    'printer.unknownJobs': notHere,
    'printer.resolveJob': notHere,
    'devices.list': notHere,
    'devices.configure': notHere,
    'devices.test': notHere,
    'signature.capture': notHere,
    'signature.cancel': notHere,
    'signature.fromScreen': notHere,
    ...overrides,
  };
}

describe('contract dispatch on the Node side', () => {
  it('runs the handler with the validated request', async () => {
    const dispatch = createDispatch(handlers(), () => undefined);
    await expect(dispatch('printer.printTicket', printout)).resolves.toEqual({
      ok: true,
      value: { jobId: 't1', bytes: 100, confirmedAt: '2026-11-22T10:00:00.000Z' },
    });
  });

  it('answers an unknown channel with a typed error', async () => {
    const dispatch = createDispatch(handlers(), () => undefined);
    const result = await dispatch('printer.format', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await dispatch(42, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await dispatch('__proto__', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('answers a bad payload with BAD_REQUEST naming the field, and never calls the handler', async () => {
    const print = vi.fn();
    const dispatch = createDispatch(handlers({ 'printer.printTicket': print }), () => undefined);
    const result = await dispatch('printer.printTicket', { ...printout, number: '' });
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(!result.ok && result.error.message).toContain('number');
    expect(await dispatch('printer.printTicket', { ...printout, extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(await dispatch('station.info', { unexpected: true })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(print).not.toHaveBeenCalled();
  });

  it('passes a service failure through with its code, and hides unexpected errors', async () => {
    const unexpected = vi.fn();
    const dispatch = createDispatch(
      handlers({
        'printer.printTicket': async () => {
          throw new ContractFailure('PRINTER_PAPER_OUT', 'The printer is out of paper');
        },
        'printer.status': async () => {
          throw new Error('secret path /home/anna PESEL 44051401359');
        },
      }),
      unexpected,
    );
    expect(await dispatch('printer.printTicket', printout)).toEqual({
      ok: false,
      error: { code: 'PRINTER_PAPER_OUT', message: 'The printer is out of paper' },
    });
    const hidden = await dispatch('printer.status', {});
    expect(hidden).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'printer.status failed' } });
    expect(unexpected).toHaveBeenCalledOnce();
  });

  it('never throws, whatever arrives (property)', async () => {
    const dispatch = createDispatch(handlers(), () => undefined);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constantFrom(...CHANNEL_NAMES), fc.string()),
        fc.anything(),
        async (channel, payload) => {
          const result = await dispatch(channel, payload);
          expect(typeof result.ok).toBe('boolean');
          if (!result.ok) expect(ERROR_CODES).toContain(result.error.code);
        },
      ),
    );
  });
});
