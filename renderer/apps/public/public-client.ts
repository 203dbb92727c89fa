/**
 * One question to the office hub's public routes (contract/public.ts), on the page's own origin:
 * the hub serves both the page and the routes, so no address is configured and no CORS is needed.
 * The answer is a value the contract's schema accepts, a refusal the hub put in a code
 * (`{refused}`, which the page words), "not there" (a 404 without one), or a lost connection —
 * never an exception. DOM-free: `fetch` is passed in, so the rules are unit-tested in Node.
 */
import type { z } from 'zod';
import { HUB_API_PREFIX } from '../../../electron/common/contract/hub';
import { BookingRefusalSchema, PUBLIC_PREFIX, type BookingRefusal } from '../../../electron/common/contract/public';

export type PublicAnswer<T> =
  | { readonly kind: 'ok'; readonly value: T }
  | { readonly kind: 'refused'; readonly refusal: BookingRefusal }
  /** 404 with no refusal in words: the thing asked for is not there (an unknown ticket, no office). */
  | { readonly kind: 'missing' }
  /** No usable answer: no network, a server failure, a body the contract does not accept. */
  | { readonly kind: 'lost' }
  /** The caller gave up on the question (its signal): nothing to show. */
  | { readonly kind: 'aborted' };

/** The address of a public route: `path` starts with `/`, e.g. `/tickets/<id>`. */
export function publicAddress(path: string): string {
  return `${HUB_API_PREFIX}${PUBLIC_PREFIX}${path}`;
}

export interface PublicRequest {
  readonly method?: 'GET' | 'POST';
  /** Sent as JSON. */
  readonly body?: unknown;
  readonly signal?: AbortSignal;
}

/** Asks the public route at `path` and reads its answer with `schema`. */
export async function askPublic<T>(
  fetcher: typeof fetch,
  path: string,
  schema: z.ZodType<T>,
  request: PublicRequest = {},
): Promise<PublicAnswer<T>> {
  try {
    const response = await fetcher(publicAddress(path), requestInit(request));
    if (!response.ok) return await failedAnswer(response);
    const parsed = schema.safeParse(await response.json());
    return parsed.success ? { kind: 'ok', value: parsed.data } : { kind: 'lost' };
  } catch {
    return request.signal?.aborted ? { kind: 'aborted' } : { kind: 'lost' };
  }
}

function requestInit({ method = 'GET', body, signal }: PublicRequest): RequestInit {
  const init: RequestInit = { method, cache: 'no-store' };
  if (signal) init.signal = signal;
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { 'Content-Type': 'application/json' };
  }
  return init;
}

/** A refusal in the hub's words, 404 as "not there", anything else as a lost connection. */
async function failedAnswer(response: Response): Promise<PublicAnswer<never>> {
  const body: unknown = await response.json().catch(() => null);
  const refusal = BookingRefusalSchema.safeParse(body);
  if (refusal.success) return { kind: 'refused', refusal: refusal.data.refused };
  if (response.status === 404) return { kind: 'missing' };
  // A 429 from something in front of the hub (a proxy) that does not say it in the hub's words.
  if (response.status === 429) return { kind: 'refused', refusal: 'too-many-requests' };
  return { kind: 'lost' };
}
