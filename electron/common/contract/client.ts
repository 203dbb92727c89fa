/**
 * The typed API object both transports produce. `api.printer.printTicket(req)` is generated from
 * the channel `printer.printTicket`; the transport only moves `(channel, payload)` pairs.
 */
import {
  CHANNEL_NAMES,
  channels,
  events,
  type ChannelName,
  type EventName,
  type EventPayload,
  type ReplyOf,
  type RequestOf,
} from './contract';
import { fail, type Result } from './result';

type GroupOf<C extends string> = C extends `${infer G}.${string}` ? G : never;
type MethodOf<C extends string, G extends string> = C extends `${G}.${infer M}` ? M : never;

export type Api = {
  readonly [G in GroupOf<ChannelName>]: {
    readonly [C in ChannelName as MethodOf<C, G>]: (request: RequestOf<C>) => Promise<Result<ReplyOf<C>>>;
  };
};

export interface EventSource {
  /** Subscribe to one station event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** What a transport must do: carry one call, and deliver events. */
export interface Transport {
  call(channel: ChannelName, payload: unknown): Promise<Result<unknown>>;
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
}

export function createApi(transport: Transport): Api & EventSource {
  const api: Record<string, Record<string, (request: unknown) => Promise<Result<unknown>>>> = {};
  for (const name of CHANNEL_NAMES) {
    const [group, method] = name.split('.') as [string, string];
    api[group] ??= {};
    api[group][method] = async (request) => {
      const result = await transport.call(name, request);
      if (!result.ok) return result;
      // The station validated the request; checking the reply here catches a station of another
      // version before its data reaches the screen.
      const parsed = channels[name].reply.safeParse(result.value);
      return parsed.success
        ? { ok: true, value: parsed.data }
        : fail('INTERNAL', `Reply of ${name} does not match the contract`);
    };
  }
  const source: EventSource = {
    on(event, listener) {
      return transport.subscribe((name, payload) => {
        if (name !== event) return;
        const parsed = events[event].safeParse(payload);
        if (parsed.success) listener(parsed.data as EventPayload<typeof event>);
      });
    },
  };
  return Object.assign(api as unknown as Api, source);
}
