/**
 * An ESC/POS ticket printer on the device side of a BytePort, for tests, the bench and
 * `npm run sim`. It plays an Epson-compatible 80 mm printer closely enough for the driver to be
 * tested as it will meet real hardware: real-time status answered at once, the completion fence
 * answered only after everything before it was processed, and nothing answered or printed while
 * the printer cannot print. It also reads the tickets back (text in the active code page, QR
 * data) so a test can check what a visitor would hold in their hand.
 */
import { appendFileSync } from 'node:fs';
import { PRINTER_STATUSES } from '../../electron/common/contract/printer';
import type { BytePort } from '../port/byte-port';
import { realTimers, type Timers } from '../../electron/common/timers';
import {
  FIRMWARE_CODE_PAGES,
  decodeCodepage,
  encodeFenceAnswer,
  isValidFenceId,
  type Codepage,
  type PrinterFirmware,
} from './escpos.codec';
import type { PrinterCondition } from './ticket-printer';

/** A condition the printer reports of itself: any but the silence of `no-answer`. */
export type PrinterSimulatorMode = Exclude<PrinterCondition, 'no-answer'>;

export const PRINTER_SIMULATOR_MODES: readonly PrinterSimulatorMode[] = PRINTER_STATUSES.filter(
  (status): status is PrinterSimulatorMode => status !== 'no-answer' && status !== 'not-configured',
);

export function isPrinterSimulatorMode(value: string): value is PrinterSimulatorMode {
  return (PRINTER_SIMULATOR_MODES as readonly string[]).includes(value);
}

/**
 * DLE EOT 1..4 answers per mode, as an Epson sends them. Out of paper is the set recorded from a
 * real printer; the others set the bits Epson documents for the cause plus the offline bit
 * (n=1, bit 3) a printer sets whenever it cannot print.
 */
const STATUS_ANSWERS: Readonly<Record<PrinterSimulatorMode, readonly [number, number, number, number]>> = {
  ready: [0x12, 0x12, 0x12, 0x12],
  'paper-near-end': [0x12, 0x12, 0x12, 0x1e],
  'paper-out': [0x1a, 0x32, 0x12, 0x7e],
  'cover-open': [0x1a, 0x16, 0x12, 0x12],
  offline: [0x1a, 0x12, 0x12, 0x12],
  // A cutter jam: offline and waiting for recovery, "error" in n=2, "autocutter" in n=3.
  error: [0x3a, 0x52, 0x1a, 0x12],
};

const canPrint = (mode: PrinterSimulatorMode): boolean => mode === 'ready' || mode === 'paper-near-end';

/** One ticket as it came out of the simulated printer. */
export interface SimulatedTicket {
  /** 1 for the first ticket this simulator printed. */
  readonly index: number;
  /** The job's bytes from its first command to its cut, without status requests and fences. */
  readonly bytes: Uint8Array;
  /** Printed lines, decoded from their code page, trailing spaces removed. */
  readonly lines: readonly string[];
  /** Lines printed at double size or larger (the ticket number), trimmed. */
  readonly largeLines: readonly string[];
  /** The data of the QR code printed on the ticket, if any. */
  readonly qr: string | undefined;
  readonly cut: 'full' | 'partial' | 'none';
  readonly firstByteAt: number;
  readonly lastByteAt: number;
}

/** Print data the printer received but threw away because it could not print. */
export interface DiscardedJob {
  readonly bytes: number;
  readonly mode: PrinterSimulatorMode;
  readonly at: number;
}

export interface PrinterSimulatorOptions {
  readonly mode?: PrinterSimulatorMode;
  /** Append every printed ticket as text to this file. */
  readonly outputFile?: string;
  /**
   * Emulate a serial line of this speed: each byte "arrives" 10 bit-times after the one before,
   * so answers (fences above all) come back no sooner than a real line would allow. A
   * pseudo-terminal has no speed of its own, so without this a benchmark could not see whether a
   * driver leaves the line idle between writes.
   */
  readonly lineBaudRate?: number;
  /** The clock for receive times; the timers' own clock by default. */
  readonly now?: () => number;
  /** The emulated line's timer; tests pass a manual clock. */
  readonly timers?: Timers;
  /**
   * Whose code page numbers the firmware follows (default Epson). A Star in line mode selects
   * pages with `ESC GS t n` and ignores `ESC t`; the others the reverse.
   */
  readonly firmware?: PrinterFirmware;
  /** A code page table of its own, for models outside the recorded families (number → page). */
  readonly codePages?: Readonly<Record<number, Codepage>>;
}

interface Command {
  readonly bytes: Uint8Array;
  readonly receivedAt: number;
}

interface OpenJob {
  readonly chunks: Uint8Array[];
  readonly lines: string[];
  readonly largeLines: string[];
  readonly firstByteAt: number;
  lastByteAt: number;
  line: string;
  lineSize: number;
  qrStored: string | undefined;
  qrPrinted: string | undefined;
  spoiled: PrinterSimulatorMode | undefined;
}

/** ESC commands of a fixed length, by their second byte; any other is taken as three bytes. */
const ESC_LENGTHS: Readonly<Record<number, number>> = {
  ...Object.fromEntries([0x40, 0x32, 0x3c, 0x69, 0x6d, 0x34, 0x35, 0x4c, 0x53, 0x0c].map((second) => [second, 2])),
  0x24: 4,
  0x5c: 4,
  0x63: 4,
  0x1d: 4, // ESC GS t n (Star)
  0x70: 5, // ESC p m t1 t2: drawer pulse
  0x57: 10, // ESC W: print area
};

/** GS commands of a fixed length, by their second byte; any other is taken as three bytes. */
const GS_LENGTHS: Readonly<Record<number, number>> = { 0x4c: 4, 0x57: 4, 0x50: 4, 0x24: 4, 0x5c: 4 };

/** The bytes of a buffer from one command's start, and what a command's length needs of them. */
class CommandBytes {
  constructor(
    readonly buffer: Uint8Array,
    readonly at: number,
  ) {}

  byte(offset: number): number | undefined {
    return this.buffer[this.at + offset];
  }

  /** `length` when that many bytes are there, undefined while more are needed. */
  need(length: number): number | undefined {
    return this.buffer.length - this.at >= length ? length : undefined;
  }

  /** The length up to and including `terminator`, searched from `start`. */
  terminatedBy(start: number, terminator: number): number | undefined {
    for (let i = this.at + start; i < this.buffer.length; i++)
      if (this.buffer[i] === terminator) return i - this.at + 1;
    return undefined;
  }

  /** A command whose 16-bit little-endian data length ends its `header` bytes. */
  lengthPrefixed(header: number): number | undefined {
    const low = this.byte(header - 2);
    const high = this.byte(header - 1);
    return low === undefined || high === undefined ? undefined : this.need(header + low + high * 256);
  }
}

/**
 * Length of the ESC/POS command starting at `at`, or undefined when more bytes are needed. Covers
 * what the encoder emits and what a driver sends; an unknown ESC or GS command is taken as three
 * bytes (most are `ESC x n`). A text byte is a command of length one.
 */
export function escPosCommandLength(buffer: Uint8Array, at: number): number | undefined {
  const command = new CommandBytes(buffer, at);
  const first = command.byte(0);
  if (first === undefined) return undefined;
  if (first !== 0x1b && first !== 0x1d && first !== 0x10 && first !== 0x1c) return 1;
  const second = command.byte(1);
  if (second === undefined) return undefined;
  switch (first) {
    case 0x1b:
      return escLength(command, second);
    case 0x1d:
      return gsLength(command, second);
    case 0x10: // DLE
      return second === 0x14 ? command.need(5) : command.need(3);
    default: // FS
      if (second === 0x2e || second === 0x26) return 2;
      if (second === 0x28) return command.lengthPrefixed(5);
      if (second === 0x70) return command.need(4);
      return command.need(3);
  }
}

function escLength(command: CommandBytes, second: number): number | undefined {
  const fixed = ESC_LENGTHS[second];
  if (fixed !== undefined) return command.need(fixed);
  if (second === 0x44) return command.terminatedBy(2, 0x00); // ESC D: tab stops, NUL-terminated
  if (second !== 0x2a) return command.need(3);
  // ESC * m nL nH d…: bit image
  const mode = command.byte(2);
  const low = command.byte(3);
  const high = command.byte(4);
  if (mode === undefined || low === undefined || high === undefined) return undefined;
  const columns = low + high * 256;
  return command.need(5 + (mode >= 32 ? columns * 3 : columns));
}

function gsLength(command: CommandBytes, second: number): number | undefined {
  const fixed = GS_LENGTHS[second];
  if (fixed !== undefined) return command.need(fixed);
  switch (second) {
    case 0x28: // GS ( x pL pH …
      return command.lengthPrefixed(5);
    case 0x56: {
      // GS V m [n]
      const mode = command.byte(2);
      if (mode === undefined) return undefined;
      return command.need([0x00, 0x01, 0x30, 0x31].includes(mode) ? 3 : 4);
    }
    case 0x6b: {
      // GS k m …: barcode
      const mode = command.byte(2);
      if (mode === undefined) return undefined;
      if (mode <= 6) return command.terminatedBy(3, 0x00);
      const length = command.byte(3);
      return length === undefined ? undefined : command.need(4 + length);
    }
    case 0x76: {
      // GS v 0 m xL xH yL yH d…: raster image
      const [xL, xH, yL, yH] = [command.byte(4), command.byte(5), command.byte(6), command.byte(7)];
      if (xL === undefined || xH === undefined || yL === undefined || yH === undefined) return undefined;
      return command.need(8 + (xL + xH * 256) * (yL + yH * 256));
    }
    case 0x38: {
      // GS 8 L p1 p2 p3 p4 …: large graphics
      const sizes = [command.byte(3), command.byte(4), command.byte(5), command.byte(6)];
      if (sizes.some((size) => size === undefined)) return undefined;
      const [p1, p2, p3, p4] = sizes as [number, number, number, number];
      return command.need(7 + p1 + p2 * 0x100 + p3 * 0x10000 + p4 * 0x1000000);
    }
    default:
      return command.need(3);
  }
}

const isRealTime = (command: Uint8Array): boolean => command[0] === 0x10 && command[1] === 0x04;

/**
 * The printer. Attach it to the device end of a port (the socat link the simulator opens, or one
 * half of a memory pair); it answers and prints until `detach()`.
 */
export class PrinterSimulator {
  #port: BytePort;
  #mode: PrinterSimulatorMode;
  readonly #outputFile: string | undefined;
  readonly #now: () => number;
  readonly #timers: Timers;
  readonly #printedListeners = new Set<(ticket: SimulatedTicket) => void>();
  readonly #discardedListeners = new Set<(job: DiscardedJob) => void>();
  readonly #unsubscribe: () => void;
  #received = new Uint8Array(0);
  #held: Command[] = [];
  #stalled = false;
  #codepage: Codepage | undefined = 'cp437';
  #size = 1;
  #job: OpenJob | undefined;
  #printedCount = 0;
  readonly #printed: SimulatedTicket[] = [];
  readonly #lineBaudRate: number | undefined;
  /** When the emulated line finishes delivering what it has been given. */
  #lineFreeAt = 0;
  readonly #inFlight: { chunk: Uint8Array; due: number }[] = [];
  #lineTimer: unknown;
  readonly #firmware: PrinterFirmware;
  readonly #codePages: Readonly<Record<number, Codepage>>;
  readonly #modeListeners = new Set<(mode: PrinterSimulatorMode) => void>();
  /** Tickets left on the roll, when a test set it; the paper ends after the last one's fence. */
  #ticketsLeft: number | undefined;

  constructor(port: BytePort, options: PrinterSimulatorOptions = {}) {
    this.#port = port;
    this.#firmware = options.firmware ?? 'epson';
    this.#codePages = options.codePages ?? FIRMWARE_CODE_PAGES[this.#firmware];
    this.#mode = options.mode ?? 'ready';
    this.#outputFile = options.outputFile;
    this.#timers = options.timers ?? realTimers;
    this.#now = options.now ?? (() => this.#timers.now());
    this.#lineBaudRate = options.lineBaudRate;
    this.#unsubscribe = port.onData((chunk) =>
      this.#lineBaudRate ? this.#transmit(chunk) : this.#receive(chunk, this.#now()),
    );
  }

  get mode(): PrinterSimulatorMode {
    return this.#mode;
  }

  /** Every ticket printed so far, oldest first. */
  get printed(): readonly SimulatedTicket[] {
    return this.#printed;
  }

  get stalled(): boolean {
    return this.#stalled;
  }

  /** Paper out, cover open… Takes effect for the next byte and the next status request. */
  setMode(mode: PrinterSimulatorMode): void {
    this.#mode = mode;
    if (mode !== 'paper-out') this.#ticketsLeft = undefined;
    for (const listener of [...this.#modeListeners]) listener(mode);
    // A job interrupted by a fault is lost, as its half-printed paper would be; it must not be
    // glued to the next ticket when the printer comes back.
    if (canPrint(mode) && this.#job?.spoiled) {
      this.#discardOpenJob();
      this.#received = new Uint8Array(0);
    }
  }

  /**
   * A stalled printer keeps answering status requests (they are real-time) but processes nothing
   * else until `resume`: a mechanism that hangs, or a very slow print. It lets tests see the
   * driver give up on a fence without the printer reporting any fault.
   */
  stall(): void {
    this.#stalled = true;
  }

  /**
   * The roll ends after `tickets` more tickets: the last one prints and is confirmed, then the
   * printer reports paper out — a queue of jobs meets the end of the paper half-way.
   */
  runOutOfPaperAfter(tickets: number): void {
    if (!Number.isInteger(tickets) || tickets < 0) throw new RangeError(`A number of tickets, not ${tickets}`);
    this.#ticketsLeft = tickets;
    if (tickets === 0) this.setMode('paper-out');
  }

  /** Called on every `setMode`, including the printer's own (paper running out). */
  onModeChanged(listener: (mode: PrinterSimulatorMode) => void): () => void {
    this.#modeListeners.add(listener);
    return () => this.#modeListeners.delete(listener);
  }

  resume(): void {
    this.#stalled = false;
    const held = this.#held;
    this.#held = [];
    for (const command of held) this.#execute(command);
  }

  onPrinted(listener: (ticket: SimulatedTicket) => void): () => void {
    this.#printedListeners.add(listener);
    return () => this.#printedListeners.delete(listener);
  }

  onDiscarded(listener: (job: DiscardedJob) => void): () => void {
    this.#discardedListeners.add(listener);
    return () => this.#discardedListeners.delete(listener);
  }

  /** Stops listening to the port; the port itself belongs to the caller. */
  detach(): void {
    this.#unsubscribe();
    if (this.#lineTimer !== undefined) this.#timers.clearTimeout(this.#lineTimer);
    this.#inFlight.length = 0;
  }

  /** Queues a chunk on the emulated line; it is received when its last byte has crossed it. */
  #transmit(chunk: Uint8Array): void {
    const now = this.#now();
    const start = Math.max(now, this.#lineFreeAt);
    this.#lineFreeAt = start + (chunk.length * 10 * 1000) / (this.#lineBaudRate ?? 1);
    this.#inFlight.push({ chunk, due: this.#lineFreeAt });
    this.#scheduleLine();
  }

  #scheduleLine(): void {
    if (this.#lineTimer !== undefined || this.#inFlight.length === 0) return;
    const next = this.#inFlight[0];
    if (!next) return;
    this.#lineTimer = this.#timers.setTimeout(
      () => {
        this.#lineTimer = undefined;
        const now = this.#now();
        while (this.#inFlight[0] && this.#inFlight[0].due <= now) {
          const arrived = this.#inFlight.shift();
          if (arrived) this.#receive(arrived.chunk, arrived.due);
        }
        this.#scheduleLine();
      },
      Math.max(0, next.due - this.#now()),
    );
  }

  #receive(chunk: Uint8Array, receivedAt: number): void {
    const buffer = new Uint8Array(this.#received.length + chunk.length);
    buffer.set(this.#received);
    buffer.set(chunk, this.#received.length);

    let at = 0;
    for (;;) {
      const length = escPosCommandLength(buffer, at);
      if (length === undefined) break;
      const command = { bytes: buffer.slice(at, at + length), receivedAt };
      at += length;
      // Real-time commands jump the queue, as on the real printer: that is why DLE EOT can
      // report a fault but cannot confirm that a ticket was printed.
      if (isRealTime(command.bytes)) this.#answerStatus(command.bytes[2] ?? 0);
      else if (this.#stalled) this.#held.push(command);
      else this.#execute(command);
    }
    this.#received = buffer.slice(at);
  }

  #answerStatus(n: number): void {
    const answer = STATUS_ANSWERS[this.#mode][n - 1];
    if (answer !== undefined) this.#send(Uint8Array.of(answer));
  }

  #send(bytes: Uint8Array): void {
    // The application end may close at any time; an answer nobody reads is not an error here.
    this.#port.write(bytes).catch(() => undefined);
  }

  #execute({ bytes, receivedAt }: Command): void {
    const [first, second] = bytes;

    // The completion fence: answered only if the printer could process everything before it.
    if (first === 0x1d && second === 0x28 && bytes[2] === 0x48) {
      const id = String.fromCharCode(...bytes.slice(7, 11));
      if (bytes[5] === 0x30 && bytes[6] === 0x30 && isValidFenceId(id) && canPrint(this.#mode)) {
        this.#send(encodeFenceAnswer(id));
        if (this.#ticketsLeft === 0) this.setMode('paper-out');
      }
      return;
    }
    // GS r 1: paper sensor status, the fallback fence; also answered only in sequence.
    if (first === 0x1d && second === 0x72) {
      if (canPrint(this.#mode) && (bytes[2] === 0x01 || bytes[2] === 0x31)) {
        this.#send(Uint8Array.of(this.#mode === 'paper-near-end' ? 0x03 : 0x00));
      }
      return;
    }

    // Line ends and CRs between tickets (the encoder ends with one after its cut) start nothing.
    if (!this.#job && (first === 0x0a || first === 0x0d)) return;

    if (first === 0x1b && second === 0x40 && this.#job) {
      // ESC @ starts a new ticket; whatever came before it without a cut ends here. Settings
      // without any text (a driver re-initialising the printer after a reconnect) are no ticket.
      if (this.#hasContent(this.#job)) this.#closeJob('none');
      else this.#job = undefined;
    }
    const job = this.#job ?? this.#openJob(receivedAt);
    job.chunks.push(bytes);
    job.lastByteAt = receivedAt;
    if (!canPrint(this.#mode)) job.spoiled ??= this.#mode;

    if (bytes.length === 1 && first !== undefined) {
      this.#printByte(job, first);
      return;
    }
    if (first === 0x1b) {
      if (second === 0x40) {
        this.#codepage = 'cp437';
        this.#size = 1;
      } else if (second === 0x74 && this.#firmware !== 'star-line') {
        this.#codepage = this.#codePages[bytes[2] ?? -1];
      } else if (second === 0x1d && bytes[2] === 0x74 && this.#firmware === 'star-line') {
        this.#codepage = this.#codePages[bytes[3] ?? -1];
      } else if (second === 0x64) {
        this.#feed(job, bytes[2] ?? 0);
      }
    } else if (first === 0x1d) {
      if (second === 0x21) {
        const n = bytes[2] ?? 0;
        this.#size = Math.max((n >> 4) + 1, (n & 0x0f) + 1);
      } else if (second === 0x56) {
        if (job.line.length > 0) this.#endLine(job);
        this.#closeJob([0x01, 0x31, 0x42, 0x62].includes(bytes[2] ?? -1) ? 'partial' : 'full');
      } else if (second === 0x28 && bytes[2] === 0x6b && bytes[5] === 0x31) {
        this.#qr(job, bytes);
      }
    }
  }

  #printByte(job: OpenJob, byte: number): void {
    if (byte === 0x0a) {
      this.#endLine(job);
    } else if (byte === 0x09) {
      job.line += ' ';
    } else if (byte >= 0x20 && byte !== 0x7f) {
      // A code page the firmware does not know prints as U+FFFD so that a test notices.
      job.line += this.#codepage ? decodeCodepage(Uint8Array.of(byte), this.#codepage) : '\ufffd';
      job.lineSize = Math.max(job.lineSize, this.#size);
    }
  }

  #feed(job: OpenJob, lines: number): void {
    let remaining = lines;
    if (job.line.length > 0 && remaining > 0) {
      this.#endLine(job);
      remaining--;
    }
    for (let i = 0; i < remaining; i++) this.#endLine(job);
  }

  #endLine(job: OpenJob): void {
    job.lines.push(job.line.trimEnd());
    if (job.lineSize > 1) job.largeLines.push(job.line.trim());
    job.line = '';
    job.lineSize = 1;
  }

  #qr(job: OpenJob, bytes: Uint8Array): void {
    const fn = bytes[6];
    if (fn === 0x50 && bytes[7] === 0x30) {
      job.qrStored = new TextDecoder().decode(bytes.slice(8));
    } else if (fn === 0x51) {
      job.qrPrinted = job.qrStored;
    }
  }

  #openJob(at: number): OpenJob {
    this.#job = {
      chunks: [],
      lines: [],
      largeLines: [],
      firstByteAt: at,
      lastByteAt: at,
      line: '',
      lineSize: 1,
      qrStored: undefined,
      qrPrinted: undefined,
      spoiled: undefined,
    };
    return this.#job;
  }

  #hasContent(job: OpenJob): boolean {
    return job.lines.some((line) => line.length > 0) || job.line.length > 0 || job.qrPrinted !== undefined;
  }

  #discardOpenJob(): void {
    const job = this.#job;
    if (!job) return;
    this.#job = undefined;
    const discarded: DiscardedJob = {
      bytes: job.chunks.reduce((sum, chunk) => sum + chunk.length, 0),
      mode: job.spoiled ?? this.#mode,
      at: job.lastByteAt,
    };
    for (const listener of [...this.#discardedListeners]) listener(discarded);
  }

  #closeJob(cut: SimulatedTicket['cut']): void {
    const job = this.#job;
    if (!job) return;
    if (job.spoiled) {
      this.#discardOpenJob();
      return;
    }
    this.#job = undefined;
    if (job.line.length > 0) this.#endLine(job);

    const size = job.chunks.reduce((sum, chunk) => sum + chunk.length, 0);
    const bytes = new Uint8Array(size);
    let offset = 0;
    for (const chunk of job.chunks) {
      bytes.set(chunk, offset);
      offset += chunk.length;
    }
    // Feeds before the cut are paper, not text; a reader of the ticket does not see them.
    const lines = [...job.lines];
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();

    const ticket: SimulatedTicket = {
      index: ++this.#printedCount,
      bytes,
      lines,
      largeLines: job.largeLines,
      qr: job.qrPrinted,
      cut,
      firstByteAt: job.firstByteAt,
      lastByteAt: job.lastByteAt,
    };
    this.#printed.push(ticket);
    if (this.#ticketsLeft !== undefined && this.#ticketsLeft > 0) this.#ticketsLeft--;
    if (this.#outputFile) {
      // Synchronous on purpose: the file is a paper roll, tickets must land in order and be there
      // the moment the `printed` event is seen.
      appendFileSync(this.#outputFile, formatTicket(ticket));
    }
    for (const listener of [...this.#printedListeners]) listener(ticket);
  }
}

/** A printed ticket as text, between separators, as it would read on the roll. */
export function formatTicket(ticket: SimulatedTicket): string {
  const header = `----- ticket ${ticket.index} · ${new Date(ticket.lastByteAt).toISOString()} · ${ticket.bytes.length} bytes · ${ticket.cut} cut -----`;
  const qr = ticket.qr === undefined ? [] : [`[QR] ${ticket.qr}`];
  return [header, ...ticket.lines, ...qr, ''].join('\n') + '\n';
}
