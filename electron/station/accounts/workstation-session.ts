/**
 * Who is signed in at this workstation — one person at a time, as at any office PC — whether its
 * screens are locked, and the hub sessions its windows sync with. The station asks this for every
 * call (the caller of electron/common/access/station-access.ts) and tells every window when it
 * changes (`session.changed`).
 */
import type { Caller } from '../../common/access/station-access';
import type { SignedInUser, WindowKind } from '../../common/access/subjects';
import { ContractFailure } from '../../common/contract/result';
import type { AccountStatus } from '../../common/contract/hub-auth';
import type { HubConnection, SessionInfo, SignInReply, SignInRequest } from '../../common/contract/session';
import { AttemptLimiter } from '../../node/accounts/throttle';
import type { Logger } from '../log';
import type { CredentialCache } from './credential-cache';
import type { Credentials, Verified } from './credentials';
import { HubRefusal, type HubLink } from './hub-link';

export interface WorkstationSessionOptions {
  readonly credentials: Credentials;
  /** The hub and its offline cache; absent for a workstation that works alone. */
  readonly hub?: { readonly link: HubLink; readonly cache: CredentialCache; readonly slot: number };
  readonly now: () => number;
  readonly log: Logger;
  readonly idleLockMs: number;
  /** How old a password check may be for a sensitive action. */
  readonly reauthAfterMs: number;
  readonly onChange: (info: SessionInfo) => void;
}

/** Failed sign-ins, unlocks and confirmations at this workstation (the hub counts its own). */
const LOCAL_ATTEMPTS_KEY = 'workstation';

export class WorkstationSession {
  #user: SignedInUser | null = null;
  #locked = false;
  #checkedAt: number | null = null;
  /** When the authenticator code was last checked (a supervisor's or admin's sign-in, a confirmation). */
  #secondFactorAt: number | null = null;
  #confirmedAt: number | null = null;
  #hubSession: string | null = null;
  #windowSessions: Record<'workstation' | 'board', { session: string; expiresAt: number } | null> = {
    workstation: null,
    board: null,
  };
  /** Kept in memory only while signed in offline, to sign in at the hub once it answers again. */
  #offlinePassword: string | null = null;
  readonly #attempts = new AttemptLimiter();

  constructor(private readonly options: WorkstationSessionOptions) {}

  info(): SessionInfo {
    const user = this.#user;
    return {
      user: user && {
        login: user.login,
        displayName: user.displayName,
        roles: [...user.roles],
        ...(user.services ? { services: [...user.services] } : {}),
        offline: user.offline,
      },
      locked: this.#locked,
      checkedAt: this.#checkedAt,
      secondFactorAt: this.#secondFactorAt,
      idleLockMs: this.options.idleLockMs,
    };
  }

  /**
   * The caller a window is, for the access table: nobody while the screens are locked, and never
   * anybody at a screen paired from another machine.
   */
  caller(window: WindowKind, paired = false): Caller {
    return {
      window,
      paired,
      user: this.#locked || paired ? null : this.#user,
      checkedAt: this.#checkedAt,
      confirmedAt: this.#confirmedAt,
      secondFactorAt: this.#secondFactorAt,
      reauthAfterMs: this.options.reauthAfterMs,
    };
  }

  async signIn(request: SignInRequest): Promise<SignInReply> {
    const now = this.#guardAttempts();
    if (this.#user && this.#user.login !== request.login.trim().toLowerCase() && !request.takeOver)
      throw new ContractFailure('WORKSTATION_IN_USE', `${this.#user.login} is signed in here`);
    let signed;
    try {
      signed = await this.options.credentials.signIn(request, now);
    } catch (error) {
      if (error instanceof ContractFailure && error.code === 'BAD_CREDENTIALS')
        this.#attempts.fail(LOCAL_ATTEMPTS_KEY, now);
      throw error;
    }
    await this.#endHubSession();
    this.#user = signed.user;
    this.#hubSession = signed.hubSession;
    this.#offlinePassword = signed.user.offline ? (request.newPassword ?? request.password) : null;
    this.#locked = false;
    this.#checkedAt = now;
    this.#secondFactorAt = signed.secondFactor ? now : null;
    this.#confirmedAt = null;
    this.options.log.info('signed in', { login: signed.user.login, offline: signed.user.offline });
    // The hub answered: the offline cache learns at once who was disabled since (refresh()).
    if (!signed.user.offline) await this.#learnStatuses(now);
    const info = this.#changed();
    // The recovery codes go to the window that signed in, once, and to no other.
    return signed.recoveryCodes ? { ...info, recoveryCodes: [...signed.recoveryCodes] } : info;
  }

  async signOut(): Promise<SessionInfo> {
    if (this.#user) this.options.log.info('signed out', { login: this.#user.login });
    await this.#endHubSession();
    this.#user = null;
    this.#offlinePassword = null;
    this.#locked = false;
    this.#checkedAt = null;
    this.#secondFactorAt = null;
    this.#confirmedAt = null;
    return this.#changed();
  }

  lock(): SessionInfo {
    if (!this.#user || this.#locked) return this.info();
    this.#locked = true;
    return this.#changed();
  }

  async unlock(password: string): Promise<SessionInfo> {
    await this.#verify(password);
    this.#locked = false;
    return this.#changed();
  }

  /** The password again before a sensitive action; a supervisor or an admin gives the authenticator code too. */
  async confirm(password: string, code?: string): Promise<SessionInfo> {
    const verified = await this.#verify(password, code);
    if (verified === 'second-factor') this.#secondFactorAt = this.#checkedAt;
    this.#confirmedAt = this.#checkedAt;
    return this.#changed();
  }

  /**
   * Where a window syncs, and with what: the windows of this workstation share one database, which
   * whichever of them RxDB elects replicates, so each gets the session of whoever is signed in here
   * (of the workstation alone when nobody is, or the screens are locked). A paired screen on another
   * machine has a database of its own, and gets a session with nobody in it, held to a board's rights.
   */
  async hubConnection(paired: boolean): Promise<HubConnection> {
    const hub = this.options.hub;
    if (!hub) return null;
    const personal = this.#user && !this.#locked && !paired;
    const session = personal ? this.#hubSession : await this.#anonymousSession(paired ? 'board' : 'workstation');
    return { url: hub.link.url, session, slot: hub.slot };
  }

  /** A sensitive action was let through: the password given in the dialog for it counts no more. */
  consumeConfirmation(): void {
    this.#confirmedAt = null;
  }

  /** The hub session of the person signed in here now (for the admin screen); null offline, locked or alone. */
  personalHubSession(): string | null {
    return this.#user && !this.#locked ? this.#hubSession : null;
  }

  /**
   * The hub is asked (every minute, and when a window's requests were refused): a person signed in
   * offline is signed in at the hub too, and the offline cache learns who was disabled — who is
   * then signed out here at once.
   */
  async refresh(): Promise<void> {
    const hub = this.options.hub;
    if (!hub) return;
    const now = this.options.now();
    const statuses = await this.#learnStatuses(now);
    if (statuses === null) return;
    const mine = this.#user && statuses.find((status) => status.login === this.#user!.login);
    if (mine && !mine.active) {
      await this.signOut();
      return;
    }
    if (this.#user?.offline && this.#offlinePassword) await this.#goOnline(this.#user, this.#offlinePassword, now);
  }

  /** Asks the hub about everyone in the offline cache; the cache forgets whoever was disabled. Null: no answer. */
  async #learnStatuses(now: number): Promise<AccountStatus[] | null> {
    const hub = this.options.hub;
    if (!hub) return null;
    const statuses = await hub.link.accountStatuses(await hub.cache.logins()).catch(() => null);
    if (statuses) await hub.cache.contact(statuses, now);
    return statuses;
  }

  async #goOnline(user: SignedInUser, password: string, now: number): Promise<void> {
    try {
      const online = await this.options.credentials.signIn({ login: user.login, password }, now);
      if (this.#user?.login !== user.login) return;
      this.#user = online.user;
      this.#hubSession = online.hubSession;
      this.#offlinePassword = online.user.offline ? password : null;
      this.#changed();
    } catch (error) {
      if (!(error instanceof ContractFailure) || error.code === 'INTERNAL') throw error;
      // The hub wants a supervisor's authenticator code, which only the person can give: they stay
      // signed in offline (their changes wait here) until they sign in again.
      if (error.code === 'SECOND_FACTOR_REQUIRED' || error.code === 'SECOND_FACTOR_ENROLMENT_REQUIRED') {
        this.#offlinePassword = null;
        return;
      }
      // Refused now (disabled, password changed elsewhere): the offline sign-in ends.
      await this.signOut();
    }
  }

  async #verify(password: string, code?: string): Promise<Verified> {
    const now = this.#guardAttempts();
    if (!this.#user) throw new ContractFailure('NOT_SIGNED_IN', 'Nobody is signed in here');
    const verified = await this.options.credentials.verify(this.#user.login, password, now, code);
    if (verified === 'wrong-password' || verified === 'bad-code') {
      this.#attempts.fail(LOCAL_ATTEMPTS_KEY, now);
      if (verified === 'bad-code') throw new ContractFailure('BAD_SECOND_FACTOR', 'Wrong or already used code');
      throw new ContractFailure('BAD_CREDENTIALS', 'Wrong password');
    }
    this.#checkedAt = now;
    return verified;
  }

  #guardAttempts(): number {
    const now = this.options.now();
    if (!this.#attempts.allows(LOCAL_ATTEMPTS_KEY, now))
      throw new ContractFailure('TOO_MANY_ATTEMPTS', 'Too many failed attempts at this workstation');
    return now;
  }

  /** A session with nobody in it, kept while it lasts: the workstation's, or a paired board's. */
  async #anonymousSession(kind: 'workstation' | 'board'): Promise<string | null> {
    const hub = this.options.hub!;
    const now = this.options.now();
    const held = this.#windowSessions[kind];
    if (held && held.expiresAt - now > 60_000) return held.session;
    try {
      const opened = await hub.link.windowSession(kind === 'board' ? 'board' : undefined);
      this.#windowSessions[kind] = { session: opened.session, expiresAt: opened.expiresAt };
      return opened.session;
    } catch (error) {
      if (error instanceof HubRefusal) this.options.log.warn('the hub refused a window session', { code: error.code });
      return null;
    }
  }

  async #endHubSession(): Promise<void> {
    const session = this.#hubSession;
    this.#hubSession = null;
    if (session) await this.options.hub?.link.logout(session).catch(() => undefined);
  }

  #changed(): SessionInfo {
    const info = this.info();
    this.options.onChange(info);
    return info;
  }
}
