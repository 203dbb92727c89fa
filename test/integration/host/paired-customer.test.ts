/**
 * A customer screen paired from another machine is held to its counter: paired for counter 4 it
 * hears counter 4's visitor (`assist.view`) and not counter 6's, may ask for and answer only
 * counter 4's view, and is refused (FORBIDDEN) for counter 6 whatever its page's route says. One
 * paired before screens named their counter gets no visitor's data at all. A customer window of
 * this machine (the loopback, as the counter's second display) still hears every counter. The host
 * listens on this machine's own network address, so the paired screen is a real non-loopback peer.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { AssistView } from '../../../electron/common/contract/assist';
import type { Result } from '../../../electron/common/contract/result';
import { startHost, type RunningHost } from '../../../electron/host/server';
import { createLogger } from '../../../electron/station/log';
import { PAIRED_FILE } from '../../../electron/station/pairing';
import { createStation, type Station } from '../../../electron/station/station';
import { addLocalAccount, nextTotpCode, TEST_PASSWORD } from '../../support/accounts';
import { noDevices } from '../../support/no-devices';

const address = Object.values(os.networkInterfaces())
  .flat()
  .find((entry) => entry?.family === 'IPv4' && !entry.internal)?.address;

/** A customer screen paired before screens named their counter, as its file was written then. */
const OLD_CREDENTIAL = 'a-customer-screen-paired-before-counters';

let dir: string;
let station: Station;
let host: RunningHost;
let base: string;

beforeAll(async () => {
  if (!address) throw new Error('this machine has no non-loopback IPv4 address to play the other machine from');
  dir = await mkdtemp(path.join(tmpdir(), 'okienko-paired-customer-'));
  await addLocalAccount(dir, 'anna', ['clerk', 'supervisor', 'admin']);
  const old = {
    id: 'a1b2c3d4e5f6',
    kind: 'customer',
    credentialHash: createHash('sha256').update(OLD_CREDENTIAL).digest('hex'),
    pairedAt: 1_700_000_000_000,
    revokedAt: null,
  };
  await writeFile(path.join(dir, PAIRED_FILE), JSON.stringify({ version: 1, screens: [old] }));
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

interface Frame {
  readonly t: 'reply' | 'event';
  readonly id?: number;
  readonly result?: Result<unknown>;
  readonly event?: string;
  readonly payload?: unknown;
}

/** A page's WebSocket that keeps every frame it was sent, and makes calls as the customer screen. */
class Page {
  readonly frames: Frame[] = [];
  #next = 1;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => this.frames.push(JSON.parse(String(data)) as Frame));
  }

  /** Opens the WebSocket from `origin` (this machine's loopback, or the other machine's address). */
  static async open(origin: string, cookie?: string): Promise<Page> {
    const socket = new WebSocket(`${origin.replace('http', 'ws')}/api/v1`, {
      headers: { origin, ...(cookie ? { cookie } : {}) },
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('unexpected-response', (_request, response) => reject(new Error(`refused: ${response.statusCode}`)));
    });
    const page = new Page(socket);
    socket.send(JSON.stringify({ t: 'window', window: 'customer' }));
    // The host knows who the peer is, and its screen, once a first call is answered.
    await page.call('station.info', {});
    return page;
  }

  /** A call as the customer screen; the reply comes after every event sent before it on this socket. */
  call(channel: string, payload: object): Promise<Result<unknown>> {
    const id = this.#next++;
    this.socket.send(JSON.stringify({ t: 'call', id, window: 'customer', channel, payload }));
    return new Promise((resolve) => {
      const check = () => {
        const reply = this.frames.find((frame) => frame.t === 'reply' && frame.id === id);
        if (reply) resolve(reply.result!);
        else setTimeout(check, 5);
      };
      check();
    });
  }

  /** The counters of the visitor's views this page heard, in order, with what each view showed. */
  views(): { counter: number; session: string | null }[] {
    return this.frames
      .filter((frame) => frame.t === 'event' && frame.event === 'assist.view')
      .map((frame) => {
        const { counter, view } = frame.payload as { counter: number; view: AssistView | null };
        return { counter, session: view?.session ?? null };
      });
  }
}

/** The view the clerk's counter publishes, with a visitor's surname on the identity page. */
function visitorView(counter: number): AssistView {
  return {
    seq: 1,
    sentAt: Date.now(),
    session: `session-${counter}`,
    reference: 'K7M3-Q9XT',
    eservice: 'profil-zaufany',
    language: 'pl',
    page: 'identity',
    progress: { step: 2, of: 6 },
    typing: 'visitor',
    draft: null,
    problem: null,
    answers: [],
    identity: [{ field: 'surname', value: `Kowalska-${counter}` }],
    proxy: false,
    consent: true,
    signing: null,
    digest: null,
  };
}

/** Pairs a screen at the pair door with a code an admin started for `target`; its cookie and the door's answer. */
async function pairScreen(target: object): Promise<{ cookie: string; answer: unknown }> {
  const started = await station.dispatch('settings', 'pairing.start', target);
  if (!started.ok) throw new Error(started.error.message);
  const response = await fetch(`${base}/pair`, {
    method: 'POST',
    headers: { origin: base, 'content-type': 'application/json' },
    body: JSON.stringify({ code: (started.value as { code: string }).code }),
  });
  expect(response.status).toBe(200);
  return { cookie: (response.headers.get('set-cookie') ?? '').split(';')[0]!, answer: await response.json() };
}

const languageInput = (counter: number) => ({ counter, input: { kind: 'language', language: 'uk' } });

describe('a customer screen paired for counter 4', () => {
  it("gets counter 4's visitor and nothing of counter 6's; a window of this machine still gets both", async () => {
    const { cookie, answer } = await pairScreen({ kind: 'customer', counter: 4 });
    expect(answer).toEqual({ kind: 'customer', counter: 4 });
    const paired = await Page.open(base, cookie);
    const old = await Page.open(base, `okienko-screen=${OLD_CREDENTIAL}`);
    const local = await Page.open(`http://127.0.0.1:${host.port}`);

    for (const counter of [6, 4]) {
      const shown = await station.dispatch('counter', 'assist.show', { counter, view: visitorView(counter) });
      expect(shown).toEqual({ ok: true, value: { shown: true } });
    }
    // Each reply comes after the events sent before it on that socket: what was heard is all there is.
    expect(await paired.call('assist.current', { counter: 4 })).toMatchObject({
      ok: true,
      value: { counter: 4, view: { session: 'session-4' } },
    });
    expect(paired.views()).toEqual([{ counter: 4, session: 'session-4' }]);
    expect(JSON.stringify(paired.frames)).not.toContain('Kowalska-6');

    // Its page may say #/customer/6: the host holds it to counter 4.
    expect(await paired.call('assist.current', { counter: 6 })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await paired.call('assist.input', languageInput(6))).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await paired.call('assist.input', languageInput(4))).toEqual({ ok: true, value: { relayed: true } });

    // Paired before screens named their counter: no visitor's data at all, only the idle screen.
    expect(await old.call('assist.current', { counter: 4 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await old.call('assist.input', languageInput(4))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(old.views()).toEqual([]);
    expect(await old.call('eservices.list', {})).toMatchObject({ ok: true });

    // The counter's second display on this machine is the workstation's own: every counter.
    expect(await local.call('assist.current', { counter: 6 })).toMatchObject({
      ok: true,
      value: { view: { session: 'session-6' } },
    });
    expect(local.views()).toEqual([
      { counter: 6, session: 'session-6' },
      { counter: 4, session: 'session-4' },
    ]);
    for (const page of [paired, old, local]) page.socket.close();
  });

  it('lists the screens with their counters, and the old one as paired without', async () => {
    const listed = await station.dispatch('settings', 'pairing.list', {});
    expect(listed.ok && listed.value).toEqual([
      { id: 'a1b2c3d4e5f6', kind: 'customer', pairedAt: 1_700_000_000_000, revokedAt: null },
      expect.objectContaining({ kind: 'customer', counter: 4, revokedAt: null }),
    ]);
    const refused = await station.dispatch('settings', 'pairing.start', { kind: 'customer' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const board = await station.dispatch('settings', 'pairing.start', { kind: 'board', counter: 4 });
    expect(board).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});
