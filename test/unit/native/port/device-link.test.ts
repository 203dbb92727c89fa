import { afterEach, describe, expect, it } from 'vitest';
import type { BytePort } from '../../../../native/port/byte-port';
import { DeviceLink, type DeviceLinkOptions, type LinkState } from '../../../../native/port/device-link';
import { createMemoryPortPair, type MemoryPortPair } from '../../../../native/port/memory-byte-port';
import { ManualClock, settle } from '../../../support/manual-clock';

/** A device that can be plugged in and pulled out; every open builds a fresh cable (memory pair). */
class Socket {
  plugged = true;
  /** When set, open never settles (a TCP connect to a printer that is off). */
  hang = false;
  readonly pairs: MemoryPortPair[] = [];
  readonly attempts: number[] = [];

  constructor(private readonly clock: ManualClock) {}

  readonly open = async (): Promise<BytePort> => {
    this.attempts.push(this.clock.now());
    if (this.hang) return new Promise<BytePort>(() => undefined);
    if (!this.plugged) throw new Error('ENOENT: no such device');
    const pair = createMemoryPortPair(`cable${this.pairs.length + 1}`);
    this.pairs.push(pair);
    return pair.app;
  };

  get current(): MemoryPortPair {
    const pair = this.pairs.at(-1);
    if (!pair) throw new Error('never plugged');
    return pair;
  }

  pull(): void {
    this.plugged = false;
    this.current.unplug();
  }
}

const links: DeviceLink[] = [];
afterEach(async () => {
  for (const link of links.splice(0)) await link.close();
});

function setup(options: Partial<DeviceLinkOptions> = {}): {
  clock: ManualClock;
  socket: Socket;
  link: DeviceLink;
  states: LinkState[];
} {
  const clock = new ManualClock();
  const socket = new Socket(clock);
  const link = new DeviceLink({ open: socket.open, timers: clock, description: 'test', ...options });
  links.push(link);
  const states: LinkState[] = [link.state];
  link.onState((state) => states.push(state));
  return { clock, socket, link, states };
}

describe('DeviceLink', () => {
  it('connects at once and prepares the port before calling itself connected', async () => {
    const prepared: string[] = [];
    const { clock, link, states } = setup({
      prepare: async (port) => {
        prepared.push(port.description);
        expect(link.state).toBe('connecting');
        expect(link.port()).toBeUndefined();
        await port.write(Uint8Array.of(0x1b, 0x40));
      },
    });
    expect(link.state).toBe('connecting');
    await clock.advance(0);
    expect(link.state).toBe('connected');
    expect(prepared).toEqual(['cable1:app']);
    expect(link.port()?.description).toBe('cable1:app');
    expect(states).toEqual(['connecting', 'connected']);
  });

  it('retries a device that is not there after 0.5, 1, 2, 5, 5 s', async () => {
    const { clock, socket, link } = setup();
    socket.plugged = false;
    await clock.advance(0);
    expect(link.state).toBe('connecting');
    await clock.advance(13_499);
    // attempts at 0, 0.5, 1.5, 3.5, 8.5, 13.5 s
    expect(socket.attempts).toEqual([0, 500, 1500, 3500, 8500]);
    expect(link.status()).toMatchObject({
      state: 'connecting',
      failures: 5,
      lastError: 'ENOENT: no such device',
      retryAt: 13_500,
    });
    socket.plugged = true;
    await clock.advance(1);
    expect(socket.attempts.at(-1)).toBe(13_500);
    expect(link.state).toBe('connected');
    expect(link.status()).toEqual({ state: 'connected', failures: 0 });
  });

  it('rebuilds the port after an unplug, backing off, and prepares every new port', async () => {
    let prepares = 0;
    const { clock, socket, link, states } = setup({ prepare: async () => void prepares++ });
    await clock.advance(0);
    await clock.advance(60_000);
    const lost: (Error | undefined)[] = [];
    link.onLoss((error) => lost.push(error));

    socket.pull();
    await settle();
    expect(lost.map((error) => error?.message)).toEqual(['Cable unplugged']);
    expect(link.state).toBe('reconnecting');
    expect(link.port()).toBeUndefined();

    await clock.advance(3600);
    expect(socket.attempts.map((at) => at - 60_000)).toEqual([-60_000, 500, 1500, 3500]);
    socket.plugged = true;
    await clock.advance(5000);
    expect(link.state).toBe('connected');
    expect(link.port()?.description).toBe('cable2:app');
    expect(prepares).toBe(2);
    expect(states).toEqual(['connecting', 'connected', 'reconnecting', 'connected']);
  });

  it('keeps backing off for a connection that drops at once, and starts over after one that held', async () => {
    const { clock, socket, link } = setup();
    await clock.advance(0);
    const started = (): number[] => socket.attempts.slice(1).map((at, index) => at - (socket.attempts[index] ?? 0));

    // Flapping: each new cable dies as soon as it is connected.
    link.onState((state) => {
      if (state === 'connected' && socket.pairs.length < 4) queueMicrotask(() => socket.current.unplug());
    });
    socket.current.unplug();
    await clock.advance(10_000);
    expect(started()).toEqual([500, 1000, 2000]);
    expect(link.state).toBe('connected');

    // This one held for a minute: the next loss starts again at 0.5 s.
    await clock.advance(60_000);
    const before = socket.attempts.length;
    socket.current.unplug();
    await clock.advance(499);
    expect(socket.attempts).toHaveLength(before);
    await clock.advance(1);
    expect(socket.attempts).toHaveLength(before + 1);
  });

  it('counts a failing re-initialisation as a failed attempt and closes that port', async () => {
    let fail = true;
    const { clock, socket, link } = setup({
      prepare: async () => {
        if (fail) throw new Error('printer did not take ESC @');
      },
    });
    await clock.advance(0);
    expect(link.state).toBe('connecting');
    expect(socket.pairs[0]?.app.isOpen).toBe(false);
    expect(link.status().lastError).toBe('printer did not take ESC @');
    fail = false;
    await clock.advance(500);
    expect(link.state).toBe('connected');
  });

  it('gives up on an open that never settles after the open timeout', async () => {
    const { clock, socket, link } = setup({ openTimeoutMs: 3000 });
    socket.hang = true;
    await clock.advance(0);
    await clock.advance(2999);
    expect(socket.attempts).toEqual([0]);
    await clock.advance(1);
    expect(link.status().lastError).toMatch(/open took longer than 3000 ms/);
    socket.hang = false;
    await clock.advance(500);
    expect(link.state).toBe('connected');
  });

  it('rebuilds on request (a device that went silent on a port that looks open)', async () => {
    const { clock, socket, link } = setup();
    await clock.advance(0);
    link.reconnect(new Error('three heartbeats unanswered'));
    expect(link.state).toBe('reconnecting');
    expect(link.status().lastError).toBe('three heartbeats unanswered');
    await settle();
    expect(socket.pairs[0]?.app.isOpen).toBe(false);
    await clock.advance(500);
    expect(link.port()?.description).toBe('cable2:app');
  });

  it('closes for good: the port is closed, no attempt follows, waiters get false', async () => {
    const { clock, socket, link, states } = setup();
    await clock.advance(0);
    socket.pull();
    await settle();
    const waiting = link.whenConnected(60_000);
    await link.close();
    expect(await waiting).toBe(false);
    await clock.advance(60_000);
    expect(socket.attempts).toHaveLength(1);
    expect(states.at(-1)).toBe('closed');
    expect(clock.pending()).toEqual([]);
  });

  it('offers one BytePort across reconnects: writes to the current port, data from it, a close per loss', async () => {
    const { clock, socket, link } = setup();
    const port = link.asBytePort();
    const received: number[] = [];
    const closes: (string | undefined)[] = [];
    port.onData((chunk) => received.push(...chunk));
    port.onClose((error) => closes.push(error?.message));

    expect(port.isOpen).toBe(false);
    await expect(port.write(Uint8Array.of(1))).rejects.toThrow(/not connected/);
    await clock.advance(0);
    expect(port.isOpen).toBe(true);
    await port.write(Uint8Array.of(1, 2));
    await socket.current.device.write(Uint8Array.of(9));
    await settle();

    socket.pull();
    await settle();
    expect(port.isOpen).toBe(false);
    socket.plugged = true;
    await clock.advance(500);
    await port.write(Uint8Array.of(3));
    await socket.current.device.write(Uint8Array.of(8));
    await settle();

    expect(socket.pairs.map((pair) => pair.appWrites.map((chunk) => [...chunk]))).toEqual([[[1, 2]], [[3]]]);
    expect(received).toEqual([9, 8]);
    expect(closes).toEqual(['Cable unplugged']);
    await port.close();
    expect(link.state).toBe('closed');
  });
});
