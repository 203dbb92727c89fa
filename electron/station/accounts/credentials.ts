/**
 * How the station checks a person's password: at the hub (and, while the hub is out of reach,
 * against the offline cache), or — for a workstation that works alone — against its own accounts.
 * Both speak the contract's error codes.
 */
import type { SignedInUser } from '../../common/access/subjects';
import type { LoginFailure, SessionUser } from '../../common/contract/hub-auth';
import { ContractFailure, type ErrorCode } from '../../common/contract/result';
import type { SignInRequest } from '../../common/contract/session';
import { checkPassword } from '../../node/accounts/password';
import { decideSignIn } from '../../node/accounts/sign-in';
import type { CredentialCache } from './credential-cache';
import { HubRefusal, HubUnreachable, type HubLink } from './hub-link';
import type { LocalAccounts } from './local-accounts';

export interface SignedIn {
  readonly user: SignedInUser;
  /** The hub's session for this person at this workstation; null offline or with no hub. */
  readonly hubSession: string | null;
}

export interface Credentials {
  signIn(request: SignInRequest, now: number): Promise<SignedIn>;
  /** The signed-in person's password again (to unlock, to confirm a sensitive action). */
  verify(login: string, password: string, now: number): Promise<boolean>;
}

const FAILURES: Readonly<Record<LoginFailure, ErrorCode>> = {
  'bad-credentials': 'BAD_CREDENTIALS',
  'account-locked': 'ACCOUNT_LOCKED',
  'account-disabled': 'ACCOUNT_DISABLED',
  'password-change-required': 'PASSWORD_CHANGE_REQUIRED',
  'weak-password': 'WEAK_PASSWORD',
  'too-many-attempts': 'TOO_MANY_ATTEMPTS',
};

function failure(code: string, message: string): ContractFailure {
  const known = (FAILURES as Record<string, ErrorCode | undefined>)[code];
  if (known) return new ContractFailure(known, message);
  if (code === 'unknown-token' || code === 'no-token') return new ContractFailure('WORKSTATION_NOT_ENROLLED', message);
  return new ContractFailure('INTERNAL', message);
}

function signedIn(user: SessionUser, offline: boolean): SignedInUser {
  return {
    login: user.login,
    displayName: user.displayName,
    roles: user.roles,
    ...(user.services ? { services: user.services } : {}),
    offline,
  };
}

/** Online at the hub; offline against the cache of people who signed in here online. */
export class HubCredentials implements Credentials {
  constructor(
    private readonly link: HubLink,
    private readonly cache: CredentialCache,
  ) {}

  async signIn(request: SignInRequest, now: number): Promise<SignedIn> {
    const { login, password, newPassword } = request;
    try {
      const reply = await this.link.login(newPassword ? { login, password, newPassword } : { login, password });
      await this.cache.remember(reply.user!, newPassword ?? password, now);
      return { user: signedIn(reply.user!, false), hubSession: reply.session };
    } catch (error) {
      if (error instanceof HubRefusal) throw failure(error.code, error.message);
      if (!(error instanceof HubUnreachable)) throw error;
    }
    const offline = await this.cache.check(login, password, now);
    if (offline.ok) return { user: signedIn(offline.user, true), hubSession: null };
    if (offline.reason === 'wrong-password') throw new ContractFailure('BAD_CREDENTIALS', 'Wrong login or password');
    throw new ContractFailure(
      'OFFLINE_SIGN_IN_UNAVAILABLE',
      offline.reason === 'expired'
        ? 'The hub has not been reached for too long to sign in offline'
        : 'Offline sign-in needs an online sign-in at this workstation first',
    );
  }

  async verify(login: string, password: string, now: number): Promise<boolean> {
    return (await this.cache.check(login, password, now)).ok;
  }
}

/** A workstation that works alone: its own accounts. */
export class LocalCredentials implements Credentials {
  constructor(private readonly accounts: LocalAccounts) {}

  async signIn(request: SignInRequest, now: number): Promise<SignedIn> {
    const account = await this.accounts.find(request.login);
    const outcome = await decideSignIn(account, request, now);
    if (account && outcome.change) await this.accounts.update(account.login, outcome.change);
    if (!outcome.ok) throw failure(outcome.failure, outcome.message);
    const user = {
      ...account!,
      services: account!.services ? [...account!.services] : null,
      roles: [...account!.roles],
    };
    return { user: signedIn(user, false), hubSession: null };
  }

  async verify(login: string, password: string): Promise<boolean> {
    const account = await this.accounts.find(login);
    return account?.verifier ? account.active && (await checkPassword(account.verifier, password)) : false;
  }
}
