import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../../electron/station/log';
import { fileUnknownJobsStore, type StoredUnknownJob } from '../../../../electron/station/unknown-jobs-store';

const job: StoredUnknownJob = {
  jobId: 'J1',
  ticketId: 'ticket-C8',
  number: 'C8',
  at: '2026-11-22T09:12:00.000Z',
  bytes: 184,
  reason: 'unconfirmed',
  printout: {
    ticketId: 'ticket-C8',
    language: 'pl',
    office: 'Urząd Miasta',
    service: 'Dowody osobiste',
    number: 'C8',
    issued: '22.11.2026, 09:12',
    lines: [],
  },
};

function logger() {
  const lines: string[] = [];
  return { lines, log: createLogger({ write: (line) => lines.push(line) }) };
}

describe('the unknown print jobs file', () => {
  it('keeps the jobs, printouts included, across a reload; none when there is no file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'okienko-jobs-'));
    const { log } = logger();
    expect(await fileUnknownJobsStore(dir, log).load()).toEqual([]);
    await fileUnknownJobsStore(dir, log).save([job]);
    expect(await fileUnknownJobsStore(dir, log).load()).toEqual([job]);
    await fileUnknownJobsStore(dir, log).save([]);
    expect(await fileUnknownJobsStore(dir, log).load()).toEqual([]);
  });

  it('sets a damaged file aside and says so, without throwing', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'okienko-jobs-'));
    await writeFile(path.join(dir, 'unknown-print-jobs.json'), '[{"jobId": "J1", "bytes": "many"');
    const { log, lines } = logger();
    expect(await fileUnknownJobsStore(dir, log).load()).toEqual([]);
    expect(await readdir(dir)).toEqual(['unknown-print-jobs.json.corrupt']);
    expect(await readFile(path.join(dir, 'unknown-print-jobs.json.corrupt'), 'utf8')).toContain('"many"');
    expect(lines.join('\n')).toContain('damaged');
  });

  it('a write that fails (the folder is not a folder, the disk is full) is logged, not thrown', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'okienko-jobs-'));
    // A file where the data folder should be: every write fails, even for root.
    const blocker = path.join(dir, 'data');
    await writeFile(blocker, 'not a folder');
    const { log, lines } = logger();
    await expect(fileUnknownJobsStore(blocker, log).save([job])).resolves.toBeUndefined();
    expect(lines.join('\n')).toContain('not saved');
    expect(lines.join('\n')).not.toContain('C8');
  });
});
