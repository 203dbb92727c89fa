/**
 * One request from a screen to the office hub, as the person signed in at this window (the session
 * the station opened at the hub) or with no session for the hub's public routes: the version
 * header, a time limit, the answer checked against the contract's schema. Never throws: an answer
 * that is not the expected one is `failed` with its status and body for the caller to word, and no
 * answer at all — no hub, no session yet, no reply in time, a reply that is not the contract's —
 * is `lost`. DOM-free, `fetch` passed in; the appointments' and the office set-up's clients use it.
 */
import type { z } from 'zod';
import { CLIENT_VERSION_HEADER, HUB_API_PREFIX } from '../../electron/common/contract/hub';

/** Where the hub is and what this window's requests carry; null when the workstation has no hub. */
export interface HubAccessPoint {
  readonly url: string;
  /** null while the station has no session at the hub (it could not reach it). */
  readonly session: string | null;
}

export type HubAnswer<T> =
  | { readonly kind: 'ok'; readonly value: T }
  | { readonly kind: 'failed'; readonly status: number; readonly body: unknown }
  | { readonly kind: 'lost' };

export interface HubRequest {
  readonly method?: 'GET' | 'POST';
  readonly body?: unknown;
  /** Sends the person's session; without it the request is the public routes' (no session sent). */
  readonly signedIn?: boolean;
}

export interface HubRequestContext {
  readonly fetch: typeof fetch;
  readonly point: HubAccessPoint | null;
  readonly appVersion: string;
  readonly timeoutMs: number;
}

export async function askHub<T>(
  context: HubRequestContext,
  path: string,
  schema: z.ZodType<T>,
  { method = 'GET', body, signedIn = false }: HubRequest = {},
): Promise<HubAnswer<T>> {
  const { point } = context;
  if (!point || (signedIn && point.session === null)) return { kind: 'lost' };
  const headers: Record<string, string> = { [CLIENT_VERSION_HEADER]: context.appVersion };
  if (signedIn) headers.authorization = `Bearer ${point.session}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), context.timeoutMs);
  try {
    const response = await context.fetch(`${point.url.replace(/\/+$/, '')}${HUB_API_PREFIX}${path}`, {
      method,
      headers,
      cache: 'no-store',
      body: body === undefined ? null : JSON.stringify(body),
      signal: controller.signal,
    });
    if (!response.ok) return { kind: 'failed', status: response.status, body: await response.json().catch(() => null) };
    const parsed = schema.safeParse(await response.json());
    return parsed.success ? { kind: 'ok', value: parsed.data } : { kind: 'lost' };
  } catch {
    return { kind: 'lost' };
  } finally {
    clearTimeout(timer);
  }
}

/** The hub's error code of a failed answer (`{error, message}`), or '' when it sent none. */
export function hubErrorCode(body: unknown): string {
  const code = (body as { error?: unknown } | null)?.error;
  return typeof code === 'string' ? code : '';
}
