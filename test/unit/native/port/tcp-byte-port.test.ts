import { describe, expect, it } from 'vitest';
import { parseTcpAddress } from '../../../../native/port/tcp-byte-port';

describe('parseTcpAddress', () => {
  it('reads tcp://host:port, and host:port as settings files written before say it', () => {
    expect(parseTcpAddress('tcp://printer.local:9100')).toEqual({ host: 'printer.local', port: 9100 });
    expect(parseTcpAddress('printer.local:9100')).toEqual({ host: 'printer.local', port: 9100 });
    expect(parseTcpAddress('TCP://10.0.0.7:9101')).toEqual({ host: '10.0.0.7', port: 9101 });
    expect(parseTcpAddress(' tcp://[fe80::1]:9100 ')).toEqual({ host: 'fe80::1', port: 9100 });
  });

  it('takes port 9100 when it is left out', () => {
    expect(parseTcpAddress('tcp://drukarka')).toEqual({ host: 'drukarka', port: 9100 });
    expect(parseTcpAddress('192.168.1.50')).toEqual({ host: '192.168.1.50', port: 9100 });
  });

  it('refuses what is no address, naming the spelling it wants', () => {
    for (const address of ['', 'tcp://', 'tcp:/printer:9100', 'http://printer:9100', 'tcp://printer:9100/x'])
      expect(() => parseTcpAddress(address), address).toThrow(RangeError);
    expect(() => parseTcpAddress('tcp://')).toThrow(/is not tcp:\/\/host:port/);
    expect(() => parseTcpAddress('tcp://printer:99999')).toThrow(/no valid port/);
    expect(() => parseTcpAddress('printer:0')).toThrow(/no valid port/);
  });
});
