/**
 * The simulated Topaz signature pad as a device of `npm run sim`: on its own pseudo-terminal
 * pair (link `signature-pad`), signed on command, unpluggable. Address it by name when another
 * device knows the same word: `signaturePad unplug`.
 */
import { cable, type DeviceKind, type SimContext } from '../sim-kit';
import { SignaturePadSimulator, type SignOutcome } from './signature-pad.sim';

const KIND = 'signaturePad';
const LINK = 'signature-pad';

export const signaturePadKind: DeviceKind = {
  kind: KIND,
  commands: ['sign', 'sign-drop', 'unplug', 'replug'],
  help: `  ${KIND}: sign (a whole signature), sign-drop (stops mid-stroke); unplug, replug (as \`${KIND} unplug\`)`,
  async start(context: SimContext) {
    const device = await cable(context, KIND, LINK, (port) => new SignaturePadSimulator(port));

    /** Runs a signature in the background: the command returns at once, the outcome is an event. */
    const draw = (word: 'sign' | 'sign-drop'): void => {
      const simulator = device.simulator;
      if (!simulator) {
        context.emit(
          { event: 'error', device: KIND, message: `${KIND} is unplugged` },
          `${KIND}: unplugged, nothing to sign on`,
        );
        return;
      }
      if (simulator.signing) {
        context.emit(
          { event: 'error', device: KIND, message: `${KIND} is already being signed` },
          `${KIND}: already signing`,
        );
        return;
      }
      const run = word === 'sign' ? simulator.sign() : simulator.signDrop();
      context.emit(
        { event: 'signing', device: KIND, drop: word === 'sign-drop' },
        `${KIND}: ${word === 'sign' ? 'signing' : 'signing, will stop mid-stroke'}…`,
      );
      void run.then((outcome: SignOutcome) => {
        // `dropped`: sign-drop went silent as asked, or an unplug cut a signature short.
        const event = word === 'sign' && outcome.completed ? 'signed' : 'dropped';
        const reason = event === 'signed' ? {} : { reason: word === 'sign-drop' ? 'sign-drop' : 'unplugged' };
        context.emit(
          {
            event,
            device: KIND,
            strokes: outcome.strokes,
            samples: outcome.samples,
            packets: outcome.packets,
            ...reason,
          },
          `${KIND}: ${event === 'signed' ? 'signed' : 'stopped mid-signature'} (${outcome.strokes} strokes, ${outcome.samples} pen-down samples, ${outcome.packets} reports)`,
        );
      });
    };

    return {
      kind: KIND,
      appPath: device.appPath,
      get pid() {
        return device.pid;
      },
      async command(word) {
        switch (word) {
          case 'sign':
          case 'sign-drop':
            draw(word);
            return true;
          default:
            return device.command(word);
        }
      },
      status() {
        const simulator = device.simulator;
        if (!simulator) return 'unplugged';
        return simulator.signing ? 'signing' : 'idle';
      },
      stop: () => device.stop(),
    };
  },
};
