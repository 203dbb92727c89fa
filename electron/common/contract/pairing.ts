/** Pairing a screen on another machine with a workstation (electron/station/pairing.ts). */
import { z } from 'zod';
import { PAIRED_KINDS } from '../access/subjects';

export const PairingStartSchema = z.object({ kind: z.enum(PAIRED_KINDS) }).strict();
export const PairingCodeSchema = z.object({ code: z.string().regex(/^\d{6}$/), expiresAt: z.number() });

export const PairedScreenSchema = z.object({
  id: z.string(),
  kind: z.enum(PAIRED_KINDS),
  pairedAt: z.number(),
  revokedAt: z.number().nullable(),
});
export type PairedScreen = z.infer<typeof PairedScreenSchema>;
export const PairedScreenListSchema = z.array(PairedScreenSchema);

/** The browser host's route a screen posts its code to; the answer sets the credential cookie. */
export const PAIR_PATH = '/pair';
export const PAIRED_COOKIE = 'okienko-screen';
export const PairRequestSchema = z.object({ code: z.string().regex(/^\d{6}$/) }).strict();
