/**
 * The simulated ticket printer as a device of `npm run sim`: the ESC/POS simulator on the device
 * end of a pseudo-terminal pair, switchable to paper-out, cover-open, offline…, unpluggable.
 */
import type { PtyPair } from '../port/pty-pair';
import type { SerialBytePort } from '../port/serial-byte-port';
import { plug, type DeviceKind } from '../sim-kit';
import { PRINTER_SIMULATOR_MODES, PrinterSimulator, isPrinterSimulatorMode, type PrinterSimulatorMode } from './ticket-printer.sim';

export const printerKind: DeviceKind = {
  kind: 'printer',
  commands: [...PRINTER_SIMULATOR_MODES, 'stall', 'resume', 'unplug', 'replug'],
  help: `  printer: ${PRINTER_SIMULATOR_MODES.join(', ')} (its condition); stall, resume; unplug, replug`,
  async start(context, options) {
    let mode: PrinterSimulatorMode = 'ready';
    if (options.mode !== undefined) {
      if (!isPrinterSimulatorMode(options.mode)) throw new Error(`Unknown printer mode "${options.mode}" (${PRINTER_SIMULATOR_MODES.join(', ')})`);
      mode = options.mode;
    }

    let plugged: { pair: PtyPair; port: SerialBytePort; simulator: PrinterSimulator } | undefined;
    let stopping = false;

    const connect = async (): Promise<PtyPair> => {
      const { pair, port } = await plug(context, 'printer');
      const simulator = new PrinterSimulator(port, {
        mode,
        ...(context.outputFile ? { outputFile: context.outputFile } : {}),
        ...(options.baud ? { lineBaudRate: options.baud } : {}),
      });
      simulator.onPrinted((ticket) => {
        context.emit(
          {
            event: 'printed',
            device: 'printer',
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
          [`printer: ticket ${ticket.index} (${ticket.bytes.length} bytes, ${ticket.cut} cut)`, ...ticket.lines.map((line) => `  | ${line}`), ...(ticket.qr ? [`  | [QR] ${ticket.qr}`] : [])].join('\n'),
        );
      });
      simulator.onDiscarded((job) => {
        context.emit({ event: 'discarded', device: 'printer', bytes: job.bytes, mode: job.mode }, `printer: ${job.bytes} bytes thrown away (${job.mode})`);
      });
      const current = { pair, port, simulator };
      plugged = current;
      void pair.exited.then(() => {
        current.simulator.detach();
        if (plugged === current) plugged = undefined;
        if (!stopping) context.emit({ event: 'unplugged', device: 'printer' }, 'printer: unplugged (socat ended)');
      });
      return pair;
    };

    const disconnect = async (): Promise<void> => {
      const current = plugged;
      if (!current) return;
      current.simulator.detach();
      await current.port.close().catch(() => undefined);
      await current.pair.kill();
    };

    const { appPath } = await connect();

    return {
      kind: 'printer',
      appPath,
      get pid() {
        return plugged?.pair.pid;
      },
      async command(word) {
        if (isPrinterSimulatorMode(word)) {
          mode = word;
          plugged?.simulator.setMode(word);
          context.emit({ event: 'mode', device: 'printer', mode }, `printer: ${mode}`);
          return true;
        }
        switch (word) {
          case 'stall':
          case 'resume':
            if (word === 'stall') plugged?.simulator.stall();
            else plugged?.simulator.resume();
            context.emit({ event: word === 'stall' ? 'stalled' : 'resumed', device: 'printer' }, `printer: ${word === 'stall' ? 'stalled' : 'resumed'}`);
            return true;
          case 'unplug':
            // Reported by the exit watcher above, like an unplug from outside.
            await disconnect();
            return true;
          case 'replug':
            if (!plugged) {
              const pair = await connect();
              context.emit({ event: 'replugged', device: 'printer', path: appPath, pid: pair.pid }, `printer: plugged in again at ${appPath}`);
            }
            return true;
          default:
            return false;
        }
      },
      status() {
        if (!plugged) return 'unplugged';
        return plugged.simulator.stalled ? `${mode} (stalled)` : mode;
      },
      async stop() {
        stopping = true;
        await disconnect();
      },
    };
  },
};

