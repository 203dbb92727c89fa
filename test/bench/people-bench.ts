/**
 * People and doors, measured (`BENCH_ONLY=people npm run bench`):
 *   1. sign-in at a workstation, online: the station asks the hub (Argon2id there), opens the
 *      session, makes its own offline verifier (Argon2id here) and asks about its cached people —
 *      p95 ≤ 300 ms; a clerk (the password), and a supervisor with the authenticator code (the
 *      station also seals the TOTP secret under the password: Argon2id once more);
 *   2. sign-in offline, against that verifier, with the hub stopped — p95 ≤ 250 ms; the clerk, and
 *      the supervisor (the sealed secret opened: Argon2id once more). A code is good once per
 *      30-second step, so the supervisor's samples are few and each comes after up to 30 s idle —
 *      and on this build machine Argon2id after a few idle seconds takes 300–800 ms instead of
 *      40 ms (a plain CPU loop is unaffected: most likely the VM reclaiming freed memory, which its
 *      64 MiB must then fault in again). The clerk's sign-ins run back to back;
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
import { nextTotpCode } from '../support/accounts';
import { rawPushOverHttp } from './sync-bench';

const SIGN_INS = Number(process.env.BENCH_SIGN_INS ?? 40);
/** Three codes fit in 30 seconds (the steps before, at and after now): six samples wait about a minute. */
const SUPERVISOR_SIGN_INS = Number(process.env.BENCH_SUPERVISOR_SIGN_INS ?? 6);
const CLERK = 'jan';
const SUPERVISOR = 'anna';
const PUSHED = Number(process.env.BENCH_PUSHED ?? 20_000);

export interface PeopleFigures {
  readonly kdf: string;
  readonly signInOnlineMs: Summary & { goalP95: number };
  readonly signInOfflineMs: Summary & { goalP95: number };
  readonly supervisorOnlineMs: Summary & { goalP95: number };
  readonly supervisorOfflineMs: Summary & { goalP95: number };
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

/** Signs `login` in and out `runs` times (after `warmUps`); each sign-in's time, ms. */
async function timeSignIns(
  station: Station,
  login: string,
  runs: number,
  warmUps = 2,
  /** Where the codes are checked: the hub's URL (its last step covers the workstation's too). */
  realm = '',
): Promise<number[]> {
  const samples: number[] = [];
  const withCode = login === SUPERVISOR;
  for (let run = 0; run < runs + warmUps; run++) {
    // The code is made before the clock starts: a person reads it off the phone.
    const code = withCode ? { code: await nextTotpCode(login, undefined, realm) } : {};
    const started = performance.now();
    const reply = await station.dispatch('counter', 'session.signIn', { login, password: TEST_PASSWORD, ...code });
    const elapsed = performance.now() - started;
    if (!reply.ok) throw new Error(`sign-in failed: ${reply.error.code} ${reply.error.message}`);
    if (run >= warmUps) samples.push(elapsed);
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
    await addReadyUser(database, hub.url, token, SUPERVISOR, ['clerk', 'supervisor', 'admin']);
    await addReadyUser(database, hub.url, token, CLERK, ['clerk']);
    station = await createStation({
      dataDir: dir,
      host: 'browser',
      overrides: { hub: { url: hub.url, token } },
      log: createLogger({ write: () => undefined }),
      devices: noDevices,
    });
    log(`  ${SIGN_INS} sign-ins online…`);
    const online = summary(await timeSignIns(station, CLERK, SIGN_INS));
    log(`  ${SUPERVISOR_SIGN_INS} sign-ins online of a supervisor, with the code…`);
    const supervisorOnline = summary(await timeSignIns(station, SUPERVISOR, SUPERVISOR_SIGN_INS, 1, hub.url));
    const session = (await signIn(hub.url, token, CLERK, TEST_PASSWORD)).session;
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
    const offline = summary(await timeSignIns(station, CLERK, SIGN_INS));
    log(`  ${SUPERVISOR_SIGN_INS} sign-ins offline of a supervisor, with the code…`);
    const supervisorOffline = summary(await timeSignIns(station, SUPERVISOR, SUPERVISOR_SIGN_INS, 1, hub.url));
    const pushWithAuthorizationDocsPerSecond = Math.round((withChecks + withChecks2) / 2);
    const pushWithoutChecksDocsPerSecond = Math.round((withoutChecks + withoutChecks2) / 2);
    return {
      kdf: `Argon2id m=${KDF_PARAMETERS.memoryCost} KiB, t=${KDF_PARAMETERS.timeCost}, p=${KDF_PARAMETERS.parallelism}`,
      signInOnlineMs: { ...online, goalP95: 300 },
      signInOfflineMs: { ...offline, goalP95: 250 },
      supervisorOnlineMs: { ...supervisorOnline, goalP95: 300 },
      supervisorOfflineMs: { ...supervisorOffline, goalP95: 250 },
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
