/**
 * Satisfaction: the visitor's five-face question at the end of a visit.
 * Merged into the dictionaries in pl.ts / en.ts / uk.ts; Polish is the source here too.
 */
export const satisfactionPl = {} as const;

export const satisfactionEn: Record<keyof typeof satisfactionPl, string> = {};

export const satisfactionUk: Record<keyof typeof satisfactionPl, string> = {};
