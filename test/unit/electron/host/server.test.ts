import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHost } from '../../../../electron/host/server';
import { createLogger } from '../../../../electron/station/log';
import { createStation } from '../../../../electron/station/station';
import { noDevices } from '../../../support/no-devices';

const quiet = createLogger({ write: () => {} });
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function takenPort(): Promise<number> {
  const blocker: Server = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => blocker.close(() => resolve())));
  const address = blocker.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('the browser host server', () => {
  it('refuses a port in use with EADDRINUSE, so the caller can say so, instead of crashing the process', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'okienko-host-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const station = await createStation({ dataDir, host: 'browser', log: quiet, devices: noDevices });
    cleanups.push(() => station.close());
    const port = await takenPort();

    const started = startHost({ station, port, bind: '127.0.0.1', staticDir: dataDir, log: quiet });

    await expect(started).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});
