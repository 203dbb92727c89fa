/**
 * Request bodies: at most MAX_BODY_BYTES of JSON (413 as soon as a body is known to be larger, 400
 * when it is empty or not JSON), then checked against the contract's schema (400 with the first
 * problem and the expected shape).
 */
import type http from 'node:http';
import type { z } from 'zod';
import { MAX_BODY_BYTES } from '../../common/contract/hub';
import { badRequest, HubFailure } from '../errors';
import { headerValue } from './messages';

const tooLarge = () =>
  new HubFailure(413, 'too-large', `The body is larger than ${MAX_BODY_BYTES} bytes; send fewer rows at a time`);

/** Reads at most MAX_BODY_BYTES and parses it; 413 as soon as the body is known to be larger. */
export function readJson(request: http.IncomingMessage): Promise<unknown> {
  const declared = Number(headerValue(request, 'content-length'));
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        cleanup();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      settleWithJson(Buffer.concat(chunks).toString('utf8'), resolve, reject);
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
  });
}

function settleWithJson(text: string, resolve: (value: unknown) => void, reject: (error: HubFailure) => void): void {
  if (text.trim() === '') {
    reject(badRequest('The request has no body; send JSON'));
    return;
  }
  try {
    resolve(JSON.parse(text));
  } catch {
    reject(new HubFailure(400, 'bad-json', 'The body is not valid JSON'));
  }
}

/** The body as `schema` types it; 400 naming the first problem and `shape`, the expected form. */
export function parseBody<T>(schema: z.ZodType<T>, value: unknown, shape: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'the body';
  throw badRequest(`${where}: ${issue?.message ?? 'invalid'} (${shape})`);
}

/** A query's parameters (the last of a repeated one) as `schema` types them; 400 as for a body. */
export function parseQuery<T>(schema: z.ZodType<T>, url: URL, shape: string): T {
  return parseBody(schema, Object.fromEntries(url.searchParams), shape);
}

/**
 * After a 413 nothing more is kept, but closing the socket while the client is still sending makes
 * its TCP stack drop our answer (a reset). So the rest is read and thrown away for a moment (no
 * `Connection: close`, which would make Node close at once), then the connection is closed.
 */
export function discardRest(request: http.IncomingMessage): void {
  request.on('data', () => undefined);
  request.resume();
  const timer = setTimeout(() => request.socket.destroy(), 2_000);
  timer.unref();
  request.once('end', () => clearTimeout(timer));
}
