/**
 * Offline sign-in: a person who signed in at this workstation online may sign in here again while
 * the hub is out of reach, against a verifier this workstation made of the password at that online
 * sign-in (Argon2id, its own salt; the hub's verifier never leaves the hub). The cache holds only
 * people seen here, and stops working after `offlineDays` without any contact with the hub; every
 * contact asks the hub about each of them and forgets whoever is disabled or removed. A supervisor's
 * or admin's TOTP secret is kept sealed under the password (second-factor.ts), so the code is
 * checked here too. `<data>/signed-in-here.json`, readable by this user only.
 */
import path from 'node:path';
import { z } from 'zod';
import { USER_ROLES } from '../../common/access/subjects';
import type { AccountStatus, SessionResponse, SessionUser } from '../../common/contract/hub-auth';
import { checkPassword, makeVerifier } from '../../node/accounts/password';
import { acceptTotp, openSealed } from '../../node/accounts/second-factor';

/** What the hub gives a workstation of a person's second factor (contract/hub-auth.ts). */
type HubGrant = NonNullable<SessionResponse['secondFactor']>;
import { readJsonFile, writeJsonFile } from '../../node/json-file';

export const CACHE_FILE = 'signed-in-here.json';
const DAY_MS = 24 * 60 * 60_000;

const CachedSchema = z.object({
  login: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(USER_ROLES)),
  services: z.array(z.string()).nullable(),
  verifier: z.string(),
  /** The TOTP secret sealed under the password, and the last step used here. */
  sealedSecret: z.string().optional(),
  lastStep: z.number().optional(),
});
const CacheFileSchema = z.object({
  version: z.literal(1),
  /** The last time the hub answered this workstation (ms). */
  hubContactAt: z.number(),
  people: z.array(CachedSchema),
});
type CacheFile = z.infer<typeof CacheFileSchema>;

export type OfflineCheck =
  | {
      readonly ok: true;
      readonly user: SessionUser;
      /** The code was given and right; null when the person has no second factor kept here. */
      readonly secondFactor: boolean | null;
    }
  | { readonly ok: false; readonly reason: 'never-online-here' | 'expired' | 'wrong-password' | 'bad-code' };

export class CredentialCache {
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dataDir: string,
    private readonly offlineDays: number,
  ) {}

  get file(): string {
    return path.join(this.dataDir, CACHE_FILE);
  }

  /** After a successful online sign-in: remember this person with a verifier of this password (and the second factor). */
  async remember(user: SessionUser, password: string, now: number, granted?: HubGrant): Promise<void> {
    const verifier = await makeVerifier(password);
    const second = granted?.sealedSecret ? { sealedSecret: granted.sealedSecret, lastStep: granted.step ?? 0 } : {};
    await this.#change((cache) => {
      const before = cache.people.find((person) => person.login === user.login);
      const lastStep = Math.max(before?.lastStep ?? 0, second.lastStep ?? 0);
      const person = { ...user, verifier, ...second, ...(second.sealedSecret ? { lastStep } : {}) };
      return { ...cache, hubContactAt: now, people: [...cache.people.filter((p) => p.login !== user.login), person] };
    });
  }

  /** The hub answered: the clock of the offline period starts again, and people it no longer knows go. */
  async contact(statuses: readonly AccountStatus[] | null, now: number): Promise<void> {
    await this.#change((cache) => {
      if (!statuses) return { ...cache, hubContactAt: now };
      const byLogin = new Map(statuses.map((status) => [status.login, status]));
      const people = cache.people.flatMap((person) => {
        const status = byLogin.get(person.login);
        if (status && !status.active) return [];
        return [status ? { ...person, displayName: status.displayName, roles: status.roles } : person];
      });
      return { ...cache, hubContactAt: now, people };
    });
  }

  async logins(): Promise<string[]> {
    return (await this.#read()).people.map((person) => person.login);
  }

  /** The password (and, when given, the authenticator code) of a person seen here. */
  async check(login: string, password: string, now: number, code?: string): Promise<OfflineCheck> {
    const cache = await this.#read();
    const person = cache.people.find((candidate) => candidate.login === login.trim().toLowerCase());
    if (!person) return { ok: false, reason: 'never-online-here' };
    if (now - cache.hubContactAt > this.offlineDays * DAY_MS) return { ok: false, reason: 'expired' };
    if (!(await checkPassword(person.verifier, password))) return { ok: false, reason: 'wrong-password' };
    const { verifier: _verifier, sealedSecret, lastStep: _lastStep, ...user } = person;
    if (!sealedSecret || !code) return { ok: true, user, secondFactor: sealedSecret ? false : null };
    const secret = await openSealed(sealedSecret, password);
    const step = secret && acceptTotp(secret, code, person.lastStep ?? 0, now);
    if (!step) return { ok: false, reason: 'bad-code' };
    await this.#change((latest) => ({
      ...latest,
      people: latest.people.map((p) => (p.login === person.login ? { ...p, lastStep: step } : p)),
    }));
    return { ok: true, user, secondFactor: true };
  }

  async #read(): Promise<CacheFile> {
    const read = await readJsonFile(this.file, CacheFileSchema);
    return read.kind === 'ok' ? read.value : { version: 1, hubContactAt: 0, people: [] };
  }

  #change(edit: (cache: CacheFile) => CacheFile): Promise<void> {
    const run = this.#queue.then(async () => writeJsonFile(this.file, edit(await this.#read()), { secret: true }));
    this.#queue = run.catch(() => undefined);
    return run;
  }
}
