/**
 * The ticket printer as the station sees it. One implementation speaks ESC/POS over a BytePort
 * (`ticket-printer.escpos.ts`); the simulator (`ticket-printer.sim.ts`) speaks the printer's side.
 */
import type { PrinterStatus } from '../../electron/common/contract/printer';

/**
 * The printer's condition from its DLE EOT answers, or `no-answer` when it did not reply in time:
 * the statuses the screens know but `not-configured`, which only the station can conclude.
 */
export type PrinterCondition = Exclude<PrinterStatus, 'not-configured'>;

/** Why a print was refused or is in doubt. `unconfirmed`: sent, but the fence never came back. */
export type PrintFailureReason =
  'paper-out' | 'cover-open' | 'offline' | 'error' | 'no-answer' | 'unconfirmed' | 'disconnected';

export interface PrintFailureDetails {
  /** What the printer said when the failure was decided: the cause behind `unconfirmed`. */
  readonly condition?: PrinterCondition | undefined;
  /**
   * Whether the ticket's bytes may have reached the printer. When true the ticket may be on paper:
   * a reprint must be marked as a duplicate and keep the number.
   */
  readonly sent?: boolean | undefined;
  /** The job's id (its fence id) when its bytes were sent, to match a late confirmation. */
  readonly jobId?: string | undefined;
}

export class PrintFailure extends Error {
  readonly condition: PrinterCondition | undefined;
  readonly sent: boolean;
  readonly jobId: string | undefined;

  constructor(
    readonly reason: PrintFailureReason,
    message: string,
    details: PrintFailureDetails = {},
  ) {
    super(message);
    this.name = 'PrintFailure';
    this.condition = details.condition;
    this.sent = details.sent ?? false;
    this.jobId = details.jobId;
  }
}

export interface PrintReceipt {
  readonly jobId: string;
  readonly bytes: number;
  /** Milliseconds from the first byte written to the fence answer. */
  readonly elapsedMs: number;
  /** Set when the printer printed but wants attention soon. */
  readonly warning?: 'paper-near-end';
  /** The caller's tag (`PrintOptions.tag`), e.g. the ticket id. */
  readonly tag?: string;
  /** Set on a reprint a person asked for: the job this one duplicates. */
  readonly duplicateOf?: string;
}

/** What the caller says about a job; the printer passes it through to receipts and records. */
export interface PrintOptions {
  /** The caller's own reference, e.g. the ticket id; never personal data. */
  readonly tag?: string | undefined;
  /**
   * Marks a reprint a person decided on: the id of the job it repeats (usually one whose outcome
   * was unknown). The bytes must already carry the duplicate mark (`TicketLayoutInput.duplicate`)
   * and the same number.
   */
  readonly duplicateOf?: string | undefined;
}

export interface TicketPrinter {
  /** Ask the printer (DLE EOT 1..4) how it is. Never throws: a silent printer is `no-answer`. */
  condition(): Promise<PrinterCondition>;
  /**
   * Check the condition, send the bytes, and wait for the completion fence. Resolves only when the
   * printer confirmed; rejects with a PrintFailure otherwise. Never retries by itself.
   */
  print(job: Uint8Array, options?: PrintOptions): Promise<PrintReceipt>;
  /** Called whenever a status check finds a condition different from the last one. */
  onCondition(listener: (condition: PrinterCondition) => void): () => void;
  close(): Promise<void>;
}

/** The ticket as laid out for paper; the words arrive already in the visitor's language. */
export interface TicketLayoutInput {
  readonly office: string;
  readonly service: string;
  readonly number: string;
  readonly issued: string;
  readonly lines: readonly string[];
  readonly qr?: string | undefined;
  readonly note?: string | undefined;
  /** Set on a reprint: the word printed above the number ("DUPLIKAT"), in the visitor's language. */
  readonly duplicate?: string | undefined;
}
