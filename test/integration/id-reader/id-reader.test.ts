/**
 * The MRZ swipe reader driver against the simulated reader in another process (`npm run sim`),
 * over a real socat pseudo-terminal pair at 9600 baud: the path a swipe takes from a USB-serial
 * reader in virtual-COM mode, minus the reader.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { IdRead } from '../../../native/id-reader/id-reader';
import { MrzSwipeReader, type MrzSwipeReaderOptions } from '../../../native/id-reader/id-reader.driver';
import { FRAMINGS } from '../../../native/id-reader/mrz-frame.codec';
import { decodeMrzLines } from '../../../native/id-reader/mrz.codec';
import { SPECIMENS, type SpecimenName } from '../../../native/id-reader/specimens';
import { SerialBytePort } from '../../../native/port/serial-byte-port';
import { startSimProcess, type SimEvent, type SimProcess } from '../../support/sim-process';

const BAUD = 9600;

let tmp: string;
let sim: SimProcess;
let readerPath: string;
let socatPid: number;
const open: { reader: MrzSwipeReader; reads: IdRead[] }[] = [];

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'okienko-id-reader-it-'));
  sim = await startSimProcess(['--dir', tmp, '--baud', String(BAUD)]);
  readerPath = sim.ready.idReader as string;
  socatPid = (sim.ready.pids as Record<string, number>).idReader!;
  expect(readerPath).toBe(join(tmp, 'id-reader'));
});

afterEach(async () => {
  for (const { reader } of open.splice(0)) await reader.close().catch(() => undefined);
});

afterAll(async () => {
  await sim?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

async function connect(options: MrzSwipeReaderOptions = {}): Promise<{ reader: MrzSwipeReader; reads: IdRead[] }> {
  const port = new SerialBytePort({ path: readerPath, baudRate: BAUD });
  await port.open();
  const reader = new MrzSwipeReader(port, options);
  const reads: IdRead[] = [];
  reader.onRead((read) => reads.push(read));
  const entry = { reader, reads };
  open.push(entry);
  return entry;
}

const isSwiped = (event: SimEvent): boolean => event.event === 'swiped';

async function nextRead(reads: IdRead[], count: number, timeoutMs = 3000): Promise<IdRead> {
  const deadline = Date.now() + timeoutMs;
  while (reads.length < count) {
    if (Date.now() > deadline)
      throw new Error(
        `No read #${count} within ${timeoutMs} ms; reads: ${JSON.stringify(reads.map((read) => read.result))}`,
      );
    await sleep(10);
  }
  return reads[count - 1]!;
}

async function swipe(document: SpecimenName, framing: string): Promise<SimEvent> {
  return sim.command(`idReader swipe ${document} ${framing}`, isSwiped);
}

const expectedDocument = (name: SpecimenName) => {
  const result = decodeMrzLines(SPECIMENS[name].lines);
  if (!result.ok) throw new Error(`${name} is not a valid specimen`);
  return result.document;
};

describe('ID reader over a pseudo-terminal, simulator in another process', () => {
  it.each(FRAMINGS)('reads a Polish ID card swiped in %s framing', async (framing) => {
    const { reads } = await connect();
    const sent = performance.now();
    const swiped = await swipe('pl-id', framing);
    expect(swiped).toMatchObject({ device: 'idReader', document: 'pl-id', framing, complete: true });
    // A 9600-baud swipe of about 100 bytes takes about 100 ms on the line: the simulator paces it.
    // (Timed where it is sent: a loaded machine may hand the reader the bytes in one batch.)
    expect(performance.now() - sent).toBeGreaterThan(50);

    const read = await nextRead(reads, 1);
    expect(read.framing).toBe(framing);
    expect(read.interrupted).toBe(false);
    expect(read.bytes).toBe(swiped.bytes);
    expect(read.result).toEqual({
      ok: true,
      document: expectedDocument('pl-id'),
      checks: { documentNumber: true, birthDate: true, expiryDate: true, composite: true },
    });
    expect(read.receivedAt).toBeGreaterThanOrEqual(read.startedAt);
    await sleep(200);
    expect(reads).toHaveLength(1);
  });

  it('reads every format: TD1 (man born 2003), TD2, TD3, with the framing detected swipe by swipe', async () => {
    const { reads } = await connect();
    await swipe('pl-id-2', '3m');
    await swipe('td2', 'access-is');
    await swipe('passport', 'desko');
    await nextRead(reads, 3);
    expect(reads.map((read) => [read.framing, read.result.ok && read.result.document.format])).toEqual([
      ['3m', 'TD1'],
      ['access-is', 'TD2'],
      ['desko', 'TD3'],
    ]);
    expect(reads[2]!.result).toMatchObject({
      ok: true,
      document: expectedDocument('passport'),
      checks: { personalNumber: true },
    });
  });

  it('reports a swipe cut off mid-line as torn at line 2', async () => {
    const { reads } = await connect();
    const swiped = await swipe('torn', 'desko');
    expect(swiped.complete).toBe(true);
    const read = await nextRead(reads, 1);
    expect(read).toMatchObject({
      interrupted: false,
      result: { ok: false, reason: 'torn', part: 'line-2', format: 'TD1', completeLines: 1, expectedLines: 3 },
    });
  });

  it('refuses a wrong check digit and names the field', async () => {
    const { reads } = await connect();
    await swipe('bad-check', 'access-is');
    const read = await nextRead(reads, 1);
    expect(read.result).toMatchObject({
      ok: false,
      reason: 'check-digit',
      part: 'birthDate',
      checks: { documentNumber: true, birthDate: false, expiryDate: true },
    });
  });

  it('tells garbage, a visa and the ICAO specimen apart from documents', async () => {
    const { reads } = await connect();
    await swipe('garbage', 'plain');
    await nextRead(reads, 1);
    await swipe('visa', '3m');
    await swipe('icao-td1', 'desko');
    await nextRead(reads, 3);
    expect(reads.map((read) => read.result)).toEqual([
      { ok: false, reason: 'garbage', part: 'swipe' },
      { ok: false, reason: 'unsupported', part: 'documentCode' },
      { ok: false, reason: 'unsupported', part: 'issuingState' },
    ]);
  });
});

describe('ID reader when the cable is pulled', () => {
  it('reports the swipe in progress as torn when socat is killed, and reads again after a replug', async () => {
    // A long inter-byte timeout, so only the closing port can end the swipe in time.
    const { reads } = await connect({ interByteTimeoutMs: 10_000 });
    const swiped = await swipe('torn', '3m');
    expect(swiped.bytes).toBeGreaterThan(20);
    await sleep(50);
    expect(reads).toHaveLength(0);

    const unplugged = sim.mark();
    const pulledAt = Date.now();
    process.kill(socatPid, 'SIGTERM');
    const read = await nextRead(reads, 1, 2000);
    expect(Date.now() - pulledAt).toBeLessThan(1000);
    expect(read).toMatchObject({
      interrupted: true,
      framing: '3m',
      result: { ok: false, reason: 'torn', part: 'line-2' },
    });
    await sim.waitFor((event) => event.event === 'unplugged' && event.device === 'idReader', unplugged);

    // Unplugged, the simulator refuses to swipe.
    const refused = await sim.command('idReader swipe pl-id desko', (event) => event.event === 'error');
    expect(String(refused.message)).toContain('unplugged');

    // A new cable: the station builds a fresh port and driver, as after a real unplug.
    const replugged = await sim.command(
      'idReader replug',
      (event) => event.event === 'replugged' && event.device === 'idReader',
    );
    socatPid = replugged.pid as number;
    expect(replugged.path).toBe(readerPath);
    const again = await connect();
    await swipe('pl-id', 'desko');
    expect((await nextRead(again.reads, 1)).result).toMatchObject({ ok: true, document: expectedDocument('pl-id') });
  });

  it('the simulator can pull its own cable: the open port closes, a swipe still in the buffer is reported', async () => {
    const { reads } = await connect({ interByteTimeoutMs: 10_000 });
    await swipe('torn', 'access-is');
    const unplugged = sim.mark();
    sim.send('idReader unplug');
    await sim.waitFor((event) => event.event === 'unplugged' && event.device === 'idReader', unplugged);
    expect(await nextRead(reads, 1, 2000)).toMatchObject({
      interrupted: true,
      result: { reason: 'torn', part: 'line-2' },
    });

    const replugged = await sim.command(
      'idReader replug',
      (event) => event.event === 'replugged' && event.device === 'idReader',
    );
    socatPid = replugged.pid as number;
    const again = await connect();
    await swipe('td2', 'plain');
    expect((await nextRead(again.reads, 1)).result).toMatchObject({ ok: true, document: { format: 'TD2' } });
  });
});
