/**
 * The e-service definitions shipped in build/eservices/: every file passes the check the station
 * applies, the five first e-services are there, every step shown only for some answers can be
 * reached by some answers, and the pages follow the house pattern (the heading is the question).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/repo-root';
import { coveringPaths, shownSteps } from '../../support/assist-coverage';
import { PROBLEM_CODES } from '../../../electron/common/eservices/check';
import {
  QUESTION_KINDS,
  type Condition,
  type EServiceDefinition,
  type Step,
} from '../../../electron/common/eservices/definition';
import { visibleSteps, type Answers, type AnswerValue } from '../../../electron/common/eservices/flow';
import {
  checkDefinitionFile,
  checkDefinitionText,
  DEFINITION_EXTENSIONS,
  loadDefinitions,
} from '../../../electron/station/eservices/load';

const folder = path.join(repoRoot, 'build', 'eservices');
const TODAY = '2026-12-05';
const FIRST_FIVE = ['profil-zaufany', 'dowod-osobisty', 'zameldowanie', 'karta-duzej-rodziny', 'ceeb-deklaracja'];

async function definitionFiles(): Promise<string[]> {
  const names = await readdir(folder);
  return names.filter((name) => (DEFINITION_EXTENSIONS as readonly string[]).includes(path.extname(name))).sort();
}

async function shipped(): Promise<EServiceDefinition[]> {
  const loaded = await loadDefinitions([folder]);
  return [...loaded.definitions];
}

// ---------------------------------------------------------------------------------------------
// Answers that show a step: the test's own construction, checked against flow.ts's visibleSteps.

type Draft = Record<string, AnswerValue>;

/** The values a question may be compared with, or null when any text will do. */
function valuesOf(step: Step): readonly string[] | null {
  const question = step.question;
  if (question.kind === 'choice') return question.options.map((option) => option.value);
  if (question.kind === 'yes-no') return ['yes', 'no'];
  if (question.kind === 'declaration') return ['yes'];
  return null;
}

function stepAsking(definition: EServiceDefinition, questionId: string): Step {
  const step = definition.steps.find((one) => one.question.id === questionId);
  if (!step) throw new Error(`no step asks ${questionId}`);
  return step;
}

/** Gives the question one of `wanted` (or, negated, a value outside it); null when the draft already disagrees. */
function answer(
  definition: EServiceDefinition,
  draft: Draft,
  questionId: string,
  wanted: readonly string[],
  negate: boolean,
): Draft | null {
  const step = stepAsking(definition, questionId);
  const allowed = valuesOf(step);
  const candidates = negate ? (allowed ?? ['something else']).filter((value) => !wanted.includes(value)) : wanted;
  const multiple = step.question.kind === 'choice' && step.question.multiple === true;
  const current = draft[questionId];
  for (const value of candidates) {
    if (current === undefined) {
      const shown = show(definition, { ...draft, [questionId]: multiple ? [value] : value }, step);
      if (shown) return shown;
    } else if (multiple && Array.isArray(current) && !negate) {
      return { ...draft, [questionId]: [...(current as string[]), value] };
    } else if (current === value) return draft;
  }
  return null;
}

/** The draft extended so that the condition holds, or null when it cannot. */
function satisfy(definition: EServiceDefinition, draft: Draft, condition: Condition, negate = false): Draft | null {
  if ('all' in condition || 'any' in condition) {
    const parts = 'all' in condition ? condition.all : condition.any;
    const every = 'all' in condition !== negate;
    if (every)
      return parts.reduce<Draft | null>((sofar, part) => sofar && satisfy(definition, sofar, part, negate), draft);
    for (const part of parts) {
      const done = satisfy(definition, draft, part, negate);
      if (done) return done;
    }
    return null;
  }
  if ('not' in condition) return satisfy(definition, draft, condition.not, !negate);
  const wanted = 'equals' in condition ? [condition.equals] : condition.in;
  return answer(definition, draft, condition.question, wanted, negate);
}

/** The draft extended so that the step itself is shown. */
function show(definition: EServiceDefinition, draft: Draft, step: Step): Draft | null {
  return step.when === undefined ? draft : satisfy(definition, draft, step.when);
}

function reachable(definition: EServiceDefinition, step: Step): boolean {
  const answers = show(definition, {}, step);
  return answers !== null && visibleSteps(definition, answers as Answers).includes(step);
}

// ---------------------------------------------------------------------------------------------

describe('the shipped e-service definitions', () => {
  it('every file passes the check the station applies', async () => {
    const files = await definitionFiles();
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const file of files) {
      const result = await checkDefinitionFile(path.join(folder, file));
      expect(result.ok ? [] : result.problems, file).toEqual([]);
    }
  });

  it('all load together, none refused, and the first five e-services are among them', async () => {
    const loaded = await loadDefinitions([folder]);
    expect(loaded.refused).toEqual([]);
    expect(loaded.definitions).toHaveLength((await definitionFiles()).length);
    const ids = loaded.definitions.map((definition) => definition.id);
    for (const id of FIRST_FIVE) expect(ids).toContain(id);
  });

  it('each has a step shown only for some answers, and every such step can be reached', async () => {
    for (const definition of await shipped()) {
      const conditional = definition.steps.filter((step) => step.when !== undefined);
      expect(conditional.length, definition.id).toBeGreaterThan(0);
      for (const step of conditional) expect(reachable(definition, step), `${definition.id} ${step.id}`).toBe(true);
    }
  });

  it('the reachability check itself notices a step that can never be shown', async () => {
    const [definition] = await shipped();
    const first = definition!.steps[0]!;
    const values = valuesOf(first) ?? ['x'];
    const never: Step = {
      ...first,
      id: 'nigdy',
      when: {
        all: [
          { question: first.question.id, in: [...values] },
          { not: { question: first.question.id, in: [...values] } },
        ],
      },
    };
    expect(reachable({ ...definition!, steps: [...definition!.steps, never] }, never)).toBe(false);
  });

  it('every choice offers at least two options', async () => {
    for (const definition of await shipped())
      for (const step of definition.steps)
        if (step.question.kind === 'choice')
          expect(step.question.options.length, `${definition.id} ${step.id}`).toBeGreaterThanOrEqual(2);
  });

  it('every heading is the question itself, in all three languages', async () => {
    for (const definition of await shipped())
      for (const step of definition.steps)
        for (const language of ['pl', 'en', 'uk'] as const)
          expect(step.title[language], `${definition.id} ${step.id} ${language}`).toMatch(/\?$/);
  });

  it('every pattern comes with the words shown when an answer does not match', async () => {
    for (const definition of await shipped())
      for (const step of definition.steps)
        if (step.question.kind === 'text' && step.question.pattern !== undefined)
          expect(step.question.patternHint, `${definition.id} ${step.id}`).toBeDefined();
  });

  it('each says where to read more on a gov.pl site', async () => {
    for (const definition of await shipped()) {
      expect(definition.source, definition.id).toBeDefined();
      const url = new URL(definition.source!);
      expect(url.protocol).toBe('https:');
      expect(url.hostname, definition.id).toMatch(/(^|\.)gov\.pl$/);
    }
  });
});

describe('the documentation of the format (docs/eservices.md)', () => {
  const docs = () => readFile(path.join(repoRoot, 'docs', 'eservices.md'), 'utf8');

  it('has an annotated example that passes the check', async () => {
    const example = /```yaml\n(# The file is (\S+)\.yaml[\s\S]*?)```/.exec(await docs());
    expect(example).not.toBeNull();
    const result = checkDefinitionText(`${example![2]}.yaml`, example![1]!);
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it('names every problem code and every question kind', async () => {
    const text = await docs();
    for (const code of PROBLEM_CODES) expect(text, code).toContain(`| \`${code}\` |`);
    for (const kind of QUESTION_KINDS) expect(text, kind).toContain(`| \`${kind}\` |`);
  });
});

describe('the answers the e2e walks take', () => {
  it('the sample walk and the covering paths together show every step of every shipped e-service', async () => {
    for (const definition of await shipped()) {
      const paths = coveringPaths(definition, TODAY);
      const shown = new Set(shownSteps(definition, {}, TODAY));
      for (const path of paths) for (const id of shownSteps(definition, path, TODAY)) shown.add(id);
      expect([...shown].sort(), definition.id).toEqual(definition.steps.map((step) => step.id).sort());
      // Few walks: the e2e suite takes each, axe on every page it has not seen yet.
      expect(paths.length, definition.id).toBeLessThanOrEqual(4);
    }
  });
});
