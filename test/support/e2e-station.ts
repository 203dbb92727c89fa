/**
 * One workstation for an e2e test, as the devices and queue tests start it: the browser host on
 * its own data folder with one account (E2E_PERSON), the device simulator in another process at the far end of its
 * pseudo-terminals, and Debian's Chromium to drive the pages.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SettingsInput } from '../../electron/common/contract/settings';
import type { Browser } from 'playwright-core';
import { artifactsDir, launchChromium, startHost, tempDir, type Host } from './processes';
import { startSimProcess, type SimProcess } from './sim-process';
import { addLocalAccount } from './accounts';
import { E2E_PERSON } from './pages';

export interface E2eStation {
  readonly sim: SimProcess;
  readonly host: Host;
  readonly browser: Browser;
  /** The folder for screenshots. */
  readonly shots: string;
  /** Closes the browser, stops the host and the simulator, and removes the data folder. */
  stop(): Promise<void>;
}

/**
 * Starts the simulator, a host printing on its printer (with `hostArgs`, which may name the
 * simulator's other devices) and Chromium. If one of them fails to start, what did start is stopped.
 */
export async function startE2eStation(
  prefix: string,
  hostArgs: (sim: SimProcess) => readonly string[] = () => [],
  /** Written to the data folder's settings.json before the host starts. */
  settings?: SettingsInput,
  /** Anything else the data folder needs before the host starts (more accounts, e-service files). */
  prepare?: (dataDir: string) => Promise<void>,
  /** The host's environment beyond the test's (the benchmark's renderer folder). */
  hostEnv?: NodeJS.ProcessEnv,
): Promise<E2eStation> {
  const dir = await tempDir(prefix);
  let sim: SimProcess | undefined;
  let host: Host | undefined;
  let browser: Browser | undefined;
  const stop = async (): Promise<void> => {
    await browser?.close();
    await host?.stop();
    await sim?.stop();
    await dir.remove();
  };
  try {
    sim = await startSimProcess(['--dir', path.join(dir.path, 'sim')]);
    const dataDir = path.join(dir.path, 'data');
    const { login, roles, displayName } = E2E_PERSON;
    await addLocalAccount(dataDir, login, roles, { displayName });
    if (settings) await writeFile(path.join(dataDir, 'settings.json'), JSON.stringify(settings));
    await prepare?.(dataDir);
    host = await startHost({
      dataDir,
      printerPath: String(sim.ready.printer),
      args: hostArgs(sim),
      ...(hostEnv ? { env: hostEnv } : {}),
    });
    browser = await launchChromium();
    return { sim, host, browser, shots: await artifactsDir('e2e'), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
