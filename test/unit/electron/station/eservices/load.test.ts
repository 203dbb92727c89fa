/**
 * Loading e-service definitions from folders (the shipped ones, then the office's own) and the
 * `npm run eservices` command: a good file loads, a bad one is refused with its problems and the
 * rest still load, a later folder replaces an earlier definition of the same id, and the command
 * prints what is wrong in the clerk's language with exit codes 0, 1 and 2.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkDefinitionText, loadDefinitions } from '../../../../../electron/station/eservices/load';
import { main } from '../../../../../electron/station/eservices/command';

/** A small valid definition in YAML, its id and Polish title given. */
function definitionYaml(id: string, titlePl: string): string {
  return `id: ${id}
version: 1
title: { pl: ${titlePl}, en: ${titlePl} EN, uk: ${titlePl} UK }
summary: { pl: Po co to jest., en: What it is for., uk: Для чого це. }
steps:
  - id: zgoda
    title: { pl: Czy się zgadzasz?, en: Do you agree?, uk: Ви згодні? }
    question: { id: zgoda, kind: yes-no }
fee: { amount: 0 }
nextSteps: { pl: Urząd odpisze., en: The office replies., uk: Установа відповість. }
outcome: { kind: paper, registeredBy: { pl: Urząd, en: The office, uk: Установа } }
signing: [handwritten]
`;
}

/** The definition a YAML text stands for, to write the same as JSON. */
function parsedDefinition(yaml: string): unknown {
  const result = checkDefinitionText('dobry.yaml', yaml);
  if (!result.ok) throw new Error('the test definition should be valid');
  return result.definition;
}

const UNPARSEABLE = 'id: zepsuty\ntitle: { pl: "niedomknięty\n  steps: [\n';
const WITHOUT_UKRAINIAN = definitionYaml('bez-ukrainskiego', 'Bez ukraińskiego').replace(
  'uk: Для чого це. }',
  'uk: "" }',
);

/** The command's standard output and error, as `main` takes them. */
type Out = NonNullable<Parameters<typeof main>[1]>;
type Err = NonNullable<Parameters<typeof main>[2]>;

/** A writable stream that keeps what is written, standing in for stdout or stderr. */
function collector<Stream extends Out | Err>(): { stream: Stream; text: () => string } {
  let written = '';
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      written += chunk.toString();
      done();
    },
  });
  return { stream: stream as unknown as Stream, text: () => written };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'okienko-eservices-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function folder(name: string, files: Record<string, string>): Promise<string> {
  const at = path.join(dir, name);
  await mkdir(at, { recursive: true });
  for (const [file, text] of Object.entries(files)) await writeFile(path.join(at, file), text, 'utf8');
  return at;
}

describe('loading the definitions of a folder', () => {
  it('loads the good file and refuses the unparseable and the invalid one, each with its problems', async () => {
    const shipped = await folder('shipped', {
      'dobry.yaml': definitionYaml('dobry', 'Dobry'),
      'zepsuty.yaml': UNPARSEABLE,
      'bez-ukrainskiego.yml': WITHOUT_UKRAINIAN,
      'notatki.txt': 'not a definition, not read',
    });
    const loaded = await loadDefinitions([shipped]);
    expect(loaded.definitions.map((definition) => definition.id)).toEqual(['dobry']);
    expect(loaded.refused.map((refused) => refused.file)).toEqual(['bez-ukrainskiego.yml', 'zepsuty.yaml']);
    const [schema, yaml] = loaded.refused;
    expect(schema!.problems).toEqual([{ code: 'empty-text', field: 'summary.uk' }]);
    expect(yaml!.problems).toHaveLength(1);
    expect(yaml!.problems[0]).toMatchObject({ code: 'unreadable', field: '' });
    expect(yaml!.problems[0]!.detail).toEqual(expect.any(String));
  });

  it('reads JSON as well as YAML, and a missing folder as an empty one', async () => {
    const office = await folder('office', {
      'z-json.json': JSON.stringify({
        id: 'z-json',
        version: 1,
        title: { pl: 'Z JSON-a', en: 'From JSON', uk: 'З JSON' },
        summary: { pl: 'Opis', en: 'About', uk: 'Опис' },
        steps: [{ id: 'a', title: { pl: 'A?', en: 'A?', uk: 'A?' }, question: { id: 'a', kind: 'email' } }],
        fee: { amount: 0 },
        nextSteps: { pl: 'Dalej', en: 'Next', uk: 'Далі' },
        outcome: { kind: 'referral', to: { pl: 'ZUS', en: 'ZUS', uk: 'ZUS' } },
        signing: ['unable'],
      }),
    });
    const loaded = await loadDefinitions([path.join(dir, 'nowhere'), office]);
    expect(loaded.definitions.map((definition) => definition.id)).toEqual(['z-json']);
    expect(loaded.refused).toEqual([]);
  });

  it('refuses a file whose name is not its id', async () => {
    const shipped = await folder('shipped', { 'inna-nazwa.yaml': definitionYaml('dobry', 'Dobry') });
    const loaded = await loadDefinitions([shipped]);
    expect(loaded.definitions).toEqual([]);
    expect(loaded.refused).toEqual([
      { file: 'inna-nazwa.yaml', problems: [{ code: 'file-name', field: 'id', detail: 'inna-nazwa ≠ dobry' }] },
    ]);
  });

  it('refuses the second of two files with the same id in one folder', async () => {
    const shipped = await folder('shipped', {
      'dobry.json': JSON.stringify(parsedDefinition(definitionYaml('dobry', 'Pierwszy'))),
      'dobry.yaml': definitionYaml('dobry', 'Drugi'),
    });
    const loaded = await loadDefinitions([shipped]);
    expect(loaded.definitions.map((definition) => definition.title.pl)).toEqual(['Pierwszy']);
    expect(loaded.refused).toEqual([
      { file: 'dobry.yaml', problems: [{ code: 'duplicate-definition', field: 'id', detail: 'dobry.json' }] },
    ]);
  });

  it('lets a file of a later folder replace a definition of the same id, and sorts by the Polish title', async () => {
    const shipped = await folder('shipped', {
      'dobry.yaml': definitionYaml('dobry', 'Zameldowanie'),
      'drugi.yaml': definitionYaml('drugi', 'Dowód'),
    });
    const office = await folder('office', { 'dobry.yaml': definitionYaml('dobry', 'Ćwiczenie urzędu') });
    const loaded = await loadDefinitions([shipped, office]);
    expect(loaded.refused).toEqual([]);
    expect(loaded.definitions.map((definition) => [definition.id, definition.title.pl])).toEqual([
      ['dobry', 'Ćwiczenie urzędu'],
      ['drugi', 'Dowód'],
    ]);
  });
});

describe('npm run eservices', () => {
  it('check: a good file prints OK with its title and the number of steps, exit 0', async () => {
    const shipped = await folder('shipped', { 'dobry.yaml': definitionYaml('dobry', 'Dobry') });
    const file = path.join(shipped, 'dobry.yaml');
    const out = collector<Out>();
    const err = collector<Err>();
    expect(await main(['check', file], out.stream, err.stream)).toBe(0);
    expect(out.text()).toBe(`OK ${file}: Dobry (1)\n`);
    expect(err.text()).toBe('');
  });

  it('check: a bad file prints its problems in Polish by default, exit 1', async () => {
    const shipped = await folder('shipped', {
      'dobry.yaml': definitionYaml('dobry', 'Dobry'),
      'bez-ukrainskiego.yaml': WITHOUT_UKRAINIAN,
    });
    const good = path.join(shipped, 'dobry.yaml');
    const bad = path.join(shipped, 'bez-ukrainskiego.yaml');
    const out = collector<Out>();
    const err = collector<Err>();
    expect(await main(['check', good, bad], out.stream, err.stream)).toBe(1);
    expect(out.text()).toBe(`OK ${good}: Dobry (1)\n`);
    expect(err.text()).toBe(`${bad}:\n  Pole „summary.uk”: pusty tekst — wpisz treść\n`);
  });

  it('check --lang en: the same problems in English, naming the step and the field', async () => {
    const broken = definitionYaml('zly-warunek', 'Zły warunek').replace(
      '    question: { id: zgoda, kind: yes-no }',
      '    when: { question: wiek, equals: "18" }\n    question: { id: zgoda, kind: yes-no }',
    );
    const shipped = await folder('shipped', { 'zly-warunek.yaml': broken, 'zepsuty.yaml': UNPARSEABLE });
    const out = collector<Out>();
    const err = collector<Err>();
    const files = [path.join(shipped, 'zly-warunek.yaml'), path.join(shipped, 'zepsuty.yaml')];
    expect(await main(['check', '--lang', 'en', ...files], out.stream, err.stream)).toBe(1);
    expect(out.text()).toBe('');
    const lines = err.text().split('\n');
    expect(lines.slice(0, 2)).toEqual([
      `${files[0]}:`,
      '  Step “zgoda”, field “when.question”: the condition names a question “wiek” that does not exist',
    ]);
    expect(lines.slice(2)).toEqual([`${files[1]}:`, '  The file cannot be read as JSON or YAML', '']);
  });

  it('check: a missing file is unreadable, in Ukrainian with --lang uk', async () => {
    const missing = path.join(dir, 'nie-ma.yaml');
    const out = collector<Out>();
    const err = collector<Err>();
    expect(await main(['check', missing, '--lang', 'uk'], out.stream, err.stream)).toBe(1);
    expect(err.text()).toBe(`${missing}:\n  Файл неможливо прочитати як JSON або YAML\n`);
  });

  it('list: the ids and titles of a folder, the refused files on stderr', async () => {
    const shipped = await folder('shipped', {
      'dobry.yaml': definitionYaml('dobry', 'Dobry'),
      'zepsuty.yaml': UNPARSEABLE,
    });
    const out = collector<Out>();
    const err = collector<Err>();
    expect(await main(['list', shipped, '--lang', 'en'], out.stream, err.stream)).toBe(1);
    expect(out.text()).toBe('dobry\tDobry EN\n');
    expect(err.text()).toBe('zepsuty.yaml:\n  The file cannot be read as JSON or YAML\n');
  });

  it.each([
    ['no command', []],
    ['check without a file', ['check']],
    ['an unknown command', ['validate', 'x.yaml']],
    ['an unknown language', ['check', 'x.yaml', '--lang', 'de']],
    ['--lang without a language', ['check', 'x.yaml', '--lang']],
  ])('%s prints the usage and exits 2', async (_name, args) => {
    const out = collector<Out>();
    const err = collector<Err>();
    expect(await main(args, out.stream, err.stream)).toBe(2);
    expect(out.text()).toBe('');
    expect(err.text()).toMatch(/^Użycie: npm run eservices -- check <plik>…/);
  });
});
