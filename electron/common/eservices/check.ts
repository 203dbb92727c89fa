/**
 * Checking an e-service definition: the schema (definition.ts) and what a schema cannot say —
 * unique steps and answers, conditions that name an earlier question and one of its options, a
 * pattern that compiles, signing paths that fit the outcome. Every problem names the step and the
 * field, so `npm run eservices -- check <file>` and the station's refusal say the same words
 * (describeProblem, in Polish, English or Ukrainian).
 */
import type { z } from 'zod';
import type { Language } from '../domain/office';
import {
  capitalise,
  fillDetail,
  formatPath,
  PLACE_WORDS,
  schemaProblem,
  SCHEMA_PROBLEM_CODES,
  SCHEMA_WORDS,
  type Path,
} from '../validation/schema-problems';
import {
  type Condition,
  type EServiceDefinition,
  EServiceDefinitionSchema,
  QUESTION_KINDS,
  type Step,
} from './definition';

/** The codes of what a schema cannot say about a definition (the schema's own: SCHEMA_PROBLEM_CODES). */
const DEFINITION_CODES = [
  'unreadable',
  'duplicate-step',
  'duplicate-question',
  'duplicate-option',
  'unknown-question',
  'later-question',
  'unknown-option',
  'bad-pattern',
  'bad-range',
  'signing-mismatch',
  'file-name',
  'duplicate-definition',
] as const;
export const PROBLEM_CODES = [...SCHEMA_PROBLEM_CODES, ...DEFINITION_CODES] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** One thing wrong with a definition: where (the step, the field) and what. */
export interface DefinitionProblem {
  readonly code: ProblemCode;
  /** The step's id, or `#3` for the third step when its id is missing; absent outside the steps. */
  readonly step?: string;
  /** The field, as a path inside the step or the definition: `question.options[0].label.uk`; empty for the whole. */
  readonly field: string;
  /** What the problem is about: the unknown key, the allowed values, the question named. */
  readonly detail?: string;
}

export type CheckResult =
  | { readonly ok: true; readonly definition: EServiceDefinition }
  | { readonly ok: false; readonly problems: readonly DefinitionProblem[] };

/** Checks a parsed definition; `fileId` (the file's name without extension) must match its id when given. */
export function checkDefinition(raw: unknown, fileId?: string): CheckResult {
  const parsed = EServiceDefinitionSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((issue) => fromIssue(issue, raw)) };
  const problems = semanticProblems(parsed.data);
  if (fileId !== undefined && fileId !== parsed.data.id)
    problems.push({ code: 'file-name', field: 'id', detail: `${fileId} ≠ ${parsed.data.id}` });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, definition: parsed.data };
}

// ---------------------------------------------------------------------------------------------
// Schema issues → problems

function fromIssue(issue: z.core.$ZodIssue, raw: unknown): DefinitionProblem {
  const problem = schemaProblem(issue, { isId: (path) => ID_FIELDS.has(String(path.at(-1))), unionChoices });
  return {
    code: problem.code,
    ...locate(problem.path, raw),
    ...(problem.detail === undefined ? {} : { detail: problem.detail }),
  };
}

/** Fields whose bad format is a bad identifier. */
const ID_FIELDS = new Set(['id', 'value', 'question']);

/** The values a discriminated union takes at `path` (the question kinds, the outcomes). */
function unionChoices(path: Path): string | undefined {
  const owner = path.at(-1) === 'kind' ? path.at(-2) : path.at(-1);
  if (owner === 'question') return QUESTION_KINDS.join(', ');
  if (owner === 'outcome') return 'paper, online, referral';
  return undefined;
}

/** The step a path points into (by its id if it has one) and the field inside it. */
function locate(path: Path, raw: unknown): Pick<DefinitionProblem, 'step' | 'field'> {
  if (path[0] === 'steps' && typeof path[1] === 'number') {
    const id = stepIdOf(raw, path[1]);
    const field = formatPath(path.slice(2));
    return { step: id ?? `#${path[1] + 1}`, field };
  }
  return { field: formatPath(path) };
}

function stepIdOf(raw: unknown, index: number): string | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const steps = (raw as { steps?: unknown }).steps;
  if (!Array.isArray(steps)) return undefined;
  const id = (steps[index] as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

// ---------------------------------------------------------------------------------------------
// What the schema cannot say

function semanticProblems(definition: EServiceDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const seenSteps = new Set<string>();
  const earlier = new Map<string, Step>();
  for (const step of definition.steps) {
    if (seenSteps.has(step.id)) problems.push({ code: 'duplicate-step', step: step.id, field: 'id' });
    seenSteps.add(step.id);
    if (earlier.has(step.question.id))
      problems.push({ code: 'duplicate-question', step: step.id, field: 'question.id', detail: step.question.id });
    if (step.when) problems.push(...conditionProblems(step, step.when, 'when', earlier, definition));
    problems.push(...questionProblems(step));
    earlier.set(step.question.id, step);
  }
  problems.push(...signingProblems(definition));
  return problems;
}

function conditionProblems(
  step: Step,
  condition: Condition,
  field: string,
  earlier: ReadonlyMap<string, Step>,
  definition: EServiceDefinition,
): DefinitionProblem[] {
  if ('all' in condition)
    return condition.all.flatMap((part, i) => conditionProblems(step, part, `${field}.all[${i}]`, earlier, definition));
  if ('any' in condition)
    return condition.any.flatMap((part, i) => conditionProblems(step, part, `${field}.any[${i}]`, earlier, definition));
  if ('not' in condition) return conditionProblems(step, condition.not, `${field}.not`, earlier, definition);
  const target = earlier.get(condition.question);
  if (!target) {
    const later = definition.steps.some((other) => other.question.id === condition.question);
    return [
      {
        code: later ? 'later-question' : 'unknown-question',
        step: step.id,
        field: `${field}.question`,
        detail: condition.question,
      },
    ];
  }
  const values = 'equals' in condition ? [condition.equals] : condition.in;
  const allowed = allowedValues(target);
  if (!allowed) return [];
  return values
    .filter((value) => !allowed.includes(value))
    .map((value) => ({
      code: 'unknown-option' as const,
      step: step.id,
      field: 'equals' in condition ? `${field}.equals` : `${field}.in`,
      detail: `${value} ∉ {${allowed.join(', ')}}`,
    }));
}

/** The values a condition may compare a question's answer with; undefined when any will do. */
function allowedValues(step: Step): readonly string[] | undefined {
  const question = step.question;
  if (question.kind === 'choice') return question.options.map((option) => option.value);
  if (question.kind === 'yes-no') return ['yes', 'no'];
  if (question.kind === 'declaration') return ['yes'];
  return undefined;
}

function questionProblems(step: Step): DefinitionProblem[] {
  const question = step.question;
  const problems: DefinitionProblem[] = [];
  if (question.kind === 'choice') {
    const seen = new Set<string>();
    question.options.forEach((option, i) => {
      if (seen.has(option.value))
        problems.push({
          code: 'duplicate-option',
          step: step.id,
          field: `question.options[${i}].value`,
          detail: option.value,
        });
      seen.add(option.value);
    });
  }
  if (question.kind === 'text' && question.pattern !== undefined && !compiles(question.pattern))
    problems.push({ code: 'bad-pattern', step: step.id, field: 'question.pattern', detail: question.pattern });
  if (
    question.kind === 'number' &&
    question.min !== undefined &&
    question.max !== undefined &&
    question.min > question.max
  )
    problems.push({
      code: 'bad-range',
      step: step.id,
      field: 'question.min',
      detail: `${question.min} > ${question.max}`,
    });
  return problems;
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

/** A paper application is signed by hand (or not at all, KPA art. 63 § 3); an online one by the visitor online. */
function signingProblems(definition: EServiceDefinition): DefinitionProblem[] {
  const needs =
    definition.outcome.kind === 'paper' ? 'handwritten' : definition.outcome.kind === 'online' ? 'online' : null;
  if (needs === null || definition.signing.includes(needs)) return [];
  return [{ code: 'signing-mismatch', field: 'signing', detail: `${definition.outcome.kind} → ${needs}` }];
}

// ---------------------------------------------------------------------------------------------
// Words

const WORDS: Readonly<Record<Language, Readonly<Record<ProblemCode, string>>>> = {
  pl: {
    ...SCHEMA_WORDS.pl,
    unreadable: 'pliku nie da się odczytać jako JSON ani YAML',
    'duplicate-step': 'identyfikator kroku powtarza się',
    'duplicate-question': 'identyfikator pytania „{detail}” powtarza się',
    'duplicate-option': 'wartość odpowiedzi „{detail}” powtarza się',
    'unknown-question': 'warunek odwołuje się do pytania „{detail}”, którego nie ma',
    'later-question': 'warunek odwołuje się do pytania „{detail}” z dalszego kroku',
    'unknown-option': 'warunek porównuje z wartością, której pytanie nie ma: {detail}',
    'bad-pattern': 'wzorzec nie jest poprawnym wyrażeniem regularnym: {detail}',
    'bad-range': 'najmniejsza wartość większa od największej: {detail}',
    'signing-mismatch': 'sposób zakończenia wymaga innego sposobu podpisu ({detail})',
    'file-name': 'nazwa pliku nie zgadza się z identyfikatorem ({detail})',
    'duplicate-definition': 'e-usługa o tym identyfikatorze jest już w pliku {detail}',
  },
  en: {
    ...SCHEMA_WORDS.en,
    unreadable: 'the file cannot be read as JSON or YAML',
    'duplicate-step': 'the step identifier is used twice',
    'duplicate-question': 'the question identifier “{detail}” is used twice',
    'duplicate-option': 'the answer value “{detail}” is used twice',
    'unknown-question': 'the condition names a question “{detail}” that does not exist',
    'later-question': 'the condition names the question “{detail}” of a later step',
    'unknown-option': 'the condition compares with a value the question does not have: {detail}',
    'bad-pattern': 'the pattern is not a valid regular expression: {detail}',
    'bad-range': 'the least value is greater than the greatest: {detail}',
    'signing-mismatch': 'the way the matter ends needs another signing path ({detail})',
    'file-name': 'the file name does not match the identifier ({detail})',
    'duplicate-definition': 'an e-service with this identifier is already in the file {detail}',
  },
  uk: {
    ...SCHEMA_WORDS.uk,
    unreadable: 'файл неможливо прочитати як JSON або YAML',
    'duplicate-step': 'ідентифікатор кроку повторюється',
    'duplicate-question': 'ідентифікатор питання «{detail}» повторюється',
    'duplicate-option': 'значення відповіді «{detail}» повторюється',
    'unknown-question': 'умова посилається на питання «{detail}», якого немає',
    'later-question': 'умова посилається на питання «{detail}» з пізнішого кроку',
    'unknown-option': 'умова порівнює зі значенням, якого питання не має: {detail}',
    'bad-pattern': 'шаблон не є правильним регулярним виразом: {detail}',
    'bad-range': 'найменше значення більше за найбільше: {detail}',
    'signing-mismatch': 'спосіб завершення потребує іншого способу підпису ({detail})',
    'file-name': 'назва файлу не збігається з ідентифікатором ({detail})',
    'duplicate-definition': 'е-послуга з цим ідентифікатором уже є у файлі {detail}',
  },
};

const STEP_WORDS: Readonly<Record<Language, string>> = { pl: 'Krok', en: 'Step', uk: 'Крок' };

/** `Krok „powod”, pole „question.options[0].label.uk”: pusty tekst — wpisz treść` */
export function describeProblem(problem: DefinitionProblem, language: Language = 'pl'): string {
  const words = fillDetail(WORDS[language][problem.code], problem.detail);
  const place = PLACE_WORDS[language];
  const field = problem.field === '' ? '' : `${place.field} ${place.quote(problem.field)}`;
  const step = problem.step === undefined ? '' : `${STEP_WORDS[language]} ${place.quote(problem.step)}`;
  const where = [step, field].filter((part) => part !== '').join(', ');
  return where === '' ? capitalise(words) : `${capitalise(where)}: ${words}`;
}
