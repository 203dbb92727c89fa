import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ok, fail } from '../../../../electron/common/contract/result';
import { printPdfFile, withPrinting, type PrintWindowLike } from '../../../../electron/shell/print';
import { spoolForPrinting } from '../../../../electron/station/documents/spool';

let dir: string | null = null;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = null;
});

function fakeWindow(printed: boolean) {
  const seen: { options?: unknown; url?: string; printOptions?: unknown; destroyed: boolean } = { destroyed: false };
  const factory = (options: unknown): PrintWindowLike => {
    seen.options = options;
    return {
      loadURL: async (url) => void (seen.url = url),
      webContents: {
        print: (printOptions, callback) => {
          seen.printOptions = printOptions;
          setTimeout(() => callback(printed), 1);
        },
      },
      destroy: () => void (seen.destroyed = true),
    };
  };
  return { factory, seen };
}

describe("printing a visitor's PDF in Electron", () => {
  it('spools it in the data folder, opens the system dialog on it in a hidden sandboxed window, and deletes it', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'okienko-print-'));
    const { file } = await spoolForPrinting(dir, 'electron', Buffer.from('%PDF-1.3\n').toString('base64'));
    expect(path.dirname(file)).toBe(path.join(dir, 'print'));
    const { factory, seen } = fakeWindow(true);
    expect(await printPdfFile(file, factory)).toBe(true);
    expect(seen.options).toEqual({
      show: false,
      webPreferences: { plugins: true, sandbox: true, contextIsolation: true, nodeIntegration: false },
    });
    expect(seen.url).toBe(`file://${file}`);
    expect(seen.printOptions).toEqual({ silent: false, printBackground: true });
    expect(seen.destroyed).toBe(true);
    expect(await readdir(path.join(dir, 'print'))).toEqual([]);
  });

  it('deletes the file when the clerk cancels the dialog too, and removes files a crash left behind', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'okienko-print-'));
    await spoolForPrinting(dir, 'electron', 'JVBERi0=');
    const later = Date.now() + 2 * 60 * 60_000;
    const { file } = await spoolForPrinting(dir, 'electron', 'JVBERi0=', later);
    expect(await readdir(path.join(dir, 'print'))).toEqual([path.basename(file)]);
    expect(await printPdfFile(file, fakeWindow(false).factory)).toBe(false);
    expect(await readdir(path.join(dir, 'print'))).toEqual([]);
  });

  it('is refused in the browser host, which prints in the browser', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'okienko-print-'));
    await expect(spoolForPrinting(dir, 'browser', 'JVBERi0=')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('prints only after a documents.print the station accepted', async () => {
    const printed: string[] = [];
    const print = async (file: string) => (printed.push(file), true);
    const station = withPrinting(
      async (_window, channel) => (channel === 'documents.print' ? ok({ file: '/spool/a.pdf' }) : ok({})),
      print,
    );
    await station('counter', 'station.info', {});
    await station('counter', 'documents.print', { pdf: 'x' });
    const refused = withPrinting(async () => fail('FORBIDDEN', 'no'), print);
    await refused('kiosk', 'documents.print', { pdf: 'x' });
    expect(printed).toEqual(['/spool/a.pdf']);
  });
});
