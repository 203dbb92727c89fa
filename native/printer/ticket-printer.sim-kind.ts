/**
 * The simulated ticket printer as a device of `npm run sim`: the ESC/POS simulator on the device
 * end of a pseudo-terminal pair, switchable to paper-out, cover-open, offline…, unpluggable. With
 * `--printer-tcp <port>` it also listens on TCP (port 0: any free one, announced in a `listening`
 * event) as a network printer on 9100 would; every connection gets its own simulated printer in
 * the same condition.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { BytePort } from '../port/byte-port';
import { TcpBytePort } from '../port/tcp-byte-port';
import { cable, type Cable, type DeviceKind, type SimContext } from '../sim-kit';
import {
  PRINTER_SIMULATOR_MODES,
  PrinterSimulator,
  isPrinterSimulatorMode,
  type PrinterSimulatorMode,
  type SimulatedTicket,
} from './ticket-printer.sim';

type Transport = 'pty' | 'tcp';

export const printerKind: DeviceKind = {
  kind: 'printer',
  commands: [...PRINTER_SIMULATOR_MODES, 'paper-out-after', 'stall', 'resume', 'unplug', 'replug'],
  help: `  printer: ${PRINTER_SIMULATOR_MODES.join(', ')} (its condition); paper-out-after <n> (the roll ends after n more tickets); stall, resume; unplug, replug`,
  async start(context, options) {
    if (options.mode !== undefined && !isPrinterSimulatorMode(options.mode))
      throw new Error(`Unknown printer mode "${options.mode}" (${PRINTER_SIMULATOR_MODES.join(', ')})`);
    const printer = new SimulatedPrinter(context, options.mode ?? 'ready', options);
    const pty = await printer.plugIn();
    return {
      kind: 'printer',
      appPath: pty.appPath,
      get pid() {
        return pty.pid;
      },
      command: (word, args) => printer.command(word, args),
      status: () => printer.status(),
      stop: () => pty.stop(),
    };
  },
};

/**
 * The simulated printer: its condition, shared by the simulator on the pseudo-terminal (while
 * plugged in) and one simulator per TCP connection.
 */
class SimulatedPrinter {
  #mode: PrinterSimulatorMode;
  #stalled = false;
  /** One simulator per open TCP connection. */
  readonly #tcpClients = new Map<Socket, PrinterSimulator>();
  #server: Server | undefined;
  /** The TCP port once bound; a replug listens on the same one, as a printer keeps its address. */
  #tcpPort: number | undefined;
  #pty: Cable<PrinterSimulator> | undefined;
  readonly #context: SimContext;
  readonly #baud: number | undefined;

  constructor(
    context: SimContext,
    mode: PrinterSimulatorMode,
    options: { readonly baud?: number | undefined; readonly printerTcpPort?: number | undefined },
  ) {
    this.#context = context;
    this.#mode = mode;
    this.#baud = options.baud;
    this.#tcpPort = options.printerTcpPort;
  }

  /** Plugs the printer in on its pseudo-terminal pair and, when asked for, on TCP. */
  async plugIn(): Promise<Cable<PrinterSimulator>> {
    this.#pty = await cable(this.#context, 'printer', 'printer', (port) => this.#attach(port, 'pty'), {
      beforeUnplug: () => this.#stopListening(),
      // Plugged back in, the printer starts afresh: a stalled mechanism was reset.
      beforeReplug: () => (this.#stalled = false),
      afterReplug: async () => {
        await this.#listen();
        return this.#tcpPort !== undefined ? { port: this.#tcpPort } : {};
      },
    });
    await this.#listen();
    return this.#pty;
  }

  async command(word: string, args: readonly string[]): Promise<boolean> {
    if (isPrinterSimulatorMode(word)) {
      this.#mode = word;
      for (const simulator of this.#simulators()) simulator.setMode(word);
      this.#context.emit({ event: 'mode', device: 'printer', mode: word }, `printer: ${word}`);
      return true;
    }
    switch (word) {
      case 'paper-out-after':
        this.#paperOutAfter(args[0]);
        return true;
      case 'stall':
      case 'resume':
        this.#stallOrResume(word);
        return true;
      case 'unplug':
      case 'replug':
        return this.#pty?.command(word) ?? false;
      default:
        return false;
    }
  }

  status(): string {
    if (!this.#pty?.simulator) return 'unplugged';
    return this.#stalled ? `${this.#mode} (stalled)` : this.#mode;
  }

  #paperOutAfter(count: string | undefined): void {
    const tickets = Number(count);
    if (!Number.isInteger(tickets) || tickets < 0) {
      this.#context.emit(
        { event: 'error', device: 'printer', message: 'paper-out-after takes a number of tickets' },
        'printer: paper-out-after <n>',
      );
      return;
    }
    for (const simulator of this.#simulators()) simulator.runOutOfPaperAfter(tickets);
    this.#context.emit(
      { event: 'paper-left', device: 'printer', tickets },
      `printer: paper for ${tickets} more ticket(s)`,
    );
  }

  #stallOrResume(word: 'stall' | 'resume'): void {
    this.#stalled = word === 'stall';
    for (const simulator of this.#simulators()) {
      if (this.#stalled) simulator.stall();
      else simulator.resume();
    }
    const event = this.#stalled ? 'stalled' : 'resumed';
    this.#context.emit({ event, device: 'printer' }, `printer: ${event}`);
  }

  /** The simulator on the pseudo-terminal (while plugged in) and one per TCP connection. */
  #simulators(): PrinterSimulator[] {
    const pty = this.#pty?.simulator;
    return [...(pty ? [pty] : []), ...this.#tcpClients.values()];
  }

  #attach(port: BytePort, transport: Transport): PrinterSimulator {
    const { outputFile } = this.#context;
    const simulator = new PrinterSimulator(port, {
      mode: this.#mode,
      ...(outputFile ? { outputFile } : {}),
      ...(this.#baud ? { lineBaudRate: this.#baud } : {}),
    });
    if (this.#stalled) simulator.stall();
    simulator.onPrinted((ticket) => this.#reportPrinted(ticket, transport));
    simulator.onDiscarded((job) => {
      this.#context.emit(
        { event: 'discarded', device: 'printer', transport, bytes: job.bytes, mode: job.mode },
        `printer: ${job.bytes} bytes thrown away (${job.mode})`,
      );
    });
    // The printer changing its own condition (the roll ran out) is news; a command's change is
    // reported by the command.
    simulator.onModeChanged((changed) => {
      if (changed === this.#mode) return;
      this.#mode = changed;
      for (const other of this.#simulators()) if (other !== simulator) other.setMode(changed);
      this.#context.emit({ event: 'mode', device: 'printer', mode: changed }, `printer: ${changed}`);
    });
    return simulator;
  }

  #reportPrinted(ticket: SimulatedTicket, transport: Transport): void {
    this.#context.emit(
      {
        event: 'printed',
        device: 'printer',
        transport,
        index: ticket.index,
        text: ticket.lines,
        large: ticket.largeLines,
        bytes: ticket.bytes.length,
        qr: ticket.qr ?? null,
        cut: ticket.cut,
        // Wall-clock milliseconds, comparable with the app's clock on the same machine (bench).
        firstByteAt: ticket.firstByteAt,
        lastByteAt: ticket.lastByteAt,
      },
      [
        `printer: ticket ${ticket.index} (${ticket.bytes.length} bytes, ${ticket.cut} cut, ${transport})`,
        ...ticket.lines.map((line) => `  | ${line}`),
        ...(ticket.qr ? [`  | [QR] ${ticket.qr}`] : []),
      ].join('\n'),
    );
  }

  /** Listens on TCP when asked for and not already listening; each connection gets a simulator. */
  async #listen(): Promise<void> {
    if (this.#tcpPort === undefined || this.#server) return;
    const listening = createServer((socket) => {
      const port = TcpBytePort.fromSocket(socket, `tcp-client:${socket.remotePort ?? '?'}`);
      this.#tcpClients.set(socket, this.#attach(port, 'tcp'));
      port.onClose(() => {
        this.#tcpClients.get(socket)?.detach();
        this.#tcpClients.delete(socket);
      });
    });
    const requested = this.#tcpPort;
    await new Promise<void>((resolve, reject) => {
      listening.once('error', reject);
      listening.listen(requested, '127.0.0.1', () => {
        listening.off('error', reject);
        resolve();
      });
    });
    this.#server = listening;
    const address = listening.address();
    if (address && typeof address === 'object') this.#tcpPort = address.port;
    this.#context.emit(
      { event: 'listening', device: 'printer', transport: 'tcp', host: '127.0.0.1', port: this.#tcpPort },
      `printer  tcp://127.0.0.1:${this.#tcpPort}  (a network printer on the raw port)`,
    );
  }

  /** Stops accepting and drops every connection: the network printer is switched off. */
  async #stopListening(): Promise<void> {
    const current = this.#server;
    this.#server = undefined;
    if (!current) return;
    const closed = new Promise<void>((resolve) => current.close(() => resolve()));
    for (const [socket, simulator] of this.#tcpClients) {
      simulator.detach();
      socket.destroy();
    }
    this.#tcpClients.clear();
    await closed;
  }
}
