/**
 * The status page's polling, with a fake clock, network and visibility: it asks at once and every
 * POLL_MS while shown, not at all while hidden and at once when shown again; a lost connection
 * keeps the last answer on screen and says so; 404 is "no such ticket".
 */
import { describe, expect, it } from 'vitest';
import type { TicketStatus } from '../../../../../electron/common/contract/public';
import {
  POLL_MS,
  StatusPoller,
  statusAddress,
  type StatusView,
} from '../../../../../renderer/apps/status/status-poller';

const ID = '0b5c1a7e-7d1c-4d0b-9a57-3b1f2f0c9e11';
const WAITING: TicketStatus = {
  number: 'C12',
  service: { pl: 'Dowody', en: 'ID cards', uk: 'Посвідки' },
  state: 'waiting',
  ahead: 3,
  estimatedMinutes: 15,
  counter: 0,
  calledAt: 0,
  office: { pl: 'Urząd', en: 'Office', uk: 'Уряд' },
};

type Reply = () => Promise<Response>;
const json =
  (status: number, body: unknown): Reply =>
  () =>
    Promise.resolve(new Response(JSON.stringify(body), { status }));
const offline: Reply = () => Promise.reject(new TypeError('Failed to fetch'));

/** A page with a hand-turned clock: `replies` answer the questions in turn (the last one repeats). */
function fakePage(replies: Reply[]) {
  const timers = new Map<number, { run: () => void; at: number }>();
  let clock = 0;
  let nextTimer = 1;
  const asked: string[] = [];
  const views: StatusView[] = [];
  const page = { hidden: false };
  const poller = new StatusPoller(ID, (view) => views.push(view), {
    fetch: (input) => {
      asked.push(String(input));
      return (replies.length > 1 ? replies.shift()! : replies[0]!)();
    },
    setTimeout: (run, ms) => {
      timers.set(nextTimer, { run, at: clock + ms });
      return nextTimer++;
    },
    clearTimeout: (timer) => timers.delete(timer as number),
    now: () => clock,
    hidden: () => page.hidden,
  });
  /** Moves the clock on and runs what came due, letting each answer arrive. */
  const advance = async (ms: number) => {
    clock += ms;
    for (const [id, timer] of [...timers]) {
      if (timer.at > clock) continue;
      timers.delete(id);
      timer.run();
    }
    await settle();
  };
  return { poller, asked, views, page, timers, advance, last: () => views.at(-1) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the status page asking the hub', () => {
  it('asks its own origin at once, then every POLL_MS', async () => {
    const page = fakePage([json(200, WAITING)]);
    page.poller.start();
    await settle();
    expect(page.asked).toEqual([statusAddress(ID)]);
    expect(statusAddress(ID)).toBe(`/api/v1/public/tickets/${ID}`);
    expect(page.last()).toEqual({ status: WAITING, unknown: false, lost: false, checkedAt: 0 });
    await page.advance(POLL_MS - 1);
    expect(page.asked).toHaveLength(1);
    await page.advance(1);
    expect(page.asked).toHaveLength(2);
    expect(page.timers.size).toBe(1);
    page.poller.stop();
    expect(page.timers.size).toBe(0);
  });

  it('asks nothing while hidden, and at once when shown again', async () => {
    const page = fakePage([json(200, WAITING)]);
    page.page.hidden = true;
    page.poller.start();
    await page.advance(5 * POLL_MS);
    expect(page.asked).toHaveLength(0);
    page.page.hidden = false;
    page.poller.visibilityChanged();
    await settle();
    expect(page.asked).toHaveLength(1);
    page.page.hidden = true;
    page.poller.visibilityChanged();
    expect(page.timers.size).toBe(0);
    await page.advance(5 * POLL_MS);
    expect(page.asked).toHaveLength(1);
    page.poller.stop();
  });

  it('keeps the last answer when the connection is lost, says so, and keeps trying', async () => {
    const page = fakePage([
      json(200, WAITING),
      offline,
      json(503, { error: 'database-unavailable' }),
      json(200, WAITING),
    ]);
    page.poller.start();
    await settle();
    await page.advance(POLL_MS);
    expect(page.last()).toEqual({ status: WAITING, unknown: false, lost: true, checkedAt: 0 });
    await page.advance(POLL_MS);
    expect(page.last()).toMatchObject({ status: WAITING, lost: true });
    await page.advance(POLL_MS);
    expect(page.last()).toEqual({ status: WAITING, unknown: false, lost: false, checkedAt: 3 * POLL_MS });
    page.poller.stop();
  });

  it('reads 404 as no such ticket, and an answer it cannot read as a lost connection', async () => {
    const unknown = fakePage([json(404, { error: 'unknown-ticket', message: 'There is no such ticket' })]);
    unknown.poller.start();
    await settle();
    expect(unknown.last()).toMatchObject({ status: null, unknown: true, lost: false });
    unknown.poller.stop();

    const garbled = fakePage([json(200, { number: 'C12', name: 'Jan Kowalski' })]);
    garbled.poller.start();
    await settle();
    expect(garbled.last()).toMatchObject({ status: null, unknown: false, lost: true });
    garbled.poller.stop();
  });

  it('ignores an answer that comes after the page was closed', async () => {
    const page = fakePage([json(200, WAITING)]);
    page.poller.start();
    page.poller.stop();
    await settle();
    expect(page.views).toEqual([]);
    expect(page.timers.size).toBe(0);
  });
});
