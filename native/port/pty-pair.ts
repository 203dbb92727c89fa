import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface PtyPairOptions {
  /** Folder for the two links; it must exist. */
  readonly dir: string;
  /** Link name the application opens. */
  readonly appName?: string;
  /** Link name the simulator opens. */
  readonly deviceName?: string;
  /** How long socat may take to create both links. */
  readonly startTimeoutMs?: number;
  readonly socatPath?: string;
}

export interface PtyPair {
  /** The end the application opens, as if it were the device's serial port. */
  readonly appPath: string;
  /** The end the simulator opens and speaks the device's side on. */
  readonly devicePath: string;
  /** socat's process id; killing it is a real unplug for both ends. */
  readonly pid: number;
  /** Resolves when socat has exited, for whatever reason. */
  readonly exited: Promise<void>;
  /** Ends socat (SIGTERM) and resolves once it has exited. Safe to call twice. */
  kill(): Promise<void>;
}

/**
 * Two pseudo-terminals joined by socat: a serial cable with nothing in between. Drivers are tested
 * on one end with a device simulator on the other, so everything down to the kernel's tty layer is
 * the real thing; killing socat behaves like pulling the USB plug.
 */
export async function startPtyPair(options: PtyPairOptions): Promise<PtyPair> {
  const appPath = join(options.dir, options.appName ?? 'a');
  const devicePath = join(options.dir, options.deviceName ?? 'b');
  const timeoutMs = options.startTimeoutMs ?? 5000;

  // raw + echo=0: bytes pass untouched, nothing is echoed back to the sender, as on a real line.
  const child = spawn(
    options.socatPath ?? 'socat',
    ['-d', '-d', `pty,raw,echo=0,link=${appPath}`, `pty,raw,echo=0,link=${devicePath}`],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );

  let stderr = '';
  let transferring = false;
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => {
    // Keep only the tail: socat logs every transfer problem here for as long as it runs.
    stderr = (stderr + text).slice(-4000);
    if (text.includes('starting data transfer loop')) transferring = true;
  });

  let hasExited = false;
  let failure: Error | undefined;
  // A socat that cannot start emits `error` and never `exit`; both end its life for us.
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      hasExited = true;
      resolve();
    });
    child.once('error', (error) => {
      failure = error;
      hasExited = true;
      resolve();
    });
  });

  const kill = async (): Promise<void> => {
    if (!hasExited) child.kill('SIGTERM');
    await exited;
  };

  const deadline = Date.now() + timeoutMs;
  // Both links must exist and socat must be in its transfer loop; before that, bytes written to
  // one end may be lost.
  while (!(transferring && existsSync(appPath) && existsSync(devicePath))) {
    if (failure) throw new Error(`Could not start socat: ${failure.message}`);
    if (hasExited) throw new Error(`socat exited before the pseudo-terminals were ready: ${stderr.trim()}`);
    if (Date.now() > deadline) {
      await kill();
      throw new Error(`socat did not create ${appPath} and ${devicePath} within ${timeoutMs} ms: ${stderr.trim()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }

  if (child.pid === undefined) throw new Error('socat has no process id');
  return { appPath, devicePath, pid: child.pid, exited, kill };
}
