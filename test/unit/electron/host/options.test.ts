import { describe, expect, it } from 'vitest';
import { OptionsError, parseHostArgs } from '../../../../electron/host/options';

describe('browser host options', () => {
  it('maps options onto settings overrides', () => {
    const parsed = parseHostArgs(
      ['--port', '9000', '--data', 'state', '--printer', '/tmp/sim/printer', '--baud', '115200', '--rtscts'],
      '/srv',
    );
    expect(parsed.dataDir).toBe('/srv/state');
    expect(parsed.overrides.host).toEqual({ port: 9000 });
    expect(parsed.overrides.printer).toMatchObject({ path: '/tmp/sim/printer', baudRate: 115200, rtscts: true });
  });

  it('defaults to a data folder of its own, no overrides and no demo', () => {
    expect(parseHostArgs([], '/srv')).toEqual({
      dataDir: '/srv/.okienko/data',
      overrides: {},
      demo: false,
      help: false,
    });
    expect(parseHostArgs(['--demo'], '/srv')).toMatchObject({ demo: true });
  });

  it('explains bad options', () => {
    expect(() => parseHostArgs(['--port', 'eighty'])).toThrow(OptionsError);
    expect(() => parseHostArgs(['--port', '70000'])).toThrow(/0 to 65535/);
    expect(() => parseHostArgs(['--baud', '9600'])).toThrow(/need --printer/);
    expect(() => parseHostArgs(['--printer', '/dev/x', '--printer-model', 'hp-laserjet'])).toThrow(/printer-model/);
    expect(() => parseHostArgs(['--colour'])).toThrow(OptionsError);
  });
});

describe('hub options', () => {
  const token = 'okh_3_abcdefghijklmnopqrstuvwxyz012345';
  it('takes the hub and its token, from the command line or the environment', () => {
    expect(parseHostArgs(['--hub', 'http://hub.local:8090', '--hub-token', token], '/srv', {}).overrides.hub).toEqual({
      url: 'http://hub.local:8090',
      token,
    });
    expect(
      parseHostArgs(['--hub', 'http://hub.local:8090'], '/srv', { OKIENKO_HUB_TOKEN: token }).overrides.hub?.token,
    ).toBe(token);
  });
  it('explains a bad hub or token', () => {
    expect(() => parseHostArgs(['--hub', 'hub.local'], '/srv', { OKIENKO_HUB_TOKEN: token })).toThrow(/must be a URL/);
    expect(() => parseHostArgs(['--hub', 'http://hub.local'], '/srv', {})).toThrow(/--hub-token/);
    expect(() => parseHostArgs(['--hub', 'http://hub.local', '--hub-token', 'secret'], '/srv', {})).toThrow(
      /not an Okienko workstation token/,
    );
    expect(() => parseHostArgs(['--hub-token', token], '/srv', {})).toThrow(/needs --hub/);
  });
});

describe('device options', () => {
  it('names the printer transport by the target', () => {
    expect(parseHostArgs(['--printer', 'tcp://10.0.0.7:9100'], '/srv', {}).overrides.printer).toMatchObject({
      transport: 'tcp',
      path: '10.0.0.7:9100',
    });
    expect(parseHostArgs(['--printer', 'tcp://drukarka'], '/srv', {}).overrides.printer).toMatchObject({
      transport: 'tcp',
      path: 'drukarka:9100',
    });
    expect(parseHostArgs(['--printer', '/dev/usb/lp0'], '/srv', {}).overrides.printer).toMatchObject({
      transport: 'file',
      path: '/dev/usb/lp0',
    });
    expect(parseHostArgs(['--printer', '/dev/ttyUSB0'], '/srv', {}).overrides.printer).toMatchObject({
      transport: 'serial',
      path: '/dev/ttyUSB0',
    });
    expect(() => parseHostArgs(['--printer', 'tcp:drukarka'], '/srv', {})).toThrow(/tcp:\/\/host:port/);
  });

  it('takes the ID reader and the signature pad with their line settings', () => {
    const parsed = parseHostArgs(
      ['--id-reader', '/dev/ttyACM0', '--id-reader-framing', '3m', '--signature-pad', '/dev/ttyUSB1'],
      '/srv',
      {},
    );
    expect(parsed.overrides.idReader).toMatchObject({ path: '/dev/ttyACM0', baudRate: 9600, framing: '3m' });
    expect(parsed.overrides.signaturePad).toMatchObject({ path: '/dev/ttyUSB1', baudRate: 19200, parity: 'odd' });
    expect(() => parseHostArgs(['--id-reader', '/x', '--id-reader-framing', 'magic'], '/srv', {})).toThrow(/framing/);
    expect(() => parseHostArgs(['--signature-pad-baud', '9600'], '/srv', {})).toThrow(/needs --signature-pad/);
  });
});
