/**
 * A small JSON file of state kept beside the settings (accounts, the offline sign-in cache): read
 * through a schema, written atomically (temp file + rename) so a crash or a full disk never leaves
 * half a file, readable by this user only when it holds secrets.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';

export type JsonFileRead<T> =
  | { readonly kind: 'missing' }
  | { readonly kind: 'ok'; readonly value: T }
  /** Unreadable or not matching the schema: moved aside as `<file>.corrupt`, so nothing is lost. */
  | { readonly kind: 'corrupt'; readonly problem: string };

export async function readJsonFile<S extends z.ZodType>(file: string, schema: S): Promise<JsonFileRead<z.output<S>>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
  let problem: string;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    if (parsed.success) return { kind: 'ok', value: parsed.data };
    problem = parsed.error.issues[0]?.message ?? 'does not match its schema';
  } catch {
    problem = 'is not JSON';
  }
  await rename(file, `${file}.corrupt`).catch(() => undefined);
  return { kind: 'corrupt', problem };
}

export async function writeJsonFile(file: string, value: unknown, options: { secret?: boolean } = {}): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(value, null, 2) + '\n', {
    encoding: 'utf8',
    mode: options.secret ? 0o600 : 0o644,
  });
  await rename(temp, file);
}
