import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OptionsError, USAGE } from '../../../../electron/host/options';
import { appArguments, ownOptions, parseShellArgs, SHELL_OPTIONS } from '../../../../electron/shell/command-line';

const defaults = { cwd: '/home/clerk', defaultUserDataDir: '/home/clerk/.config/Okienko' };

describe('Electron command line', () => {
  it('knows every option of the browser host, and no other', () => {
    const documented = [...USAGE.matchAll(/^\s+--([a-z-]+)/gm)].map((match) => match[1]).sort();
    expect(Object.keys(SHELL_OPTIONS).sort()).toEqual(documented);
  });

  it('takes the app arguments after `electron <dir>` in development and after the executable when packaged', () => {
    expect(appArguments(['/x/electron', '/repo', '--data', 'd'], true)).toEqual(['--data', 'd']);
    expect(appArguments(['/opt/Okienko/okienko', '--data', 'd'], false)).toEqual(['--data', 'd']);
  });

  it('leaves Chromium switches and stray words to Chromium', () => {
    expect(
      ownOptions([
        '--enable-logging',
        '--printer',
        '/dev/ttyS0',
        'stray',
        '--remote-debugging-port=9222',
        '--rtscts',
        '--data=./x',
      ]),
    ).toEqual(['--printer', '/dev/ttyS0', '--rtscts', '--data=./x']);
  });

  it('keeps everything in the pinned userData folder by default', () => {
    const parsed = parseShellArgs([], defaults);
    expect(parsed).toEqual({
      dataDir: path.join(defaults.defaultUserDataDir, 'station'),
      userDataDir: defaults.defaultUserDataDir,
      stationArgs: ['--data', path.join(defaults.defaultUserDataDir, 'station')],
      help: false,
    });
  });

  it('moves the station and Chromium under --data, with an absolute --data for the station', () => {
    for (const args of [
      ['--data', 'test-data', '--printer', '/dev/ttyUSB0'],
      ['--printer', '/dev/ttyUSB0', '--data=test-data'],
    ]) {
      const parsed = parseShellArgs(args, defaults);
      expect(parsed.dataDir).toBe('/home/clerk/test-data');
      expect(parsed.userDataDir).toBe('/home/clerk/test-data/electron');
      expect(parsed.stationArgs).toEqual(['--data', '/home/clerk/test-data', '--printer', '/dev/ttyUSB0']);
    }
  });

  it('rejects bad values the way the browser host does', () => {
    expect(() => parseShellArgs(['--baud', '9600'], defaults)).toThrow(OptionsError);
    expect(parseShellArgs(['--help'], defaults).help).toBe(true);
  });
});
