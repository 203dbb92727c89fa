/**
 * The ticket printer driver against the simulator in another process, over a real socat
 * pseudo-terminal pair: the same path bytes take to a USB-serial printer, minus the printer.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startPtyPair } from '../../../native/port/pty-pair';
import { SerialBytePort } from '../../../native/port/serial-byte-port';
import { EscPosTicketPrinter, type EscPosTicketPrinterOptions } from '../../../native/printer/ticket-printer.escpos';
import { PrintFailure, type TicketLayoutInput } from '../../../native/printer/ticket-printer';
import { layoutTicket } from '../../../native/printer/ticket.layout';
import { startSimProcess, type SimEvent, type SimProcess } from '../../support/sim-process';
import { failureOf } from '../../support/failure';

const BAUD = 38400;

const office = 'Urząd Miasta Łódź — Biuro Obsługi Mieszkańców';
const service = 'Dowody osobiste — Ewidencja Ludności';

function ticket(number: string, extra: Partial<TicketLayoutInput> = {}): Uint8Array {
  return layoutTicket(
    {
      office,
      service,
      number,
      issued: '14.03.2025, 09:12',
      lines: ['Przed Tobą: 3 osoby', 'Szacowany czas: ok. 15 min'],
      qr: `https://okienko.example/kolejka/${number}`,
      note: 'Zachowaj bilet do końca wizyty',
      ...extra,
    },
    { model: 'generic', columns: 42 },
  );
}

let tmp: string;
let sim: SimProcess;
let printerPath: string;
let socatPid: number;
const drivers: EscPosTicketPrinter[] = [];

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'okienko-printer-it-'));
  sim = await startSimProcess(['--dir', tmp, '--output', join(tmp, 'roll.txt')]);
  printerPath = sim.ready.printer as string;
  socatPid = (sim.ready.pids as Record<string, number>).printer!;
  expect(printerPath).toBe(join(tmp, 'printer'));
});

afterEach(async () => {
  for (const driver of drivers.splice(0)) await driver.close().catch(() => undefined);
  await sim.command('resume', (event) => event.event === 'resumed');
  await sim.command('ready', (event) => event.event === 'mode' && event.mode === 'ready');
});

afterAll(async () => {
  await sim?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

async function connect(options: EscPosTicketPrinterOptions = {}): Promise<EscPosTicketPrinter> {
  const port = new SerialBytePort({ path: printerPath, baudRate: BAUD });
  await port.open();
  const driver = new EscPosTicketPrinter(port, { baudRate: BAUD, ...options });
  drivers.push(driver);
  return driver;
}

async function setMode(mode: string): Promise<void> {
  await sim.command(mode, (event) => event.event === 'mode' && event.mode === mode);
}

const isPrinted = (event: SimEvent): boolean => event.event === 'printed';

/** Gives the simulator time to report anything it did, then returns what it reported. */
async function eventsSince(from: number, settleMs = 300): Promise<SimEvent[]> {
  await sleep(settleMs);
  return sim.events.slice(from);
}

describe('ticket printer over a pseudo-terminal, simulator in another process', () => {
  it('prints a ticket, confirmed by the fence, and the printer reads back the same number and Polish text', async () => {
    const printer = await connect();
    const job = ticket('A012');
    const from = sim.mark();

    const receipt = await printer.print(job);
    expect(receipt.bytes).toBe(job.length);
    expect(receipt.warning).toBeUndefined();

    const printed = await sim.waitFor(isPrinted, from);
    expect(printed.bytes).toBe(job.length);
    expect(printed.large).toEqual(['A012']);
    expect(printed.qr).toBe('https://okienko.example/kolejka/A012');
    const text = (printed.text as string[]).map((line) => line.trim());
    // 42 columns: the office name wraps after "Obsługi"; the dash is transliterated.
    expect(text).toContain('Urząd Miasta Łódź - Biuro Obsługi');
    expect(text).toContain('Mieszkańców');
    expect(text).toContain('Dowody osobiste - Ewidencja Ludności');
    expect(text).toContain('Przed Tobą: 3 osoby');
    expect(text).toContain('Zachowaj bilet do końca wizyty');

    expect(readFileSync(join(tmp, 'roll.txt'), 'utf8')).toContain('Urząd Miasta Łódź - Biuro Obsługi');
  });

  it.each(['paper-out', 'cover-open', 'offline', 'error'] as const)(
    'refuses with %s and nothing reaches the paper',
    async (mode) => {
      const printer = await connect();
      await setMode(mode);
      const from = sim.mark();

      const failure = await failureOf(printer.print(ticket('A013')), PrintFailure);
      expect(failure.reason).toBe(mode);
      expect(failure.sent).toBe(false);
      expect(await printer.condition()).toBe(mode);
      // Neither printed nor thrown away: the ticket's bytes never left the station.
      expect(
        (await eventsSince(from)).filter((event) => event.event === 'printed' || event.event === 'discarded'),
      ).toEqual([]);
    },
  );

  it('follows the printer between prints: prints, refuses when the paper runs out, prints again after a refill', async () => {
    const printer = await connect();
    const from = sim.mark();

    await printer.print(ticket('A020'));
    await setMode('paper-out');
    expect((await failureOf(printer.print(ticket('A021')), PrintFailure)).reason).toBe('paper-out');
    await setMode('ready');
    await printer.print(ticket('A022'));

    await sim.waitFor((event) => isPrinted(event) && (event.large as string[])[0] === 'A022', from);
    expect(
      sim.events
        .slice(from)
        .filter(isPrinted)
        .map((event) => (event.large as string[])[0]),
    ).toEqual(['A020', 'A022']);
  });

  it('prints with paper near its end and passes the warning on', async () => {
    const printer = await connect();
    await setMode('paper-near-end');
    const receipt = await printer.print(ticket('A030'));
    expect(receipt.warning).toBe('paper-near-end');
  });

  it('reports a ticket the printer never confirmed as unconfirmed, and does not send it again', async () => {
    const printer = await connect({ fenceTimeoutMs: 500 });
    await sim.command('stall', (event) => event.event === 'stalled');
    const from = sim.mark();

    const failure = await failureOf(printer.print(ticket('A040')), PrintFailure);
    expect(failure.reason).toBe('unconfirmed');
    expect(failure.sent).toBe(true);
    expect(failure.condition).toBe('ready');

    await sim.command('resume', (event) => event.event === 'resumed');
    await sim.waitFor(isPrinted, from);
    expect((await eventsSince(from)).filter(isPrinted).map((event) => (event.large as string[])[0])).toEqual(['A040']);
  });
});

describe('ticket printer when the line goes away', () => {
  it('answers no-answer within about a second when nobody is on the other end', async () => {
    const pair = await startPtyPair({ dir: tmp, appName: 'lonely-app', deviceName: 'lonely-device' });
    try {
      const port = new SerialBytePort({ path: pair.appPath, baudRate: BAUD });
      await port.open();
      const printer = new EscPosTicketPrinter(port);
      drivers.push(printer);
      const started = Date.now();
      expect(await printer.condition()).toBe('no-answer');
      expect(Date.now() - started).toBeLessThan(1200);
      expect((await failureOf(printer.print(ticket('A050')), PrintFailure)).reason).toBe('no-answer');
    } finally {
      await pair.kill();
    }
  });

  it('ends a pending print at once when socat is killed (unplug), fails the next one fast, and works again after a replug', async () => {
    const printer = await connect({ fenceTimeoutMs: 10_000 });
    expect(await printer.condition()).toBe('ready');
    await sim.command('stall', (event) => event.event === 'stalled');

    const pending = failureOf(printer.print(ticket('A060')), PrintFailure);
    await sleep(200);
    const unplugged = sim.mark();
    const pulledAt = Date.now();
    process.kill(socatPid, 'SIGTERM');

    const failure = await pending;
    expect(['disconnected', 'no-answer']).toContain(failure.reason);
    expect(Date.now() - pulledAt).toBeLessThan(2000);
    await sim.waitFor((event) => event.event === 'unplugged', unplugged);

    const nextStarted = Date.now();
    const next = await failureOf(printer.print(ticket('A061')), PrintFailure);
    expect(['disconnected', 'no-answer']).toContain(next.reason);
    expect(Date.now() - nextStarted).toBeLessThan(1500);
    expect(await printer.condition()).toBe('no-answer');

    // A new cable: the station builds a fresh port and driver, as after a real unplug.
    const replugged = await sim.command('replug', (event) => event.event === 'replugged');
    socatPid = replugged.pid as number;
    const from = sim.mark();
    const again = await connect();
    const receipt = await again.print(ticket('A062'));
    expect(receipt.bytes).toBeGreaterThan(0);
    await sim.waitFor((event) => isPrinted(event) && (event.large as string[])[0] === 'A062', from);
  });
});
