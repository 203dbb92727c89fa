/**
 * One question to the hub's public routes: a value the contract accepts, a refusal in the hub's
 * code, 404 as "not there", and everything else — a failure, a body the contract refuses, no
 * network — as a lost connection; never an exception.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { askPublic, publicAddress } from '../../../../../renderer/apps/public/public-client';

const Answer = z.object({ n: z.number() });
const replying =
  (status: number, body: unknown, asked: Array<[string, RequestInit | undefined]> = []): typeof fetch =>
  (input, init) => {
    asked.push([String(input), init]);
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    return Promise.resolve(new Response(text, { status }));
  };

describe('asking a public route', () => {
  it("asks the page's own origin, fresh each time, and reads the value with the schema", async () => {
    const asked: Array<[string, RequestInit | undefined]> = [];
    expect(await askPublic(replying(200, { n: 1 }, asked), '/office', Answer)).toEqual({ kind: 'ok', value: { n: 1 } });
    expect(publicAddress('/office')).toBe('/api/v1/public/office');
    expect(asked[0]?.[0]).toBe('/api/v1/public/office');
    expect(asked[0]?.[1]).toMatchObject({ method: 'GET', cache: 'no-store' });
  });

  it('sends a body as JSON', async () => {
    const asked: Array<[string, RequestInit | undefined]> = [];
    await askPublic(replying(200, { n: 2 }, asked), '/bookings', Answer, { method: 'POST', body: { at: 5 } });
    expect(asked[0]?.[1]).toMatchObject({
      method: 'POST',
      body: '{"at":5}',
      headers: { 'Content-Type': 'application/json' },
    });
  });

  it("reads a refusal in the hub's code, whatever its status", async () => {
    expect(await askPublic(replying(409, { refused: 'slot-taken' }), '/bookings', Answer)).toEqual({
      kind: 'refused',
      refusal: 'slot-taken',
    });
    expect(await askPublic(replying(404, { refused: 'unknown-booking' }), '/bookings/1', Answer)).toEqual({
      kind: 'refused',
      refusal: 'unknown-booking',
    });
    expect(await askPublic(replying(429, { refused: 'too-many-requests' }), '/slots', Answer)).toEqual({
      kind: 'refused',
      refusal: 'too-many-requests',
    });
  });

  it('takes a bare 429 (a proxy in front of the hub) as too many requests, a bare 404 as not there', async () => {
    expect(await askPublic(replying(429, 'Too Many Requests'), '/slots', Answer)).toEqual({
      kind: 'refused',
      refusal: 'too-many-requests',
    });
    expect(await askPublic(replying(404, { error: { code: 'no-office' } }), '/office', Answer)).toEqual({
      kind: 'missing',
    });
  });

  it('calls a failure, a body the contract refuses and no network a lost connection', async () => {
    expect(await askPublic(replying(500, 'oops'), '/office', Answer)).toEqual({ kind: 'lost' });
    expect(await askPublic(replying(200, { n: 'one' }), '/office', Answer)).toEqual({ kind: 'lost' });
    expect(await askPublic(replying(200, '<html>'), '/office', Answer)).toEqual({ kind: 'lost' });
    const offline: typeof fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    expect(await askPublic(offline, '/office', Answer)).toEqual({ kind: 'lost' });
  });

  it('says a question given up on is aborted, not lost', async () => {
    const controller = new AbortController();
    const hanging: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))));
    const asking = askPublic(hanging, '/office', Answer, { signal: controller.signal });
    controller.abort();
    expect(await asking).toEqual({ kind: 'aborted' });
  });
});
