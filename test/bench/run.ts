/**
 * `npm run bench`: the figures Okienko holds itself to, measured on real parts — Debian's Chromium with
 * its real IndexedDB, the browser host, the printer simulator in its own process on a socat
 * pseudo-terminal, the hub on PGlite and on PostgreSQL, RxDB's websocket server as the peer.
 *
 * Queue:
 *   1. kiosk button → first ticket byte on the serial line, p50/p95 (goal p95 ≤ 100 ms)
 *   2. "call next" → committed in the local database with 10,000 tickets of history, p95 (≤ 50 ms)
 *   3. ticket transmission time vs the line's physical limit bytes × 10 / baud (≤ 1.1×)
 * Sync (sync-bench.ts): A → B with 50 workstations (p95 ≤ 0.5 s), convergence after a
 *   day offline (≤ 10 s), push throughput (≥ 2× the peer), each also as a ratio to the peer; and
 *   the hub's HTTP server with a store that keeps nothing, as the ceiling storage leaves aside.
 *
 * People (people-bench.ts): sign-in online p95 (≤ 300 ms) and offline (≤ 250 ms) with the KDF at its
 *   strength; the hub's push throughput with authorization beside the same push unchecked (≥ 0.9×).
 *
 * Documents (documents-bench.ts): the summary PDF with 20 answers, a signature and a QR code, p95 (≤ 300 ms).
 *
 * Assist (assist-bench.ts): a change on the clerk's screen seen on the customer screen, p95 (≤ 100 ms);
 *   the next page shown after "Dalej", p95 (≤ 50 ms).
 *
 * Booking (booking-bench.ts): free slots of a service over 60 days, p95 (≤ 100 ms); 200 residents
 *   booking at once, p95 (≤ 300 ms) and double bookings (0); on PGlite and on PostgreSQL.
 *
 * Finder (finder-bench.ts): the kiosk's service finder's answer as the visitor types, over the demo
 *   office and an office of 60 services, p95 (≤ 30 ms).
 *
 * Reports (reports-bench.ts): a year's report of a large office (250,000 tickets, 20 services,
 *   30 counters) at the hub, p95 (≤ 1 s); on PGlite and on PostgreSQL.
 *
 * `BENCH_ONLY=queue`, `sync`, `people`, `documents`, `assist`, `booking`, `finder` or `reports` runs one part.
 * Results are printed and written to test-artifacts/bench/results.json.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startSimProcess, type SimProcess } from '../support/sim-process';
import { addLocalAccount } from '../support/accounts';
import { E2E_PERSON, signIn } from '../support/pages';
import { artifactsDir, launchChromium, startHost, tempDir } from '../support/processes';
import { SerialBytePort } from '../../native/port/serial-byte-port';
import { runPeopleBench } from './people-bench';
import { DOCUMENT_RUNS, runDocumentsBench } from './documents-bench';
import { runSyncBench } from './sync-bench';
import { assistLines, runAssistBench } from './assist-bench';
import { runBookingBench } from './booking-bench';
import { runReportsBench } from './reports-bench';
import { FINDER_GOAL_P95_MS, runFinderBench } from './finder-bench';
import { benchRenderer } from './bench-renderer';
import { EscPosTicketPrinter } from '../../native/printer/ticket-printer.escpos';
import { layoutTicket } from '../../native/printer/ticket.layout';

const KIOSK_RUNS = Number(process.env.BENCH_KIOSK_RUNS ?? 60);
const CALL_RUNS = Number(process.env.BENCH_CALL_RUNS ?? 200);
const HISTORY = 10_000;

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? NaN;
}

function summary(values: readonly number[]) {
  return {
    n: values.length,
    p50: Number(percentile(values, 50).toFixed(1)),
    p95: Number(percentile(values, 95).toFixed(1)),
    max: Number(Math.max(...values).toFixed(1)),
  };
}

async function kioskToFirstByte(page: Page, sim: SimProcess): Promise<number[]> {
  // The click's own timestamp, on the wall clock the simulator's Date.now() also reads.
  await page.evaluate(() => {
    document.addEventListener(
      'click',
      (event) => Object.assign(window, { lastClickAt: performance.timeOrigin + event.timeStamp }),
      true,
    );
  });
  const samples: number[] = [];
  for (let run = 0; run < KIOSK_RUNS + 5; run++) {
    await page.getByRole('button', { name: /^Kasa/ }).click();
    const printedBefore = sim.events.filter((event) => event.event === 'printed').length;
    await page.getByRole('button', { name: 'Nie — zwykły bilet' }).click();
    const clickAt = await page.evaluate(() => (window as unknown as { lastClickAt: number }).lastClickAt);
    const printed = await sim.waitFor((event) => event.event === 'printed' && Number(event.index) > printedBefore);
    await page.getByRole('status').filter({ hasText: 'Weź bilet z drukarki.' }).waitFor();
    if (run >= 5) samples.push(Number(printed.firstByteAt) - clickAt); // the first runs warm up
    await page.getByRole('button', { name: 'Gotowe' }).click();
  }
  return samples;
}

interface BenchWindow {
  okienkoBench: {
    db: { tickets: { bulkInsert(docs: unknown[]): Promise<{ error: unknown[] }> }; counters: unknown };
    queue: {
      callNext(counter: number, clerk: string): Promise<{ ticket: { id: string } } | null>;
      act(id: string, action: { type: 'done' }, counter: number, clerk: string): Promise<unknown>;
      setCounterMode(counter: number, mode: 'open', clerk: string): Promise<void>;
      issue(input: { service: string; priority: string | null }): Promise<unknown>;
      today(): Promise<string>;
    };
  };
}

async function callNextWithHistory(page: Page): Promise<{ samples: number[]; tickets: number }> {
  return page.evaluate(
    async ({ history, runs }) => {
      const { db, queue } = (window as unknown as BenchWindow).okienkoBench;
      const today = await queue.today();
      // 10,000 finished tickets over the previous 20 office days, each with a full history.
      const docs = [];
      for (let i = 0; i < history; i++) {
        const day = new Date(Date.parse(`${today}T12:00:00Z`) - (1 + (i % 20)) * 86_400_000).toISOString().slice(0, 10);
        const at = Date.parse(`${day}T08:00:00Z`) + i * 1000;
        const by = { station: 'bench', counter: 1, clerk: 'Bench' };
        docs.push({
          id: `hist-${i}`,
          day,
          service: i % 2 ? 'vehicles' : 'licences',
          number: `A${i}`,
          seq: i,
          priority: i % 7 === 0 ? 'senior' : null,
          appointment: null,
          state: 'done',
          issuedAt: at,
          queuedAt: at,
          counter: 1,
          targetCounter: 0,
          calledAt: at + 60_000,
          recalls: 0,
          legs: [{ service: 'vehicles', since: at }],
          events: [
            { type: 'issued', at, by: { station: 'bench' } },
            { type: 'called', at: at + 60_000, by },
            { type: 'serving', at: at + 90_000, by },
            { type: 'done', at: at + 600_000, by },
          ],
          updatedAt: at + 600_000,
        });
      }
      for (let i = 0; i < docs.length; i += 1000) await db.tickets.bulkInsert(docs.slice(i, i + 1000));
      for (let i = 0; i < runs; i++)
        await queue.issue({ service: i % 2 ? 'vehicles' : 'licences', priority: i % 9 === 0 ? 'senior' : null });
      await queue.setCounterMode(1, 'open', 'Bench');
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) {
        // A clerk presses "call next" on a screen that has finished showing the last change; the
        // pause lets the live queries and React settle, as the seconds between two visitors do.
        await new Promise((resolve) => setTimeout(resolve, 100));
        const start = performance.now();
        const pick = await queue.callNext(1, 'Bench');
        samples.push(performance.now() - start);
        if (!pick) throw new Error('queue ran dry');
        await queue.act(pick.ticket.id, { type: 'done' }, 1, 'Bench');
      }
      return { samples, tickets: history + runs };
    },
    { history: HISTORY, runs: CALL_RUNS },
  );
}

async function transmissionRatio(dir: string, baudRate: number) {
  // A simulator that consumes the line at `baudRate` answers the fence only once every byte
  // before it has "crossed the wire": the driver's print time then shows any gap it leaves.
  const sim = await startSimProcess(['--dir', path.join(dir, `line-${baudRate}`), '--baud', String(baudRate)]);
  const port = new SerialBytePort({ path: String(sim.ready.printer), baudRate });
  await port.open();
  const printer = new EscPosTicketPrinter(port, { baudRate });
  const job = layoutTicket(
    {
      office: 'Urząd Miasta Łódź — Biuro Obsługi Mieszkańców',
      service: 'Dowody osobiste — Ewidencja Ludności',
      number: 'C123',
      issued: '22.11.2026, 10:15',
      lines: ['Przed Tobą: 12 osób', 'Szacowany czas oczekiwania: ok. 35 min'],
      qr: 'https://kolejka.urzad.example/t/0b5c1a7e-7d1c-4d0b-9a57-3b1f2f0c9e11',
      note: 'Zachowaj bilet do końca wizyty. Numer wywołamy na tablicy i głosowo.',
    },
    { model: 'epson-tm-t20iii', columns: 48 },
  );
  const measuredMs: number[] = [];
  for (let run = 0; run < 12; run++) {
    const start = performance.now();
    await printer.print(job);
    if (run >= 2) measuredMs.push(performance.now() - start);
  }
  await printer.close();
  await sim.stop();
  // Every byte a confirmed ticket puts on the line: DLE EOT 1..4 (12), the ticket, the fence (11).
  const bytesOnLine = 12 + job.length + 11;
  const limitMs = (bytesOnLine * 10 * 1000) / baudRate;
  const ticketOnlyMs = (job.length * 10 * 1000) / baudRate;
  const median = percentile(measuredMs, 50);
  return {
    baudRate,
    bytes: bytesOnLine,
    ticketBytes: job.length,
    limitMs: Number(limitMs.toFixed(1)),
    measuredMs,
    ratio: Number((median / limitMs).toFixed(3)),
    ratioToTicketBytesOnly: Number((median / ticketOnlyMs).toFixed(3)),
  };
}

async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY;
  const results: Record<string, unknown> = {
    measuredAt: new Date().toISOString(),
    machine: `${process.platform} ${process.arch}, Node ${process.version}`,
  };
  const lines: string[] = [];
  if (!only || only === 'queue') Object.assign(results, await queueBench(lines));
  if (!only || only === 'people') {
    process.stdout.write('People: sign-in online and offline, push with and without authorization…\n');
    const people = await runPeopleBench((line) => process.stdout.write(`${line}\n`));
    results.people = people;
    const meets = (ok: boolean) => (ok ? 'meets' : 'MISSES');
    lines.push(
      `sign-in online (${people.kdf}): p50 ${people.signInOnlineMs.p50} ms, p95 ${people.signInOnlineMs.p95} ms (${meets(people.signInOnlineMs.p95 <= 300)} the goal ≤ 300)`,
      `sign-in offline: p50 ${people.signInOfflineMs.p50} ms, p95 ${people.signInOfflineMs.p95} ms (${meets(people.signInOfflineMs.p95 <= 250)} the goal ≤ 250)`,
      `a supervisor with the code, online: p50 ${people.supervisorOnlineMs.p50} ms, p95 ${people.supervisorOnlineMs.p95} ms over ${people.supervisorOnlineMs.n} (${meets(people.supervisorOnlineMs.p95 <= 300)} the goal ≤ 300); offline: p50 ${people.supervisorOfflineMs.p50} ms, p95 ${people.supervisorOfflineMs.p95} ms (${meets(people.supervisorOfflineMs.p95 <= 250)} the goal ≤ 250)`,
      `hub push with authorization ${people.pushWithAuthorizationDocsPerSecond} docs/s beside unchecked ${people.pushWithoutChecksDocsPerSecond} docs/s = ${people.pushRatio}× (${meets(people.pushRatio >= 0.9)} the goal ≥ 0.9)`,
    );
  }
  if (!only || only === 'documents') {
    process.stdout.write(`Documents: the summary PDF (${DOCUMENT_RUNS} renders)…\n`);
    const documents = await runDocumentsBench();
    const pdf = { ...summary(documents.samples), goalP95: 300, pages: documents.pages, bytes: documents.bytes };
    results.summaryPdfMs = pdf;
    lines.push(
      `summary PDF (${pdf.pages} pages, ${pdf.bytes} B): p50 ${pdf.p50} ms, p95 ${pdf.p95} ms (${pdf.p95 <= 300 ? 'meets' : 'MISSES'} the goal ≤ 300)`,
    );
  }
  if (!only || only === 'assist') {
    process.stdout.write('Assist: the clerk\'s screen on the customer screen, and the page after "Dalej"…\n');
    const assist = await runAssistBench((line) => process.stdout.write(`${line}\n`));
    results.assist = assist;
    lines.push(...assistLines(assist));
  }
  if (!only || only === 'booking') {
    process.stdout.write('Booking: free slots over 60 days, 200 residents at once, on PGlite and PostgreSQL…\n');
    const figures = [];
    for (const backend of ['pglite', 'postgresql'] as const) {
      const run = await runBookingBench(backend, (line) => process.stdout.write(`${line}\n`));
      const slots = summary(run.freeSlotsMs);
      const booking = summary(run.bookingMs);
      figures.push({
        backend,
        booked: run.booked,
        freeSlotsMs: slots,
        bookingMs: booking,
        refused: run.refused,
        doubleBooked: run.doubleBooked,
      });
      const meets = (ok: boolean) => (ok ? 'meets' : 'MISSES');
      lines.push(
        `${backend}: free slots over 60 days p50 ${slots.p50} ms, p95 ${slots.p95} ms (${meets(slots.p95 <= 100)} the goal ≤ 100); ` +
          `200 residents at once p50 ${booking.p50} ms, p95 ${booking.p95} ms (${meets(booking.p95 <= 300)} the goal ≤ 300), ` +
          `${run.refused} refused, ${run.doubleBooked} double bookings (${meets(run.doubleBooked === 0)} the goal 0)`,
      );
    }
    results.booking = figures;
  }
  if (!only || only === 'finder') {
    process.stdout.write("Finder: the kiosk's suggestions as the visitor types, over 8 and 60 services…\n");
    results.finder = runFinderBench().map(({ services, buildMs, samples }) => {
      const answer = { ...summary(samples), goalP95: FINDER_GOAL_P95_MS };
      lines.push(
        `finder over ${services} services: p50 ${answer.p50} ms, p95 ${answer.p95} ms over ${answer.n} keystrokes (${answer.p95 <= FINDER_GOAL_P95_MS ? 'meets' : 'MISSES'} the goal ≤ ${FINDER_GOAL_P95_MS}); index built in ${buildMs.toFixed(1)} ms`,
      );
      return { services, buildMs: Number(buildMs.toFixed(1)), answerMs: answer };
    });
  }
  if (!only || only === 'reports') results.reports = await reportsBench(lines);
  if (!only || only === 'sync') {
    process.stdout.write('Sync: hub on PGlite, hub on PostgreSQL, and the peer (RxDB websocket server)…\n');
    const sync = await runSyncBench((line) => process.stdout.write(`${line}\n`));
    results.sync = sync;
    for (const figure of sync.figures) {
      lines.push(
        `${figure.backend}: A → B p50 ${figure.aToB.p50} ms, p95 ${figure.aToB.p95} ms with ${figure.aToB.workstations} workstations (${figure.aToB.p95 <= 500 ? 'meets' : 'MISSES'} the goal); ` +
          `converged after a day offline in ${figure.convergenceMs} ms (${figure.convergenceMs <= 10_000 ? 'meets' : 'MISSES'}); ${figure.throughputDocsPerSecond} docs/s stored` +
          (figure.rawPushDocsPerSecond ? `, ${figure.rawPushDocsPerSecond} docs/s raw push` : '') +
          (figure.databaseOnlyDocsPerSecond
            ? `, ${figure.databaseOnlyDocsPerSecond} docs/s in the database alone`
            : ''),
      );
    }
    if (sync.nothingStoredDocsPerSecond)
      lines.push(
        `hub's HTTP server with a store that keeps nothing (a ceiling, not a product): ${sync.nothingStoredDocsPerSecond} docs/s raw push`,
      );
    for (const [backend, ratio] of Object.entries(sync.ratios))
      lines.push(`${backend} / peer: ${JSON.stringify(ratio)} (goal: push throughput ≥ 2)`);
  }
  const out = await artifactsDir('bench');
  await writeFile(path.join(out, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  process.stdout.write(['', ...lines, '', `Written to ${path.join(out, 'results.json')}`, ''].join('\n'));
}

async function reportsBench(lines: string[]): Promise<unknown[]> {
  process.stdout.write("Reports: a year's report of 250,000 tickets, on PGlite and PostgreSQL…\n");
  const figures = [];
  for (const backend of ['pglite', 'postgresql'] as const) {
    const run = await runReportsBench(backend, (line) => process.stdout.write(`${line}\n`));
    const [reportMs, hubCpuMs] = [summary(run.reportMs), summary(run.hubCpuMs)];
    figures.push({ backend, tickets: run.tickets, seedSeconds: run.seedSeconds, reportMs, hubCpuMs, goalP95: 1000 });
    lines.push(
      `${backend}: a year's report (${run.tickets} tickets) p50 ${reportMs.p50} ms, p95 ${reportMs.p95} ms over ${reportMs.n} (${reportMs.p95 <= 1000 ? 'meets' : 'MISSES'} the goal ≤ 1000); the hub process's CPU per report p50 ${hubCpuMs.p50} ms`,
    );
  }
  return figures;
}

async function queueBench(lines: string[]): Promise<Record<string, unknown>> {
  process.stdout.write('Building the renderer in bench mode…\n');
  const rendererDir = benchRenderer();

  const dir = await tempDir('bench');
  const sim = await startSimProcess(['--dir', path.join(dir.path, 'sim')]);
  const { login, roles, displayName } = E2E_PERSON;
  await addLocalAccount(path.join(dir.path, 'data'), login, roles, { displayName });
  const host = await startHost({
    dataDir: path.join(dir.path, 'data'),
    printerPath: String(sim.ready.printer),
    env: { OKIENKO_RENDERER_DIR: rendererDir },
  });
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const kiosk = await context.newPage();
    await kiosk.goto(`${host.url}#/kiosk`);
    process.stdout.write(`1/3 kiosk button → first ticket byte (${KIOSK_RUNS} tickets)…\n`);
    const firstByte = summary(await kioskToFirstByte(kiosk, sim));

    const counter = await context.newPage();
    await counter.goto(`${host.url}#/counter/1`);
    await signIn(counter);
    await counter.getByRole('heading', { name: 'Stanowisko 1' }).waitFor();
    process.stdout.write(
      `2/3 call next with ${HISTORY.toLocaleString('en')} tickets of history (${CALL_RUNS} calls)…\n`,
    );
    const calls = await callNextWithHistory(counter);
    const callNext = { ...summary(calls.samples), ticketsInDatabase: calls.tickets };
    await context.close();

    process.stdout.write('3/3 ticket transmission vs the line limit…\n');
    const transmission = [await transmissionRatio(dir.path, 9600), await transmissionRatio(dir.path, 38400)];

    const verdict = (ok: boolean) => (ok ? 'meets the goal' : 'MISSES the goal');
    lines.push(
      `kiosk button → first byte: p50 ${firstByte.p50} ms, p95 ${firstByte.p95} ms (${verdict(firstByte.p95 <= 100)})`,
      `call next → committed:     p50 ${callNext.p50} ms, p95 ${callNext.p95} ms with ${callNext.ticketsInDatabase} tickets (${verdict(callNext.p95 <= 50)})`,
      ...transmission.map(
        (line) =>
          `transmission @${line.baudRate}: ${line.bytes} B on the line (ticket ${line.ticketBytes} B), limit ${line.limitMs} ms, ` +
          `p50 ${percentile(line.measuredMs, 50).toFixed(1)} ms = ${line.ratio}× (${verdict(line.ratio <= 1.1)}; ${line.ratioToTicketBytesOnly}× of the ticket bytes alone)`,
      ),
    );
    return {
      kioskButtonToFirstByteMs: { ...firstByte, goalP95: 100 },
      callNextToCommittedMs: { ...callNext, goalP95: 50 },
      transmission: transmission.map((line) => ({ ...line, measuredMs: summary(line.measuredMs), goalRatio: 1.1 })),
    };
  } finally {
    await browser.close();
    await host.stop();
    await sim.stop();
    await dir.remove();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
