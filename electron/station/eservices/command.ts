/**
 * `npm run eservices -- check <file>…`: checks e-service definitions as the station would load
 * them and prints what is wrong, naming the step and the field; exits with 1 if any is wrong.
 * `npm run eservices -- list [folder]…` lists what the station would offer from the folders.
 * `--lang en|uk` words the problems in English or Ukrainian (Polish by default). The program is
 * main.ts; an office server runs the same as `node out/host/main.js eservices …`.
 */
import { describeProblem } from '../../common/eservices/check';
import { LANGUAGES, type Language } from '../../common/domain/office';
import { checkDefinitionFile, loadDefinitions } from './load';
import { SHIPPED_DEFINITIONS } from './folders';

const USAGE = `Użycie: npm run eservices -- check <plik>… [--lang pl|en|uk]
       npm run eservices -- list [<folder>…] [--lang pl|en|uk]`;

export async function main(
  args: readonly string[],
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
): Promise<number> {
  const { language, rest } = takeLanguage(args);
  const [command, ...files] = rest;
  if (language === null || (command !== 'check' && command !== 'list') || (command === 'check' && files.length === 0)) {
    err.write(`${USAGE}\n`);
    return 2;
  }
  if (command === 'list') return list(files.length > 0 ? files : [SHIPPED_DEFINITIONS], language, out, err);
  let failed = 0;
  for (const file of files) {
    const result = await checkDefinitionFile(file).catch((error: unknown) => ({
      ok: false as const,
      problems: [
        { code: 'unreadable' as const, field: '', detail: (error as NodeJS.ErrnoException).code ?? String(error) },
      ],
    }));
    if (result.ok) {
      out.write(`OK ${file}: ${result.definition.title[language]} (${result.definition.steps.length})\n`);
      continue;
    }
    failed += 1;
    err.write(`${file}:\n`);
    for (const problem of result.problems) err.write(`  ${describeProblem(problem, language)}\n`);
  }
  return failed === 0 ? 0 : 1;
}

async function list(
  folders: readonly string[],
  language: Language,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
) {
  const loaded = await loadDefinitions(folders);
  for (const definition of loaded.definitions) out.write(`${definition.id}\t${definition.title[language]}\n`);
  for (const refused of loaded.refused) {
    err.write(`${refused.file}:\n`);
    for (const problem of refused.problems) err.write(`  ${describeProblem(problem, language)}\n`);
  }
  return loaded.refused.length === 0 ? 0 : 1;
}

function takeLanguage(args: readonly string[]): { language: Language | null; rest: string[] } {
  const rest = [...args];
  const at = rest.indexOf('--lang');
  if (at === -1) return { language: 'pl', rest };
  const value = rest[at + 1];
  rest.splice(at, 2);
  return { language: (LANGUAGES as readonly string[]).includes(value ?? '') ? (value as Language) : null, rest };
}
