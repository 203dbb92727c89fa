/**
 * Print jobs whose outcome nobody knows yet, kept on disk until a person decides: a station that
 * restarts (a crash, an update, a power cut) still asks about them. `<data>/unknown-print-jobs.json`,
 * written atomically (temp file + rename). A ticket printout carries no personal data — a number,
 * a service, a time — and is kept so a duplicate can still be printed after the restart.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { UnknownPrintJobSchema } from '../common/contract/devices';
import { TicketPrintoutSchema } from '../common/contract/printer';
import { describeError, type Logger } from './log';

const FILE = 'unknown-print-jobs.json';

export const StoredUnknownJobSchema = UnknownPrintJobSchema.extend({ printout: TicketPrintoutSchema.optional() });
export type StoredUnknownJob = z.infer<typeof StoredUnknownJobSchema>;

export interface UnknownJobsStore {
  load(): Promise<StoredUnknownJob[]>;
  save(jobs: readonly StoredUnknownJob[]): Promise<void>;
}

/**
 * The file store. Neither call throws: an unreadable file is reported in the log and set aside
 * (`.corrupt`), a failed write (a full disk) is reported and the jobs stay in memory.
 */
export function fileUnknownJobsStore(dataDir: string, log: Logger): UnknownJobsStore {
  const file = path.join(dataDir, FILE);
  let writes = Promise.resolve();
  return {
    async load() {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
          log.warn('unknown print jobs not read', { error: describeError(error) });
        return [];
      }
      const parsed = z.array(StoredUnknownJobSchema).safeParse(safeJson(text));
      if (parsed.success) return parsed.data;
      log.warn('unknown print jobs file is damaged; set aside', { file: `${FILE}.corrupt` });
      await rename(file, `${file}.corrupt`).catch(() => undefined);
      return [];
    },
    save(jobs) {
      // One write at a time, in order: the last list written is the last list asked for.
      const run = writes.then(async () => {
        const temp = `${file}.${process.pid}.tmp`;
        try {
          await mkdir(dataDir, { recursive: true });
          await writeFile(temp, JSON.stringify(jobs, null, 2) + '\n', 'utf8');
          await rename(temp, file);
        } catch (error) {
          log.warn('unknown print jobs not saved', { error: describeError(error) });
        }
      });
      writes = run;
      return run;
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
