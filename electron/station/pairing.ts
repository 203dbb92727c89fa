/**
 * Screens on other machines — a TV in the waiting room, a customer screen on a thin client — are
 * paired with this workstation once: an admin shows a short code on the settings screen, the
 * screen's browser enters it, and gets a device credential of one kind (board or customer screen)
 * and nothing more, which an admin can revoke. A customer screen is paired for one counter and is
 * held to it (its visitor's data only: electron/common/access/station-access.ts `checkCounter`).
 * The credential is a cookie the browser host reads on every WebSocket (electron/host/server.ts);
 * only its SHA-256 is kept, in `<data>/paired-screens.json`.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { PAIRED_KINDS } from '../common/access/subjects';
import {
  PairedCounterSchema,
  PairingStartSchema,
  type PairAnswer,
  type PairedScreen,
  type PairingStart,
} from '../common/contract/pairing';
import { formatIssues } from '../common/contract/dispatch';
import { ContractFailure } from '../common/contract/result';
import { readJsonFile, writeJsonFile } from '../node/json-file';

export const PAIRED_FILE = 'paired-screens.json';
/** A code is good for five minutes and one screen. */
export const CODE_LIFETIME_MS = 5 * 60_000;

const StoredSchema = z.object({
  id: z.string(),
  kind: z.enum(PAIRED_KINDS),
  /**
   * The counter a customer screen stands at. Absent for a board, and for a customer screen paired
   * before screens named their counter: that one is held to no counter, so it shows no visitor.
   */
  counter: PairedCounterSchema.optional(),
  credentialHash: z.string(),
  pairedAt: z.number(),
  revokedAt: z.number().nullable(),
});
const FileSchema = z.object({ version: z.literal(1), screens: z.array(StoredSchema) });
type Stored = z.infer<typeof StoredSchema>;

/** Who a paired screen is: its id, its kind and, for a customer screen, its counter. */
export type PairedIdentity = PairAnswer & { readonly id: string };

const hash = (credential: string) => createHash('sha256').update(credential).digest('hex');

/** What a stored screen is, without its secret (a counter only if it has one). */
function described({ kind, counter }: Stored): PairAnswer {
  return counter === undefined ? { kind } : { kind, counter };
}

export class ScreenPairing {
  readonly #codes = new Map<string, { target: PairingStart; expiresAt: number }>();
  #screens: Stored[] | null = null;

  constructor(
    private readonly dataDir: string,
    private readonly now: () => number,
  ) {}

  /**
   * A new code for a board, or for the customer screen of one counter: six digits, typed once on
   * the screen. A customer screen without a counter, or a board with one, is refused (BAD_REQUEST),
   * whoever calls: the counter is what holds the screen to one visitor's data.
   */
  start(target: PairingStart): { code: string; expiresAt: number } {
    const checked = PairingStartSchema.safeParse(target);
    if (!checked.success) throw new ContractFailure('BAD_REQUEST', `pairing.start: ${formatIssues(checked.error)}`);
    const now = this.now();
    for (const [code, pending] of this.#codes) if (pending.expiresAt <= now) this.#codes.delete(code);
    let code: string;
    do code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    while (this.#codes.has(code));
    const expiresAt = now + CODE_LIFETIME_MS;
    this.#codes.set(code, { target: checked.data, expiresAt });
    return { code, expiresAt };
  }

  /**
   * The code's screen, paired: its credential (to set as a cookie) and what it now is (its page
   * opens that screen), or null for a wrong or old code.
   */
  async redeem(code: string): Promise<(PairAnswer & { credential: string }) | null> {
    const pending = this.#codes.get(code);
    this.#codes.delete(code);
    if (!pending || pending.expiresAt <= this.now()) return null;
    const credential = randomBytes(32).toString('base64url');
    const screens = await this.#load();
    const screen: Stored = {
      id: randomBytes(6).toString('hex'),
      ...pending.target,
      credentialHash: hash(credential),
      pairedAt: this.now(),
      revokedAt: null,
    };
    screens.push(screen);
    await this.#save(screens);
    return { credential, ...described(screen) };
  }

  /** The paired screen a credential belongs to, unless revoked: what the host holds its WebSocket to. */
  async identify(credential: string): Promise<PairedIdentity | null> {
    const wanted = hash(credential);
    const screen = (await this.#load()).find((candidate) => candidate.credentialHash === wanted);
    return screen && screen.revokedAt === null ? { id: screen.id, ...described(screen) } : null;
  }

  /** Every screen paired so far, revoked ones too, for the device screen (no credential hashes). */
  async list(): Promise<PairedScreen[]> {
    return (await this.#load()).map((screen) => ({
      id: screen.id,
      ...described(screen),
      pairedAt: screen.pairedAt,
      revokedAt: screen.revokedAt,
    }));
  }

  /** The screen's credential stops working: the host lets its WebSocket go at its next word. */
  async revoke(id: string): Promise<PairedScreen[]> {
    const screens = await this.#load();
    const screen = screens.find((candidate) => candidate.id === id);
    if (screen && screen.revokedAt === null) screen.revokedAt = this.now();
    await this.#save(screens);
    return this.list();
  }

  async #load(): Promise<Stored[]> {
    if (this.#screens) return this.#screens;
    const read = await readJsonFile(path.join(this.dataDir, PAIRED_FILE), FileSchema);
    this.#screens = read.kind === 'ok' ? read.value.screens : [];
    return this.#screens;
  }

  async #save(screens: Stored[]): Promise<void> {
    this.#screens = screens;
    await writeJsonFile(path.join(this.dataDir, PAIRED_FILE), { version: 1, screens }, { secret: true });
  }
}
