/**
 * Loading the e-service definitions from their folders: the shipped ones (`build/eservices/`, in a
 * packaged app `resources/eservices/`) and the office's own (`<data>/eservices/`), which replace a
 * shipped one of the same id. A file that fails the check is refused with the words of
 * `npm run eservices -- check` and the others still load.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { checkDefinition, type CheckResult, type DefinitionProblem } from '../../common/eservices/check';
import type { EServiceDefinition } from '../../common/eservices/definition';

export const DEFINITION_EXTENSIONS = ['.json', '.yaml', '.yml'] as const;

export interface RefusedDefinition {
  /** The file's name (no folder: the screens show it, and a path may name a person's home). */
  readonly file: string;
  readonly problems: readonly DefinitionProblem[];
}

export interface LoadedDefinitions {
  readonly definitions: readonly EServiceDefinition[];
  readonly refused: readonly RefusedDefinition[];
}

/** Parses and checks one definition file's text. */
export function checkDefinitionText(fileName: string, text: string): CheckResult {
  const extension = extname(fileName).toLowerCase();
  let raw: unknown;
  try {
    raw = extension === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : undefined;
    return { ok: false, problems: [{ code: 'unreadable', field: '', ...(detail ? { detail } : {}) }] };
  }
  return checkDefinition(raw, basename(fileName, extname(fileName)));
}

export async function checkDefinitionFile(path: string): Promise<CheckResult> {
  return checkDefinitionText(basename(path), await readFile(path, 'utf8'));
}

/** Every definition of the folders, later folders replacing earlier ones by id; a missing folder is empty. */
export async function loadDefinitions(folders: readonly string[]): Promise<LoadedDefinitions> {
  const byId = new Map<string, { file: string; definition: EServiceDefinition }>();
  const refused: RefusedDefinition[] = [];
  for (const folder of folders) {
    const seenHere = new Map<string, string>();
    for (const file of await definitionFiles(folder)) {
      const result = await checkDefinitionFile(join(folder, file));
      if (!result.ok) {
        refused.push({ file, problems: result.problems });
        continue;
      }
      const twin = seenHere.get(result.definition.id);
      if (twin !== undefined) {
        refused.push({ file, problems: [{ code: 'duplicate-definition', field: 'id', detail: twin }] });
        continue;
      }
      seenHere.set(result.definition.id, file);
      byId.set(result.definition.id, { file, definition: result.definition });
    }
  }
  const definitions = [...byId.values()].map((entry) => entry.definition);
  definitions.sort((a, b) => a.title.pl.localeCompare(b.title.pl, 'pl'));
  return { definitions, refused };
}

async function definitionFiles(folder: string): Promise<string[]> {
  try {
    const entries = await readdir(folder, { withFileTypes: true });
    return entries
      .filter(
        (entry) =>
          entry.isFile() && (DEFINITION_EXTENSIONS as readonly string[]).includes(extname(entry.name).toLowerCase()),
      )
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
