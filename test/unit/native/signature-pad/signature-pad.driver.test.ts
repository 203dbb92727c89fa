import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryPortPair, type MemoryPortPair } from '../../../../native/port/memory-byte-port';
import {
  TopazSignaturePad,
  type TopazSignaturePadOptions,
} from '../../../../native/signature-pad/signature-pad.driver';
import { SignaturePadSimulator } from '../../../../native/signature-pad/signature-pad.sim';
import {
  CaptureFailure,
  type CaptureProblem,
  type LiveSample,
  type PadCapture,
} from '../../../../native/signature-pad/signature-pad';
import { toSvg } from '../../../../native/signature-pad/signature.codec';
import { encodeTopazPacket, type TopazPacket } from '../../../../native/signature-pad/topaz.codec';
import { failureOf } from '../../../support/failure';
import { ManualClock } from '../../../support/manual-clock';

const down = (x: number, y: number): TopazPacket => ({ near: true, down: true, type: 0, x, y });
const hover = (x: number, y: number): TopazPacket => ({ near: true, down: false, type: 0, x, y });
const away: TopazPacket = { near: false, down: false, type: 0, x: 0, y: 0 };

interface Rig {
  readonly pair: MemoryPortPair;
  readonly pad: TopazSignaturePad;
  readonly samples: LiveSample[];
  readonly problems: CaptureProblem[];
  /** Writes the reports from the pad's end in one chunk; resolves once the driver has them. */
  send(...packets: TopazPacket[]): Promise<void>;
  /** Moves the manual clock, running the pad's timers as they fall due. */
  advance(ms: number): Promise<void>;
}

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup) await step();
  cleanup = [];
});

function setup(options: TopazSignaturePadOptions = {}): Rig {
  const pair = createMemoryPortPair('pad');
  const clock = new ManualClock();
  const pad = new TopazSignaturePad(pair.app, { stallTimeoutMs: 100, timers: clock, ...options });
  const samples: LiveSample[] = [];
  const problems: CaptureProblem[] = [];
  pad.onSample((sample) => samples.push(sample));
  pad.onProblem((problem) => problems.push(problem));
  cleanup.push(() => pad.close());
  return {
    pair,
    pad,
    samples,
    problems,
    async send(...packets) {
      const bytes = new Uint8Array(packets.length * 5);
      packets.forEach((packet, index) => bytes.set(encodeTopazPacket(packet), index * 5));
      await pair.device.write(bytes);
    },
    advance: (ms) => clock.advance(ms),
  };
}

/** The pad reports the stroke interrupted exactly `ms` after the last report with the pen down, not before. */
async function expectInterruptedAfter(rig: Rig, ms: number): Promise<void> {
  await rig.advance(ms - 1);
  expect(rig.problems).toEqual([]);
  await rig.advance(1);
  expect(rig.problems).toEqual(['interrupted']);
}

describe('TopazSignaturePad capture', () => {
  it('keeps pen-down runs as strokes, ends each with its lift, and ignores hovering and anything before the start', async () => {
    const rig = setup();
    await rig.send(down(5, 5), down(6, 6)); // before startCapture: not part of this signature
    await rig.pad.startCapture();
    expect(rig.pad.capturing).toBe(true);

    await rig.send(hover(90, 190), hover(100, 200));
    await rig.send(down(100, 200), down(110, 210), down(130, 215));
    await rig.advance(25);
    await rig.send(hover(131, 190), hover(300, 400));
    await rig.advance(200);
    await rig.send(down(500, 500), down(520, 480), hover(540, 470), away);

    const { signature, interrupted } = await rig.pad.finishCapture();
    expect(interrupted).toBe(false);
    expect(rig.pad.capturing).toBe(false);
    expect(signature.width).toBe(4096);
    expect(signature.height).toBe(4096);
    expect(signature.rate).toBe(120);
    expect(signature.strokes).toHaveLength(2);
    const [first, second] = signature.strokes;
    expect(first!.samples.map(({ x, y, down: d, pressure }) => [x, y, d, pressure])).toEqual([
      [100, 200, true, 1],
      [110, 210, true, 1],
      [130, 215, true, 1],
      [131, 190, false, 0],
    ]);
    expect(second!.samples.map(({ x, y, down: d }) => [x, y, d])).toEqual([
      [500, 500, true],
      [520, 480, true],
      [540, 470, false],
    ]);
    expect(first!.samples[0]!.t).toBe(0);
    // Live samples: every kept sample, with the index of its stroke.
    expect(rig.samples.map((live) => live.stroke)).toEqual([0, 0, 0, 0, 1, 1, 1]);
    expect(rig.samples.map((live) => live.sample)).toEqual(signature.strokes.flatMap((stroke) => stroke.samples));
  });

  it('times samples at the nominal rate within a burst, follows the clock after a pause, never goes back', async () => {
    const rig = setup();
    await rig.pad.startCapture();
    // Five reports read in one chunk: spaced by 1000/120 ms, not bunched at the arrival time.
    await rig.send(down(1, 1), down(2, 2), down(3, 3), down(4, 4), down(5, 5));
    await rig.advance(33);
    await rig.send(down(6, 6));
    // A pause: the pen was lifted and out of range.
    await rig.send(away);
    await rig.advance(1000);
    await rig.send(down(7, 7), down(8, 8));
    const { signature } = await rig.pad.finishCapture();
    const times = signature.strokes.flatMap((stroke) => stroke.samples.map((sample) => sample.t));
    // The burst ends when it arrived; t = 0 is its first report, 4 periods (33.3 ms) earlier.
    expect(times.slice(0, 5)).toEqual([0, 8, 17, 25, 33]);
    // The next report follows one period later (41.7 ms), although it was read 66 ms after t = 0.
    expect(times[5]).toBe(42);
    // The lift (`away`) is one period later again (50 ms). Then 1 s of nothing: the next burst is
    // placed at most 40 ms (maxLatencyMs) before it could have left the pad.
    expect(times[6]).toBe(50);
    const readAt = 33.3 + 33 + 1000;
    expect(times[7]).toBe(Math.round(readAt - 8.33 - 40));
    expect(times[8]).toBe(Math.round(readAt - 8.33 - 40 + 8.33));
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThanOrEqual(times[i - 1]!);
  });

  it('never dates a report after it was read, even from a pad faster than nominal', async () => {
    const rig = setup({ rate: 50 }); // nominal 20 ms, but reports arrive every 5 ms
    await rig.pad.startCapture();
    for (let i = 0; i < 10; i++) {
      await rig.send(down(i, i));
      await rig.advance(5);
    }
    const { signature } = await rig.pad.finishCapture();
    expect(signature.strokes[0]!.samples.map((sample) => sample.t)).toEqual([0, 5, 10, 15, 20, 25, 30, 35, 40, 45]);
  });

  it('clamps coordinates to the configured area, whose size every signature carries', async () => {
    const rig = setup({ width: 2000, height: 1000, rate: 100 });
    await rig.pad.startCapture();
    await rig.send(down(2500, 300), down(1999, 4000), hover(0, 0));
    const { signature } = await rig.pad.finishCapture();
    expect(signature).toMatchObject({ width: 2000, height: 1000, rate: 100 });
    expect(signature.strokes[0]!.samples.map(({ x, y }) => [x, y])).toEqual([
      [2000, 300],
      [1999, 1000],
      [0, 0],
    ]);
  });

  it('puts the lift where the pen was last seen when the lift comes out of range', async () => {
    const rig = setup();
    await rig.pad.startCapture();
    await rig.send(down(300, 300), down(310, 305), away);
    const { signature } = await rig.pad.finishCapture();
    expect(signature.strokes[0]!.samples.at(-1)).toMatchObject({ x: 310, y: 305, down: false });
  });

  it('ends a stroke still being drawn when the capture is finished, without calling it interrupted', async () => {
    const rig = setup({ stallTimeoutMs: 10_000 });
    await rig.pad.startCapture();
    await rig.send(down(1, 1), down(2, 2));
    const { signature, interrupted } = await rig.pad.finishCapture();
    expect(interrupted).toBe(false);
    expect(signature.strokes[0]!.samples.map((sample) => sample.down)).toEqual([true, true]);
  });

  it('rejects a capture with no stroke as empty (hovering is not signing)', async () => {
    const rig = setup();
    await rig.pad.startCapture();
    await rig.send(hover(1, 1), hover(2, 2), away);
    expect((await failureOf(rig.pad.finishCapture(), CaptureFailure)).reason).toBe('empty');
    expect((await failureOf(rig.pad.finishCapture(), CaptureFailure)).reason).toBe('cancelled');
  });

  it('runs one capture at a time', async () => {
    const rig = setup();
    await rig.pad.startCapture();
    expect((await failureOf(rig.pad.startCapture(), CaptureFailure)).reason).toBe('busy');
  });
});

describe('TopazSignaturePad when the data stops', () => {
  it('closes the stroke and flags the capture interrupted after a silence with the pen down', async () => {
    const rig = setup({ stallTimeoutMs: 300 });
    await rig.pad.startCapture();
    await rig.send(down(10, 10), down(20, 20), hover(25, 25));
    await rig.send(down(100, 100), down(110, 120), down(120, 140));
    await expectInterruptedAfter(rig, 300);

    const { signature, interrupted } = await rig.pad.finishCapture();
    expect(interrupted).toBe(true);
    expect(signature.strokes).toHaveLength(2);
    // No lift was seen, so none is made up.
    expect(signature.strokes[1]!.samples.map((sample) => sample.down)).toEqual([true, true, true]);
  });

  it('is not fooled by a slow hand: reports keep coming, the stroke goes on', async () => {
    const rig = setup({ stallTimeoutMs: 500 });
    await rig.pad.startCapture();
    for (let i = 0; i < 5; i++) {
      await rig.send(down(i, i));
      await rig.advance(499);
    }
    await rig.send(hover(5, 5));
    await rig.advance(600);
    const { signature, interrupted } = await rig.pad.finishCapture();
    expect(rig.problems).toEqual([]);
    expect(interrupted).toBe(false);
    expect(signature.strokes).toHaveLength(1);
  });

  it('keeps capturing after an interruption: a pen that comes back starts a new stroke', async () => {
    const rig = setup({ stallTimeoutMs: 50 });
    await rig.pad.startCapture();
    await rig.send(down(10, 10), down(20, 20));
    await rig.advance(100);
    await rig.send(down(21, 21), down(30, 30), hover(31, 31));
    const { signature, interrupted } = await rig.pad.finishCapture();
    expect(interrupted).toBe(true);
    expect(signature.strokes.map((stroke) => stroke.samples.length)).toEqual([2, 3]);
  });

  it('ends the capture as disconnected when the cable is pulled, and refuses a new one until the port is back', async () => {
    const rig = setup();
    const closes: (Error | undefined)[] = [];
    rig.pad.onClose((error) => closes.push(error));
    await rig.pad.startCapture();
    await rig.send(down(10, 10), down(20, 20));
    rig.pair.unplug();

    expect(rig.problems).toEqual(['disconnected']);
    expect(closes).toHaveLength(1);
    expect(closes[0]?.message).toBe('Cable unplugged');
    expect(rig.pad.capturing).toBe(false);
    const failure = await failureOf(rig.pad.finishCapture(), CaptureFailure);
    expect(failure.reason).toBe('disconnected');
    expect(failure.message).toContain('Cable unplugged');
    expect((await failureOf(rig.pad.startCapture(), CaptureFailure)).reason).toBe('disconnected');
  });

  it('cancel drops the capture and its strokes; the next one starts clean', async () => {
    const rig = setup();
    await rig.pad.startCapture();
    await rig.send(down(10, 10), down(20, 20), hover(20, 20));
    rig.pad.cancel();
    expect(rig.pad.capturing).toBe(false);
    expect((await failureOf(rig.pad.finishCapture(), CaptureFailure)).reason).toBe('cancelled');

    await rig.pad.startCapture();
    await rig.send(down(300, 300), hover(300, 300));
    const { signature } = await rig.pad.finishCapture();
    expect(signature.strokes).toHaveLength(1);
    expect(signature.strokes[0]!.samples[0]).toMatchObject({ x: 300, y: 300, t: 0 });
  });

  it('close() ends a capture as disconnected and closes the port it owns', async () => {
    const rig = setup();
    const pending = rig.pad.capture();
    await rig.send(down(1, 1));
    await rig.pad.close();
    expect((await failureOf(pending, CaptureFailure)).reason).toBe('disconnected');
    expect(rig.pair.app.isOpen).toBe(false);
    expect((await failureOf(rig.pad.startCapture(), CaptureFailure)).reason).toBe('disconnected');
  });
});

describe('TopazSignaturePad.capture (until the pen rests)', () => {
  it('finishes once something was drawn and the pen stayed off for idleMs', async () => {
    const rig = setup();
    let result: PadCapture | undefined;
    const pending = rig.pad.capture({ idleMs: 400 }).then((capture) => (result = capture));
    await rig.advance(500);
    expect(result).toBeUndefined(); // nothing drawn yet: keeps waiting
    await rig.send(down(1, 1), down(2, 2), hover(3, 3));
    await rig.advance(399);
    await rig.send(down(10, 10), hover(11, 11)); // back within idleMs: the wait starts again
    await rig.advance(399);
    expect(result).toBeUndefined();
    await rig.advance(1);
    await pending;
    expect(result?.signature.strokes).toHaveLength(2);
    expect(rig.pad.capturing).toBe(false);
  });

  it('ends with cancelled when its signal aborts, and with disconnected on unplug', async () => {
    const rig = setup();
    const controller = new AbortController();
    const pending = rig.pad.capture({ signal: controller.signal });
    await rig.send(down(1, 1));
    controller.abort();
    expect((await failureOf(pending, CaptureFailure)).reason).toBe('cancelled');
    expect((await failureOf(rig.pad.capture({ signal: controller.signal }), CaptureFailure)).reason).toBe('cancelled');

    const unplugged = rig.pad.capture();
    await rig.send(down(1, 1));
    rig.pair.unplug();
    expect((await failureOf(unplugged, CaptureFailure)).reason).toBe('disconnected');
  });

  it('is settled by finishCapture too', async () => {
    const rig = setup();
    const pending = rig.pad.capture({ idleMs: 10_000 });
    await rig.send(down(1, 1), down(2, 2));
    const finished = await rig.pad.finishCapture();
    expect(await pending).toBe(finished);
  });
});

describe('TopazSignaturePad against the simulated pad', () => {
  it('captures the simulated signature stroke for stroke and sample for sample', async () => {
    const rig = setup();
    const sim = new SignaturePadSimulator(rig.pair.device, { speed: 90_000 });
    const pending = rig.pad.capture({ idleMs: 100 });
    const outcome = await sim.sign();
    await rig.advance(100);
    const { signature, interrupted } = await pending;

    expect(outcome.completed).toBe(true);
    expect(outcome.strokes).toBe(6);
    expect(interrupted).toBe(false);
    expect(signature.strokes).toHaveLength(outcome.strokes);
    const inked = signature.strokes.flatMap((stroke) => stroke.samples).filter((sample) => sample.down);
    expect(inked).toHaveLength(outcome.samples);
    // Every stroke ends with its lift.
    for (const stroke of signature.strokes) expect(stroke.samples.at(-1)?.down).toBe(false);
    expect(toSvg(signature).match(/<path /g)).toHaveLength(6);
  });

  it('reports sign-drop as an interrupted capture of two strokes', async () => {
    const rig = setup({ stallTimeoutMs: 100 });
    const sim = new SignaturePadSimulator(rig.pair.device, { speed: 90_000 });
    await rig.pad.startCapture();
    const outcome = await sim.signDrop();
    expect(outcome.completed).toBe(false);
    expect(outcome.strokes).toBe(2);
    await expectInterruptedAfter(rig, 100);
    const { signature, interrupted } = await rig.pad.finishCapture();
    expect(interrupted).toBe(true);
    expect(signature.strokes).toHaveLength(2);
    expect(signature.strokes[1]!.samples.at(-1)?.down).toBe(true);
  });
});

describe('TopazSignaturePad fed random bytes', () => {
  it('never throws, never hangs, and keeps only in-range samples in time order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uint8Array({ maxLength: 80 }), { maxLength: 25 }), async (chunks) => {
        const pair = createMemoryPortPair('random');
        const pad = new TopazSignaturePad(pair.app, { width: 1000, height: 3000, stallTimeoutMs: 10_000 });
        try {
          await pad.startCapture();
          for (const chunk of chunks) await pair.device.write(chunk);
          const outcome = await pad.finishCapture().catch((error: unknown) => error);
          if (outcome instanceof CaptureFailure) {
            expect(outcome.reason).toBe('empty');
            return;
          }
          const { signature } = outcome as PadCapture;
          let lastT = 0;
          for (const stroke of signature.strokes) {
            expect(stroke.samples[0]?.down).toBe(true);
            stroke.samples.forEach((sample, index) => {
              expect(sample.x).toBeGreaterThanOrEqual(0);
              expect(sample.x).toBeLessThanOrEqual(1000);
              expect(sample.y).toBeGreaterThanOrEqual(0);
              expect(sample.y).toBeLessThanOrEqual(3000);
              expect(Number.isInteger(sample.t)).toBe(true);
              expect(sample.t).toBeGreaterThanOrEqual(lastT);
              lastT = sample.t;
              // A lift only ever ends a stroke.
              if (!sample.down) expect(index).toBe(stroke.samples.length - 1);
            });
          }
        } finally {
          await pad.close();
        }
      }),
      { numRuns: 200 },
    );
  });
});
