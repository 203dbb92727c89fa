/**
 * The session this window's hub requests carry. The station opens it (the workstation's token
 * never reaches a window) and it changes with whoever signs in or out here, so it is asked for
 * again at every `session.changed` and whenever the hub refuses it.
 */
import type { HubConnection } from '../../electron/common/contract/session';
import type { StationApi } from '../api/api';

export class HubCredential {
  #session: string | null;
  #asking: Promise<void> | null = null;

  constructor(
    private readonly api: StationApi,
    first: NonNullable<HubConnection>,
  ) {
    this.#session = first.session;
    // For the page's life: a window has one workstation, and its credential changes with it.
    api.on('session.changed', () => void this.refresh());
  }

  /** The session to send now; null while the station has none (the hub is out of reach). */
  current = (): string | null => {
    if (this.#session === null) void this.refresh();
    return this.#session;
  };

  refresh(): Promise<void> {
    this.#asking ??= this.api.hub
      .connection({})
      .then((reply) => {
        if (reply.ok) this.#session = reply.value?.session ?? null;
      })
      .finally(() => (this.#asking = null));
    return this.#asking;
  }
}
