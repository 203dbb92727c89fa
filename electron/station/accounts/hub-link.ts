/**
 * The station's own requests to the office hub, with the workstation's token (which never leaves
 * the station): sign a person in, open a session for a window with nobody signed in, and ask what
 * the offline cache must know. The windows' sync traffic goes from the windows themselves, with
 * the sessions opened here.
 */
import {
  AccountStatusResponseSchema,
  SessionResponseSchema,
  type AccountStatus,
  type LoginRequest,
  type SessionResponse,
} from '../../common/contract/hub-auth';
import {
  AccountChangeReplySchema,
  AccountListSchema,
  type AccountChange,
  type AccountChangeReply,
  type AccountInfo,
} from '../../common/contract/accounts';
import { Agent, fetch as undiciFetch } from 'undici';
import { CLIENT_VERSION_HEADER, HUB_API_PREFIX, HubErrorSchema } from '../../common/contract/hub';

/** The hub answered with a refusal. */
export class HubRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HubRefusal';
  }
}

/** The hub did not answer (network, TLS, a 5xx, a timeout): the station works offline. */
export class HubUnreachable extends Error {
  override name = 'HubUnreachable';
}

/** fetch that trusts the office CA `ca` (and nothing else) for HTTPS: undici, Node's own fetch, with its CA option. */
export function fetchTrusting(ca: string): typeof fetch {
  const dispatcher = new Agent({ connect: { ca } });
  return ((input: string, init?: RequestInit) =>
    undiciFetch(input, { ...(init as object), dispatcher })) as unknown as typeof fetch;
}

export interface HubLinkOptions {
  readonly url: string;
  readonly token: string;
  readonly appVersion: string;
  /** The office CA (PEM) the hub's certificate must chain to; the system's trust store when absent. */
  readonly ca?: string;
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
}

export class HubLink {
  readonly #base: string;
  readonly #fetch: typeof fetch;

  constructor(private readonly options: HubLinkOptions) {
    this.#base = options.url.replace(/\/+$/, '') + HUB_API_PREFIX;
    this.#fetch = options.fetch ?? (options.ca ? fetchTrusting(options.ca) : fetch);
  }

  get url(): string {
    return this.options.url;
  }

  async login(request: LoginRequest): Promise<SessionResponse> {
    return SessionResponseSchema.parse(await this.#send('POST', '/auth/login', request));
  }

  /** A session with nobody in it; `board` for a screen paired from another machine. */
  async windowSession(kind?: 'board'): Promise<SessionResponse> {
    return SessionResponseSchema.parse(await this.#send('POST', '/auth/session', kind ? { kind } : {}));
  }

  async logout(session: string): Promise<void> {
    await this.#send('POST', '/auth/logout', {}, session);
  }

  async listAccounts(session: string): Promise<AccountInfo[]> {
    return AccountListSchema.parse(await this.#send('GET', '/accounts', undefined, session));
  }

  async changeAccount(session: string, change: AccountChange): Promise<AccountChangeReply> {
    return AccountChangeReplySchema.parse(await this.#send('POST', '/accounts/change', change, session));
  }

  async accountStatuses(logins: readonly string[]): Promise<AccountStatus[]> {
    const query = new URLSearchParams(logins.map((login): [string, string] => ['login', login]));
    return AccountStatusResponseSchema.parse(await this.#send('GET', `/auth/accounts?${query}`)).accounts;
  }

  async #send(method: string, path: string, body?: object, bearer = this.options.token): Promise<unknown> {
    let response: Response;
    try {
      response = await this.#fetch(this.#base + path, {
        method,
        headers: {
          authorization: `Bearer ${bearer}`,
          [CLIENT_VERSION_HEADER]: this.options.appVersion,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
      });
    } catch (error) {
      throw new HubUnreachable(`The hub at ${this.options.url} did not answer: ${(error as Error).message}`);
    }
    const json: unknown = await response.json().catch(() => null);
    if (response.ok) return json;
    const refusal = HubErrorSchema.safeParse(json);
    // The hub is there but the office's directory behind it is not: said as such (credentials.ts).
    const directoryDown = refusal.success && refusal.data.error === 'directory-unavailable';
    if (response.status >= 500 && !directoryDown) throw new HubUnreachable(`The hub answered ${response.status}`);
    throw new HubRefusal(
      response.status,
      refusal.success ? refusal.data.error : 'unknown',
      refusal.success ? refusal.data.message : `HTTP ${response.status}`,
    );
  }
}
