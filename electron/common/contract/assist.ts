/**
 * What crosses the contract for assisted e-services: the definitions the station loaded (and the
 * files it refused, with the problems), the view the clerk's counter shows the visitor's screen,
 * and what the visitor does there. The station only relays the view and the input between the
 * windows of one workstation (and its paired customer screens); the clerk's window owns the session.
 */
import { z } from 'zod';
import { EServiceDefinitionSchema, SIGNING_PATHS } from '../eservices/definition';
import { ANSWER_PROBLEMS } from '../eservices/flow';
import { PROBLEM_CODES } from '../eservices/check';

const Language = z.enum(['pl', 'en', 'uk']);
const Counter = z.number().int().min(1).max(999);

export const DefinitionProblemSchema = z.object({
  code: z.enum(PROBLEM_CODES),
  step: z.string().max(200).optional(),
  field: z.string().max(500),
  detail: z.string().max(1000).optional(),
});

export const EServiceListSchema = z.object({
  definitions: z.array(EServiceDefinitionSchema).max(500),
  /** Files that failed the check (by name), with what is wrong; the others still load. */
  refused: z
    .array(z.object({ file: z.string().max(255), problems: z.array(DefinitionProblemSchema).max(200) }))
    .max(500),
});
export type EServiceList = z.infer<typeof EServiceListSchema>;

export const AddressValueSchema = z
  .object({
    street: z.string().max(200),
    building: z.string().max(50),
    flat: z.string().max(50),
    postcode: z.string().max(20),
    town: z.string().max(200),
  })
  .strict();
export const AnswerValueSchema = z.union([
  z.string().max(2000),
  z.array(z.string().max(200)).max(50).readonly(),
  AddressValueSchema.readonly(),
]);

/** What the screen turned to the visitor shows: the clerk's window publishes it on every change. */
export const AssistViewSchema = z.object({
  /** Grows with every view the clerk's window publishes (a late one is dropped). */
  seq: z.number().int().nonnegative(),
  /** When the clerk's window published it (ms), to measure the way to the visitor's screen. */
  sentAt: z.number(),
  session: z.string().max(64),
  reference: z.string().max(16),
  eservice: z.string().max(64),
  /** The language the visitor chose (their screen may switch it). */
  language: Language,
  /** flow.ts pageKey: `start`, `identity`, `question:<step>`, `safety`, `check`, `sign`, `confirmation`. */
  page: z.string().max(100),
  progress: z.object({ step: z.number().int(), of: z.number().int() }),
  /** Who types on this page: the visitor on their screen, or the clerk. */
  typing: z.enum(['visitor', 'clerk']),
  /** The answer being typed on this page, as it stands. */
  draft: AnswerValueSchema.nullable(),
  problem: z.enum(ANSWER_PROBLEMS).nullable(),
  /** The answers in force, for the check-answers page and the summary. */
  answers: z.array(z.object({ question: z.string().max(64), value: AnswerValueSchema })).max(200),
  /** The visitor's details for the identity page (only the fields the e-service needs). */
  identity: z.array(z.object({ field: z.string().max(32), value: z.string().max(200) })).max(20),
  proxy: z.boolean(),
  consent: z.boolean(),
  signing: z.enum(SIGNING_PATHS).nullable(),
  /** The SHA-256 of the summary the visitor acknowledges, on the signing page. */
  digest: z.string().max(64).nullable(),
});
export type AssistView = z.infer<typeof AssistViewSchema>;

export const AssistShowSchema = z.object({ counter: Counter, view: AssistViewSchema.nullable() }).strict();
export type AssistShow = z.infer<typeof AssistShowSchema>;

/** What the visitor does on their screen: answers (when it is their turn), goes on, changes language. */
export const VisitorInputSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('answer'),
      session: z.string().max(64),
      page: z.string().max(100),
      value: AnswerValueSchema,
    })
    .strict(),
  z
    .object({
      kind: z.literal('continue'),
      session: z.string().max(64),
      page: z.string().max(100),
      /** The answer as it stood when the visitor pressed "Dalej". */
      value: AnswerValueSchema.optional(),
    })
    .strict(),
  z.object({ kind: z.literal('back'), session: z.string().max(64), page: z.string().max(100) }).strict(),
  z.object({ kind: z.literal('language'), language: Language }).strict(),
]);
export type VisitorInput = z.infer<typeof VisitorInputSchema>;

export const AssistInputSchema = z.object({ counter: Counter, input: VisitorInputSchema }).strict();
export type AssistInput = z.infer<typeof AssistInputSchema>;
