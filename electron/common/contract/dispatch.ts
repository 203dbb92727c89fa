/**
 * The Node side of the contract: one function that takes whatever arrived on a transport and
 * either runs the matching handler — for a caller allowed to, with a validated request — or
 * answers with a typed error. It
 * never throws, so neither a malformed message nor a failing handler can take a transport down.
 */
import type { z } from 'zod';
import type { WindowKind } from '../access/subjects';
import { channels, isChannelName, type ChannelName, type ReplyOf, type RequestOf } from './contract';
import { ContractFailure, fail, ok, type ErrorCode, type Result } from './result';

/** Who is calling, as the transport knows it: the window's kind, and whether it is a screen paired from another machine. */
export interface CallContext {
  readonly window: WindowKind;
  readonly paired: boolean;
}

export type Handlers = {
  readonly [C in ChannelName]: (
    request: z.output<(typeof channels)[C]['request']>,
    context: CallContext,
  ) => Promise<ReplyOf<C>>;
};

export type Dispatch = (channel: unknown, payload: unknown) => Promise<Result<unknown>>;

export function formatIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}

/** Whether the caller may use a channel at all: null, or the refusal (electron/common/access). */
export type Authorize = (channel: ChannelName) => { readonly code: ErrorCode; readonly message: string } | null;

export function createDispatch(
  handlers: Handlers,
  onUnexpected: (channel: string, error: unknown) => void,
  authorize: Authorize,
  context: CallContext,
): Dispatch {
  return async (channel, payload) => {
    if (!isChannelName(channel)) {
      return fail(
        'UNKNOWN_CHANNEL',
        `Unknown channel ${typeof channel === 'string' ? JSON.stringify(channel.slice(0, 80)) : typeof channel}`,
      );
    }
    // The door before the schema: a caller who may not ask learns nothing of what a request looks like.
    const denied = authorize(channel);
    if (denied) return fail(denied.code, denied.message);
    const parsed = channels[channel].request.safeParse(payload ?? {});
    if (!parsed.success) return fail('BAD_REQUEST', `${channel}: ${formatIssues(parsed.error)}`);
    try {
      const handler = handlers[channel] as (request: unknown, context: CallContext) => Promise<unknown>;
      return ok(await handler(parsed.data as RequestOf<typeof channel>, context));
    } catch (error) {
      if (error instanceof ContractFailure) return fail(error.code, error.message);
      onUnexpected(channel, error);
      return fail('INTERNAL', `${channel} failed`);
    }
  };
}
