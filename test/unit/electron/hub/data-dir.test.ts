import { describe, expect, it } from 'vitest';
import { adminSocketPath } from '../../../../electron/hub/data-dir';

describe('the admin socket of an embedded hub', () => {
  it('lives in the data folder, in the temp folder when that path is too long, and is a named pipe on Windows', () => {
    expect(adminSocketPath('/srv/hub', 'linux')).toBe('/srv/hub/hub.sock');
    expect(adminSocketPath(`/srv/${'x'.repeat(120)}`, 'linux')).toMatch(/okienko-hub-[0-9a-f]{16}\.sock$/);
    expect(adminSocketPath('C:\\hub', 'win32')).toMatch(/^\\\\\.\\pipe\\okienko-hub-[0-9a-f]{16}$/);
  });
});
