/**
 * The transports beside serial, against real endpoints: a raw device file (a socat pseudo-terminal
 * stands in for /dev/usb/lp0, a FIFO and /dev/null for the odd cases), TCP sockets, and the system's
 * serial port list.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { BytePort } from '../../../native/port/byte-port';
import { FileBytePort } from '../../../native/port/file-byte-port';
import { startPtyPair, type PtyPair } from '../../../native/port/pty-pair';
import { SerialBytePort } from '../../../native/port/serial-byte-port';
import { listSerialPorts, matchPort } from '../../../native/port/serial-ports';
import { TcpBytePort, parseTcpAddress } from '../../../native/port/tcp-byte-port';

const tmp = mkdtempSync(join(tmpdir(), 'okienko-ports-it-'));
const cleanup: (() => Promise<unknown>)[] = [];

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step().catch(() => undefined);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Collects what a port receives and how it closed. */
function watch(port: BytePort): { received: number[]; closes: (Error | undefined)[] } {
  const received: number[] = [];
  const closes: (Error | undefined)[] = [];
  port.onData((chunk) => received.push(...chunk));
  port.onClose((error) => closes.push(error));
  return { received, closes };
}

async function pty(name: string): Promise<PtyPair> {
  const pair = await startPtyPair({ dir: tmp, appName: `${name}-app`, deviceName: `${name}-device` });
  cleanup.push(() => pair.kill());
  return pair;
}

async function opened<T extends BytePort>(port: T): Promise<T> {
  await port.open();
  cleanup.push(() => port.close());
  return port;
}

describe('SerialBytePort', () => {
  it('closes as unplugged when its device node disappears, though the line itself says nothing', async () => {
    // A USB serial device that is unplugged while nobody writes to it gives no error and no close
    // (on Linux it reads 0 bytes for ever); what does change is that its /dev node goes away. The
    // pseudo-terminal's link stands in for the node: removed while the other end is still there.
    const pair = await pty('gone');
    const port = await opened(new SerialBytePort({ path: pair.appPath, baudRate: 9600, presenceCheckMs: 100 }));
    const events = watch(port);
    await sleep(300);
    expect(events.closes).toEqual([]); // present: stays open
    rmSync(pair.appPath);
    await expect.poll(() => events.closes.length, { timeout: 5_000 }).toBe(1);
    expect(String(events.closes[0])).toMatch(/gone \(unplugged\)/);
    expect(port.isOpen).toBe(false);
  });

  it('never opens a regular file or a folder given as its path, and leaves the file as it was', async () => {
    const file = join(tmp, 'dokument.txt');
    await writeFile(file, 'Ważny dokument\n');
    for (const path of [file, tmp]) {
      const port = new SerialBytePort({ path, baudRate: 9600 });
      await expect(port.open()).rejects.toMatchObject({ code: 'ENOTDEVICE' });
      expect(port.isOpen).toBe(false);
    }
    expect(await readFile(file, 'utf8')).toBe('Ważny dokument\n');
  });
});

describe('FileBytePort', () => {
  it('talks both ways with the device over a pseudo-terminal opened as a plain file', async () => {
    const pair = await pty('file');
    const devicePort = await opened(new SerialBytePort({ path: pair.devicePath, baudRate: 38400 }));
    const device = watch(devicePort);
    const file = await opened(new FileBytePort({ path: pair.appPath }));
    const app = watch(file);
    expect(file.description).toBe(`file:${pair.appPath}`);
    expect(file.readable).toBe(true);

    await file.write(Uint8Array.of(0x10, 0x04, 0x01));
    // More than a pseudo-terminal buffers: the write waits for room (EAGAIN) instead of failing.
    const big = Uint8Array.from({ length: 20_000 }, (_, i) => i % 251);
    await file.write(big);
    await expect.poll(() => device.received.length, { timeout: 3000 }).toBe(3 + big.length);
    expect(device.received.slice(0, 3)).toEqual([0x10, 0x04, 0x01]);
    expect(device.received.slice(3)).toEqual([...big]);

    // The device answers: the read loop picks it up within a poll.
    const answeredAt = Date.now();
    await devicePort.write(Uint8Array.of(0x12, 0x37, 0x22));
    await expect.poll(() => app.received, { timeout: 1000 }).toEqual([0x12, 0x37, 0x22]);
    expect(Date.now() - answeredAt).toBeLessThan(500);
  });

  it('closes with the error when the device goes away (socat killed: EIO), and reopens as a new session', async () => {
    const pair = await pty('file-unplug');
    const file = await opened(new FileBytePort({ path: pair.appPath }));
    const app = watch(file);
    await pair.kill();
    // A serial line may show an unplug only at the next write (EIO), so the test writes; the read
    // loop may also see EIO on its own here.
    await file.write(Uint8Array.of(0x10, 0x04, 0x01)).catch(() => undefined);
    await expect.poll(() => app.closes.length, { timeout: 2000 }).toBe(1);
    expect((app.closes[0] as NodeJS.ErrnoException | undefined)?.code).toMatch(/^(EIO|ENODEV|ENXIO)$/);
    expect(file.isOpen).toBe(false);
    await expect(file.write(Uint8Array.of(1))).rejects.toThrow(/not open/);
    await expect(file.open()).rejects.toThrow(/ENOENT/);
  });

  it('loops bytes back through a FIFO, and reads an empty FIFO as "nothing yet", not as the end', async () => {
    const fifo = join(tmp, 'loop.fifo');
    execFileSync('mkfifo', [fifo]);
    const port = await opened(new FileBytePort({ path: fifo }));
    const seen = watch(port);
    await sleep(100);
    expect(port.isOpen).toBe(true);
    await port.write(new TextEncoder().encode('ESC/POS'));
    await expect
      .poll(() => new TextDecoder().decode(Uint8Array.from(seen.received)), { timeout: 1000 })
      .toBe('ESC/POS');
    await port.close();
    expect(seen.closes).toEqual([undefined]);
  });

  it('keeps a device that only ever reads as end of file open, and writes to it (a printer with nothing to say)', async () => {
    const port = await opened(new FileBytePort({ path: '/dev/null' }));
    const seen = watch(port);
    await port.write(Uint8Array.of(0x1b, 0x40));
    await sleep(150);
    expect(port.isOpen).toBe(true);
    expect(seen).toEqual({ received: [], closes: [] });
  });

  it('refuses a regular file as a port and leaves it as it was', async () => {
    const document = join(tmp, 'letter.txt');
    await writeFile(document, 'Szanowni Państwo,');
    await expect(new FileBytePort({ path: document }).open()).rejects.toMatchObject({ code: 'ENOTDEVICE' });
    await expect(new FileBytePort({ path: document, access: 'write-only' }).open()).rejects.toThrow(/not a device/);
    expect(await readFile(document, 'utf8')).toBe('Szanowni Państwo,');
  });

  it('refuses to open what is not there', async () => {
    await expect(new FileBytePort({ path: join(tmp, 'no-such-lp0') }).open()).rejects.toThrow(/ENOENT/);
  });
});

describe('TcpBytePort', () => {
  async function server(onSocket: (socket: Socket) => void): Promise<{ server: Server; port: number }> {
    const listening = createServer(onSocket);
    await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => new Promise((resolve) => listening.close(resolve)));
    const address = listening.address();
    if (!address || typeof address === 'string') throw new Error('no address');
    return { server: listening, port: address.port };
  }

  it('reads host:port with 9100 as the default port', () => {
    expect(parseTcpAddress('192.168.1.50')).toEqual({ host: '192.168.1.50', port: 9100 });
    expect(parseTcpAddress('drukarka.urzad.local:9101')).toEqual({ host: 'drukarka.urzad.local', port: 9101 });
    expect(parseTcpAddress('[fe80::1]:9100')).toEqual({ host: 'fe80::1', port: 9100 });
    expect(() => parseTcpAddress('printer:99999')).toThrow(RangeError);
    expect(() => parseTcpAddress('')).toThrow(RangeError);
  });

  it('writes, reads, and closes with an error when the printer drops the connection', async () => {
    const sockets: Socket[] = [];
    const received: number[] = [];
    const { port } = await server((socket) => {
      sockets.push(socket);
      socket.on('data', (chunk) => {
        received.push(...chunk);
        socket.write(Uint8Array.of(0x12));
      });
    });
    const tcp = await opened(new TcpBytePort({ host: '127.0.0.1', port }));
    const seen = watch(tcp);
    expect(tcp.description).toBe(`tcp:127.0.0.1:${port}`);
    await tcp.write(Uint8Array.of(0x10, 0x04, 0x01));
    await expect.poll(() => seen.received, { timeout: 1000 }).toEqual([0x12]);
    expect(received).toEqual([0x10, 0x04, 0x01]);

    sockets[0]!.destroy();
    await expect.poll(() => seen.closes.length, { timeout: 1000 }).toBe(1);
    expect(seen.closes[0]?.message).toMatch(/closed the connection|ECONNRESET/);
    expect(tcp.isOpen).toBe(false);

    // A new session on the same object, as a DeviceLink would open.
    await tcp.open();
    expect(tcp.isOpen).toBe(true);
    await tcp.close();
    expect(seen.closes).toHaveLength(2);
    expect(seen.closes[1]).toBeUndefined();
  });

  it('fails to connect fast when nothing listens, and within the connect timeout when nothing answers', async () => {
    const { server: closedServer, port } = await server(() => undefined);
    await new Promise((resolve) => closedServer.close(resolve));
    await expect(new TcpBytePort({ host: '127.0.0.1', port }).open()).rejects.toThrow(/ECONNREFUSED/);

    const started = Date.now();
    // TEST-NET-1 (RFC 5737): never routed; either no route at once, or silence until the timeout.
    await expect(new TcpBytePort({ host: '192.0.2.1', port: 9100, connectTimeoutMs: 400 }).open()).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('serial port list on this machine', () => {
  it('lists without throwing; pseudo-terminals are not in it, so a configured path is still needed', async () => {
    const pair = await pty('listed');
    const listing = await listSerialPorts();
    expect(Array.isArray(listing.ports)).toBe(true);
    for (const port of listing.ports) {
      expect(typeof port.path).toBe('string');
      if (port.vendorId) expect(port.vendorId).toMatch(/^[0-9a-f]{4}$/);
    }
    expect(matchPort({ path: pair.appPath }, listing.ports)).toBeUndefined();
  });
});
