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

async function main(): Promise<void> {
  const { values } = parseArgs({
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
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }

  const json = values.json;
  const baud = values.baud === undefined ? undefined : Number(values.baud);
  if (baud !== undefined && !(Number.isInteger(baud) && baud >= 300)) {
    process.stderr.write(`--baud must be a whole number of at least 300, not "${values.baud}"\n`);
    process.exit(2);
  }
  const createdDir = values.dir === undefined;
  const dir = values.dir === undefined ? mkdtempSync(join(tmpdir(), 'okienko-sim-')) : resolve(values.dir);
  mkdirSync(dir, { recursive: true });
  const context: SimContext = {
    dir,
    outputFile: values.output === undefined ? undefined : resolve(values.output),
    emit(event, human) {
      process.stdout.write(`${json ? JSON.stringify(event) : human}\n`);
    },
  };

  const devices: RunningDevice[] = [];
  let shuttingDown: Promise<void> | undefined;
  const shutdown = (exitCode: number): Promise<void> => {
    shuttingDown ??= (async () => {
      await Promise.allSettled(devices.map((device) => device.stop()));
      if (createdDir) rmSync(dir, { recursive: true, force: true });
      context.emit({ event: 'exit' }, 'Simulated devices stopped.');
      process.exit(exitCode);
    })();
    return shuttingDown;
  };
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));

  try {
    const printerTcpPort = values['printer-tcp'] === undefined ? undefined : Number(values['printer-tcp']);
    if (
      printerTcpPort !== undefined &&
      !(Number.isInteger(printerTcpPort) && printerTcpPort >= 0 && printerTcpPort < 65_536)
    )
      throw new Error(`--printer-tcp takes a port number, not "${values['printer-tcp']}"`);
    for (const kind of DEVICE_KINDS)
      devices.push(await kind.start(context, { mode: values.mode, baud, printerTcpPort }));
  } catch (error) {
    process.stderr.write(
      `Could not start the simulated devices: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    await shutdown(1);
    return;
  }

  const kebab = (kind: string): string => kind.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
  const ready: SimEvent = {
    event: 'ready',
    dir,
    ...Object.fromEntries(devices.map((device) => [device.kind, device.appPath])),
    pids: Object.fromEntries(devices.map((device) => [device.kind, device.pid ?? null])),
  };
  const human = devices.map(
    (device) =>
      `${device.kind.padEnd(13)} ${device.appPath}  (open this in the app: npm run serve -- --${kebab(device.kind)} ${device.appPath})`,
  );
  const hint = values['ignore-stdin'] ? 'Ctrl+C ends.' : 'Type a command (help for the list); Ctrl+C ends.';
  context.emit(ready, [...human, hint].join('\n'));

  // Started in the background (stdin closed or /dev/null) it would end at once; this keeps it up.
  if (values['ignore-stdin']) return;
  const lines = createInterface({ input: process.stdin, terminal: false });
  lines.on('close', () => void shutdown(0));
  // Commands run one after another: `unplug` then `replug` must not overtake each other.
  let pending = Promise.resolve();
  lines.on('line', (line) => {
    pending = pending
      .then(() => handle(line.trim()))
      .catch((error: unknown) => {
        context.emit(
          { event: 'error', message: error instanceof Error ? error.message : String(error) },
          `error: ${String(error)}`,
        );
      });
  });

  async function handle(line: string): Promise<void> {
    if (line === '') return;
    const words = line.split(/\s+/);
    const target = devices.find((device) => device.kind === words[0]);
    const word = (target ? words[1] : words[0]) ?? '';
    const args = words.slice(target ? 2 : 1);
    if (word === 'quit' || word === 'exit') return shutdown(0);
    if (word === 'help')
      return void process.stdout.write(json ? `${JSON.stringify({ event: 'help', text: HELP })}\n` : HELP);
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
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
