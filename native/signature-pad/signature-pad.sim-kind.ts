/**
 * The simulated Topaz signature pad as a device of `npm run sim`: on its own pseudo-terminal
 * pair (link `signature-pad`), signed on command, unpluggable. Address it by name when another
 * device knows the same word: `signaturePad unplug`.
 */
import type { PtyPair } from '../port/pty-pair';
import type { SerialBytePort } from '../port/serial-byte-port';
import { plug, type DeviceKind, type SimContext } from '../sim-kit';
import { SignaturePadSimulator, type SignOutcome } from './signature-pad.sim';

const KIND = 'signaturePad';
const LINK = 'signature-pad';

export const signaturePadKind: DeviceKind = {
  kind: KIND,
  commands: ['sign', 'sign-drop', 'unplug', 'replug'],
  help: `  ${KIND}: sign (a whole signature), sign-drop (stops mid-stroke); unplug, replug (as \`${KIND} unplug\`)`,
  async start(context: SimContext) {
    let plugged: { pair: PtyPair; port: SerialBytePort; simulator: SignaturePadSimulator } | undefined;
    let stopping = false;

    const connect = async (): Promise<PtyPair> => {
      const { pair, port } = await plug(context, LINK);
      const simulator = new SignaturePadSimulator(port);
      const current = { pair, port, simulator };
      plugged = current;
      void pair.exited.then(() => {
        current.simulator.detach();
        if (plugged === current) plugged = undefined;
        if (!stopping) context.emit({ event: 'unplugged', device: KIND }, `${KIND}: unplugged (socat ended)`);
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

    /** Runs a signature in the background: the command returns at once, the outcome is an event. */
    const draw = (word: 'sign' | 'sign-drop'): void => {
      const simulator = plugged?.simulator;
      if (!simulator) {
        context.emit({ event: 'error', device: KIND, message: `${KIND} is unplugged` }, `${KIND}: unplugged, nothing to sign on`);
        return;
      }
      if (simulator.signing) {
        context.emit({ event: 'error', device: KIND, message: `${KIND} is already being signed` }, `${KIND}: already signing`);
        return;
      }
      const run = word === 'sign' ? simulator.sign() : simulator.signDrop();
      context.emit({ event: 'signing', device: KIND, drop: word === 'sign-drop' }, `${KIND}: ${word === 'sign' ? 'signing' : 'signing, will stop mid-stroke'}…`);
      void run.then((outcome: SignOutcome) => {
        // `dropped`: sign-drop went silent as asked, or an unplug cut a signature short.
        const event = word === 'sign' && outcome.completed ? 'signed' : 'dropped';
        const reason = event === 'signed' ? {} : { reason: word === 'sign-drop' ? 'sign-drop' : 'unplugged' };
        context.emit(
          { event, device: KIND, strokes: outcome.strokes, samples: outcome.samples, packets: outcome.packets, ...reason },
          `${KIND}: ${event === 'signed' ? 'signed' : 'stopped mid-signature'} (${outcome.strokes} strokes, ${outcome.samples} pen-down samples, ${outcome.packets} reports)`,
        );
      });
    };

    const { appPath } = await connect();

    return {
      kind: KIND,
      appPath,
      get pid() {
        return plugged?.pair.pid;
      },
      async command(word) {
        switch (word) {
          case 'sign':
          case 'sign-drop':
            draw(word);
            return true;
          case 'unplug':
            // Reported by the exit watcher above, like an unplug from outside.
            await disconnect();
            return true;
          case 'replug':
            if (!plugged) {
              const pair = await connect();
              context.emit({ event: 'replugged', device: KIND, path: appPath, pid: pair.pid }, `${KIND}: plugged in again at ${appPath}`);
            }
            return true;
          default:
            return false;
        }
      },
      status() {
        if (!plugged) return 'unplugged';
        return plugged.simulator.signing ? 'signing' : 'idle';
      },
      async stop() {
        stopping = true;
        await disconnect();
      },
    };
  },
};
