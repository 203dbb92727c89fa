/**
 * The browser host's doors. A page of this machine opens the WebSocket only from the host's own
 * origin under an allowed host name (no Origin, a foreign one, DNS rebinding: refused). A screen
 * on another machine reaches it only once paired: its WebSocket is refused
 * without the credential, a wrong code gets nothing, the code an admin shows gives a credential of
 * one kind that holds the screen to it, and a revoked credential stops working at its next word.
 * The host listens on this machine's own network address, so the "other machine" is a real
 * non-loopback peer.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startHost, type RunningHost } from '../../../electron/host/server';
import { createLogger } from '../../../electron/station/log';
import { createStation, type Station } from '../../../electron/station/station';
import { addLocalAccount, nextTotpCode, TEST_PASSWORD } from '../../support/accounts';
import { noDevices } from '../../support/no-devices';

const address = Object.values(os.networkInterfaces())
  .flat()
  .find((entry) => entry?.family === 'IPv4' && !entry.internal)?.address;

let dir: string;
let station: Station;
let host: RunningHost;
let base: string;

beforeAll(async () => {
  if (!address) throw new Error('this machine has no non-loopback IPv4 address to play the other machine from');
  dir = await mkdtemp(path.join(tmpdir(), 'okienko-pairing-'));
  await addLocalAccount(dir, 'anna', ['clerk', 'supervisor', 'admin']);
  const log = createLogger({ write: () => undefined });
  station = await createStation({ dataDir: dir, host: 'browser', log, devices: noDevices });
  host = await startHost({ station, port: 0, bind: '0.0.0.0', staticDir: dir, log });
  base = `http://${address}:${host.port}`;
  await station.session.signIn({ login: 'anna', password: TEST_PASSWORD, code: await nextTotpCode('anna') });
}, 60_000);

afterAll(async () => {
  await host?.close();
  await station?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Opens the contract's WebSocket as a page of `base` would, with `cookie`; its calls, or the refusal. */
async function connect(cookie?: string): Promise<{ socket: WebSocket } | { status: number }> {
  const socket = new WebSocket(`${base.replace('http', 'ws')}/api/v1`, {
    headers: { origin: base, ...(cookie ? { cookie } : {}) },
  });
  return new Promise((resolve) => {
    socket.once('open', () => resolve({ socket }));
    socket.once('unexpected-response', (_request, response) => resolve({ status: response.statusCode ?? 0 }));
    socket.once('error', () => undefined);
  });
}

function call(
  socket: WebSocket,
  id: number,
  window: string,
  channel: string,
): Promise<{ ok: boolean; error?: { code: string } }> {
  return new Promise((resolve) => {
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as {
        t: string;
        id: number;
        result: { ok: boolean; error?: { code: string } };
      };
      if (frame.t === 'reply' && frame.id === id) resolve(frame.result);
    });
    socket.send(JSON.stringify({ t: 'call', id, window, channel, payload: {} }));
  });
}

const pair = (code: string, origin = base) =>
  fetch(`${base}/pair`, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });

describe("the host's doors for a page on this machine", () => {
  /** The status of a WebSocket upgrade to the loopback with these headers (101: opened). */
  const upgrade = (headers: Record<string, string>) =>
    new Promise<number>((resolve) => {
      const socket = new WebSocket(`ws://127.0.0.1:${host.port}/api/v1`, { headers });
      socket.once('open', () => {
        socket.close();
        resolve(101);
      });
      socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      socket.once('error', () => undefined);
    });

  it('opens the WebSocket to its own page only: no Origin, a foreign one or a rebinding Host are refused', async () => {
    const own = `http://127.0.0.1:${host.port}`;
    expect(await upgrade({ origin: own })).toBe(101);
    expect(await upgrade({})).toBe(403);
    expect(await upgrade({ origin: 'https://evil.example' })).toBe(403);
    // DNS rebinding: a foreign name pointed at 127.0.0.1, its page's Origin matching its Host.
    expect(await upgrade({ host: `evil.example:${host.port}`, origin: `http://evil.example:${host.port}` })).toBe(403);
    // The pages too (fetch would not send a Host of its own choosing).
    const status = await new Promise<number>((resolve, reject) =>
      http
        .get(
          { host: '127.0.0.1', port: host.port, path: '/', headers: { host: `evil.example:${host.port}` } },
          (response) => {
            response.resume();
            resolve(response.statusCode ?? 0);
          },
        )
        .on('error', reject),
    );
    expect(status).toBe(421);
  });
});

describe('pairing a screen on another machine', () => {
  it('refuses an unpaired screen, a wrong code and a foreign page; a right code pairs it as a board and nothing more', async () => {
    expect(await connect()).toEqual({ status: 401 });
    expect((await pair('000000')).status).toBe(401);
    const started = await station.dispatch('settings', 'pairing.start', { kind: 'board' });
    if (!started.ok) throw new Error(started.error.message);
    const { code } = started.value as { code: string };
    expect((await pair(code, 'https://evil.example')).status).toBe(403);
    const paired = await pair(code);
    expect(paired.status).toBe(200);
    expect(await paired.json()).toEqual({ kind: 'board' });
    const cookie = paired.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^okienko-screen=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\//);
    // A code is good once.
    expect((await pair(code)).status).toBe(401);

    const opened = await connect(cookie.split(';')[0]);
    if (!('socket' in opened)) throw new Error(`refused: ${opened.status}`);
    const { socket } = opened;
    expect((await call(socket, 1, 'board', 'station.info')).ok).toBe(true);
    expect((await call(socket, 2, 'board', 'hub.connection')).ok).toBe(true);
    // Whatever the page says it is, it is a board, and never the person signed in at the workstation.
    expect((await call(socket, 3, 'settings', 'devices.list')).error?.code).toBe('FORBIDDEN');
    expect((await call(socket, 4, 'counter', 'signature.cancel')).error?.code).toBe('FORBIDDEN');
    expect((await call(socket, 5, 'kiosk', 'printer.printTicket')).error?.code).toBe('FORBIDDEN');
    // It learns whether the workstation is locked, not who is signed in there.
    const session = (await call(socket, 7, 'board', 'session.current')) as unknown as { value: { user: unknown } };
    expect(session.value.user).toBeNull();
    expect(station.session.info().user?.login).toBe('anna');

    const listed = await station.dispatch('settings', 'pairing.list', {});
    const screens = (listed as { ok: true; value: { id: string; kind: string; revokedAt: null }[] }).value;
    expect(screens).toEqual([expect.objectContaining({ kind: 'board', revokedAt: null })]);
    const id = screens[0]!.id;
    await station.dispatch('settings', 'pairing.revoke', { id });
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send(JSON.stringify({ t: 'call', id: 6, window: 'board', channel: 'station.info', payload: {} }));
    expect(await closed).toBe(4401);
    expect(await connect(cookie.split(';')[0])).toEqual({ status: 401 });
  });
});
