/**
 * The simulated MRZ swipe reader as a device of `npm run sim`: `swipe <document> [framing]` sends
 * a document through the pseudo-terminal (link `id-reader` in the sim folder) the way a reader
 * would; `unplug` / `replug` pull and restore its cable.
 */
import { cable, type DeviceKind } from '../sim-kit';
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
    const device = await cable(context, KIND, LINK, (port) => new IdReaderSimulator(port, { baudRate }));
    return {
      kind: KIND,
      appPath: device.appPath,
      get pid() {
        return device.pid;
      },
      async command(word, args) {
        switch (word) {
          case 'swipe': {
            const [document = '', framing = 'desko'] = args;
            if (!isSpecimenName(document))
              throw new Error(`Unknown document "${document}" (${SPECIMEN_NAMES.join(', ')})`);
            if (!isFraming(framing)) throw new Error(`Unknown framing "${framing}" (${FRAMINGS.join(', ')})`);
            const simulator = device.simulator;
            if (!simulator) throw new Error('The ID reader is unplugged');
            const swipe = await simulator.swipe(document, framing);
            context.emit(
              { event: 'swiped', device: KIND, document, framing, bytes: swipe.bytes, complete: swipe.complete },
              `idReader: swiped ${document} (${framing}, ${swipe.bytes} bytes${swipe.complete ? '' : ', cut off'})`,
            );
            return true;
          }
          default:
            return device.command(word);
        }
      },
      status() {
        return device.simulator ? `ready (${baudRate} baud)` : 'unplugged';
      },
      stop: () => device.stop(),
    };
  },
};
