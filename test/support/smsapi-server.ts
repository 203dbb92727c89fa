/**
 * A local server that speaks SMSAPI.pl's send API (`POST /sms.do`, bearer token, form fields
 * `to`, `message`, `from`, `encoding`, `format=json`, `idx`, `check_idx`) as the hub's sender
 * (electron/hub/notifications/smsapi-sender.ts) uses it: a message is answered with
 * `{count, list: [{id, …}]}`; an idx already taken with check_idx=1 with `{error: 53}`; a wrong
 * token with `{error: 101}`. It can refuse the next requests with an error, or take the next
 * message and hold the answer back (so a test can kill the sender in that moment).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SmsRequest {
  readonly authorization: string;
  readonly fields: Readonly<Record<string, string>>;
}

export interface SmsapiServer {
  readonly url: string;
  /** Every request, taken or not. */
  readonly requests: SmsRequest[];
  /** The messages taken (sent to the phone). */
  readonly delivered: SmsRequest[];
  refuseNext(count: number, error?: number): void;
  holdNext(): Promise<void>;
  close(): Promise<void>;
}

export async function startSmsapiServer(token: string): Promise<SmsapiServer> {
  const requests: SmsRequest[] = [];
  const delivered: SmsRequest[] = [];
  const refusals: number[] = [];
  let hold: (() => void) | null = null;
  let nextId = 1;

  const answer = (response: http.ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      const fields = Object.fromEntries(new URLSearchParams(body));
      const taken = { authorization: request.headers.authorization ?? '', fields };
      requests.push(taken);
      if (request.method !== 'POST' || request.url !== '/sms.do') return answer(response, 404, { error: 404 });
      if (taken.authorization !== `Bearer ${token}`)
        return answer(response, 401, { error: 101, message: 'Authorization failed' });
      const refusal = refusals.shift();
      if (refusal !== undefined) return answer(response, 400, { error: refusal, message: 'Refused by the test' });
      if (fields.check_idx === '1' && delivered.some((sms) => sms.fields.idx === fields.idx)) {
        return answer(response, 400, { error: 53, message: 'Not unique idx' });
      }
      delivered.push(taken);
      const id = String(nextId++);
      const reply = {
        count: 1,
        list: [{ id, points: 0.16, number: fields.to, status: 'QUEUE', error: null, idx: fields.idx }],
      };
      if (!hold) return answer(response, 200, reply);
      hold();
      hold = null;
      // Held: answered never; the sender is killed meanwhile.
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    delivered,
    refuseNext: (count, error = 8) => refusals.push(...Array<number>(count).fill(error)),
    holdNext: () => new Promise<void>((resolve) => (hold = resolve)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
