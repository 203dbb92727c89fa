import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BytePort } from '../../../../native/port/byte-port';
import { createMemoryPortPair, type MemoryPortPair } from '../../../../native/port/memory-byte-port';
import { encodeFenceAnswer } from '../../../../native/printer/escpos.codec';
import {
  RobustTicketPrinter,
  type ResolvedJob,
  type RobustTicketPrinterOptions,
  type UnknownJob,
} from '../../../../native/printer/robust-printer';
import { PrinterSimulator, type PrinterSimulatorMode } from '../../../../native/printer/ticket-printer.sim';
import { PrintFailure, type PrinterCondition, type TicketLayoutInput } from '../../../../native/printer/ticket-printer';
import { layoutInit, layoutTicket } from '../../../../native/printer/ticket.layout';
import { failureOf } from '../../../support/failure';

const layout = { model: 'generic', columns: 42 } as const;
const ticketInput = (number: string, duplicate?: string): TicketLayoutInput => ({
  office: 'Urząd Miasta Łódź',
  service: 'Dowody osobiste',
  number,
  issued: '14.03.2025, 09:12',
  lines: ['Przed Tobą: 3 osoby'],
  duplicate,
});
const ticket = (number: string, duplicate?: string): Uint8Array => layoutTicket(ticketInput(number, duplicate), layout);
const INIT = layoutInit(layout);
const STATUS_REQUEST = [0x10, 0x04, 0x01, 0x10, 0x04, 0x02, 0x10, 0x04, 0x03, 0x10, 0x04, 0x04];

/** The printer's USB plug: every open is a fresh cable (memory pair) with the printer on it. */
class Plug {
  plugged = true;
  mode: PrinterSimulatorMode = 'ready';
  /** A printer that takes bytes but never answers (wrong baud rate, or a rebooted TCP peer). */
  mute = false;
  readonly cables: { pair: MemoryPortPair; sim: PrinterSimulator }[] = [];
  opens = 0;

  readonly open = async (): Promise<BytePort> => {
    this.opens++;
    if (!this.plugged) throw new Error('ENOENT: /dev/ttyUSB0');
    const pair = createMemoryPortPair(`cable${this.cables.length + 1}`);
    const sim = new PrinterSimulator(pair.device, { mode: this.mode });
    if (this.mute) sim.detach();
    this.cables.push({ pair, sim });
    return pair.app;
  };

  get current(): { pair: MemoryPortPair; sim: PrinterSimulator } {
    const cable = this.cables.at(-1);
    if (!cable) throw new Error('never opened');
    return cable;
  }

  /** Every ticket printed on any cable, by its large line (the number). */
  printed(): string[] {
    return this.cables.flatMap((cable) => cable.sim.printed.map((printed) => printed.largeLines.join(' ')));
  }

  /** Writes on the current cable: status requests, init, jobs. */
  writes(): number[][] {
    return this.current.pair.appWrites.map((chunk) => [...chunk]);
  }

  pull(): void {
    this.plugged = false;
    this.current.pair.unplug();
  }
}

let printers: RobustTicketPrinter[] = [];

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(async () => {
  for (const printer of printers) await printer.close();
  printers = [];
  vi.useRealTimers();
});

function setup(options: Partial<RobustTicketPrinterOptions> = {}): {
  plug: Plug;
  printer: RobustTicketPrinter;
  conditions: PrinterCondition[];
} {
  const plug = new Plug();
  const printer = new RobustTicketPrinter({
    open: plug.open,
    init: INIT,
    heartbeatMs: 4000,
    statusTimeoutMs: 100,
    fenceTimeoutMs: 2000,
    ...options,
  });
  printers.push(printer);
  const conditions: PrinterCondition[] = [];
  printer.onCondition((condition) => conditions.push(condition));
  return { plug, printer, conditions };
}

/** Starts a promise and runs the fake clock until it settles. */
async function run<T>(promise: Promise<T>, stepMs = 10, limitMs = 60_000): Promise<T> {
  let done = false;
  const tracked = promise.finally(() => (done = true));
  tracked.catch(() => undefined);
  for (let elapsed = 0; !done && elapsed < limitMs; elapsed += stepMs) await vi.advanceTimersByTimeAsync(stepMs);
  return tracked;
}

const isStatusRequest = (chunk: number[]): boolean =>
  chunk.length === STATUS_REQUEST.length && chunk.every((byte, i) => byte === STATUS_REQUEST[i]);

describe('RobustTicketPrinter: connecting and re-initialising', () => {
  it('connects, re-initialises with ESC @ and the code page, then says how the printer is', async () => {
    const { plug, printer, conditions } = setup();
    expect(printer.linkState).toBe('connecting');
    await vi.advanceTimersByTimeAsync(50);
    expect(printer.linkState).toBe('connected');
    const writes = plug.writes();
    expect(writes[0]).toEqual([...INIT]);
    expect(INIT.slice(0, 2)).toEqual(Uint8Array.of(0x1b, 0x40));
    expect([...INIT.slice(-3)]).toEqual([0x1b, 0x74, 18]);
    expect(isStatusRequest(writes[1]!)).toBe(true);
    expect(conditions).toEqual(['ready']);
  });

  it('prints and the bare init before it is not taken for a ticket', async () => {
    const { plug, printer } = setup();
    const receipt = await run(printer.print(ticket('A001'), { tag: 'ticket-1' }));
    expect(receipt.tag).toBe('ticket-1');
    expect(plug.printed()).toEqual(['A001']);
    expect(plug.current.sim.printed[0]!.bytes).toEqual(ticket('A001'));
  });

  it('waits a little for a link that is still connecting, and refuses with no-answer when none comes', async () => {
    const { plug, printer } = setup({ connectWaitMs: 1500 });
    plug.plugged = false;
    await vi.advanceTimersByTimeAsync(10);
    const started = Date.now();
    const failure = await run(failureOf(printer.print(ticket('A002')), PrintFailure));
    expect(failure.reason).toBe('no-answer');
    expect(failure.sent).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
    expect(failure.message).toMatch(/ENOENT/);
    expect(await printer.condition()).toBe('no-answer');
  });
});

describe('RobustTicketPrinter: heartbeat', () => {
  it('asks DLE EOT 1..4 every heartbeat while idle, never during a job, and again a heartbeat after it', async () => {
    const { plug, printer } = setup({ heartbeatMs: 4000, fenceTimeoutMs: 30_000 });
    await vi.advanceTimersByTimeAsync(50);
    const statusRequests = (): number => plug.writes().filter(isStatusRequest).length;
    expect(statusRequests()).toBe(1); // the check right after connecting
    await vi.advanceTimersByTimeAsync(12_000);
    expect(statusRequests()).toBe(4);

    // A job the printer takes 20 s to finish: no heartbeat may land in the middle of it.
    plug.current.sim.stall();
    const printing = printer.print(ticket('A003'));
    await vi.advanceTimersByTimeAsync(100);
    const duringJob = statusRequests();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(statusRequests()).toBe(duringJob);
    plug.current.sim.resume();
    await run(printing);
    const afterJob = statusRequests();
    await vi.advanceTimersByTimeAsync(3900);
    expect(statusRequests()).toBe(afterJob);
    await vi.advanceTimersByTimeAsync(200);
    expect(statusRequests()).toBe(afterJob + 1);
  });

  it('reports condition changes it finds while idle', async () => {
    const { plug, conditions } = setup();
    await vi.advanceTimersByTimeAsync(50);
    plug.current.sim.setMode('paper-near-end');
    await vi.advanceTimersByTimeAsync(4100);
    plug.current.sim.setMode('cover-open');
    await vi.advanceTimersByTimeAsync(4100);
    expect(conditions).toEqual(['ready', 'paper-near-end', 'cover-open']);
  });

  it('rebuilds the port after three unanswered heartbeats on a port that looks open', async () => {
    const { plug, printer } = setup({ rebuildAfterSilences: 3 });
    plug.mute = true;
    await vi.advanceTimersByTimeAsync(150);
    expect(plug.opens).toBe(1);
    expect(printer.lastCondition).toBe('no-answer');
    await vi.advanceTimersByTimeAsync(8500); // the silent checks at 0, 4.1, 8.2 s
    await vi.advanceTimersByTimeAsync(600); // + 0.5 s back-off
    expect(plug.opens).toBe(2);
    plug.mute = false;
    await vi.advanceTimersByTimeAsync(5000);
    await vi.advanceTimersByTimeAsync(14_000);
    expect(printer.linkState).toBe('connected');
    expect(printer.lastCondition).toBe('ready');
  });
});

describe('RobustTicketPrinter: unplug and replug', () => {
  it('goes to no-answer at once, rebuilds with back-off, re-initialises, and prints again; nothing is reprinted', async () => {
    const { plug, printer, conditions } = setup();
    await run(printer.print(ticket('A010')));
    const states: string[] = [];
    printer.onLinkState((status) => states.push(status.state));

    plug.pull();
    await vi.advanceTimersByTimeAsync(1);
    expect(conditions.at(-1)).toBe('no-answer');
    expect(printer.linkState).toBe('reconnecting');
    const opensBefore = plug.opens;
    const pulledAt = Date.now();
    // A visitor presses the button meanwhile: refused after a short wait, nothing sent.
    const refused = await run(failureOf(printer.print(ticket('A011')), PrintFailure));
    expect(refused.reason).toBe('no-answer');
    expect(refused.sent).toBe(false);
    await vi.advanceTimersByTimeAsync(pulledAt + 3600 - Date.now()); // attempts at +0.5, +1.5, +3.5 s
    expect(plug.opens - opensBefore).toBe(3);
    plug.plugged = true;
    await vi.advanceTimersByTimeAsync(5100);
    expect(printer.linkState).toBe('connected');
    expect(states).toEqual(['reconnecting', 'connected']);
    expect(plug.writes()[0]).toEqual([...INIT]);
    expect(conditions.slice(-2)).toEqual(['no-answer', 'ready']);

    await run(printer.print(ticket('A012')));
    expect(plug.printed()).toEqual(['A010', 'A012']);
  });
});

describe('RobustTicketPrinter: jobs in doubt', () => {
  it('keeps a job whose fence never came back as unknown, and marks it printed when the late answer comes', async () => {
    const { plug, printer } = setup({ fenceTimeoutMs: 1000 });
    const unknown: UnknownJob[] = [];
    const resolved: ResolvedJob[] = [];
    printer.onUnknownJob((job) => unknown.push(job));
    printer.onJobResolved((job) => resolved.push(job));
    await vi.advanceTimersByTimeAsync(50);
    plug.current.sim.stall();

    const job = ticket('A020');
    const failure = await run(failureOf(printer.print(job, { tag: 'T-20' }), PrintFailure));
    expect(failure.reason).toBe('unconfirmed');
    expect(failure.sent).toBe(true);
    expect(failure.jobId).toMatch(/^[0-9A-Z]{4}$/);
    expect(printer.unknownJobs()).toEqual([
      {
        jobId: failure.jobId,
        at: expect.any(Number),
        bytes: job.length,
        reason: 'unconfirmed',
        condition: 'ready',
        tag: 'T-20',
      },
    ]);
    expect(unknown).toHaveLength(1);

    plug.current.sim.resume();
    await vi.advanceTimersByTimeAsync(10);
    expect(resolved).toEqual([{ job: unknown[0], outcome: 'printed', by: 'printer', at: expect.any(Number) }]);
    expect(printer.unknownJobs()).toEqual([]);
    expect(plug.printed()).toEqual(['A020']);
  });

  it('catches a late answer that arrives while the driver still asks why the fence was late', async () => {
    const plug = new Plug();
    // A printer of its own: answers status at once, but the fence only together with the next
    // status answer, i.e. after the driver gave up waiting for it.
    let fenceId: string | undefined;
    const open = async (): Promise<BytePort> => {
      const pair = createMemoryPortPair('late');
      plug.cables.push({ pair, sim: new PrinterSimulator(createMemoryPortPair('unused').device) });
      pair.device.onData((chunk) => {
        const tail = chunk.slice(-11);
        if (tail[0] === 0x1d && tail[1] === 0x28 && tail[2] === 0x48) fenceId = String.fromCharCode(...chunk.slice(-4));
        else if (chunk[0] === 0x10) {
          const late = fenceId;
          fenceId = undefined;
          void (async () => {
            if (late) await pair.device.write(encodeFenceAnswer(late));
            await pair.device.write(Uint8Array.of(0x12, 0x12, 0x12, 0x12));
          })();
        }
      });
      return pair.app;
    };
    const printer = new RobustTicketPrinter({ open, heartbeatMs: 0, statusTimeoutMs: 100, fenceTimeoutMs: 500 });
    printers.push(printer);
    const resolved: ResolvedJob[] = [];
    printer.onJobResolved((job) => resolved.push(job));
    await vi.advanceTimersByTimeAsync(10);

    const failure = await run(failureOf(printer.print(ticket('A021')), PrintFailure));
    expect(failure.reason).toBe('unconfirmed');
    expect(resolved.map((entry) => [entry.job.jobId, entry.outcome, entry.by])).toEqual([
      [failure.jobId, 'printed', 'printer'],
    ]);
    expect(printer.unknownJobs()).toEqual([]);
  });

  it('records a job cut off by an unplug as unknown, never resends it, and marks a reprint a person asked for', async () => {
    const { plug, printer } = setup({ fenceTimeoutMs: 30_000 });
    await vi.advanceTimersByTimeAsync(50);
    plug.current.sim.stall();
    const printing = failureOf(printer.print(ticket('A030'), { tag: 'T-30' }), PrintFailure);
    await vi.advanceTimersByTimeAsync(50);
    plug.pull();
    const failure = await run(printing);
    expect(failure.reason).toBe('disconnected');
    expect(failure.sent).toBe(true);
    expect(printer.unknownJobs()).toMatchObject([{ jobId: failure.jobId, reason: 'disconnected', tag: 'T-30' }]);

    plug.plugged = true;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(printer.linkState).toBe('connected');
    // Reconnected and idle for a while: the job was not sent again.
    expect(plug.writes().filter((chunk) => chunk.length > 20)).toEqual([]);
    expect(printer.unknownJobs()).toHaveLength(1);

    // A person looks at the printer, finds no ticket, and asks for a duplicate with the same number.
    const resolved: ResolvedJob[] = [];
    printer.onJobResolved((entry) => resolved.push(entry));
    const receipt = await run(printer.print(ticket('A030', 'DUPLIKAT'), { tag: 'T-30', duplicateOf: failure.jobId }));
    expect(receipt.duplicateOf).toBe(failure.jobId);
    expect(resolved.map((entry) => [entry.job.jobId, entry.outcome, entry.by])).toEqual([
      [failure.jobId, 'reprinted', 'person'],
    ]);
    expect(printer.unknownJobs()).toEqual([]);
    const reprint = plug.current.sim.printed[0]!;
    expect(reprint.largeLines).toEqual(['DUPLIKAT', 'A030']);
  });

  it('lets a person settle an unknown job', async () => {
    const { plug, printer } = setup({ fenceTimeoutMs: 500 });
    await vi.advanceTimersByTimeAsync(50);
    plug.current.sim.stall();
    const failure = await run(failureOf(printer.print(ticket('A040')), PrintFailure));
    expect(printer.resolveUnknownJob('NOPE', 'printed')).toBe(false);
    expect(printer.resolveUnknownJob(failure.jobId!, 'not-printed')).toBe(true);
    expect(printer.unknownJobs()).toEqual([]);
  });

  it('refuses without sending when the paper ran out, and records nothing', async () => {
    const { plug, printer } = setup();
    plug.mode = 'paper-out';
    const failure = await run(failureOf(printer.print(ticket('A050')), PrintFailure));
    expect(failure.reason).toBe('paper-out');
    expect(failure.sent).toBe(false);
    expect(printer.unknownJobs()).toEqual([]);
  });

  it('stops its heartbeat and the link on close', async () => {
    const { plug, printer } = setup();
    await vi.advanceTimersByTimeAsync(50);
    await printer.close();
    const writes = plug.writes().length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(plug.writes()).toHaveLength(writes);
    expect(printer.linkState).toBe('closed');
    expect(plug.current.pair.app.isOpen).toBe(false);
    expect((await failureOf(printer.print(ticket('A060')), PrintFailure)).reason).toBe('disconnected');
  });
});
