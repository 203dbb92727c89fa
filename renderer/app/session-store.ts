/**
 * Who is signed in at this workstation, as the station last said (`session.current`, then every
 * `session.changed`): the screens read it to show the sign-in, the lock and the person's name,
 * and the queue to write the person's login into the history.
 */
import type { SessionInfo } from '../../electron/common/contract/session';
import type { StationApi } from '../api/api';

export class SessionStore {
  #info: SessionInfo | null = null;
  readonly #listeners = new Set<() => void>();

  constructor(private readonly api: StationApi) {
    api.on('session.changed', (info) => this.#set(info));
  }

  get info(): SessionInfo | null {
    return this.#info;
  }

  async refresh(): Promise<void> {
    const reply = await this.api.session.current({});
    if (reply.ok) this.#set(reply.value);
  }

  /** For React's useSyncExternalStore. */
  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  snapshot = (): SessionInfo | null => this.#info;

  /** The person whose login the queue records, or null. */
  person = (): { login: string; offline: boolean } | null => {
    const user = this.#info?.user;
    return user ? { login: user.login, offline: user.offline } : null;
  };

  #set(info: SessionInfo): void {
    this.#info = info;
    for (const listener of this.#listeners) listener();
  }
}
