/**
 * The workstation's live stream from the hub, against a local HTTP server that behaves like a hub
 * whose connection dies without closing (a half-open TCP connection: cable pulled between
 * switches, a NAT that forgot the flow): the stream must notice by the missing heartbeats.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HubClient, HubError, parseSseFrame } from '../../../../../renderer/db/sync/hub-client';
import { ManualClock } from '../../../../support/manual-clock';

let server: Server | null = null;
const responses: ServerResponse[] = [];

async function hubThat(behave: (response: ServerResponse) => void): Promise<string> {
  server = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
    response.flushHeaders();
    responses.push(response);
    behave(response);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

afterEach(async () => {
  for (const response of responses.splice(0)) response.destroy();
  const closing = server;
  server = null;
  // (Without closeAllConnections, close waits seconds for the client's kept-alive connection.)
  closing?.closeAllConnections();
  if (closing) await new Promise((resolve) => closing.close(resolve));
});

/** The client's clock; it counts the timers set, and the stream sets one at every read. */
class CountingClock extends ManualClock {
  timersSet = 0;

  override setTimeout(callback: () => void, ms: number): unknown {
    this.timersSet++;
    return super.setTimeout(callback, ms);
  }
}

function open(url: string, streamIdleMs: number, clock: ManualClock) {
  const client = new HubClient({ url, token: 'okh_1_test', appVersion: '0.1.0', streamIdleMs, timers: clock });
  const closed: { at: number; error?: unknown }[] = [];
  const abort = new AbortController();
  const started = clock.now();
  const connected = client.stream({
    signal: abort.signal,
    onEvent: () => undefined,
    onClose: (error) => closed.push({ at: clock.now() - started, error }),
  });
  return { connected, closed, abort };
}

describe('the live stream from the hub', () => {
  it('counts a stream with no heartbeat for too long as gone, so the workstation reconnects', async () => {
    const url = await hubThat((response) => response.write(': heartbeat\n\n')); // then silence
    const clock = new CountingClock();
    const stream = open(url, 300, clock);
    await stream.connected;
    await expect.poll(() => clock.timersSet, { timeout: 5_000 }).toBe(2); // watching; the heartbeat came
    await clock.advance(299);
    expect(stream.closed).toEqual([]);
    await clock.advance(1);
    await expect.poll(() => stream.closed.length, { timeout: 5_000 }).toBe(1);
    expect(stream.closed[0]!.error).toBeInstanceOf(HubError);
    expect((stream.closed[0]!.error as HubError).kind).toBe('offline');
    expect(stream.closed[0]!.at).toBeGreaterThanOrEqual(300);
  });

  it('stays open while heartbeats come, however long nothing changes', async () => {
    const url = await hubThat(() => undefined); // the heartbeats come as the test says
    const clock = new CountingClock();
    const stream = open(url, 300, clock);
    await stream.connected;
    for (let beat = 1; beat <= 12; beat++) {
      await clock.advance(100);
      responses[0]!.write(': heartbeat\n\n');
      await expect.poll(() => clock.timersSet, { timeout: 5_000 }).toBe(beat + 1);
    }
    expect(clock.now()).toBe(1_200);
    expect(stream.closed).toEqual([]);
    stream.abort.abort();
  });
});

describe('a push', () => {
  async function answering(body: unknown): Promise<HubClient> {
    server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
    return new HubClient({ url, token: 'okh_1_test', appVersion: '0.1.0' });
  }
  const row = { newDocumentState: { id: 't1', _deleted: false, state: 'called' } };

  it("gives the hub's conflicts and the stored versions of accepted calls apart", async () => {
    const conflict = { id: 't2', _deleted: false, state: 'done', hubStamp: 4 };
    const stored = { id: 't1', _deleted: false, state: 'called', hubStamp: 5 };
    const client = await answering({ conflicts: [conflict], stored: [stored] });
    expect(await client.push('tickets', [row])).toEqual({ conflicts: [conflict], stored: [stored] });
  });

  it('an answer without stored versions has none', async () => {
    const client = await answering({ conflicts: [] });
    expect(await client.push('counters', [row])).toEqual({ conflicts: [], stored: [] });
  });
});

describe('server-sent events', () => {
  it('parses event frames and skips comments', () => {
    expect(parseSseFrame('event: change\ndata: {"a":1}')).toEqual({ event: 'change', data: '{"a":1}' });
    expect(parseSseFrame(': heartbeat')).toBeNull();
    expect(parseSseFrame('data: line 1\ndata: line 2')).toEqual({ event: 'message', data: 'line 1\nline 2' });
  });
});
