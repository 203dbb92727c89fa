/**
 * The appointments screen's questions to its hub: the staff routes carry this window's session
 * and the app's version, the public ones only the version; a refusal of a booking is read in the
 * hub's code, a refusal of the workstation or the person is a denial (told, and to the booking
 * page's parts no answer at all), and no hub, no session, a failure or no answer in time are a
 * lost connection — never an exception.
 */
import { describe, expect, it } from 'vitest';
import { CLIENT_VERSION_HEADER } from '../../../../../electron/common/contract/hub';
import {
  staffClient,
  type HubAccessPoint,
  type StaffAnswer,
} from '../../../../../renderer/apps/appointments/staff-client';
import { clerkWords, denialWords } from '../../../../../renderer/apps/appointments/words';
import { BOOKING_REFUSALS } from '../../../../../electron/common/contract/public';
import { pl } from '../../../../../renderer/i18n/messages/pl';

const BOOKING = {
  code: '123456',
  service: { id: 'id-cards', name: { pl: 'Dowody', en: 'ID cards', uk: 'Посвідчення' } },
  at: 1,
  day: '2026-12-07',
  time: '08:00',
  minutes: 15,
  state: 'booked',
  name: 'Jan Kowalski',
};
const HUB: HubAccessPoint = { url: 'http://hub.example:8443/', session: 'oks_session' };

type Asked = Array<{ url: string; init: RequestInit }>;

function client(
  status: number,
  body: unknown,
  options: { point?: HubAccessPoint | null; asked?: Asked; trouble?: Array<StaffAnswer<never>> } = {},
) {
  return staffClient({
    connection: () => Promise.resolve(options.point === undefined ? HUB : options.point),
    appVersion: '1.2.3',
    fetch: (input, init) => {
      options.asked?.push({ url: String(input), init: init ?? {} });
      return Promise.resolve(new Response(JSON.stringify(body), { status }));
    },
    onTrouble: (answer) => options.trouble?.push(answer),
  });
}

describe("the appointments screen's client", () => {
  it("asks the staff routes at the hub's address with the session and the version, by code alone", async () => {
    const asked: Asked = [];
    const staff = client(200, BOOKING, { asked });
    expect(await staff.find({ code: '123456', key: '' })).toEqual({ kind: 'ok', value: BOOKING });
    await staff.move({ code: '123456', key: '' }, 5);
    await staff.cancel({ code: '123456', key: '' });
    expect(asked.map(({ url, init }) => [init.method, url])).toEqual([
      ['GET', 'http://hub.example:8443/api/v1/appointments/123456'],
      ['POST', 'http://hub.example:8443/api/v1/appointments/123456/move'],
      ['POST', 'http://hub.example:8443/api/v1/appointments/123456/cancel'],
    ]);
    expect(asked[0]?.init.headers).toEqual({ authorization: 'Bearer oks_session', [CLIENT_VERSION_HEADER]: '1.2.3' });
    expect(asked[1]?.init.body).toBe('{"at":5}');
  });

  it('asks the public routes for the services and free slots without the session', async () => {
    const asked: Asked = [];
    await client(200, { service: 'id-cards', slots: [] }, { asked }).slots('id-cards', '2026-12-07', 14);
    expect(asked[0]?.url).toBe('http://hub.example:8443/api/v1/public/slots?service=id-cards&from=2026-12-07&days=14');
    expect(asked[0]?.init.headers).toEqual({ [CLIENT_VERSION_HEADER]: '1.2.3' });
  });

  it("reads a refusal of a booking in the hub's code", async () => {
    const trouble: Array<StaffAnswer<never>> = [];
    const answer = await client(409, { refused: 'slot-taken' }, { trouble }).book({
      service: 'id-cards',
      at: 1,
      name: 'Jan Kowalski',
      language: 'uk',
    });
    expect(answer).toEqual({ kind: 'refused', refusal: 'slot-taken' });
    expect(trouble).toEqual([]);
  });

  it("tells a refusal of the workstation or the person by the hub's code; to the booking page's parts it is no answer", async () => {
    const trouble: Array<StaffAnswer<never>> = [];
    const forbidden = client(
      403,
      { error: 'forbidden-kind', message: 'A kiosk workstation may not appointments' },
      { trouble },
    );
    expect(await forbidden.me()).toEqual({ kind: 'denied', code: 'forbidden-kind' });
    expect(await forbidden.find({ code: '123456', key: '' })).toEqual({ kind: 'lost' });
    const ended = client(401, { error: 'session-ended' }, { trouble });
    expect(await ended.me()).toEqual({ kind: 'denied', code: 'session-ended' });
    expect(trouble.map((answer) => (answer.kind === 'denied' ? answer.code : answer.kind))).toEqual([
      'forbidden-kind',
      'forbidden-kind',
      'session-ended',
    ]);
  });

  it('counts no hub, no session yet, a failure and a body of another protocol as a lost connection', async () => {
    const trouble: Array<StaffAnswer<never>> = [];
    expect(await client(200, BOOKING, { point: null, trouble }).find({ code: '123456', key: '' })).toEqual({
      kind: 'lost',
    });
    const noSession = client(200, BOOKING, { point: { url: HUB.url, session: null }, trouble });
    expect(await noSession.find({ code: '123456', key: '' })).toEqual({ kind: 'lost' });
    expect(await client(500, { error: 'internal' }, { trouble }).cancel({ code: '123456', key: '' })).toEqual({
      kind: 'lost',
    });
    expect(await client(200, { other: true }, { trouble }).find({ code: '123456', key: '' })).toEqual({ kind: 'lost' });
    expect(trouble).toHaveLength(4);
  });

  it('gives up on a hub that does not answer in time', async () => {
    const staff = staffClient({
      connection: () => Promise.resolve(HUB),
      appVersion: '1.2.3',
      timeoutMs: 20,
      fetch: (_input, init) =>
        new Promise((_resolve, reject) =>
          init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
        ),
    });
    expect(await staff.office()).toEqual({ kind: 'lost' });
  });
});

describe("the appointments screen's words", () => {
  it('words every refusal of a booking, and every denial, with a general one for a code it does not know', () => {
    for (const problem of [...BOOKING_REFUSALS, 'lost', 'missing'] as const)
      expect(pl[clerkWords(problem)]).toBeTruthy();
    for (const code of ['forbidden-kind', 'forbidden-role', 'sign-in-required', 'session-ended', 'unknown-token'])
      expect(denialWords(code)).toBe(`appointments.denied.${code}`);
    expect(denialWords('something-new')).toBe('appointments.denied.other');
    expect(denialWords('toString')).toBe('appointments.denied.other');
  });
});
