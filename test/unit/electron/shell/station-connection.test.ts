import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WINDOW_KINDS, type WindowKind } from '../../../../electron/common/access/subjects';
import { fail, ok } from '../../../../electron/common/contract/result';
import { StationConnection, type StationChild } from '../../../../electron/shell/station-connection';
import { createLogger } from '../../../../electron/station/log';
import { createStation } from '../../../../electron/station/station';
import {
  serveStation,
  type FromStationMessage,
  type ParentPortLike,
  type ToStationMessage,
} from '../../../../electron/station/station.utility';
import { addLocalAccount, nextTotpCode, TEST_PASSWORD } from '../../../support/accounts';
import { noDevices } from '../../../support/no-devices';

const quiet = createLogger({ write: () => {} });

/** A utility process as the connection sees it; the test plays the station's part by hand. */
class FakeChild implements StationChild {
  readonly sent: ToStationMessage[] = [];
  killed = false;
  private readonly messageListeners: ((message: unknown) => void)[] = [];
  private readonly exitListeners: ((code: number) => void)[] = [];

  postMessage(message: ToStationMessage): void {
    this.sent.push(message);
  }
  onMessage(listener: (message: unknown) => void): void {
    this.messageListeners.push(listener);
  }
  onExit(listener: (code: number) => void): void {
    this.exitListeners.push(listener);
  }
  kill(): void {
    this.killed = true;
  }
  send(message: unknown): void {
    for (const listener of this.messageListeners) listener(message);
  }
  exit(code: number): void {
    for (const listener of this.exitListeners) listener(code);
  }
  lastCallId(): number {
    const last = this.sent.at(-1);
    if (!last || !('id' in last)) throw new Error('no call sent');
    return last.id;
  }
}

describe('station connection (request table and supervisor)', () => {
  let children: FakeChild[];
  let events: [string, unknown, readonly WindowKind[]][];
  let clock: number;
  const connect = (options: { timeoutMs?: number; restartDelaysMs?: number[]; stableAfterMs?: number } = {}) => {
    const connection = new StationConnection({
      spawn: () => {
        const child = new FakeChild();
        children.push(child);
        return child;
      },
      onEvent: (event, payload, windows) => events.push([event, payload, windows]),
      log: quiet,
      now: () => clock,
      ...options,
    });
    connection.start();
    return connection;
  };

  beforeEach(() => {
    vi.useFakeTimers();
    children = [];
    events = [];
    clock = 0;
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('pairs each reply with its call by id, whatever the order', async () => {
    const connection = connect();
    const first = connection.call('home', 'station.info', {});
    const second = connection.call('kiosk', 'printer.status', {});
    const [a, b] = children[0]!.sent as { id: number; channel: string }[];
    expect([a?.channel, b?.channel]).toEqual(['station.info', 'printer.status']);
    expect(a?.id).not.toBe(b?.id);
    children[0]!.send({ id: b!.id, result: ok('second') });
    children[0]!.send({ id: a!.id, result: fail('PRINTER_OFFLINE', 'No answer') });
    expect(await first).toEqual(fail('PRINTER_OFFLINE', 'No answer'));
    expect(await second).toEqual(ok('second'));
    expect(connection.pendingCalls).toBe(0);
  });

  it('answers TIMEOUT when the station stays silent, and drops the late reply', async () => {
    const connection = connect({ timeoutMs: 2_000 });
    const call = connection.call('kiosk', 'printer.printTicket', {});
    const id = children[0]!.lastCallId();
    await vi.advanceTimersByTimeAsync(1_999);
    expect(connection.pendingCalls).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await call).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
    children[0]!.send({ id, result: ok('late') });
    expect(connection.pendingCalls).toBe(0);
  });

  it('answers every pending call with DISCONNECTED when the process dies, then restarts it with back-off', async () => {
    const connection = connect({ restartDelaysMs: [100, 1_000, 5_000] });
    const calls = [connection.call('home', 'station.info', {}), connection.call('kiosk', 'printer.status', {})];
    children[0]!.exit(1);
    for (const call of calls) expect(await call).toMatchObject({ ok: false, error: { code: 'DISCONNECTED' } });
    expect(await connection.call('home', 'station.info', {})).toMatchObject({
      ok: false,
      error: { code: 'DISCONNECTED' },
    });
    expect(connection.connected).toBe(false);

    await vi.advanceTimersByTimeAsync(99);
    expect(children).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(children).toHaveLength(2);

    children[1]!.exit(1);
    await vi.advanceTimersByTimeAsync(999);
    expect(children).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(children).toHaveLength(3);

    children[2]!.exit(1);
    await vi.advanceTimersByTimeAsync(5_000);
    children[3]!.exit(1);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(children).toHaveLength(4);
    await vi.advanceTimersByTimeAsync(1);
    expect(children).toHaveLength(5);
  });

  it('starts the back-off over after a process that ran for a while', async () => {
    const connection = connect({ restartDelaysMs: [100, 10_000], stableAfterMs: 60_000 });
    children[0]!.exit(1);
    await vi.advanceTimersByTimeAsync(100);
    clock = 120_000;
    children[1]!.exit(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(children).toHaveLength(3);
    expect(connection.connected).toBe(true);
  });

  it('ignores whatever a dead process still says', async () => {
    const connection = connect({ restartDelaysMs: [10] });
    const old = children[0]!;
    old.exit(1);
    await vi.advanceTimersByTimeAsync(10);
    const call = connection.call('home', 'station.info', {});
    const id = children[1]!.lastCallId();
    old.send({ id, result: ok('from the dead') });
    old.send({ event: 'printer.status', payload: {}, windows: ['kiosk'] });
    old.exit(1);
    children[1]!.send({ id, result: ok('alive') });
    expect(await call).toEqual(ok('alive'));
    expect(events).toEqual([]);
    expect(children).toHaveLength(2);
  });

  it('tells the station which kind of window each call comes from', () => {
    const connection = connect();
    void connection.call('counter', 'signature.cancel', {});
    void connection.call('settings', 'devices.list', {});
    const [first, second] = children[0]!.sent as { id: number }[];
    expect(children[0]!.sent).toEqual([
      { id: first!.id, window: 'counter', channel: 'signature.cancel', payload: {} },
      { id: second!.id, window: 'settings', channel: 'devices.list', payload: {} },
    ]);
  });

  it('forwards station events with the windows that may hear them, and ignores malformed messages', () => {
    connect();
    children[0]!.send({
      event: 'printer.status',
      payload: { status: 'paper-out' },
      windows: ['kiosk', 'counter', 'supervisor', 'settings'],
    });
    children[0]!.send({ event: 'idReader.read', payload: { ok: false }, windows: [] });
    children[0]!.send({ nonsense: true });
    children[0]!.send({ id: 'x', result: ok(1) });
    // An event that does not say who may hear it reaches nobody, nor one naming a window there is not.
    children[0]!.send({ event: 'printer.status', payload: { status: 'ready' } });
    children[0]!.send({ event: 'printer.status', payload: { status: 'ready' }, windows: ['kiosk', 'admin-console'] });
    children[0]!.send({ event: 'printer.status', payload: { status: 'ready' }, windows: 'kiosk' });
    expect(events).toEqual([
      ['printer.status', { status: 'paper-out' }, ['kiosk', 'counter', 'supervisor', 'settings']],
      ['idReader.read', { ok: false }, []],
    ]);
  });

  it('maps an unknown error code from the station to INTERNAL', async () => {
    const connection = connect();
    const call = connection.call('home', 'station.info', {});
    children[0]!.send({
      id: children[0]!.lastCallId(),
      result: { ok: false, error: { code: 'WHATEVER', message: 'm' } },
    });
    expect(await call).toEqual(fail('INTERNAL', 'm'));
  });

  it('drains calls in flight before asking the station to close, and never restarts it after', async () => {
    const connection = connect();
    const inFlight = connection.call('kiosk', 'printer.printTicket', {});
    const closing = connection.close(3_000);
    expect(await connection.call('home', 'station.info', {})).toMatchObject({
      ok: false,
      error: { code: 'DISCONNECTED' },
    });
    await vi.advanceTimersByTimeAsync(10);
    expect(children[0]!.sent.some((message) => 'close' in message)).toBe(false);
    children[0]!.send({ id: children[0]!.lastCallId(), result: ok('printed') });
    expect(await inFlight).toEqual(ok('printed'));
    await vi.advanceTimersByTimeAsync(0);
    expect(children[0]!.sent.at(-1)).toEqual({ close: true });
    children[0]!.exit(0);
    await closing;
    expect(children[0]!.killed).toBe(false);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(children).toHaveLength(1);
  });

  it('kills a station that does not exit after close', async () => {
    const connection = connect();
    const closing = connection.close(500);
    await vi.advanceTimersByTimeAsync(500);
    await closing;
    expect(children[0]!.killed).toBe(true);
    expect(connection.connected).toBe(false);
  });

  it('retries a spawn that throws', async () => {
    let attempts = 0;
    const connection = new StationConnection({
      spawn: () => {
        attempts += 1;
        if (attempts === 1) throw new Error('utility process refused');
        return new FakeChild();
      },
      onEvent: () => {},
      log: quiet,
      restartDelaysMs: [50],
    });
    connection.start();
    expect(connection.connected).toBe(false);
    await vi.advanceTimersByTimeAsync(50);
    expect(connection.connected).toBe(true);
  });
});

describe('station connection over the real station (serveStation, in-memory port)', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'okienko-utility-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  /** Main's end and the utility's end of one process, passing structured clones like Electron. */
  function inMemoryUtility(start: (port: ParentPortLike, exit: (code: number) => void) => void): () => StationChild {
    return () => {
      const toMain: ((message: unknown) => void)[] = [];
      const toStation: ((message: { data: unknown }) => void)[] = [];
      const exits: ((code: number) => void)[] = [];
      let alive = true;
      const port: ParentPortLike = {
        on: (_event, listener) => toStation.push(listener),
        postMessage: (message: FromStationMessage) => {
          const copy = structuredClone(message);
          setImmediate(() => alive && toMain.forEach((listener) => listener(copy)));
        },
      };
      start(port, (code) => {
        alive = false;
        setImmediate(() => exits.forEach((listener) => listener(code)));
      });
      return {
        postMessage: (message) => {
          const copy = structuredClone(message);
          setImmediate(() => toStation.forEach((listener) => listener({ data: copy })));
        },
        onMessage: (listener) => toMain.push(listener),
        onExit: (listener) => exits.push(listener),
        kill: () => {
          alive = false;
          exits.forEach((listener) => listener(-1));
        },
      };
    };
  }

  it('answers contract calls with the station running as a utility, and closes it cleanly', async () => {
    await writeFile(
      path.join(dataDir, 'settings.json'),
      JSON.stringify({ stationId: 'ws-test', role: 'board', counter: 5 }),
    );
    const exitCodes: number[] = [];
    const connection = new StationConnection({
      spawn: inMemoryUtility((port, exit) =>
        serveStation(port, createStation({ dataDir, host: 'electron', log: quiet, devices: noDevices }), {
          log: quiet,
          exit: (code) => {
            exitCodes.push(code);
            exit(code);
          },
        }),
      ),
      onEvent: () => {},
      log: quiet,
    });
    connection.start();

    const settings = await connection.call('board', 'settings.get', {});
    expect(settings).toMatchObject({
      ok: true,
      value: { settings: { stationId: 'ws-test', role: 'board', counter: 5 }, problems: [] },
    });
    expect(await connection.call('board', 'station.info', {})).toMatchObject({
      ok: true,
      value: { host: 'electron', stationId: 'ws-test' },
    });
    expect(await connection.call('kiosk', 'printer.status', {})).toMatchObject({
      ok: true,
      value: { status: 'not-configured' },
    });
    expect(await connection.call('kiosk', 'printer.printTicket', { ticketId: '' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(await connection.call('kiosk', 'shell.openExternal', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });

    await connection.close(2_000);
    expect(exitCodes).toEqual([0]);
  });

  it('the station checks each call against the kind of window it comes from', async () => {
    const connection = new StationConnection({
      spawn: inMemoryUtility((port, exit) =>
        serveStation(port, createStation({ dataDir, host: 'electron', log: quiet, devices: noDevices }), {
          log: quiet,
          exit,
        }),
      ),
      onEvent: () => {},
      log: quiet,
    });
    connection.start();

    // Only the kiosk prints; a board is refused before its request is even looked at.
    expect(await connection.call('board', 'printer.printTicket', { ticketId: '' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await connection.call('board', 'printer.status', {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await connection.call('kiosk', 'printer.status', {})).toMatchObject({ ok: true });
    // Nobody signs in at a kiosk; the device settings need a signed-in supervisor or admin.
    expect(await connection.call('kiosk', 'session.signIn', { login: 'anna', password: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await connection.call('settings', 'devices.list', {})).toMatchObject({
      ok: false,
      error: { code: 'NOT_SIGNED_IN' },
    });

    await connection.close(2_000);
  });

  it('passes each event on with the windows that may hear it', async () => {
    await addLocalAccount(dataDir, 'anna', ['admin']);
    const events: [string, readonly WindowKind[]][] = [];
    const connection = new StationConnection({
      spawn: inMemoryUtility((port, exit) =>
        serveStation(port, createStation({ dataDir, host: 'electron', log: quiet, devices: noDevices }), {
          log: quiet,
          exit,
        }),
      ),
      onEvent: (event, _payload, windows) => events.push([event, windows]),
      log: quiet,
    });
    connection.start();

    expect(
      await connection.call('settings', 'session.signIn', {
        login: 'anna',
        password: TEST_PASSWORD,
        code: await nextTotpCode('anna'),
      }),
    ).toMatchObject({ ok: true, value: { user: { login: 'anna' } } });
    expect(await connection.call('settings', 'devices.configure', { role: 'idReader', settings: null })).toMatchObject({
      ok: true,
    });
    await vi.waitFor(() => expect(events.map(([event]) => event)).toContain('devices.status'));

    // Every screen hears that the session changed; the device states reach the device screens only.
    expect(events.find(([event]) => event === 'session.changed')?.[1]).toEqual(WINDOW_KINDS);
    expect(events.find(([event]) => event === 'devices.status')?.[1]).toEqual(['counter', 'supervisor', 'settings']);

    await connection.close(2_000);
  });

  it('a station that cannot start answers INTERNAL instead of crashing in a loop', async () => {
    let spawns = 0;
    const connection = new StationConnection({
      spawn: inMemoryUtility((port, exit) => {
        spawns += 1;
        serveStation(port, Promise.reject(new Error('EACCES: settings.json')), { log: quiet, exit });
      }),
      onEvent: () => {},
      log: quiet,
    });
    connection.start();
    expect(await connection.call('home', 'settings.get', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(spawns).toBe(1);
    await connection.close(1_000);
  });
});
