/**
 * The hub over TLS, from a page on a secure origin that is not localhost — as the Electron app's
 * app:// pages and a workstation's HTTPS page are: Chromium resolves `hub.test` and
 * `workstation.test` to this machine (host-resolver rules) and trusts the office CA that
 * `npm run hub -- tls init` made (an NSS database of its own). The page syncs with the hub over
 * HTTPS; the same page cannot reach a hub over plain HTTP (mixed content). The station's own link
 * trusts the office CA named in its settings, and nothing else.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HUB_API_PREFIX } from '../../electron/common/contract/hub';
import { issueTicket } from '../../electron/common/domain/ticket';
import { issueServerCert } from '../../electron/node/office-ca';
import { HubLink, HubUnreachable } from '../../electron/station/accounts/hub-link';
import { TEST_PASSWORD } from '../support/accounts';
import {
  addUser,
  createHubDatabase,
  createToken,
  runHubCli,
  startHubProcess,
  type HubDatabase,
  type HubProcess,
} from '../support/hub-process';
import { tempDir } from '../support/processes';

let dir: Awaited<ReturnType<typeof tempDir>>;
let database: HubDatabase;
let plainDatabase: HubDatabase;
let hub: HubProcess;
let plainHub: HubProcess;
let browser: Browser;
let workstation: https.Server;
let ca: string;
let session: string;

beforeAll(async () => {
  dir = await tempDir('e2e-tls');
  database = await createHubDatabase('pglite');
  const init = await runHubCli(database, ['tls', 'init', '--host', 'hub.test', '--office', 'Urząd Testowy']);
  expect(init.code).toBe(0);
  ca = await readFile(init.stdout.trim(), 'utf8');
  hub = await startHubProcess(database);
  plainDatabase = await createHubDatabase('pglite');
  plainHub = await startHubProcess(plainDatabase);

  const token = await createToken(database, 'stanowisko-tls', 'counter');
  const oneTime = await addUser(database, 'anna', ['clerk']);
  const link = new HubLink({ url: `https://127.0.0.1:${hub.port}/`, token, appVersion: '0.1.0', ca });
  session = (await link.login({ login: 'anna', password: oneTime, newPassword: TEST_PASSWORD })).session;

  // The workstation's page, on its own secure origin, with a certificate of the same office CA.
  const caKey = await readFile(path.join(database.dataDir, 'tls', 'office-ca-key.pem'), 'utf8');
  const pageCert = await issueServerCert({ cert: ca, key: caKey }, ['workstation.test']);
  workstation = https.createServer({ cert: pageCert.cert, key: pageCert.key }, (_request, response) =>
    response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Okienko</title>'),
  );
  await new Promise<void>((resolve) => workstation.listen(0, '127.0.0.1', resolve));

  browser = await launchTrusting(ca);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  workstation?.close();
  await Promise.all([hub?.kill('SIGTERM'), plainHub?.kill('SIGTERM')]);
  await Promise.all([database?.remove(), plainDatabase?.remove()]);
  await dir?.remove();
});

const hubUrl = () => `https://hub.test:${hub.port}/`;

/** Chromium with its own NSS database that trusts the office CA, and the test names on 127.0.0.1. */
async function launchTrusting(caPem: string): Promise<Browser> {
  const home = path.join(dir.path, 'home');
  const nssdb = path.join(home, '.pki', 'nssdb');
  await mkdir(nssdb, { recursive: true });
  const caFile = path.join(dir.path, 'office-ca.pem');
  await import('node:fs/promises').then((fs) => fs.writeFile(caFile, caPem));
  execFileSync('certutil', ['-d', `sql:${nssdb}`, '-N', '--empty-password']);
  execFileSync('certutil', ['-d', `sql:${nssdb}`, '-A', '-n', 'okienko-office-ca', '-t', 'C,,', '-i', caFile]);
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    env: { ...process.env, HOME: home },
    args: [
      '--no-sandbox',
      '--host-resolver-rules=MAP hub.test 127.0.0.1, MAP workstation.test 127.0.0.1',
      '--disable-background-networking',
      '--no-first-run',
    ],
  });
}

/** What the page gets when it asks `url` with the session: the status, or the error fetch threw. */
async function fromPage(target: Page, url: string, body?: object): Promise<string> {
  return target.evaluate(
    async ({ url, session, body }) => {
      try {
        const response = await fetch(url, {
          method: body ? 'POST' : 'GET',
          headers: {
            authorization: `Bearer ${session}`,
            'x-okienko-version': '0.1.0',
            ...(body ? { 'content-type': 'application/json' } : {}),
          },
          ...(body ? { body: JSON.stringify(body) } : {}),
        });
        return `${response.status} ${await response.text()}`;
      } catch (error) {
        return `refused: ${(error as Error).name}`;
      }
    },
    { url, session, body },
  );
}

describe('the hub over TLS', () => {
  it('a page on a secure origin syncs with the hub over HTTPS, with the office CA', async () => {
    const context = await browser.newContext();
    const target = await context.newPage();
    await target.goto(`https://workstation.test:${(workstation.address() as AddressInfo).port}/`);
    expect(await target.evaluate(() => window.isSecureContext)).toBe(true);
    const ticket = issueTicket(
      { id: 'tls-1', day: '2026-12-05', service: 'vehicles', letter: 'A', seq: 1, priority: null },
      { station: 'x' },
      1000,
    );
    const pushed = await fromPage(target, `${hubUrl()}api/v1/sync/tickets/push`, {
      rows: [{ newDocumentState: { ...ticket, _deleted: false } }],
    });
    expect(pushed).toMatch(/^200 /);
    const pulled = await fromPage(target, `${hubUrl()}api/v1/sync/tickets/pull`);
    expect(pulled).toMatch(/^200 .*"id":"tls-1"/);
    await context.close();
  });

  it('the same page cannot reach a hub over plain HTTP (mixed content), though the hub answers', async () => {
    const plainUrl = `http://hub.test:${plainHub.port}${HUB_API_PREFIX}/board`;
    expect((await fetch(`http://127.0.0.1:${plainHub.port}${HUB_API_PREFIX}/board`)).status).toBe(200);
    const context = await browser.newContext();
    const target = await context.newPage();
    await target.goto(`https://workstation.test:${(workstation.address() as AddressInfo).port}/`);
    expect(await fromPage(target, plainUrl)).toBe('refused: TypeError');
    await context.close();
  });

  it('the station trusts the office CA named in its settings, and a hub it cannot check is out of reach', async () => {
    const token = await createToken(database, 'stanowisko-bez-ca', 'counter');
    const trusting = new HubLink({ url: `https://127.0.0.1:${hub.port}/`, token, appVersion: '0.1.0', ca });
    expect((await trusting.windowSession()).session).toMatch(/^oks_/);
    const untrusting = new HubLink({ url: `https://127.0.0.1:${hub.port}/`, token, appVersion: '0.1.0' });
    await expect(untrusting.windowSession()).rejects.toBeInstanceOf(HubUnreachable);
  });

  it('refuses to serve the office network over plain HTTP', async () => {
    const result = await runHubCli(plainDatabase, ['--bind', '0.0.0.0', '--port', '0'], 20_000);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/serves HTTPS on the office network.*tls init/);
  });
});
