/**
 * The workstation's settings file (`<data>/settings.json`). It is parsed field by field with the
 * contract's schema: a bad field is reported by name and replaced by its default, the rest of the
 * file still applies, and the file itself is never overwritten behind the admin's back — the app
 * opens, says what is wrong, and nothing the admin typed is lost.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatIssues } from '../common/contract/dispatch';
import { ContractFailure } from '../common/contract/result';
import { SettingsSchema, type Settings, type SettingsInput, type SettingsProblem } from '../common/contract/settings';

export const SETTINGS_FILE = 'settings.json';

export interface LoadedSettings {
  readonly settings: Settings;
  readonly problems: readonly SettingsProblem[];
  /** False when the file was missing: the caller writes the defaults so the station id sticks. */
  readonly existed: boolean;
}

function defaults(stationId: string): Settings {
  return SettingsSchema.parse({ stationId });
}

/** Parse raw file content; never throws. */
export function parseSettings(
  text: string | null,
  newStationId: () => string = () => `ws-${randomUUID().slice(0, 8)}`,
): LoadedSettings {
  if (text === null) return { settings: defaults(newStationId()), problems: [], existed: false };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return {
      settings: defaults(newStationId()),
      problems: [
        { field: '(file)', message: `not valid JSON (${error instanceof Error ? error.message : 'parse error'})` },
      ],
      existed: true,
    };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return {
      settings: defaults(newStationId()),
      problems: [{ field: '(file)', message: 'expected a JSON object' }],
      existed: true,
    };
  }
  const record = raw as Record<string, unknown>;
  const problems: SettingsProblem[] = [];
  const accepted: Record<string, unknown> = {};
  const shape = SettingsSchema.shape;
  for (const key of Object.keys(shape) as (keyof typeof shape)[]) {
    if (!(key in record)) continue;
    const parsed = shape[key].safeParse(record[key]);
    if (parsed.success) accepted[key] = parsed.data;
    else {
      for (const issue of parsed.error.issues) {
        problems.push({ field: [key, ...issue.path].join('.'), message: issue.message });
      }
    }
  }
  for (const key of Object.keys(record)) {
    if (!(key in shape)) problems.push({ field: key, message: 'unknown setting (ignored)' });
  }
  if (typeof accepted.stationId !== 'string') accepted.stationId = newStationId();
  return { settings: SettingsSchema.parse(accepted), problems, existed: true };
}

export async function loadSettings(dataDir: string): Promise<LoadedSettings> {
  const file = path.join(dataDir, SETTINGS_FILE);
  let text: string | null = null;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      return {
        settings: defaults(`ws-${randomUUID().slice(0, 8)}`),
        problems: [
          { field: '(file)', message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` },
        ],
        existed: true,
      };
    }
  }
  const loaded = parseSettings(text);
  if (!loaded.existed) await saveSettings(dataDir, loaded.settings);
  return loaded;
}

/** Write atomically (temp file + rename) so a crash or a full disk never leaves half a file. */
export async function saveSettings(dataDir: string, settings: SettingsInput): Promise<Settings> {
  const parsed = SettingsSchema.safeParse(settings);
  if (!parsed.success) throw new ContractFailure('BAD_REQUEST', formatIssues(parsed.error));
  const file = path.join(dataDir, SETTINGS_FILE);
  const temp = `${file}.${process.pid}.tmp`;
  try {
    await mkdir(dataDir, { recursive: true });
    await writeFile(temp, JSON.stringify(parsed.data, null, 2) + '\n', 'utf8');
    await rename(temp, file);
  } catch (error) {
    throw new ContractFailure(
      'SETTINGS_WRITE_FAILED',
      `Settings not saved: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
    );
  }
  return parsed.data;
}
