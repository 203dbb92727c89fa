/**
 * The station with its real device wiring (`electron/station/devices.ts`) against the device
 * simulator in another process, over socat pseudo-terminals: what a clerk's screen gets through
 * the contract when the printer stalls or is unplugged, when a visitor signs on the pad, and when
 * a document is swiped.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type {
  ChannelName,
  EventName,
  EventPayload,
  ReplyOf,
  RequestOf,
} from '../../../electron/common/contract/contract';
import type { DeviceRole } from '../../../electron/common/contract/devices';
import type { Result } from '../../../electron/common/contract/result';
import type { PrinterSettings } from '../../../electron/common/contract/settings';
import { realDevices } from '../../../electron/station/devices';
import { createLogger } from '../../../electron/station/log';
import { createStation, type Station } from '../../../electron/station/station';
import { addLocalAccount, nextTotpCode, TEST_PASSWORD } from '../../support/accounts';
import { LocalAccounts } from '../../../electron/station/accounts/local-accounts';
import { startSimProcess, type SimProcess } from '../../support/sim-process';
import type { WindowKind } from '../../../electron/common/access/subjects';

let dir: string;
let sim: SimProcess;
let station: Station | null = null;
const logLines: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'okienko-station-devices-'));
  sim = await startSimProcess(['--dir', path.join(dir, 'sim')]);
});

afterEach(async () => {
  await station?.close();
  station = null;
  await sim.command('resume', (event) => event.event === 'resumed');
  await sim.command('ready', (event) => event.event === 'mode' && event.mode === 'ready');
});

afterAll(async () => {
  await sim?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** A station with a supervisor who is also a clerk signed in (as at a small office's counter). */
async function start(overrides: Parameters<typeof createStation>[0]['overrides'], dataDir?: string): Promise<Station> {
  const data = dataDir ?? (await mkdtemp(path.join(dir, 'data-')));
  if (!(await new LocalAccounts(data).find('kierownik')))
    await addLocalAccount(data, 'kierownik', ['clerk', 'supervisor']);
  station = await createStation({
    dataDir: data,
    host: 'browser',
    overrides,
    log: createLogger({ write: (line) => logLines.push(line) }),
    devices: realDevices,
  });
  // Each data folder keeps its own accounts, so its own last code.
  const code = await nextTotpCode('kierownik', undefined, data);
  await station.session.signIn({ login: 'kierownik', password: TEST_PASSWORD, code });
  return station;
}

/** The screen each call comes from, as in the app. */
function windowFor(channel: ChannelName): WindowKind {
  if (channel === 'printer.printTicket') return 'kiosk';
  if (channel.startsWith('signature.')) return 'counter';
  return 'settings';
}

async function call<C extends ChannelName>(
  target: Station,
  channel: C,
  request: RequestOf<C>,
): Promise<Result<ReplyOf<C>>> {
  return (await target.dispatch(windowFor(channel), channel, request)) as Result<ReplyOf<C>>;
}

async function value<C extends ChannelName>(target: Station, channel: C, request: RequestOf<C>): Promise<ReplyOf<C>> {
  const result = await call(target, channel, request);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** How the station reports the device in `role`: connected, reconnecting, not configured… */
async function connection(target: Station, role: DeviceRole) {
  return (await value(target, 'devices.list', {})).devices.find((device) => device.role === role)?.connection;
}

/** The events a window of `window` kind hears (the counter, unless said otherwise). */
function collect<E extends EventName>(target: Station, event: E, window: WindowKind = 'counter'): EventPayload<E>[] {
  const seen: EventPayload<E>[] = [];
  target.subscribe((name: EventName, payload: unknown, mayReach) => {
    if (name === event && mayReach(window, false)) seen.push(payload as EventPayload<E>);
  });
  return seen;
}

const printerSettings = (): PrinterSettings => ({
  path: String(sim.ready.printer),
  transport: 'serial',
  baudRate: 38400,
  rtscts: false,
  model: 'generic',
  columns: 42,
});

const printout = (number: string) => ({
  ticketId: `ticket-${number}`,
  language: 'pl' as const,
  office: 'Urząd Miasta',
  service: 'Dowody osobiste',
  number,
  issued: '22.11.2026, 09:12',
  lines: ['Przed Tobą: 2 osoby'],
});

async function until(check: () => Promise<boolean> | boolean, timeoutMs = 15_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

describe('the ticket printer through the station', () => {
  it('a ticket whose end never came back waits for a person, who has a duplicate printed with the same number', async () => {
    const target = await start({ printer: printerSettings() });
    const jobEvents = collect(target, 'printer.unknownJobs', 'settings');
    await until(async () => (await value(target, 'printer.status', {})).status === 'ready', 15_000, 'printer ready');

    let mark = sim.mark();
    await value(target, 'printer.printTicket', printout('C7'));
    await sim.waitFor(
      (event) => event.event === 'printed' && (event.large as string[]).some((line) => line.includes('C7')),
      mark,
    );

    // The mechanism hangs mid-ticket: the job was sent, its end never confirmed.
    await sim.command('stall', (event) => event.event === 'stalled');
    const failed = await call(target, 'printer.printTicket', printout('C8'));
    expect(failed.ok).toBe(false);
    if (!failed.ok) expect(failed.error.code).toBe('PRINT_UNCONFIRMED');
    const [unknown] = await value(target, 'printer.unknownJobs', {});
    expect(unknown).toMatchObject({ ticketId: 'ticket-C8', number: 'C8', reason: 'unconfirmed' });
    expect(jobEvents.at(-1)?.map((job) => job.number)).toEqual(['C8']);

    // Pulled and plugged back in: the station reconnects and re-initialises by itself, and
    // prints nothing by itself.
    await sim.command('unplug', (event) => event.event === 'unplugged');
    await until(async () => (await value(target, 'printer.status', {})).status === 'no-answer', 15_000, 'printer lost');
    mark = sim.mark();
    await sim.command('replug', (event) => event.event === 'replugged');
    await until(async () => (await value(target, 'printer.status', {})).status === 'ready', 20_000, 'printer back');
    expect((await value(target, 'printer.unknownJobs', {})).map((job) => job.number)).toEqual(['C8']);
    expect(sim.events.slice(mark).filter((event) => event.event === 'printed')).toEqual([]);

    // The clerk decides: print a duplicate (pressing twice, quickly). One duplicate, same number,
    // marked as such; the second press is told the job is being settled; the job is settled.
    const [first, second] = await Promise.all([
      call(target, 'printer.resolveJob', { jobId: unknown!.jobId, outcome: 'reprint' }),
      call(target, 'printer.resolveJob', { jobId: unknown!.jobId, outcome: 'reprint' }),
    ]);
    expect(first.ok && first.value.resolved).toBe(true);
    expect(second).toMatchObject({ ok: false, error: { code: 'DEVICE_BUSY' } });
    const printed = await sim.waitFor(
      (event) => event.event === 'printed' && (event.large as string[]).some((line) => line.includes('C8')),
      mark,
    );
    expect((printed.text as string[]).join('\n')).toContain('DUPLIKAT');
    await sleep(1_000);
    expect(sim.events.slice(mark).filter((event) => event.event === 'printed')).toHaveLength(1);
    expect(await value(target, 'printer.unknownJobs', {})).toEqual([]);
    expect(jobEvents.at(-1)).toEqual([]);

    // A job that is no longer unknown cannot be settled twice.
    expect(await value(target, 'printer.resolveJob', { jobId: unknown!.jobId, outcome: 'reprint' })).toEqual({
      resolved: false,
    });
  }, 90_000);

  it('an unknown job outlives a restart of the station: still asked about, and a duplicate printed after it', async () => {
    const dataDir = await mkdtemp(path.join(dir, 'data-'));
    let target = await start({ printer: printerSettings() }, dataDir);
    await until(async () => (await value(target, 'printer.status', {})).status === 'ready', 15_000, 'printer ready');
    await sim.command('stall', (event) => event.event === 'stalled');
    expect((await call(target, 'printer.printTicket', printout('D4'))).ok).toBe(false);
    const [unknown] = await value(target, 'printer.unknownJobs', {});
    expect(unknown).toMatchObject({ number: 'D4', reason: 'unconfirmed' });

    // The station stops before anyone decided (a crash, an update) and starts again.
    await until(async () => (await readdir(dataDir)).includes('unknown-print-jobs.json'), 5000, 'jobs written down');
    await target.close();
    station = null;
    await sim.command('resume', (event) => event.event === 'resumed');
    const mark = sim.mark();
    target = await start({ printer: printerSettings() }, dataDir);
    await until(async () => (await value(target, 'printer.unknownJobs', {})).length === 1, 5000, 'jobs restored');
    expect(await value(target, 'printer.unknownJobs', {})).toEqual([unknown]);
    expect(sim.events.slice(mark).filter((event) => event.event === 'printed')).toEqual([]);

    const resolved = await value(target, 'printer.resolveJob', { jobId: unknown!.jobId, outcome: 'reprint' });
    expect(resolved.resolved).toBe(true);
    const printed = await sim.waitFor(
      (event) => event.event === 'printed' && (event.large as string[]).some((line) => line.includes('D4')),
      mark,
    );
    expect((printed.text as string[]).join('\n')).toContain('DUPLIKAT');
    expect(await value(target, 'printer.unknownJobs', {})).toEqual([]);

    // Settled for good: the next start asks about nothing.
    await target.close();
    target = await start({ printer: printerSettings() }, dataDir);
    await sleep(300);
    expect(await value(target, 'printer.unknownJobs', {})).toEqual([]);
  }, 90_000);

  it('a ticket cut off by an unplug mid-print is "check whether it came out", not "not printed"', async () => {
    const target = await start({ printer: printerSettings() });
    await until(async () => (await value(target, 'printer.status', {})).status === 'ready', 15_000, 'printer ready');
    await sim.command('stall', (event) => event.event === 'stalled');
    const printing = call(target, 'printer.printTicket', printout('E1'));
    await sleep(300);
    await sim.command('unplug', (event) => event.event === 'unplugged');
    expect(await printing).toMatchObject({ ok: false, error: { code: 'PRINT_UNCONFIRMED' } });
    expect(await value(target, 'printer.unknownJobs', {})).toMatchObject([{ number: 'E1', reason: 'disconnected' }]);
    await sim.command('replug', (event) => event.event === 'replugged');
  }, 60_000);

  it('paper running out mid-queue refuses the rest with a reason, and nothing is reprinted after the refill', async () => {
    const target = await start({ printer: printerSettings() });
    await until(async () => (await value(target, 'printer.status', {})).status === 'ready', 15_000, 'printer ready');
    await sim.command('paper-out-after 1', (event) => event.event === 'paper-left');
    const mark = sim.mark();
    const results = [];
    for (const number of ['D1', 'D2', 'D3']) results.push(await call(target, 'printer.printTicket', printout(number)));
    expect(results.map((result) => (result.ok ? 'printed' : result.error.code))).toEqual([
      'printed',
      'PRINTER_PAPER_OUT',
      'PRINTER_PAPER_OUT',
    ]);
    expect((await value(target, 'printer.status', {})).status).toBe('paper-out');
    await sim.command('ready', (event) => event.event === 'mode' && event.mode === 'ready');
    await until(async () => (await value(target, 'printer.status', {})).status === 'ready', 15_000, 'paper back');
    expect(await value(target, 'printer.unknownJobs', {})).toEqual([]);
    expect(sim.events.slice(mark).filter((event) => event.event === 'printed')).toHaveLength(1);
  }, 60_000);
});

describe('the signature pad through the station', () => {
  const pad = () => ({
    path: String(sim.ready.signaturePad),
    baudRate: 19200,
    rtscts: false,
    parity: 'odd' as const,
    model: 'topaz' as const,
  });

  it('binds what the visitor signs on the pad to the text, and says when a stroke was cut off', async () => {
    const target = await start({ signaturePad: pad() });
    await until(async () => (await connection(target, 'signaturePad')) === 'connected', 15_000, 'pad connected');

    const document = 'Potwierdzam odbiór dowodu osobistego.\nBilet: C7';
    const capture = call(target, 'signature.capture', { document });
    await sim.command('signaturePad sign', (event) => event.event === 'signed');
    const signed = await capture;
    expect(signed.ok).toBe(true);
    if (!signed.ok) return;
    expect(signed.value).toMatchObject({ source: 'pad', interrupted: false, strokes: 6 });
    expect(signed.value.svg.match(/<path /g)).toHaveLength(6);
    expect(signed.value.digest).toMatch(/^[0-9a-f]{64}$/);

    // The same strokes bound to another text give another digest: the binding is to the text.
    const again = call(target, 'signature.capture', { document: `${document} (kopia)` });
    await sim.command('signaturePad sign', (event) => event.event === 'signed');
    const other = await again;
    expect(other.ok && other.value.digest).not.toBe(signed.value.digest);

    const dropped = call(target, 'signature.capture', { document });
    await sim.command('signaturePad sign-drop', (event) => event.event === 'dropped');
    const cut = await dropped;
    expect(cut.ok && cut.value.interrupted).toBe(true);
  }, 60_000);

  it('an unplugged pad is reported, cancels nothing silently, and is found again when plugged back in', async () => {
    const target = await start({ signaturePad: pad() });
    await until(async () => (await connection(target, 'signaturePad')) === 'connected', 15_000, 'pad connected');

    const capture = call(target, 'signature.capture', { document: 'Zgoda' });
    await sim.command('signaturePad unplug', (event) => event.event === 'unplugged' && event.device === 'signaturePad');
    const lost = await capture;
    expect(lost.ok).toBe(false);
    if (!lost.ok) expect(lost.error.code).toBe('DEVICE_DISCONNECTED');
    await until(async () => (await connection(target, 'signaturePad')) === 'reconnecting', 10_000, 'pad reconnecting');
    const refused = await call(target, 'signature.capture', { document: 'Zgoda' });
    expect(!refused.ok && refused.error.code).toBe('DEVICE_DISCONNECTED');

    await sim.command('signaturePad replug', (event) => event.event === 'replugged' && event.device === 'signaturePad');
    await until(async () => (await connection(target, 'signaturePad')) === 'connected', 15_000, 'pad back');
    const capture2 = call(target, 'signature.capture', { document: 'Zgoda' });
    await sim.command('signaturePad sign', (event) => event.event === 'signed');
    expect((await capture2).ok).toBe(true);
  }, 60_000);

  it('a capture the clerk cancels ends as cancelled', async () => {
    const target = await start({ signaturePad: pad() });
    await until(async () => (await connection(target, 'signaturePad')) === 'connected', 15_000, 'pad connected');
    const capture = call(target, 'signature.capture', { document: 'Zgoda' });
    await sleep(200);
    expect(await value(target, 'signature.cancel', {})).toEqual({ cancelled: true });
    const result = await capture;
    expect(!result.ok && result.error.code).toBe('SIGNATURE_CANCELLED');
  }, 30_000);
});

describe('the ID-card reader through the station', () => {
  const reader = () => ({
    path: String(sim.ready.idReader),
    baudRate: 9600,
    rtscts: false,
    framing: 'auto' as const,
    interByteTimeoutMs: 120,
  });

  it("a swipe gives the visitor's identity, PESEL cross-checked; a torn or misread swipe says which part failed", async () => {
    const target = await start({ idReader: reader() });
    const reads = collect(target, 'idReader.read');
    await until(async () => (await connection(target, 'idReader')) === 'connected', 15_000, 'reader connected');

    await sim.command('idReader swipe pl-id 3m', (event) => event.event === 'swiped');
    await until(() => reads.length === 1, 5000, 'a read');
    expect(reads[0]).toMatchObject({
      ok: true,
      identity: {
        givenNames: 'ZOFIA JADWIGA',
        surname: 'NOWAKOWSKA',
        documentKind: 'id-card',
        documentNumber: 'ZRK020457',
        pesel: '85021712323',
        birthDate: '1985-02-17',
        sex: 'female',
      },
      problems: [],
    });

    await sim.command('idReader swipe torn', (event) => event.event === 'swiped');
    await until(() => reads.length === 2, 5000, 'a torn read');
    expect(reads[1]).toMatchObject({ ok: false, reason: 'torn' });
    expect(reads[1]!.ok === false && reads[1]!.part).toMatch(/^line-\d$/);

    await sim.command('idReader swipe bad-check access-is', (event) => event.event === 'swiped');
    await until(() => reads.length === 3, 5000, 'a misread');
    expect(reads[2]).toMatchObject({ ok: false, reason: 'check-digit' });

    // The device test waits for one swipe and names only the kind of document.
    const tested = call(target, 'devices.test', { role: 'idReader' });
    await sleep(100);
    await sim.command('idReader swipe passport', (event) => event.event === 'swiped');
    expect(await tested).toEqual({
      ok: true,
      value: { role: 'idReader', read: { ok: true, documentKind: 'passport' } },
    });
  }, 60_000);

  it('an unplugged reader is reported as reconnecting and reads again once plugged back in', async () => {
    const target = await start({ idReader: reader() });
    const reads = collect(target, 'idReader.read');
    await until(async () => (await connection(target, 'idReader')) === 'connected', 15_000, 'reader connected');
    await sim.command('idReader unplug', (event) => event.event === 'unplugged' && event.device === 'idReader');
    await until(async () => (await connection(target, 'idReader')) === 'reconnecting', 10_000, 'reader reconnecting');
    await sim.command('idReader replug', (event) => event.event === 'replugged' && event.device === 'idReader');
    await until(async () => (await connection(target, 'idReader')) === 'connected', 15_000, 'reader back');
    await sim.command('idReader swipe pl-id-2', (event) => event.event === 'swiped');
    await until(() => reads.length === 1, 5000, 'a read after replug');
    expect(reads[0]).toMatchObject({ ok: true, identity: { surname: 'WOJCIK ZELAZNY' } });
  }, 60_000);

  it('two changes saved in quick succession take effect in order: a reader removed right after a change is gone', async () => {
    const dataDir = await mkdtemp(path.join(dir, 'data-'));
    const target = await start({}, dataDir);
    const reads = collect(target, 'idReader.read');
    const [changed, removed] = await Promise.all([
      call(target, 'devices.configure', { role: 'idReader', settings: { ...reader(), baudRate: 19200 } }),
      call(target, 'devices.configure', { role: 'idReader', settings: null }),
    ]);
    expect(changed.ok && removed.ok).toBe(true);
    const list = await value(target, 'devices.list', {});
    expect(list.settings.idReader).toBeNull();
    expect(list.devices.find((device) => device.role === 'idReader')?.connection).toBe('not-configured');
    expect(JSON.parse(await readFile(path.join(dataDir, 'settings.json'), 'utf8')).idReader).toBeNull();
    // Nothing left holding the reader's line: a swipe reaches nobody.
    await sleep(500);
    await sim.command('idReader swipe pl-id-2', (event) => event.event === 'swiped');
    await sleep(1_000);
    expect(reads).toEqual([]);
  }, 60_000);
});

describe('the station log', () => {
  it('holds no signature or document text', () => {
    const log = logLines.join('\n');
    expect(log).not.toContain('Potwierdzam');
    expect(log).not.toContain('<svg');
    expect(log).not.toContain('85021712323');
    expect(log).not.toContain('NOWAKOWSKA');
    expect(log).not.toContain('ZRK020457');
  });
});
