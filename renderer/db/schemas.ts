/**
 * The RxDB view of the shared schemas in domain/schemas.ts: the same objects, typed for RxDB,
 * whose type checks every field name against the document type.
 */
import type { RxJsonSchema } from 'rxdb';
import * as shared from '../../electron/common/domain/schemas';
import type {
  AlertDoc,
  AppointmentDoc,
  CounterDoc,
  OfficeDoc,
  SequenceDoc,
  ServiceDoc,
  TicketDoc,
} from '../../electron/common/domain/schemas';

export type {
  AlertDoc,
  AlertKind,
  AppointmentDoc,
  CounterDoc,
  CounterMode,
  OfficeDoc,
  PriorityReason,
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
export const appointmentSchema = shared.appointmentSchema as unknown as RxJsonSchema<AppointmentDoc>;
