import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDevicePath } from '../../../../electron/station/device-paths';
import { startPtyPair, type PtyPair } from '../../../../native/port/pty-pair';

let dir: string;
let pair: PtyPair;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'okienko-device-paths-'));
  // What `npm run sim` gives the app: a link in a temporary folder to a socat pseudo-terminal.
  pair = await startPtyPair({ dir, appName: 'printer', deviceName: 'printer-device' });
});

afterAll(async () => {
  await pair?.kill();
  await rm(dir, { recursive: true, force: true });
});

const serial = (target: string) => checkDevicePath('idReader', undefined, target);
const serialPrinter = (target: string) => checkDevicePath('printer', 'serial', target);
const rawPrinter = (target: string) => checkDevicePath('printer', 'file', target);
const networkPrinter = (target: string) => checkDevicePath('printer', 'tcp', target);

/** The refusal a promise ends with: a BAD_REQUEST, and its message. */
async function refusal(check: Promise<void>): Promise<string> {
  const error: unknown = await check.then(
    () => null,
    (failure: unknown) => failure,
  );
  expect(error).toMatchObject({ code: 'BAD_REQUEST' });
  return (error as Error).message;
}

describe('a serial port (any device, the printer on the serial transport)', () => {
  it.each([
    '/dev/ttyUSB0',
    '/dev/ttyUSB17',
    '/dev/ttyS0',
    '/dev/ttyACM1',
    '/dev/ttyAMA0',
    '/dev/rfcomm0',
    '/dev/serial/by-id/usb-FTDI_FT232R_USB_UART_A50285BI-if00-port0',
    '/dev/serial/by-path/pci-0000:00:14.0-usb-0:2:1.0-port0',
    '/dev/cu.usbserial-1420',
    '/dev/tty.usbserial-1420',
    'COM3',
    'com12',
  ])('accepts %s, there or not plugged in yet', async (target) => {
    await expect(serial(target)).resolves.toBeUndefined();
    await expect(serialPrinter(target)).resolves.toBeUndefined();
  });

  it("accepts the simulator's link to a pseudo-terminal, and the pseudo-terminal itself", async () => {
    await expect(serial(pair.appPath)).resolves.toBeUndefined();
    await expect(serialPrinter(pair.appPath)).resolves.toBeUndefined();
    const { realpath } = await import('node:fs/promises');
    const real = await realpath(pair.appPath);
    expect(real).toMatch(/^\/dev\/pts\/\d+$/);
    await expect(serial(real)).resolves.toBeUndefined();
    // A link to that link is followed all the way.
    const again = path.join(dir, 'link-to-link');
    await symlink(pair.appPath, again);
    await expect(serial(again)).resolves.toBeUndefined();
  });

  it.each(['/dev/mem', '/dev/kmsg', '/dev/tty1', '/dev/tty', '/dev/null', '/dev/pts/ptmx', '/dev/console'])(
    'refuses the character device %s, saying what is accepted',
    async (target) => {
      const message = await refusal(serial(target));
      expect(message).toContain(target);
      expect(message).toMatch(/serial port/);
      expect(message).toContain('/dev/ttyUSB<n>');
      expect(message).toContain('/dev/pts/<n>');
    },
  );

  it('refuses a regular file, a folder, and a link to either, naming what they are', async () => {
    const file = path.join(dir, 'letter.txt');
    await writeFile(file, 'Szanowni Państwo,');
    const folder = path.join(dir, 'folder');
    await mkdir(folder);
    const toFile = path.join(dir, 'link-to-file');
    await symlink(file, toFile);
    const toFolder = path.join(dir, 'link-to-folder');
    await symlink(folder, toFolder);
    const toNull = path.join(dir, 'link-to-null');
    await symlink('/dev/null', toNull);

    expect(await refusal(serial('/etc/passwd'))).toMatch(
      /^"\/etc\/passwd" is a regular file, not a serial port; accepted: /,
    );
    expect(await refusal(serial(file))).toMatch(/is a regular file, not a serial port/);
    expect(await refusal(serialPrinter(file))).toMatch(/is a regular file/);
    expect(await refusal(serial(folder))).toMatch(/is a folder, not a serial port/);
    expect(await refusal(serial(dir))).toMatch(/is a folder/);
    expect(await refusal(serial(toFile))).toContain(`"${toFile}" leads to "${file}", which is a regular file`);
    expect(await refusal(serial(toFolder))).toMatch(/leads to .*, which is a folder/);
    expect(await refusal(serial(toNull))).toContain(`"${toNull}" leads to "/dev/null", which is not a serial port`);
  });

  it('refuses a path with nothing there unless it is named as a serial port', async () => {
    const nothing = path.join(dir, 'not-there-yet');
    expect(await refusal(serial(nothing))).toMatch(/does not exist, and a device not plugged in yet must be named/);
    const dangling = path.join(dir, 'dangling');
    await symlink(path.join(dir, 'gone'), dangling);
    expect(await refusal(serial(dangling))).toMatch(/does not exist/);
    for (const target of ['/dev/ttyUSB0/../mem', '/dev/serial/by-id/..', '/dev/sda', '/dev/ttyUSB', '/dev/tty7'])
      expect(await refusal(serial(target)), target).toMatch(/serial port/);
  });

  it('refuses a relative path, and a Windows port name that is not COM<n>', async () => {
    for (const target of ['ttyUSB0', 'dev/ttyUSB0', './printer', 'COM', 'COM3x', 'LPT1', ''])
      expect(await refusal(serial(target)), target).toMatch(/not a serial port|accepted/);
  });
});

describe('a raw printer device (the printer on the file transport)', () => {
  it('accepts /dev/usb/lp<n>, plugged in or not', async () => {
    await expect(rawPrinter('/dev/usb/lp0')).resolves.toBeUndefined();
    await expect(rawPrinter('/dev/usb/lp12')).resolves.toBeUndefined();
  });

  it('refuses serial ports, pseudo-terminals, files and other devices, saying /dev/usb/lp<n> is what is accepted', async () => {
    for (const target of [
      '/dev/ttyUSB0',
      'COM3',
      pair.appPath,
      '/dev/null',
      '/etc/passwd',
      '/dev/usb/lp',
      '/dev/lp0',
    ]) {
      const message = await refusal(rawPrinter(target));
      expect(message, target).toMatch(/raw printer device/);
      expect(message, target).toContain('/dev/usb/lp<n>');
    }
  });
});

describe('a network printer (the printer on the tcp transport)', () => {
  it.each([
    'tcp://printer.local:9100',
    'printer.local:9100',
    'tcp://10.0.0.7:9100',
    '10.0.0.7:9101',
    'TCP://drukarka-parter.urzad.local:9100',
    'tcp://[fe80::1]:9100',
  ])('accepts %s', async (target) => {
    await expect(networkPrinter(target)).resolves.toBeUndefined();
  });

  it.each([
    'tcp://x',
    'printer.local',
    'tcp://printer.local:0',
    'tcp://printer.local:99999',
    'tcp://printer.local:9100/',
    'http://printer.local:9100',
    'tcp://:9100',
    'tcp://user@printer:9100',
    '/dev/usb/lp0',
    '',
  ])('refuses %j, saying tcp://host:port is what is accepted', async (target) => {
    expect(await refusal(networkPrinter(target))).toContain('accepted: tcp://host:port');
  });
});

it('cuts a pasted novel short in the message', async () => {
  const message = await refusal(serial(`/tmp/${'x'.repeat(5000)}`));
  expect(message.length).toBeLessThan(900);
});
