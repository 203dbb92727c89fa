/**
 * Two workstations and a waiting-room TV against one office hub, as an office runs them: a kiosk
 * (browser host A, with the simulated printer), a counter (browser host B), and the board opened
 * straight from the hub's address with no installation. Each host has its own data folder, and
 * each page its own origin, so the two workstations share nothing but the hub.
 */
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createHubDatabase,
  addReadyUser,
  createToken,
  runHubCli,
  createUpgradedToken,
  startHubProcess,
  type HubDatabase,
  type HubProcess,
} from '../support/hub-process';
import { TEST_PASSWORD } from '../support/accounts';
import { E2E_PERSON, openCounter, openPage, signIn } from '../support/pages';
import { artifactsDir, launchChromium, startHost, tempDir, type Host } from '../support/processes';
import { startSimProcess, type SimProcess } from '../support/sim-process';

let dir: Awaited<ReturnType<typeof tempDir>>;
let database: HubDatabase;
let hub: HubProcess;
let sim: SimProcess;
let kioskHost: Host;
let counterHost: Host;
let browser: Browser;
let context: BrowserContext;
let shots: string;
let counterToken: string;

beforeAll(async () => {
  dir = await tempDir('e2e-hub');
  database = await createHubDatabase('pglite');
  // An installation upgraded from before token kinds: the tokens keep every right (the demo
  // office each workstation seeds reaches the hub), while the people sign in at the hub.
  let kioskToken: string;
  [kioskToken, counterToken] = [
    await createUpgradedToken(database, 'kiosk-parter'),
    await createUpgradedToken(database, 'stanowisko-3'),
  ];
  hub = await startHubProcess(database);
  // The office's people are the hub's: the counter workstation signs Anna in there.
  await addReadyUser(database, hub.url, counterToken, E2E_PERSON.login, E2E_PERSON.roles);
  sim = await startSimProcess(['--dir', path.join(dir.path, 'sim')]);
  kioskHost = await startHost({
    dataDir: path.join(dir.path, 'kiosk'),
    printerPath: String(sim.ready.printer),
    args: ['--hub', hub.url],
    env: { OKIENKO_HUB_TOKEN: kioskToken },
  });
  counterHost = await startHost({
    dataDir: path.join(dir.path, 'counter'),
    args: ['--hub', hub.url],
    env: { OKIENKO_HUB_TOKEN: counterToken },
  });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  shots = await artifactsDir('e2e');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([kioskHost?.stop(), counterHost?.stop()]);
  await sim?.stop();
  await hub?.kill('SIGTERM').catch(() => undefined);
  await database?.remove();
  await dir?.remove();
});

async function open(url: string): Promise<Page> {
  return openPage(context, url);
}

describe('workstations and a TV board with the office hub', () => {
  it('a kiosk ticket is called at another workstation and shown on the board the hub serves', async () => {
    const board = await open(`${hub.url}#/board`);
    await board.getByRole('heading', { name: 'Teraz zapraszamy' }).waitFor();

    const counter = await open(`${counterHost.url}#/counter/3`);
    await counter.getByRole('status').filter({ hasText: 'Połączono z serwerem urzędu' }).waitFor({ timeout: 20_000 });
    await openCounter(counter);

    const kiosk = await open(`${kioskHost.url}#/kiosk`);
    await kiosk.getByRole('button', { name: /^Dowody osobiste/ }).click();
    await kiosk.getByRole('button', { name: 'Nie — zwykły bilet' }).click();
    const heading = kiosk.getByRole('heading', { level: 1, name: /Twój numer/ });
    await heading.waitFor();
    const number = /([A-Z]\d+)\s*$/.exec((await heading.textContent()) ?? '')?.[1] ?? '';
    expect(number).toMatch(/^C\d+$/);
    await kiosk.getByRole('status').filter({ hasText: 'Weź bilet z drukarki.' }).waitFor();
    await sim.waitFor(
      (event) => event.event === 'printed' && (event.large as string[]).some((line) => line.includes(number)),
    );

    // The ticket travels kiosk → hub → counter workstation.
    await expect
      .poll(() => counter.getByRole('row', { name: new RegExp(`^${number}\\b`) }).count(), { timeout: 15_000 })
      .toBe(1);
    await counter.getByRole('button', { name: /Wywołaj następnego/ }).click();
    await counter
      .getByRole('status')
      .filter({ hasText: `Wywołano ${number}.` })
      .waitFor();

    // The TV shows the call once the hub has confirmed it.
    const now = board.getByRole('region', { name: 'Teraz zapraszamy' });
    await expect.poll(() => now.textContent(), { timeout: 15_000 }).toMatch(new RegExp(`${number}.*stanowisko 3`));
    await board.screenshot({ path: path.join(shots, 'hub-board.png') });
    await counter.screenshot({ path: path.join(shots, 'hub-counter.png') });
    await expect
      .poll(() => counter.getByRole('status').filter({ hasText: 'Połączono z serwerem urzędu' }).textContent(), {
        timeout: 10_000,
      })
      .toContain('wszystko wysłane');
  });

  it("a workstation's page, on its own origin, can read the hub's clock and sync epoch (CORS)", async () => {
    const token = await createToken(database, 'cors-check', 'board');
    const page = await open(`${counterHost.url}#/`);
    const seen = await page.evaluate(
      async ({ hubUrl, token }) => {
        const abort = new AbortController();
        const response = await fetch(`${hubUrl}api/v1/sync/stream`, {
          headers: { authorization: `Bearer ${token}`, 'x-okienko-version': '0.1.0' },
          signal: abort.signal,
        });
        const result = {
          origin: location.origin,
          status: response.status,
          time: response.headers.get('x-okienko-time'),
          epoch: response.headers.get('x-okienko-sync-epoch'),
        };
        abort.abort();
        return result;
      },
      { hubUrl: hub.url, token },
    );
    await page.close();
    expect(seen.origin).not.toBe(new URL(hub.url).origin);
    expect(seen.status).toBe(200);
    expect(seen.time).toMatch(/^\d{13}$/);
    // The same epoch the hub gives a same-origin (non-browser) client.
    const abort = new AbortController();
    const direct = await fetch(`${hub.url}api/v1/sync/stream`, {
      headers: { authorization: `Bearer ${token}`, 'x-okienko-version': '0.1.0' },
      signal: abort.signal,
    });
    const epoch = direct.headers.get('x-okienko-sync-epoch');
    abort.abort();
    expect(epoch).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen.epoch).toBe(epoch);
  });

  it('the kiosk keeps issuing with the hub down, and says it is offline; nothing is lost when it returns', async () => {
    const home = await open(`${kioskHost.url}#/`);
    await home.getByRole('status').filter({ hasText: 'Połączono z serwerem urzędu' }).waitFor({ timeout: 20_000 });
    await hub.kill('SIGTERM');
    await home
      .getByRole('status')
      .filter({ hasText: 'Brak połączenia z serwerem urzędu' })
      .waitFor({ timeout: 20_000 });

    const kiosk = await open(`${kioskHost.url}#/kiosk`);
    await kiosk.getByRole('button', { name: /^Kasa/ }).click();
    await kiosk.getByRole('button', { name: 'Nie — zwykły bilet' }).click();
    const heading = kiosk.getByRole('heading', { level: 1, name: /Twój numer/ });
    await heading.waitFor();
    const number = /(K\d+)\s*$/.exec((await heading.textContent()) ?? '')?.[1] ?? '';
    expect(number).toMatch(/^K\d+$/);
    await expect.poll(() => home.getByRole('status').textContent()).toMatch(/do wysłania: \d+/);
    await home.screenshot({ path: path.join(shots, 'hub-offline-status.png') });

    await hub.restart();
    await home.getByRole('status').filter({ hasText: 'wszystko wysłane' }).waitFor({ timeout: 30_000 });
    const counter = await open(`${counterHost.url}#/counter/7`);
    await openCounter(counter);
    await expect
      .poll(() => counter.getByRole('row', { name: new RegExp(`^${number}\\b`) }).count(), { timeout: 15_000 })
      .toBe(1);
  });
  it('offline, a person who signed in here online before signs in again; one never seen here, or disabled since, does not', async () => {
    await addReadyUser(database, hub.url, counterToken, 'jan', ['clerk']);
    await addReadyUser(database, hub.url, counterToken, 'ewa', ['clerk']);
    const counter = await open(`${counterHost.url}#/counter/4`);
    const signOut = async () => {
      await counter.getByRole('button', { name: 'Wyloguj' }).click();
      await counter.getByRole('heading', { name: 'Zaloguj się' }).waitFor();
    };
    const attempt = async (login: string) => {
      await counter.getByLabel('Login').fill(login);
      await counter.getByLabel('Hasło', { exact: true }).fill(TEST_PASSWORD);
      await counter.getByRole('button', { name: 'Zaloguj' }).click();
    };
    await signIn(counter);
    await signOut();
    // Jan works here once, online; then the administrator disables him.
    await signIn(counter, 'jan');
    await signOut();
    expect((await runHubCli(database, ['user', 'disable', 'jan'])).code).toBe(0);
    // The workstation next hears from the hub (Anna signs in): it forgets Jan.
    await signIn(counter);
    await signOut();

    await hub.kill('SIGTERM');
    await signIn(counter);
    await counter.getByText('Zalogowano: anna (bez połączenia z serwerem)').waitFor();
    await signOut();
    for (const login of ['ewa', 'jan']) {
      await attempt(login);
      await counter
        .getByRole('alert')
        .filter({ hasText: 'Brak połączenia z serwerem urzędu, a na tym stanowisku nie logowałeś się ostatnio' })
        .waitFor();
    }
    await hub.restart();
  });
});
