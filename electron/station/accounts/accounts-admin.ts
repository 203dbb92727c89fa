/**
 * The admin screen's accounts, wherever they live: at the hub (in the admin's own session there,
 * so the hub checks the role again and records who did it), or in the workstation's own accounts
 * when it has no hub.
 */
import type { AccountChange, AccountChangeReply, AccountInfo } from '../../common/contract/accounts';
import { ContractFailure } from '../../common/contract/result';
import { isLocked } from '../../node/accounts/throttle';
import { HubRefusal, HubUnreachable, type HubLink } from './hub-link';
import { AccountsError, type LocalAccounts } from './local-accounts';

export interface AccountsAdmin {
  list(): Promise<AccountInfo[]>;
  change(change: AccountChange): Promise<AccountChangeReply>;
}

export class HubAccountsAdmin implements AccountsAdmin {
  constructor(
    private readonly link: HubLink,
    /** The signed-in admin's hub session; null when signed in offline. */
    private readonly session: () => string | null,
  ) {}

  list(): Promise<AccountInfo[]> {
    return this.#ask((session) => this.link.listAccounts(session));
  }

  change(change: AccountChange): Promise<AccountChangeReply> {
    return this.#ask((session) => this.link.changeAccount(session, change));
  }

  async #ask<T>(request: (session: string) => Promise<T>): Promise<T> {
    const session = this.session();
    if (!session) throw new ContractFailure('OFFLINE_SIGN_IN_UNAVAILABLE', 'Accounts are managed at the hub, online');
    try {
      return await request(session);
    } catch (error) {
      if (error instanceof HubUnreachable) throw new ContractFailure('DISCONNECTED', error.message);
      if (error instanceof HubRefusal)
        throw new ContractFailure(error.status === 403 ? 'FORBIDDEN' : 'BAD_REQUEST', error.message);
      throw error;
    }
  }
}

export class LocalAccountsAdmin implements AccountsAdmin {
  constructor(
    private readonly accounts: LocalAccounts,
    private readonly now: () => number,
  ) {}

  async list(): Promise<AccountInfo[]> {
    return (await this.accounts.all()).map((account) => ({
      login: account.login,
      displayName: account.displayName,
      roles: [...account.roles],
      active: account.active,
      locked: isLocked(account.lockedUntil, this.now()),
      mustChange: account.mustChange,
      secondFactor: account.secondFactor !== null,
      source: 'local' as const,
    }));
  }

  async change(change: AccountChange): Promise<AccountChangeReply> {
    try {
      switch (change.command) {
        case 'user.add':
          return { oneTimePassword: await this.accounts.add(change) };
        case 'user.reset':
          return { oneTimePassword: await this.accounts.reset(change.login) };
        case 'user.roles':
          await this.accounts.update(change.login, { roles: change.roles });
          return {};
        case 'user.disable':
        case 'user.enable':
          await this.accounts.update(change.login, { active: change.command === 'user.enable' });
          return {};
      }
    } catch (error) {
      if (error instanceof AccountsError) throw new ContractFailure('BAD_REQUEST', error.message);
      throw error;
    }
  }
}
