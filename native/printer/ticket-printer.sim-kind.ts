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
import { cable, type DeviceKind } from '../sim-kit';
import {
  PRINTER_SIMULATOR_MODES,
  PrinterSimulator,
  isPrinterSimulatorMode,
  type PrinterSimulatorMode,
} from './ticket-printer.sim';

type Transport = 'pty' | 'tcp';

export const printerKind: DeviceKind = {
  kind: 'printer',
  commands: [...PRINTER_SIMULATOR_MODES, 'paper-out-after', 'stall', 'resume', 'unplug', 'replug'],
  help: `  printer: ${PRINTER_SIMULATOR_MODES.join(', ')} (its condition); paper-out-after <n> (the roll ends after n more tickets); stall, resume; unplug, replug`,
  async start(context, options) {
    let mode: PrinterSimulatorMode = 'ready';
    if (options.mode !== undefined) {
      if (!isPrinterSimulatorMode(options.mode))
        throw new Error(`Unknown printer mode "${options.mode}" (${PRINTER_SIMULATOR_MODES.join(', ')})`);
      mode = options.mode;
    }

    let stalled = false;
    /** One simulator per open TCP connection. */
    const tcpClients = new Map<Socket, PrinterSimulator>();
    let server: Server | undefined;
    /** The TCP port once bound; a replug listens on the same one, as a printer keeps its address. */
    let tcpPort = options.printerTcpPort;

    // The simulator on the pseudo-terminal (while plugged in) and one per TCP connection. Called
    // only once the cable below exists.
    const simulators = (): PrinterSimulator[] => [...(pty.simulator ? [pty.simulator] : []), ...tcpClients.values()];

    const attach = (port: BytePort, transport: Transport): PrinterSimulator => {
      const simulator = new PrinterSimulator(port, {
        mode,
        ...(context.outputFile ? { outputFile: context.outputFile } : {}),
        ...(options.baud ? { lineBaudRate: options.baud } : {}),
      });
      if (stalled) simulator.stall();
      simulator.onPrinted((ticket) => {
        context.emit(
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
      });
      simulator.onDiscarded((job) => {
        context.emit(
          { event: 'discarded', device: 'printer', transport, bytes: job.bytes, mode: job.mode },
          `printer: ${job.bytes} bytes thrown away (${job.mode})`,
        );
      });
      // The printer changing its own condition (the roll ran out) is news; a command's change is
      // reported by the command.
      simulator.onModeChanged((changed) => {
        if (changed === mode) return;
        mode = changed;
        for (const other of simulators()) if (other !== simulator) other.setMode(changed);
        context.emit({ event: 'mode', device: 'printer', mode }, `printer: ${mode}`);
      });
      return simulator;
    };

    const listen = async (): Promise<void> => {
      if (tcpPort === undefined || server) return;
      const listening = createServer((socket) => {
        const port = TcpBytePort.fromSocket(socket, `tcp-client:${socket.remotePort ?? '?'}`);
        tcpClients.set(socket, attach(port, 'tcp'));
        port.onClose(() => {
          tcpClients.get(socket)?.detach();
          tcpClients.delete(socket);
        });
      });
      await new Promise<void>((resolve, reject) => {
        listening.once('error', reject);
        listening.listen(tcpPort, '127.0.0.1', () => {
          listening.off('error', reject);
          resolve();
        });
      });
      server = listening;
      const address = listening.address();
      if (address && typeof address === 'object') tcpPort = address.port;
      context.emit(
        { event: 'listening', device: 'printer', transport: 'tcp', host: '127.0.0.1', port: tcpPort },
        `printer  tcp://127.0.0.1:${tcpPort}  (a network printer on the raw port)`,
      );
    };

    /** Stops accepting and drops every connection: the network printer is switched off. */
    const stopListening = async (): Promise<void> => {
      const current = server;
      server = undefined;
      if (!current) return;
      const closed = new Promise<void>((resolve) => current.close(() => resolve()));
      for (const [socket, simulator] of tcpClients) {
        simulator.detach();
        socket.destroy();
      }
      tcpClients.clear();
      await closed;
    };

    const pty = await cable(context, 'printer', 'printer', (port) => attach(port, 'pty'), {
      beforeUnplug: stopListening,
      // Plugged back in, the printer starts afresh: a stalled mechanism was reset.
      beforeReplug: () => (stalled = false),
      afterReplug: async () => {
        await listen();
        return tcpPort !== undefined ? { port: tcpPort } : {};
      },
    });
    const { appPath } = pty;
    await listen();

    return {
      kind: 'printer',
      appPath,
      get pid() {
        return pty.pid;
      },
      async command(word, args) {
        if (isPrinterSimulatorMode(word)) {
          mode = word;
          for (const simulator of simulators()) simulator.setMode(word);
          context.emit({ event: 'mode', device: 'printer', mode }, `printer: ${mode}`);
          return true;
        }
        switch (word) {
          case 'paper-out-after': {
            const tickets = Number(args[0]);
            if (!Number.isInteger(tickets) || tickets < 0) {
              context.emit(
                { event: 'error', device: 'printer', message: 'paper-out-after takes a number of tickets' },
                'printer: paper-out-after <n>',
              );
              return true;
            }
            for (const simulator of simulators()) simulator.runOutOfPaperAfter(tickets);
            context.emit(
              { event: 'paper-left', device: 'printer', tickets },
              `printer: paper for ${tickets} more ticket(s)`,
            );
            return true;
          }
          case 'stall':
          case 'resume':
            stalled = word === 'stall';
            for (const simulator of simulators()) {
              if (stalled) simulator.stall();
              else simulator.resume();
            }
            context.emit(
              { event: word === 'stall' ? 'stalled' : 'resumed', device: 'printer' },
              `printer: ${word === 'stall' ? 'stalled' : 'resumed'}`,
            );
            return true;
          case 'unplug':
          case 'replug':
            return pty.command(word);
          default:
            return false;
        }
      },
      status() {
        if (!pty.simulator) return 'unplugged';
        return stalled ? `${mode} (stalled)` : mode;
      },
      stop: () => pty.stop(),
    };
  },
};
