/**
 * The simulated MRZ swipe reader as a device of `npm run sim`: `swipe <document> [framing]` sends
 * a document through the pseudo-terminal (link `id-reader` in the sim folder) the way a reader
 * would; `unplug` / `replug` pull and restore its cable.
 */
import type { PtyPair } from '../port/pty-pair';
import type { SerialBytePort } from '../port/serial-byte-port';
import { plug, type DeviceKind } from '../sim-kit';
import { IdReaderSimulator } from './id-reader.sim';
import { FRAMINGS, type Framing } from './mrz-frame.codec';
import { SPECIMEN_NAMES, isSpecimenName } from './specimens';

const KIND = 'idReader';
/** The link the app opens: `<sim dir>/id-reader`. */
const LINK = 'id-reader';

const isFraming = (value: string): value is Framing => (FRAMINGS as readonly string[]).includes(value);

export const idReaderKind: DeviceKind = {
  kind: KIND,
  commands: ['swipe', 'unplug', 'replug'],
  help: `  idReader: swipe <document> [framing] — document: ${SPECIMEN_NAMES.join(', ')}; framing: ${FRAMINGS.join(', ')} (default desko); unplug, replug`,
  async start(context, options) {
    const baudRate = options.baud ?? 9600;
    let plugged: { pair: PtyPair; port: SerialBytePort; simulator: IdReaderSimulator } | undefined;
    let stopping = false;

    const connect = async (): Promise<PtyPair> => {
      const { pair, port } = await plug(context, LINK);
      const current = { pair, port, simulator: new IdReaderSimulator(port, { baudRate }) };
      plugged = current;
      void pair.exited.then(() => {
        current.simulator.detach();
        if (plugged === current) plugged = undefined;
        if (!stopping) context.emit({ event: 'unplugged', device: KIND }, 'idReader: unplugged (socat ended)');
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
      kind: KIND,
      appPath,
      get pid() {
        return plugged?.pair.pid;
      },
      async command(word, args) {
        switch (word) {
          case 'swipe': {
            const [document = '', framing = 'desko'] = args;
            if (!isSpecimenName(document)) throw new Error(`Unknown document "${document}" (${SPECIMEN_NAMES.join(', ')})`);
            if (!isFraming(framing)) throw new Error(`Unknown framing "${framing}" (${FRAMINGS.join(', ')})`);
            const current = plugged;
            if (!current) throw new Error('The ID reader is unplugged');
            const swipe = await current.simulator.swipe(document, framing);
            context.emit(
              { event: 'swiped', device: KIND, document, framing, bytes: swipe.bytes, complete: swipe.complete },
              `idReader: swiped ${document} (${framing}, ${swipe.bytes} bytes${swipe.complete ? '' : ', cut off'})`,
            );
            return true;
          }
          case 'unplug':
            // Reported by the exit watcher above, like an unplug from outside.
            await disconnect();
            return true;
          case 'replug':
            if (!plugged) {
              const pair = await connect();
              context.emit({ event: 'replugged', device: KIND, path: appPath, pid: pair.pid }, `idReader: plugged in again at ${appPath}`);
            }
            return true;
          default:
            return false;
        }
      },
      status() {
        return plugged ? `ready (${baudRate} baud)` : 'unplugged';
      },
      async stop() {
        stopping = true;
        await disconnect();
      },
    };
  },
};
