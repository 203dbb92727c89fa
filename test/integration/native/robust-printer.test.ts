/**
 * The robust ticket printer against the simulator in another process: over a real socat
 * pseudo-terminal (opened as a serial port and as a raw device file) and over TCP, with the cable
 * pulled and plugged back, the paper running out half-way through a queue, and a ticket the
 * printer confirms only long after the driver gave up on it.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BytePort } from '../../../native/port/byte-port';
import { FileBytePort } from '../../../native/port/file-byte-port';
import { SerialBytePort } from '../../../native/port/serial-byte-port';
import { TcpBytePort } from '../../../native/port/tcp-byte-port';
import {
  RobustTicketPrinter,
  type ResolvedJob,
  type RobustTicketPrinterOptions,
} from '../../../native/printer/robust-printer';
import { PrintFailure, type PrinterCondition } from '../../../native/printer/ticket-printer';
import { layoutInit, layoutTicket } from '../../../native/printer/ticket.layout';
import { startSimProcess, type SimEvent, type SimProcess } from '../../support/sim-process';
import { failureOf } from '../../support/failure';

const BAUD = 38400;
const layout = { model: 'generic', columns: 42 } as const;
const HEARTBEAT_MS = 1000;

const ticket = (number: string, duplicate?: string): Uint8Array =>
  layoutTicket(
    {
      office: 'Urząd Miasta Łódź',
      service: 'Meldunki',
      number,
      issued: '14.03.2025, 09:12',
      lines: ['Przed Tobą: 2 osoby'],
      duplicate,
    },
    layout,
  );

let tmp: string;
let sim: SimProcess;
let printerPath: string;
let tcpPort: number;
const printers: RobustTicketPrinter[] = [];

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'okienko-robust-it-'));
  sim = await startSimProcess(['--dir', tmp, '--printer-tcp', '0']);
  printerPath = sim.ready.printer as string;
  const listening = sim.events.find((event) => event.event === 'listening' && event.device === 'printer');
  tcpPort = listening?.port as number;
  expect(tcpPort).toBeGreaterThan(0);
});

afterEach(async () => {
  for (const printer of printers.splice(0)) await printer.close();
  if (sim.events.at(-1)?.event === 'unplugged') await sim.command('replug', (event) => event.event === 'replugged');
  await sim.command('resume', (event) => event.event === 'resumed');
  await sim.command('ready', (event) => event.event === 'mode' && event.mode === 'ready');
});

afterAll(async () => {
  await sim?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const transports: Record<'serial' | 'file' | 'tcp', () => Promise<BytePort>> = {
  serial: async () => {
    const port = new SerialBytePort({ path: printerPath, baudRate: BAUD });
    await port.open();
    return port;
  },
  file: async () => {
    const port = new FileBytePort({ path: printerPath });
    await port.open();
    return port;
  },
  tcp: async () => {
    const port = new TcpBytePort({ host: '127.0.0.1', port: tcpPort, connectTimeoutMs: 1000 });
    await port.open();
    return port;
  },
};

function robust(
  transport: keyof typeof transports,
  options: Partial<RobustTicketPrinterOptions> = {},
): { printer: RobustTicketPrinter; conditions: PrinterCondition[] } {
  const printer = new RobustTicketPrinter({
    open: transports[transport],
    init: layoutInit(layout),
    description: transport,
    heartbeatMs: HEARTBEAT_MS,
    statusTimeoutMs: 500,
    baudRate: BAUD,
    // Shorter than the station's 0.5 → 5 s, so the test sees several attempts quickly.
    backoffMs: [200, 400, 800, 1600],
    ...options,
  });
  printers.push(printer);
  const conditions: PrinterCondition[] = [];
  printer.onCondition((condition) => conditions.push(condition));
  return { printer, conditions };
}

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

const numberOf = (event: SimEvent): string => (event.large as string[]).join(' ');
const printedSince = (from: number): string[] =>
  sim.events
    .slice(from)
    .filter((event) => event.event === 'printed')
    .map(numberOf);

describe('robust printer over a pseudo-terminal (serial)', () => {
  it('notices an unplug while idle within a heartbeat or two, reconnects by itself after the replug, re-initialises and prints', async () => {
    const { printer, conditions } = robust('serial');
    await until(() => printer.lastCondition === 'ready', 3000, 'ready');

    await sim.command('unplug', (event) => event.event === 'unplugged');
    const pulledAt = Date.now();
    await until(() => printer.lastCondition === 'no-answer', 2 * HEARTBEAT_MS + 500, 'no-answer');
    expect(Date.now() - pulledAt).toBeLessThan(2 * HEARTBEAT_MS + 500);
    expect(printer.linkState).toBe('reconnecting');

    // Unplugged for a while: the link keeps trying, backing off.
    await sleep(1500);
    expect(printer.linkStatus().failures).toBeGreaterThanOrEqual(2);
    expect(printer.linkStatus().lastError).toMatch(/ENOENT|No such file/);
    const refused = await failureOf(printer.print(ticket('B000')), PrintFailure);
    expect(refused.reason).toBe('no-answer');
    expect(refused.sent).toBe(false);

    await sim.command('replug', (event) => event.event === 'replugged');
    const from = sim.mark();
    await until(() => printer.linkState === 'connected', 3000, 'reconnected');
    await until(() => printer.lastCondition === 'ready', 2000, 'ready again');
    expect(conditions).toEqual(['ready', 'no-answer', 'ready']);

    const receipt = await printer.print(ticket('B001'), { tag: 'B001' });
    expect(receipt.tag).toBe('B001');
    await sim.waitFor((event) => event.event === 'printed' && numberOf(event) === 'B001', from);
    // The re-initialisation is no ticket; the refused B000 never reached the paper.
    expect(printedSince(from)).toEqual(['B001']);
  });

  it('prints the jobs before the paper runs out and refuses the rest with paper-out; nothing is reprinted', async () => {
    const { printer } = robust('serial');
    await until(() => printer.lastCondition === 'ready', 3000, 'ready');
    await sim.command('paper-out-after 2', (event) => event.event === 'paper-left');
    const from = sim.mark();

    const numbers = ['C001', 'C002', 'C003', 'C004', 'C005'];
    const outcomes = await Promise.allSettled(numbers.map((number) => printer.print(ticket(number), { tag: number })));
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'rejected',
      'rejected',
    ]);
    for (const outcome of outcomes.slice(2)) {
      const failure = (outcome as PromiseRejectedResult).reason as PrintFailure;
      expect(failure).toBeInstanceOf(PrintFailure);
      expect(failure.reason).toBe('paper-out');
      expect(failure.sent).toBe(false);
    }
    expect(printer.unknownJobs()).toEqual([]);
    expect(printer.lastCondition).toBe('paper-out');

    // New paper: the printer is ready again, and still nothing comes out by itself.
    await sim.command('ready', (event) => event.event === 'mode' && event.mode === 'ready');
    await until(() => printer.lastCondition === 'ready', 2 * HEARTBEAT_MS + 500, 'ready after the refill');
    await sim.waitFor((event) => event.event === 'printed' && numberOf(event) === 'C002', from);
    await sleep(HEARTBEAT_MS);
    expect(printedSince(from)).toEqual(['C001', 'C002']);
    expect(sim.events.slice(from).filter((event) => event.event === 'discarded')).toEqual([]);
  });

  it('keeps a ticket whose fence never came back as unknown, and marks it printed when the printer resumes', async () => {
    const { printer } = robust('serial', { fenceTimeoutMs: 800 });
    await until(() => printer.lastCondition === 'ready', 3000, 'ready');
    const resolved: ResolvedJob[] = [];
    printer.onJobResolved((entry) => resolved.push(entry));
    await sim.command('stall', (event) => event.event === 'stalled');
    const from = sim.mark();

    const failure = await failureOf(printer.print(ticket('D001'), { tag: 'D001' }), PrintFailure);
    expect(failure.reason).toBe('unconfirmed');
    expect(failure.sent).toBe(true);
    expect(printer.unknownJobs()).toMatchObject([
      { jobId: failure.jobId, reason: 'unconfirmed', tag: 'D001', condition: 'ready' },
    ]);

    // A heartbeat or two while stalled: real-time status still answers, the job stays unknown.
    await sleep(HEARTBEAT_MS + 200);
    expect(printer.unknownJobs()).toHaveLength(1);

    await sim.command('resume', (event) => event.event === 'resumed');
    await until(() => resolved.length === 1, 2000, 'the late confirmation');
    expect(resolved[0]).toMatchObject({
      outcome: 'printed',
      by: 'printer',
      job: { jobId: failure.jobId, tag: 'D001' },
    });
    expect(printer.unknownJobs()).toEqual([]);
    await sleep(300);
    expect(printedSince(from)).toEqual(['D001']);
  });
});

describe('robust printer over TCP (a network printer on the raw port)', () => {
  it('prints, goes to no-answer when the printer drops off the network, and reconnects when it is back', async () => {
    const { printer, conditions } = robust('tcp');
    await until(() => printer.lastCondition === 'ready', 3000, 'ready');
    const from = sim.mark();
    await printer.print(ticket('E001'));
    const printed = await sim.waitFor((event) => event.event === 'printed' && numberOf(event) === 'E001', from);
    expect(printed.transport).toBe('tcp');

    await sim.command('unplug', (event) => event.event === 'unplugged');
    await until(() => printer.lastCondition === 'no-answer', 2 * HEARTBEAT_MS + 500, 'no-answer');
    await sleep(600);
    expect(printer.linkStatus().lastError).toMatch(/ECONNREFUSED|closed/);

    await sim.command('replug', (event) => event.event === 'replugged');
    await until(
      () => printer.linkState === 'connected' && printer.lastCondition === 'ready',
      4000,
      'reconnected over TCP',
    );
    await printer.print(ticket('E002'));
    await sim.waitFor((event) => event.event === 'printed' && numberOf(event) === 'E002', from);
    expect(printedSince(from)).toEqual(['E001', 'E002']);
    expect(conditions).toEqual(['ready', 'no-answer', 'ready']);
  });
});

describe('robust printer over a raw device file', () => {
  it('prints through the pseudo-terminal opened as a file (as /dev/usb/lp0 would be), and notices the unplug', async () => {
    const { printer } = robust('file');
    await until(() => printer.lastCondition === 'ready', 3000, 'ready');
    const from = sim.mark();
    const receipt = await printer.print(ticket('F001'), { tag: 'F001' });
    expect(receipt.bytes).toBe(ticket('F001').length);
    const printed = await sim.waitFor((event) => event.event === 'printed' && numberOf(event) === 'F001', from);
    expect((printed.text as string[]).map((line) => line.trim())).toContain('Przed Tobą: 2 osoby');

    await sim.command('unplug', (event) => event.event === 'unplugged');
    await until(() => printer.lastCondition === 'no-answer', 2 * HEARTBEAT_MS + 500, 'no-answer');
    await sim.command('replug', (event) => event.event === 'replugged');
    await until(() => printer.linkState === 'connected' && printer.lastCondition === 'ready', 4000, 'reconnected');
    await printer.print(ticket('F002'));
    await sim.waitFor((event) => event.event === 'printed' && numberOf(event) === 'F002', from);
    expect(printedSince(from)).toEqual(['F001', 'F002']);
  });
});
