/**
 * Which paths a device may be set to (`devices.configure`): a serial port or a raw printer device
 * — a character device, followed through its symlinks (`/dev/serial/by-id/…`, a simulator's
 * pseudo-terminal), or a path with nothing there yet — or, for a printer, `host:port` on the
 * network. A regular file or a folder is refused before it is saved or opened, so the printer's
 * first bytes can never overwrite a file (the port itself refuses one too: native/port).
 */
import { stat } from 'node:fs/promises';
import type { DeviceRole } from '../common/contract/devices';
import { ContractFailure } from '../common/contract/result';

export async function checkDevicePath(role: DeviceRole, transport: string | undefined, path: string): Promise<void> {
  if (role === 'printer' && transport === 'tcp') {
    if (/^[A-Za-z0-9.-]{1,253}:\d{1,5}$/.test(path)) return;
    throw refusal(`"${path.slice(0, 100)}" is not host:port for a network printer`);
  }
  if (role === 'printer' && transport === 'file' && !/^\/dev\/usb\/lp\d+$/.test(path))
    throw refusal(`"${path.slice(0, 100)}" is not a raw printer device (/dev/usb/lp0, …)`);
  // Windows names its serial ports COM3 and friends; they are not files to check.
  if (/^COM\d{1,3}$/i.test(path)) return;
  const found = await stat(path).catch(() => null);
  // Not there (yet): the device is plugged in later, and the station keeps trying; nothing is
  // ever created at the path (the ports open without O_CREAT).
  if (!found || found.isCharacterDevice()) return;
  throw refusal(`${path.slice(0, 100)} is ${found.isDirectory() ? 'a folder' : 'a regular file'}, not a device`);
}

function refusal(message: string): ContractFailure {
  return new ContractFailure('BAD_REQUEST', message);
}
