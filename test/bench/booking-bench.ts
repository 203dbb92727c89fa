/**
 * Booking (`BENCH_ONLY=booking`): a hub process on PGlite and on PostgreSQL with the demo office
 * (identity cards bookable on weekday mornings, two places a slot, 60 days ahead) and half of the
 * next 60 days' places already booked through the public route. Then:
 *   1. the free slots of that service over the next 60 days, as the booking page asks for them:
 *      p95 of 50 requests (goal ≤ 100 ms);
 *   2. 200 residents booking at once, each a different free place: p95 of their answers
 *      (goal ≤ 300 ms), and the double bookings counted afterwards from the hub's documents (goal 0).
 */
import { HUB_API_PREFIX } from '../../electron/common/contract/hub';
import type { BookingCreated, Slots } from '../../electron/common/contract/public';
import { WEEKDAYS } from '../../electron/common/domain/calendar';
import { demoConfiguration } from '../../electron/common/domain/demo-office';
import {
  createHubDatabase,
  enrolSignedIn,
  hubClient,
  startHubProcess,
  type HubBackend,
  type HubClient,
} from '../support/hub-process';
import { insert } from '../integration/hub/documents';

const SLOT_RUNS = 50;
const RESIDENTS = 200;
const SERVICE = 'id-cards';

export interface BookingFigures {
  readonly backend: HubBackend;
  readonly booked: number;
  readonly freeSlotsMs: number[];
  readonly bookingMs: number[];
  readonly refused: number;
  readonly doubleBooked: number;
}

const api = (path: string) => `${HUB_API_PREFIX}${path}`;

/** The demo office open on weekdays, its services as documents. */
function officeDocuments() {
  const demo = demoConfiguration();
  const hours = Object.fromEntries(
    WEEKDAYS.map((weekday) => [
      weekday,
      weekday === 'sat' || weekday === 'sun' ? [] : [{ from: '08:00', to: '16:00' }],
    ]),
  );
  return {
    office: { ...demo.office, hours, updatedAt: 1 },
    services: demo.services.map((service) => ({ ...service, updatedAt: 1 })),
  };
}

async function freeSlots(resident: HubClient): Promise<Slots['slots']> {
  const answer = await resident.request<Slots>('GET', api(`/public/slots?service=${SERVICE}&days=60`), {
    token: null,
    version: null,
  });
  return answer.body.slots;
}

function book(resident: HubClient, at: number, index: number) {
  return resident.request<BookingCreated & { refused?: string }>('POST', api('/public/bookings'), {
    token: null,
    version: null,
    body: { service: SERVICE, at, name: `Mieszkaniec ${index}` },
  });
}

/** One place of each slot in turn, `count` of them: what is booked before the figures are taken. */
function places(slots: Slots['slots'], count: number): number[] {
  return slots.flatMap((slot) => Array.from({ length: slot.left }, () => slot.at)).slice(0, count);
}

export async function runBookingBench(backend: HubBackend, log: (line: string) => void): Promise<BookingFigures> {
  const database = await createHubDatabase(backend);
  const hub = await startHubProcess(database, { env: { OKIENKO_HUB_PUBLIC_RATE: '0' } });
  try {
    const staff = hubClient(hub.url, await enrolSignedIn(database, hub.url, 'bench-1'));
    const resident = hubClient(hub.url, null, '');
    const { office, services } = officeDocuments();
    await staff.push('office', [insert(office)]);
    await staff.push('services', services.map(insert));
    const all = await freeSlots(resident);
    const capacity = all.reduce((sum, slot) => sum + slot.left, 0);
    const before = places(all, Math.floor(capacity / 2) - RESIDENTS);
    for (const [index, at] of before.entries()) await book(resident, at, index);
    log(`  ${backend}: ${before.length} of ${capacity} places booked beforehand`);

    const freeSlotsMs: number[] = [];
    for (let run = 0; run < SLOT_RUNS + 3; run++) {
      const start = performance.now();
      await freeSlots(resident);
      if (run >= 3) freeSlotsMs.push(performance.now() - start);
    }

    const targets = places(await freeSlots(resident), RESIDENTS);
    const bookingMs: number[] = [];
    const answers = await Promise.all(
      targets.map(async (at, index) => {
        const start = performance.now();
        const answer = await book(resident, at, 10_000 + index);
        bookingMs.push(performance.now() - start);
        return answer;
      }),
    );
    const refused = answers.filter((answer) => answer.status !== 200 && answer.status !== 201).length;
    return { backend, booked: before.length, freeSlotsMs, bookingMs, refused, doubleBooked: await doubleBooked(staff) };
  } finally {
    await hub.kill('SIGTERM').catch(() => undefined);
    await database.remove();
  }
}

/** Places booked beyond a slot's two, counted from the hub's appointment documents. */
async function doubleBooked(staff: HubClient): Promise<number> {
  const { documents } = await staff.pullAll('appointments');
  const perSlot = new Map<number, number>();
  for (const document of documents) {
    const appointment = document as unknown as { slotAt: number; state: string; service: string };
    if (appointment.service !== SERVICE || appointment.state === 'cancelled') continue;
    perSlot.set(appointment.slotAt, (perSlot.get(appointment.slotAt) ?? 0) + 1);
  }
  return [...perSlot.values()].reduce((sum, count) => sum + Math.max(0, count - 2), 0);
}
