/**
 * The accounts of a workstation that works alone, with no hub: the same accounts as the hub keeps
 * (electron/hub/users.ts), in `<data>/accounts.json` (readable by this user only), managed with
 * the same commands (`npm run serve -- user add <login> --role admin`), so even a one-counter
 * office has no anonymous counter.
 */
import path from 'node:path';
import { z } from 'zod';
import { USER_ROLES, type UserRole } from '../../common/access/subjects';
import { LoginSchema } from '../../common/contract/hub-auth';
import { makeVerifier, oneTimePassword } from '../../node/accounts/password';
import type { AccountChange, AccountRecord } from '../../node/accounts/sign-in';
import { readJsonFile, writeJsonFile } from '../../node/json-file';

export const ACCOUNTS_FILE = 'accounts.json';

const AccountSchema = z.object({
  login: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(USER_ROLES)).min(1),
  services: z.array(z.string()).nullable(),
  active: z.boolean(),
  verifier: z.string().nullable(),
  mustChange: z.boolean(),
  failedCount: z.number().int().nonnegative(),
  lockedUntil: z.number().nullable(),
  /** A supervisor's or admin's authenticator app (files written before it existed have none). */
  secondFactor: z
    .object({ secret: z.string(), lastStep: z.number(), recoveryHashes: z.array(z.string()) })
    .nullable()
    .default(null),
});
const AccountsFileSchema = z.object({ version: z.literal(1), accounts: z.array(AccountSchema) });

export class AccountsError extends Error {}

export interface NewLocalAccount {
  readonly login: string;
  readonly roles: readonly UserRole[];
  readonly displayName?: string | undefined;
  readonly services?: readonly string[] | undefined;
}

/** The workstation's own accounts; every change is written at once. */
export class LocalAccounts {
  #queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly dataDir: string) {}

  get file(): string {
    return path.join(this.dataDir, ACCOUNTS_FILE);
  }

  async all(): Promise<AccountRecord[]> {
    const read = await readJsonFile(this.file, AccountsFileSchema);
    if (read.kind === 'corrupt')
      throw new AccountsError(`${this.file} ${read.problem}; it was moved aside as ${ACCOUNTS_FILE}.corrupt`);
    return read.kind === 'ok' ? read.value.accounts : [];
  }

  async find(login: string): Promise<AccountRecord | null> {
    const parsed = LoginSchema.safeParse(login);
    if (!parsed.success) return null;
    return (await this.all()).find((account) => account.login === parsed.data) ?? null;
  }

  /** A new account with a one-time password to replace at the first sign-in; resolves to that password. */
  async add(account: NewLocalAccount): Promise<string> {
    const login = checkedLogin(account.login);
    if (account.roles.length === 0) throw new AccountsError('An account needs at least one role');
    const password = oneTimePassword();
    const verifier = await makeVerifier(password);
    await this.#change((accounts) => {
      if (accounts.some((existing) => existing.login === login))
        throw new AccountsError(`An account "${login}" exists already`);
      return [
        ...accounts,
        {
          login,
          displayName: account.displayName?.trim() || login,
          roles: [...new Set(account.roles)],
          services: account.services ? [...account.services] : null,
          active: true,
          verifier,
          mustChange: true,
          failedCount: 0,
          lockedUntil: null,
          secondFactor: null,
        },
      ];
    });
    return password;
  }

  async reset(login: string): Promise<string> {
    const password = oneTimePassword();
    const verifier = await makeVerifier(password);
    // The second factor goes with the password (a lost phone is the usual reason): enrolled again.
    await this.update(login, { verifier, mustChange: true, failedCount: 0, lockedUntil: null, secondFactor: null });
    return password;
  }

  async update(login: string, change: AccountChange & Partial<Pick<AccountRecord, 'active' | 'roles'>>): Promise<void> {
    const wanted = checkedLogin(login);
    await this.#change((accounts) => {
      if (!accounts.some((account) => account.login === wanted))
        throw new AccountsError(`No account is named "${wanted}"`);
      return accounts.map((account) => (account.login === wanted ? { ...account, ...change } : account));
    });
  }

  /** One change at a time, each read from and written to the file. */
  #change(edit: (accounts: AccountRecord[]) => AccountRecord[]): Promise<void> {
    const run = this.#queue.then(async () => {
      const next = edit(await this.all());
      await writeJsonFile(this.file, { version: 1, accounts: next }, { secret: true });
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }
}

function checkedLogin(login: string): string {
  const parsed = LoginSchema.safeParse(login);
  if (!parsed.success)
    throw new AccountsError(`"${login.slice(0, 64)}" is not a login: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}
