import { describe, expect, it } from 'vitest';
import {
  listSerialPorts,
  matchPort,
  matchingPorts,
  normaliseUsbId,
  resolvePortPath,
  watchSerialPorts,
  type SerialPortChanges,
  type SerialPortInfo,
  type SerialPortListing,
} from '../../../../native/port/serial-ports';
import { ManualClock } from '../../../support/manual-clock';

const epsonA: SerialPortInfo = {
  path: '/dev/ttyACM0',
  manufacturer: 'EPSON',
  vendorId: '04b8',
  productId: '0e15',
  serialNumber: 'X4ZK001',
};
const epsonB: SerialPortInfo = {
  path: '/dev/ttyACM1',
  manufacturer: 'EPSON',
  vendorId: '04b8',
  productId: '0e15',
  serialNumber: 'X4ZK002',
};
const ftdi: SerialPortInfo = {
  path: '/dev/ttyUSB0',
  manufacturer: 'FTDI',
  vendorId: '0403',
  productId: '6001',
  serialNumber: 'A50285BI',
};
const onboard: SerialPortInfo = { path: '/dev/ttyS0' };
const ports = [epsonA, epsonB, ftdi, onboard];

describe('normaliseUsbId', () => {
  it.each([
    ['04b8', '04b8'],
    ['04B8', '04b8'],
    ['0x04B8', '04b8'],
    ['4b8', '04b8'],
    [' 0403 ', '0403'],
  ])('%s → %s', (id, expected) => expect(normaliseUsbId(id)).toBe(expected));
});

describe('matchPort', () => {
  it('finds a device by vendor and product id whatever the case or 0x prefix', () => {
    expect(matchPort({ vendorId: '0x0403', productId: '6001' }, ports)).toBe(ftdi);
    expect(matchPort({ vendorId: '0403', productId: '0X6001' }, ports)).toBe(ftdi);
  });

  it('tells two alike devices apart by serial number, and refuses to guess without it', () => {
    expect(matchPort({ vendorId: '04B8', productId: '0E15', serialNumber: 'X4ZK002' }, ports)).toBe(epsonB);
    expect(matchingPorts({ vendorId: '04b8', productId: '0e15' }, ports)).toEqual([epsonA, epsonB]);
    expect(matchPort({ vendorId: '04b8', productId: '0e15' }, ports)).toBeUndefined();
  });

  it('finds the device under its new name after it moved to another port', () => {
    const moved = [{ ...epsonB, path: '/dev/ttyACM7' }, ftdi];
    expect(matchPort({ vendorId: '04b8', productId: '0e15', serialNumber: 'X4ZK002' }, moved)?.path).toBe(
      '/dev/ttyACM7',
    );
  });

  it('does not match a wrong serial number, a wrong product or a port without ids', () => {
    expect(matchPort({ vendorId: '04b8', productId: '0e15', serialNumber: 'OTHER' }, ports)).toBeUndefined();
    expect(matchPort({ vendorId: '04b8', productId: '0e16' }, ports)).toBeUndefined();
    expect(matchPort({ vendorId: '0000', productId: '0000' }, [onboard])).toBeUndefined();
  });

  it('matches by path among the listed ports', () => {
    expect(matchPort({ path: '/dev/ttyS0' }, ports)).toBe(onboard);
    expect(matchPort({ path: '/tmp/sim/printer' }, ports)).toBeUndefined();
  });
});

describe('resolvePortPath', () => {
  it('takes the port the identity names, else the configured path (pseudo-terminals are never listed)', () => {
    expect(
      resolvePortPath(
        { path: '/dev/ttyACM0', match: { vendorId: '04b8', productId: '0e15', serialNumber: 'X4ZK002' } },
        ports,
      ),
    ).toEqual({
      path: '/dev/ttyACM1',
      by: 'identity',
    });
    expect(resolvePortPath({ path: '/tmp/sim/printer' }, ports)).toEqual({
      path: '/tmp/sim/printer',
      by: 'configured-path',
    });
    expect(
      resolvePortPath({ path: '/tmp/sim/printer', match: { vendorId: '1234', productId: '5678' } }, ports),
    ).toEqual({
      path: '/tmp/sim/printer',
      by: 'configured-path',
      note: 'No port matches 1234:5678',
    });
  });

  it('keeps the configured path among several alike, and says to add the serial number otherwise', () => {
    expect(
      resolvePortPath({ path: '/dev/ttyACM1', match: { vendorId: '04b8', productId: '0e15' } }, ports),
    ).toMatchObject({ path: '/dev/ttyACM1', by: 'configured-path' });
    expect(
      resolvePortPath({ path: '/dev/ttyUSB9', match: { vendorId: '04b8', productId: '0e15' } }, ports).note,
    ).toMatch(/serial number/);
  });
});

describe('listSerialPorts', () => {
  it('normalises what serialport reports and sorts by path', async () => {
    const listing = await listSerialPorts(async () => [
      {
        path: '/dev/ttyUSB0',
        manufacturer: 'FTDI',
        serialNumber: 'A50285BI',
        pnpId: 'usb-FTDI_FT232R-if00-port0',
        locationId: undefined,
        vendorId: '0403',
        productId: '6001',
      },
      {
        path: '/dev/ttyACM0',
        manufacturer: undefined,
        serialNumber: '',
        pnpId: undefined,
        locationId: undefined,
        vendorId: '04B8',
        productId: '0E15',
      },
    ]);
    expect(listing).toEqual({
      ports: [
        { path: '/dev/ttyACM0', vendorId: '04b8', productId: '0e15' },
        {
          path: '/dev/ttyUSB0',
          manufacturer: 'FTDI',
          serialNumber: 'A50285BI',
          pnpId: 'usb-FTDI_FT232R-if00-port0',
          vendorId: '0403',
          productId: '6001',
        },
      ],
    });
  });

  it('turns a rejected listing (no udevadm) into an empty list and the reason', async () => {
    const listing = await listSerialPorts(async () => {
      throw new Error('spawn udevadm ENOENT');
    });
    expect(listing).toEqual({ ports: [], problem: 'Serial ports cannot be listed: spawn udevadm ENOENT' });
  });
});

describe('watchSerialPorts', () => {
  it('reports every port first, then only what came and went, and stops', async () => {
    const clock = new ManualClock();
    let current: SerialPortListing = { ports: [onboard, ftdi] };
    const changes: SerialPortChanges[] = [];
    const stop = watchSerialPorts(3000, (change) => changes.push(change), {
      list: async () => current,
      setTimeout: (callback, ms) => clock.setTimeout(callback, ms),
      clearTimeout: (handle) => clock.clearTimeout(handle),
    });
    await clock.advance(0);
    expect(changes).toEqual([{ added: [onboard, ftdi], removed: [], ports: [onboard, ftdi] }]);

    await clock.advance(6000);
    expect(changes).toHaveLength(1);

    // The printer is replugged and comes back as ttyACM0; the FTDI adapter is pulled.
    current = { ports: [onboard, epsonA] };
    await clock.advance(3000);
    expect(changes[1]).toEqual({ added: [epsonA], removed: [ftdi], ports: [onboard, epsonA] });

    current = { ports: [], problem: 'Serial ports cannot be listed: spawn udevadm ENOENT' };
    await clock.advance(3000);
    expect(changes[2]).toMatchObject({
      removed: [onboard, epsonA],
      problem: 'Serial ports cannot be listed: spawn udevadm ENOENT',
    });

    stop();
    current = { ports: [ftdi] };
    await clock.advance(30_000);
    expect(changes).toHaveLength(3);
    expect(clock.pending()).toEqual([]);
  });
});
