import { z } from 'zod';

/**
 * What the station knows about the ticket printer. `status` is the printer's own answer to
 * DLE EOT; `not-configured` and `no-answer` are what the station concludes when there is nothing to
 * ask or nobody answers.
 */
export const PRINTER_STATUSES = [
  'ready',
  'paper-near-end',
  'paper-out',
  'cover-open',
  'offline',
  'error',
  'no-answer',
  'not-configured',
] as const;
export const PrinterStatusSchema = z.enum(PRINTER_STATUSES);
export type PrinterStatus = z.infer<typeof PrinterStatusSchema>;

export const PrinterStateSchema = z.object({
  status: PrinterStatusSchema,
  /** Where the printer is configured, for the supervisor's screen (never personal data). */
  device: z.string().optional(),
  checkedAt: z.string(),
});
export type PrinterState = z.infer<typeof PrinterStateSchema>;

const line = z.string().max(200);

/**
 * A ticket to print, already in the visitor's language: the renderer owns the words, the station
 * owns the layout and the bytes.
 */
export const TicketPrintoutSchema = z
  .object({
    ticketId: z.string().min(1).max(100),
    language: z.enum(['pl', 'en', 'uk']),
    office: line,
    service: line,
    number: z.string().min(1).max(12),
    issued: line,
    lines: z.array(line).max(8),
    qr: z.string().max(300).optional(),
    note: line.optional(),
    /** Set on a reprint by a person: the word printed above the number ("DUPLIKAT"). */
    duplicate: line.optional(),
  })
  .strict();
export type TicketPrintout = z.infer<typeof TicketPrintoutSchema>;

export const PrintJobSchema = z.object({
  jobId: z.string(),
  bytes: z.number().int(),
  confirmedAt: z.string(),
  /** A warning the supervisor should see although the ticket printed (paper near end). */
  warning: z.enum(['paper-near-end']).optional(),
});
export type PrintJob = z.infer<typeof PrintJobSchema>;
