/**
 * Screens on other machines — a TV in the waiting room, a customer screen on a thin client — are
 * paired with this workstation once: an admin shows a short code on the settings screen, the
 * screen's browser enters it, and gets a device credential of one kind (board or customer screen)
 * and nothing more, which an admin can revoke. The credential is a cookie the browser host reads
 * on every WebSocket (electron/host/server.ts); only its SHA-256 is kept, in
 * `<data>/paired-screens.json`.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { PAIRED_KINDS, type PairedKind } from '../common/access/subjects';
import type { PairedScreen } from '../common/contract/pairing';
import { readJsonFile, writeJsonFile } from '../node/json-file';

export const PAIRED_FILE = 'paired-screens.json';
/** A code is good for five minutes and one screen. */
export const CODE_LIFETIME_MS = 5 * 60_000;

const StoredSchema = z.object({
  id: z.string(),
  kind: z.enum(PAIRED_KINDS),
  credentialHash: z.string(),
  pairedAt: z.number(),
  revokedAt: z.number().nullable(),
});
const FileSchema = z.object({ version: z.literal(1), screens: z.array(StoredSchema) });
type Stored = z.infer<typeof StoredSchema>;

const hash = (credential: string) => createHash('sha256').update(credential).digest('hex');

export class ScreenPairing {
  readonly #codes = new Map<string, { kind: PairedKind; expiresAt: number }>();
  #screens: Stored[] | null = null;

  constructor(
    private readonly dataDir: string,
    private readonly now: () => number,
  ) {}

  /** A new code for a screen of `kind`: six digits, typed once on the screen. */
  start(kind: PairedKind): { code: string; expiresAt: number } {
    const now = this.now();
    for (const [code, pending] of this.#codes) if (pending.expiresAt <= now) this.#codes.delete(code);
    let code: string;
    do code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    while (this.#codes.has(code));
    const expiresAt = now + CODE_LIFETIME_MS;
    this.#codes.set(code, { kind, expiresAt });
    return { code, expiresAt };
  }

  /** The code's screen, paired: its credential (to set as a cookie), or null for a wrong or old code. */
  async redeem(code: string): Promise<{ credential: string; kind: PairedKind } | null> {
    const pending = this.#codes.get(code);
    this.#codes.delete(code);
    if (!pending || pending.expiresAt <= this.now()) return null;
    const credential = randomBytes(32).toString('base64url');
    const screens = await this.#load();
    screens.push({
      id: randomBytes(6).toString('hex'),
      kind: pending.kind,
      credentialHash: hash(credential),
      pairedAt: this.now(),
      revokedAt: null,
    });
    await this.#save(screens);
    return { credential, kind: pending.kind };
  }

  /** The paired screen a credential belongs to, unless revoked. */
  async identify(credential: string): Promise<{ id: string; kind: PairedKind } | null> {
    const wanted = hash(credential);
    const screen = (await this.#load()).find((candidate) => candidate.credentialHash === wanted);
    return screen && screen.revokedAt === null ? { id: screen.id, kind: screen.kind } : null;
  }

  async list(): Promise<PairedScreen[]> {
    return (await this.#load()).map(({ id, kind, pairedAt, revokedAt }) => ({ id, kind, pairedAt, revokedAt }));
  }

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
