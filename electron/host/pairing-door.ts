/**
 * The browser host's side of pairing (electron/station/pairing.ts): the route a screen on another
 * machine posts its code to, which answers with the credential as a cookie (HttpOnly, SameSite
 * Strict: no page script reads it, no other site sends it), and reading that cookie back on the
 * screen's WebSocket.
 */
import type http from 'node:http';
import { PAIRED_COOKIE, PairRequestSchema, type PairAnswer } from '../common/contract/pairing';
import { AttemptLimiter } from '../node/accounts/throttle';
import type { ScreenPairing } from '../station/pairing';
import { isOwnOrigin } from './doors';

/** Wrong codes from one address before it must wait: six digits leave nothing to guess in five tries. */
const CODE_ATTEMPTS = new AttemptLimiter(5, 10 * 60_000);
const ONE_YEAR_S = 365 * 24 * 60 * 60;

export function credentialOf(request: http.IncomingMessage): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === PAIRED_COOKIE) return value.join('=') || null;
  }
  return null;
}

export async function handlePair(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  pairing: ScreenPairing,
  now: number,
): Promise<void> {
  const answer = (status: number, body: object, headers: Record<string, string> = {}): void =>
    void response
      .writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers })
      .end(JSON.stringify(body));
  const address = request.socket.remoteAddress ?? 'unknown';
  if (request.method !== 'POST') return answer(405, { error: 'method-not-allowed' });
  if (!isOwnOrigin(request)) return answer(403, { error: 'foreign-origin' });
  if (!CODE_ATTEMPTS.allows(address, now)) return answer(429, { error: 'too-many-attempts' });
  const parsed = PairRequestSchema.safeParse(await readSmallJson(request));
  const paired = parsed.success ? await pairing.redeem(parsed.data.code) : null;
  if (!paired) {
    CODE_ATTEMPTS.fail(address, now);
    return answer(401, { error: 'bad-code' });
  }
  const cookie = `${PAIRED_COOKIE}=${paired.credential}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${ONE_YEAR_S}`;
  // What the screen now is (a customer screen's counter too): its page opens that route.
  const { credential: _secret, ...what } = paired;
  return answer(200, what satisfies PairAnswer, { 'Set-Cookie': cookie });
}

async function readSmallJson(request: http.IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of request) {
    text += String(chunk);
    if (text.length > 1024) return null;
  }
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
