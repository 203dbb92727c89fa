/**
 * Workstations and the office hub, for real: every workstation is the app's own database,
 * queue, numbering and replication code in a worker thread (its own realm), against a hub
 * process on PGlite and on PostgreSQL. Each scenario ends by checking that nothing was lost, no
 * number was issued twice and no visitor was held by two counters — and that all agree.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../../electron/common/domain/ticket';
import {
  createHubDatabase,
  createToken,
  enrolSignedIn,
  hubClient,
  runHubCli,
  startHubProcess,
  HUB_BACKENDS,
  type HubDatabase,
  type HubProcess,
} from '../../support/hub-process';
import { fingerprint, violations } from '../../support/sync-invariants';
import { SimulatedWorkstation } from '../../support/workstations';
import type { WorkstationInit } from '../../support/workstation-worker';

const BACKENDS = HUB_BACKENDS.filter(
  (backend) => !process.env.OKIENKO_SYNC_BACKENDS || process.env.OKIENKO_SYNC_BACKENDS.split(',').includes(backend),
);

interface Office {
  database: HubDatabase;
  hub: HubProcess;
  workstations: SimulatedWorkstation[];
  /** A supervisor's token that reads the hub's tickets, made once: each token is a CLI run. */
  checker?: Promise<string>;
}

async function startOffice(backend: (typeof HUB_BACKENDS)[number]): Promise<Office> {
  const database = await createHubDatabase(backend);
  const hub = await startHubProcess(database);
  return { database, hub, workstations: [] };
}

async function join(
  office: Office,
  name: string,
  options: Partial<WorkstationInit> = {},
): Promise<SimulatedWorkstation> {
  const token = await enrolSignedIn(office.database, office.hub.url, name);
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

/**
 * Waits until every workstation has sent and received everything and holds what the hub holds,
 * then returns the hub's tickets. awaitInSync waits for what is queued when it looks; a push the
 * hub refused as a conflict is resolved and queued again after that — round after round when
 * several counters clash over one visitor — so this settles until a fixpoint, not a fixed number
 * of rounds. A change lost anywhere still fails: everybody agreeing on the wrong state is what
 * the callers' own checks catch.
 */
async function converge(office: Office): Promise<Ticket[]> {
  office.checker ??= createToken(office.database, 'check', 'supervisor');
  const hub = hubClient(office.hub.url, await office.checker);
  let tickets: Ticket[] = [];
  let apart: string[] = [];
  const settled = async () => {
    await Promise.all(office.workstations.map((workstation) => workstation.awaitInSync()));
    tickets = (await hub.pullAll('tickets')).documents as unknown as Ticket[];
    apart = await disagreements(office, tickets);
    return apart.length === 0;
  };
  await expect
    .poll(settled, { timeout: 120_000, interval: 250 })
    .toBe(true)
    .catch((error: unknown) => {
      throw new Error(`never settled; still apart from the hub:\n${apart.join('\n')}`, { cause: error });
    });
  return tickets;
}

/** What each workstation holds differently from the hub (a few lines each), for a failure to say. */
async function disagreements(office: Office, hubTickets: readonly Ticket[]): Promise<string[]> {
  const expected = new Set(fingerprint(hubTickets));
  const apart: string[] = [];
  for (const workstation of office.workstations) {
    const held = fingerprint(await workstation.tickets());
    const extra = held.filter((line) => !expected.has(line));
    const lacking = [...expected].filter((line) => !held.includes(line));
    if (extra.length + lacking.length > 0)
      apart.push(
        `${workstation.name}: holds ${extra.slice(0, 3).join('; ')} | lacks ${lacking.slice(0, 3).join('; ')}`,
      );
  }
  return apart;
}

async function expectAllAgree(office: Office, hubTickets: Ticket[]): Promise<void> {
  const expected = fingerprint(hubTickets);
  for (const workstation of office.workstations) {
    await expect
      .poll(async () => fingerprint(await workstation.tickets()), { timeout: 15_000, message: workstation.name })
      .toEqual(expected);
  }
}

describe.each(BACKENDS)('workstations and the hub on %s', (backend) => {
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
    const [kiosk, counterA, counterB] = office.workstations as [
      SimulatedWorkstation,
      SimulatedWorkstation,
      SimulatedWorkstation,
    ];
    await counterA.openCounter(1);
    await counterB.openCounter(2);
    const issued = [await kiosk.issue('vehicles'), await kiosk.issue('vehicles')];
    await expect.poll(async () => (await counterA.tickets()).length, { timeout: 10_000 }).toBe(2);
    const call = await counterA.callNextConfirmed(1);
    expect(call.outcome).toBe('confirmed');
    await expect.poll(async () => (await counterB.ticket(issued[0]!.id))?.state, { timeout: 10_000 }).toBe('called');
    const hubTickets = await converge(office);
    expect(
      violations(
        hubTickets,
        issued.map((t) => t.id),
      ),
    ).toEqual([]);
    await expectAllAgree(office, hubTickets);
  });
});

/** A counter at work: call (confirmed by the hub), finish, repeat until nobody waits. */
async function serveUntilEmpty(
  workstation: SimulatedWorkstation,
  counter: number,
  stats: { served: number; lost: number },
): Promise<void> {
  for (;;) {
    const call = await workstation.callNextConfirmed(counter).catch((error: unknown) => {
      // A clerk told "the hub does not answer" presses again.
      if ((error as { code?: unknown }).code === 'hub-not-answering')
        return { outcome: 'retry' as const, ticket: undefined };
      throw error;
    });
    if (call.outcome === 'retry') continue;
    if (call.outcome === 'empty') return;
    if (call.outcome === 'lost') {
      stats.lost++;
      if (process.env.OKIENKO_SYNC_DEBUG)
        console.info(
          `${workstation.name} lost ${call.ticket?.number} ${JSON.stringify((call as { seen?: string[] }).seen)}`,
        );
      continue;
    }
    if (call.outcome === 'unconfirmed')
      throw new Error(`${workstation.name}: the hub never confirmed a call: ${JSON.stringify(call)}`);
    await workstation.act(call.ticket!.id, { type: 'done' }, counter);
    stats.served++;
  }
}

// Scaled down only for debugging: OKIENKO_SYNC_COUNTERS / OKIENKO_SYNC_TICKETS / OKIENKO_SYNC_BACKENDS.
const COUNTERS = Number(process.env.OKIENKO_SYNC_COUNTERS ?? 20);
const TICKETS = Number(process.env.OKIENKO_SYNC_TICKETS ?? 500);

describe.each(BACKENDS)('faults, on %s', (backend) => {
  it('20 counters pressing "call next" at once for 500 tickets: every visitor served once, by one counter', async () => {
    const office = await startOffice(backend);
    try {
      const kiosk = await join(office, 'kiosk', { seed: true });
      await kiosk.ensureCounters(COUNTERS);
      await kiosk.awaitInSync();
      const issued: string[] = [];
      for (let i = 0; i < TICKETS; i++) issued.push((await kiosk.issue('cashier')).id);
      const counters = await Promise.all(
        Array.from({ length: COUNTERS }, (_, i) => join(office, `counter-${i + 1}`, { counterOfInterest: i + 1 })),
      );
      await Promise.all(counters.map((workstation, i) => workstation.openCounter(i + 1)));
      await Promise.all(
        counters.map(async (workstation) =>
          expect.poll(() => workstation.waitingCount(), { timeout: 60_000, interval: 250 }).toBe(TICKETS),
        ),
      );
      const stats = { served: 0, lost: 0 };
      await Promise.all(counters.map((workstation, i) => serveUntilEmpty(workstation, i + 1, stats)));
      const tickets = await converge(office);
      expect(violations(tickets, issued)).toEqual([]);
      expect(tickets.filter((ticket) => ticket.state === 'done')).toHaveLength(TICKETS);
      for (const ticket of tickets) expect(ticket.events.filter((event) => event.type === 'done')).toHaveLength(1);
      expect(stats.served).toBe(TICKETS);
      console.info(
        `[${backend}] ${COUNTERS} counters, ${TICKETS} tickets: ${stats.lost} calls lost to another counter and moved on`,
      );
      await expectAllAgree(office, tickets);
    } finally {
      await stopOffice(office);
    }
  }, 600_000);

  it('hub down while 2 kiosks issue 300 tickets each and 4 counters serve, then up again', async () => {
    const office = await startOffice(backend);
    try {
      const kioskA = await join(office, 'kiosk-a', { seed: true });
      await kioskA.ensureCounters(4);
      await kioskA.awaitInSync();
      const kioskB = await join(office, 'kiosk-b');
      const counters = await Promise.all([1, 2, 3, 4].map((n) => join(office, `counter-${n}`)));
      await Promise.all(counters.map((workstation, i) => workstation.openCounter(i + 1)));
      const issued: string[] = [];
      // A few tickets while the hub is up, so the kiosks hold leased numbers.
      for (const kiosk of [kioskA, kioskB]) for (let i = 0; i < 5; i++) issued.push((await kiosk.issue('id-cards')).id);
      await converge(office);

      await office.hub.kill('SIGTERM');
      const served: Ticket[] = [];
      await Promise.all([
        (async () => {
          for (let i = 0; i < 300; i++) issued.push((await kioskA.issue(i % 2 ? 'id-cards' : 'residence')).id);
        })(),
        (async () => {
          for (let i = 0; i < 300; i++) issued.push((await kioskB.issue(i % 2 ? 'id-cards' : 'residence')).id);
        })(),
      ]);
      // Offline, each counter serves from what it knows (the tickets it saw before the outage).
      for (const [i, workstation] of counters.entries()) {
        const call = await workstation.callNext(i + 1);
        if (call) served.push(await workstation.act(call.id, { type: 'done' }, i + 1));
      }
      // Offline, the two kiosks' numbers already differ: nobody prints a number twice.
      const byId = new Map(
        [...(await kioskA.tickets()), ...(await kioskB.tickets())].map((ticket) => [ticket.id, ticket]),
      );
      const waiting = [...byId.values()].filter((ticket) => ticket.state === 'waiting');
      expect(new Set(waiting.map((ticket) => `${ticket.service}|${ticket.number}`)).size).toBe(waiting.length);

      await office.hub.restart();
      const tickets = await converge(office);
      expect(violations(tickets, issued)).toEqual([]);
      expect(tickets).toHaveLength(610);
      for (const ticket of served) expect(tickets.find((t) => t.id === ticket.id)?.state).toBe('done');
      await expectAllAgree(office, tickets);
    } finally {
      await stopOffice(office);
    }
  }, 600_000);
});

describe.each(BACKENDS)('time and the daily close, on %s', (backend) => {
  it('a kiosk 15 minutes fast and one 9 minutes slow queue their visitors in true order', async () => {
    const office = await startOffice(backend);
    try {
      const fast = await join(office, 'kiosk-fast', { seed: true, clockSkewMs: 15 * 60_000 });
      const slow = await join(office, 'kiosk-slow', { clockSkewMs: -9 * 60_000 });
      const counter = await join(office, 'counter-3');
      await counter.openCounter(3);
      expect((await fast.status()).offsetMs).toBeLessThan(-14 * 60_000);
      expect((await slow.status()).offsetMs).toBeGreaterThan(8 * 60_000);
      const first = await fast.issue('id-cards');
      await sleep(50);
      const second = await slow.issue('id-cards');
      // Both stamped with the office's time, not their own.
      for (const ticket of [first, second]) expect(Math.abs(ticket.queuedAt - Date.now())).toBeLessThan(5_000);
      expect(first.queuedAt).toBeLessThan(second.queuedAt);
      await expect.poll(async () => (await counter.tickets()).length, { timeout: 10_000 }).toBe(2);
      expect((await counter.callNextConfirmed(3)).ticket?.id).toBe(first.id);
      const tickets = await converge(office);
      expect(violations(tickets, [first.id, second.id])).toEqual([]);
    } finally {
      await stopOffice(office);
    }
  }, 120_000);

  it('a counter offline across the daily close: what it served stays served, the rest expires, both shown', async () => {
    const office = await startOffice(backend);
    try {
      const kiosk = await join(office, 'kiosk', { seed: true });
      const counter = await join(office, 'counter-3');
      const supervisor = await join(office, 'supervisor');
      await counter.openCounter(3);
      const issued = [await kiosk.issue('id-cards'), await kiosk.issue('id-cards'), await kiosk.issue('id-cards')];
      await expect.poll(async () => (await counter.tickets()).length, { timeout: 10_000 }).toBe(3);
      const call = await counter.callNextConfirmed(3);
      expect(call.outcome).toBe('confirmed');
      await counter.setOffline(true);
      await counter.act(call.ticket!.id, { type: 'start' }, 3);
      await counter.act(call.ticket!.id, { type: 'done' }, 3);
      // Meanwhile the office closes the day: every open ticket expires, the one being served too.
      await supervisor.awaitInSync();
      expect(await supervisor.closeDay(true)).toBe(3);
      await supervisor.awaitInSync();
      expect((await counter.status()).pending).toBeGreaterThan(0);

      await counter.setOffline(false);
      const tickets = await converge(office);
      expect(
        violations(
          tickets,
          issued.map((t) => t.id),
        ),
      ).toEqual([]);
      const served = tickets.find((ticket) => ticket.id === call.ticket!.id)!;
      expect(served.state).toBe('done');
      expect(served.events.find((event) => event.type === 'overruled')?.overruled).toBe('expired');
      expect(tickets.filter((ticket) => ticket.state === 'expired')).toHaveLength(2);
      await expectAllAgree(office, tickets);
      await expect.poll(async () => (await counter.status()).pending, { timeout: 10_000 }).toBe(0);
    } finally {
      await stopOffice(office);
    }
  }, 120_000);
});

describe.each(BACKENDS)('hub crashes and the network misbehaves, on %s', (backend) => {
  it('hub killed with SIGKILL in the middle of a push batch, then restarted: nothing lost, nothing twice', async () => {
    const office = await startOffice(backend);
    try {
      const kiosk = await join(office, 'kiosk', { seed: true });
      const other = await join(office, 'kiosk-2');
      await kiosk.setOffline(true);
      const issued: string[] = [];
      for (let i = 0; i < 300; i++) issued.push((await kiosk.issue(i % 2 ? 'taxes' : 'cashier')).id);
      expect((await kiosk.status()).pending).toBe(300);
      // Back online: the 300 tickets go up in batches; the hub dies while they do.
      await kiosk.setOffline(false);
      await sleep(150);
      const exit = await office.hub.kill('SIGKILL');
      expect(exit.signal).toBe('SIGKILL');
      await office.hub.restart();
      for (let i = 0; i < 20; i++) issued.push((await other.issue('cashier')).id);
      const tickets = await converge(office);
      expect(violations(tickets, issued)).toEqual([]);
      expect(tickets).toHaveLength(320);
      await expectAllAgree(office, tickets);
    } finally {
      await stopOffice(office);
    }
  }, 180_000);

  it('push batches replayed late and out of order change nothing', async () => {
    const office = await startOffice(backend);
    try {
      const kiosk = await join(office, 'kiosk', { seed: true });
      const counter = await SimulatedWorkstation.start({
        name: 'counter-1',
        hubUrl: office.hub.url,
        token: await enrolSignedIn(office.database, office.hub.url, 'counter-1'),
        recordPushes: true,
        counterOfInterest: 1,
      });
      office.workstations.push(counter);
      await counter.openCounter(1);
      const issued: string[] = [];
      for (let i = 0; i < 10; i++) issued.push((await kiosk.issue('vehicles')).id);
      for (let i = 0; i < 10; i++) {
        const call = await counter.callNextConfirmed(1);
        expect(call.outcome).toBe('confirmed');
        await counter.act(call.ticket!.id, { type: 'start' }, 1);
        await counter.act(call.ticket!.id, { type: 'done' }, 1);
      }
      const before = await converge(office);
      const pushes = await counter.recordedPushes();
      expect(pushes.length).toBeGreaterThan(5);
      // The network hands the hub every one of those requests again, newest first.
      const token = await enrolSignedIn(office.database, office.hub.url, 'replayer');
      for (const push of [...pushes].reverse()) {
        const response = await fetch(push.url, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'x-okienko-version': '0.1.0',
          },
          body: push.body,
        });
        expect(response.status).toBe(200);
      }
      const after = await converge(office);
      expect(violations(after, issued)).toEqual([]);
      expect(fingerprint(after)).toEqual(fingerprint(before));
      expect(after.filter((ticket) => ticket.state === 'done')).toHaveLength(10);
    } finally {
      await stopOffice(office);
    }
  }, 120_000);

  it('hub restored from an older backup, then `after-restore`: what only the workstations still had comes back', async () => {
    const office = await startOffice(backend);
    try {
      const kiosk = await join(office, 'kiosk', { seed: true });
      const counter = await join(office, 'counter-1');
      await counter.openCounter(1);
      const issued: string[] = [];
      for (let i = 0; i < 5; i++) issued.push((await kiosk.issue('vehicles')).id);
      await converge(office);
      await office.hub.kill('SIGTERM');
      const backup = await office.database.backup();
      await office.hub.restart();

      // After the backup: five more visitors, one of them called and served.
      for (let i = 0; i < 5; i++) issued.push((await kiosk.issue('vehicles')).id);
      await converge(office);
      const call = await counter.callNextConfirmed(1);
      expect(call.outcome).toBe('confirmed');
      await counter.act(call.ticket!.id, { type: 'done' }, 1);
      expect(await converge(office)).toHaveLength(10);

      // The hub's disk dies; the backup goes back in, and the administrator runs after-restore.
      await office.hub.kill('SIGTERM');
      await backup.restore();
      expect(
        (
          await office.database.sql<{ n: string | number }>(
            `SELECT count(*) AS n FROM documents WHERE collection = 'tickets'`,
          )
        )[0]!.n,
      ).toSatisfy((n) => Number(n) === 5);
      const restored = await runHubCli(office.database, ['after-restore']);
      expect(restored.code, restored.stderr).toBe(0);
      expect(restored.stdout).toMatch(/sends everything it holds/);
      await office.hub.restart();
      for (const workstation of office.workstations)
        await expect.poll(async () => (await workstation.status()).connection, { timeout: 30_000 }).toBe('online');

      const after = await converge(office);
      expect(after).toHaveLength(10);
      expect(violations(after, issued)).toEqual([]);
      expect(after.find((ticket) => ticket.id === call.ticket!.id)?.state).toBe('done');
      // Work goes on; a workstation that joins only now gets everything.
      for (let i = 0; i < 3; i++) issued.push((await kiosk.issue('vehicles')).id);
      await join(office, 'counter-2');
      const final = await converge(office);
      expect(final).toHaveLength(13);
      expect(violations(final, issued)).toEqual([]);
      await expectAllAgree(office, final);
    } finally {
      await stopOffice(office);
    }
  }, 180_000);
});

describe.each(BACKENDS)('offline conflicts, on %s', (backend) => {
  it('two counters offline call the same visitor: the hub keeps the first, the other is told, both stay in the history', async () => {
    const office = await startOffice(backend);
    try {
      const kiosk = await join(office, 'kiosk', { seed: true });
      const first = await join(office, 'counter-1');
      const second = await join(office, 'counter-2');
      await first.openCounter(1);
      await second.openCounter(2);
      const ticket = await kiosk.issue('vehicles');
      for (const counter of [first, second])
        await expect.poll(async () => (await counter.ticket(ticket.id))?.state, { timeout: 10_000 }).toBe('waiting');
      await first.setOffline(true);
      await second.setOffline(true);
      expect((await first.callNext(1))?.id).toBe(ticket.id);
      expect((await second.callNext(2))?.id).toBe(ticket.id);
      await first.setOffline(false);
      await first.awaitInSync();
      await second.setOffline(false);
      const tickets = await converge(office);
      expect(violations(tickets, [ticket.id])).toEqual([]);
      const settled = tickets.find((t) => t.id === ticket.id)!;
      expect(settled).toMatchObject({ state: 'called', counter: 1 });
      expect(settled.events.filter((event) => event.type === 'overruled')).toMatchObject([
        { overruled: 'called', by: { counter: 2 } },
      ]);
      await expect
        .poll(async () => (await second.status()).lostCalls, { timeout: 10_000 })
        .toEqual([{ ticketId: ticket.id, number: ticket.number, counter: 2, winner: 1 }]);
      await expectAllAgree(office, tickets);
    } finally {
      await stopOffice(office);
    }
  }, 120_000);
});
