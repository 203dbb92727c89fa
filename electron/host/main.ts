/**
 * `npm run serve`: the browser host. The same station the Electron shell runs, in plain Node, with
 * the renderer over HTTP and the contract over a WebSocket.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger, describeError } from '../station/log';
import { createStation } from '../station/station';
import { workstationDemoNotice } from '../node/accounts/demo-accounts';
import { realDevices } from '../station/devices';
import { hubOrigin } from '../shell/content-security-policy';
import { OptionsError, parseHostArgs, USAGE } from './options';
import { startHost } from './server';
import { AccountsCommandError, parseAccountsCommand, runAccountsCommand } from './accounts-command';
import { AccountsError } from '../station/accounts/local-accounts';
import { isMainModule, runMain } from '../node/main-module';
import { main as eservicesCommand } from '../station/eservices/command';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function main(argv: readonly string[]): Promise<number> {
  if (argv[0] === 'user') return accounts(argv);
  // An office server has no dev tools: `node out/host/main.js eservices check <file>` is `npm run eservices`.
  if (argv[0] === 'eservices') return eservicesCommand(argv.slice(1));
  let commandLine;
  try {
    commandLine = parseHostArgs(argv);
  } catch (error) {
    if (error instanceof OptionsError) {
      process.stderr.write(`okienko: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
  if (commandLine.help) {
    process.stdout.write(USAGE);
    return 0;
  }

  const log = createLogger({ scope: 'host', level: process.env.OKIENKO_LOG_LEVEL === 'debug' ? 'debug' : 'info' });
  const station = await createStation({
    dataDir: commandLine.dataDir,
    host: 'browser',
    overrides: commandLine.overrides,
    log,
    devices: realDevices,
    demo: commandLine.demo,
  });
  for (const problem of station.problems) {
    process.stderr.write(`okienko: settings.json — ${problem.field}: ${problem.message} (using the default)\n`);
  }

  let host;
  try {
    host = await startHost({
      station,
      port: station.settings.host.port,
      bind: station.settings.host.bind,
      names: station.settings.host.names,
      staticDir: process.env.OKIENKO_RENDERER_DIR ?? path.join(projectRoot, 'out/renderer'),
      log,
      connect: [hubOrigin(station.settings.hub?.url)].filter((origin): origin is string => origin !== null),
    });
  } catch (error) {
    await station.close();
    const code = (error as NodeJS.ErrnoException).code;
    process.stderr.write(
      code === 'EADDRINUSE'
        ? `okienko: port ${station.settings.host.port} is in use; choose another with --port\n`
        : `okienko: cannot start the browser host: ${describeError(error)}\n`,
    );
    return 1;
  }

  if (commandLine.demo)
    process.stdout.write(workstationDemoNotice(station.settings.hub !== null, `this workstation at ${host.url}`));
  process.stdout.write(
    [
      `Okienko is serving this workstation at ${host.url}`,
      `  kiosk      ${host.url}#/kiosk`,
      `  counter    ${host.url}#/counter/${station.settings.counter}`,
      `  customer   ${host.url}#/customer/${station.settings.counter}  (the screen turned to the visitor)`,
      `  board      ${host.url}#/board`,
      `  supervisor ${host.url}#/supervisor`,
      `  data       ${commandLine.dataDir}`,
      `  printer    ${station.settings.printer ? station.settings.printer.path : 'none (add --printer <path>; npm run sim gives one)'}`,
      `  hub        ${station.settings.hub ? station.settings.hub.url : 'none: this workstation works alone (add --hub <url> --hub-token <token>)'}`,
      '',
    ].join('\n'),
  );

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await host.close();
  await station.close();
  return 0;
}

/** `npm run serve -- user …`: this workstation's own accounts (accounts-command.ts). */
async function accounts(argv: readonly string[]): Promise<number> {
  try {
    const { dataDir, command, json } = parseAccountsCommand(argv);
    const printed = await runAccountsCommand(dataDir, command, json);
    process.stdout.write(printed.stdout + '\n');
    if (printed.stderr) process.stderr.write(printed.stderr + '\n');
    return 0;
  } catch (error) {
    process.stderr.write(`okienko: ${describeError(error)}\n`);
    return error instanceof AccountsCommandError || error instanceof AccountsError ? 2 : 1;
  }
}

if (isMainModule(import.meta.url)) runMain(() => main(process.argv.slice(2)), 'okienko');
