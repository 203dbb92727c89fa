/**
 * `npm run sim`: simulated devices on pseudo-terminals, so the app (or a test) can open a "serial
 * port" with a device on the other end and no hardware at hand. One socat pair per device: the
 * app opens one link, the device simulator the other. A separate process on purpose — the app and
 * its tests must meet the device only through the tty, as they would a real one.
 *
 *   npm run sim -- [--dir <dir>] [--output <file>] [--json] [--mode <printer mode>] [--ignore-stdin]
 *
 * Commands on stdin, one per line (optionally prefixed by the device, `printer paper-out`):
 *   paper-out  cover-open  offline  error  paper-near-end  ready   printer condition
 *   stall  resume                                              stop / resume processing
 *   unplug  replug                                             kill / restart the device's socat
 *   status  help  quit
 * With --json every event is one JSON line on stdout: ready, printed, discarded, mode, status,
 * unplugged, replugged, error, exit.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { printerKind } from './printer/ticket-printer.sim-kind';
import { signaturePadKind } from './signature-pad/signature-pad.sim-kind';
import { idReaderKind } from './id-reader/id-reader.sim-kind';
import type { DeviceKind, RunningDevice, SimContext, SimEvent } from './sim-kit';

/** Every simulated device kind; each lives beside its protocol. */
const DEVICE_KINDS: readonly DeviceKind[] = [printerKind, signaturePadKind, idReaderKind];

const HELP = `Simulated devices on pseudo-terminals.

  npm run sim -- [--dir <dir>] [--output <file>] [--json] [--mode <printer mode>] [--ignore-stdin]

  --dir <dir>      where the device links go (default: a fresh temporary folder, removed on exit)
  --output <file>  append every printed ticket to this file as text
  --json           one JSON event per line on stdout, for tests
  --mode <mode>    the printer's initial condition (ready, paper-out, cover-open, offline, …)
  --baud <n>       emulate a serial line of n baud (a pseudo-terminal has no speed of its own)
  --printer-tcp <port>  the printer also listens on TCP 127.0.0.1:<port> (0: any free port, see the listening event)
  --ignore-stdin   take no commands and keep running when stdin closes (end it with SIGINT/SIGTERM)

Commands on stdin, one per line, optionally after the device's name (\`printer paper-out\`):
${DEVICE_KINDS.map((kind) => kind.help ?? `  ${kind.kind}: ${kind.commands.join(', ')}`).join('\n')}
  status, help, quit
`;

type Shutdown = (exitCode: number) => Promise<void>;

async function main(): Promise<void> {
  const values = commandLine();
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const baud = baudOption(values.baud);
  const createdDir = values.dir === undefined;
  const dir = values.dir === undefined ? mkdtempSync(join(tmpdir(), 'okienko-sim-')) : resolve(values.dir);
  mkdirSync(dir, { recursive: true });
  const context = simContext(dir, values.output, values.json);

  const devices: RunningDevice[] = [];
  const shutdown = shutdownOnce(context, devices, createdDir ? dir : undefined);
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));

  try {
    const printerTcpPort = tcpPortOption(values['printer-tcp']);
    for (const kind of DEVICE_KINDS)
      devices.push(await kind.start(context, { mode: values.mode, baud, printerTcpPort }));
  } catch (error) {
    process.stderr.write(
      `Could not start the simulated devices: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    await shutdown(1);
    return;
  }

  announceReady(context, devices, values['ignore-stdin']);
  // Started in the background (stdin closed or /dev/null) it would end at once; this keeps it up.
  if (values['ignore-stdin']) return;
  takeCommands(context, devices, values.json, shutdown);
}

function commandLine() {
  return parseArgs({
    options: {
      dir: { type: 'string' },
      output: { type: 'string' },
      json: { type: 'boolean', default: false },
      mode: { type: 'string' },
      baud: { type: 'string' },
      'printer-tcp': { type: 'string' },
      'ignore-stdin': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  }).values;
}

/** `--baud`: undefined when not given; a bad value ends the process with exit code 2. */
function baudOption(value: string | undefined): number | undefined {
  const baud = value === undefined ? undefined : Number(value);
  if (baud !== undefined && !(Number.isInteger(baud) && baud >= 300)) {
    process.stderr.write(`--baud must be a whole number of at least 300, not "${value}"\n`);
    process.exit(2);
  }
  return baud;
}

/** `--printer-tcp`: undefined when not given; throws for anything but a port number. */
function tcpPortOption(value: string | undefined): number | undefined {
  const port = value === undefined ? undefined : Number(value);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65_536))
    throw new Error(`--printer-tcp takes a port number, not "${value}"`);
  return port;
}

function simContext(dir: string, output: string | undefined, json: boolean): SimContext {
  return {
    dir,
    outputFile: output === undefined ? undefined : resolve(output),
    emit(event, human) {
      process.stdout.write(`${json ? JSON.stringify(event) : human}\n`);
    },
  };
}

/** Stops every device, removes a folder the simulator made, reports `exit` and exits; only once. */
function shutdownOnce(
  context: SimContext,
  devices: readonly RunningDevice[],
  createdDir: string | undefined,
): Shutdown {
  let shuttingDown: Promise<void> | undefined;
  return (exitCode) => {
    shuttingDown ??= (async () => {
      await Promise.allSettled(devices.map((device) => device.stop()));
      if (createdDir !== undefined) rmSync(createdDir, { recursive: true, force: true });
      context.emit({ event: 'exit' }, 'Simulated devices stopped.');
      process.exit(exitCode);
    })();
    return shuttingDown;
  };
}

function announceReady(context: SimContext, devices: readonly RunningDevice[], ignoreStdin: boolean): void {
  const kebab = (kind: string): string => kind.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
  const ready: SimEvent = {
    event: 'ready',
    dir: context.dir,
    ...Object.fromEntries(devices.map((device) => [device.kind, device.appPath])),
    pids: Object.fromEntries(devices.map((device) => [device.kind, device.pid ?? null])),
  };
  const human = devices.map(
    (device) =>
      `${device.kind.padEnd(13)} ${device.appPath}  (open this in the app: npm run serve -- --${kebab(device.kind)} ${device.appPath})`,
  );
  const hint = ignoreStdin ? 'Ctrl+C ends.' : 'Type a command (help for the list); Ctrl+C ends.';
  context.emit(ready, [...human, hint].join('\n'));
}

/** Commands from stdin, one a line, run one after another: `unplug` then `replug` must not overtake each other. */
function takeCommands(context: SimContext, devices: readonly RunningDevice[], json: boolean, shutdown: Shutdown): void {
  const lines = createInterface({ input: process.stdin, terminal: false });
  lines.on('close', () => void shutdown(0));
  let pending = Promise.resolve();
  lines.on('line', (line) => {
    pending = pending
      .then(() => handle(line.trim(), { context, devices, json, shutdown }))
      .catch((error: unknown) => {
        context.emit(
          { event: 'error', message: error instanceof Error ? error.message : String(error) },
          `error: ${String(error)}`,
        );
      });
  });
}

async function handle(
  line: string,
  sim: { context: SimContext; devices: readonly RunningDevice[]; json: boolean; shutdown: Shutdown },
): Promise<void> {
  const { context, devices } = sim;
  if (line === '') return;
  const words = line.split(/\s+/);
  const target = devices.find((device) => device.kind === words[0]);
  const word = (target ? words[1] : words[0]) ?? '';
  const args = words.slice(target ? 2 : 1);
  if (word === 'quit' || word === 'exit') return sim.shutdown(0);
  if (word === 'help')
    return void process.stdout.write(sim.json ? `${JSON.stringify({ event: 'help', text: HELP })}\n` : HELP);
  if (word === 'status') {
    const status = Object.fromEntries(devices.map((device) => [device.kind, device.status()]));
    context.emit(
      { event: 'status', ...status },
      Object.entries(status)
        .map(([kind, value]) => `${kind}: ${value}`)
        .join('\n'),
    );
    return;
  }
  for (const device of target ? [target] : devices) {
    if (await device.command(word, args)) return;
  }
  context.emit({ event: 'error', message: `Unknown command "${line}"` }, `Unknown command "${line}"; type help.`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
