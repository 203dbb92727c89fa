/**
 * "Your turn is near": the kiosk's optional contact step and its messages.
 * Merged into the dictionaries in pl.ts / en.ts / uk.ts; Polish is the source here too.
 */
export const turnNearPl = {} as const;

export const turnNearEn: Record<keyof typeof turnNearPl, string> = {};

export const turnNearUk: Record<keyof typeof turnNearPl, string> = {};
