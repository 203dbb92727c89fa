/**
 * Workstations and the office hub, for real: every workstation is the app's own database,
 * queue, numbering and replication code in a worker thread (its own realm), against a hub
 * process on PGlite and on PostgreSQL. Each scenario ends by checking that nothing was lost, no
 * number was issued twice and no visitor was held by two counters — and that all agree.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../../renderer/domain/ticket';
import { createHubDatabase, createToken, hubClient, startHubProcess, HUB_BACKENDS, type HubDatabase, type HubProcess } from '../../support/hub-process';
import { fingerprint, violations } from '../../support/sync-invariants';
import { SimulatedWorkstation } from '../../support/workstations';

interface Office {
  database: HubDatabase;
  hub: HubProcess;
  workstations: SimulatedWorkstation[];
}

async function startOffice(backend: (typeof HUB_BACKENDS)[number]): Promise<Office> {
  const database = await createHubDatabase(backend);
  const hub = await startHubProcess(database);
  return { database, hub, workstations: [] };
}

async function join(office: Office, name: string, options: { seed?: boolean; clockSkewMs?: number } = {}): Promise<SimulatedWorkstation> {
  const token = await createToken(office.database, name);
  const workstation = await SimulatedWorkstation.start({ name, hubUrl: office.hub.url, token, ...options });
  office.workstations.push(workstation);
  return workstation;
}

async function stopOffice(office: Office | undefined): Promise<void> {
  if (!office) return;
  await Promise.all(office.workstations.map((workstation) => workstation.stop()));
  await office.hub.kill('SIGTERM').catch(() => undefined);
  await office.database.remove();
}

/** Waits until every workstation has sent and received everything, then returns the hub's tickets. */
async function converge(office: Office): Promise<Ticket[]> {
  await Promise.all(office.workstations.map((workstation) => workstation.awaitInSync()));
  // A change pulled by one workstation may have been resolved and pushed again: settle twice.
  await Promise.all(office.workstations.map((workstation) => workstation.awaitInSync()));
  const adminToken = await createToken(office.database, `check-${Date.now()}`);
  const { documents } = await hubClient(office.hub.url, adminToken).pullAll('tickets');
  return documents as unknown as Ticket[];
}

async function expectAllAgree(office: Office, hubTickets: Ticket[]): Promise<void> {
  const expected = fingerprint(hubTickets);
  for (const workstation of office.workstations) {
    await expect.poll(async () => fingerprint(await workstation.tickets()), { timeout: 15_000, message: workstation.name }).toEqual(expected);
  }
}

describe.each(HUB_BACKENDS)('workstations and the hub on %s', (backend) => {
  let office: Office;
  beforeAll(async () => {
    office = await startOffice(backend);
    await join(office, 'kiosk-1', { seed: true });
    await join(office, 'counter-1');
    await join(office, 'counter-2');
  }, 120_000);
  afterAll(async () => {
    await stopOffice(office);
  }, 60_000);

  it('a ticket issued at the kiosk reaches the counters; a call made at one counter reaches all', async () => {
    const [kiosk, counterA, counterB] = office.workstations as [SimulatedWorkstation, SimulatedWorkstation, SimulatedWorkstation];
    await counterA.openCounter(1);
    await counterB.openCounter(2);
    const issued = [await kiosk.issue('vehicles'), await kiosk.issue('vehicles')];
    await expect.poll(async () => (await counterA.tickets()).length, { timeout: 10_000 }).toBe(2);
    const call = await counterA.callNextConfirmed(1);
    expect(call.outcome).toBe('confirmed');
    await expect.poll(async () => (await counterB.ticket(issued[0]!.id))?.state, { timeout: 10_000 }).toBe('called');
    const hubTickets = await converge(office);
    expect(violations(hubTickets, issued.map((t) => t.id))).toEqual([]);
    await expectAllAgree(office, hubTickets);
  });
});
