/**
 * How the station checks a person's password: at the hub (and, while the hub is out of reach,
 * against the offline cache), or — for a workstation that works alone — against its own accounts.
 * Both speak the contract's error codes.
 */
import { needsSecondFactor, type SignedInUser } from '../../common/access/subjects';
import type { LoginFailure, SessionUser } from '../../common/contract/hub-auth';
import { ContractFailure, type ErrorCode } from '../../common/contract/result';
import type { SignInRequest } from '../../common/contract/session';
import { checkPassword } from '../../node/accounts/password';
import { acceptTotp } from '../../node/accounts/second-factor';
import { decideSignIn } from '../../node/accounts/sign-in';
import type { CredentialCache } from './credential-cache';
import { HubRefusal, HubUnreachable, type HubLink } from './hub-link';
import type { LocalAccounts } from './local-accounts';

export interface SignedIn {
  readonly user: SignedInUser;
  /** The hub's session for this person at this workstation; null offline or with no hub. */
  readonly hubSession: string | null;
  /** A supervisor's or admin's authenticator code was checked at this sign-in. */
  readonly secondFactor: boolean;
  /** New recovery codes, at enrolment: shown once to the person signing in. */
  readonly recoveryCodes?: readonly string[];
}

/** A password checked again: wrong, right, or right with the authenticator code. */
export type Verified = 'wrong-password' | 'bad-code' | 'password' | 'second-factor';

export interface Credentials {
  signIn(request: SignInRequest, now: number): Promise<SignedIn>;
  /** The signed-in person's password again (to unlock, to confirm a sensitive action), with the code if given. */
  verify(login: string, password: string, now: number, code?: string): Promise<Verified>;
}

const FAILURES: Readonly<Record<LoginFailure | 'directory-unavailable', ErrorCode>> = {
  'bad-credentials': 'BAD_CREDENTIALS',
  'account-locked': 'ACCOUNT_LOCKED',
  'account-disabled': 'ACCOUNT_DISABLED',
  'password-change-required': 'PASSWORD_CHANGE_REQUIRED',
  'weak-password': 'WEAK_PASSWORD',
  'too-many-attempts': 'TOO_MANY_ATTEMPTS',
  'second-factor-required': 'SECOND_FACTOR_REQUIRED',
  'second-factor-enrolment-required': 'SECOND_FACTOR_ENROLMENT_REQUIRED',
  'bad-second-factor': 'BAD_SECOND_FACTOR',
  'directory-unavailable': 'DIRECTORY_UNAVAILABLE',
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
    const { takeOver: _takeOver, ...login } = request;
    try {
      const reply = await this.link.login(login);
      const granted = reply.secondFactor;
      await this.cache.remember(reply.user!, request.newPassword ?? request.password, now, granted);
      return {
        user: signedIn(reply.user!, false),
        hubSession: reply.session,
        secondFactor: granted !== undefined,
        ...(granted?.recoveryCodes ? { recoveryCodes: granted.recoveryCodes } : {}),
      };
    } catch (error) {
      if (!(error instanceof HubRefusal || error instanceof HubUnreachable)) throw error;
      // The directory that checks this person is down: a person seen here signs in as if offline.
      if (error instanceof HubRefusal && error.code !== 'directory-unavailable')
        throw failure(error.code, error.message);
      return this.#offline(request, now, error);
    }
  }

  async #offline(request: SignInRequest, now: number, cause: Error): Promise<SignedIn> {
    const offline = await this.cache.check(request.login, request.password, now, request.code);
    if (offline.ok) {
      if (offline.secondFactor === false)
        throw new ContractFailure('SECOND_FACTOR_REQUIRED', 'The code from the authenticator app is needed');
      if (offline.secondFactor === null && needsSecondFactor(offline.user.roles))
        throw new ContractFailure('OFFLINE_SIGN_IN_UNAVAILABLE', 'No second factor is kept here for this person');
      return { user: signedIn(offline.user, true), hubSession: null, secondFactor: offline.secondFactor === true };
    }
    if (offline.reason === 'wrong-password') throw new ContractFailure('BAD_CREDENTIALS', 'Wrong login or password');
    if (offline.reason === 'bad-code') throw new ContractFailure('BAD_SECOND_FACTOR', 'Wrong or already used code');
    if (cause instanceof HubRefusal) throw failure(cause.code, cause.message);
    throw new ContractFailure(
      'OFFLINE_SIGN_IN_UNAVAILABLE',
      offline.reason === 'expired'
        ? 'The hub has not been reached for too long to sign in offline'
        : 'Offline sign-in needs an online sign-in at this workstation first',
    );
  }

  async verify(login: string, password: string, now: number, code?: string): Promise<Verified> {
    const checked = await this.cache.check(login, password, now, code);
    if (!checked.ok) return checked.reason === 'bad-code' ? 'bad-code' : 'wrong-password';
    return checked.secondFactor ? 'second-factor' : 'password';
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
    const codes = outcome.secondFactor?.recoveryCodes;
    return {
      user: signedIn(user, false),
      hubSession: null,
      secondFactor: outcome.secondFactor !== null,
      ...(codes ? { recoveryCodes: codes } : {}),
    };
  }

  async verify(login: string, password: string, now: number, code?: string): Promise<Verified> {
    const account = await this.accounts.find(login);
    if (!account?.verifier || !account.active || !(await checkPassword(account.verifier, password)))
      return 'wrong-password';
    const second = account.secondFactor;
    if (!second || !code) return 'password';
    const step = acceptTotp(second.secret, code, second.lastStep, now);
    if (step === null) return 'bad-code';
    await this.accounts.update(account.login, { secondFactor: { ...second, lastStep: step } });
    return 'second-factor';
  }
}
