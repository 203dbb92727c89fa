/**
 * The station's ticket printer: opens the configured device, keeps its state for the screens,
 * lays tickets out and prints them, and turns the driver's failures into contract errors a clerk's
 * screen can explain. It never reprints by itself; a failed or doubtful print is reported and a
 * person decides.
 */
import { randomUUID } from 'node:crypto';
import type { UnknownPrintJob } from '../common/contract/devices';
import type { PrintJob, PrinterState, PrinterStatus, TicketPrintout } from '../common/contract/printer';
import { ContractFailure, type ErrorCode } from '../common/contract/result';
import type { PrinterSettings } from '../common/contract/settings';
import {
  PrintFailure,
  type PrinterCondition,
  type PrintFailureReason,
  type TicketLayoutInput,
  type TicketPrinter,
} from '../../native/printer/ticket-printer';
import type { UnknownJob } from '../../native/printer/robust-printer';
import { describeError, type Logger } from './log';
import type { StoredUnknownJob, UnknownJobsStore } from './unknown-jobs-store';

export interface PrinterServiceDeps {
  readonly settings: PrinterSettings | null;
  /** Opens the device and returns a driver; rejects when the device cannot be opened. */
  readonly open: (settings: PrinterSettings) => Promise<TicketPrinter>;
  readonly layout: (input: TicketLayoutInput, settings: PrinterSettings) => Uint8Array;
  readonly layoutSelfTest?: (settings: PrinterSettings) => Uint8Array;
  readonly log: Logger;
  readonly now: () => number;
  readonly onState: (state: PrinterState) => void;
  /** The jobs whose outcome is unknown, whenever that list changes. */
  readonly onUnknownJobs?: (jobs: UnknownPrintJob[]) => void;
  /** How often an idle printer is asked for its status; 0 turns the heartbeat off. */
  readonly heartbeatMs: number;
  /** Where unknown jobs outlive a restart of the station; without it they live in memory only. */
  readonly jobsStore?: UnknownJobsStore;
}

const FAILURE_CODES: Record<PrintFailureReason, ErrorCode> = {
  'paper-out': 'PRINTER_PAPER_OUT',
  'cover-open': 'PRINTER_COVER_OPEN',
  offline: 'PRINTER_OFFLINE',
  'no-answer': 'PRINTER_OFFLINE',
  disconnected: 'PRINTER_OFFLINE',
  error: 'PRINTER_ERROR',
  unconfirmed: 'PRINT_UNCONFIRMED',
};

/**
 * A printer that keeps its own line: reconnects with back-off, asks how the printer is while
 * idle, and remembers jobs sent but never confirmed (`robust-printer.ts`). The service then only
 * reports; it neither closes it on a lost line nor asks it for status itself.
 */
interface SelfHealingPrinter extends TicketPrinter {
  readonly linkState: 'connecting' | 'connected' | 'reconnecting' | 'closed';
  onLinkState(listener: () => void): () => void;
  unknownJobs(): readonly UnknownJob[];
  onUnknownJob(listener: (job: UnknownJob) => void): () => void;
  onJobResolved(listener: () => void): () => void;
  resolveUnknownJob(jobId: string, outcome: 'printed' | 'not-printed'): boolean;
}

const isSelfHealing = (driver: TicketPrinter | null): driver is SelfHealingPrinter =>
  driver !== null && 'onLinkState' in driver && 'unknownJobs' in driver;

/** The word printed above the number of a reprint, in the ticket's language. */
const DUPLICATE: Record<TicketPrintout['language'], string> = { pl: 'DUPLIKAT', en: 'DUPLICATE', uk: 'ДУБЛІКАТ' };

/** Printouts kept for a possible reprint (no personal data: a ticket carries none). */
const KEPT_PRINTOUTS = 200;

const FAILURE_STATUS: Partial<Record<PrintFailureReason, PrinterStatus>> = {
  'paper-out': 'paper-out',
  'cover-open': 'cover-open',
  offline: 'offline',
  'no-answer': 'no-answer',
  disconnected: 'no-answer',
  error: 'error',
};

export class PrinterService {
  private driver: TicketPrinter | null = null;
  private opening: Promise<TicketPrinter | null> | null = null;
  private current: PrinterState;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private busy = false;
  private readonly printouts = new Map<string, TicketPrintout>();
  /** Unknown jobs from before the station's last restart: the driver of today never sent them. */
  private carried: StoredUnknownJob[] = [];
  /** Unknown jobs a person is settling right now (see resolveJob). */
  private readonly resolving = new Set<string>();
  /** Done once the jobs of the previous run are loaded. */
  readonly restored: Promise<void>;
  /** The last write of the job list; closing waits for it. */
  private saving: Promise<void> = Promise.resolve();

  constructor(private readonly deps: PrinterServiceDeps) {
    this.restored = this.restore();
    this.current = {
      status: deps.settings ? 'no-answer' : 'not-configured',
      checkedAt: new Date(deps.now()).toISOString(),
      ...this.device(),
    };
    if (deps.settings && deps.heartbeatMs > 0) {
      this.heartbeat = setInterval(() => {
        if (!this.busy) void this.refresh();
      }, deps.heartbeatMs);
      this.heartbeat.unref?.();
    }
  }

  state(): PrinterState {
    return this.current;
  }

  /** Ask the printer now and publish what it says. */
  async refresh(): Promise<PrinterState> {
    const settings = this.deps.settings;
    if (!settings) return this.current;
    const driver = await this.connect(settings);
    if (!driver) return this.current;
    const condition = await driver.condition();
    this.publish(condition);
    return this.current;
  }

  async printTicket(printout: TicketPrintout): Promise<PrintJob> {
    const settings = this.deps.settings;
    if (!settings)
      throw new ContractFailure('PRINTER_NOT_CONFIGURED', 'No ticket printer is configured on this workstation');
    this.busy = true;
    try {
      const driver = await this.connect(settings);
      if (!driver)
        throw new ContractFailure('PRINTER_OFFLINE', `Printer ${this.device().device ?? ''} cannot be opened`);
      const bytes = this.layoutOf(printout, settings);
      this.remember(printout);
      try {
        const receipt = await driver.print(bytes, { tag: printout.ticketId });
        this.publish(receipt.warning ?? 'ready');
        this.deps.log.info('ticket printed', {
          ticket: printout.ticketId,
          bytes: receipt.bytes,
          ms: Math.round(receipt.elapsedMs),
        });
        return {
          jobId: receipt.jobId || randomUUID(),
          bytes: receipt.bytes,
          confirmedAt: new Date(this.deps.now()).toISOString(),
          ...(receipt.warning ? { warning: receipt.warning } : {}),
        };
      } catch (error) {
        if (!(error instanceof PrintFailure)) throw error;
        this.deps.log.warn('ticket not printed', { ticket: printout.ticketId, reason: error.reason });
        if (error.reason === 'disconnected' && !isSelfHealing(driver)) await this.drop();
        this.failed(error);
      }
    } finally {
      this.busy = false;
    }
  }

  /** Jobs sent but never confirmed, when the driver keeps them (a person decides about each). */
  unknownJobs(): UnknownPrintJob[] {
    return [...this.driverJobs(), ...this.carried.map(({ printout: _printout, ...job }) => job)];
  }

  private driverJobs(): UnknownPrintJob[] {
    const driver = this.driver;
    if (!isSelfHealing(driver)) return [];
    return driver.unknownJobs().map((job) => {
      const printout = job.tag ? this.printouts.get(job.tag) : undefined;
      return {
        jobId: job.jobId,
        ...(job.tag ? { ticketId: job.tag } : {}),
        ...(printout ? { number: printout.number } : {}),
        at: new Date(job.at).toISOString(),
        bytes: job.bytes,
        reason: job.reason,
      };
    });
  }

  /**
   * A person's decision about an unknown job: it came out, it did not, or print it again now —
   * marked as a duplicate, with the same number (the visitor keeps their place).
   */
  async resolveJob(
    jobId: string,
    outcome: 'printed' | 'not-printed' | 'reprint',
  ): Promise<{ resolved: boolean; reprint?: PrintJob }> {
    await this.restored;
    // The job stays listed until its duplicate's end is confirmed (seconds): a second press in
    // that time must not print a second duplicate.
    if (this.resolving.has(jobId)) throw new ContractFailure('DEVICE_BUSY', 'This print job is being settled already');
    this.resolving.add(jobId);
    try {
      return await this.settleJob(jobId, outcome);
    } finally {
      this.resolving.delete(jobId);
    }
  }

  private async settleJob(
    jobId: string,
    outcome: 'printed' | 'not-printed' | 'reprint',
  ): Promise<{ resolved: boolean; reprint?: PrintJob }> {
    const carried = this.carried.find((candidate) => candidate.jobId === jobId);
    if (carried) return this.resolveCarried(carried, outcome);
    const driver = this.driver;
    const settings = this.deps.settings;
    if (!isSelfHealing(driver) || !settings) return { resolved: false };
    const job = driver.unknownJobs().find((candidate) => candidate.jobId === jobId);
    if (!job) return { resolved: false };
    if (outcome !== 'reprint') {
      const resolved = driver.resolveUnknownJob(jobId, outcome);
      this.deps.log.info('unknown print job settled', { job: jobId, outcome });
      return { resolved };
    }
    const printout = job.tag ? this.printouts.get(job.tag) : undefined;
    if (!printout)
      throw new ContractFailure(
        'PRINT_JOB_GONE',
        'The ticket of this job is no longer known here; reprint it from the counter',
      );
    const duplicate = { ...printout, duplicate: DUPLICATE[printout.language] };
    try {
      const receipt = await driver.print(this.layoutOf(duplicate, settings), {
        tag: printout.ticketId,
        duplicateOf: jobId,
      });
      this.publish(receipt.warning ?? 'ready');
      this.deps.log.info('duplicate printed', { ticket: printout.ticketId, duplicateOf: jobId });
      return {
        resolved: true,
        reprint: { jobId: receipt.jobId, bytes: receipt.bytes, confirmedAt: new Date(this.deps.now()).toISOString() },
      };
    } catch (error) {
      this.failed(error);
    }
  }

  /** A job from before the restart: settled here, or printed again as a duplicate through today's driver. */
  private async resolveCarried(
    job: StoredUnknownJob,
    outcome: 'printed' | 'not-printed' | 'reprint',
  ): Promise<{ resolved: boolean; reprint?: PrintJob }> {
    let reprint: PrintJob | undefined;
    if (outcome === 'reprint') {
      const settings = this.deps.settings;
      if (!job.printout)
        throw new ContractFailure(
          'PRINT_JOB_GONE',
          'The ticket of this job is no longer known here; reprint it from the counter',
        );
      if (!settings)
        throw new ContractFailure('PRINTER_NOT_CONFIGURED', 'No ticket printer is configured on this workstation');
      const driver = await this.connect(settings);
      if (!driver)
        throw new ContractFailure('PRINTER_OFFLINE', `Printer ${this.device().device ?? ''} cannot be opened`);
      const duplicate = { ...job.printout, duplicate: DUPLICATE[job.printout.language] };
      try {
        const receipt = await driver.print(this.layoutOf(duplicate, settings), { tag: job.printout.ticketId });
        this.publish(receipt.warning ?? 'ready');
        reprint = { jobId: receipt.jobId, bytes: receipt.bytes, confirmedAt: new Date(this.deps.now()).toISOString() };
        this.deps.log.info('duplicate printed', { ticket: job.printout.ticketId, duplicateOf: job.jobId });
      } catch (error) {
        this.failed(error);
      }
    } else {
      this.deps.log.info('unknown print job settled', { job: job.jobId, outcome, fromEarlierRun: true });
    }
    this.carried = this.carried.filter((candidate) => candidate.jobId !== job.jobId);
    this.jobsChanged();
    return reprint ? { resolved: true, reprint } : { resolved: true };
  }

  private async restore(): Promise<void> {
    const store = this.deps.jobsStore;
    if (!store) return;
    this.carried = await store.load();
    if (this.carried.length > 0) {
      this.deps.log.warn('unknown print jobs from before the restart', { jobs: this.carried.length });
      this.deps.onUnknownJobs?.(this.unknownJobs());
    }
  }

  /** Tells the screens and writes the list down, printouts included (for a duplicate after a restart). */
  private jobsChanged(): void {
    this.deps.onUnknownJobs?.(this.unknownJobs());
    const store = this.deps.jobsStore;
    if (!store) return;
    // After the restore, or the jobs of the previous run would be written over before they are read.
    this.saving = this.restored.then(() => {
      const current = this.driverJobs().map((job) => {
        const printout = job.ticketId ? this.printouts.get(job.ticketId) : undefined;
        return printout ? { ...job, printout } : job;
      });
      return store.save([...current, ...this.carried]);
    });
  }

  /** Where the printer's line is, for the device screen. */
  connection(): 'connecting' | 'connected' | 'reconnecting' | 'disconnected' {
    const driver = this.driver;
    if (isSelfHealing(driver)) return driver.linkState === 'closed' ? 'disconnected' : driver.linkState;
    return this.current.status === 'no-answer' ? 'disconnected' : 'connected';
  }

  /** The self-test page: every Polish letter in the printer's code page, the model and the line. */
  async printSelfTest(): Promise<PrintJob> {
    const settings = this.deps.settings;
    if (!settings)
      throw new ContractFailure('PRINTER_NOT_CONFIGURED', 'No ticket printer is configured on this workstation');
    if (!this.deps.layoutSelfTest) throw new ContractFailure('INTERNAL', 'No self-test page for this printer');
    const driver = await this.connect(settings);
    if (!driver) throw new ContractFailure('PRINTER_OFFLINE', `Printer ${this.device().device ?? ''} cannot be opened`);
    try {
      const receipt = await driver.print(this.deps.layoutSelfTest(settings));
      this.publish(receipt.warning ?? 'ready');
      return { jobId: receipt.jobId, bytes: receipt.bytes, confirmedAt: new Date(this.deps.now()).toISOString() };
    } catch (error) {
      this.failed(error);
    }
  }

  async close(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    await this.drop();
    await this.saving;
  }

  private device(): { device?: string } {
    const settings = this.deps.settings;
    if (!settings) return {};
    return {
      device:
        settings.transport === 'serial'
          ? `${settings.path} @ ${settings.baudRate}`
          : `${settings.transport}:${settings.path}`,
    };
  }

  private layoutOf(printout: TicketPrintout, settings: PrinterSettings): Uint8Array {
    return this.deps.layout(
      {
        office: printout.office,
        service: printout.service,
        number: printout.number,
        issued: printout.issued,
        lines: printout.lines,
        qr: printout.qr,
        note: printout.note,
        duplicate: printout.duplicate,
      },
      settings,
    );
  }

  private remember(printout: TicketPrintout): void {
    this.printouts.delete(printout.ticketId);
    this.printouts.set(printout.ticketId, printout);
    if (this.printouts.size > KEPT_PRINTOUTS) {
      const oldest = this.printouts.keys().next().value;
      if (oldest !== undefined) this.printouts.delete(oldest);
    }
  }

  private async connect(settings: PrinterSettings): Promise<TicketPrinter | null> {
    if (this.driver) return this.driver;
    this.opening ??= this.deps
      .open(settings)
      .then((driver) => {
        this.driver = driver;
        driver.onCondition((condition) => this.publish(condition));
        if (isSelfHealing(driver)) {
          // The driver keeps its own heartbeat and line; the service only listens.
          if (this.heartbeat) clearInterval(this.heartbeat);
          this.heartbeat = null;
          driver.onUnknownJob(() => this.jobsChanged());
          driver.onJobResolved(() => this.jobsChanged());
          driver.onLinkState(() => this.deps.onState(this.current));
        }
        return driver;
      })
      .catch((error: unknown) => {
        this.deps.log.warn('printer cannot be opened', { device: settings.path, error: describeError(error) });
        this.publish('no-answer');
        return null;
      })
      .finally(() => {
        this.opening = null;
      });
    return this.opening;
  }

  private async drop(): Promise<void> {
    const driver = this.driver;
    this.driver = null;
    if (driver) await driver.close().catch(() => undefined);
  }

  /** A driver's failure as the contract error a screen explains, after publishing what it says of the printer. */
  private failed(error: unknown): never {
    if (!(error instanceof PrintFailure)) throw error;
    const status = FAILURE_STATUS[error.reason];
    if (status) this.publish(status);
    // Bytes of the ticket went out before the line failed: it may be on paper. "Not printed" would
    // send the clerk to print it again; "check whether it came out" is the truth.
    throw new ContractFailure(error.sent ? 'PRINT_UNCONFIRMED' : FAILURE_CODES[error.reason], error.message);
  }

  private publish(condition: PrinterCondition | PrinterStatus): void {
    const changed = condition !== this.current.status;
    this.current = { status: condition, checkedAt: new Date(this.deps.now()).toISOString(), ...this.device() };
    if (changed) this.deps.onState(this.current);
  }
}
