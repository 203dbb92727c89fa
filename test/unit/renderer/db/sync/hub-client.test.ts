/**
 * The workstation's live stream from the hub, against a local HTTP server that behaves like a hub
 * whose connection dies without closing (a half-open TCP connection: cable pulled between
 * switches, a NAT that forgot the flow): the stream must notice by the missing heartbeats.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HubClient, HubError } from '../../../../../renderer/db/sync/hub-client';

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
  await new Promise((resolve) => server?.close(resolve));
  server = null;
});

function open(url: string, streamIdleMs: number) {
  const client = new HubClient({ url, token: 'okh_1_test', appVersion: '0.1.0', streamIdleMs });
  const closed: { at: number; error?: unknown }[] = [];
  const abort = new AbortController();
  const started = Date.now();
  const connected = client.stream({
    signal: abort.signal,
    onEvent: () => undefined,
    onClose: (error) => closed.push({ at: Date.now() - started, error }),
  });
  return { connected, closed, abort };
}

describe('the live stream from the hub', () => {
  it('counts a stream with no heartbeat for too long as gone, so the workstation reconnects', async () => {
    const url = await hubThat((response) => response.write(': heartbeat\n\n')); // then silence
    const stream = open(url, 300);
    await stream.connected;
    await expect.poll(() => stream.closed.length, { timeout: 5_000 }).toBe(1);
    expect(stream.closed[0]!.error).toBeInstanceOf(HubError);
    expect((stream.closed[0]!.error as HubError).kind).toBe('offline');
    expect(stream.closed[0]!.at).toBeGreaterThanOrEqual(300);
  });

  it('stays open while heartbeats come, however long nothing changes', async () => {
    const url = await hubThat((response) => {
      const beat = setInterval(() => response.write(': heartbeat\n\n'), 100);
      response.on('close', () => clearInterval(beat));
    });
    const stream = open(url, 300);
    await stream.connected;
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(stream.closed).toEqual([]);
    stream.abort.abort();
  });
});
