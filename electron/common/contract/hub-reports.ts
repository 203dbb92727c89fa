/**
 * A supervisor's report at the hub (electron/hub/reports.ts): the figures of a range of office days,
 * computed in SQL from every ticket the hub holds, in the session of a supervisor or an admin
 * (hub-access.ts ROUTE_ACCESS `reports`).
 *
 *   GET /api/v1/reports?from=YYYY-MM-DD&to=YYYY-MM-DD&target=15   → Report
 *
 * `from` is the first office day, `to` the day after the last ([from, to)). `target` is the target
 * wait in minutes: the screen starts from the office's (`targetWaitMinutes` of its configuration)
 * and may ask another; absent, the hub takes the office's, else 15. Durations are seconds. Definitions, for one ticket (one visit, transfers
 * included): wait = first call − issue; walk = start − the call or recall it answered; service =
 * the last done − the first start. Served: it has a done. No-show: not served, missed a call. Left:
 * never called, cancelled or expired. It counts for its first service (the queue it waited in) and
 * for the counter and clerk of the last event a counter took part in.
 */
import { z } from 'zod';

export const REPORTS_PATH = '/reports';
export const DEFAULT_TARGET_MINUTES = 15;
/** Two years: a year's report with room for a leap day and a comparison. */
export const MAX_REPORT_DAYS = 731;

const officeDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day is YYYY-MM-DD');

export const ReportQuerySchema = z
  .strictObject({
    from: officeDay,
    to: officeDay,
    /** Absent: the office's target wait (its configuration's `targetWaitMinutes`), else DEFAULT_TARGET_MINUTES. */
    target: z.coerce.number().int().min(1).max(480).optional(),
  })
  .refine((query) => query.from < query.to, { message: 'from must be before to', path: ['to'] })
  .refine((query) => daysBetween(query.from, query.to) <= MAX_REPORT_DAYS, {
    message: `a report spans at most ${MAX_REPORT_DAYS} days`,
    path: ['to'],
  });
export type ReportQuery = z.infer<typeof ReportQuerySchema>;

function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}

/** Seconds; null when no ticket of the group has the duration. */
export const MeanSchema = z.strictObject({
  mean: z.number().nullable(),
  longest: z.number().nullable(),
});
export type Mean = z.infer<typeof MeanSchema>;

/** The mean and longest, and the median and 90th percentile (`percentile_cont`, interpolated). */
export const SpreadSchema = MeanSchema.extend({
  median: z.number().nullable(),
  p90: z.number().nullable(),
});
export type Spread = z.infer<typeof SpreadSchema>;

export const CountsSchema = z.strictObject({
  tickets: z.number().int().min(0),
  served: z.number().int().min(0),
  noShow: z.number().int().min(0),
  left: z.number().int().min(0),
  /** Tickets called at least once: the wait is known for these. */
  called: z.number().int().min(0),
  /** Of those called, called within the target wait. */
  withinTarget: z.number().int().min(0),
  /** noShow / tickets, left / tickets, withinTarget / called; null when the divisor is 0. */
  noShowRate: z.number().nullable(),
  leftRate: z.number().nullable(),
  withinTargetShare: z.number().nullable(),
});
export type Counts = z.infer<typeof CountsSchema>;

/**
 * A group's figures: the counts; the wait's mean, median, 90th percentile and longest; the walk's
 * and the service's mean and longest. (The medians of the walk and the service, per counter and
 * clerk too, would be more sorts of the year than a report within a second leaves room for; the
 * wait is what the office measures itself by.)
 */
export const FiguresSchema = CountsSchema.extend({
  waitTime: SpreadSchema,
  walkTime: MeanSchema,
  serviceTime: MeanSchema,
});
export type Figures = z.infer<typeof FiguresSchema>;

export const AppointmentFiguresSchema = z.strictObject({
  booked: z.number().int().min(0),
  /** Checked in: the visitor came. */
  kept: z.number().int().min(0),
  /** No-show: not checked in by the slot and its grace. */
  missed: z.number().int().min(0),
  cancelled: z.number().int().min(0),
});
export type AppointmentFigures = z.infer<typeof AppointmentFiguresSchema>;

/**
 * Visitors' answers to the five-face question at the end of a visit (domain/satisfaction.ts):
 * anonymous, one per visit, counted by the office day and the service of the visit.
 */
export const SatisfactionFiguresSchema = z.strictObject({
  answers: z.number().int().min(0),
  /** How many answered 1 (very unhappy) … 5 (very happy): always five numbers. */
  byScore: z.array(z.number().int().min(0)).length(5),
  /** The mean score, 1–5; null with no answers. */
  mean: z.number().nullable(),
  /** Answers of 4 or 5 / answers; null with no answers. */
  satisfiedShare: z.number().nullable(),
  /** How often each optional reason (a code of domain/satisfaction.ts) was picked, most often first. */
  reasons: z.array(z.strictObject({ reason: z.string(), count: z.number().int().min(0) })),
});
export type SatisfactionFigures = z.infer<typeof SatisfactionFiguresSchema>;

export const ReportSchema = z.strictObject({
  from: z.string(),
  to: z.string(),
  targetMinutes: z.number(),
  /** The office's time zone. `byHour` counts in the zone the office had when each ticket was written. */
  timeZone: z.string(),
  overall: FiguresSchema,
  byService: z.array(FiguresSchema.extend({ service: z.string() })),
  /** Only tickets a counter dealt with. */
  byCounter: z.array(FiguresSchema.extend({ counter: z.number().int() })),
  /**
   * By the clerk's login; only for a supervisor or an admin, whose screen shows the notice that staff
   * know they are measured. null for anyone else.
   */
  byClerk: z.array(FiguresSchema.extend({ clerk: z.string() })).nullable(),
  /** By the hour of the day the ticket was issued (0–23, office time): counts only. */
  byHour: z.array(CountsSchema.extend({ hour: z.number().int().min(0).max(23) })),
  /** Tickets per service and hour of the day. */
  byServiceHour: z.array(z.strictObject({ service: z.string(), hour: z.number().int(), tickets: z.number().int() })),
  appointments: AppointmentFiguresSchema,
  appointmentsByService: z.array(AppointmentFiguresSchema.extend({ service: z.string() })),
  /** Visitors' satisfaction, of the whole office and by service. */
  satisfaction: SatisfactionFiguresSchema,
  satisfactionByService: z.array(SatisfactionFiguresSchema.extend({ service: z.string() })),
});
export type Report = z.infer<typeof ReportSchema>;
