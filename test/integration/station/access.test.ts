/**
 * Who may ask the station what: every kind of window (and a screen paired from another machine)
 * with nobody signed in, with each role, locked, and with a password check grown old, against
 * every channel of the contract — allowed, or refused with its code — and which events each hears.
 * The expected cells are written out here, apart from the table the station reads
 * (electron/common/access/station-access.ts); a channel added to the contract without a row here
 * fails the first test.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  needsSecondFactor,
  WINDOW_KINDS,
  type UserRole,
  type WindowKind,
} from '../../../electron/common/access/subjects';
import { CHANNEL_NAMES, type ChannelName, type EventName } from '../../../electron/common/contract/contract';
import { mayHear } from '../../../electron/common/access/station-access';
import { createLogger } from '../../../electron/station/log';
import { NewSecondFactorSchema } from '../../../electron/common/contract/session';
import { LocalAccounts } from '../../../electron/station/accounts/local-accounts';
import { createStation, type Station } from '../../../electron/station/station';
import { addLocalAccount, TEST_PASSWORD, TEST_TOTP_SECRET, totpAt } from '../../support/accounts';
import { noDevices } from '../../support/no-devices';

type State = 'nobody' | 'clerk' | 'supervisor' | 'admin' | 'admin, checked 6 min ago' | 'clerk, locked';
const STATES: readonly State[] = [
  'nobody',
  'clerk',
  'supervisor',
  'admin',
  'admin, checked 6 min ago',
  'clerk, locked',
];

interface Row {
  readonly windows: readonly WindowKind[];
  /** A person with one of these roles; absent: nobody needed. */
  readonly roles?: readonly UserRole[];
  /** The password (or, for a supervisor or admin, the password and the code) checked in the last five minutes. */
  readonly recent?: boolean | 'second-factor';
  /** What the call answers, past the door, with nobody signed in. */
  readonly whenNobody?: string;
  readonly request: object;
}

const ALL: readonly WindowKind[] = WINDOW_KINDS;
const PERSONAL: readonly WindowKind[] = ['counter', 'supervisor', 'settings'];
const MANAGING: readonly UserRole[] = ['supervisor', 'admin'];
const SERVING: readonly UserRole[] = ['clerk', 'supervisor'];
const printout = {
  ticketId: 't1',
  language: 'pl',
  office: 'Urząd',
  service: 'Dowody',
  number: 'A1',
  issued: '04.12.2026, 09:00',
  lines: [],
};

const EXPECTED: Readonly<Record<ChannelName, Row>> = {
  'station.info': { windows: ALL, request: {} },
  'settings.get': { windows: ALL, request: {} },
  'printer.status': { windows: ['kiosk', 'counter', 'supervisor', 'settings'], request: {} },
  'printer.printTicket': { windows: ['kiosk'], request: printout },
  'printer.printSlip': { windows: ['counter'], roles: SERVING, request: printout },
  'printer.unknownJobs': { windows: ['supervisor', 'settings'], roles: MANAGING, request: {} },
  'printer.resolveJob': {
    windows: ['supervisor', 'settings'],
    roles: MANAGING,
    recent: true,
    request: { jobId: 'j1', outcome: 'printed' },
  },
  'devices.list': { windows: ['settings'], roles: MANAGING, request: {} },
  'devices.configure': {
    windows: ['settings'],
    roles: MANAGING,
    recent: true,
    request: { role: 'idReader', settings: null },
  },
  'devices.test': { windows: ['settings'], roles: MANAGING, request: { role: 'signaturePad' } },
  'signature.capture': { windows: ['counter'], roles: SERVING, request: { document: 'Zgoda' } },
  'signature.cancel': { windows: ['counter'], roles: SERVING, request: {} },
  'signature.fromScreen': {
    windows: ['counter'],
    roles: SERVING,
    request: { document: 'Zgoda', signature: { width: 10, height: 10, strokes: [] } },
  },
  'documents.print': { windows: ['counter'], roles: SERVING, request: { pdf: 'JVBERi0xLjMK' } },
  // The visitor's summary at a counter, and the supervisor's report (any staff role: it only lays
  // out the words the screen gives it).
  'documents.render': {
    windows: ['counter', 'supervisor'],
    roles: ['clerk', 'supervisor', 'admin'],
    request: {
      kind: 'slip',
      language: 'pl',
      title: 'Potwierdzenie',
      reference: 'K7M3-Q9XT',
      sections: [],
      footer: { lines: [] },
      hashLabel: 'Skrót',
    },
  },
  'session.current': { windows: ALL, request: {} },
  'session.signIn': { windows: PERSONAL, request: { login: 'nikt', password: 'wrong password' } },
  'session.newSecondFactor': { windows: PERSONAL, request: { login: 'nikt' } },
  'session.signOut': { windows: PERSONAL, request: {} },
  'session.lock': { windows: PERSONAL, request: {} },
  'session.unlock': { windows: PERSONAL, whenNobody: 'NOT_SIGNED_IN', request: { password: TEST_PASSWORD } },
  'session.confirm': {
    windows: PERSONAL,
    roles: ['clerk', 'supervisor', 'admin'],
    request: { password: TEST_PASSWORD },
  },
  'hub.connection': { windows: ALL, request: {} },
  // Asked of the screen action's own row: the daily close, a supervisor's, with the password fresh.
  'accounts.list': { windows: ['supervisor', 'settings'], roles: ['admin'], request: {} },
  'accounts.change': {
    windows: ['supervisor', 'settings'],
    roles: ['admin'],
    recent: 'second-factor',
    request: { command: 'user.disable', login: 'nobody-here' },
  },
  'pairing.start': { windows: ['settings'], roles: MANAGING, recent: true, request: { kind: 'board' } },
  'pairing.list': { windows: ['settings'], roles: MANAGING, request: {} },
  'pairing.revoke': { windows: ['settings'], roles: MANAGING, recent: true, request: { id: 'none' } },
  'eservices.list': { windows: ['counter', 'customer', 'supervisor', 'settings'], request: {} },
  'assist.show': { windows: ['counter'], roles: SERVING, request: { counter: 1, view: null } },
  'assist.current': { windows: ['customer'], request: { counter: 1 } },
  'assist.input': { windows: ['customer'], request: { counter: 1, input: { kind: 'language', language: 'uk' } } },
  'session.mayDo': {
    windows: ['supervisor'],
    roles: MANAGING,
    recent: 'second-factor',
    request: { action: 'queue.closeDay' },
  },
};

const EVENTS: Readonly<Record<EventName, Row>> = {
  'printer.status': { windows: ['kiosk', 'counter', 'supervisor', 'settings'], request: {} },
  'devices.status': { windows: ['counter', 'supervisor', 'settings'], request: {} },
  'printer.unknownJobs': { windows: ['supervisor', 'settings'], roles: MANAGING, request: {} },
  'idReader.read': { windows: ['counter'], roles: SERVING, request: {} },
  'session.changed': { windows: ALL, request: {} },
  'assist.view': { windows: ['customer'], request: {} },
  'assist.input': { windows: ['counter'], roles: SERVING, request: {} },
};

/** Every window of this machine, and the two kinds a screen paired from another machine may be. */
const CALLERS: readonly (readonly [WindowKind, boolean])[] = [
  ...ALL.map((window) => [window, false] as const),
  ['board', true],
  ['customer', true],
];

const REFUSALS = new Set(['FORBIDDEN', 'NOT_SIGNED_IN', 'REAUTH_REQUIRED', 'SECOND_FACTOR_REQUIRED']);
const roleOf = (state: State): UserRole | null =>
  state === 'nobody'
    ? null
    : state.startsWith('clerk')
      ? 'clerk'
      : state.startsWith('supervisor')
        ? 'supervisor'
        : 'admin';

/** What the row says a caller in `state` at `window` (maybe paired) gets: null when allowed, else the code. */
function expected(row: Row, window: WindowKind, state: State, paired: boolean): string | null {
  if (paired && window !== 'board' && window !== 'customer') return 'FORBIDDEN';
  if (!row.windows.includes(window)) return 'FORBIDDEN';
  if (state === 'nobody' && row.whenNobody) return row.whenNobody;
  if (!row.roles) return null;
  const role = paired || state === 'clerk, locked' ? null : roleOf(state);
  if (!role) return 'NOT_SIGNED_IN';
  if (!row.roles.includes(role)) return 'FORBIDDEN';
  if (row.recent && state === 'admin, checked 6 min ago')
    return row.recent === 'second-factor' ? 'SECOND_FACTOR_REQUIRED' : 'REAUTH_REQUIRED';
  return null;
}

let dir: string;
let station: Station;
let clock = 1_800_000_000_000;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'okienko-station-access-'));
  for (const role of ['clerk', 'supervisor', 'admin'] as const) await addLocalAccount(dir, `u-${role}`, [role]);
  station = await createStation({
    dataDir: dir,
    host: 'browser',
    log: createLogger({ write: () => undefined }),
    devices: noDevices,
    now: () => clock,
  });
}, 60_000);

afterAll(async () => {
  await station?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Brings the workstation into `state`: who is signed in, locked, how long ago the password was checked. */
async function enter(state: State): Promise<void> {
  await station.session.signOut();
  const role = roleOf(state);
  if (!role) return;
  // A supervisor's or admin's authenticator code, one step later each time (a code is good once).
  const second = needsSecondFactor([role]) ? { code: totpAt(TEST_TOTP_SECRET, (clock += 30_000)) } : {};
  await station.session.signIn({ login: `u-${role}`, password: TEST_PASSWORD, ...second });
  if (state === 'clerk, locked') station.session.lock();
  if (state === 'admin, checked 6 min ago') clock += 6 * 60_000;
}

describe('the doors of the device settings and of the settings', () => {
  it('devices.configure refuses a regular file or a folder as a printer, and the file stays as it was', async () => {
    await enter('admin');
    const file = path.join(dir, 'not-a-printer.txt');
    await writeFile(file, 'Ważny dokument\n');
    for (const target of [file, dir, '/etc/passwd']) {
      const reply = await station.dispatch('settings', 'devices.configure', {
        role: 'printer',
        settings: { path: target, transport: 'serial', baudRate: 9600, rtscts: false, model: 'generic', columns: 48 },
      });
      expect(reply, target).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    const raw = await station.dispatch('settings', 'devices.configure', {
      role: 'printer',
      settings: { path: file, transport: 'file', baudRate: 9600, rtscts: false, model: 'generic', columns: 48 },
    });
    expect(raw).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await readFile(file, 'utf8')).toBe('Ważny dokument\n');
    expect(station.settings.printer).toBeNull();
  });

  it('settings.get gives no window the hub token', async () => {
    const token = `okh_1_${'s'.repeat(43)}`;
    const hubbed = await createStation({
      dataDir: await mkdtemp(path.join(tmpdir(), 'okienko-station-token-')),
      host: 'browser',
      overrides: { hub: { url: 'https://hub.test:8090/', token } },
      log: createLogger({ write: () => undefined }),
      devices: noDevices,
    });
    try {
      for (const window of ALL) {
        const reply = await hubbed.dispatch(window, 'settings.get', {});
        expect(reply.ok, window).toBe(true);
        expect(JSON.stringify(reply), window).not.toContain('okh_');
      }
    } finally {
      await hubbed.close();
    }
  });
});

describe('the station, by window and person', () => {
  it('has an expected row for every channel and event of the contract', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...CHANNEL_NAMES].sort());
    expect(Object.keys(EVENTS).sort()).toEqual(
      [
        'printer.status',
        'devices.status',
        'printer.unknownJobs',
        'idReader.read',
        'session.changed',
        'assist.view',
        'assist.input',
      ].sort(),
    );
  });

  it.each(STATES)('answers each channel as the table says, for: %s', async (state) => {
    const cells: string[] = [];
    await enter(state);
    for (const channel of CHANNEL_NAMES) {
      const row = EXPECTED[channel];
      for (const [window, paired] of CALLERS) {
        // A paired screen is held to counter 1, the counter the rows' requests name (its own).
        const result = await station.dispatch(window, channel, row.request, paired, paired ? 1 : undefined);
        const got = result.ok ? null : REFUSALS.has(result.error.code) ? result.error.code : null;
        const want = expected(row, window, state, paired);
        if (got !== want) cells.push(`${channel} @ ${window}${paired ? ' (paired)' : ''}: got ${got}, want ${want}`);
        if (channel.startsWith('session.') && result.ok) await enter(state);
      }
    }
    expect(cells).toEqual([]);
  });

  it.each(STATES)('lets each window hear only its events, for: %s', async (state) => {
    await enter(state);
    const cells: string[] = [];
    // What the station hands a transport with each event: whom it may reach now.
    let mayReach: ((window: WindowKind, paired: boolean) => boolean) | null = null;
    const off = station.subscribe((event, _payload, reach) => {
      if (event === 'session.changed') mayReach = reach;
    });
    await station.session.confirm(TEST_PASSWORD).catch(() => undefined);
    if (state === 'nobody') await station.session.signOut();
    off();
    expect(mayReach).not.toBeNull();
    for (const [event, row] of Object.entries(EVENTS) as [EventName, Row][]) {
      for (const [window, paired] of CALLERS) {
        const hears = mayHear(event, station.session.caller(window, paired));
        const want = expected(row, window, state, paired) === null;
        if (hears !== want)
          cells.push(`${event} @ ${window}${paired ? ' (paired)' : ''}: hears ${hears}, want ${want}`);
      }
    }
    for (const window of ALL) expect(mayReach!(window, false), window).toBe(true);
    expect(cells).toEqual([]);
  });
});

describe("a supervisor's second factor at the station", () => {
  const mayCloseDay = () => station.dispatch('supervisor', 'session.mayDo', { action: 'queue.closeDay' });
  const nextCode = () => totpAt(TEST_TOTP_SECRET, (clock += 30_000));

  it('asks for the code at sign-in, accepts a code once, and refuses a wrong one', async () => {
    await station.session.signOut();
    await expect(station.session.signIn({ login: 'u-supervisor', password: TEST_PASSWORD })).rejects.toMatchObject({
      code: 'SECOND_FACTOR_REQUIRED',
    });
    const code = nextCode();
    await station.session.signIn({ login: 'u-supervisor', password: TEST_PASSWORD, code });
    await station.session.signOut();
    await expect(
      station.session.signIn({ login: 'u-supervisor', password: TEST_PASSWORD, code }),
    ).rejects.toMatchObject({ code: 'BAD_SECOND_FACTOR' });
    expect(station.session.info().user).toBeNull();
  });

  it('closing the day wants the code again once the sign-in is old; the password alone does not do', async () => {
    await enter('supervisor');
    expect(await mayCloseDay()).toMatchObject({ ok: true });
    clock += 6 * 60_000;
    expect(await mayCloseDay()).toMatchObject({ ok: false, error: { code: 'SECOND_FACTOR_REQUIRED' } });
    await station.session.confirm(TEST_PASSWORD);
    expect(await mayCloseDay()).toMatchObject({ ok: false, error: { code: 'SECOND_FACTOR_REQUIRED' } });
    await expect(station.session.confirm(TEST_PASSWORD, '000000')).rejects.toMatchObject({ code: 'BAD_SECOND_FACTOR' });
    clock += 6 * 60_000;
    await station.session.confirm(TEST_PASSWORD, nextCode());
    expect(await mayCloseDay()).toMatchObject({ ok: true });
    // The confirmation was for that one action.
    clock += 6 * 60_000;
    expect(await mayCloseDay()).toMatchObject({ ok: false, error: { code: 'SECOND_FACTOR_REQUIRED' } });
  });

  it('a new supervisor enrols an authenticator at the first sign-in and gets recovery codes that work once', async () => {
    await station.session.signOut();
    const oneTime = await new LocalAccounts(dir).add({ login: 'nowa', roles: ['supervisor'] });
    const first = { login: 'nowa', password: oneTime, newPassword: 'nowe hasło kierowniczki' };
    await expect(station.session.signIn(first)).rejects.toMatchObject({ code: 'SECOND_FACTOR_ENROLMENT_REQUIRED' });
    const reply0 = await station.dispatch('supervisor', 'session.newSecondFactor', { login: 'nowa' });
    if (!reply0.ok) throw new Error(reply0.error.message);
    const enrolment = { value: NewSecondFactorSchema.parse(reply0.value) };
    expect(enrolment.value.uri).toContain(`secret=${enrolment.value.secret}`);
    await expect(
      station.session.signIn({ ...first, enrolSecret: enrolment.value.secret, code: '123456' }),
    ).rejects.toMatchObject({ code: 'BAD_SECOND_FACTOR' });
    const code = totpAt(enrolment.value.secret, (clock += 30_000));
    const reply = await station.session.signIn({ ...first, enrolSecret: enrolment.value.secret, code });
    expect(reply.recoveryCodes).toHaveLength(10);
    // The codes reached the window that signed in, and are kept nowhere a window can read.
    expect(station.session.info()).not.toHaveProperty('recoveryCodes');
    expect(await readFile(path.join(dir, 'accounts.json'), 'utf8')).not.toContain(reply.recoveryCodes![0]);
    await station.session.signOut();
    const again = { login: 'nowa', password: first.newPassword, code: reply.recoveryCodes![3]! };
    await station.session.signIn(again);
    await station.session.signOut();
    await expect(station.session.signIn(again)).rejects.toMatchObject({ code: 'BAD_SECOND_FACTOR' });
  });
});
