/**
 * Which paths a device may be set to (`devices.configure`), checked before anything is saved or
 * opened, so a mistyped path can never have the printer's first bytes written over a file, nor a
 * port opened on /dev/mem, the kernel log or a console:
 *
 * - a serial port (any role, the printer with the `serial` transport): /dev/ttyS*, /dev/ttyUSB*,
 *   /dev/ttyACM*, /dev/ttyAMA*, /dev/rfcomm*, /dev/serial/by-id/*, /dev/serial/by-path/*, a
 *   pseudo-terminal /dev/pts/<n> (the device simulator's socat pairs), /dev/cu.* and /dev/tty.*
 *   (macOS), COM<n> (Windows);
 * - a raw printer device (the printer with the `file` transport): /dev/usb/lp<n>;
 * - a network printer (the printer with the `tcp` transport): `tcp://host:port`, or `host:port` as
 *   settings files written before said it.
 *
 * A path that exists is followed through its links (the simulator's `/tmp/okienko-sim-…/printer`,
 * `/dev/serial/by-id/…`) and its real path is what is checked: it must be a character device with
 * one of the names above. A path with nothing there yet (a device plugged in later) is accepted only
 * when its own name is one of them; nothing is ever created at it (the ports open without O_CREAT,
 * and refuse anything but a device themselves: native/port).
 */
import { realpath, stat } from 'node:fs/promises';
import type { DeviceRole } from '../common/contract/devices';
import { ContractFailure } from '../common/contract/result';
import { parseTcpAddress } from '../../native/port/tcp-byte-port';

interface DeviceKind {
  /** What the path must be, in a sentence: "a serial port". */
  readonly what: string;
  /** The names it may have, matched against the whole (real) path. */
  readonly names: readonly RegExp[];
  /** The same, for the person reading the refusal. */
  readonly accepted: string;
}

const SERIAL_PORT: DeviceKind = {
  what: 'a serial port',
  names: [
    /^\/dev\/tty(?:S|USB|ACM|AMA)\d+$/,
    /^\/dev\/rfcomm\d+$/,
    /^\/dev\/serial\/by-(?:id|path)\/(?!\.\.?$)[^/]+$/,
    /^\/dev\/pts\/\d+$/,
    /^\/dev\/(?:cu|tty)\.[^/]+$/,
  ],
  accepted:
    '/dev/ttyS<n>, /dev/ttyUSB<n>, /dev/ttyACM<n>, /dev/ttyAMA<n>, /dev/rfcomm<n>, /dev/serial/by-id/…, ' +
    '/dev/serial/by-path/…, a pseudo-terminal /dev/pts/<n>, /dev/cu.… or /dev/tty.… (macOS), COM<n> (Windows), ' +
    'or a link to one of them',
};

const RAW_PRINTER: DeviceKind = {
  what: 'a raw printer device',
  names: [/^\/dev\/usb\/lp\d+$/],
  accepted: '/dev/usb/lp<n> (a character device), or a link to it',
};

/** Windows names its serial ports COM3 and friends (`\\.\COM12` in full); they are not files to check. */
const WINDOWS_PORT = /^(?:\\\\\.\\)?COM\d{1,3}$/i;

/** `tcp://host:port` (host a name, an IPv4 address or a bracketed IPv6 one); `tcp://` optional. */
const NETWORK_PRINTER =
  /^(?:tcp:\/\/)?(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\[[0-9A-Fa-f:.]{2,45}\]):(\d{1,5})$/i;

const NETWORK_ACCEPTED = 'tcp://host:port, e.g. tcp://10.0.0.7:9100 (host:port is read the same)';

export async function checkDevicePath(role: DeviceRole, transport: string | undefined, path: string): Promise<void> {
  if (role === 'printer' && transport === 'tcp') {
    checkNetworkPrinter(path);
    return;
  }
  const kind = role === 'printer' && transport === 'file' ? RAW_PRINTER : SERIAL_PORT;
  if (kind === SERIAL_PORT && WINDOWS_PORT.test(path)) return;
  const refuse = (subject: string, problem: string) =>
    new ContractFailure('BAD_REQUEST', `${subject} ${problem}; accepted: ${kind.accepted}`);
  if (!path.startsWith('/') || path.length > 1024 || path.includes('\0'))
    throw refuse(quote(path), `is not ${kind.what} (not an absolute device path)`);

  let real: string;
  try {
    real = await realpath(path);
  } catch (error) {
    const code = errorCode(error);
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw refuse(quote(path), `cannot be checked (${code ?? 'error'})`);
    // Nothing there (yet), or a link to nothing: a device plugged in later, under its own name.
    if (named(kind, path)) return;
    throw refuse(quote(path), `does not exist, and a device not plugged in yet must be named as ${kind.what}`);
  }
  // What is checked is where the links lead; the message says so when that is elsewhere.
  const subject = real === path ? quote(path) : `${quote(path)} leads to ${quote(real)}, which`;
  const found = await stat(real).catch(() => null);
  if (!found) throw refuse(subject, 'disappeared while it was checked');
  if (!found.isCharacterDevice()) {
    const what = found.isDirectory() ? 'a folder' : found.isFile() ? 'a regular file' : 'not a character device';
    throw refuse(subject, `is ${what}, not ${kind.what}`);
  }
  if (!named(kind, real)) throw refuse(subject, `is not ${kind.what}`);
}

function checkNetworkPrinter(path: string): void {
  const port = Number(NETWORK_PRINTER.exec(path)?.[1]);
  // The port is said, and the transport reads the address the same way (native/port/tcp-byte-port).
  if (port >= 1 && port <= 65_535 && readsAs(path, port)) return;
  throw new ContractFailure(
    'BAD_REQUEST',
    `${quote(path)} is not a network printer's address; accepted: ${NETWORK_ACCEPTED}`,
  );
}

function readsAs(address: string, port: number): boolean {
  try {
    return parseTcpAddress(address).port === port;
  } catch {
    return false;
  }
}

function named(kind: DeviceKind, path: string): boolean {
  return kind.names.some((name) => name.test(path));
}

/** The path as the message shows it: quoted, and cut short when someone pasted a novel. */
function quote(path: string): string {
  return JSON.stringify(path.length > 100 ? `${path.slice(0, 100)}…` : path);
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}
