/**
 * Command-line options of the browser host (`npm run serve -- …`). Each maps onto a field of the
 * settings file and wins over it for this run only.
 */
import path from 'node:path';
import type { ParseArgsOptionsConfig } from 'node:util';
import { HubSettingsSchema, ID_READER_FRAMINGS, PRINTER_MODELS } from '../common/contract/settings';
import type { SettingsOverrides } from '../station/station';
import { parseCommandLine, wholeNumber } from '../node/command-line';

export const USAGE = `Usage: npm run serve -- [options]

  --port <n>            HTTP port (default: from settings, else 8080; 0 picks a free one)
  --bind <address>      address to listen on (default 127.0.0.1; 0.0.0.0 lets TVs connect)
  --data <dir>          all state of this workstation (default ./.okienko/data)
  --printer <path>      ticket printer: a serial port (/dev/ttyUSB0, COM3, a simulator path),
                        a raw device file (/dev/usb/lp0) or a network printer (tcp://10.0.0.7:9100)
  --baud <n>            printer baud rate (default 38400)
  --rtscts              printer uses RTS/CTS flow control
  --printer-model <m>   ${PRINTER_MODELS.join(' | ')}
  --id-reader <path>    MRZ ID-card reader's serial port
  --id-reader-baud <n>  its baud rate (default 9600)
  --id-reader-framing <f>  ${ID_READER_FRAMINGS.join(' | ')} (default auto)
  --signature-pad <path>   signature pad's serial port (Topaz, 19200 baud, odd parity)
  --signature-pad-baud <n> its baud rate (default 19200)
  --hub <url>           the office hub to sync with, e.g. https://hub.urzad.local:8090 (its office CA:
                        hub.ca in settings.json)
  --hub-token <token>   this workstation's token from the hub (or env OKIENKO_HUB_TOKEN)
  --demo                try Okienko: a fresh workstation takes the demo office and its appointments;
                        without a hub it also makes demo accounts (a clerk, a supervisor, an admin)
                        and prints how they sign in. Never in a real office: the passwords are public
  --help                this text

Accounts of a workstation that works alone (with a hub, the hub keeps them: npm run hub -- user …):
  npm run serve -- user add <login> --role admin [--data <dir>]    prints a one-time password
  npm run serve -- user reset|disable|enable|roles|list …           as on the hub
`;

export interface HostCommandLine {
  readonly dataDir: string;
  readonly overrides: SettingsOverrides;
  /** `--demo`: the demo office on a fresh database, and (without a hub) the demo accounts. */
  readonly demo: boolean;
  readonly help: boolean;
}

export class OptionsError extends Error {}

/** `tcp://host[:port]` is a network printer, `/dev/usb/lp*` a raw device file, anything else a serial port. */
export function printerTarget(value: string): { transport: 'serial' | 'file' | 'tcp'; path: string } {
  const tcp = /^tcp:\/\/([^/:]+)(?::(\d{1,5}))?\/?$/.exec(value);
  if (tcp) return { transport: 'tcp', path: `${tcp[1]}:${tcp[2] ?? '9100'}` };
  if (/^\/dev\/usb\/lp\d+$/.test(value)) return { transport: 'file', path: value };
  if (value.startsWith('tcp:')) throw new OptionsError(`--printer ${value}: a network printer is tcp://host:port`);
  return { transport: 'serial', path: value };
}

const HOST_OPTIONS = {
  port: { type: 'string' },
  bind: { type: 'string' },
  data: { type: 'string' },
  printer: { type: 'string' },
  baud: { type: 'string' },
  rtscts: { type: 'boolean' },
  'printer-model': { type: 'string' },
  'id-reader': { type: 'string' },
  'id-reader-baud': { type: 'string' },
  'id-reader-framing': { type: 'string' },
  'signature-pad': { type: 'string' },
  'signature-pad-baud': { type: 'string' },
  hub: { type: 'string' },
  'hub-token': { type: 'string' },
  demo: { type: 'boolean' },
  help: { type: 'boolean' },
} as const satisfies ParseArgsOptionsConfig;

const fail = (message: string) => new OptionsError(message);

function readValues(argv: readonly string[]) {
  return parseCommandLine({ args: [...argv], options: HOST_OPTIONS, strict: true }, fail).values;
}

type HostValues = ReturnType<typeof readValues>;

function integer(name: string, value: string | undefined, min: number, max: number): number | undefined {
  return wholeNumber(name, value, min, max, fail);
}

export function parseHostArgs(
  argv: readonly string[],
  cwd = process.cwd(),
  env: NodeJS.ProcessEnv = process.env,
): HostCommandLine {
  const values = readValues(argv);
  // Checked in this order, so the first mistake on the line is the one explained.
  const host = hostOverride(values);
  const printer = printerOverride(values);
  const idReader = idReaderOverride(values);
  const signaturePad = signaturePadOverride(values);
  const hub = hubOverride(values, env);
  return {
    dataDir: path.resolve(cwd, values.data ?? '.okienko/data'),
    overrides: {
      ...(host && { host }),
      ...(printer && { printer }),
      ...(idReader && { idReader }),
      ...(signaturePad && { signaturePad }),
      ...(hub && { hub }),
    },
    demo: values.demo ?? false,
    help: values.help ?? false,
  };
}

function hostOverride(values: HostValues): SettingsOverrides['host'] {
  const port = integer('port', values.port, 0, 65535);
  if (port === undefined && !values.bind) return undefined;
  return { ...(port !== undefined ? { port } : {}), ...(values.bind ? { bind: values.bind } : {}) };
}

function printerOverride(values: HostValues): SettingsOverrides['printer'] {
  if (!values.printer) {
    if (values.baud || values['printer-model'] || values.rtscts)
      throw new OptionsError('--baud, --rtscts and --printer-model need --printer <path>');
    return undefined;
  }
  const model = values['printer-model'];
  if (model !== undefined && !(PRINTER_MODELS as readonly string[]).includes(model)) {
    throw new OptionsError(`--printer-model must be one of ${PRINTER_MODELS.join(', ')}`);
  }
  return {
    ...printerTarget(values.printer),
    baudRate: integer('baud', values.baud, 300, 4_000_000) ?? 38400,
    rtscts: values.rtscts ?? false,
    model: (model as (typeof PRINTER_MODELS)[number] | undefined) ?? 'epson-tm-t20iii',
    columns: 48,
  };
}

function idReaderOverride(values: HostValues): SettingsOverrides['idReader'] {
  if (!values['id-reader']) {
    if (values['id-reader-baud'] || values['id-reader-framing'])
      throw new OptionsError('--id-reader-baud and --id-reader-framing need --id-reader <path>');
    return undefined;
  }
  const framing = values['id-reader-framing'] ?? 'auto';
  if (!(ID_READER_FRAMINGS as readonly string[]).includes(framing))
    throw new OptionsError(`--id-reader-framing must be one of ${ID_READER_FRAMINGS.join(', ')}`);
  return {
    path: values['id-reader'],
    baudRate: integer('id-reader-baud', values['id-reader-baud'], 300, 4_000_000) ?? 9600,
    rtscts: false,
    framing: framing as (typeof ID_READER_FRAMINGS)[number],
    interByteTimeoutMs: 120,
  };
}

function signaturePadOverride(values: HostValues): SettingsOverrides['signaturePad'] {
  if (!values['signature-pad']) {
    if (values['signature-pad-baud']) throw new OptionsError('--signature-pad-baud needs --signature-pad <path>');
    return undefined;
  }
  return {
    path: values['signature-pad'],
    baudRate: integer('signature-pad-baud', values['signature-pad-baud'], 300, 4_000_000) ?? 19200,
    rtscts: false,
    parity: 'odd',
    model: 'topaz',
  };
}

function hubOverride(values: HostValues, env: NodeJS.ProcessEnv): SettingsOverrides['hub'] {
  const hubToken = values['hub-token'] ?? env.OKIENKO_HUB_TOKEN;
  if (!values.hub) {
    if (values['hub-token']) throw new OptionsError('--hub-token needs --hub <url>');
    return undefined;
  }
  const hub = HubSettingsSchema.safeParse({ url: values.hub, token: hubToken ?? '' });
  if (hub.success) return hub.data;
  const issue = hub.error.issues[0];
  throw new OptionsError(
    issue?.path[0] === 'url'
      ? `--hub must be a URL such as https://hub.urzad.local:8090, not "${values.hub}"`
      : `--hub-token: ${issue?.message ?? 'missing'}`,
  );
}
