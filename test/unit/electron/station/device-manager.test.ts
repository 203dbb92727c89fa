/**
 * The device manager's own rules, with drivers that do what a test tells them (the real drivers
 * meet their simulators in test/integration/station): which port a device is opened on, the
 * back-off after a failed open or an unplug, one signature at a time, and the errors a screen gets
 * for a device that is missing or gone.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IdRead, SerialPortInfo } from '../../../../electron/common/contract/devices';
import { ContractFailure } from '../../../../electron/common/contract/result';
import type { IdReaderSettings, SignaturePadSettings } from '../../../../electron/common/contract/settings';
import {
  DeviceManager,
  resolvePath,
  type DeviceDrivers,
  type IdReaderDevice,
  type RawIdRead,
  type SignaturePadDevice,
} from '../../../../electron/station/device-manager';
import { createLogger } from '../../../../electron/station/log';

const PORTS: SerialPortInfo[] = [
  { path: '/dev/ttyUSB0', vendorId: '067b', productId: '2303', serialNumber: 'A1' },
  { path: '/dev/ttyUSB1', vendorId: '0403', productId: '6001', serialNumber: 'FT99' },
  { path: '/dev/ttyUSB2', vendorId: '0403', productId: '6001', serialNumber: 'FT42' },
];

const reader: IdReaderSettings = {
  path: '/dev/ttyUSB9',
  baudRate: 9600,
  rtscts: false,
  framing: 'auto',
  interByteTimeoutMs: 100,
};
const pad: SignaturePadSettings = { path: '/dev/ttyS4', baudRate: 19200, rtscts: false, parity: 'odd', model: 'topaz' };

class FakeReader implements IdReaderDevice {
  readonly readListeners = new Set<(read: RawIdRead) => void>();
  readonly closeListeners = new Set<() => void>();
  closed = false;
  onRead(listener: (read: RawIdRead) => void) {
    this.readListeners.add(listener);
    return () => this.readListeners.delete(listener);
  }
  onClose(listener: () => void) {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }
  async close() {
    this.closed = true;
  }
  swipe(read: RawIdRead) {
    for (const listener of this.readListeners) listener(read);
  }
  unplug() {
    for (const listener of this.closeListeners) listener();
  }
}

describe('resolvePath', () => {
  it('opens the port whose USB ids match, whatever its name now, and says so', () => {
    const found = resolvePath(
      { path: '/dev/ttyUSB7', match: { vendorId: '0403', productId: '6001', serialNumber: 'FT42' } },
      PORTS,
    );
    expect(found.path).toBe('/dev/ttyUSB2');
    expect(found.how).toBe('/dev/ttyUSB2 (0403:6001 #FT42)');
  });

  it('falls back to the configured path when nothing matches (a pseudo-terminal is never listed)', () => {
    const found = resolvePath(
      { path: '/tmp/okienko-sim/idReader', match: { vendorId: '1234', productId: '5678' } },
      PORTS,
    );
    expect(found.path).toBe('/tmp/okienko-sim/idReader');
  });

  it('uses the path as it is when no USB ids are configured', () => {
    expect(resolvePath({ path: '/dev/ttyS0' }, PORTS)).toEqual({ path: '/dev/ttyS0', how: '/dev/ttyS0' });
  });
});

describe('DeviceManager', () => {
  let manager: DeviceManager | null = null;
  const reads: IdRead[] = [];
  const logLines: string[] = [];

  beforeEach(() => {
    vi.useFakeTimers();
    reads.length = 0;
    logLines.length = 0;
  });

  afterEach(async () => {
    await manager?.close();
    manager = null;
    vi.useRealTimers();
  });

  function create(drivers: Partial<DeviceDrivers>): DeviceManager {
    manager = new DeviceManager({
      drivers: {
        listPorts: async () => ({ ports: PORTS }),
        openIdReader: () => Promise.reject(new Error('no reader here')),
        openSignaturePad: () => Promise.reject(new Error('no pad here')),
        ...drivers,
      },
      log: createLogger({ write: (line) => logLines.push(line) }),
      now: () => Date.parse('2026-11-22T10:00:00Z'),
      onRead: (read) => reads.push(read),
      onStatus: () => undefined,
    });
    return manager;
  }

  const connection = (target: DeviceManager, role: 'idReader' | 'signaturePad') =>
    target.states().find((state) => state.role === role)?.connection;

  it('reports a device that cannot be opened, retries with back-off 0.5 → 1 → 2 → 5 s, and connects when it appears', async () => {
    const attempts: number[] = [];
    let present = false;
    const device = new FakeReader();
    const target = create({
      openIdReader: async () => {
        attempts.push(Date.now());
        if (!present) throw new Error('ENOENT');
        return device;
      },
    });
    await target.configure({ idReader: reader, signaturePad: null });
    await vi.advanceTimersByTimeAsync(0);
    expect(connection(target, 'idReader')).toBe('disconnected');
    expect(connection(target, 'signaturePad')).toBe('not-configured');

    await vi.advanceTimersByTimeAsync(500 + 1000 + 2000 + 5000 + 5000);
    const gaps = attempts.slice(1).map((at, index) => at - attempts[index]!);
    expect(gaps).toEqual([500, 1000, 2000, 5000, 5000]);
    expect(connection(target, 'idReader')).toBe('reconnecting');

    present = true;
    await vi.advanceTimersByTimeAsync(5000);
    expect(connection(target, 'idReader')).toBe('connected');
    expect(target.states().find((state) => state.role === 'idReader')?.device).toBe('/dev/ttyUSB9');
  });

  it('reopens an unplugged reader from the shortest delay again, and delivers swipes from the new one', async () => {
    const opened: FakeReader[] = [];
    const target = create({
      openIdReader: async () => {
        const device = new FakeReader();
        opened.push(device);
        return device;
      },
    });
    await target.configure({ idReader: reader, signaturePad: null });
    await vi.advanceTimersByTimeAsync(0);
    expect(connection(target, 'idReader')).toBe('connected');

    opened[0]!.unplug();
    expect(connection(target, 'idReader')).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(499);
    expect(opened).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(opened).toHaveLength(2);
    expect(connection(target, 'idReader')).toBe('connected');

    // The old driver is forgotten; the new one's swipe arrives once, stamped and without its PII in the log.
    opened[0]!.swipe({ ok: false, reason: 'garbage' });
    opened[1]!.swipe({ ok: false, reason: 'torn', part: 'line-2' });
    expect(reads).toEqual([{ ok: false, reason: 'torn', part: 'line-2', readAt: '2026-11-22T10:00:00.000Z' }]);
  });

  it('reconfiguring one device reopens only that one; the other goes on untouched', async () => {
    const opened: FakeReader[] = [];
    const pads: string[] = [];
    const target = create({
      openIdReader: async () => {
        const device = new FakeReader();
        opened.push(device);
        return device;
      },
      openSignaturePad: async (settings, path) => {
        pads.push(path);
        return {
          capture: () => new Promise(() => undefined),
          onClose: () => () => undefined,
          close: async () => undefined,
        };
      },
    });
    await target.configure({ idReader: reader, signaturePad: pad });
    await vi.advanceTimersByTimeAsync(0);
    expect([opened.length, pads.length]).toEqual([1, 1]);

    await target.configure({ signaturePad: { ...pad, path: '/dev/ttyS5' } });
    await vi.advanceTimersByTimeAsync(0);
    expect(opened).toHaveLength(1);
    expect(opened[0]!.closed).toBe(false);
    expect(pads).toEqual(['/dev/ttyS4', '/dev/ttyS5']);

    await target.configure({ signaturePad: null });
    expect(connection(target, 'signaturePad')).toBe('not-configured');
    expect(connection(target, 'idReader')).toBe('connected');
  });

  it('waits for the next swipe in a device test, and times out with TIMEOUT when nothing comes', async () => {
    const device = new FakeReader();
    const target = create({ openIdReader: async () => device });
    await target.configure({ idReader: reader, signaturePad: null });
    await vi.advanceTimersByTimeAsync(0);

    const next = target.nextRead(30_000);
    device.swipe({ ok: false, reason: 'check-digit', part: 'birthDate' });
    await expect(next).resolves.toMatchObject({ ok: false, reason: 'check-digit', part: 'birthDate' });

    const nothing = target.nextRead(30_000);
    const settled = expect(nothing).rejects.toMatchObject({ code: 'TIMEOUT' });
    await vi.advanceTimersByTimeAsync(30_000);
    await settled;
  });

  it('refuses a capture when the pad is not configured or not connected, and a second capture while one runs', async () => {
    expect(() => create({}).nextRead(1000)).toThrow(ContractFailure);
    await expect(create({}).capture(1000)).rejects.toMatchObject({ code: 'DEVICE_NOT_CONFIGURED' });

    let release: (() => void) | undefined;
    const device: SignaturePadDevice = {
      capture: ({ signal }) =>
        new Promise((resolve, reject) => {
          release = () =>
            resolve({ signature: { width: 640, height: 200, rate: 100, strokes: [] }, interrupted: false });
          signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
        }),
      onClose: () => () => undefined,
      close: async () => undefined,
    };
    const target = create({ openSignaturePad: async () => device });
    await expect(target.capture(1000)).rejects.toMatchObject({ code: 'DEVICE_NOT_CONFIGURED' });
    await target.configure({ idReader: null, signaturePad: pad });
    await vi.advanceTimersByTimeAsync(0);

    const first = target.capture(60_000);
    await expect(target.capture(60_000)).rejects.toMatchObject({ code: 'DEVICE_BUSY' });
    release!();
    await expect(first).resolves.toMatchObject({ interrupted: false });

    // Cancelled by the clerk, and not signed in time: both SIGNATURE_CANCELLED.
    const cancelled = target.capture(60_000);
    expect(target.cancelCapture()).toBe(true);
    await expect(cancelled).rejects.toMatchObject({ code: 'SIGNATURE_CANCELLED' });
    const late = target.capture(60_000);
    const settled = expect(late).rejects.toMatchObject({ code: 'SIGNATURE_CANCELLED' });
    await vi.advanceTimersByTimeAsync(60_000);
    await settled;
    expect(target.cancelCapture()).toBe(false);
  });
});
