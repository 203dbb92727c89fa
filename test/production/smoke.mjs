/**
 * Production smoke test: does a fresh clone, installed as an office server installs it, run the
 * hub and the browser host with plain Node, and do they answer exactly as the development
 * commands do?
 *
 *   1. `git clone` of the committed HEAD into a temporary folder, `npm ci`, `npm run build`
 *   2. the probes below against `tsx electron/hub/main.ts` and `tsx electron/host/main.ts` (what
 *      `npm run hub` and `npm run serve` run), with every devDependency still installed
 *   3. `npm prune --omit=dev`: tsx, vitest and the other build and test tools must be gone
 *   4. the same probes against `node out/hub/main.js` and `node out/host/main.js`
 *   5. each answer of 4 must equal the answer of 2 (ports, folders, tokens, ids and times aside)
 *
 * Probes: the start-up lines; the hub's /health (PGlite), /runtime.json, board page, board API and
 * an unknown API address; its CLI (`token create` handed to the running hub, `token list --json`,
 * `token revoke` on the stopped hub's folder) and the token on /api/v1/me; the host's account CLI
 * (`user add`, Argon2's native binding), its /health, its pages and every file index.html names,
 * calls over the contract WebSocket after a sign-in, and a WebSocket without an Origin refused;
 * in Chromium, the screens the host's `/` lists and the board the hub serves; the exit codes after
 * SIGTERM.
 *
 * Plain Node (tsx is pruned). The page checks drive Debian's Chromium (CHROMIUM_PATH, default
 * /usr/bin/chromium) with playwright-core from the checkout this script sits in; --no-browser
 * skips them. The last line says how many checks passed and failed; any failure exits with 1.
 *
 *   node test/production/smoke.mjs [--repo <dir>] [--keep] [--no-browser]
 */
import { execFile, spawn } from 'node:child_process';
import console from 'node:console';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { clearTimeout, setTimeout } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual, parseArgs, promisify } from 'node:util';

const { fetch, AbortSignal } = globalThis;
const here = path.dirname(fileURLToPath(import.meta.url));

const USAGE = 'Usage: node test/production/smoke.mjs [--repo <dir>] [--keep] [--no-browser]\n';
let options;
try {
  ({ values: options } = parseArgs({
    options: {
      repo: { type: 'string' },
      keep: { type: 'boolean' },
      'no-browser': { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
  }));
} catch (error) {
  process.stderr.write(`${error.message}\n${USAGE}`);
  process.exit(2);
}
if (options.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const repo = path.resolve(options.repo ?? path.join(here, '../..'));
const START_TIMEOUT_MS = 60_000;
const COMMAND_TIMEOUT_MS = 30_000;

// ------------------------------------------------------------------------------------------------
// Results

let passed = 0;
const failures = [];

function check(name, ok, detail = '') {
  if (ok) {
    passed++;
    console.log(`  ok    ${name}`);
  } else {
    failures.push(name);
    console.log(`  FAIL  ${name}${detail ? `\n        ${detail.replaceAll('\n', '\n        ')}` : ''}`);
  }
}

const show = (value) => JSON.stringify(value, null, 2);

function finish() {
  console.log(`\n${passed} passed, ${failures.length} failed`);
  process.exit(failures.length === 0 ? 0 : 1);
}

// ------------------------------------------------------------------------------------------------
// Processes

const running = new Set();
const childEnv = {
  ...process.env,
  // The Electron binary is not needed to build or run the hub and the host.
  ELECTRON_SKIP_BINARY_DOWNLOAD: process.env.ELECTRON_SKIP_BINARY_DOWNLOAD ?? '1',
  OKIENKO_LOG_LEVEL: 'info',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
};
delete childEnv.OKIENKO_RENDERER_DIR;
delete childEnv.OKIENKO_HUB_TOKEN;
delete childEnv.DATABASE_URL;

/** A step of the set-up; its failure ends the test, since nothing after it could run. */
async function step(name, command, args, cwd) {
  const started = performance.now();
  try {
    await promisify(execFile)(command, args, { cwd, env: childEnv, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    check(name, false, `${[command, ...args].join(' ')} failed:\n${error.stderr || error.message}`);
    throw Object.assign(new Error(`${name} failed`), { reported: true });
  }
  check(`${name} (${((performance.now() - started) / 1000).toFixed(1)} s)`, true);
}

/** Runs a program to its end: exit code, stdout, stderr. */
function run(command, args, cwd) {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env: childEnv, timeout: COMMAND_TIMEOUT_MS }, (error, stdout, stderr) => {
      resolve({ code: error ? (error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** Starts a server and waits until its stdout matches `ready`. */
async function start(command, args, cwd, ready) {
  const child = spawn(command, args, { cwd, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  const server = { child, stdout: '', stderr: '', exit: null };
  child.stdout.on('data', (chunk) => (server.stdout += chunk));
  child.stderr.on('data', (chunk) => (server.stderr += chunk));
  server.exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      server.exit = { code, signal };
      resolve(server.exit);
    }),
  );
  const deadline = performance.now() + START_TIMEOUT_MS;
  while (!ready.test(server.stdout)) {
    if (server.exit || performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(
        `${[command, ...args].join(' ')} did not start (${show(server.exit)}):\n${server.stdout}${server.stderr}`,
      );
    }
    await sleep(50);
  }
  return server;
}

async function stop(server) {
  if (!server.exit) server.child.kill('SIGTERM');
  const killer = setTimeout(() => server.child.kill('SIGKILL'), 10_000);
  const exit = await server.exited;
  clearTimeout(killer);
  return exit;
}

process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

// ------------------------------------------------------------------------------------------------
// Probes

/** Ports, folders, secrets, ids and times differ between two runs; everything else must not. */
function scrubber(tmp, mode) {
  return (value) => {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    const scrubbed = text
      .replaceAll(`${tmp}/${mode}-`, '<tmp>/')
      .replaceAll(tmp, '<tmp>')
      .replace(/(127\.0\.0\.1|localhost):\d+/g, '$1:<port>')
      .replace(/okh_(\d+)_[A-Za-z0-9_-]{20,}/g, 'okh_$1_<secret>')
      .replace(/\b[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}\b/g, '<one-time password>')
      .replace(/"stationId":"[^"]*"/g, '"stationId":"<id>"')
      .replace(/"checkedAt":\d+/g, '"checkedAt":"<ms>"')
      .replace(/"secondFactorAt":\d+/g, '"secondFactorAt":"<ms>"')
      .replace(/\b[A-Z2-7]{32}\b/g, '<authenticator secret>')
      .replace(/\b[a-z2-9]{5}-[a-z2-9]{5}\b/g, '<recovery code>')
      .replace(/"day":"[^"]*"/g, '"day":"<day>"')
      .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<time>');
    return typeof value === 'string' ? scrubbed : JSON.parse(scrubbed);
  };
}

/** A log's JSON lines as `level scope: message` (their times and figures differ); other lines as they are. */
function logged(stderr) {
  return stderr
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      try {
        const entry = JSON.parse(line);
        return `${entry.level} ${entry.scope ?? '-'}: ${entry.message}`;
      } catch {
        return line;
      }
    });
}

async function get(url, headers = {}) {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(COMMAND_TIMEOUT_MS) });
  const body = await response.text();
  let json = null;
  try {
    json = JSON.parse(body);
  } catch {
    // not JSON: compared as text
  }
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    csp: response.headers.get('content-security-policy'),
    body: json ?? body,
  };
}

async function probeHub(hub, cli, context) {
  const { indexHtml, version } = context;
  const answers = {};
  answers['hub: start-up line'] = hub.stdout.trim();
  answers['hub: GET /health'] = await get(`${hub.url}health`);
  answers['hub: GET /runtime.json'] = await get(`${hub.url}runtime.json`);
  const page = await get(hub.url);
  answers['hub: GET / (the board page)'] = { ...page, body: page.body === indexHtml ? '<index.html>' : page.body };
  answers['hub: GET /api/v1/board'] = await get(`${hub.url}api/v1/board`);
  answers['hub: GET /api/v1/nowhere'] = await get(`${hub.url}api/v1/nowhere`);
  const created = await cli(['token', 'create', '--name', 'smoke', '--kind', 'counter']);
  answers['hub: token create (handed to the running hub)'] = created;
  const token = created.stdout.trim();
  answers['hub: GET /api/v1/me with that token'] = await get(`${hub.url}api/v1/me`, {
    authorization: `Bearer ${token}`,
    'x-okienko-version': version,
  });
  answers['hub: token list --json'] = await cli(['token', 'list', '--json']);
  return answers;
}

async function probeHost(host, context) {
  const { indexHtml, WebSocket } = context;
  const answers = {};
  answers['host: start-up lines'] = host.stdout.trim();
  answers['host: GET /health'] = await get(`${host.url}health`);
  for (const address of ['', 'counter/1', 'runtime.json', 'nowhere.txt']) {
    const page = await get(`${host.url}${address}`);
    answers[`host: GET /${address}`] = { ...page, body: page.body === indexHtml ? '<index.html>' : page.body };
  }
  for (const file of context.assets) {
    const asset = await get(`${host.url}${file}`);
    const same = asset.body === context.files.get(file);
    answers[`host: GET /${file}`] = { ...asset, body: same ? `<out/renderer/${file}>` : asset.body.slice(0, 200) };
  }
  const origin = host.url.replace(/\/$/, '');
  answers['host: contract calls over the WebSocket'] = await contractCalls(WebSocket, `${host.url}api/v1`, {
    origin,
    password: context.oneTimePassword,
    totp: context.totp,
  });
  answers['host: a WebSocket with no Origin'] = await refusedSocket(WebSocket, `${host.url}api/v1`);
  return answers;
}

/** A socket no page of this host opened (no Origin) is refused at the upgrade: its status. */
async function refusedSocket(WebSocket, url) {
  const socket = new WebSocket(url.replace(/^http/, 'ws'));
  return new Promise((resolve) => {
    socket.on('unexpected-response', (_request, response) => resolve({ status: response.statusCode }));
    socket.on('open', () => {
      socket.close();
      resolve({ status: 101 });
    });
    socket.on('error', () => undefined);
  });
}

/**
 * One socket of a page of this host (its Origin), a few calls in order, each reply paired with its
 * call by id: the admin made with `user add` signs in (replacing the one-time password, and enrolling
 * an authenticator app from the secret the station offers), then the device settings screen lists
 * the devices. A call may be made of the replies before it.
 */
async function contractCalls(WebSocket, url, { origin, password, totp }) {
  const signIn = { login: 'smoke', password, newPassword: 'a long test password, 2026' };
  const enrolled = (replies) => {
    const secret = replies[4]?.result.value?.secret ?? '';
    return { ...signIn, enrolSecret: secret, code: totp(secret) };
  };
  const calls = [
    { t: 'call', id: 1, window: 'home', channel: 'station.info', payload: {} },
    { t: 'call', id: 2, window: 'home', channel: 'settings.get', payload: {} },
    { t: 'call', id: 3, window: 'settings', channel: 'devices.list', payload: {} },
    { t: 'call', id: 4, window: 'settings', channel: 'session.signIn', payload: signIn },
    { t: 'call', id: 5, window: 'settings', channel: 'session.newSecondFactor', payload: { login: 'smoke' } },
    (replies) => ({ t: 'call', id: 6, window: 'settings', channel: 'session.signIn', payload: enrolled(replies) }),
    { t: 'call', id: 7, window: 'settings', channel: 'devices.list', payload: {} },
    { t: 'call', id: 8, window: 'home', channel: 'no.such.channel', payload: {} },
    'not json',
  ];
  const socket = new WebSocket(url.replace(/^http/, 'ws'), { headers: { origin } });
  const replies = [];
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no replies from ${url}: ${show(replies)}`)), COMMAND_TIMEOUT_MS);
    socket.on('error', reject);
    socket.on('open', () => socket.send(JSON.stringify(calls[0])));
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString());
      if (frame.t !== 'reply') return;
      replies.push(frame);
      const next = calls[replies.length];
      if (next === undefined) {
        clearTimeout(timer);
        resolve();
      } else if (typeof next === 'string') socket.send(next);
      else socket.send(JSON.stringify(typeof next === 'function' ? next(replies) : next));
    });
  });
  socket.close();
  return replies;
}

/** The screens the host's `/` lists and the heading of the board the hub serves, as Chromium shows them. */
async function probePages(browser, hostUrl, hubUrl) {
  const context = await browser.newContext();
  try {
    const home = await context.newPage();
    await home.goto(hostUrl);
    const links = home.locator('nav a');
    await links.first().waitFor({ timeout: COMMAND_TIMEOUT_MS });
    const screens = await links.evaluateAll((anchors) =>
      anchors.map((a) => `${a.getAttribute('href')} ${a.textContent}`),
    );
    const board = await context.newPage();
    await board.goto(`${hubUrl}#/board`);
    const heading = board.getByRole('heading', { name: 'Teraz zapraszamy' });
    await heading.waitFor({ timeout: COMMAND_TIMEOUT_MS });
    return {
      'page: the screens the host lists at /': screens,
      'page: the board the hub serves': { title: await board.title(), heading: await heading.textContent() },
    };
  } finally {
    await context.close();
  }
}

/** How one mode starts a program: `tsx electron/<program>/main.ts` or `node out/<program>/main.js`. */
function launcher(app, mode) {
  const command = (program) =>
    mode === 'development'
      ? [path.join(app, 'node_modules/.bin/tsx'), [`electron/${program}/main.ts`]]
      : ['node', [`out/${program}/main.js`]];
  return {
    describe: ['hub', 'host'].map((program) => command(program).flat().join(' ').replace(`${app}/`, '')).join(', '),
    /** A server, once its stdout matches `ready`. */
    serve(program, args, ready) {
      const [file, prefix] = command(program);
      return start(file, [...prefix, ...args], app, ready);
    },
    /** A command, to its end. */
    run(program, args) {
      const [file, prefix] = command(program);
      return run(file, [...prefix, ...args], app);
    },
  };
}

/** Starts the hub and the host one way (development or production), probes them, stops them. */
async function probeAll(mode, context) {
  const { tmp, app } = context;
  const launch = launcher(app, mode);
  const scrub = scrubber(tmp, mode);
  const hubData = path.join(tmp, `${mode}-hub-data`);
  const hostData = path.join(tmp, `${mode}-host-data`);
  console.log(`\n${mode}: ${launch.describe}`);
  const added = await launch.run('host', ['user', 'add', 'smoke', '--role', 'admin', '--data', hostData]);
  // The e-service checker an office runs on its own definition files (YAML and the shipped folder load).
  const checked = await launch.run('host', ['eservices', 'check', 'build/eservices/zameldowanie.yaml']);
  const oneTimePassword = added.stdout.trim();
  const [hub, host] = await Promise.all([
    launch.serve('hub', ['--port', '0', '--bind', '127.0.0.1', '--data', hubData], /serving at http:\S+/),
    launch.serve('host', ['--port', '0', '--data', hostData], /^ {2}hub {8}.*$/m),
  ]);
  try {
    hub.url = /serving at (http:\S+)/.exec(hub.stdout)[1];
    host.url = /serving this workstation at (http:\S+)/.exec(host.stdout)[1];
    const cli = (args) => launch.run('hub', [...args, '--data', hubData]);
    const answers = {
      'host: user add': added,
      'host: eservices check': checked,
      ...(await probeHub(hub, cli, context)),
      ...(await probeHost(host, { ...context, oneTimePassword })),
      ...(context.browser ? await probePages(context.browser, host.url, hub.url) : {}),
    };
    answers['hub: exit after SIGTERM'] = await stop(hub);
    answers['host: exit after SIGTERM'] = await stop(host);
    answers["hub: token revoke on the stopped hub's folder"] = await cli(['token', 'revoke', '--name', 'smoke']);
    answers['hub and host: what they logged on stderr'] = { hub: logged(hub.stderr), host: logged(host.stderr) };
    return Object.fromEntries(Object.entries(answers).map(([name, answer]) => [name, scrub(answer)]));
  } finally {
    await Promise.all([stop(hub), stop(host)]);
  }
}

// ------------------------------------------------------------------------------------------------
// The checks

function compare(development, production) {
  console.log('\nproduction answers as development does:');
  for (const name of new Set([...Object.keys(development), ...Object.keys(production)])) {
    const same = isDeepStrictEqual(development[name], production[name]);
    check(name, same, same ? '' : `development: ${show(development[name])}\nproduction:  ${show(production[name])}`);
  }
}

/** Equal answers could be equally wrong: what production must answer on its own. */
function checkProduction(answers) {
  console.log('\nproduction answers what it should:');
  const holds = (ok, answer) => {
    try {
      return ok(answer);
    } catch {
      return false;
    }
  };
  const expect = (name, probe, ok) => check(name, holds(ok, answers[probe]), `${probe}: ${show(answers[probe])}`);
  expect(
    'the hub is healthy, on PGlite',
    'hub: GET /health',
    (a) => a.body.ok === true && a.body.database === 'pglite',
  );
  expect('the hub serves the built board page with its CSP', 'hub: GET / (the board page)', (a) =>
    Boolean(a.status === 200 && a.body === '<index.html>' && a.csp),
  );
  expect('token create prints a token', 'hub: token create (handed to the running hub)', (a) =>
    Boolean(a.code === 0 && /^okh_1_<secret>$/.test(a.stdout.trim())),
  );
  expect('the hub knows that token', 'hub: GET /api/v1/me with that token', (a) =>
    isDeepStrictEqual(a.body, { station: 'smoke', slot: 1, kind: 'counter', user: null }),
  );
  expect('token list shows it', 'hub: token list --json', (a) => JSON.parse(a.stdout)[0]?.name === 'smoke');
  expect("token revoke works on the stopped hub's folder", "hub: token revoke on the stopped hub's folder", (a) =>
    Boolean(a.code === 0 && a.stdout.startsWith('Revoked "smoke"')),
  );
  expect('the host serves index.html at /', 'host: GET /', (a) => a.status === 200 && a.body === '<index.html>');
  const calls = 'host: contract calls over the WebSocket';
  expect(
    'the contract answers station.info, from the browser host',
    calls,
    (a) => a[0].result.value.host === 'browser',
  );
  expect('the device list needs a signed-in admin', calls, (a) => a[2].result.error?.code === 'NOT_SIGNED_IN');
  expect(
    'an admin is asked to enrol an authenticator app',
    calls,
    (a) => a[3].result.error?.code === 'SECOND_FACTOR_ENROLMENT_REQUIRED',
  );
  expect(
    'the admin made with user add signs in with its code (Argon2 and TOTP load)',
    calls,
    (a) => a[5].result.value?.user?.login === 'smoke' && a[5].result.value?.recoveryCodes?.length === 10,
  );
  expect('then the contract lists the devices (serialport loads)', calls, (a) => a[6].result.ok === true);
  expect('the contract refuses an unknown channel and a frame that is not JSON', calls, (a) =>
    Boolean(a[7].result.ok === false && a[8].result.ok === false && a[8].id === null),
  );
  expect('a WebSocket with no Origin is refused', 'host: a WebSocket with no Origin', (a) => a.status === 403);
  expect('eservices check accepts a shipped definition', 'host: eservices check', (a) =>
    Boolean(a.code === 0 && a.stdout.startsWith('OK build/eservices/zameldowanie.yaml: Zameldowanie')),
  );
  expect('user add prints a one-time password', 'host: user add', (a) =>
    Boolean(a.code === 0 && a.stdout.trim() === '<one-time password>'),
  );
  for (const probe of ['hub: exit after SIGTERM', 'host: exit after SIGTERM'])
    expect(`${probe.split(':')[0]} exits with 0 after SIGTERM`, probe, (a) =>
      isDeepStrictEqual(a, { code: 0, signal: null }),
    );
  if (answers['page: the screens the host lists at /'])
    expect("the host's / lists the kiosk, the board and the supervisor", 'page: the screens the host lists at /', (a) =>
      ['#/kiosk', '#/board', '#/supervisor'].every((route) => a.some((line) => line.startsWith(`${route} `))),
    );
}

function checkPruned(app) {
  for (const tool of ['tsx', 'vitest', 'vite', 'tsc', 'eslint', 'electron-builder'])
    check(
      `npm prune --omit=dev removed node_modules/.bin/${tool}`,
      !existsSync(path.join(app, 'node_modules/.bin', tool)),
    );
  for (const name of ['@electric-sql/pglite', 'pg', 'ws', 'serialport'])
    check(`node_modules/${name} stays`, existsSync(path.join(app, 'node_modules', name, 'package.json')));
}

// ------------------------------------------------------------------------------------------------
// The run

/** The built renderer as the servers must serve it: index.html and every file it names. */
async function readRenderer(app) {
  const dir = path.join(app, 'out/renderer');
  const indexHtml = await readFile(path.join(dir, 'index.html'), 'utf8');
  const assets = [...indexHtml.matchAll(/(?:src|href)="(?:\.?\/)?([^"#?:]+)"/g)].map((match) => match[1]);
  const files = new Map();
  for (const file of assets) files.set(file, await readFile(path.join(dir, file), 'utf8'));
  return { indexHtml, assets, files };
}

async function launchBrowser() {
  if (options['no-browser']) return null;
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  let chromium;
  try {
    ({ chromium } = createRequire(import.meta.url)('playwright-core'));
  } catch {
    throw new Error(`playwright-core is not installed in ${repo} (npm ci there, or pass --no-browser)`);
  }
  if (!existsSync(executablePath))
    throw new Error(`no Chromium at ${executablePath} (set CHROMIUM_PATH, or pass --no-browser)`);
  return chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
}

async function main() {
  const started = performance.now();
  const tmp = await mkdtemp(path.join(tmpdir(), 'okienko-smoke-'));
  const app = path.join(tmp, 'app');
  let browser = null;
  try {
    const commit = (await run('git', ['-C', repo, 'rev-parse', 'HEAD'])).stdout.trim();
    console.log(`Production smoke test of ${repo} at ${commit}, in ${tmp}\n\nset-up:`);
    await step('git clone of the committed HEAD', 'git', ['clone', '-q', '--no-checkout', repo, app]);
    await step('git checkout', 'git', ['-C', app, 'checkout', '-q', '--detach', commit]);
    await step('npm ci', 'npm', ['ci'], app);
    await step('npm run build', 'npm', ['run', 'build'], app);
    browser = await launchBrowser();
    const pkg = JSON.parse(await readFile(path.join(app, 'package.json'), 'utf8'));
    const appRequire = createRequire(path.join(app, 'package.json'));
    const WebSocket = appRequire('ws');
    // An admin enrols an authenticator app at the first sign-in; the smoke computes its code.
    const { TOTP, Secret } = appRequire('otpauth');
    const totp = (secret) => new TOTP({ secret: Secret.fromBase32(secret) }).generate();
    const context = { tmp, app, browser, WebSocket, totp, version: pkg.version, ...(await readRenderer(app)) };
    const development = await probeAll('development', context);
    console.log('\nprune:');
    await step('npm prune --omit=dev', 'npm', ['prune', '--omit=dev'], app);
    checkPruned(app);
    const production = await probeAll('production', context);
    await writeFile(path.join(tmp, 'answers.json'), show({ development, production }));
    compare(development, production);
    checkProduction(production);
  } catch (error) {
    if (!error?.reported) check('the smoke test runs to its end', false, error?.stack ?? String(error));
  } finally {
    await browser?.close();
    if (options.keep || failures.length > 0) console.log(`\nkept ${tmp} (the answers of both are in answers.json)`);
    else await rm(tmp, { recursive: true, force: true });
  }
  console.log(`\nin ${((performance.now() - started) / 1000).toFixed(0)} s`);
  finish();
}

await main();
