/**
 * The Topaz signature pad driver against the simulated pad in another process (`npm run sim`),
 * over a real socat pseudo-terminal pair opened the way the station opens a pad: 19200 baud, odd
 * parity.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startPtyPair } from '../../../native/port/pty-pair';
import { SerialBytePort } from '../../../native/port/serial-byte-port';
import { TopazSignaturePad, type TopazSignaturePadOptions } from '../../../native/signature-pad/signature-pad.driver';
import { CaptureFailure, type CaptureProblem } from '../../../native/signature-pad/signature-pad';
import { signatureDigest, toSvg, withoutDynamics } from '../../../native/signature-pad/signature.codec';
import { startSimProcess, type SimEvent, type SimProcess } from '../../support/sim-process';
import { failureOf } from '../../support/failure';

const BAUD = 19200;
const PAD = 'signaturePad';

let tmp: string;
let sim: SimProcess;
let padPath: string;
const drivers: TopazSignaturePad[] = [];

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'okienko-pad-it-'));
  sim = await startSimProcess(['--dir', tmp]);
  padPath = sim.ready[PAD] as string;
  expect(padPath).toBe(join(tmp, 'signature-pad'));
});

afterEach(async () => {
  for (const driver of drivers.splice(0)) await driver.close().catch(() => undefined);
});

afterAll(async () => {
  await sim?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

async function connect(
  options: TopazSignaturePadOptions = {},
): Promise<{ pad: TopazSignaturePad; problems: CaptureProblem[] }> {
  const port = new SerialBytePort({ path: padPath, baudRate: BAUD, parity: 'odd' });
  await port.open();
  const pad = new TopazSignaturePad(port, options);
  drivers.push(pad);
  const problems: CaptureProblem[] = [];
  pad.onProblem((problem) => problems.push(problem));
  return { pad, problems };
}

const fromPad =
  (name: string) =>
  (event: SimEvent): boolean =>
    event.event === name && event.device === PAD;

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await sleep(20);
  }
}

/** What `stty` reads back from the kernel for a terminal: the settings serialport applied. */
function termios(path: string): string {
  return execFileSync('stty', ['-F', path, '-a'], { encoding: 'utf8' });
}

describe('signature pad over a pseudo-terminal, simulator in another process', () => {
  it('captures a whole signature: as many strokes and pen-down samples as the pad drew, one SVG path per stroke', async () => {
    const { pad, problems } = await connect();
    const from = sim.mark();
    const pending = pad.capture({ idleMs: 600 });
    sim.send(`${PAD} sign`);

    const signed = await sim.waitFor(fromPad('signed'), from, 15_000);
    const { signature, interrupted } = await pending;

    expect(signed.strokes).toBe(6);
    expect(interrupted).toBe(false);
    expect(problems).toEqual([]);
    expect(signature.strokes).toHaveLength(signed.strokes as number);
    const inked = signature.strokes.flatMap((stroke) => stroke.samples).filter((sample) => sample.down);
    expect(inked).toHaveLength(signed.samples as number);
    expect(signature).toMatchObject({ width: 4096, height: 4096, rate: 120 });

    // Timed at about the pad's rate: the pen was down for about samples / 120 seconds.
    const last = signature.strokes.at(-1)!.samples.at(-1)!.t;
    expect(last).toBeGreaterThan(((signed.samples as number) / 120) * 1000 * 0.8);

    const svg = toSvg(signature);
    expect(svg.match(/<path /g)).toHaveLength(signed.strokes as number);
    expect(svg).toContain('viewBox="0 0 4096 4096"');
    const document = 'Potwierdzam odbiór dowodu osobistego.';
    expect(await signatureDigest(withoutDynamics(signature), document)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('flags a signature whose pad goes silent mid-stroke (sign-drop) as interrupted', async () => {
    const { pad, problems } = await connect();
    await pad.startCapture();
    const from = sim.mark();
    sim.send(`${PAD} sign-drop`);

    const dropped = await sim.waitFor(fromPad('dropped'), from, 15_000);
    expect(dropped.reason).toBe('sign-drop');
    // One second of silence with the pen down (the default) is what the driver waits for.
    await until(() => problems.includes('interrupted'), 3000);

    const { signature, interrupted } = await pad.finishCapture();
    expect(interrupted).toBe(true);
    expect(signature.strokes).toHaveLength(dropped.strokes as number);
    expect(signature.strokes.at(-1)!.samples.at(-1)!.down).toBe(true);
  });

  it('ends a capture as disconnected when the pad is unplugged mid-signature, and works again after a replug', async () => {
    const { pad, problems } = await connect();
    let samples = 0;
    pad.onSample(() => samples++);
    const closed = new Promise<void>((resolve) => pad.onClose(() => resolve()));
    const pending = failureOf(pad.capture({ idleMs: 600 }), CaptureFailure);
    const from = sim.mark();
    sim.send(`${PAD} sign`);
    await until(() => samples > 20, 10_000);

    const pulledAt = Date.now();
    sim.send(`${PAD} unplug`);
    const failure = await pending;
    expect(failure.reason).toBe('disconnected');
    expect(Date.now() - pulledAt).toBeLessThan(2000);
    await closed;
    expect(problems).toEqual(['disconnected']);
    await sim.waitFor(fromPad('unplugged'), from);
    const cut = await sim.waitFor(fromPad('dropped'), from);
    expect(cut.reason).toBe('unplugged');
    expect((await failureOf(pad.startCapture(), CaptureFailure)).reason).toBe('disconnected');

    // A new cable: the station builds a fresh port and driver, as after a real unplug.
    const replugged = await sim.command(`${PAD} replug`, fromPad('replugged'));
    expect(replugged.path).toBe(padPath);
    const again = await connect();
    const next = again.pad.capture({ idleMs: 600 });
    const signedFrom = sim.mark();
    sim.send(`${PAD} sign`);
    const signed = await sim.waitFor(fromPad('signed'), signedFrom, 15_000);
    const { signature, interrupted } = await next;
    expect(interrupted).toBe(false);
    expect(signature.strokes).toHaveLength(signed.strokes as number);
  });
});

describe('the serial line settings', () => {
  it('reach the kernel: 19200 baud and odd parity on the port the driver reads', async () => {
    // A fresh pair, so nothing is left over from an earlier open. Linux pseudo-terminals force
    // 8 bits without parity (PARENB is cleared) but keep PARODD: that bit is the evidence that
    // the option went from SerialBytePort through serialport to the terminal.
    const pair = await startPtyPair({ dir: tmp, appName: 'parity-app', deviceName: 'parity-device' });
    try {
      expect(termios(pair.appPath)).toMatch(/(^|\s)-parodd(\s|$)/);
      const odd = new SerialBytePort({ path: pair.appPath, baudRate: BAUD, parity: 'odd' });
      await odd.open();
      const settings = termios(pair.appPath);
      expect(settings).toMatch(/speed 19200 baud/);
      expect(settings).toMatch(/(^|\s)parodd(\s|$)/);
      await odd.close();
    } finally {
      await pair.kill();
    }

    const plain = await startPtyPair({ dir: tmp, appName: 'plain-app', deviceName: 'plain-device' });
    try {
      const none = new SerialBytePort({ path: plain.appPath, baudRate: 38400 });
      await none.open();
      const settings = termios(plain.appPath);
      expect(settings).toMatch(/speed 38400 baud/);
      expect(settings).toMatch(/(^|\s)-parodd(\s|$)/);
      expect(settings).toMatch(/(^|\s)-parenb(\s|$)/);
      await none.close();
    } finally {
      await plain.kill();
    }
  });
});
