/**
 * People and doors, measured (`BENCH_ONLY=people npm run bench`):
 *   1. sign-in at a workstation, online: the station asks the hub (Argon2id there), opens the
 *      session, makes its own offline verifier (Argon2id here) and asks about its cached people —
 *      p95 ≤ 300 ms;
 *   2. sign-in offline, against that verifier, with the hub stopped — p95 ≤ 250 ms;
 *   3. the hub's raw push throughput with authorization on (a clerk's session: access table,
 *      scopes, who acted written into every ticket) beside the same push with a token enrolled
 *      before kinds (no checks), in the same run — within 10 %.
 * A real hub process on PGlite, the real station in this process, the real KDF.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger } from '../../electron/station/log';
import { createStation, type Station } from '../../electron/station/station';
import { KDF_PARAMETERS } from '../../electron/node/accounts/password';
import { noDevices } from '../support/no-devices';
import {
  addReadyUser,
  createHubDatabase,
  createToken,
  createUpgradedToken,
  signIn,
  startHubProcess,
  TEST_PASSWORD,
} from '../support/hub-process';
import { rawPushOverHttp } from './sync-bench';

const SIGN_INS = Number(process.env.BENCH_SIGN_INS ?? 40);
const PUSHED = Number(process.env.BENCH_PUSHED ?? 20_000);

export interface PeopleFigures {
  readonly kdf: string;
  readonly signInOnlineMs: Summary & { goalP95: number };
  readonly signInOfflineMs: Summary & { goalP95: number };
  readonly pushWithAuthorizationDocsPerSecond: number;
  readonly pushWithoutChecksDocsPerSecond: number;
  readonly pushRatio: number;
}

interface Summary {
  readonly n: number;
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
}

function summary(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
  return { n: values.length, p50: round(at(50)), p95: round(at(95)), max: round(sorted.at(-1)!) };
}

const round = (value: number) => Number(value.toFixed(1));

/** Signs in and out `runs` times (after two warm-ups); each sign-in's time, ms. */
async function timeSignIns(station: Station, runs: number): Promise<number[]> {
  const samples: number[] = [];
  for (let run = 0; run < runs + 2; run++) {
    const started = performance.now();
    const reply = await station.dispatch('counter', 'session.signIn', { login: 'anna', password: TEST_PASSWORD });
    const elapsed = performance.now() - started;
    if (!reply.ok) throw new Error(`sign-in failed: ${reply.error.code} ${reply.error.message}`);
    if (run >= 2) samples.push(elapsed);
    await station.dispatch('counter', 'session.signOut', {});
  }
  return samples;
}

export async function runPeopleBench(log: (line: string) => void): Promise<PeopleFigures> {
  const database = await createHubDatabase('pglite');
  const legacy = await createUpgradedToken(database, 'bench-legacy');
  const hub = await startHubProcess(database, { env: { OKIENKO_LOG_LEVEL: 'warn' } });
  const dir = await mkdtemp(path.join(tmpdir(), 'okienko-bench-people-'));
  let station: Station | null = null;
  try {
    const token = await createToken(database, 'bench-counter', 'counter');
    await addReadyUser(database, hub.url, token, 'anna', ['clerk', 'supervisor', 'admin']);
    station = await createStation({
      dataDir: dir,
      host: 'browser',
      overrides: { hub: { url: hub.url, token } },
      log: createLogger({ write: () => undefined }),
      devices: noDevices,
    });
    log(`  ${SIGN_INS} sign-ins online…`);
    const online = summary(await timeSignIns(station, SIGN_INS));
    const session = (await signIn(hub.url, token, 'anna', TEST_PASSWORD)).session;
    log(`  push throughput, ${PUSHED} tickets with a clerk's session and with a token enrolled before kinds…`);
    // Alternating, after a warm-up of each, so neither gets a warmer database.
    await rawPushOverHttp(hub.url, session, 2_000);
    await rawPushOverHttp(hub.url, legacy, 2_000);
    const withChecks = await rawPushOverHttp(hub.url, session, PUSHED / 2);
    const withoutChecks = await rawPushOverHttp(hub.url, legacy, PUSHED / 2);
    const withChecks2 = await rawPushOverHttp(hub.url, session, PUSHED / 2);
    const withoutChecks2 = await rawPushOverHttp(hub.url, legacy, PUSHED / 2);
    await hub.kill('SIGTERM');
    log(`  ${SIGN_INS} sign-ins offline (the hub stopped)…`);
    const offline = summary(await timeSignIns(station, SIGN_INS));
    const pushWithAuthorizationDocsPerSecond = Math.round((withChecks + withChecks2) / 2);
    const pushWithoutChecksDocsPerSecond = Math.round((withoutChecks + withoutChecks2) / 2);
    return {
      kdf: `Argon2id m=${KDF_PARAMETERS.memoryCost} KiB, t=${KDF_PARAMETERS.timeCost}, p=${KDF_PARAMETERS.parallelism}`,
      signInOnlineMs: { ...online, goalP95: 300 },
      signInOfflineMs: { ...offline, goalP95: 250 },
      pushWithAuthorizationDocsPerSecond,
      pushWithoutChecksDocsPerSecond,
      pushRatio: Number((pushWithAuthorizationDocsPerSecond / pushWithoutChecksDocsPerSecond).toFixed(3)),
    };
  } finally {
    await station?.close();
    await hub.kill('SIGTERM').catch(() => undefined);
    await database.remove();
    await rm(dir, { recursive: true, force: true });
  }
}
