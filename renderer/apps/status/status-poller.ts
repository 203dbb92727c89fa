/**
 * Keeps a ticket's status fresh by asking the hub's public route every POLL_MS: polling, not a
 * stream, because a phone's page sleeps and wakes and a per-ticket stream would hold a connection
 * per visitor at the hub for little gain. A hidden page asks nothing and asks at once when shown
 * again; a failed question is asked again at the next turn, and the last good answer stays on
 * screen meanwhile. DOM-free (the environment is passed in), so the rules are unit-tested in Node.
 */
import { TicketStatusSchema, type TicketStatus } from '../../../electron/common/contract/public';
import { askPublic, publicAddress } from '../public/public-client';

/** Between two questions while the page is shown: fresh enough to walk to a counter in time. */
export const POLL_MS = 10_000;

/** What the page knows: the last answer, whether the hub knows the ticket, whether it can be reached. */
export interface StatusView {
  readonly status: TicketStatus | null;
  /** The hub answered that there is no such ticket. */
  readonly unknown: boolean;
  /** The last question got no usable answer (network, server); the page keeps trying. */
  readonly lost: boolean;
  /** When the last usable answer came (the page's clock), or null before the first. */
  readonly checkedAt: number | null;
}

export const INITIAL_VIEW: StatusView = { status: null, unknown: false, lost: false, checkedAt: null };

export type Answer =
  | { readonly kind: 'status'; readonly status: TicketStatus }
  | { readonly kind: 'unknown' }
  | { readonly kind: 'lost' }
  | { readonly kind: 'aborted' };

/** The view after an answer: a lost connection keeps what was known, and says so. */
export function nextView(view: StatusView, answer: Answer, now: number): StatusView {
  switch (answer.kind) {
    case 'status':
      return { status: answer.status, unknown: false, lost: false, checkedAt: now };
    case 'unknown':
      return { status: null, unknown: true, lost: false, checkedAt: now };
    case 'lost':
      return { ...view, lost: true };
    case 'aborted':
      return view;
  }
}

/** The hub's public route for a ticket, on the page's own origin (the hub serves both). */
export function statusAddress(id: string): string {
  return publicAddress(ticketPath(id));
}

function ticketPath(id: string): string {
  return `/tickets/${encodeURIComponent(id)}`;
}

/** One question to the hub. 404 is the hub's "no such ticket"; anything else unusable is a lost connection. */
export async function askStatus(fetcher: typeof fetch, id: string, signal: AbortSignal): Promise<Answer> {
  const answer = await askPublic(fetcher, ticketPath(id), TicketStatusSchema, { signal });
  switch (answer.kind) {
    case 'ok':
      return { kind: 'status', status: answer.value };
    case 'missing':
      return { kind: 'unknown' };
    case 'aborted':
      return { kind: 'aborted' };
    default:
      // Too many questions from this address reads as a lost connection: the next turn asks again.
      return { kind: 'lost' };
  }
}

/** What the poller needs of the page: the network, timers, the clock and whether it is hidden. */
export interface PollerEnvironment {
  readonly fetch: typeof fetch;
  readonly setTimeout: (run: () => void, ms: number) => unknown;
  readonly clearTimeout: (timer: unknown) => void;
  readonly now: () => number;
  readonly hidden: () => boolean;
}

/** Asks now, then every POLL_MS while shown; `onView` gets every change of the view. */
export class StatusPoller {
  #view: StatusView = INITIAL_VIEW;
  #timer: unknown = null;
  #asking: AbortController | null = null;
  #stopped = false;

  constructor(
    private readonly id: string,
    private readonly onView: (view: StatusView) => void,
    private readonly env: PollerEnvironment,
  ) {}

  /** Starts asking (at once unless hidden). */
  start(): void {
    if (!this.env.hidden()) void this.ask();
  }

  /** The page was hidden or shown again: hidden stops the turns, shown asks at once. */
  visibilityChanged(): void {
    if (this.env.hidden()) this.#cancelTurn();
    else void this.ask();
  }

  /** Asks at once (the page was shown, the network came back), replacing a question under way. */
  async ask(): Promise<void> {
    if (this.#stopped) return;
    this.#cancelTurn();
    this.#asking?.abort();
    const asking = new AbortController();
    this.#asking = asking;
    const answer = await askStatus(this.env.fetch, this.id, asking.signal);
    if (this.#stopped || asking !== this.#asking) return;
    this.#asking = null;
    this.#view = nextView(this.#view, answer, this.env.now());
    this.onView(this.#view);
    this.#scheduleTurn();
  }

  stop(): void {
    this.#stopped = true;
    this.#cancelTurn();
    this.#asking?.abort();
  }

  #scheduleTurn(): void {
    if (this.#stopped || this.env.hidden()) return;
    this.#timer = this.env.setTimeout(() => void this.ask(), POLL_MS);
  }

  #cancelTurn(): void {
    if (this.#timer !== null) this.env.clearTimeout(this.#timer);
    this.#timer = null;
  }
}
