import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES } from '../../../../../electron/common/contract/contract';
import {
  createDispatch,
  type Authorize,
  type CallContext,
  type Handlers,
} from '../../../../../electron/common/contract/dispatch';
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
    'printer.printSlip': async (request) => ({
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
    'documents.render': notHere,
    'documents.print': notHere,
    'session.current': notHere,
    'session.signIn': notHere,
    'session.newSecondFactor': notHere,
    'session.signOut': notHere,
    'session.lock': notHere,
    'session.unlock': notHere,
    'session.confirm': notHere,
    'hub.connection': notHere,
    'session.mayDo': notHere,
    'accounts.list': notHere,
    'accounts.change': notHere,
    'pairing.start': notHere,
    'pairing.list': notHere,
    'pairing.revoke': notHere,
    'eservices.list': notHere,
    'assist.show': notHere,
    'assist.current': notHere,
    'assist.input': notHere,
    ...overrides,
  };
}

/** A kiosk window on this machine, allowed everything: the door itself has tests of its own below. */
const kiosk: CallContext = { window: 'kiosk', paired: false };
const anyone: Authorize = () => null;

describe('contract dispatch on the Node side', () => {
  it('runs the handler with the validated request', async () => {
    const dispatch = createDispatch(handlers(), () => undefined, anyone, kiosk);
    await expect(dispatch('printer.printTicket', printout)).resolves.toEqual({
      ok: true,
      value: { jobId: 't1', bytes: 100, confirmedAt: '2026-11-22T10:00:00.000Z' },
    });
  });

  it('answers an unknown channel with a typed error', async () => {
    const dispatch = createDispatch(handlers(), () => undefined, anyone, kiosk);
    const result = await dispatch('printer.format', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await dispatch(42, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await dispatch('__proto__', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('answers a bad payload with BAD_REQUEST naming the field, and never calls the handler', async () => {
    const print = vi.fn();
    const dispatch = createDispatch(handlers({ 'printer.printTicket': print }), () => undefined, anyone, kiosk);
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

  it('hands the caller to the handler as its second argument', async () => {
    const info = vi.fn(async () => ({ version: '1', host: 'browser' as const, stationId: 'ws-1' }));
    const board: CallContext = { window: 'board', paired: true };
    const dispatch = createDispatch(handlers({ 'station.info': info }), () => undefined, anyone, board);
    expect(await dispatch('station.info', undefined)).toMatchObject({ ok: true, value: { stationId: 'ws-1' } });
    expect(info).toHaveBeenCalledWith({}, board);
  });

  it('asks the door before the schema: a refused caller gets the refusal, not BAD_REQUEST, and no handler runs', async () => {
    const print = vi.fn();
    const door = vi.fn<Authorize>((channel) =>
      channel === 'printer.printTicket'
        ? { code: 'FORBIDDEN', message: 'printer.printTicket is not available on the board screen' }
        : null,
    );
    const dispatch = createDispatch(handlers({ 'printer.printTicket': print }), () => undefined, door, kiosk);
    const refusal = {
      ok: false,
      error: { code: 'FORBIDDEN', message: 'printer.printTicket is not available on the board screen' },
    };
    // A malformed request and a well-formed one are refused alike: the caller learns nothing of the schema.
    expect(await dispatch('printer.printTicket', { ...printout, number: '' })).toEqual(refusal);
    expect(await dispatch('printer.printTicket', { nonsense: true })).toEqual(refusal);
    expect(await dispatch('printer.printTicket', printout)).toEqual(refusal);
    expect(door).toHaveBeenCalledWith('printer.printTicket');
    expect(print).not.toHaveBeenCalled();
    // The door is per channel: another one still passes, and its request is still checked.
    expect(await dispatch('station.info', {})).toMatchObject({ ok: true });
    expect(await dispatch('station.info', { unexpected: true })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
  });

  it('asks the door on every call, and passes its code through', async () => {
    let answer: ReturnType<Authorize> = { code: 'NOT_SIGNED_IN', message: 'printer.status needs a signed-in clerk' };
    const dispatch = createDispatch(
      handlers(),
      () => undefined,
      () => answer,
      kiosk,
    );
    expect(await dispatch('printer.status', {})).toEqual({
      ok: false,
      error: { code: 'NOT_SIGNED_IN', message: 'printer.status needs a signed-in clerk' },
    });
    answer = { code: 'REAUTH_REQUIRED', message: 'printer.status asks for the password again' };
    expect(await dispatch('printer.status', {})).toMatchObject({ ok: false, error: { code: 'REAUTH_REQUIRED' } });
    answer = null;
    expect(await dispatch('printer.status', {})).toMatchObject({ ok: true, value: { status: 'ready' } });
  });

  it('answers an unknown channel without asking the door', async () => {
    const door = vi.fn<Authorize>(() => null);
    const dispatch = createDispatch(handlers(), () => undefined, door, kiosk);
    expect(await dispatch('printer.format', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await dispatch({ channel: 'station.info' }, {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });
    expect(door).not.toHaveBeenCalled();
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
      anyone,
      kiosk,
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
    const dispatch = createDispatch(handlers(), () => undefined, anyone, kiosk);
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

  it('behind a closed door, nothing runs whatever arrives (property)', async () => {
    const unexpected = vi.fn();
    const closed = createDispatch(
      handlers(Object.fromEntries(CHANNEL_NAMES.map((name) => [name, unexpected])) as Partial<Handlers>),
      () => undefined,
      (channel) => ({ code: 'FORBIDDEN', message: `${channel} is not available on the kiosk screen` }),
      kiosk,
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constantFrom(...CHANNEL_NAMES), fc.string()),
        fc.anything(),
        async (channel, payload) => {
          const result = await closed(channel, payload);
          expect(result).toMatchObject({ ok: false });
          if (!result.ok) expect(['FORBIDDEN', 'UNKNOWN_CHANNEL']).toContain(result.error.code);
        },
      ),
    );
    expect(unexpected).not.toHaveBeenCalled();
  });
});
