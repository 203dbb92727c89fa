/**
 * Reports: the supervisor's report screen, its charts, tables and exports.
 * Merged into the dictionaries in pl.ts / en.ts / uk.ts; Polish is the source here too.
 */
export const reportsPl = {} as const;

export const reportsEn: Record<keyof typeof reportsPl, string> = {};

export const reportsUk: Record<keyof typeof reportsPl, string> = {};
