/** Pairing a screen on another machine with a workstation (electron/station/pairing.ts). */
import { z } from 'zod';
import { PAIRED_KINDS } from '../access/subjects';

/** The counter a paired customer screen stands at: the same range as every counter of the contract. */
export const PairedCounterSchema = z.number().int().min(1).max(999);

/**
 * What an admin pairs: a board (for the whole room), or a customer screen for one counter, whose
 * visitor's data is all it may ever show.
 */
export const PairingStartSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('board') }).strict(),
  z.object({ kind: z.literal('customer'), counter: PairedCounterSchema }).strict(),
]);
export type PairingStart = z.infer<typeof PairingStartSchema>;
export const PairingCodeSchema = z.object({ code: z.string().regex(/^\d{6}$/), expiresAt: z.number() });

/**
 * A paired screen as the screens see it. A customer screen paired before counters were given has
 * no `counter`: it is shown no visitor's data, and must be paired again.
 */
export const PairedScreenSchema = z.object({
  id: z.string(),
  kind: z.enum(PAIRED_KINDS),
  counter: PairedCounterSchema.optional(),
  pairedAt: z.number(),
  revokedAt: z.number().nullable(),
});
export type PairedScreen = z.infer<typeof PairedScreenSchema>;
export const PairedScreenListSchema = z.array(PairedScreenSchema);

/** The browser host's route a screen posts its code to; the answer sets the credential cookie. */
export const PAIR_PATH = '/pair';
export const PAIRED_COOKIE = 'okienko-screen';
export const PairRequestSchema = z.object({ code: z.string().regex(/^\d{6}$/) }).strict();
/** What the pair route answers a redeemed code: what the screen now is, so its page opens its route. */
export const PairAnswerSchema = z.object({ kind: z.enum(PAIRED_KINDS), counter: PairedCounterSchema.optional() });
export type PairAnswer = z.infer<typeof PairAnswerSchema>;
