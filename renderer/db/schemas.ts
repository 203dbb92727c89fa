/**
 * The RxDB view of the shared schemas in electron/common/domain/schemas.ts: the same objects,
 * retyped for RxDB. The casts assert, they do not check: the shared schemas are typed loosely
 * (electron/common cannot import rxdb), so the compiler never compares their field names with the
 * document types. A mismatch shows at run time instead: the unit tests open the database with ajv
 * validation and RxDB's dev-mode (test/support/memory-db.ts), and the hub refuses a pushed document
 * that breaks its schema (extra top-level fields included).
 */
import type { RxJsonSchema } from 'rxdb';
import * as shared from '../../electron/common/domain/schemas';
import type {
  AlertDoc,
  AppointmentDoc,
  AssistanceRecordDoc,
  AssistedSessionDoc,
  CounterDoc,
  NoticeDoc,
  OfficeDoc,
  SatisfactionDoc,
  SequenceDoc,
  ServiceDoc,
  TicketDoc,
} from '../../electron/common/domain/schemas';

export type {
  AlertDoc,
  AlertKind,
  AppointmentDoc,
  AssistanceRecordDoc,
  AssistedSessionDoc,
  CounterDoc,
  CounterMode,
  NoticeDoc,
  OfficeDoc,
  PriorityReason,
  SatisfactionDoc,
  SequenceDoc,
  ServiceDoc,
  TicketDoc,
} from '../../electron/common/domain/schemas';

export const officeSchema = shared.officeSchema as unknown as RxJsonSchema<OfficeDoc>;
export const serviceSchema = shared.serviceSchema as unknown as RxJsonSchema<ServiceDoc>;
export const counterSchema = shared.counterSchema as unknown as RxJsonSchema<CounterDoc>;
export const ticketSchema = shared.ticketSchema as unknown as RxJsonSchema<TicketDoc>;
export const sequenceSchema = shared.sequenceSchema as unknown as RxJsonSchema<SequenceDoc>;
export const alertSchema = shared.alertSchema as unknown as RxJsonSchema<AlertDoc>;
export const noticeSchema = shared.noticeSchema as unknown as RxJsonSchema<NoticeDoc>;
export const appointmentSchema = shared.appointmentSchema as unknown as RxJsonSchema<AppointmentDoc>;
export const assistedSessionSchema = shared.assistedSessionSchema as unknown as RxJsonSchema<AssistedSessionDoc>;
export const assistanceRecordSchema = shared.assistanceRecordSchema as unknown as RxJsonSchema<AssistanceRecordDoc>;
export const satisfactionSchema = shared.satisfactionSchema as unknown as RxJsonSchema<SatisfactionDoc>;
