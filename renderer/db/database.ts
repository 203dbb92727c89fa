/**
 * The workstation's local database: RxDB on Dexie (IndexedDB). Every window of the workstation
 * opens the same database; RxDB's multi-instance channel keeps them live with each other, so a
 * ticket issued at the kiosk window appears at the counter and on the board at once, with no
 * network at all.
 */
import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase, type RxStorage } from 'rxdb';
import { RxDBLeaderElectionPlugin } from 'rxdb/plugins/leader-election';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import {
  alertSchema,
  appointmentSchema,
  assistanceRecordSchema,
  assistedSessionSchema,
  counterSchema,
  noticeSchema,
  officeSchema,
  satisfactionSchema,
  sequenceSchema,
  serviceSchema,
  ticketSchema,
  type AlertDoc,
  type AppointmentDoc,
  type AssistanceRecordDoc,
  type AssistedSessionDoc,
  type CounterDoc,
  type NoticeDoc,
  type OfficeDoc,
  type SatisfactionDoc,
  type SequenceDoc,
  type ServiceDoc,
  type TicketDoc,
} from './schemas';
import { conflictHandlers } from './sync/conflicts';

export interface OkienkoCollections {
  office: RxCollection<OfficeDoc>;
  services: RxCollection<ServiceDoc>;
  counters: RxCollection<CounterDoc>;
  tickets: RxCollection<TicketDoc>;
  sequences: RxCollection<SequenceDoc>;
  alerts: RxCollection<AlertDoc>;
  appointments: RxCollection<AppointmentDoc>;
  notices: RxCollection<NoticeDoc>;
  assistedSessions: RxCollection<AssistedSessionDoc>;
  assistanceRecords: RxCollection<AssistanceRecordDoc>;
  satisfaction: RxCollection<SatisfactionDoc>;
}

export type OkienkoDatabase = RxDatabase<OkienkoCollections>;

export interface DatabaseOptions {
  readonly name?: string;
  /** Defaults to Dexie on the page's IndexedDB; tests pass Dexie on fake-indexeddb, wrapped in a validator. */
  readonly storage?: RxStorage<unknown, unknown>;
  readonly multiInstance?: boolean;
  /**
   * `queue`: without the assisted-session collections and the notices. Only for tests that open two
   * workstations' databases in one process: open-source RxDB allows 13 collections at a time per
   * process (14 with its grace), two queue databases hold 14, and a window opens one database of ten. Every window of a real workstation opens all of them, since
   * whichever window leads runs the replication of every collection.
   */
  readonly collections?: 'all' | 'queue';
}

export const DATABASE_NAME = 'okienko';

// With several windows on one database, one of them (the leader) runs the hub replication and
// shares its status with the others through a local (never replicated) document.
addRxPlugin(RxDBLeaderElectionPlugin);
addRxPlugin(RxDBLocalDocumentsPlugin);
// A collection whose schema got a new version migrates the documents a workstation already holds.
addRxPlugin(RxDBMigrationSchemaPlugin);

/**
 * Tickets 0 → 1 added optional fields to an event's actor (`user`, `offline`): every stored ticket
 * is already valid as it is.
 */
const TICKET_MIGRATIONS = { 1: (ticket: TicketDoc) => ticket };
/**
 * Version 1 of a service only adds the optional `eservices`; version 2 the optional accepted
 * priority reasons, limits, search words and availability rules.
 */
const SERVICE_MIGRATIONS = { 1: (service: ServiceDoc) => service, 2: (service: ServiceDoc) => service };
/** Office 0 → 1 added the optional address, opening hours and closures. */
const OFFICE_MIGRATIONS = { 1: (office: OfficeDoc) => office, 2: (office: OfficeDoc) => office };
/**
 * Assisted sessions 0 → 1 added the optional signature image to the signing (`signing.svg`): every
 * stored session is already valid as it is (one signed before keeps no image).
 */
const ASSISTED_SESSION_MIGRATIONS = { 1: (session: AssistedSessionDoc) => session };
/**
 * Appointments 0 → 1 added the state `no-show` and the optional availability rule: every stored
 * appointment is already valid as it is.
 */
const APPOINTMENT_MIGRATIONS = { 1: (appointment: AppointmentDoc) => appointment };

export async function createOkienkoDatabase(options: DatabaseOptions = {}): Promise<OkienkoDatabase> {
  const db = await createRxDatabase<OkienkoCollections>({
    name: options.name ?? DATABASE_NAME,
    storage: (options.storage ?? getRxStorageDexie()) as RxStorage<unknown, unknown>,
    multiInstance: options.multiInstance ?? true,
    localDocuments: true,
    eventReduce: true,
    // React's development double-mount opens the database twice in one page; reuse, do not throw.
    closeDuplicates: true,
  });
  // Conflict handlers decide what happens when a change meets another at the hub: see sync/conflicts.ts.
  await db.addCollections({
    office: { schema: officeSchema, conflictHandler: conflictHandlers.office, migrationStrategies: OFFICE_MIGRATIONS },
    services: {
      schema: serviceSchema,
      conflictHandler: conflictHandlers.services,
      migrationStrategies: SERVICE_MIGRATIONS,
    },
    counters: { schema: counterSchema, conflictHandler: conflictHandlers.counters },
    tickets: {
      schema: ticketSchema,
      conflictHandler: conflictHandlers.tickets,
      migrationStrategies: TICKET_MIGRATIONS,
    },
    sequences: { schema: sequenceSchema },
    alerts: { schema: alertSchema, conflictHandler: conflictHandlers.alerts },
    appointments: {
      schema: appointmentSchema,
      conflictHandler: conflictHandlers.appointments,
      migrationStrategies: APPOINTMENT_MIGRATIONS,
    },
  });
  if (options.collections !== 'queue') {
    await db.addCollections({
      notices: { schema: noticeSchema, conflictHandler: conflictHandlers.notices },
      assistedSessions: {
        schema: assistedSessionSchema,
        conflictHandler: conflictHandlers.assistedSessions,
        migrationStrategies: ASSISTED_SESSION_MIGRATIONS,
      },
      assistanceRecords: { schema: assistanceRecordSchema, conflictHandler: conflictHandlers.assistanceRecords },
      // Visitors' answers (domain/satisfaction.ts): not in `queue`, for the per-process limit above.
      satisfaction: { schema: satisfactionSchema, conflictHandler: conflictHandlers.satisfaction },
    });
  }
  return db;
}
