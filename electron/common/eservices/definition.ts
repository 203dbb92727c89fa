/**
 * An e-service a clerk guides a visitor through, as data: one definition file per e-service
 * (JSON or YAML) in `build/eservices/` (shipped) or `<data>/eservices/` (the office's own). The
 * zod schema below is the only description of the format; docs/eservices.md annotates an example.
 *
 * A definition says what to ask (one question per step, GOV.UK's "one thing per page"), when to ask
 * it (`when`: a step shown only for some earlier answers), what the visitor brings and pays, what
 * happens next, and how the matter ends: an application printed for a handwritten signature
 * (`paper`), completed online by the visitor with the clerk's help (`online`, with the gov.pl /
 * mObywatel checklist), or a referral elsewhere (`referral`). Every text a visitor sees is in
 * Polish, English and Ukrainian.
 */
import { z } from 'zod';
import { SERVICE_IDENTITY_FIELDS } from '../domain/identity';

/** A text in the three languages of the screens; none may be empty. */
export const LocalizedTextSchema = z.strictObject({
  pl: z.string().trim().min(1),
  en: z.string().trim().min(1),
  uk: z.string().trim().min(1),
});
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

/** Lower-case words joined by hyphens: an id in a file name, a URL or an answer's key. */
const Slug = z
  .string()
  .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'lower-case letters, digits and hyphens')
  .max(64);

/** The kinds of question a step may ask. */
export const QUESTION_KINDS = [
  'text',
  'choice',
  'date',
  'address',
  'pesel',
  'document-number',
  'yes-no',
  'declaration',
  'email',
  'phone',
  'number',
] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export const ChoiceOptionSchema = z.strictObject({ value: Slug, label: LocalizedTextSchema });

/** A date's limit: `today`, or a day relative to today (`-18y`, `+30d`), or a date `YYYY-MM-DD`. */
export const DateLimitSchema = z
  .string()
  .regex(/^(today|[+-]\d{1,3}[dmy]|\d{4}-\d{2}-\d{2})$/, 'today, ±N d/m/y or YYYY-MM-DD');

const questionBase = {
  /** The answer's key, unique in the definition; conditions and the summary name it. */
  id: Slug,
  /** Optional answers may be left empty. */
  optional: z.boolean().optional(),
};

export const QuestionSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    ...questionBase,
    kind: z.literal('text'),
    maxLength: z.number().int().min(1).max(2000).optional(),
    /** Long answers get a box of several lines. */
    multiline: z.boolean().optional(),
    /** A regular expression the whole answer must match, with the words shown when it does not. */
    pattern: z.string().min(1).optional(),
    patternHint: LocalizedTextSchema.optional(),
  }),
  z.strictObject({
    ...questionBase,
    kind: z.literal('choice'),
    options: z.array(ChoiceOptionSchema).min(2),
    /** Several options may be chosen (check boxes instead of radio buttons). */
    multiple: z.boolean().optional(),
  }),
  z.strictObject({
    ...questionBase,
    kind: z.literal('date'),
    notBefore: DateLimitSchema.optional(),
    notAfter: DateLimitSchema.optional(),
  }),
  z.strictObject({ ...questionBase, kind: z.literal('address') }),
  z.strictObject({
    ...questionBase,
    kind: z.literal('pesel'),
    /** Filled from the visitor's identity (read from the ID card) when the question is about the visitor. */
    fromIdentity: z.boolean().optional(),
  }),
  z.strictObject({
    ...questionBase,
    kind: z.literal('document-number'),
    fromIdentity: z.boolean().optional(),
  }),
  z.strictObject({ ...questionBase, kind: z.literal('yes-no') }),
  /** A statement the visitor confirms ("I declare that…"): answered only by ticking it. */
  z.strictObject({ ...questionBase, kind: z.literal('declaration'), statement: LocalizedTextSchema }),
  z.strictObject({ ...questionBase, kind: z.literal('email') }),
  z.strictObject({ ...questionBase, kind: z.literal('phone') }),
  z.strictObject({
    ...questionBase,
    kind: z.literal('number'),
    min: z.number().int().optional(),
    max: z.number().int().optional(),
  }),
]);
export type Question = z.infer<typeof QuestionSchema>;

/**
 * When a step is shown: an earlier answer equal to a value (`equals`), one of several (`in`), or a
 * combination. A yes-no answer is `yes` or `no`; a choice of several counts when it includes the value.
 */
export type Condition =
  | { readonly question: string; readonly equals: string }
  | { readonly question: string; readonly in: readonly string[] }
  | { readonly all: readonly Condition[] }
  | { readonly any: readonly Condition[] }
  | { readonly not: Condition };

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ question: Slug, equals: z.string().min(1) }),
    z.strictObject({ question: Slug, in: z.array(z.string().min(1)).min(1) }),
    z.strictObject({ all: z.array(ConditionSchema).min(1) }),
    z.strictObject({ any: z.array(ConditionSchema).min(1) }),
    z.strictObject({ not: ConditionSchema }),
  ]),
);

export const StepSchema = z.strictObject({
  id: Slug,
  /** The step's heading, which is its question ("Dlaczego składa Pan/Pani wniosek?"). */
  title: LocalizedTextSchema,
  /** Plain-language help under the heading: what is asked and why. */
  help: LocalizedTextSchema.optional(),
  when: ConditionSchema.optional(),
  question: QuestionSchema,
});
export type Step = z.infer<typeof StepSchema>;

/** How the matter ends. */
export const OutcomeSchema = z.discriminatedUnion('kind', [
  /** The office prints the application; the visitor signs it by hand; the office registers it. */
  z.strictObject({ kind: z.literal('paper'), registeredBy: LocalizedTextSchema }),
  /** The visitor completes it online with the clerk's help: the gov.pl / mObywatel steps, in order. */
  z.strictObject({ kind: z.literal('online'), url: z.url(), checklist: z.array(LocalizedTextSchema).min(1) }),
  /** Another office or institution deals with it. */
  z.strictObject({ kind: z.literal('referral'), to: LocalizedTextSchema, address: LocalizedTextSchema.optional() }),
]);
export type Outcome = z.infer<typeof OutcomeSchema>;

/** How the visitor may confirm what was done (the clerk picks one with them). */
export const SIGNING_PATHS = ['online', 'handwritten', 'pad', 'unable'] as const;
export type SigningPath = (typeof SIGNING_PATHS)[number];

export const EServiceDefinitionSchema = z.strictObject({
  /** Unique in the office; the file's name without its extension should be the same. */
  id: Slug,
  /** Raised whenever the questions change, so a saved session knows what it was answered against. */
  version: z.number().int().min(1),
  title: LocalizedTextSchema,
  /** One sentence a visitor understands: what this is for. */
  summary: LocalizedTextSchema,
  /** What of the visitor's identity the matter needs (read from the ID card, or typed). */
  identity: z.array(z.enum(SERVICE_IDENTITY_FIELDS)).default([]),
  /** Whether someone else may act for the visitor with a power of attorney. */
  proxy: z.boolean().default(true),
  steps: z.array(StepSchema).min(1),
  /** What the visitor brings (a photo, the previous card…). */
  documents: z.array(LocalizedTextSchema).default([]),
  /** The fee in grosze (0: free of charge), with a note on exemptions. */
  fee: z.strictObject({ amount: z.number().int().min(0), note: LocalizedTextSchema.optional() }),
  /** What happens next, and when. */
  nextSteps: LocalizedTextSchema,
  outcome: OutcomeSchema,
  /** The signing paths this matter allows. */
  signing: z.array(z.enum(SIGNING_PATHS)).min(1),
  /** Where the visitor reads more (gov.pl). */
  source: z.url().optional(),
});
/** A definition as written in the file (defaults not yet applied). */
export type EServiceDefinitionInput = z.input<typeof EServiceDefinitionSchema>;
export type EServiceDefinition = z.infer<typeof EServiceDefinitionSchema>;
