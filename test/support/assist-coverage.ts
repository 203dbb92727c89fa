/**
 * Which answers show every step of a definition. A walk with the sample answers (sampleAnswer: the
 * first option, "no") skips the steps shown only for other answers; `coveringPaths` finds, greedily,
 * a few sets of answers to the choice and yes-no questions under which, together with the sample
 * walk, every step is shown at least once. The e2e tests walk each of them so that axe sees every
 * page, and the unit test checks that the shipped e-services are covered.
 */
import type { Condition, EServiceDefinition, Question } from '../../electron/common/eservices/definition';
import { visibleSteps, type Answers } from '../../electron/common/eservices/flow';
import { sampleAnswer, type Answer } from './assist-driver';

/** Answers by question id that differ from the sample ones. */
export type Overrides = Readonly<Record<string, Answer>>;

/** The questions a condition reads. */
function questionsOf(condition: Condition): string[] {
  if ('all' in condition) return condition.all.flatMap(questionsOf);
  if ('any' in condition) return condition.any.flatMap(questionsOf);
  if ('not' in condition) return questionsOf(condition.not);
  return [condition.question];
}

/** Every answer a condition can tell apart: each option of a choice (and all of a multiple one), yes and no. */
function choicesOf(question: Question): Answer[] {
  if (question.kind === 'yes-no') return ['yes', 'no'].map((value) => ({ kind: 'options', values: [value] }));
  if (question.kind !== 'choice') return [];
  const single = question.options.map((option): Answer => ({ kind: 'options', values: [option.value] }));
  return question.multiple ? [...single, { kind: 'options', values: question.options.map((o) => o.value) }] : single;
}

function asValue(answer: Answer): Answers[string] {
  if (answer.kind === 'options') return answer.values;
  if (answer.kind === 'text') return answer.text;
  if (answer.kind === 'tick') return 'yes';
  return undefined;
}

/** The steps shown when the sample answers are given, except where `overrides` answers otherwise. */
export function shownSteps(definition: EServiceDefinition, overrides: Overrides, today: string): Set<string> {
  const answers: Record<string, Answers[string]> = {};
  for (const step of definition.steps)
    answers[step.question.id] = asValue(overrides[step.question.id] ?? sampleAnswer(step.question, today));
  return new Set(visibleSteps(definition, answers).map((step) => step.id));
}

/** The questions that decide whether `stepId` shows: those of its condition, and theirs, transitively. */
function decidingQuestions(definition: EServiceDefinition, stepId: string): Question[] {
  const byQuestion = new Map(definition.steps.map((step) => [step.question.id, step]));
  const found = new Map<string, Question>();
  const visit = (condition: Condition | undefined) => {
    for (const id of condition ? questionsOf(condition) : []) {
      const step = byQuestion.get(id);
      if (!step || found.has(id)) continue;
      found.set(id, step.question);
      visit(step.when);
    }
  };
  visit(definition.steps.find((step) => step.id === stepId)?.when);
  return [...found.values()];
}

/** Every way to answer `questions` differently, one answer each, as overrides on top of `base`. */
function* combinations(questions: readonly Question[], base: Overrides): Generator<Overrides> {
  const [first, ...rest] = questions;
  if (!first) return yield base;
  for (const answer of base[first.id] ? [base[first.id]!] : choicesOf(first))
    yield* combinations(rest, { ...base, [first.id]: answer });
}

const NEW_PATH: Overrides = {};

/**
 * Sets of answers that, with the sample walk, show every step of `definition` at least once: for
 * each step still unseen, the first path it can join (answers it already fixes kept), else a new
 * path. Throws when a step can show under no answers (a definition the checks should have refused).
 */
export function coveringPaths(definition: EServiceDefinition, today: string): Overrides[] {
  const seen = shownSteps(definition, {}, today);
  const paths: Overrides[] = [];
  for (const step of definition.steps) {
    if (seen.has(step.id)) continue;
    const deciding = decidingQuestions(definition, step.id);
    // Joining a path must not hide a step that path was there to show.
    const fits = (base: Overrides) => {
      const before = base === NEW_PATH ? new Set<string>() : shownSteps(definition, base, today);
      return [...combinations(deciding, base)].find((answers) => {
        const shown = shownSteps(definition, answers, today);
        return shown.has(step.id) && [...before].every((id) => shown.has(id));
      });
    };
    const joined = paths.findIndex((path) => fits(path) !== undefined);
    const answers = joined >= 0 ? fits(paths[joined]!)! : fits(NEW_PATH);
    if (!answers) throw new Error(`${definition.id}: no answers show the step "${step.id}"`);
    if (joined >= 0) paths[joined] = answers;
    else paths.push(answers);
    for (const id of shownSteps(definition, answers, today)) seen.add(id);
  }
  return paths;
}
