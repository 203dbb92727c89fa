/**
 * The office's whole configuration at the hub: `--demo` sets the demo office up (and its accounts
 * sign in as printed); an admin reads and imports it over the API, a clerk may not; an import
 * replaces it whole, or is refused with every problem named and nothing changed; the command line
 * exports it from one hub and imports it on another, identical. PGlite and PostgreSQL alike.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HUB_API_PREFIX } from '../../../electron/common/contract/hub';
import type { ConfigurationRefused } from '../../../electron/common/contract/hub-office';
import { DEMO_HOURS, demoConfiguration } from '../../../electron/common/domain/demo-office';
import type { OfficeConfiguration } from '../../../electron/common/domain/office-config';
import { DEMO_ACCOUNTS, DEMO_TOTP_SECRET } from '../../../electron/node/accounts/demo-accounts';
import {
  createHubDatabase,
  createToken,
  HUB_BACKENDS,
  hubClient,
  runHubCli,
  signIn,
  startHubProcess,
  type HubClient,
  type HubDatabase,
  type HubProcess,
} from '../../support/hub-process';

const CONFIGURATION = `${HUB_API_PREFIX}/office/configuration`;
const PUBLIC_URL = 'https://urzad.example.pl';

/** The demo office as `--demo --public-url` sets it up: its tickets' QR codes lead to this hub. */
function demoHere(): OfficeConfiguration {
  const configuration = demoConfiguration();
  configuration.office.statusUrl = `${PUBLIC_URL}/#/status/{id}`;
  return configuration;
}
const IMPORT = `${HUB_API_PREFIX}/office/import`;

function demoAccount(login: string) {
  return DEMO_ACCOUNTS.find((account) => account.login === login)!;
}

/** The demo office with a service fewer, a counter renamed and the opening hours changed. */
function changedConfiguration(): OfficeConfiguration {
  const configuration = demoHere();
  configuration.services = configuration.services.filter((service) => service.id !== 'cashier');
  configuration.counters = configuration.counters.filter((counter) => counter.number !== 7);
  configuration.counters[0]!.name.pl = 'Rejestracja pojazdów';
  const hours = structuredClone(DEMO_HOURS) as NonNullable<OfficeConfiguration['office']['hours']>;
  configuration.office.hours = { ...hours, sat: [{ from: '09:00', to: '13:00' }] };
  return configuration;
}

describe.each(HUB_BACKENDS)('the office configuration at the hub, on %s', (backend) => {
  let database: HubDatabase;
  let hub: HubProcess;
  let token: string;
  let admin: HubClient;

  beforeAll(async () => {
    database = await createHubDatabase(backend);
    hub = await startHubProcess(database, { args: ['--demo', '--public-url', PUBLIC_URL] });
    token = await createToken(database, 'biuro-1', 'counter');
    const { login, password } = demoAccount('admin');
    const session = await signIn(hub.url, token, login, password, undefined, undefined, DEMO_TOTP_SECRET);
    admin = hubClient(hub.url, session.session);
  }, 90_000);

  afterAll(async () => {
    await hub?.kill('SIGTERM');
    await database?.remove();
  });

  it('--demo sets the demo office up and prints the accounts, which sign in as printed', async () => {
    for (const account of DEMO_ACCOUNTS) expect(hub.output()).toContain(`login ${account.login}`);
    expect(hub.output()).toContain(DEMO_TOTP_SECRET);
    const read = await admin.request<OfficeConfiguration>('GET', CONFIGURATION);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(demoHere());
  });

  it("a calendar file's link uses the hub's public address, not the one the request came to", async () => {
    const resident = hubClient(hub.url, null, '');
    const slots = await resident.request<{ slots: { at: number }[] }>(
      'GET',
      `${HUB_API_PREFIX}/public/slots?service=id-cards&days=60`,
    );
    const booked = await resident.request<{ code: string; key: string }>('POST', `${HUB_API_PREFIX}/public/bookings`, {
      body: { service: 'id-cards', at: slots.body.slots[0]!.at, name: 'Jan Kowalski' },
    });
    const { code, key } = booked.body;
    const file = await fetch(`${hub.url}api/v1/public/bookings/${code}/calendar.ics?key=${key}`);
    const text = (await file.text()).replace(/\r\n[ \t]/g, '');
    expect(text).toContain(`${PUBLIC_URL}/#/booking/${code}-${key}`);
    expect(text).not.toContain('127.0.0.1');
  });

  it('a clerk may neither read nor import it', async () => {
    const { login, password } = demoAccount('urzednik');
    const clerk = hubClient(hub.url, (await signIn(hub.url, token, login, password)).session);
    const read = await clerk.request<{ error: string }>('GET', CONFIGURATION);
    expect([read.status, read.body.error]).toEqual([403, 'forbidden-role']);
    const write = await clerk.request<{ error: string }>('POST', IMPORT, { body: changedConfiguration() });
    expect([write.status, write.body.error]).toEqual([403, 'forbidden-role']);
  });

  it('an import with a problem is refused with its field named, and nothing changes', async () => {
    const broken = changedConfiguration();
    broken.services[1]!.letter = broken.services[0]!.letter;
    broken.counters[0]!.services = ['no-such-service'];
    const refused = await admin.request<ConfigurationRefused>('POST', IMPORT, { body: broken });
    expect(refused.status).toBe(422);
    expect(refused.body.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'duplicate-letter', path: ['services', 1, 'letter'] }),
        expect.objectContaining({ code: 'unknown-service', path: ['counters', 0, 'services', 0] }),
      ]),
    );
    expect((await admin.request<OfficeConfiguration>('GET', CONFIGURATION)).body).toEqual(demoHere());
  });

  it('an import replaces the whole configuration; a dropped service stays, inactive', async () => {
    const imported = await admin.request<{ written: number }>('POST', IMPORT, { body: changedConfiguration() });
    expect(imported.status).toBe(200);
    const read = (await admin.request<OfficeConfiguration>('GET', CONFIGURATION)).body;
    const { services, ...rest } = read;
    const { services: expectedServices, ...expectedRest } = changedConfiguration();
    expect(rest).toEqual(expectedRest);
    expect(services.filter((service) => service.active)).toEqual(expectedServices);
    expect(services.find((service) => service.id === 'cashier')).toMatchObject({ active: false });
    // A workstation's pull carries it: the counter that is gone arrives deleted.
    const pulled = await admin.request<{ documents: { id: string; _deleted: boolean }[] }>(
      'GET',
      `${HUB_API_PREFIX}/sync/counters/pull?limit=100`,
    );
    expect(pulled.body.documents.find((counter) => counter.id === '7')).toMatchObject({ _deleted: true });
  });

  it('a restart with --demo keeps the office an admin set up', async () => {
    await hub.restart();
    expect((await admin.request<OfficeConfiguration>('GET', CONFIGURATION)).body.office.hours?.sat).toEqual([
      { from: '09:00', to: '13:00' },
    ]);
  });

  it('the command line exports it, and imports it on a second hub identical; a broken file changes nothing', async () => {
    const exported = await runHubCli(database, ['office', 'export']);
    expect(exported.code).toBe(0);
    const file = path.join(database.dataDir, '..', `${path.basename(database.dataDir)}-office.json`);
    await writeFile(file, exported.stdout);
    const second = await createHubDatabase(backend);
    const secondHub = await startHubProcess(second);
    try {
      const brokenFile = `${file}.broken.json`;
      const broken = JSON.parse(exported.stdout) as OfficeConfiguration;
      broken.office.timeZone = 'Europe/Atlantis';
      await writeFile(brokenFile, JSON.stringify(broken));
      const refused = await runHubCli(second, ['office', 'import', brokenFile]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('office.timeZone');
      expect((await runHubCli(second, ['office', 'export'])).stderr).toContain('not set up');

      const imported = await runHubCli(second, ['office', 'import', file]);
      expect(imported.code, imported.stderr).toBe(0);
      const again = await runHubCli(second, ['office', 'export']);
      expect(JSON.parse(again.stdout)).toEqual(JSON.parse(await readFile(file, 'utf8')));
    } finally {
      await secondHub.kill('SIGTERM');
      await second.remove();
    }
  }, 90_000);
});
