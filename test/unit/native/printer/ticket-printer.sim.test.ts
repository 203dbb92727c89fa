import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryPortPair } from '../../../../native/port/memory-byte-port';
import { encodeFence, encodeFenceAnswer, encodeStatusRequest } from '../../../../native/printer/escpos.codec';
import {
  PrinterSimulator,
  escPosCommandLength,
  type DiscardedJob,
  type PrinterSimulatorMode,
} from '../../../../native/printer/ticket-printer.sim';
import { layoutTicket } from '../../../../native/printer/ticket.layout';
import { ManualClock, settle } from '../../../support/manual-clock';

const tmp = mkdtempSync(join(tmpdir(), 'okienko-sim-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const ukrainianJob = layoutTicket(
  {
    office: 'Urząd Miasta Łódź',
    service: 'Паспорти — Їжак, ґанок, Єва',
    number: 'B007',
    issued: '09:12',
    lines: ['Перед вами: 3 особи'],
  },
  { model: 'generic', columns: 42 },
);

/** A simulator with the test playing the application: what it writes, and what comes back. */
function bench(mode: PrinterSimulatorMode = 'ready', outputFile?: string) {
  const pair = createMemoryPortPair('sim-test');
  const sim = new PrinterSimulator(pair.device, { mode, ...(outputFile ? { outputFile } : {}) });
  const answers: number[] = [];
  const events: string[] = [];
  pair.app.onData((chunk) => {
    answers.push(...chunk);
    events.push(`answer ${[...chunk].map((byte) => byte.toString(16)).join(' ')}`);
  });
  sim.onPrinted((ticket) => events.push(`printed ${ticket.index}`));
  const discarded: DiscardedJob[] = [];
  sim.onDiscarded((job) => discarded.push(job));
  const send = async (...chunks: Uint8Array[]): Promise<void> => {
    for (const chunk of chunks) await pair.app.write(chunk);
    await settle();
  };
  return { pair, sim, answers, events, discarded, send };
}

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

describe('PrinterSimulator', () => {
  it.each<[PrinterSimulatorMode, number[]]>([
    ['ready', [0x12, 0x12, 0x12, 0x12]],
    ['paper-near-end', [0x12, 0x12, 0x12, 0x1e]],
    ['paper-out', [0x1a, 0x32, 0x12, 0x7e]],
    ['cover-open', [0x1a, 0x16, 0x12, 0x12]],
    ['offline', [0x1a, 0x12, 0x12, 0x12]],
  ])('answers DLE EOT 1..4 in %s mode with %j', async (mode, expected) => {
    const { answers, send } = bench(mode);
    await send(encodeStatusRequest(1), encodeStatusRequest(2), encodeStatusRequest(3), encodeStatusRequest(4));
    expect(answers).toEqual(expected);
  });

  it('prints the same ticket whether the bytes come whole or one at a time', async () => {
    const whole = bench();
    await whole.send(ukrainianJob);
    const trickle = bench();
    await trickle.send(...[...ukrainianJob].map((byte) => bytes(byte)));
    expect(whole.sim.printed).toHaveLength(1);
    expect(trickle.sim.printed).toHaveLength(1);
    const { firstByteAt: _a, lastByteAt: _b, ...wholeTicket } = whole.sim.printed[0]!;
    const { firstByteAt: _c, lastByteAt: _d, ...trickledTicket } = trickle.sim.printed[0]!;
    expect(trickledTicket).toEqual(wholeTicket);
  });

  it('decodes Polish in CP852 and Ukrainian in WPC1251, following ESC t', async () => {
    const { sim, send } = bench();
    await send(ukrainianJob);
    const lines = sim.printed[0]!.lines.map((line) => line.trim());
    expect(lines).toContain('Urząd Miasta Łódź');
    expect(lines).toContain('Паспорти - Їжак, ґанок, Єва');
    expect(lines).toContain('Перед вами: 3 особи');
    expect(sim.printed[0]!.largeLines).toEqual(['B007']);
  });

  it('reads the same byte by the code page in force: 9D is ¥ in CP437 and Ł in CP852', async () => {
    const { sim, send } = bench();
    await send(
      bytes(0x1b, 0x40, 0x9d, 0x0a, 0x1b, 0x74, 0x12, 0x9d, 0x0a, 0x1b, 0x74, 0x63, 0x9d, 0x0a, 0x1d, 0x56, 0x00),
    );
    expect(sim.printed[0]!.lines).toEqual(['¥', 'Ł', '\ufffd']);
    expect(sim.printed[0]!.cut).toBe('full');
  });

  it('answers a fence only after the ticket before it is printed', async () => {
    const { events, send } = bench();
    await send(ukrainianJob, encodeFence('0001'));
    expect(events).toEqual([
      'printed 1',
      `answer ${[...encodeFenceAnswer('0001')].map((byte) => byte.toString(16)).join(' ')}`,
    ]);
  });

  it.each<PrinterSimulatorMode>(['paper-out', 'cover-open', 'offline', 'error'])(
    'in %s mode throws the ticket away and leaves its fence unanswered',
    async (mode) => {
      const { sim, answers, discarded, send } = bench(mode);
      await send(ukrainianJob, encodeFence('0002'));
      expect(sim.printed).toHaveLength(0);
      expect(answers).toEqual([]);
      expect(discarded).toEqual([expect.objectContaining({ bytes: ukrainianJob.length, mode })]);
    },
  );

  it('does not glue a ticket interrupted by a fault to the next one', async () => {
    const { sim, discarded, send } = bench();
    const half = Math.floor(ukrainianJob.length / 2);
    await send(ukrainianJob.slice(0, half));
    sim.setMode('paper-out');
    await send(ukrainianJob.slice(half, half + 10));
    sim.setMode('ready');
    expect(discarded).toHaveLength(1);
    await send(ukrainianJob);
    expect(sim.printed).toHaveLength(1);
    expect(sim.printed[0]!.bytes).toEqual(ukrainianJob);
  });

  it('when stalled answers status at once but holds the ticket and its fence until resumed', async () => {
    const { sim, answers, send } = bench();
    sim.stall();
    await send(ukrainianJob, encodeFence('0003'), encodeStatusRequest(1));
    expect(answers).toEqual([0x12]);
    expect(sim.printed).toHaveLength(0);
    sim.resume();
    await settle();
    expect(sim.printed).toHaveLength(1);
    expect(answers).toEqual([0x12, ...encodeFenceAnswer('0003')]);
  });

  it('ends a ticket that never got its cut when the next one starts', async () => {
    const { sim, send } = bench();
    await send(bytes(0x1b, 0x40, 0x41, 0x0a), bytes(0x1b, 0x40, 0x42, 0x0a, 0x1d, 0x56, 0x42, 0x03));
    expect(sim.printed.map((ticket) => [ticket.lines, ticket.cut])).toEqual([
      [['A'], 'none'],
      [['B'], 'partial'],
    ]);
  });

  it('appends printed tickets to the output file, one after another', async () => {
    const file = join(tmp, 'roll.txt');
    const { send } = bench('ready', file);
    await send(ukrainianJob);
    await send(
      layoutTicket(
        {
          office: 'Urząd',
          service: 'Meldunki',
          number: 'C001',
          issued: '09:13',
          lines: [],
          qr: 'https://x.example/C001',
        },
        { model: 'generic', columns: 42 },
      ),
    );
    const roll = readFileSync(file, 'utf8');
    expect(roll.match(/^----- ticket \d+/gm)).toEqual(['----- ticket 1', '----- ticket 2']);
    expect(roll).toContain('Паспорти - Їжак');
    expect(roll).toContain('[QR] https://x.example/C001');
  });
});

describe('escPosCommandLength', () => {
  it('knows the lengths of the commands a ticket uses', () => {
    const cases: [number[], number][] = [
      [[0x41], 1],
      [[0x1b, 0x40], 2],
      [[0x1b, 0x74, 0x12], 3],
      [[0x1d, 0x21, 0x55], 3],
      [[0x1d, 0x56, 0x01], 3],
      [[0x1d, 0x56, 0x42, 0x03], 4],
      [[0x10, 0x04, 0x01], 3],
      [[0x1c, 0x2e], 2],
      [[...encodeFence('ABCD')], 11],
      [[0x1d, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00], 9],
    ];
    for (const [command, length] of cases)
      expect(escPosCommandLength(Uint8Array.from([...command, 0x41]), 0), command.join(' ')).toBe(length);
  });

  it('waits for the rest of a command cut short', () => {
    expect(escPosCommandLength(bytes(0x1b), 0)).toBeUndefined();
    expect(escPosCommandLength(bytes(0x1d, 0x28, 0x6b, 0x10), 0)).toBeUndefined();
    expect(escPosCommandLength(bytes(0x1d, 0x28, 0x6b, 0x05, 0x00, 0x31, 0x50), 0)).toBeUndefined();
    expect(escPosCommandLength(bytes(0x1d, 0x56, 0x41), 0)).toBeUndefined();
  });
});

describe('PrinterSimulator line emulation', () => {
  it('answers a fence no sooner than the line could have carried the job', async () => {
    const pair = createMemoryPortPair('line-test');
    const clock = new ManualClock();
    const sim = new PrinterSimulator(pair.device, { lineBaudRate: 9600, timers: clock });
    let answeredAt: number | undefined;
    pair.app.onData(() => (answeredAt = clock.now()));
    const job = layoutTicket(
      { office: 'Urząd', service: 'Kasa', number: 'K1', issued: '10:00', lines: [] },
      { model: 'generic', columns: 42 },
    );
    await pair.app.write(job);
    await pair.app.write(encodeFence('0001'));
    // 10 bit times a byte: the job and its 11-byte fence take this long to cross the line.
    const limitMs = ((job.length + 11) * 10 * 1000) / 9600;
    await clock.advance(limitMs - 1);
    expect(answeredAt).toBeUndefined();
    await clock.advance(2);
    // At the moment the fence's last byte crossed (to rounding: the line time is fractional).
    expect(answeredAt).toBeCloseTo(limitMs, 6);
    expect(sim.printed).toHaveLength(1);
    sim.detach();
  });
});

describe('PrinterSimulator paper running out and re-initialisation', () => {
  const job = (number: string): Uint8Array =>
    layoutTicket(
      { office: 'Urząd', service: 'Kasa', number, issued: '10:00', lines: [] },
      { model: 'generic', columns: 42 },
    );

  it('runs out of paper after n tickets: the last one is confirmed, then it reports paper out and prints nothing', async () => {
    const { sim, answers, send } = bench();
    const modes: string[] = [];
    sim.onModeChanged((mode) => modes.push(mode));
    sim.runOutOfPaperAfter(2);
    await send(job('K1'), encodeFence('0001'), job('K2'), encodeFence('0002'));
    expect(sim.mode).toBe('paper-out');
    expect(modes).toEqual(['paper-out']);
    expect(answers).toEqual([...encodeFenceAnswer('0001'), ...encodeFenceAnswer('0002')]);
    await send(job('K3'), encodeFence('0003'));
    expect(sim.printed.map((ticket) => ticket.largeLines[0])).toEqual(['K1', 'K2']);
    expect(answers).toHaveLength(14);
  });

  it('takes ESC @ and a code page without text (a driver re-initialising) for no ticket', async () => {
    const { sim, send, discarded } = bench();
    await send(bytes(0x1b, 0x40, 0x1c, 0x2e, 0x1b, 0x4d, 0x00, 0x1b, 0x74, 0x12));
    await send(job('K4'));
    expect(sim.printed).toHaveLength(1);
    expect(sim.printed[0]!.bytes).toEqual(job('K4'));
    expect(discarded).toEqual([]);
  });
});
