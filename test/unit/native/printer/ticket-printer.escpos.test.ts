import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryPortPair, type MemoryPortPair } from '../../../../native/port/memory-byte-port';
import { encodeFence, encodeFenceAnswer } from '../../../../native/printer/escpos.codec';
import { EscPosTicketPrinter, type EscPosTicketPrinterOptions } from '../../../../native/printer/ticket-printer.escpos';
import { PrinterSimulator, type PrinterSimulatorMode } from '../../../../native/printer/ticket-printer.sim';
import { PrintFailure, type PrinterCondition, type TicketLayoutInput } from '../../../../native/printer/ticket-printer';
import { layoutTicket } from '../../../../native/printer/ticket.layout';
import { failureOf } from '../../../support/failure';
import { ManualClock, settle } from '../../../support/manual-clock';

const input: TicketLayoutInput = {
  office: 'Urząd Miasta Łódź — Biuro Obsługi Mieszkańców',
  service: 'Dowody osobiste — Ewidencja Ludności',
  number: 'A012',
  issued: '14.03.2025, 09:12',
  lines: ['Przed Tobą: 3 osoby'],
  qr: 'https://okienko.example/kolejka/A012',
};
const job = layoutTicket(input, { model: 'generic', columns: 42 });

/** DLE EOT 1..4, sent together in one write before every ticket (one round trip, not four). */
const STATUS_REQUESTS = [[0x10, 0x04, 0x01, 0x10, 0x04, 0x02, 0x10, 0x04, 0x03, 0x10, 0x04, 0x04]];

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup) await step();
  cleanup = [];
});

function setup(
  options: EscPosTicketPrinterOptions = {},
  withSimulator = true,
): { pair: MemoryPortPair; sim: PrinterSimulator; printer: EscPosTicketPrinter; clock: ManualClock } {
  const pair = createMemoryPortPair('test');
  const sim = new PrinterSimulator(pair.device);
  if (!withSimulator) sim.detach();
  const clock = new ManualClock();
  const printer = new EscPosTicketPrinter(pair.app, {
    statusTimeoutMs: 50,
    fenceTimeoutMs: 1000,
    timers: clock,
    ...options,
  });
  cleanup.push(() => printer.close());
  return { pair, sim, printer, clock };
}

/** A promise, and whether it has settled yet. */
function watch<T>(promise: Promise<T>): { readonly promise: Promise<T>; settled(): boolean } {
  let settled = false;
  const watched = promise.finally(() => (settled = true));
  // The test awaits `promise` itself; this copy only records the moment.
  watched.catch(() => undefined);
  return { promise, settled: () => settled };
}

const writes = (pair: MemoryPortPair): number[][] => pair.appWrites.map((chunk) => [...chunk]);
const jobWrites = (pair: MemoryPortPair): number => pair.appWrites.filter((chunk) => chunk[0] !== 0x10).length;

describe('EscPosTicketPrinter.print', () => {
  it('prints the ticket byte for byte and reports it once the printer confirmed', async () => {
    const { sim, printer } = setup();
    const receipt = await printer.print(job);

    expect(receipt.bytes).toBe(job.length);
    expect(receipt.warning).toBeUndefined();
    expect(sim.printed).toHaveLength(1);
    const ticket = sim.printed[0]!;
    expect(ticket.bytes).toEqual(job);
    expect(ticket.lines.map((line) => line.trim())).toEqual(
      expect.arrayContaining([
        'Urząd Miasta Łódź - Biuro Obsługi',
        'Mieszkańców',
        'Dowody osobiste - Ewidencja Ludności',
        'Przed Tobą: 3 osoby',
      ]),
    );
    expect(ticket.largeLines).toEqual(['A012']);
    expect(ticket.qr).toBe(input.qr);
  });

  it('asks DLE EOT 1..4 first (in one write), then sends the job with a fence carrying the receipt id', async () => {
    const { pair, printer } = setup();
    const receipt = await printer.print(job);
    const sent = writes(pair);
    expect(sent.slice(0, 1)).toEqual(STATUS_REQUESTS);
    expect(sent).toHaveLength(2);
    expect(sent[1]).toEqual([...job, ...encodeFence(receipt.jobId)]);
  });

  it('waits for the fence, not for the write: a stalled printer keeps the print pending', async () => {
    const { sim, printer, clock } = setup({ fenceTimeoutMs: 5000 });
    sim.stall();
    const printing = watch(printer.print(job));
    await clock.advance(4999);
    expect(printing.settled()).toBe(false);
    expect(sim.printed).toHaveLength(0);
    sim.resume();
    await printing.promise;
    expect(sim.printed).toHaveLength(1);
  });

  it.each<[PrinterSimulatorMode, PrinterCondition]>([
    ['paper-out', 'paper-out'],
    ['cover-open', 'cover-open'],
    ['offline', 'offline'],
    ['error', 'error'],
  ])('refuses to print when the printer reports %s, and sends no ticket bytes', async (mode, reason) => {
    const { pair, sim, printer } = setup();
    sim.setMode(mode);
    const failure = await failureOf(printer.print(job), PrintFailure);
    expect(failure.reason).toBe(reason);
    expect(failure.condition).toBe(reason);
    expect(failure.sent).toBe(false);
    expect(writes(pair)).toEqual(STATUS_REQUESTS);
    expect(sim.printed).toHaveLength(0);
  });

  it('prints with paper near its end and says so', async () => {
    const { sim, printer } = setup();
    sim.setMode('paper-near-end');
    const receipt = await printer.print(job);
    expect(receipt.warning).toBe('paper-near-end');
    expect(sim.printed).toHaveLength(1);
  });

  it('refuses with no-answer when nobody answers, after one status timeout and without sending the ticket', async () => {
    const { pair, printer, clock } = setup({ statusTimeoutMs: 80 }, false);
    const printing = watch(failureOf(printer.print(job), PrintFailure));
    await clock.advance(79);
    expect(printing.settled()).toBe(false);
    await clock.advance(1);
    const failure = await printing.promise;
    expect(failure.reason).toBe('no-answer');
    expect(failure.sent).toBe(false);
    expect(writes(pair)).toEqual(STATUS_REQUESTS);
  });

  it('takes answers that are not status bytes (wrong baud rate) for no answer', async () => {
    const { pair, printer, clock } = setup({}, false);
    pair.device.onData(() => void pair.device.write(Uint8Array.of(0xff, 0x00)));
    const condition = printer.condition();
    await clock.advance(50);
    expect(await condition).toBe('no-answer');
  });

  it('marks a ticket unconfirmed when the fence does not come back, asks why, and never resends it', async () => {
    const { pair, sim, printer, clock } = setup({ fenceTimeoutMs: 150 });
    sim.stall();
    const printing = failureOf(printer.print(job), PrintFailure);
    await clock.advance(150);
    const failure = await printing;
    expect(failure.reason).toBe('unconfirmed');
    expect(failure.sent).toBe(true);
    // The stalled printer still answers real-time status: it says it is fine.
    expect(failure.condition).toBe('ready');
    expect(writes(pair).slice(-1)).toEqual(STATUS_REQUESTS);

    sim.resume();
    await settle();
    expect(sim.printed).toHaveLength(1);
    expect(jobWrites(pair)).toBe(1);
  });

  it('does not take a late fence answer for an earlier ticket as confirmation of the next one', async () => {
    const { pair, sim, printer, clock } = setup({ fenceTimeoutMs: 300 });
    sim.stall();
    const first = failureOf(printer.print(job), PrintFailure);
    await clock.advance(300);
    expect((await first).reason).toBe('unconfirmed');
    const firstFence = pair.appWrites.find((chunk) => chunk[0] !== 0x10)!.slice(-4);

    let confirmed = false;
    const second = printer
      .print(layoutTicket({ ...input, number: 'A013' }, { model: 'generic', columns: 42 }))
      .then((receipt) => {
        confirmed = true;
        return receipt;
      });
    await clock.advance(30);
    // The first ticket's answer turns up while the second waits for its own.
    await pair.device.write(encodeFenceAnswer(String.fromCharCode(...firstFence)));
    await clock.advance(30);
    expect(confirmed).toBe(false);

    sim.resume();
    const receipt = await second;
    expect(receipt.jobId).not.toBe(String.fromCharCode(...firstFence));
    expect(sim.printed.map((ticket) => ticket.largeLines[0])).toEqual(['A012', 'A013']);
  });

  it('scales the fence timeout with the time the job takes on the line', async () => {
    const { sim, printer, clock } = setup({ statusTimeoutMs: 50, fenceTimeoutMs: 1000, baudRate: 9600 });
    sim.stall();
    const transmitMs = Math.ceil((((job.length + 11) * 10) / 9600) * 1000);
    expect(transmitMs).toBeGreaterThan(200);

    let failure: unknown;
    const printing = printer.print(job).catch((error: unknown) => (failure = error));
    await clock.advance(1000 + transmitMs - 1);
    expect(failure).toBeUndefined();
    await clock.advance(1);
    await printing;
    expect(failure).toBeInstanceOf(PrintFailure);
    expect((failure as PrintFailure).reason).toBe('unconfirmed');
  });

  it('without a baud rate, gives up after exactly the fence timeout', async () => {
    const { sim, printer, clock } = setup({ fenceTimeoutMs: 1000 });
    sim.stall();
    let failure: unknown;
    const printing = printer.print(job).catch((error: unknown) => (failure = error));
    await clock.advance(999);
    expect(failure).toBeUndefined();
    await clock.advance(1);
    await printing;
    expect((failure as PrintFailure).reason).toBe('unconfirmed');
  });

  it('measures elapsed time with the injected clock, from first byte to fence answer', async () => {
    let now = 10_000;
    const { sim, printer } = setup({ now: () => now });
    sim.onPrinted(() => (now += 250));
    const receipt = await printer.print(job);
    expect(receipt.elapsedMs).toBe(250);
  });

  it('prints concurrent requests one after another, each with its own status check', async () => {
    const { pair, sim, printer } = setup();
    const second = layoutTicket({ ...input, number: 'A013' }, { model: 'generic', columns: 42 });
    const [a, b] = await Promise.all([printer.print(job), printer.print(second)]);
    expect(a.jobId).not.toBe(b.jobId);
    expect(sim.printed.map((ticket) => ticket.largeLines[0])).toEqual(['A012', 'A013']);
    expect(writes(pair)).toEqual([
      ...STATUS_REQUESTS,
      [...job, ...encodeFence(a.jobId)],
      ...STATUS_REQUESTS,
      [...second, ...encodeFence(b.jobId)],
    ]);
  });

  it('fails a pending print with disconnected at once when the cable is pulled', async () => {
    const { pair, sim, printer } = setup({ fenceTimeoutMs: 5000 });
    sim.stall();
    const printing = watch(failureOf(printer.print(job), PrintFailure));
    await settle();
    expect(pair.appWrites).toHaveLength(2); // the status request, then the ticket
    pair.unplug();
    // At once: no time passes on the clock, so no timeout can have ended it.
    await settle();
    expect(printing.settled()).toBe(true);
    const failure = await printing.promise;
    expect(failure.reason).toBe('disconnected');
    expect(failure.sent).toBe(true);

    expect(await printer.condition()).toBe('no-answer');
    const next = await failureOf(printer.print(job), PrintFailure);
    expect(next.reason).toBe('disconnected');
    expect(next.sent).toBe(false);
  });

  it('fails pending work with disconnected when closed', async () => {
    const { sim, printer } = setup({ fenceTimeoutMs: 5000 });
    sim.stall();
    const printing = failureOf(printer.print(job), PrintFailure);
    await settle();
    await printer.close();
    expect((await printing).reason).toBe('disconnected');
    expect((await failureOf(printer.print(job), PrintFailure)).reason).toBe('disconnected');
  });
});

describe('EscPosTicketPrinter.condition', () => {
  it('reads each condition the simulator can be in', async () => {
    const { sim, printer } = setup();
    for (const mode of ['ready', 'paper-near-end', 'paper-out', 'cover-open', 'offline', 'error'] as const) {
      sim.setMode(mode);
      expect(await printer.condition()).toBe(mode);
    }
  });

  it('tells listeners about changes only', async () => {
    const { pair, sim, printer } = setup();
    const seen: PrinterCondition[] = [];
    printer.onCondition((condition) => seen.push(condition));
    await printer.condition();
    await printer.condition();
    sim.setMode('paper-out');
    await printer.condition();
    await failureOf(printer.print(job), PrintFailure);
    sim.setMode('ready');
    await printer.print(job);
    pair.unplug();
    expect(seen).toEqual(['ready', 'paper-out', 'ready', 'no-answer']);
  });

  it('answers no-answer within the status timeout when nothing is connected', async () => {
    const { printer, clock } = setup({ statusTimeoutMs: 100 }, false);
    const condition = watch(printer.condition());
    await clock.advance(99);
    expect(condition.settled()).toBe(false);
    await clock.advance(1);
    expect(condition.settled()).toBe(true);
    expect(await condition.promise).toBe('no-answer');
  });
});
