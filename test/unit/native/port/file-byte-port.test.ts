import type * as FsPromises from 'node:fs/promises';
import { mkdir, mkdtemp, readFile, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

// The real file system, with `open` watched (a path that is not a device must not even be opened)
// and `stat` able to be fooled (a device swapped for a file between the look and the open).
const opened = vi.hoisted(() => ({ paths: [] as string[], swapped: null as string | null }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof FsPromises>();
  return {
    ...actual,
    open: (file: string, ...rest: Parameters<typeof actual.open> extends [unknown, ...infer R] ? R : never) => {
      opened.paths.push(file);
      return actual.open(file, ...rest);
    },
    stat: (file: string) => (file === opened.swapped ? actual.stat('/dev/null') : actual.stat(file)),
  };
});

const { FileBytePort } = await import('../../../../native/port/file-byte-port');

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'okienko-file-port-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

beforeEach(() => {
  opened.paths.length = 0;
  opened.swapped = null;
});

describe('FileBytePort refuses what is not a device, before opening it', () => {
  it('a regular file: refused, never opened, its content and modification time as they were', async () => {
    const document = path.join(dir, 'letter.txt');
    await writeFile(document, 'Szanowni Państwo,\n');
    const past = new Date('2024-05-06T07:08:09Z');
    await utimes(document, past, past);
    const before = await stat(document);

    for (const access of ['read-write', 'write-only'] as const) {
      await expect(new FileBytePort({ path: document, access }).open()).rejects.toMatchObject({
        code: 'ENOTDEVICE',
        message: expect.stringMatching(/is not a device \(a regular file\); nothing was written to it/),
      });
    }

    expect(opened.paths).toEqual([]);
    expect(await readFile(document, 'utf8')).toBe('Szanowni Państwo,\n');
    const after = await stat(document);
    expect(after.mtimeMs).toBe(before.mtimeMs);
    expect(after.size).toBe(before.size);
  });

  it('a link to a regular file and a folder: refused the same way, never opened', async () => {
    const document = path.join(dir, 'notes.txt');
    await writeFile(document, 'notatki');
    const link = path.join(dir, 'printer');
    await symlink(document, link);
    const folder = path.join(dir, 'folder');
    await mkdir(folder);

    await expect(new FileBytePort({ path: link }).open()).rejects.toThrow(/\(a regular file\)/);
    await expect(new FileBytePort({ path: folder }).open()).rejects.toThrow(/\(a folder\)/);
    expect(opened.paths).toEqual([]);
    expect(await readFile(document, 'utf8')).toBe('notatki');
  });

  it('a device swapped for a file after the look: the open handle is refused and closed, nothing written', async () => {
    const document = path.join(dir, 'swapped.txt');
    await writeFile(document, 'Szanowni Państwo,\n');
    const past = new Date('2024-05-06T07:08:09Z');
    await utimes(document, past, past);
    opened.swapped = document;

    await expect(new FileBytePort({ path: document }).open()).rejects.toMatchObject({ code: 'ENOTDEVICE' });
    expect(opened.paths).toEqual([document]);
    opened.swapped = null;
    expect(await readFile(document, 'utf8')).toBe('Szanowni Państwo,\n');
    expect((await stat(document)).mtimeMs).toBe(past.getTime());
  });

  it('nothing there: the error says so (ENOENT), and nothing is created', async () => {
    const missing = path.join(dir, 'lp0');
    await expect(new FileBytePort({ path: missing }).open()).rejects.toMatchObject({ code: 'ENOENT' });
    expect(opened.paths).toEqual([]);
    await expect(stat(missing)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('a character device is opened (and closed again)', async () => {
    const port = new FileBytePort({ path: '/dev/null', access: 'write-only' });
    await port.open();
    expect(port.isOpen).toBe(true);
    expect(opened.paths).toEqual(['/dev/null']);
    await port.write(Uint8Array.of(0x1b, 0x40));
    await port.close();
    expect(port.isOpen).toBe(false);
  });
});
