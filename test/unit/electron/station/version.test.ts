import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { APP_VERSION } from '../../../../electron/station/version';

describe('version', () => {
  it('the bundled shell and station report the version in package.json', async () => {
    const pkg = JSON.parse(await readFile(new URL('../../../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(APP_VERSION).toBe(pkg.version);
  });
});
