/**
 * The Node side of the contract: one function that takes whatever arrived on a transport and
 * either runs the matching handler with a validated request or answers with a typed error. It
 * never throws, so neither a malformed message nor a failing handler can take a transport down.
 */
import type { z } from 'zod';
import { channels, isChannelName, type ChannelName, type ReplyOf, type RequestOf } from './contract';
import { ContractFailure, fail, ok, type Result } from './result';

export type Handlers = {
  readonly [C in ChannelName]: (request: z.output<(typeof channels)[C]['request']>) => Promise<ReplyOf<C>>;
};

export type Dispatch = (channel: unknown, payload: unknown) => Promise<Result<unknown>>;

export function formatIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}

export function createDispatch(handlers: Handlers, onUnexpected: (channel: string, error: unknown) => void): Dispatch {
  return async (channel, payload) => {
    if (!isChannelName(channel)) {
      return fail(
        'UNKNOWN_CHANNEL',
        `Unknown channel ${typeof channel === 'string' ? JSON.stringify(channel.slice(0, 80)) : typeof channel}`,
      );
    }
    const parsed = channels[channel].request.safeParse(payload ?? {});
    if (!parsed.success) return fail('BAD_REQUEST', `${channel}: ${formatIssues(parsed.error)}`);
    try {
      const handler = handlers[channel] as (request: unknown) => Promise<unknown>;
      return ok(await handler(parsed.data as RequestOf<typeof channel>));
    } catch (error) {
      if (error instanceof ContractFailure) return fail(error.code, error.message);
      onUnexpected(channel, error);
      return fail('INTERNAL', `${channel} failed`);
    }
  };
}
