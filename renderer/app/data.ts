/** Live views of the local database shared by the screens. */
import { map } from 'rxjs';
import type { AlertDoc, AppointmentDoc, CounterDoc, NoticeDoc, OfficeDoc, ServiceDoc, TicketDoc } from '../db/schemas';
import { officeDay } from '../../electron/common/domain/office-time';
import { useNow, useObservable } from './use-rx';
import { useWorkstation } from './workstation';

export function useOffice(): OfficeDoc | null {
  const { db } = useWorkstation();
  return useObservable(
    () => db.office.findOne().$.pipe(map((doc) => (doc ? (doc.toJSON() as OfficeDoc) : null))),
    null,
    [db],
  );
}

export function useServices(): ServiceDoc[] {
  const { db } = useWorkstation();
  return useObservable(
    () =>
      db.services
        .find({ sort: [{ position: 'asc' }] })
        .$.pipe(map((docs) => docs.map((doc) => doc.toJSON() as ServiceDoc))),
    [],
    [db],
  );
}

export function useCounters(): CounterDoc[] {
  const { db } = useWorkstation();
  return useObservable(
    () =>
      db.counters
        .find({ sort: [{ number: 'asc' }] })
        .$.pipe(map((docs) => docs.map((doc) => doc.toJSON() as CounterDoc))),
    [],
    [db],
  );
}

/** Today's office day, following the clock across midnight. */
export function useToday(office: OfficeDoc | null): string {
  const now = useNow(30_000);
  return office ? officeDay(now, office.timeZone) : '';
}

export function useTicketsOfDay(day: string): TicketDoc[] {
  const { db } = useWorkstation();
  return useObservable(
    () => db.tickets.find({ selector: { day } }).$.pipe(map((docs) => docs.map((doc) => doc.toJSON() as TicketDoc))),
    [],
    [db, day],
  );
}

export function useOpenAlerts(): AlertDoc[] {
  const { db } = useWorkstation();
  return useObservable(
    () =>
      db.alerts
        .find({ selector: { acknowledgedAt: 0 }, sort: [{ at: 'desc' }], limit: 50 })
        .$.pipe(map((docs) => docs.map((doc) => doc.toJSON() as AlertDoc))),
    [],
    [db],
  );
}

export function useAppointmentsOfDay(day: string): AppointmentDoc[] {
  const { db } = useWorkstation();
  return useObservable(
    () =>
      db.appointments
        .find({ selector: { day }, sort: [{ slotAt: 'asc' }] })
        .$.pipe(map((docs) => docs.map((doc) => doc.toJSON() as AppointmentDoc))),
    [],
    [db, day],
  );
}

/**
 * Notices not withdrawn, newest first (the screens keep those between `from` and `until` by their
 * own clock: activeNotices). Offices post a few a week; the newest hundred hold every one standing.
 */
export function useNotices(): NoticeDoc[] {
  const { db } = useWorkstation();
  return useObservable(
    () =>
      db.notices
        .find({ sort: [{ from: 'desc' }], limit: 100 })
        .$.pipe(map((docs) => docs.map((doc) => doc.toJSON() as NoticeDoc).filter((notice) => !notice.withdrawnAt))),
    [],
    [db],
  );
}
