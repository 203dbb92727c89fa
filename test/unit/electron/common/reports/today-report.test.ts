/**
 * Today's report from a workstation's own copy (electron/common/reports/today-report.ts): a handful
 * of tickets whose figures are worked out by hand below — waits, walks, service times, their
 * medians and 90th percentiles (interpolated as percentile_cont), the rates, the hours of the day
 * in the office's time zone, and the day's appointments.
 */
import { describe, expect, it } from 'vitest';
import { ReportSchema } from '../../../../../electron/common/contract/hub-reports';
import type { Ticket, TicketEvent, TicketState } from '../../../../../electron/common/domain/ticket';
import { percentile, todayReport, type AppointmentFact } from '../../../../../electron/common/reports/today-report';

const DAY = '2026-11-10';
const ZONE = 'Europe/Warsaw';
/** A local time of the day in Warsaw (CET, UTC+1 in November). */
const at = (time: string, day = DAY) => Date.parse(`${day}T${time}:00+01:00`);

type Step = [TicketEvent['type'], string, number?, string?];

function ticket(id: string, service: string, issued: string, steps: Step[], state: TicketState, day = DAY): Ticket {
  const events: TicketEvent[] = [
    { type: 'issued', at: at(issued, day), by: { station: 'kiosk' } },
    ...steps.map(([type, time, counter, user]) => ({
      type,
      at: at(time, day),
      by: { station: 's', ...(counter ? { counter } : {}), ...(user ? { user, clerk: user.toUpperCase() } : {}) },
    })),
  ];
  const counter = steps.findLast(([, , number]) => number)?.[2] ?? 0;
  return {
    ...{ id, day, service, number: `${service}${id}`, seq: 1, priority: null, appointment: null, appointmentAt: 0 },
    ...{ state, issuedAt: at(issued, day), queuedAt: at(issued, day), counter, targetCounter: 0 },
    ...{ calledAt: 0, recalls: 0, legs: [{ service, since: at(issued, day) }], events, updatedAt: 0 },
  };
}

const TICKETS: Ticket[] = [
  // wait 5 min, walk 1, service 10; served at counter 1 by anna
  ticket(
    '1',
    'A',
    '08:00',
    [
      ['called', '08:05', 1, 'anna'],
      ['serving', '08:06', 1, 'anna'],
      ['done', '08:16', 1, 'anna'],
    ],
    'done',
  ),
  // wait 20 (past the target), recalled: the walk counts from the recall (1 min); service 6
  ticket(
    '2',
    'A',
    '08:10',
    [
      ['called', '08:30', 1, 'anna'],
      ['recalled', '08:33', 1, 'anna'],
      ['serving', '08:34', 1, 'anna'],
      ['done', '08:40', 1, 'anna'],
    ],
    'done',
  ),
  // wait 12, then missed: a no-show at counter 2, ewa
  ticket(
    '3',
    'A',
    '09:00',
    [
      ['called', '09:12', 2, 'ewa'],
      ['no-show', '09:15', 2, 'ewa'],
    ],
    'no-show',
  ),
  // issued 00:30 Warsaw (23:30 UTC the day before), never called, cancelled: left; no counter
  ticket('4', 'B', '00:30', [['cancelled', '09:35']], 'cancelled'),
  // wait 10, walk 2, service 10 at counter 2, ewa
  ticket(
    '5',
    'B',
    '09:40',
    [
      ['called', '09:50', 2, 'ewa'],
      ['serving', '09:52', 2, 'ewa'],
      ['done', '10:02', 2, 'ewa'],
    ],
    'done',
  ),
  // another day: not counted
  ticket('6', 'B', '09:00', [['called', '09:01', 2, 'ewa']], 'called', '2026-11-09'),
];

const APPOINTMENTS: AppointmentFact[] = [
  { day: DAY, service: 'A', state: 'booked' },
  { day: DAY, service: 'A', state: 'checked-in' },
  { day: DAY, service: 'B', state: 'no-show' },
  { day: DAY, service: 'A', state: 'cancelled' },
  { day: '2026-11-11', service: 'A', state: 'booked' },
];

const report = (withClerks = true) =>
  todayReport({
    day: DAY,
    timeZone: ZONE,
    targetMinutes: 15,
    tickets: TICKETS,
    appointments: APPOINTMENTS,
    withClerks,
  });

describe("today's report from the workstation's copy", () => {
  it('interpolates percentiles as percentile_cont does', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([20, 5, 12, 10], 0.5)).toBe(11);
    expect(percentile([20, 5, 12, 10], 0.9)).toBeCloseTo(17.6, 9);
  });

  it("counts the office's day: outcomes, rates, the share within the target wait", () => {
    const { overall, from, to, targetMinutes, timeZone } = report();
    expect(ReportSchema.parse(report())).toBeTruthy();
    expect({ from, to, targetMinutes, timeZone }).toEqual({
      from: DAY,
      to: '2026-11-11',
      targetMinutes: 15,
      timeZone: ZONE,
    });
    expect(overall).toMatchObject({ tickets: 5, served: 3, noShow: 1, left: 1, called: 4, withinTarget: 3 });
    expect([overall.noShowRate, overall.leftRate, overall.withinTargetShare]).toEqual([0.2, 0.2, 0.75]);
  });

  it("takes the waits in seconds (median, p90, mean, longest), the walks' and service times' mean and longest", () => {
    const { overall } = report();
    // waits 5, 10, 12, 20 min
    expect(overall.waitTime.median).toBe(660);
    expect(overall.waitTime.p90).toBeCloseTo(1056, 6);
    expect(overall.waitTime.mean).toBe(705);
    expect(overall.waitTime.longest).toBe(1200);
    // walks 1, 1, 2 min (the recalled ticket walked from the recall)
    expect(overall.walkTime).toEqual({ longest: 120, mean: 80 });
    // service 6, 10, 10 min
    expect(overall.serviceTime).toEqual({ longest: 600, mean: 520 });
  });

  it('groups by service, counter and clerk; clerks only when asked for', () => {
    const { byService, byCounter, byClerk } = report();
    expect(byService.map((row) => [row.service, row.tickets, row.served, row.left, row.withinTarget])).toEqual([
      ['A', 3, 2, 0, 2],
      ['B', 2, 1, 1, 1],
    ]);
    // A's waits 5, 12, 20 min
    expect(byService[0]!.waitTime.median).toBe(720);
    expect(byService[0]!.waitTime.p90).toBeCloseTo(1104, 6);
    // The cancelled ticket no counter dealt with is in no counter's row.
    expect(byCounter.map((row) => [row.counter, row.tickets, row.served, row.noShow])).toEqual([
      [1, 2, 2, 0],
      [2, 2, 1, 1],
    ]);
    // Counter 1's waits 5 and 20 min: a counter's wait has its median and 90th percentile too.
    expect(byCounter[0]!.waitTime).toMatchObject({ mean: 750, longest: 1200, median: 750 });
    expect(byCounter[0]!.waitTime.p90).toBeCloseTo(1110, 6);
    expect(byClerk?.map((row) => [row.clerk, row.tickets])).toEqual([
      ['anna', 2],
      ['ewa', 2],
    ]);
    expect(report(false).byClerk).toBeNull();
  });

  it("counts by the hour of issue in the office's time zone", () => {
    const { byHour, byServiceHour } = report();
    expect(byHour.map((row) => [row.hour, row.tickets, row.served])).toEqual([
      [0, 1, 0],
      [8, 2, 2],
      [9, 2, 1],
    ]);
    expect(byServiceHour).toEqual([
      { service: 'A', hour: 8, tickets: 2 },
      { service: 'A', hour: 9, tickets: 1 },
      { service: 'B', hour: 0, tickets: 1 },
      { service: 'B', hour: 9, tickets: 1 },
    ]);
  });

  it("counts the day's appointments and gives empty satisfaction without answers", () => {
    const { appointments, appointmentsByService, satisfaction, satisfactionByService } = report();
    expect(appointments).toEqual({ booked: 1, kept: 1, missed: 1, cancelled: 1 });
    expect(appointmentsByService).toEqual([
      { service: 'A', booked: 1, kept: 1, missed: 0, cancelled: 1 },
      { service: 'B', booked: 0, kept: 0, missed: 1, cancelled: 0 },
    ]);
    expect(satisfaction).toEqual({
      answers: 0,
      byScore: [0, 0, 0, 0, 0],
      mean: null,
      satisfiedShare: null,
      reasons: [],
    });
    expect(satisfactionByService).toEqual([]);
  });
});
